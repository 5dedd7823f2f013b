package io.arplab.tools;

import io.arplab.stack.Errno;
import io.arplab.stack.NetDevice;
import io.arplab.stack.PingSocket;
import io.arplab.stack.Route;
import io.arplab.stack.SkbTruesize;
import io.arplab.wire.Bytes;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.Ipv6Address;
import io.arplab.wire.libc.CStrtod;
import io.arplab.wire.libc.CStrtol;
import java.util.List;

/**
 * iputils ping (20221126) for IPv4, run as root: a raw ICMP socket with IP_RECVERR, so echo replies arrive as packets
 * and errors about our requests through the error queue. Option parsing, the start-up checks (ping4_run()), the probe
 * (ping4_send_probe()), the reply's options and the error lines follow ping/ping.c of that release; the loop, the
 * reply line and the statistics are ping_common.c's, in {@link PingCommon}.
 */
public final class Ping extends PingCommon {
    static final String OPTSTRING = "h?4bRT:6F:N:aABc:CdDe:fi:I:l:Lm:M:nOp:qQ:rs:S:t:UvVw:W:";

    static final String USAGE = String.join("\n",
            "",
            "Usage",
            "  ping [options] <destination>",
            "",
            "Options:",
            "  <destination>      dns name or ip address",
            "  -a                 use audible ping",
            "  -A                 use adaptive ping",
            "  -B                 sticky source address",
            "  -c <count>         stop after <count> replies",
            "  -C                 call connect() syscall on socket creation",
            "  -D                 print timestamps",
            "  -d                 use SO_DEBUG socket option",
            "  -e <identifier>    define identifier for ping session, default is random for",
            "                     SOCK_RAW and kernel defined for SOCK_DGRAM",
            "                     Imply using SOCK_RAW (for IPv4 only for identifier 0)",
            "  -f                 flood ping",
            "  -h                 print help and exit",
            "  -I <interface>     either interface name or address",
            "  -i <interval>      seconds between sending each packet",
            "  -L                 suppress loopback of multicast packets",
            "  -l <preload>       send <preload> number of packages while waiting replies",
            "  -m <mark>          tag the packets going out",
            "  -M <pmtud opt>     define mtu discovery, can be one of <do|dont|want>",
            "  -n                 no dns name resolution",
            "  -O                 report outstanding replies",
            "  -p <pattern>       contents of padding byte",
            "  -q                 quiet output",
            "  -Q <tclass>        use quality of service <tclass> bits",
            "  -s <size>          use <size> as number of data bytes to be sent",
            "  -S <size>          use <size> as SO_SNDBUF socket option value",
            "  -t <ttl>           define time to live",
            "  -U                 print user-to-user latency",
            "  -v                 verbose output",
            "  -V                 print version and exit",
            "  -w <deadline>      reply wait <deadline> in seconds",
            "  -W <timeout>       time to wait for response",
            "",
            "IPv4 options:",
            "  -4                 use IPv4",
            "  -b                 allow pinging broadcast",
            "  -R                 record route",
            "  -T <timestamp>     define timestamp, can be one of <tsonly|tsandaddr|tsprespec>",
            "",
            "IPv6 options:",
            "  -6                 use IPv6",
            "  -F <flowlabel>     define flow label, default is random",
            "  -N <nodeinfo opt>  use icmp6 node info query, try <help> as argument",
            "",
            "For more details see ping(8).",
            "");

    static final String VERSION = Iputils.version("ping");

    /** Record route slots ping asks for. */
    private static final int NROUTES = 9;
    private static final int IPOPT_TIMESTAMP = 68;
    private static final int IPOPT_TS_TSONLY = 0;
    private static final int IPOPT_TS_TSANDADDR = 1;
    private static final int IPOPT_TS_PRESPEC = 3;
    private static final int IP_PMTUDISC_DONT = 0;
    private static final int IP_PMTUDISC_WANT = 1;
    private static final int IP_PMTUDISC_DO = 2;

    // ---- ping.c's own options and state (IPv4, its IP options, the destination)
    private int ttl = -1;
    /** -S: SO_SNDBUF (0: sock_setbufs() asks for datalen + 8). */
    private int sndbuf;
    private int settos;
    private int pmtudisc = -1;
    private boolean broadcastPings;
    private int sourceRouteHops;
    private boolean latency;
    private boolean strictSource;
    private String device;
    private Ipv4Address source;

    /** ping.h: the room main_loop()'s packet buffer keeps for an IP header and an ICMP error's quote. */
    private static final int MAXIPLEN = 60;
    private static final int MAXICMPLEN = 76;
    private NetDevice bind;
    private Ipv4Address whereto;
    /** An IPv6 destination: its requests are counted as sent and discarded (the hosts have IPv6 off), or null. */
    private Ipv6Address whereto6;
    /** -F: the IPv6 flow label, printed in the PING line. */
    private long flowlabel;
    /** -r: SO_DONTROUTE on the ICMP socket (not on the probe socket, whose connect() routes as usual). */
    private boolean dontRoute;
    /** -R: record route (IPOPT_RR on every request; the routes of the replies printed). */
    private boolean rroute;
    /** -T: the IP timestamp option's flag (IPOPT_TS_TSONLY, ...), or -1. */
    private int tsType = -1;
    /** The operands before the destination: a source route's hops, or -T tsprespec's addresses (rts->route). */
    private final List<Ipv4Address> route = new java.util.ArrayList<>();
    /** The IP options' length, counted in the PING line and the size checks (rts->optlen). */
    private int optlen;
    /** pr_options()'s static old_rr and old_rrlen: the last route printed, from its pointer byte on. */
    private byte[] oldRr = new byte[0];
    /** -p's argument, filled into the packet once the options are parsed. */
    private String patternText;
    /**
     * fill()'s "PATTERN: 0x.." line while it waits in stdio's buffer: stdout, a pipe or a file, is fully buffered;
     * error() flushes it before writing to stderr, ping4_run()'s broadcast WARNING (a bare fprintf(stderr)) does not.
     */
    private String unflushed;

    @Override
    public void start(ToolContext ctx, List<String> args) {
        this.ctx = ctx;
        this.stack = ctx.stack();
        try {
            if (!parse(args) || whereto6 == null && !run4()) {
                flushStdout(); // usage() is a fprintf(stderr): stdio's buffer goes out at exit()
                return;
            }
        } catch (Getopt.ToolError e) {
            flushStdout(); // error()
            ctx.err().println(e.getMessage());
            ctx.exit(e.status());
            return;
        }
        flushStdout();
        ctx.leaveTermUncaught();
        ctx.onInterrupt(() -> {
            // SIGINT: sigexit() sets exiting; the main loop stops and finish() prints the statistics
            exiting = true;
            finish();
        });
        setup();
        loop(ctx.now());
    }

    // ------------------------------------------------------------------------------------------------ options

    private boolean parse(List<String> args) {
        Getopt g = Getopt.parse("ping", OPTSTRING, args);
        boolean four = false;
        boolean six = false;
        for (Getopt.Opt o : g.options()) {
            if (o.failed()) {
                ctx.err().println(o.error());
                usage();
                return false;
            }
            String a = o.argument();
            switch (o.letter()) {
                case '4' -> {
                    if (six) {
                        throw new Getopt.ToolError("ping: only one -4 or -6 option may be specified", 2);
                    }
                    four = true;
                }
                case '6' -> {
                    if (four) {
                        throw new Getopt.ToolError("ping: only one -4 or -6 option may be specified", 2);
                    }
                    six = true;
                }
                case 'b' -> broadcastPings = true;
                case 'e' -> ident = (int) Getopt.strtolOrErr("ping", a, "invalid argument", 0, 0xFFFF);
                case 'R' -> {
                    if (tsType >= 0) {
                        throw new Getopt.ToolError("ping: only one of -T or -R may be used", 2);
                    }
                    rroute = true;
                }
                case 'T' -> {
                    if (rroute) {
                        throw new Getopt.ToolError("ping: only one of -T or -R may be used", 2);
                    }
                    tsType = switch (a) {
                        case "tsonly" -> IPOPT_TS_TSONLY;
                        case "tsandaddr" -> IPOPT_TS_TSANDADDR;
                        case "tsprespec" -> IPOPT_TS_PRESPEC;
                        default -> throw new Getopt.ToolError("ping: invalid timestamp type: " + a, 2);
                    };
                }
                case 'F' -> flowlabel = parseFlow(a);
                case 'N' -> {
                    if (!niqueryOption(a)) {
                        return false;
                    }
                }
                case 'a' -> audible = true;
                case 'A' -> adaptive = true;
                case 'B' -> strictSource = true;
                case 'c' -> npackets = Getopt.strtolOrErr("ping", a, "invalid argument", 1, Long.MAX_VALUE);
                case 'C', 'd', 'L' -> { }
                case 'r' -> dontRoute = true;
                case 'D' -> ptimeofday = true;
                case 'i' -> {
                    double v = pingStrtod(a, "bad timing interval");
                    if (v > Integer.MAX_VALUE / 1000) {
                        throw new Getopt.ToolError("ping: bad timing interval: " + a, 2);
                    }
                    interval = (int) (v * 1000); // a negative interval is kept: root sends back to back
                    optInterval = true;
                }
                case 'I' -> {
                    Ipv4Address s = InetAton.parse(a);
                    if (a.indexOf(':') >= 0) {
                        throw new Getopt.ToolError("ping: invalid source address: " + a, 2);
                    } else if (s != null) {
                        source = s;
                        strictSource = true;
                    } else {
                        device = a;
                    }
                }
                case 'l' -> preload = (int) Getopt.strtolOrErr("ping", a, "invalid argument", 1, MAX_DUP_CHK);
                case 'm' -> Getopt.strtolOrErr("ping", a, "invalid argument", 0, Integer.MAX_VALUE);
                case 'M' -> pmtudisc = switch (a) {
                    case "do" -> IP_PMTUDISC_DO;
                    case "dont" -> IP_PMTUDISC_DONT;
                    case "want" -> IP_PMTUDISC_WANT;
                    default -> throw new Getopt.ToolError("ping: invalid -M argument: " + a, 2);
                };
                case 'n' -> numeric = true;
                case 'O' -> outstanding = true;
                case 'f' -> {
                    flood = true;
                    numeric = true;
                }
                case 'p' -> patternText = a; // main() fills the packet after the options, as below
                case 'q' -> quiet = true;
                case 'Q' -> settos = parseTos(a);
                case 's' -> datalen = (int) Getopt.strtolOrErr("ping", a, "invalid argument", 0, Integer.MAX_VALUE);
                case 'S' -> sndbuf = (int) Getopt.strtolOrErr("ping", a, "invalid argument", 1, Integer.MAX_VALUE);
                case 't' -> ttl = (int) Getopt.strtolOrErr("ping", a, "invalid argument", 0, 255);
                case 'U' -> latency = true;
                case 'v' -> verbose = true;
                case 'V' -> {
                    ctx.out().print(VERSION);
                    ctx.exit(0);
                    return false;
                }
                case 'w' -> deadline = (int) Getopt.strtolOrErr("ping", a, "invalid argument", 0, Integer.MAX_VALUE);
                case 'W' -> {
                    double v = pingStrtod(a, "bad linger time");
                    if (v < 0 || v > Integer.MAX_VALUE / 1000) {
                        throw new Getopt.ToolError("ping: bad linger time: " + a, 2);
                    }
                    lingertime = (long) (v * 1000);
                }
                default -> {
                    usage();
                    return false;
                }
            }
        }
        if (g.operands().isEmpty()) {
            // error(1, EDESTADDRREQ, "usage error")
            throw new Getopt.ToolError("ping: usage error: Destination address required", 1);
        }
        if (patternText != null) {
            pattern = fillPattern(patternText);
        }
        if (verbose) {
            flushStdout(); // error()
            // main(): both sockets are open (an IPv6 one too unless -4) before getaddrinfo()
            ctx.err().print("ping: sock4.fd: 3 (socktype: SOCK_RAW), sock6.fd: "
                    + (four ? "-1 (socktype: 0), hints.ai_family: AF_INET"
                            : "4 (socktype: SOCK_RAW), hints.ai_family: AF_UNSPEC")
                    + "\n\n");
        }
        // main(): getaddrinfo() of the last operand, the destination, and its line under -v; then ping4_run()
        // resolves every operand in turn, the others being hops of a loose source route
        List<String> operands = g.operands();
        sourceRouteHops = operands.size() - 1;
        String target = operands.get(operands.size() - 1);
        int pct = target.indexOf('%');
        Ipv6Address target6 = Ipv6Address.parse(pct < 0 ? target : target.substring(0, pct));
        if (target6 != null) {
            return ping6(target, target6, pct < 0 ? null : target.substring(pct + 1), four, operands.size());
        }
        if ((!six || target.indexOf(':') < 0) && InetAton.resolve(target, ctx.resolver()) == null) {
            throw new Getopt.ToolError("ping: " + target + ": " + ctx.resolver().lookupErrorFor(target), 2);
        }
        if (six) {
            // getaddrinfo(AF_INET6) of an IPv4 literal or a name with only IPv4 addresses
            throw new Getopt.ToolError("ping: " + target + ": Address family for hostname not supported", 2);
        }
        Ipv4Address literal = InetAton.parse(target);
        if (literal != null) {
            whereto = literal;
            hostname = target;
            numeric = true; // a numeric destination is never looked up in reverse
        } else {
            whereto = ctx.resolver().resolve(target);
            String canonical = ctx.resolver().canonicalName(target);
            hostname = canonical != null ? canonical : target;
        }
        if (verbose) {
            ctx.out().println("ai->ai_family: AF_INET, ai->ai_canonname: '" + hostname + "'");
        }
        if (sourceRouteHops > 0 && (rroute
                || tsType >= 0 && (tsType != IPOPT_TS_PRESPEC || operands.size() > 5)
                || tsType < 0 && operands.size() > 10)) {
            // ping4_run(): record route leaves no room for a source route, nor do most timestamps; a source route
            // takes nine hops at most (argc > 10), checked before any operand is resolved
            usage();
            return false;
        }
        for (String operand : operands.subList(0, sourceRouteHops)) {
            // ping4_run(): each hop is inet_aton()'s first (white space ends it: "8 dev x" is 0.0.0.8), then a name
            Ipv4Address hop = InetAton.atonThenName(operand, ctx.resolver());
            if (hop == null) {
                throw new Getopt.ToolError("ping: " + operand + ": " + ctx.resolver().lookupErrorFor(operand), 2);
            }
            route.add(hop);
        }
        return true;
    }

    /**
     * main() → ping6_run() for an IPv6 literal (a link-local one may name its zone, fe80::1%eth0: getaddrinfo() takes a
     * device or a number). The hosts have IPv6 off (disable_ipv6): the probe socket's connect() finds no source address
     * (ipv6_dev_get_saddr(): EADDRNOTAVAIL) but for a link-local or multicast destination, which it leaves to the
     * device; a v4-mapped one connects over IPv4. Then each request is counted as sent and ip6_output() discards it
     * (disable_ipv6): nothing leaves, nothing answers, and ping waits out its linger time or deadline.
     */
    private boolean ping6(String target, Ipv6Address dst, String zone, boolean four, int operands) {
        if (zone != null && (zone.isEmpty() || !zone.chars().allMatch(Character::isDigit) && stack.device(zone) == null)) {
            throw new Getopt.ToolError("ping: " + target + ": Name or service not known", 2); // EAI_NONAME
        }
        if (four) {
            // getaddrinfo(AF_UNSPEC) found an AF_INET6 address only: EAI_ADDRFAMILY
            throw new Getopt.ToolError("ping: " + target + ": Address family for hostname not supported", 2);
        }
        if (verbose) {
            ctx.out().println("ai->ai_family: AF_INET6, ai->ai_canonname: '" + target + "'");
        }
        if (operands > 1) {
            usage();
            return false;
        }
        if (device != null && stack.device(device) == null) {
            throw new Getopt.ToolError("ping: unknown iface: " + device, 2); // if_name2index()
        }
        boolean linkLocal = (dst.hi() >>> 54) == 0x3fa; // fe80::/10
        boolean mcast = (dst.hi() >>> 56) == 0xff;
        boolean v4mapped = dst.hi() == 0 && (dst.lo() >>> 32) == 0xffff;
        if (v4mapped) {
            Ipv4Address v4 = Ipv4Address.shared((int) dst.lo());
            if (!stack.isLocalAddress(v4.bits()) && stack.route(v4, null) == null) {
                throw new Getopt.ToolError("ping: connect: " + Errno.ENETUNREACH.text, 2);
            }
        } else if (!linkLocal && !mcast) {
            throw new Getopt.ToolError("ping: connect: " + Errno.EADDRNOTAVAIL.text, 2);
        }
        if (device != null) {
            // the probe socket's source is :: (no IPv6 address), found on no device
            ctx.err().println("ping: Warning: source address might be selected on device other than: " + device);
        }
        whereto6 = dst;
        hostname = target;
        StringBuilder head = new StringBuilder("PING ").append(target).append('(').append(target).append(") ");
        if (flowlabel != 0) {
            head.append(String.format(", flow 0x%05x, ", flowlabel));
        }
        if (device != null || strictSource) {
            head.append("from :: ").append(device != null ? device : "").append(": ");
        }
        ctx.out().println(head.append(datalen).append(" data bytes"));
        return true;
    }

    private void usage() {
        ctx.err().print(USAGE);
        ctx.exit(2);
    }

    /**
     * ping_strtod(): strtod() in the C locale; ERANGE, nothing converted or anything after the number only draws a
     * warning in this release; a value neither normal nor zero (subnormal, infinite, NaN) is out of range.
     */
    private double pingStrtod(String s, String what) {
        if (s.isEmpty()) {
            throw new Getopt.ToolError("ping: " + what + ": " + s, 2);
        }
        CStrtod n = CStrtod.scan(s);
        if (n.erange() || n.end() == 0 || n.end() != s.length()) {
            ctx.err().println("ping: option argument contains garbage: " + s.substring(n.end()));
            ctx.err().println("ping: this will become fatal error in the future");
        }
        double v = n.value();
        if (v != 0 && !(Math.abs(v) >= Double.MIN_NORMAL && Math.abs(v) <= Double.MAX_VALUE)) { // fpclassify()
            throw new Getopt.ToolError("ping: " + what + ": " + s + ": Numerical result out of range", 2);
        }
        return v;
    }

    /**
     * parsetos(): strtol() in base 16 after "0x", else 10 (white space and a sign first, no digits at all being 0),
     * nothing after the number, its int at most 255.
     */
    private static int parseTos(String s) {
        boolean hex = s.startsWith("0x") || s.startsWith("0X");
        String t = hex ? s.substring(2) : s;
        CStrtol n = CStrtol.scan(t, hex ? 16 : 10);
        // *ep != '\0': nothing converted leaves the end at the start, so only an empty string passes (as 0)
        if (n.end() != t.length()) {
            throw new Getopt.ToolError("ping: bad TOS value: " + s, 2);
        }
        int tos = (int) n.asLong(); // strtol() saturates, then the (int) cast keeps the low 32 bits
        if (tos > 255) {
            throw new Getopt.ToolError("ping: the decimal value of TOS bits must be in range 0-255: " + tos, 2);
        }
        return tos;
    }

    /** parseflow(): strtoul() (base 16 after a 0x), all of it a number, cast to int, then a 20-bit label. */
    private static long parseFlow(String s) {
        boolean hex = s.startsWith("0x") || s.startsWith("0X");
        String digits = hex ? s.substring(2) : s;
        CStrtol n = CStrtol.scan(digits, hex ? 16 : 10);
        if (n.end() != digits.length()) {
            throw new Getopt.ToolError("ping: bad value for flowinfo: " + s, 2);
        }
        long v = (int) n.asUnsignedLong(); // val = (int)strtoul(...): the low 32 bits, sign-extended back
        if ((v & ~0xFFFFFL) != 0) {
            throw new Getopt.ToolError("ping: flow value is greater than 20 bits: " + s, 2);
        }
        return v;
    }

    /** node_info.c's niquery_options[], by name; those with '=' take a value. */
    private static final List<String> NIQUERY = List.of("name", "fqdn", "ipv6", "ipv6-all", "ipv6-compatible",
            "ipv6-linklocal", "ipv6-sitelocal", "ipv6-global", "ipv4", "ipv4-all", "subject-ipv6=", "subject-ipv4=",
            "subject-name=", "subject-fqdn=", "help");

    /**
     * niquery_option_handler(): -N takes a node information query (used by ping -6 only, so an IPv4 ping goes on
     * without it); "help" prints the list on stdout (exit 0), an unknown word on stderr (exit 2). A subject address
     * that does not resolve is reported, then usage().
     */
    private boolean niqueryOption(String arg) {
        for (String opt : NIQUERY) {
            boolean takesValue = opt.endsWith("=");
            if (takesValue ? !arg.startsWith(opt) : !arg.equals(opt)) {
                continue;
            }
            if (opt.equals("help")) {
                ctx.out().print(Usage.of("ping-N"));
                ctx.exit(0);
                return false;
            }
            String value = arg.substring(opt.length());
            if (opt.equals("subject-ipv4=") && InetAton.resolve(value, ctx.resolver()) == null) {
                ctx.err().println("ping: " + value + ": Name or service not known");
                usage();
                return false;
            }
            return true;
        }
        ctx.err().print(Usage.of("ping-N"));
        ctx.exit(2);
        return false;
    }

    /** fill(): up to 16 bytes of hex (two digits each), repeated over the data; echoes "PATTERN: 0x..". */
    private byte[] fillPattern(String p) {
        for (int i = 0; i < p.length(); i++) {
            if (Character.digit(p.charAt(i), 16) < 0) {
                throw new Getopt.ToolError("ping: patterns must be specified as hex digits: " + p.substring(i), 2);
            }
        }
        int n = Math.min(16, (p.length() + 1) / 2);
        byte[] pat = new byte[n];
        for (int i = 0; i < n; i++) {
            pat[i] = (byte) Integer.parseInt(p.substring(2 * i, Math.min(p.length(), 2 * i + 2)), 16);
        }
        if (!quiet) {
            StringBuilder sb = new StringBuilder("PATTERN: 0x");
            for (byte b : pat) {
                sb.append(String.format("%02x", b & 0xff));
            }
            unflushed = sb.toString();
        }
        return pat;
    }

    /** fflush(stdout): what stdio's buffer holds goes out (error() does it first; so does exit). */
    private void flushStdout() {
        if (unflushed != null) {
            ctx.out().println(unflushed);
            unflushed = null;
        }
    }

    // ------------------------------------------------------------------------------------------- ping4_run

    /** The checks and socket set-up of ping4_run(), up to and including the PING line. */
    private boolean run4() {
        if (device != null) {
            bind = stack.device(device);
            if (bind == null) {
                throw new Getopt.ToolError("ping: SO_BINDTODEVICE " + device + ": No such device", 2);
            }
        }
        if (source == null) {
            // the UDP "probe" socket: connect() picks the route and the source address (towards the first hop)
            Ipv4Address probe = route.isEmpty() ? whereto : route.get(0);
            if (isBroadcast(probe)) {
                if (!broadcastPings) {
                    throw new Getopt.ToolError(
                            "ping: Do you want to ping broadcast? Then -b. If not, check your local firewall rules", 2);
                }
                ctx.err().println("WARNING: pinging broadcast address");
            }
            flushStdout(); // what follows on stderr is error()'s, and the PING line follows the PATTERN one
            int err = connectError(probe);
            if (err != 0) {
                throw new Getopt.ToolError("ping: connect: " + Errno.strerror(err), 2);
            }
            source = probe.bits() == 0 ? Ipv4Address.LOOPBACK : stack.sourceAddress(probe, bind);
            if (source == null) {
                throw new Getopt.ToolError("ping: connect: " + Errno.ENETUNREACH.text, 2);
            }
            if (bind != null) {
                if (!bind.hasAddress(source.bits())) {
                    ctx.err().println("ping: Warning: source address might be selected on device other than: "
                            + device);
                } else if (bind.hasAddress(whereto.bits())) {
                    // our own address on that device (a secondary too, sent from the subnet's primary): its local
                    // route matches the oif and the reply's inet_iif() is that device, as if the socket were unbound
                    bind = null;
                }
            }
        } else if (!stack.isLocalAddress(source.bits())) {
            throw new Getopt.ToolError("ping: bind: Cannot assign requested address", 2);
        }
        if (whereto.bits() == 0) {
            whereto = source;
        }
        if (broadcastPings || whereto.isMulticast()) {
            multicast = true;
            if (pmtudisc < 0) {
                pmtudisc = IP_PMTUDISC_DO;
            }
        }
        if (sourceRouteHops > 0 && tsType < 0) {
            // setsockopt(IP_OPTIONS) with an LSRR option needs CAP_NET_RAW, which ping has dropped by then
            throw new Getopt.ToolError("ping: record route: " + Errno.EPERM.text, 2);
        }
        if (ttl == 0) {
            // IP_MULTICAST_TTL accepts 0, IP_TTL does not
            throw new Getopt.ToolError("ping: cannot set unicast time-to-live: Invalid argument", 2);
        }
        timing = datalen >= 16;
        ident = ident >= 0 ? ident : ctx.pid() & 0xFFFF;
        socket = stack.openPing(ident, new Listener());
        socket.setSendBuffer(sndbuf != 0 ? sndbuf : datalen + 8); // ping4_run() → sock_setbufs()
        if (bind != null) {
            socket.bindToDevice(bind);
        }
        if (rroute) {
            // ping4_run(): a NOP then IPOPT_RR with NROUTES (9) empty slots, pointer IPOPT_MINOFF
            byte[] rspace = new byte[3 + 4 * NROUTES + 1];
            rspace[0] = 1;
            rspace[1] = 7;
            rspace[2] = (byte) (rspace.length - 1);
            rspace[3] = 4;
            int rc = socket.setIpOptions(rspace);
            if (rc < 0) {
                throw new Getopt.ToolError("ping: record route: " + Errno.strerror(-rc), 2);
            }
            optlen = 40;
        }
        if (tsType >= 0) {
            // ping4_run(): IPOPT_TIMESTAMP, pointer 5, room for 9 times or 4 addresses and times, or the
            // tsprespec addresses given; a refused flag is tried again as 2 (rejected by then for want of CAP_NET_RAW)
            byte[] rspace = new byte[3 + 4 * NROUTES + 1];
            rspace[0] = IPOPT_TIMESTAMP;
            rspace[1] = (byte) (tsType == IPOPT_TS_TSONLY ? 40 : 36);
            rspace[2] = 5;
            rspace[3] = (byte) tsType;
            if (tsType == IPOPT_TS_PRESPEC) {
                rspace[1] = (byte) (4 + route.size() * 8);
                for (int i = 0; i < route.size(); i++) {
                    Bytes.put32(rspace, 4 + i * 8, route.get(i).bits());
                }
            }
            byte[] opt = java.util.Arrays.copyOf(rspace, rspace[1] & 0xff);
            int rc = socket.setIpOptions(opt);
            if (rc < 0) {
                opt[3] = 2;
                rc = socket.setIpOptions(opt);
                if (rc < 0) {
                    throw new Getopt.ToolError("ping: ts option: " + Errno.strerror(-rc), 2);
                }
            }
            optlen = 40;
        }
        StringBuilder head = new StringBuilder("PING ").append(hostname).append(" (").append(whereto).append(") ");
        if (device != null || strictSource) {
            head.append("from ").append(source).append(' ').append(device != null ? device : "").append(": ");
        }
        head.append(datalen).append('(').append((long) datalen + 8 + optlen + 20).append(") bytes of data.");
        flushStdout();
        ctx.out().println(head);
        return true;
    }

    /** What connect() on a UDP socket to {@code dst} returns: 0 or an errno. */
    private int connectError(Ipv4Address dst) {
        if (stack.isLocalAddress(dst.bits()) || dst.bits() == 0) {
            return stack.localRouteRefused() ? Errno.EINVAL.number : 0;
        }
        if (dst.isLimitedBroadcast() || dst.isMulticast()) {
            return bind != null || firstUp() != null ? 0 : Errno.ENETUNREACH.number;
        }
        Route r = stack.route(dst, bind);
        if (r == null) {
            return bind != null && bind.assumesOnLink() ? 0 : Errno.ENETUNREACH.number;
        }
        return switch (r.type()) {
            case Route.UNICAST -> 0;
            case Route.PROHIBIT -> Errno.EACCES.number;
            case Route.BLACKHOLE -> Errno.EINVAL.number;
            default -> Errno.EHOSTUNREACH.number;
        };
    }

    private NetDevice firstUp() {
        for (NetDevice d : stack.devices()) {
            if (!d.loopback && d.isUp()) {
                return d;
            }
        }
        return null;
    }

    private boolean isBroadcast(Ipv4Address a) {
        if (a.isLimitedBroadcast()) {
            return true;
        }
        for (NetDevice d : stack.devices()) {
            for (NetDevice.Address x : d.addresses()) {
                if (x.broadcast() != null && x.broadcast().equals(a)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    void flushSends(long now) {
        if (pendingSends.isEmpty()) {
            return;
        }
        List<byte[]> sends = List.copyOf(pendingSends);
        pendingSends.clear();
        Ipv4Address src = strictSource ? source : null;
        int hops = ttl >= 0 ? ttl : multicast && whereto.isMulticast() ? 1 : stack.defaultTtl();
        int pmtu = pmtudisc < 0 ? IP_PMTUDISC_WANT : pmtudisc;
        for (byte[] p : sends) {
            int seq = ((p[0] & 0xff) << 8) | (p[1] & 0xff);
            byte[] data = java.util.Arrays.copyOfRange(p, 2, p.length);
            // one sendmsg() each, which returns when the softirq has carried its packet (and the answer) through;
            // a refused send (no route, ...) is a hard local error: counted as sent, and with nothing in the error
            // queue ping prints nothing for it
            ctx.act(out -> stack.sendEcho(ctx.now(), socket, src, whereto, seq, data, hops, settos, pmtu, bind, out));
        }
    }

    /** ping4_send_probe(): ICMP echo with the next sequence number, the send time in the first 16 data bytes. */
    @Override
    int sendProbe(long now) {
        int seq = (int) ((ntransmitted + 1) & 0xFFFF);
        rcvd.clear(seq);
        if (whereto6 != null) {
            return 0; // ping6_send_probe(): sendmsg() succeeds, ip6_output() drops the packet (disable_ipv6)
        }
        if (datalen + 8L > 0xFFFF) {
            return Errno.EMSGSIZE.negative(); // raw_sendmsg(): EMSGSIZE before anything is queued, nothing reported
        }
        byte[] data = fill.clone();
        if (timing) {
            long us = wallMicros(now);
            putLe64(data, 0, us / 1_000_000);
            putLe64(data, 8, us % 1_000_000);
        }
        int mtu = mtu();
        if (dontRouteRefuses()) {
            // raw_sendmsg() routes before ip_append_data() measures; the error queue is empty, so
            // ping4_receive_error_msg() reports a local error and pinger() prints nothing
            return Errno.ENETUNREACH.negative();
        }
        long size = datalen + 28L + optlen;
        if (size > 0xFFFF || pmtudisc == IP_PMTUDISC_DO && size > mtu) {
            // __ip_append_data(): ip_local_error(EMSGSIZE, mtu less the options) → "local error" from the error
            // queue (ping4_receive_error_msg(): under -q it leaves before counting it in nerrors). Without -M do
            // the kernel fragments the datagram instead.
            if (!quiet) {
                if (flood) {
                    ctx.out().print('E');
                } else {
                    ctx.err().println("ping: local error: message too long, mtu=" + (mtu - optlen));
                }
                nerrors++;
            }
            return Errno.EMSGSIZE.negative();
        }
        if (socket.sendBufferFull()) {
            return Errno.ENOBUFS.negative(); // its sendmsg() would fail so (PingSocket.sendBufferFull())
        }
        byte[] p = new byte[2 + data.length];
        p[0] = (byte) (seq >>> 8);
        p[1] = (byte) seq;
        System.arraycopy(data, 0, p, 2, data.length);
        pendingSends.add(p);
        return 0;
    }

    /** ip_sendmsg_scope(): under -r, RT_SCOPE_LINK finds no route to a remote destination: sendmsg() fails, ENETUNREACH. */
    private boolean dontRouteRefuses() {
        return dontRoute && !stack.isLocalAddress(whereto.bits()) && stack.routes().lookupOnLink(whereto.bits()) == null;
    }

    /** The datagram's path MTU: ipv4_mtu() caps it at IP_MAX_MTU; a local destination leaves through lo. */
    private int mtu() {
        if (stack.isLocalAddress(whereto.bits())) {
            for (NetDevice d : stack.devices()) {
                if (d.loopback) {
                    return Math.min(d.mtu(), 0xFFFF);
                }
            }
        }
        Route r = stack.route(whereto, bind);
        if (r != null && r.device() != null) {
            return r.device().mtu();
        }
        if (bind != null) {
            return bind.mtu();
        }
        NetDevice d = firstUp();
        return d == null ? 1500 : d.mtu();
    }

    // ----------------------------------------------------------------------------------------- receiving

    private final class Listener implements PingSocket.Listener {
        @Override
        public void echoReply(long now, int from, int ttlIn, int sequence, int icmpLength, byte[] frame, int dataOffset,
                              int dataLength) {
            if (done || exiting || readsNoMore()) {
                return;
            }
            Ipv4Address src = Ipv4Address.of(from);
            boolean wrongSource = !broadcastPings && !multicast && !src.equals(whereto);
            if (busy) {
                // sock_queue_rcv_skb(): queued while sk_rmem_alloc is under the SO_RCVBUF sock_setbufs() asked for
                // (max(packlen * preload, 65536), doubled by the kernel); read later, stamped on arrival
                if (heldBytes < 2 * Math.max((datalen + MAXIPLEN + MAXICMPLEN) * preload, 65536)) {
                    heldBytes += SkbTruesize.of(frame.length);
                    byte[] kept = frame.clone();
                    held.add(() -> gatherStatistics(now, sequence, icmpLength, ttlIn, kept, dataOffset, dataLength,
                            src, wrongSource));
                }
                return;
            }
            gatherStatistics(now, sequence, icmpLength, ttlIn, frame, dataOffset, dataLength, src, wrongSource);
            wakeAt(now);
        }

        /** ping4_parse_reply(): an error packet quoting our request is acknowledged, not printed. */
        @Override
        public void errorPacket(long now, int type, int sequence) {
            if (!done && !exiting && !readsNoMore() && type != 5 && type != 4) {
                acknowledge(sequence);
            }
        }

        @Override
        public void error(long now, int from, int type, int code, int info, int sequence) {
            if (done || exiting || readsNoMore()) {
                return;
            }
            Ipv4Address src = Ipv4Address.of(from);
            if (type == 5 || type == 4) {
                // redirect and source quench reach a raw socket as packets only (raw_err() queues nothing)
                if (!quiet && !flood) {
                    StringBuilder sb = new StringBuilder();
                    stamp(sb, now);
                    sb.append("From ").append(prAddr(src)).append(": icmp_seq=").append(sequence).append(' ')
                            .append(describe(type, code, info));
                    ctx.out().println(sb);
                }
                return;
            }
            // ping4_receive_error_msg(): an ICMP error from the error queue
            acknowledge(sequence);
            nerrors++;
            if (!quiet) {
                if (flood) {
                    ctx.out().print("\bE");
                } else {
                    StringBuilder sb = new StringBuilder();
                    stamp(sb, now);
                    sb.append("From ").append(prAddr(src)).append(" icmp_seq=").append(sequence).append(' ')
                            .append(describe(type, code, info));
                    ctx.out().println(sb);
                }
            }
            wakeAt(now);
        }
    }

    /**
     * pr_options(): NOPs, and a record route's addresses (pr_addr() each, one a line), or "(same route)" when its
     * recorded bytes are those printed last; other options are not emulated.
     */
    @Override
    void prOptions(StringBuilder sb, byte[] frame) {
        int totlen = (frame[14] & 0x0f) * 4 - 20; // the reply's IPv4 header is at 14, its options after 20 bytes
        int p = 14 + 20;
        while (totlen > 0) {
            int type = frame[p] & 0xff;
            if (type == 0) { // IPOPT_EOL
                break;
            }
            if (type == 1) { // IPOPT_NOP
                totlen--;
                p++;
                sb.append("\nNOP");
                continue;
            }
            int olen = totlen >= 2 ? frame[p + 1] & 0xff : 0;
            if (olen < 2 || olen > totlen) {
                break;
            }
            if (type == 7) { // IPOPT_RR
                int j = olen;
                int i = frame[p + 2] & 0xff;
                if (i > j) {
                    i = j;
                }
                i -= 4;
                if (i > 0) {
                    byte[] rr = java.util.Arrays.copyOfRange(frame, p + 2, p + 2 + i);
                    if (java.util.Arrays.equals(rr, oldRr) && !flood) {
                        sb.append("\t(same route)");
                    } else {
                        oldRr = rr;
                        sb.append("\nRR: ");
                        for (int q = p + 3; ; q += 4) {
                            sb.append('\t').append(prAddr(Ipv4Address.of(Bytes.i32(frame, q))))
                                    .append('\n');
                            i -= 4;
                            if (i <= 0) {
                                break;
                            }
                        }
                    }
                }
            } else if (type == IPOPT_TIMESTAMP) {
                prTimestamp(sb, frame, p, olen);
            } else {
                sb.append("\nunknown option ").append(Integer.toHexString(type));
            }
            totlen -= olen;
            p += olen;
        }
    }

    /**
     * pr_options()'s IPOPT_TS: each slot up to the pointer, its address (pr_addr()) unless times only, the first time
     * "absolute" (ms since midnight UTC) and each next one less the one before (a set high bit: "not-standard", apart),
     * then the hops the option had no room for.
     */
    private void prTimestamp(StringBuilder sb, byte[] frame, int p, int olen) {
        int i = Math.min(frame[p + 2] & 0xff, olen) - 5;
        if (i <= 0) {
            return;
        }
        int flags = frame[p + 3] & 0xff;
        sb.append("\nTS: ");
        long stdtime = 0;
        long nonstdtime = 0;
        for (int q = p + 4; ; ) {
            if ((flags & 0xf) != IPOPT_TS_TSONLY) {
                int address = Bytes.i32(frame, q);
                q += 4;
                sb.append('\t').append(address == 0 ? "0.0.0.0" : prAddr(Ipv4Address.of(address)));
                i -= 4;
                if (i <= 0) {
                    break;
                }
            }
            long l = Bytes.i32(frame, q) & 0xffffffffL;
            q += 4;
            if ((l & 0x80000000L) != 0) {
                sb.append('\t').append(nonstdtime == 0 ? (l & 0x7fffffff) + " absolute not-standard"
                        : (l & 0x7fffffff) - nonstdtime + " not-standard");
                nonstdtime = l & 0x7fffffff;
            } else {
                sb.append('\t').append(stdtime == 0 ? l + " absolute" : Long.toString(l - stdtime));
                stdtime = l;
            }
            i -= 4;
            sb.append('\n');
            if (i <= 0) {
                break;
            }
        }
        if (flags >> 4 != 0) {
            sb.append("Unrecorded hops: ").append(flags >> 4).append('\n');
        }
    }

    /** pr_icmph() for errors that come without the ICMP header. */
    static String describe(int type, int code, int info) {
        switch (type) {
            case 0:
                return "Echo Reply";
            case 3:
                return switch (code) {
                    case 0 -> "Destination Net Unreachable";
                    case 1 -> "Destination Host Unreachable";
                    case 2 -> "Destination Protocol Unreachable";
                    case 3 -> "Destination Port Unreachable";
                    case 4 -> "Frag needed and DF set (mtu = " + Integer.toUnsignedString(info) + ")";
                    case 5 -> "Source Route Failed";
                    case 6 -> "Destination Net Unknown";
                    case 7 -> "Destination Host Unknown";
                    case 8 -> "Source Host Isolated";
                    case 9 -> "Destination Net Prohibited";
                    case 10 -> "Destination Host Prohibited";
                    case 11 -> "Destination Net Unreachable for Type of Service";
                    case 12 -> "Destination Host Unreachable for Type of Service";
                    case 13 -> "Packet filtered";
                    case 14 -> "Precedence Violation";
                    case 15 -> "Precedence Cutoff";
                    default -> "Dest Unreachable, Bad Code: " + code;
                };
            case 4:
                return "Source Quench";
            case 5: {
                String what = switch (code) {
                    case 0 -> "Redirect Network";
                    case 1 -> "Redirect Host";
                    case 2 -> "Redirect Type of Service and Network";
                    case 3 -> "Redirect Type of Service and Host";
                    default -> "Redirect, Bad Code: " + code;
                };
                return what + "(New nexthop: " + Ipv4Address.of(info) + ")";
            }
            case 8:
                return "Echo Request";
            case 11:
                return switch (code) {
                    case 0 -> "Time to live exceeded";
                    case 1 -> "Frag reassembly time exceeded";
                    default -> "Time exceeded, Bad Code: " + code;
                };
            case 12:
                return "Parameter problem: pointer = " + Integer.toUnsignedString(info);
            case 13:
                return "Timestamp";
            case 14:
                return "Timestamp Reply";
            case 15:
                return "Information Request";
            case 16:
                return "Information Reply";
            case 17:
                return "Address Mask Request";
            case 18:
                return "Address Mask Reply";
            default:
                return "Bad ICMP type: " + type;
        }
    }
}
