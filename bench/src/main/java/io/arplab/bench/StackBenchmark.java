package io.arplab.bench;

import io.arplab.stack.HostStack;
import io.arplab.stack.NetDevice;
import io.arplab.stack.NudState;
import io.arplab.stack.SeededRandom;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The paths the stack really runs: node3's HostStack.receive() of a real frame from node1, through arp_process() or
 * ip_rcv() → icmp_echo() → ip_output(), to the answer handed to the outbox.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StackBenchmark {
    private static final long NOW = 1_000_000_000L;

    private final byte[] arpRequest = Frames.arpRequest();
    private final byte[] echoRequest = Frames.echoRequest();
    private HostStack stack;
    private NetDevice eth0;
    /** The outbox: keeps the last frame handed to it (what a device would put on the wire). */
    private final Sink sink = new Sink();

    static final class Sink implements HostStack.Outbox {
        byte[] last;
        int frames;

        @Override
        public void transmit(NetDevice dev, byte[] frame) {
            last = frame;
            frames++;
        }
    }

    @Setup
    public void setUp() {
        stack = new HostStack("node3", new SeededRandom(42), 0, 0);
        eth0 = stack.addDevice("eth0", MacAddress.of(Frames.NODE3_MAC), 1500);
        stack.addAddress(eth0, Ipv4Address.of(Frames.NODE3_IP), 16);
        // node1 already resolved (its request taught node3 its address): the reply leaves without an ARP round
        stack.neighAdd(0, eth0, Ipv4Address.parse("172.28.0.11"), MacAddress.parse("02:42:ac:1c:00:0b"),
                NudState.PERMANENT, true, sink);
    }

    /** arp_rcv() → arp_process(): the requester's entry refreshed (neigh_event_ns), the 42-byte reply sent. */
    @Benchmark
    public byte[] arpRequestToReply() {
        stack.receive(NOW, eth0, arpRequest, sink);
        return sink.last;
    }

    /** ip_rcv() → icmp_rcv() → icmp_echo() → ip_output() → neighbour output: the 98-byte echo reply sent. */
    @Benchmark
    public byte[] echoRequestToReply() {
        stack.receive(NOW, eth0, echoRequest, sink);
        return sink.last;
    }
}
