package io.arplab.api;

import io.arplab.device.Host;
import io.arplab.stack.NeighbourEntry;
import io.arplab.stack.NetDevice;
import io.arplab.stack.NudState;
import io.arplab.tools.iproute.NeighFormat;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A host of a {@link Lab}: run the tools people know in it ({@link #exec}, {@link #ping}), read its neighbour table
 * ({@link #neigh}, {@link #neighbours}), put any frame on its wire ({@link #inject}). Commands run to completion in
 * virtual time: {@code ping("b", 2)} returns after ping's own second between requests has passed in the lab.
 */
public final class Node {
    /** ip neigh show's default: every state but NOARP (iproute2 ipneigh.c, filter.state). */
    private static final int SHOWN = 0xff & ~NudState.NOARP.bits;

    private final Lab lab;
    private final String name;
    private final Host host;

    Node(Lab lab, String name, Host host) {
        this.lab = lab;
        this.name = name;
        this.host = host;
    }

    /** The node's name in the lab file. */
    public String name() {
        return name;
    }

    /** Runs one command line (as typed in a shell: {@code "ip -s neigh"}) to completion and returns what it printed. */
    public ExecResult exec(String commandLine) {
        return lab.exec(name, commandLine);
    }

    /** {@code ping -c COUNT TARGET} (a name or an address), to completion; its counters and round-trip times. */
    public PingResult ping(String target, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("ping count " + count + ": at least 1");
        }
        return PingResult.of(target, exec("ping -c " + count + " " + target));
    }

    /** The entry for {@code address} (on any interface) as {@code ip neigh show} lists it, else empty. */
    public Optional<Neighbour> neigh(String address) {
        int ip = Ipv4Address.parse(address).bits();
        for (Neighbour n : neighbours()) {
            if (n.address().bits() == ip) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /** Every entry {@code ip neigh show} lists (all states but NOARP), in the table's order. */
    public List<Neighbour> neighbours() {
        List<Neighbour> out = new ArrayList<>();
        long now = lab.engine().now();
        for (NeighbourEntry e : host.stack().neighbours().entries()) {
            if ((e.stateBits() & SHOWN) == 0) {
                continue;
            }
            String line = NeighFormat.neigh(e, now, 0, true, false);
            out.add(new Neighbour(e.address(), e.device().name, e.state(),
                    (e.stateBits() & NudState.VALID) != 0 ? Optional.of(e.lladdr()) : Optional.empty(), e.probes(),
                    Duration.ofNanos(now - e.used()), Duration.ofNanos(now - e.confirmed()),
                    Duration.ofNanos(now - e.updated()), e.isRouter(), line));
        }
        return out;
    }

    /**
     * Sends {@code frame} (a whole Ethernet frame, e.g. from {@link Frames}) out of interface {@code ifname} as a
     * packet socket would ({@code sendto()} on AF_PACKET): it is captured and delivered like any frame the node
     * sends, after the lab's clock moves on ({@link Lab#advance}).
     */
    public void inject(String ifname, byte[] frame) {
        NetDevice dev = host.stack().device(ifname);
        if (dev == null || dev.loopback) {
            throw new IllegalArgumentException(name + " has no interface '" + ifname + "'");
        }
        if (frame.length < 14) {
            throw new IllegalArgumentException("frame of " + frame.length + " bytes: an Ethernet header needs 14");
        }
        byte[] copy = frame.clone();
        lab.engine().network().act(lab.engine().network().node(name),
                out -> host.stack().sendRaw(dev, copy, host.outbox(out)));
    }

    /** {@link #inject} on the node's first interface (eth0 in most labs). */
    public void send(byte[] frame) {
        inject(firstInterface().name, frame);
    }

    /** The MAC address of interface {@code ifname}. */
    public MacAddress mac(String ifname) {
        NetDevice dev = host.stack().device(ifname);
        if (dev == null) {
            throw new IllegalArgumentException(name + " has no interface '" + ifname + "'");
        }
        return MacAddress.of(dev.macBits());
    }

    /** The MAC address of the first interface. */
    public MacAddress mac() {
        return MacAddress.of(firstInterface().macBits());
    }

    /** The primary address of the first interface. */
    public Ipv4Address address() {
        NetDevice d = firstInterface();
        NetDevice.Address a = d.primary();
        if (a == null) {
            throw new IllegalStateException(name + " " + d.name + " has no IPv4 address");
        }
        return a.address();
    }

    /** The names of the node's interfaces (without lo), in order. */
    public List<String> interfaces() {
        List<String> names = new ArrayList<>();
        for (NetDevice d : host.stack().devices()) {
            if (!d.loopback) {
                names.add(d.name);
            }
        }
        return names;
    }

    /** {@code sysctl -w KEY=VALUE} in the node, with the kernel's rules; its error when the write is refused. */
    public void sysctl(String key, long value) {
        ExecResult r = exec("sysctl -w " + key + "=" + value);
        if (r.exitCode() != 0) {
            throw new IllegalArgumentException(name + ": " + r.stderr().strip());
        }
    }

    /** The capture of interface {@code ifname} so far ({@link Lab#capture}). */
    public Capture capture(String ifname) {
        return lab.capture(name, ifname);
    }

    private NetDevice firstInterface() {
        for (NetDevice d : host.stack().devices()) {
            if (!d.loopback) {
                return d;
            }
        }
        throw new IllegalStateException(name + " has no interface but lo");
    }

    /** The node's name. */
    @Override
    public String toString() {
        return name;
    }
}
