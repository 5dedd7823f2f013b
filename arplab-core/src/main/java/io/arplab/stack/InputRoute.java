package io.arplab.stack;

/**
 * ip_route_input_slow() (net/ipv4/route.c) as inet_rtm_getroute() runs it for {@code ip route get DST from SRC iif
 * DEV}: a datagram from {@code saddr} to {@code daddr} come in on a device is a martian, delivered here (local_input
 * or brd_input) or forwarded (__mkroute_input()), or fails with the errno the answer carries. The receive path
 * (IpInput.receive()) takes the same decisions in line, per frame and without a result object, from the same
 * Netns checks (validSource(), broadcastRouteDevice()).
 */
public final class InputRoute {
    private InputRoute() {}

    /**
     * How the datagram would go: delivered to a local address, received as a broadcast, forwarded, or a subnet's
     * broadcast forwarded (bc_forwarding: RTN_BROADCAST through make_route).
     */
    public enum Kind { LOCAL, BROADCAST, FORWARD, FORWARD_BROADCAST }

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
        if (saddr == 0) {
            return Result.failed(Errno.EINVAL); // a zeronet source
        }
        if ((daddr >>> 24) == 0) {
            return Result.failed(Errno.ENETUNREACH); // a zeronet destination, as kernel 6.18 answers it
        }
        boolean localnet = ns.devconf(in, DevConf.ROUTE_LOCALNET) != 0;
        if (!localnet && ((daddr >>> 24) == 127 || (saddr >>> 24) == 127)) {
            return Result.failed(Errno.EINVAL); // IN_DEV_NET_ROUTE_LOCALNET
        }
        boolean forwarding = in.confValue(DevConf.FORWARDING) != 0; // IN_DEV_FORWARD
        if (ns.isLocalAddress(daddr)) { // RTN_LOCAL: fib_validate_source(), then local_input
            return ns.validSource(in, saddr, null) ? new Result(Kind.LOCAL, null, null, false, null)
                    : Result.failed(Errno.EINVAL);
        }
        NetDevice brd = ns.broadcastRouteDevice(daddr);
        if (brd != null) { // RTN_BROADCAST: brd_input, or make_route under IN_DEV_BFORWARD (no IN_DEV_FORWARD check)
            if (ns.devconf(in, DevConf.BC_FORWARDING) == 0) {
                return broadcastInput(ns, in, saddr);
            }
            return ns.validSource(in, saddr, brd) ? new Result(Kind.FORWARD_BROADCAST, brd, null, false, null)
                    : Result.failed(Errno.EINVAL);
        }
        Route r = ns.routes.lookup(daddr);
        if (r == null || r.type() == Route.UNREACHABLE || r.type() == Route.PROHIBIT || r.type() == Route.BLACKHOLE) {
            // fib_lookup()'s error, EHOSTUNREACH when the device does not forward; no_route keeps it as dst.error
            return Result.failed(!forwarding ? Errno.EHOSTUNREACH : r == null ? Errno.ENETUNREACH
                    : r.type() == Route.UNREACHABLE ? Errno.EHOSTUNREACH
                    : r.type() == Route.PROHIBIT ? Errno.EACCES : Errno.EINVAL);
        }
        if (!forwarding) {
            return Result.failed(Errno.EHOSTUNREACH);
        }
        if (r.type() != Route.UNICAST) {
            return Result.failed(Errno.EINVAL); // martian_destination
        }
        NetDevice out = r.device();
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
