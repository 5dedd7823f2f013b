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
}
