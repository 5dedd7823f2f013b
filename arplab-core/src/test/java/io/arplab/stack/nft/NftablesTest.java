package io.arplab.stack.nft;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.wire.ArpFrames;
import java.util.List;
import org.junit.jupiter.api.Test;

/** nft_do_chain() and the hook's chain order, on frames built here (the nft tool's own replay: NftRecordingTest). */
class NftablesTest {
    private static final long GATEWAY_MAC = 0x0242_8eff_44b3L;
    private static final long ATTACKER_MAC = 0x0242_ac1c_000cL;
    private final Nftables nft = new Nftables();
    private final Packet p = new Packet();

    private static byte[] reply(long sha, int spa) {
        byte[] f = new byte[ArpFrames.FRAME_LENGTH];
        ArpFrames.write(f, 0, 0x0242_ac1c_000bL, sha, 2, sha, spa, 0x0242_ac1c_000bL, 0xac1c_000b);
        return f;
    }

    private boolean arpIn(byte[] frame) {
        return nft.accept(Family.ARP, Hook.INPUT, p.set(frame, 14, "eth0", null, Packet.PACKET_HOST, 0x0806));
    }

    private static Expr.Match eq(Field f, long v) {
        return new Expr.Match(new Field[] {f}, false, v, f.type.size == 4 ? 0xffff_ffffL : 0xffff_ffff_ffffL, -1, null,
                null);
    }

    private static Expr.Verdict verdict(Expr.Verdict.Kind k, String chain) {
        return new Expr.Verdict(k, chain);
    }

    @Test
    void aReplyOutsideTheAllowedSetIsDroppedAndCounted() {
        Table t = nft.addTable(Family.ARP, "filter");
        Chain c = nft.addChain(t, "input", "filter", Hook.INPUT, 0, false);
        NftSet allowed = new NftSet("allowed", t.nextHandle(), new DataType[] {DataType.IPV4_ADDR, DataType.ETHER_ADDR},
                false);
        allowed.add(new long[] {0xac1c_0001L, GATEWAY_MAC});
        Expr.Counter counter = new Expr.Counter();
        c.rules.add(new Rule(t.nextHandle(), List.of(new Expr.Match(new Field[] {Field.ARP_SADDR_IP,
                Field.ARP_SADDR_ETHER}, true, 0, 0, 0, null, allowed), counter,
                verdict(Expr.Verdict.Kind.DROP, null))));
        nft.changed();
        assertThat(arpIn(reply(GATEWAY_MAC, 0xac1c_0001))).isTrue();
        assertThat(arpIn(reply(ATTACKER_MAC, 0xac1c_0001))).isFalse();
        assertThat(counter.packets).isEqualTo(1);
        assertThat(counter.bytes).isEqualTo(28); // skb->len from the ARP header on
        assertThat(nft.accept(Family.ARP, Hook.OUTPUT, p)).isTrue(); // no chain at that hook
    }

    @Test
    void aDropInAnyBaseChainEndsItAndAnAcceptOnlyEndsItsChain() {
        Table t = nft.addTable(Family.ARP, "a");
        Chain late = nft.addChain(t, "late", "filter", Hook.INPUT, 10, false);
        Chain early = nft.addChain(t, "early", "filter", Hook.INPUT, -10, false);
        Expr.Counter lateSeen = new Expr.Counter();
        early.rules.add(new Rule(t.nextHandle(), List.of(verdict(Expr.Verdict.Kind.ACCEPT, null))));
        late.rules.add(new Rule(t.nextHandle(), List.of(lateSeen, verdict(Expr.Verdict.Kind.DROP, null))));
        nft.changed();
        assertThat(arpIn(reply(GATEWAY_MAC, 1))).isFalse();
        assertThat(lateSeen.packets).isEqualTo(1);
    }

    @Test
    void thePolicyAppliesAtTheEndOfABaseChainAndAfterAReturn() {
        Table t = nft.addTable(Family.ARP, "a");
        Chain c = nft.addChain(t, "input", "filter", Hook.INPUT, 0, true);
        Chain sub = nft.addChain(t, "sub", null, null, 0, false);
        sub.rules.add(new Rule(t.nextHandle(), List.of(eq(Field.ARP_SADDR_ETHER, GATEWAY_MAC),
                verdict(Expr.Verdict.Kind.ACCEPT, null))));
        sub.rules.add(new Rule(t.nextHandle(), List.of(verdict(Expr.Verdict.Kind.RETURN, null))));
        c.rules.add(new Rule(t.nextHandle(), List.of(verdict(Expr.Verdict.Kind.JUMP, "sub"))));
        nft.changed();
        assertThat(arpIn(reply(GATEWAY_MAC, 1))).isTrue();   // accepted in the jumped-to chain
        assertThat(arpIn(reply(ATTACKER_MAC, 1))).isFalse(); // returned, then policy drop
    }

    @Test
    void aPayloadMatchNeedsItsProtocol() {
        Table t = nft.addTable(Family.BRIDGE, "b");
        Chain c = nft.addChain(t, "pre", "filter", Hook.PREROUTING, 0, false);
        // arp saddr ip != 172.28.0.12 drop: an IPv4 frame is no ARP packet, so the rule does not apply to it
        c.rules.add(new Rule(t.nextHandle(), List.of(new Expr.Match(new Field[] {Field.ARP_SADDR_IP}, true,
                0xac1c_000cL, 0xffff_ffffL, -1, null, null), verdict(Expr.Verdict.Kind.DROP, null))));
        nft.changed();
        byte[] ip = new byte[60];
        ip[12] = 0x08;
        assertThat(nft.accept(Family.BRIDGE, Hook.PREROUTING, p.set(ip, 14, "veth-n2", null, 3, 0x0800))).isTrue();
        byte[] arp = reply(ATTACKER_MAC, 0xac1c_0001);
        assertThat(nft.accept(Family.BRIDGE, Hook.PREROUTING, p.set(arp, 14, "veth-n2", null, 0, 0x0806))).isFalse();
    }

    @Test
    void interfaceNamesAndIpChainsOfTheInetFamily() {
        Table t = nft.addTable(Family.INET, "t");
        Chain c = nft.addChain(t, "in", "filter", Hook.INPUT, 0, false);
        c.rules.add(new Rule(t.nextHandle(), List.of(new Expr.Match(new Field[] {Field.IIFNAME}, false, 0, 0, -1, "eth1",
                null), verdict(Expr.Verdict.Kind.DROP, null))));
        nft.changed();
        byte[] ip = new byte[60];
        assertThat(nft.accept(Family.IP, Hook.INPUT, p.set(ip, 14, "eth0", null, 0, 0x0800))).isTrue();
        assertThat(nft.accept(Family.IP, Hook.INPUT, p.set(ip, 14, "eth1", null, 0, 0x0800))).isFalse();
        nft.deleteTable(t);
        assertThat(nft.accept(Family.IP, Hook.INPUT, p.set(ip, 14, "eth1", null, 0, 0x0800))).isTrue();
    }
}
