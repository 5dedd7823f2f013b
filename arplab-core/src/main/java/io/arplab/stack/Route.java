package io.arplab.stack;

import io.arplab.wire.Ipv4Address;
import java.util.Objects;

/**
 * One route of the main table, as {@code ip route} shows it: {@code 172.28.0.0/16 dev eth0 proto kernel scope
 * link src 172.28.0.11} or {@code default via 172.28.0.1 dev eth0}. A value (equal when every part is), kept in 48
 * bytes: the prefix length and type as bytes (rtm_dst_len and rtm_type are u8 in struct rtmsg), as every host
 * holds two or three. {@code gateway}: the next hop, or null for an on-link (connected) route; {@code prefsrc}: the
 * preferred source address ("src"), or null; {@code type}: {@link #UNICAST}, {@link #BLACKHOLE}, {@link #UNREACHABLE}
 * or {@link #PROHIBIT}; {@code onlink}: RTNH_F_ONLINK, the gateway is taken to be on the device's link whatever its
 * subnets say.
 */
public final class Route {
    public static final int UNICAST = 1;
    public static final int LOCAL = 2;
    public static final int BROADCAST = 3;
    public static final int BLACKHOLE = 6;
    public static final int UNREACHABLE = 7;
    public static final int PROHIBIT = 8;

    private final Ipv4Address destination;
    private final Ipv4Address gateway;
    private final NetDevice device;
    private final String protocol;
    private final String scope;
    private final Ipv4Address prefsrc;
    private final int metric;
    private final byte prefixLength;
    private final byte type;
    private final boolean onlink;

    public Route(Ipv4Address destination, int prefixLength, Ipv4Address gateway, NetDevice device, String protocol,
                 String scope, Ipv4Address prefsrc, int metric, int type, boolean onlink) {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " outside 0..32");
        }
        if (type < 0 || type > 255) {
            throw new IllegalArgumentException("route type " + type + " outside 0..255");
        }
        this.destination = destination.masked(prefixLength);
        this.prefixLength = (byte) prefixLength;
        this.gateway = gateway;
        this.device = device;
        this.protocol = protocol;
        this.scope = scope;
        this.prefsrc = prefsrc;
        this.metric = metric;
        this.type = (byte) type;
        this.onlink = onlink;
    }

    public Route(Ipv4Address destination, int prefixLength, Ipv4Address gateway, NetDevice device, String protocol,
                 String scope, Ipv4Address prefsrc, int metric, int type) {
        this(destination, prefixLength, gateway, device, protocol, scope, prefsrc, metric, type, false);
    }

    public Ipv4Address destination() {
        return destination;
    }

    public int prefixLength() {
        return prefixLength;
    }

    public Ipv4Address gateway() {
        return gateway;
    }

    public NetDevice device() {
        return device;
    }

    public String protocol() {
        return protocol;
    }

    public String scope() {
        return scope;
    }

    public Ipv4Address prefsrc() {
        return prefsrc;
    }

    public int metric() {
        return metric;
    }

    public int type() {
        return type & 0xff;
    }

    public boolean onlink() {
        return onlink;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Route r && prefixLength == r.prefixLength && metric == r.metric && type == r.type
                && onlink == r.onlink && destination.equals(r.destination) && device == r.device
                && Objects.equals(gateway, r.gateway) && Objects.equals(protocol, r.protocol)
                && Objects.equals(scope, r.scope) && Objects.equals(prefsrc, r.prefsrc);
    }

    @Override
    public int hashCode() {
        return Objects.hash(destination, prefixLength, gateway, device, protocol, scope, prefsrc, metric, type(), onlink);
    }

    @Override
    public String toString() {
        return "Route[destination=" + destination + ", prefixLength=" + prefixLength + ", gateway=" + gateway
                + ", device=" + device + ", protocol=" + protocol + ", scope=" + scope + ", prefsrc=" + prefsrc
                + ", metric=" + metric + ", type=" + type() + ", onlink=" + onlink + "]";
    }

    /** A connected route for an address added to {@code dev} (proto kernel scope link src ADDR). */
    public static Route connected(NetDevice dev, Ipv4Address addr, int prefixLength) {
        Ipv4Address net = Ipv4Address.shared(addr.bits() & Ipv4Address.netmask(prefixLength));
        return new Route(net, prefixLength, null, dev, "kernel", "link", addr, 0, UNICAST);
    }

    /**
     * fib_magic(): a route of table local the kernel makes for an address, {@code local ADDR} (scope host) or
     * {@code broadcast ADDR} (scope link), of proto kernel with the primary address of its subnet as source.
     */
    static Route kernelLocal(int type, Ipv4Address dst, int prefixLength, NetDevice dev, Ipv4Address prefsrc) {
        return new Route(dst, prefixLength, null, dev, "kernel", type == LOCAL ? "host" : "link", prefsrc, 0, type);
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
