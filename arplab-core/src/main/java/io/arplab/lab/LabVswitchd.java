package io.arplab.lab;

import io.arplab.device.Host;
import io.arplab.device.OvsBridge;
import io.arplab.flow.Datapath;
import io.arplab.flow.Ofproto;
import io.arplab.runtime.Vswitchd;
import io.arplab.stack.NetDevice;
import io.arplab.wire.MacAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One host's ovs-vswitchd in a lab (vswitchd/bridge.c bridge_reconfigure()): its bridges on its dummy datapath. A
 * deleted bridge or internal port keeps its node and wires in the lab, dead, so the same name can come back.
 */
final class LabVswitchd implements Vswitchd {
    private final Lab lab;
    private final Host owner;
    private final Datapath datapath;
    private final Map<String, OvsBridge> bridges = new LinkedHashMap<>();
    private final Map<String, OvsBridge> deleted = new LinkedHashMap<>();
    private final io.arplab.runtime.VlogLevels vlog = new io.arplab.runtime.VlogLevels();

    LabVswitchd(Lab lab, Host owner, Datapath datapath) {
        this.lab = lab;
        this.owner = owner;
        this.datapath = datapath;
    }

    void added(OvsBridge b) {
        bridges.put(b.bridgeName(), b);
    }

    @Override
    public List<OvsBridge> bridges() {
        return new ArrayList<>(bridges.values());
    }

    @Override
    public OvsBridge addBridge(String name) {
        OvsBridge b = deleted.remove(name);
        if (b != null) {
            datapath.nextDummyMac(); // the local port's netdev, opened again
            datapath.restore(b.ofproto());
            b.ofproto().recreated();
            setUp(owner.stack().device(name), true);
        } else {
            // bridge_pick_local_hw_addr(): a random MAC when nothing sets one (drawn from the seed here)
            long mac = (new java.util.SplittableRandom(lab.seed() ^ name.hashCode()).nextLong() & 0xfeff_ffff_ffffL)
                    | 0x0200_0000_0000L;
            Ofproto o = new Ofproto(name, mac, mac, datapath);
            o.failMode = null;
            String node = lab.network().node(name) == null ? name : owner.name() + "." + name;
            b = lab.addOvsBridge(o, owner, node);
        }
        b.ofproto().failMode = null;
        b.ofproto().flushed(lab.now());
        bridges.put(name, b);
        return b;
    }

    @Override
    public void delBridge(OvsBridge b) {
        for (Ofproto.Port p : b.ofproto().ports()) {
            delPort(b, p.name);
        }
        for (var r : b.ofproto().tables.all()) {
            b.ofproto().tables.remove(r);
        }
        datapath.remove(b.ofproto());
        bridges.remove(b.bridgeName());
        deleted.put(b.bridgeName(), b);
        setUp(owner.stack().device(b.bridgeName()), false);
    }

    @Override
    public void addPort(OvsBridge b, String name, String type, long ofport, Map<String, String> options) {
        boolean tunnel = type.equals("geneve");
        boolean vport = tunnel || type.equals("patch") || type.equals("vxlan") || type.equals("gre");
        if (!NETDEV_TYPES.contains(type.isEmpty() ? "system" : type)) { // netdev_open(): no class of that type
            throw new IllegalArgumentException("could not open network device " + name + " (Address family not "
                    + "supported by protocol)");
        }
        if (!vport && !type.equals("dummy") && !type.equals("internal")) {
            throw new IllegalArgumentException("could not open network device " + name + " (No such device)");
        }
        if (type.equals("vxlan") && concomitantVxlan(options)) {
            throw new IllegalArgumentException(name + ": VXLAN-GBP, and non-VXLAN-GBP tunnels can't be configured on"
                    + " the same dst_port");
        }
        String match = io.arplab.flow.Ofproto.Port.tunnelMatch(type, options);
        if (match != null && tunnelWithMatch(match, name)) { // port_construct(): tnl_port_add() refuses it
            throw new IllegalArgumentException("could not add network device " + name + " to ofproto ("
                    + io.arplab.stack.Errno.EEXIST.text + ")");
        }
        // a tunnel or patch port is a netdev-vport, not a dummy: no MAC from the counter (OVS gives it a random one)
        MacAddress mac = vport ? MacAddress.of((name.hashCode() & 0xffff_ffffL) | 0x0200_0000_0000L)
                : MacAddress.of(datapath.nextDummyMac());
        int dead = b.deadPort(name);
        NetDevice dev = owner.stack().device(tunnel ? "genev_sys_6081" : name);
        if (dead >= 0 && (tunnel || type.equals("internal")) == (dev != null)) {
            b.revive(dead, type, ofport, mac, options); // the same kind of port again: its device and wire
            if (type.equals("internal")) { // its device may have gone to another bridge meanwhile
                lab.rewireOvsInternalPort(b, dead, dev);
            }
            setUp(type.equals("internal") ? dev : null, true);
        } else if (type.equals("internal") && dev != null && "openvswitch".equals(dev.kind()) && !live(name)) {
            // an internal port deleted from another bridge: its netdev went with it (netdev_close()), so the name
            // is free and the new port's device is the one left behind, wired to this bridge
            int slot = b.addPort(name, type, ofport, mac, options);
            lab.rewireOvsInternalPort(b, slot, dev);
            setUp(dev, true);
        } else if (tunnel) {
            lab.addOvsTunnelPort(b, name, ofport, mac, options);
        } else if (type.equals("internal")) {
            lab.addOvsInternalPort(b, name, ofport, mac, null);
        } else {
            b.addPort(name, type, ofport, mac, options);
        }
        b.ofproto().port(name).options.putAll(options);
    }

    /**
     * is_concomitant_vxlan_tunnel_present(): a new VXLAN port's dst_port (4789 by default) already taken by a VXLAN
     * port whose options:exts differ in "gbp" (vport_class's global_cfg_tracker counts both kinds per port).
     */
    private boolean concomitantVxlan(Map<String, String> options) {
        for (OvsBridge o : bridges.values()) {
            for (io.arplab.flow.Ofproto.Port p : o.ofproto().ports()) {
                if (p.type.equals("vxlan") && vxlanPort(p.options).equals(vxlanPort(options))
                        && vxlanGbp(p.options) != vxlanGbp(options)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * tnl_port_add__(): a tunnel port of another name, on any bridge of the backer, whose tnl_match is {@code match}
     * (tnl_find_exact()).
     */
    private boolean tunnelWithMatch(String match, String name) {
        for (OvsBridge o : bridges.values()) {
            for (io.arplab.flow.Ofproto.Port p : o.ofproto().ports()) {
                if (!p.name.equals(name) && match.equals(io.arplab.flow.Ofproto.Port.tunnelMatch(p.type, p.options))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String vxlanPort(Map<String, String> options) {
        return options.getOrDefault("dst_port", "4789");
    }

    private static boolean vxlanGbp(Map<String, String> options) {
        return java.util.Arrays.asList(options.getOrDefault("exts", "").split(",")).contains("gbp");
    }

    // a port of this name on one of the bridges now
    private boolean live(String name) {
        for (OvsBridge o : bridges.values()) {
            if (o.ofproto().port(name) != null) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void setHwaddr(OvsBridge b, long mac) {
        b.ofproto().setHwaddr(mac);
        NetDevice dev = owner.stack().device(b.bridgeName());
        lab.network().act(lab.network().node(owner.name()), out -> owner.stack().setMac(lab.now(), dev,
                MacAddress.of(mac), owner.outbox(out)));
    }

    @Override
    public void setInternalMac(OvsBridge b, String port, long mac) {
        b.ofproto().port(port).mac = mac;
        NetDevice dev = owner.stack().device(port);
        if (dev != null) {
            lab.network().act(lab.network().node(owner.name()), out -> owner.stack().setMac(lab.now(), dev,
                    MacAddress.of(mac), owner.outbox(out)));
        }
    }

    @Override
    public void limitVlans(int vlanLimit) {
        datapath.limitVlans(vlanLimit);
    }

    @Override
    public void revalidators(long flowLimit, long maxIdleMs, long maxRevalidatorMs) {
        datapath.udpif.revalidators(flowLimit, maxIdleMs, maxRevalidatorMs);
    }

    @Override
    public void delPort(OvsBridge b, String name) {
        b.removePort(name, lab.now());
        setUp(owner.stack().device(name), false);
    }

    // an internal port's device goes down with its port (the kernel device itself stays in the lab)
    private void setUp(NetDevice dev, boolean up) {
        if (dev != null && dev.isUp() != up) {
            lab.network().act(lab.network().node(owner.name()), out -> owner.stack().setUp(lab.now(), dev, up,
                    owner.outbox(out)));
        }
    }

    @Override
    public io.arplab.runtime.VlogLevels vlog() {
        return vlog;
    }
}
