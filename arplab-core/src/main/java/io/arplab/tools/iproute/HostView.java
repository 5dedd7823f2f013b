package io.arplab.tools.iproute;

import io.arplab.device.Switch;
import io.arplab.stack.HostStack;
import io.arplab.stack.NetDevice;
import io.arplab.tools.ToolContext;
import io.arplab.wire.MacAddress;
import io.arplab.wire.MacAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a tool in a namespace sees of its links: the stack's devices, and the switches whose own interface is one
 * of them, found through the node's runtime (a switch's ports are then the devices named after its ports, with it
 * as their master).
 */
public final class HostView {
    public final HostStack stack;
    private final Map<NetDevice, Switch> bridges = new LinkedHashMap<>();

    public HostView(ToolContext ctx) {
        this.stack = ctx.stack();
        for (Switch sw : ctx.switches()) {
            NetDevice own = stack.device(sw.name());
            if (own != null) {
                bridges.put(own, sw);
            }
        }
    }

    /** The bridge whose own interface is {@code dev}, or null. */
    public Switch bridgeOf(NetDevice dev) {
        return bridges.get(dev);
    }

    public Map<NetDevice, Switch> bridges() {
        return bridges;
    }

    /** The bridge device a port belongs to, or null. */
    public NetDevice masterDevice(NetDevice port) {
        return port.master() == null ? null : stack.device(port.master());
    }

    /** The bridge a port belongs to, or null. */
    public Switch masterBridge(NetDevice port) {
        NetDevice m = masterDevice(port);
        return m == null ? null : bridges.get(m);
    }

    /** The device of bridge port {@code port} (0: the bridge's own interface), or null. */
    public NetDevice portDevice(Switch br, int port) {
        for (Map.Entry<NetDevice, Switch> e : bridges.entrySet()) {
            if (e.getValue() == br) {
                if (port == Switch.LOCAL_PORT) {
                    return e.getKey();
                }
                NetDevice d = stack.device(br.portName(port));
                return d != null && e.getKey().name.equals(d.master()) ? d : null;
            }
        }
        return null;
    }

    /** The bridge port number of a port device, or -1. */
    public int portNumber(Switch br, NetDevice dev) {
        for (int p = 1; p < br.portCount(); p++) {
            if (br.portName(p).equals(dev.name)) {
                return p;
            }
        }
        return -1;
    }

    /** IFF_RUNNING, as the stack decides it ({@link HostStack#running(NetDevice)}). */
    public boolean carrier(NetDevice d) {
        return stack.running(d);
    }

    /** IFLA_OPERSTATE as iproute2 names it. */
    public String operstate(NetDevice d) {
        if (d.loopback) {
            return d.isUp() ? "UNKNOWN" : "DOWN";
        }
        if (!d.isUp()) {
            return "DOWN";
        }
        if (carrier(d)) {
            return "UP";
        }
        return "DOWN"; // a veth whose peer is down, as recorded on kernel 6.18 (refdata/local/addr/link.out)
    }

    /** print_link_flags(): "<BROADCAST,MULTICAST,UP,LOWER_UP> ". */
    public String flags(NetDevice d) {
        StringBuilder sb = new StringBuilder("<");
        boolean up = d.isUp();
        boolean running = carrier(d);
        if (up && !running) {
            sb.append("NO-CARRIER,");
        }
        if (d.loopback) {
            sb.append("LOOPBACK,");
        } else {
            sb.append("BROADCAST,MULTICAST,");
        }
        if (d.noarp()) {
            sb.append("NOARP,");
        }
        if (up) {
            sb.append("UP,");
            if (running) {
                sb.append("LOWER_UP,");
            }
        }
        sb.setLength(sb.length() - 1);
        return sb.append("> ").toString();
    }

    private static final MacAddress ALL_NODES_MC = MacAddress.parse("33:33:00:00:00:01");
    private static final MacAddress SNOOPERS_MC = MacAddress.parse("01:00:5e:00:00:6a");
    private static final MacAddress SNOOPERS6_MC = MacAddress.parse("33:33:00:00:00:6a");
    private static final MacAddress ALL_HOSTS_MC = MacAddress.parse("01:00:5e:00:00:01");

    /**
     * dev->mc in order, as /proc/net/dev_mcast and ndo_dflt_fdb_dump() list it (new addresses go last): the IPv6
     * all-nodes group's 33:33:00:00:00:01, joined at NETDEV_REGISTER even with IPv6 disabled; while the device is
     * up a snooping bridge's all-snoopers groups (br_multicast_open(): 224.0.0.106, ff02::6a), then ip_mc_up()'s
     * 224.0.0.1; then the multicast addresses bridge fdb added (dev_mc_add_excl()) and ip maddr added
     * (dev_mc_add_global()). A loopback device maps no group (arp_mc_map(), ndisc_mc_map()).
     */
    public List<MacAddress> devMc(NetDevice d) {
        List<MacAddress> mc = heldMc(d);
        for (MacAddress m : d.globalMcAddresses()) {
            if (!mc.contains(m)) {
                mc.add(m);
            }
        }
        return mc;
    }

    /** {@link #devMc} but for what only ip maddr added: the addresses the kernel and bridge fdb hold. */
    public List<MacAddress> heldMc(NetDevice d) {
        List<MacAddress> mc = new java.util.ArrayList<>();
        if (!d.loopback) {
            mc.add(ALL_NODES_MC);
            if (d.isUp()) {
                Switch br = bridgeOf(d);
                if (br != null && br.fdb().mcastSnooping()) {
                    mc.add(SNOOPERS_MC);
                    mc.add(SNOOPERS6_MC);
                }
                mc.add(ALL_HOSTS_MC);
            }
        }
        for (MacAddress m : d.fdbAddresses()) {
            if (m.isMulticast() && !mc.contains(m)) {
                mc.add(m);
            }
        }
        return mc;
    }

    /** The interface name with its link: "eth0@if4" for a veth whose peer is in another namespace. */
    public String nameAndLink(NetDevice d) {
        if (d.peerIfindex() > 0) {
            return d.name + "@if" + d.peerIfindex();
        }
        return d.name;
    }
}
