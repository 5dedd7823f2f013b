package io.arplab.stack;

/**
 * ip_route_input_slow() (net/ipv4/route.c) as inet_rtm_getroute() runs it for {@code ip route get DST from SRC iif
 * DEV}: a datagram from {@code saddr} to {@code daddr} come in on a device is a martian, delivered here (local_input
 * or brd_input) or forwarded (__mkroute_input()), or fails with the errno the answer carries.
 */
public final class InputRoute {
    private InputRoute() {}

    /** How the datagram would go: delivered to a local address, received as a broadcast, or forwarded. */
    public enum Kind { LOCAL, BROADCAST, FORWARD }

    /**
     * The route: its kind, the device it leaves by and the route that forwards it (FORWARD only), whether the
     * forwarding sends a redirect (RTCF_DOREDIRECT), or the error ({@code kind} null).
     */
    public record Result(Kind kind, NetDevice out, Route route, boolean redirect, Errno error) {
        static Result failed(Errno e) {
            return new Result(null, null, null, false, e);
        }
    }

    public static Result lookup(Netns ns, NetDevice in, int saddr, int daddr) {
        if (Netns.isMulticast(saddr) || saddr == -1) {
            return Result.failed(Errno.EINVAL); // martian_source
        }
        if (daddr == -1 || saddr == 0 && daddr == 0) {
            return broadcastInput(ns, in, saddr);
        }
        if (saddr == 0 || (daddr >>> 24) == 0) {
            return Result.failed(Errno.EINVAL); // a zeronet source or destination
        }
        boolean localnet = ns.devconf(in, DevConf.ROUTE_LOCALNET) != 0;
        if ((daddr >>> 24) == 127 ? !localnet : (saddr >>> 24) == 127 && !localnet) {
            return Result.failed(Errno.EINVAL); // IN_DEV_NET_ROUTE_LOCALNET
        }
        boolean forwarding = in.confValue(DevConf.FORWARDING) != 0; // IN_DEV_FORWARD
        if (ns.isLocalAddress(daddr)) { // RTN_LOCAL: fib_validate_source(), then local_input
            return ns.validSource(in, saddr, null) ? new Result(Kind.LOCAL, null, null, false, null)
                    : Result.failed(Errno.EINVAL);
        }
        NetDevice brd = ns.broadcastRouteDevice(daddr);
        if (brd != null && ns.devconf(in, DevConf.BC_FORWARDING) == 0) { // RTN_BROADCAST without IN_DEV_BFORWARD
            return broadcastInput(ns, in, saddr);
        }
        Route r = brd != null ? null : ns.routes.lookup(daddr);
        if (brd == null && (r == null || r.type() == Route.UNREACHABLE || r.type() == Route.PROHIBIT
                || r.type() == Route.BLACKHOLE)) {
            // fib_lookup()'s error, EHOSTUNREACH when the device does not forward; no_route keeps it as dst.error
            return Result.failed(!forwarding ? Errno.EHOSTUNREACH : r == null ? Errno.ENETUNREACH
                    : r.type() == Route.UNREACHABLE ? Errno.EHOSTUNREACH
                    : r.type() == Route.PROHIBIT ? Errno.EACCES : Errno.EINVAL);
        }
        if (brd == null && !forwarding) {
            return Result.failed(Errno.EHOSTUNREACH);
        }
        if (brd == null && r.type() != Route.UNICAST) {
            return Result.failed(Errno.EINVAL); // martian_destination
        }
        NetDevice out = brd != null ? brd : r.device();
        if (!ns.validSource(in, saddr, out)) {
            return Result.failed(Errno.EINVAL);
        }
        // __mkroute_input(): out the way it came in, to a sender on the link, with send_redirects
        boolean redirect = out == in && ns.devconf(out, DevConf.SEND_REDIRECTS) != 0 && Netns.onLink(in, saddr)
                && (ns.devconf(out, DevConf.SHARED_MEDIA) != 0 || Netns.onLink(out, saddr));
        return new Result(Kind.FORWARD, out, r, redirect, null);
    }

    // brd_input: fib_validate_source() of a source that is not 0.0.0.0
    private static Result broadcastInput(Netns ns, NetDevice in, int saddr) {
        return saddr == 0 || ns.validSource(in, saddr, null) ? new Result(Kind.BROADCAST, null, null, false, null)
                : Result.failed(Errno.EINVAL);
    }
}
