package io.arplab.bench;

import io.arplab.stack.nft.Chain;
import io.arplab.stack.nft.DataType;
import io.arplab.stack.nft.Expr;
import io.arplab.stack.nft.Family;
import io.arplab.stack.nft.Field;
import io.arplab.stack.nft.Hook;
import io.arplab.stack.nft.NftSet;
import io.arplab.stack.nft.Nftables;
import io.arplab.stack.nft.Packet;
import io.arplab.stack.nft.Rule;
import io.arplab.stack.nft.Table;
import io.arplab.wire.ArpFrames;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * An ARP reply through the arp family's input hook: {@code rules - 1} rules that do not match (arp saddr ip), then
 * the anti-spoofing rule (sender ip . ether not in the allowed set: counter, drop). Cost grows with the rules; every
 * benchmark must allocate nothing (-prof gc).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NftBenchmark {
    @Param({"1", "100"})
    public int rules;

    private final Nftables nft = new Nftables();
    private final Packet packet = new Packet();
    private final byte[] forged = new byte[ArpFrames.FRAME_LENGTH];
    private final byte[] genuine = new byte[ArpFrames.FRAME_LENGTH];

    @Setup
    public void setup() {
        Table t = nft.addTable(Family.ARP, "filter");
        Chain c = nft.addChain(t, "input", "filter", Hook.INPUT, 0, false);
        NftSet allowed = new NftSet("allowed", t.nextHandle(), new DataType[] {DataType.IPV4_ADDR, DataType.ETHER_ADDR},
                false);
        allowed.add(new long[] {0xac1c_0001L, 0x0242_8eff_44b3L});
        t.sets.put("allowed", allowed);
        for (int i = 1; i < rules; i++) {
            c.rules.add(new Rule(t.nextHandle(), List.of(new Expr.Match(new Field[] {Field.ARP_SADDR_IP}, false,
                    0x0a00_0000L + i, 0xffff_ffffL, -1, null, null), new Expr.Verdict(Expr.Verdict.Kind.DROP, null))));
        }
        c.rules.add(new Rule(t.nextHandle(), List.of(
                new Expr.Match(new Field[] {Field.ARP_OPERATION}, false, 2, 0xffff, -1, null, null),
                new Expr.Match(new Field[] {Field.ARP_SADDR_IP, Field.ARP_SADDR_ETHER}, true, 0, 0, 0, null, allowed),
                new Expr.Counter(), new Expr.Verdict(Expr.Verdict.Kind.DROP, null))));
        nft.changed();
        ArpFrames.write(forged, 0, 0x0242_ac1c_000bL, 0x0242_ac1c_000cL, 2, 0x0242_ac1c_000cL, 0xac1c_0001, 0x0242_ac1c_000bL,
                0xac1c_000b);
        ArpFrames.write(genuine, 0, 0x0242_ac1c_000bL, 0x0242_8eff_44b3L, 2, 0x0242_8eff_44b3L, 0xac1c_0001,
                0x0242_ac1c_000bL, 0xac1c_000b);
    }

    /** arpspoof's reply: dropped by the last rule. */
    @Benchmark
    public boolean forgedReply() {
        return nft.accept(Family.ARP, Hook.INPUT, packet.set(forged, 14, "eth0", null, Packet.PACKET_HOST, 0x0806));
    }

    /** The gateway's own reply: passes every rule. */
    @Benchmark
    public boolean genuineReply() {
        return nft.accept(Family.ARP, Hook.INPUT, packet.set(genuine, 14, "eth0", null, Packet.PACKET_HOST, 0x0806));
    }
}
