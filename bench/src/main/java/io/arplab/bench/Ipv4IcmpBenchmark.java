package io.arplab.bench;

import io.arplab.wire.EthernetView;
import io.arplab.wire.IcmpView;
import io.arplab.wire.Ipv4View;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The IPv4/ICMP receive path for a 98-byte echo request (64 bytes of ICMP). */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Ipv4IcmpBenchmark {
    private final byte[] request = Frames.echoRequest();
    private final EthernetView eth = new EthernetView(request);
    private final Ipv4View ip = new Ipv4View(request);
    private final IcmpView icmp = new IcmpView(request);

    /** Ethernet, IPv4 and ICMP check(), both checksums verified, then identifier and sequence read. */
    @Benchmark
    public int parseAndCheck() {
        if (eth.wrap(request, 0, request.length).check() != null || eth.etherTypeValue() != 0x0800) {
            return -1;
        }
        if (ip.wrap(request, eth.payloadOffset(), eth.payloadLength()).check() != null || !ip.headerChecksumValid()
                || ip.protocolNumber() != 1) {
            return -2;
        }
        if (icmp.wrap(request, ip.payloadOffset(), ip.payloadLength()).check() != null || !icmp.checksumValid()) {
            return -3;
        }
        return icmp.identifier() << 16 | icmp.sequenceNumber();
    }
}
