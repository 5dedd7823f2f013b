package io.arplab.bench;

import io.arplab.device.Device;
import io.arplab.device.LinuxBridge;
import io.arplab.lab.Lab;
import io.arplab.lab.LanBench;
import io.arplab.sim.Network;
import io.arplab.sim.NetworkNode;
import io.arplab.sim.Scheduler;
import io.arplab.stack.HostStack;
import io.arplab.stack.NeighbourEntry;
import io.arplab.stack.NeighbourTable;
import io.arplab.stack.NetDevice;
import io.arplab.stack.SeededRandom;
import io.arplab.wire.ArpFrames;
import io.arplab.wire.EthernetFrames;
import io.arplab.wire.MacAddress;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The hot paths of a big LAN, on the real classes: a bridge's flood of a broadcast ARP request through the simulator
 * to every host (indexed: only the hosts it can change run; full: all of them), a neighbour table lookup among
 * thousands of entries, the bridge's forwarding of a known unicast frame (FDB lookup), and the scheduler re-arming a
 * timer among thousands. Allocation per operation (-prof gc) must be about 0 (a flood allocates its delivery event).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FloodBenchmark {
    @Param({"1000"})
    public int hosts;

    @Param({"true", "false"})
    public boolean indexed;

    private Lab lab;
    private Network network;
    private NetworkNode bridgeNode;
    private int ingress;
    private final byte[] request = new byte[ArpFrames.FRAME_LENGTH];
    private long now;

    private NeighbourTable table;
    private NetDevice eth0;
    private int[] known;
    private int probe;

    private LinuxBridge bridge;
    private final byte[] unicast = new byte[60];
    private final Device.Output drop = new Device.Output() {
        @Override
        public void transmit(int port, byte[] frame) {
            sent++;
        }

        @Override
        public int portCount() {
            return hosts + 1;
        }
    };
    private long sent;

    private Scheduler scheduler;
    private Scheduler.Event[] events;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        // a LAN of `hosts` hosts (10.0.0.2 on) behind the gateway 10.0.0.1, which owns br0
        lab = LanBench.build(hosts, 1);
        network = lab.network();
        network.setIndexedFloods(indexed);
        bridgeNode = network.node("br0");
        ingress = network.node("h0").peerPort(0);
        // h0 asks for an address nobody has: every host checks it and changes nothing (the common case of a big LAN)
        ArpFrames.write(request, 0, MacAddress.BROADCAST.bits(), 0x0242_0a00_0002L, 1, 0x0242_0a00_0002L,
                0x0a00_0002, 0, 0x0aff_fffe);
        now = network.now();

        // a host's table holding `hosts` entries, looked up by address (half of the probes miss)
        HostStack stack = new HostStack("gw", new SeededRandom(1), 0, 0);
        eth0 = stack.addDevice("eth0", MacAddress.parse("02:42:0a:00:00:01"), 1500);
        stack.addAddress(eth0, io.arplab.wire.Ipv4Address.parse("10.0.0.1"), 8);
        table = stack.neighbours();
        table.setGcConfig(new NeighbourTable.GcConfig(hosts, hosts * 2, hosts * 4, 30_000_000_000L));
        known = new int[hosts * 2];
        for (int i = 0; i < hosts; i++) {
            int ip = 0x0a00_0002 + i;
            stack.neighCreate(0, eth0, io.arplab.wire.Ipv4Address.of(ip), false);
            known[2 * i] = ip;
            known[2 * i + 1] = ip + 0x0100_0000; // not in the table
        }

        // br0 knows every host's MAC: a unicast frame to one is forwarded by an FDB lookup
        bridge = lab.bridge("br0");
        EthernetFrames.writeHeader(unicast, 0, 0x0242_0000_0000L | (0x0a00_0002 + hosts / 2), 0x0242_0a00_0002L, 0x0800);
        for (int i = 0; i < hosts; i++) {
            long mac = 0x0242_0000_0000L | (0x0a00_0002 + i);
            bridge.receive(0, i + 1, learnFrom(mac), drop);
        }

        // a scheduler holding `hosts` armed timers
        scheduler = new Scheduler();
        events = new Scheduler.Event[hosts];
        for (int i = 0; i < hosts; i++) {
            events[i] = scheduler.at(1_000_000_000L + i * 1000L, t -> { });
        }
    }

    private static byte[] learnFrom(long mac) {
        byte[] f = new byte[60];
        EthernetFrames.writeHeader(f, 0, 0x0242_0a00_0001L, mac, 0x0800);
        return f;
    }

    /** br_flood() of a broadcast ARP request to every port, each host's arp_process() (or its counted skip). */
    @Benchmark
    public long floodDelivery() {
        bridgeNode.flood(ingress, request);
        now += Network.DEFAULT_LATENCY;
        network.runUntil(now);
        return network.deliveries();
    }

    /** neigh_lookup() among `hosts` entries, hits and misses alternating. */
    @Benchmark
    public NeighbourEntry neighbourLookup() {
        int ip = known[probe];
        probe = probe + 1 == known.length ? 0 : probe + 1;
        return table.lookup(eth0, ip);
    }

    /** br_handle_frame_finish(): learn the source, find the destination's port, forward. */
    @Benchmark
    public long fdbForward() {
        bridge.receive(0, 1, unicast, drop);
        return sent;
    }

    /** Re-arming one timer among `hosts` (neighbour timers, tools' intervals) in the scheduler's heap. */
    @Benchmark
    public long schedulerRearm() {
        Scheduler.Event e = events[next];
        next = next + 1 == events.length ? 0 : next + 1;
        long t = e.deadline() + hosts * 1000L;
        scheduler.schedule(e, t);
        return scheduler.nextEventTime();
    }
}
