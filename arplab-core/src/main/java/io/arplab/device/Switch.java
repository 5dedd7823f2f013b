package io.arplab.device;

import io.arplab.wire.MacAddress;

/**
 * A switch whose own interface is a device of some host's namespace (port {@link #LOCAL_PORT}): a Linux bridge,
 * and later an Open vSwitch bridge. Tools find switches through the namespace that owns them and use only this.
 */
public interface Switch extends Device {
    /** The switch's own interface (br-..., the OVS local port). */
    int LOCAL_PORT = 0;

    /** The link kind {@code ip -d link} shows: "bridge", "openvswitch". */
    String kind();

    /** The MAC of the switch's own interface. */
    MacAddress mac();

    /** The MAC of a port's interface. */
    MacAddress portMac(int port);

    /** The forwarding database {@code bridge fdb} reads and writes, or null when the switch keeps none. */
    Fdb fdb();

    /** Port flags (include/linux/if_bridge.h) that {@code bridge link set} switches. */
    int BR_HAIRPIN_MODE = 1;
    int BR_LEARNING = 1 << 5;
    int BR_FLOOD = 1 << 6;
    int BR_MCAST_FLOOD = 1 << 14;
    int BR_BCAST_FLOOD = 1 << 17;
    int BR_NEIGH_SUPPRESS = 1 << 18;
    int BR_PORT_LOCKED = 1 << 22;

    /** A port's BR_* flags, or -1 when the switch has none (not a Linux bridge). */
    default int portFlags(int port) {
        return -1;
    }

    /** Switches a port flag on or off; only switches whose {@link #portFlags} are not -1. */
    default void setPortFlag(int port, int flag, boolean on) {
        throw new UnsupportedOperationException();
    }

    /** A port's forward_delay_timer as ip -d link shows it (br_timer_value(), centiseconds); 0 when none runs. */
    default long forwardDelayTimer(String portName, long now) {
        return 0;
    }
}
