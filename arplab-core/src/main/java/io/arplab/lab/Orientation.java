package io.arplab.lab;

import io.arplab.device.Device;
import io.arplab.device.Host;
import io.arplab.device.Switch;
import io.arplab.sim.Network;
import io.arplab.sim.NetworkNode;
import io.arplab.stack.NetDevice;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The commands that show a lab as a whole, as Mininet's CLI names them: {@code nodes}, {@code net}, {@code links},
 * {@code dump}, {@code pingall}. Bridges are shown with the network name the lab file gives them.
 */
final class Orientation {
    /**
     * What the lab file called things.
     *
     * @param networks   bridge device name to the lab file's network name
     * @param bridgeHost the host that owns the bridges (Docker's host, the root namespace), left out of pingall; or null
     */
    record Names(Map<String, String> networks, String bridgeHost) {
        static final Names NONE = new Names(Map.of(), null);

        Names {
            networks = Map.copyOf(networks);
        }
    }

    private final Lab lab;
    private Names names = Names.NONE;

    Orientation(Lab lab) {
        this.lab = lab;
    }

    void names(Names names) {
        this.names = names;
    }

    /** Each node with its kind and, for a host, its interfaces and addresses. */
    void nodes(PrintWriter out) {
        for (NetworkNode n : lab.network().nodes()) {
            Device d = n.device();
            String kind = d instanceof Switch sw ? sw.kind() : d instanceof Host ? "host" : "tap (to the kernel)";
            StringBuilder s = new StringBuilder(n.name()).append("  ").append(kind);
            String net = names.networks().get(n.name());
            if (net != null) {
                s.append("  network ").append(net);
            }
            if (d instanceof Host h) {
                for (NetDevice dev : h.stack().devices()) {
                    if (!dev.loopback) {
                        s.append("  ").append(dev.name);
                        for (NetDevice.Address a : dev.addresses()) {
                            s.append(' ').append(a.address()).append('/').append(a.prefixLength());
                        }
                    }
                }
            }
            out.println(s);
        }
    }

    /** Mininet's {@code net}: each node's ports and what they connect to. */
    void net(PrintWriter out) {
        for (NetworkNode n : lab.network().nodes()) {
            StringBuilder s = new StringBuilder(n.name());
            Device d = n.device();
            for (int p = 0; p < d.portCount(); p++) {
                NetworkNode peer = n.peer(p);
                s.append(' ').append(d.portName(p)).append(':');
                s.append(peer == null ? "-" : peer.name() + "-" + peer.device().portName(n.peerPort(p)));
            }
            out.println(s);
        }
    }

    /**
     * Mininet's {@code links}: every link once, {@code node1-eth0<->br-x-veth1 (OK OK)}; an end is OK when its
     * interface is up with carrier (a bridge port: always, as Mininet checks only that the interface exists).
     */
    void links(PrintWriter out) {
        for (NetworkNode n : lab.network().nodes()) {
            Device d = n.device();
            for (int p = 0; p < d.portCount(); p++) {
                NetworkNode peer = n.peer(p);
                if (peer == null || peer.index() < n.index() || peer == n && n.peerPort(p) < p) {
                    continue;
                }
                int q = n.peerPort(p);
                out.println(n.name() + "-" + d.portName(p) + "<->" + peer.name() + "-" + peer.device().portName(q)
                        + " (" + status(d, p) + " " + status(peer.device(), q) + ")");
            }
        }
    }

    private static String status(Device d, int port) {
        if (d instanceof Host h) {
            NetDevice dev = h.port(port);
            return !dev.isUp() ? "DOWN" : dev.carrier() ? "OK" : "NO-CARRIER";
        }
        return "OK";
    }

    /** Per node: its kind, its interfaces as {@code ip -br addr} prints them and its routes as {@code ip route} does. */
    void dump(PrintWriter out) {
        for (NetworkNode n : lab.network().nodes()) {
            Device d = n.device();
            if (d instanceof Host) {
                out.println("<Host " + n.name() + ">");
                indent(out, lab.exec(n.name(), "ip -br addr").stdout());
                indent(out, lab.exec(n.name(), "ip route").stdout());
            } else {
                StringBuilder s = new StringBuilder("<").append(d instanceof Switch sw ? sw.kind() : "tap")
                        .append(' ').append(n.name());
                String net = names.networks().get(n.name());
                if (net != null) {
                    s.append(" network ").append(net);
                }
                s.append(":");
                for (int p = 0; p < d.portCount(); p++) {
                    s.append(' ').append(d.portName(p));
                }
                out.println(s.append('>'));
            }
        }
    }

    private static void indent(PrintWriter out, String text) {
        text.lines().forEach(l -> out.println("    " + l));
    }

    /**
     * Mininet's {@code pingall}: every host pings every other once ({@code ping -c1 -W TIMEOUT}, one after the
     * other), a line per host naming the answering peers ({@code X} for silence), then the loss as Mininet rounds it
     * (down). Returns whether nothing was lost.
     */
    boolean pingall(PrintWriter out, int timeoutSeconds) {
        List<Host> hosts = new ArrayList<>();
        for (NetworkNode n : lab.network().nodes()) {
            if (n.device() instanceof Host h && !n.name().equals(names.bridgeHost()) && firstAddress(h) != null) {
                hosts.add(h);
            }
        }
        out.println("*** Ping: testing ping reachability");
        out.flush();
        int sent = 0;
        int received = 0;
        for (Host src : hosts) {
            StringBuilder line = new StringBuilder(src.name()).append(" -> ");
            for (Host dst : hosts) {
                if (dst == src) {
                    continue;
                }
                sent++;
                Lab.Result r = lab.exec(src.name(), "ping -c1 -W " + timeoutSeconds + " " + target(src, dst));
                if (r.exitCode() == 0) {
                    received++;
                    line.append(dst.name()).append(' ');
                } else {
                    line.append("X ");
                }
            }
            out.println(line);
            out.flush();
        }
        int lost = sent - received;
        int loss = sent == 0 ? 0 : (int) (100.0 * lost / sent);
        out.println("*** Results: " + loss + "% dropped (" + received + "/" + sent + " received)");
        return lost == 0;
    }

    /** The peer's first address the source reaches without a gateway (a connected route), else its first address. */
    private static String target(Host src, Host dst) {
        for (NetDevice d : dst.stack().devices()) {
            for (NetDevice.Address a : d.addresses()) {
                io.arplab.stack.Route r = d.loopback ? null : src.stack().routes().lookup(a.address().bits());
                if (r != null && r.gateway() == null) {
                    return a.address().toString();
                }
            }
        }
        return firstAddress(dst);
    }

    private static String firstAddress(Host h) {
        for (NetDevice d : h.stack().devices()) {
            if (!d.loopback && !d.addresses().isEmpty()) {
                return d.addresses().get(0).address().toString();
            }
        }
        return null;
    }
}
