package io.arplab.bench;

import io.arplab.wire.ArpFrames;
import io.arplab.wire.ArpView;
import io.arplab.wire.EthernetView;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The ARP receive path of a host: check a frame, read it, answer it. Every benchmark must allocate nothing. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ArpBenchmark {
    private final byte[] request = Frames.arpRequest();
    private final byte[] out = new byte[64];
    private final EthernetView eth = new EthernetView(request);
    private final ArpView arp = new ArpView(request);

    /** Ethernet and ARP check(), then the fields a neighbour table needs. */
    @Benchmark
    public long parseAndCheck() {
        if (eth.wrap(request, 0, request.length).check() != null || eth.etherTypeValue() != 0x0806) {
            return -1;
        }
        if (arp.wrap(request, eth.payloadOffset(), eth.payloadLength()).check() != null || !arp.isEthernetIpv4()) {
            return -2;
        }
        return arp.operationCode() ^ arp.senderHardwareAddressBits() ^ arp.senderProtocolAddressBits()
                ^ arp.targetProtocolAddressBits();
    }

    /** The same with views made per frame: escape analysis removes them (still 0 B/op). */
    @Benchmark
    public long parseAndCheckFreshViews() {
        EthernetView e = new EthernetView(request, 0, request.length);
        if (e.check() != null || e.etherTypeValue() != 0x0806) {
            return -1;
        }
        ArpView a = new ArpView(request, e.payloadOffset(), e.payloadLength());
        if (a.check() != null || !a.isEthernetIpv4()) {
            return -2;
        }
        return a.operationCode() ^ a.senderHardwareAddressBits() ^ a.senderProtocolAddressBits()
                ^ a.targetProtocolAddressBits();
    }

    /** Views, a "is the target mine" test, then the reply written from primitives (the whole path: StackBenchmark). */
    @Benchmark
    public int requestToReplyViaViews() {
        if (eth.wrap(request, 0, request.length).check() != null || eth.etherTypeValue() != 0x0806) {
            return -1;
        }
        if (arp.wrap(request, eth.payloadOffset(), eth.payloadLength()).check() != null || !arp.isEthernetIpv4()
                || arp.operationCode() != 1 || arp.targetProtocolAddressBits() != Frames.NODE3_IP) {
            return -2;
        }
        long sha = arp.senderHardwareAddressBits();
        return ArpFrames.write(out, 0, sha, Frames.NODE3_MAC, 2, Frames.NODE3_MAC, Frames.NODE3_IP, sha,
                arp.senderProtocolAddressBits());
    }

    /** A broadcast request, as a host sends when a neighbour entry is created. */
    @Benchmark
    public int writeRequest() {
        return ArpFrames.writeRequest(out, 0, Frames.NODE3_MAC, Frames.NODE3_IP, 0xffff_ffff_ffffL, 0xac1c_000b);
    }
}
