package io.arplab.runtime;

import io.arplab.device.OvsBridge;
import java.util.List;
import java.util.Map;

/**
 * The node's ovs-vswitchd as its database's clients reach it: what ovs-vsctl commits, bridge_reconfigure()
 * (vswitchd/bridge.c) turns into bridges and ports of the node's datapath. A dummy or internal port opens a
 * netdev-dummy (the next aa:55:aa:55:00:NN of the process), an internal port is also an interface of the node.
 */
public interface Vswitchd {
    /** The netdev classes an ovs-vswitchd --enable-dummy of OVS 3.1 registers (its Open_vSwitch iface_types). */
    List<String> NETDEV_TYPES = List.of("afxdp", "afxdp-nonpmd", "bareudp", "dummy", "dummy-internal", "dummy-pmd",
            "erspan", "geneve", "gre", "gtpu", "internal", "ip6erspan", "ip6gre", "lisp", "patch", "stt", "system",
            "tap", "vxlan");

    /** The node's bridges, in the order they were created. */
    List<OvsBridge> bridges();

    /** A new bridge on the node's dummy datapath: no flows but, in standalone fail mode, priority=0 NORMAL. */
    OvsBridge addBridge(String name);

    /** Deletes the bridge and its ports from the datapath. */
    void delBridge(OvsBridge bridge);

    /**
     * Adds port {@code name} of {@code type} ("dummy", "internal", "geneve") as OpenFlow port {@code ofportRequest}
     * when free, else the lowest free number (-1: no request).
     *
     * @throws IllegalArgumentException with OVS's error text when the port cannot be opened
     */
    void addPort(OvsBridge bridge, String name, String type, long ofportRequest, Map<String, String> options);

    /** other_config:hwaddr: the bridge's MAC, on its local port and the node's interface of the bridge. */
    void setHwaddr(OvsBridge bridge, long mac);

    /** iface_set_mac(): an internal port's MAC, its netdev's (the port's device in the lab) too. */
    void setInternalMac(OvsBridge bridge, String port, long mac);

    /** Open_vSwitch other_config:vlan-limit (bridge_reconfigure(): ofproto_set_vlan_limit()), on its datapath. */
    void limitVlans(int vlanLimit);

    /**
     * Open_vSwitch other_config's revalidator settings (bridge_reconfigure(): ofproto_set_flow_limit(),
     * ofproto_set_max_idle(), ofproto_set_max_revalidator()), in ms; each already the default when not a number.
     */
    void revalidators(long flowLimit, long maxIdleMs, long maxRevalidatorMs);

    /** Deletes port {@code name} from the bridge (its flows stay, as OVS keeps them). */
    void delPort(OvsBridge bridge, String name);

    /** The process's log levels (vlog/set, vlog/list). */
    VlogLevels vlog();
}
