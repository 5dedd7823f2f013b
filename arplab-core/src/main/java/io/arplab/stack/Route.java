package io.arplab.stack;

import io.arplab.wire.Ipv4Address;

/**
 * One route of the main table, as {@code ip route} shows it: {@code 172.28.0.0/16 dev eth0 proto kernel scope
 * link src 172.28.0.11} or {@code default via 172.28.0.1 dev eth0}.
 *
 * @param gateway  the next hop, or null for an on-link (connected) route
 * @param prefsrc  the preferred source address ("src"), or null
 * @param type     {@link #UNICAST}, {@link #BLACKHOLE}, {@link #UNREACHABLE} or {@link #PROHIBIT}
 * @param onlink   RTNH_F_ONLINK: the gateway is taken to be on the device's link whatever its subnets say
 */
public record Route(Ipv4Address destination, int prefixLength, Ipv4Address gateway, NetDevice device, String protocol,
                    String scope, Ipv4Address prefsrc, int metric, int type, boolean onlink) {
    public static final int UNICAST = 1;
    public static final int BLACKHOLE = 6;
    public static final int UNREACHABLE = 7;
    public static final int PROHIBIT = 8;

    public Route {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " outside 0..32");
        }
        destination = destination.masked(prefixLength);
    }

    public Route(Ipv4Address destination, int prefixLength, Ipv4Address gateway, NetDevice device, String protocol,
                 String scope, Ipv4Address prefsrc, int metric, int type) {
        this(destination, prefixLength, gateway, device, protocol, scope, prefsrc, metric, type, false);
    }

    /** A connected route for an address added to {@code dev} (proto kernel scope link src ADDR). */
    public static Route connected(NetDevice dev, Ipv4Address addr, int prefixLength) {
        Ipv4Address net = Ipv4Address.shared(addr.bits() & Ipv4Address.netmask(prefixLength));
        return new Route(net, prefixLength, null, dev, "kernel", "link", addr, 0, UNICAST);
    }

    /** {@code default via GW dev DEV} as docker (and DHCP "boot") installs it. */
    public static Route defaultVia(Ipv4Address gateway, NetDevice dev) {
        return new Route(Ipv4Address.ANY, 0, gateway, dev, "boot", "global", null, 0, UNICAST);
    }

    public boolean matches(int address) {
        return prefixLength == 0 || ((address ^ destination.bits()) & Ipv4Address.netmask(prefixLength)) == 0;
    }

    /** iproute2's text for the destination: {@code default} or {@code 172.28.0.0/16} ({@code /32} omitted). */
    public String destinationText() {
        if (prefixLength == 0) {
            return "default";
        }
        return prefixLength == 32 ? destination.toString() : destination + "/" + prefixLength;
    }
}
