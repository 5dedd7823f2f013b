package io.arplab.flow;

/** The OpenFlow versions a bridge speaks and ovs-ofctl negotiates ({@code -O OpenFlow13}). */
public enum OfVersion {
    OF10(0x01, "OpenFlow10", "OF1.0"), OF11(0x02, "OpenFlow11", "OF1.1"), OF12(0x03, "OpenFlow12", "OF1.2"),
    OF13(0x04, "OpenFlow13", "OF1.3"), OF14(0x05, "OpenFlow14", "OF1.4"), OF15(0x06, "OpenFlow15", "OF1.5");

    public final int wire;
    public final String protocolName;
    public final String shortName;

    OfVersion(int wire, String protocolName, String shortName) {
        this.wire = wire;
        this.protocolName = protocolName;
        this.shortName = shortName;
    }

    public boolean atLeast(OfVersion v) {
        return compareTo(v) >= 0;
    }

    /** {@code OpenFlow13} (as ovs-vsctl and ovs-ofctl -O name it), or null. */
    public static OfVersion byName(String name) {
        for (OfVersion v : values()) {
            if (v.protocolName.equalsIgnoreCase(name)) {
                return v;
            }
        }
        return null;
    }
}
