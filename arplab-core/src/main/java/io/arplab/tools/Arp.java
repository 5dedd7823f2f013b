package io.arplab.tools;

import io.arplab.stack.Errno;
import io.arplab.stack.HostStack;
import io.arplab.stack.NeighbourEntry;
import io.arplab.stack.NetDevice;
import io.arplab.stack.NudState;
import io.arplab.stack.Route;
import io.arplab.tools.iproute.Args;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * net-tools 2.10 {@code arp} (Debian): the ARP cache as /proc/net/arp lists it, in the BSD style ({@code -a}) or
 * the Linux table ({@code -e}, the default), and entries set ({@code -s}) and deleted ({@code -d}) through the
 * kernel's SIOCSARP / SIOCDARP semantics.
 */
public final class Arp implements Tool {
    private static final int ATF_COM = 0x02;
    private static final int ATF_PERM = 0x04;

    /** One line of /proc/net/arp (arp_seq_show). */
    private record ProcLine(String ip, int type, int flags, String hwa, String mask, String dev) {
        /** get_hwntype(): net-tools' name of the hardware type ("loop" for ARPHRD_LOOPBACK). */
        String hwName() {
            return type == ARPHRD_LOOPBACK ? "loop" : "ether";
        }
    }

    private static final int ARPHRD_LOOPBACK = 772;

    private ToolContext ctx;
    private HostStack stack;
    private boolean numeric;
    private boolean all;
    private boolean linuxStyle;
    private boolean verbose;
    private String device = "";
    /** -D: the hardware address argument names an interface whose address to use (for pub entries). */
    private boolean hwFromDevice;
    /** -H/-t: the hardware type listed (every entry here is ether); null when not given. */
    private String hwType;
    /** net-tools' hw types with ARP support (as Debian builds it), and those without. */
    private static final List<String> ARP_HW = List.of("ether", "fddi", "hippi", "ax25", "netrom", "rose", "arcnet",
            "dlci", "irda", "x25", "eui64", "ash", "infiniband");
    private static final List<String> NO_ARP_HW = List.of("loop", "tunnel", "ppp", "hdlc", "lapb", "frad", "sit", "ec",
            "slip", "cslip", "slip6", "cslip6", "adaptive", "unspec");
    private static final int ATF_PUBL = 0x08;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();

    @Override
    public void start(ToolContext ctx, List<String> args) {
        this.ctx = ctx;
        this.stack = ctx.stack();
        int code = run(args);
        ctx.out().print(out);
        ctx.err().print(err);
        ctx.exit(code);
    }

    /** net-tools' usage(rc): to stdout for -h (E_USAGE, 0), else to stderr; print_hwlist() always on stderr. */
    private static final int E_OPTERR = 3;

    private int usage(int rc) {
        (rc == 0 ? out : err).append("""
                Usage:
                  arp [-vn]  [<HW>] [-i <if>] [-a] [<hostname>]             <-Display ARP cache
                  arp [-v]          [-i <if>] -d  <host> [pub]               <-Delete ARP entry
                  arp [-vnD] [<HW>] [-i <if>] -f  [<filename>]            <-Add entry from file
                  arp [-v]   [<HW>] [-i <if>] -s  <host> <hwaddr> [temp]            <-Add entry
                  arp [-v]   [<HW>] [-i <if>] -Ds <host> <if> [netmask <nm>] pub          <-''-

                        -a                       display (all) hosts in alternative (BSD) style
                        -e                       display (all) hosts in default (Linux) style
                        -s, --set                set a new ARP entry
                        -d, --delete             delete a specified entry
                        -v, --verbose            be verbose
                        -n, --numeric            don't resolve names
                        -i, --device             specify network interface (e.g. eth0)
                        -D, --use-device         read <hwaddr> from given device
                        -A, -p, --protocol       specify protocol family
                        -f, --file               read new entries from file or from /etc/ethers

                  <HW>=Use '-H <hw>' to specify hardware address type. Default: ether
                  List of possible hardware types (which support ARP):
                """);
        // print_hwlist(1): each type followed by a space, three to a line
        err.append("    ash (Ash) ether (Ethernet) ax25 (AMPR AX.25) \n")
                .append("    netrom (AMPR NET/ROM) rose (AMPR ROSE) arcnet (ARCnet) \n")
                .append("    dlci (Frame Relay DLCI) fddi (Fiber Distributed Data Interface) hippi (HIPPI) \n")
                .append("    irda (IrLAP) x25 (generic X.25) eui64 (Generic EUI-64) \n");
        return rc;
    }

    private int run(List<String> args) {
        int what = 0;
        List<String> operands = new ArrayList<>();
        // getopt_long("A:H:adfp:nsei:t:vh?DNV") with GNU permutation of operands
        for (int k = 0; k < args.size(); k++) {
            String w = args.get(k);
            if (w.equals("--")) {
                operands.addAll(args.subList(k + 1, args.size()));
                break;
            }
            if (w.startsWith("--") && w.length() > 2) {
                String name = w.substring(2);
                String val = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    val = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                String[] longs = {"verbose", "version", "all", "delete", "file", "numeric", "set", "protocol",
                    "hw-type", "device", "help", "use-device", "symbolic"};
                // getopt_long(): an exact name, else a prefix of one name; a prefix of several (each option's val
                // differs) is ambiguous, its possibilities listed in longopts[]'s order
                String typed = name;
                List<String> prefixed = java.util.Arrays.stream(longs).filter(l -> l.startsWith(typed)).toList();
                String match = prefixed.contains(name) ? name : prefixed.size() == 1 ? prefixed.get(0) : null;
                if (match == null && prefixed.size() > 1) {
                    err.append("arp: option '--").append(w.substring(2)).append("' is ambiguous; possibilities:");
                    prefixed.forEach(l -> err.append(" '--").append(l).append('\''));
                    err.append('\n');
                    return usage(E_OPTERR);
                }
                if (match == null) {
                    err.append("arp: unrecognized option '").append(w).append("'\n");
                    return usage(E_OPTERR);
                }
                char c = switch (match) {
                    case "verbose" -> 'v';
                    case "version" -> 'V';
                    case "all" -> 'a';
                    case "delete" -> 'd';
                    case "file" -> 'f';
                    case "numeric" -> 'n';
                    case "set" -> 's';
                    case "protocol" -> 'A';
                    case "hw-type" -> 'H';
                    case "device" -> 'i';
                    case "use-device" -> 'D';
                    case "symbolic" -> 'N';
                    default -> 'h';
                };
                if (c == 'A' || c == 'H' || c == 'i') {
                    if (val == null) {
                        if (k + 1 >= args.size()) {
                            err.append("arp: option '--").append(match).append("' requires an argument\n");
                            return usage(E_OPTERR);
                        }
                        val = args.get(++k);
                    }
                }
                int r = option(c, val);
                if (r >= 0) {
                    return r;
                }
                if (r == -2) {
                    what = c == 'a' ? 1 : c == 'd' ? 3 : c == 's' ? 4 : 2;
                }
                continue;
            }
            if (w.startsWith("-") && w.length() > 1) {
                for (int j = 1; j < w.length(); j++) {
                    char c = w.charAt(j);
                    String val = null;
                    if (c == 'A' || c == 'H' || c == 'p' || c == 'i' || c == 't') {
                        if (j + 1 < w.length()) {
                            val = w.substring(j + 1);
                        } else if (k + 1 < args.size()) {
                            val = args.get(++k);
                        } else {
                            err.append("arp: option requires an argument -- '").append(c).append("'\n");
                            return usage(E_OPTERR);
                        }
                        j = w.length();
                    }
                    if ("AHadfpnseitvhDNV?".indexOf(c) < 0) {
                        err.append("arp: invalid option -- '").append(c).append("'\n");
                        return usage(E_OPTERR);
                    }
                    int r = option(c, val);
                    if (r >= 0) {
                        return r;
                    }
                    if (r == -2) {
                        what = c == 'a' ? 1 : c == 'd' ? 3 : c == 's' ? 4 : 2;
                    }
                }
                continue;
            }
            operands.add(w);
        }
        switch (what) {
            case 0 -> {
                linuxStyle = true;
                return show(operands.isEmpty() ? null : operands.get(0));
            }
            case 1 -> {
                return show(operands.isEmpty() ? null : operands.get(0));
            }
            case 2 -> {
                err.append("arp: cannot open etherfile ").append(operands.isEmpty() ? "/etc/ethers" : operands.get(0))
                        .append(" !\n");
                return 255; // arp_file(): -1, main()'s exit status
            }
            case 3 -> {
                return delete(operands);
            }
            default -> {
                return set(operands);
            }
        }
    }

    /** Applies one option; -1 to go on, -2 for an action option, or an exit status. */
    private int option(char c, String val) {
        switch (c) {
            case 'a':
                all = true;
                return -2;
            case 'f':
            case 'd':
            case 's':
                return -2;
            case 'e':
                linuxStyle = true;
                return -1;
            case 'n':
                numeric = true;
                return -1;
            case 'D':
                hwFromDevice = true;
                return -1;
            case 'N':
                err.append("arp: -N not yet supported.\n");
                return -1;
            case 'v':
                verbose = true;
                return -1;
            case 'A':
            case 'p':
                if (!val.equals("inet")) {
                    err.append("arp: ").append(val).append(": unknown address family.\n");
                    return 255;
                }
                return -1;
            case 'H':
            case 't':
                // get_hwtype(): the hardware types Debian's net-tools knows; the listing keeps only that type
                if (NO_ARP_HW.contains(val)) {
                    err.append("arp: ").append(val).append(": hardware type without ARP support.\n");
                    return 255;
                }
                if (!ARP_HW.contains(val)) {
                    err.append("arp: ").append(val).append(": unknown hardware type.\n");
                    return 255;
                }
                hwType = val;
                return -1;
            case 'i':
                device = val.length() > 15 ? val.substring(0, 15) : val;
                return -1;
            case 'V':
                // arp.c: version() on stdout, exit(E_VERSION) with 0
                out.append("net-tools 2.10\n+I18N +SELINUX\n"
                        + "AF: (inet) +UNIX +INET +INET6 +IPX +AX25 +NETROM +X25 +ATALK +ECONET +ROSE -BLUETOOTH\n"
                        + "HW: (ether) +ETHER +ARC +SLIP +PPP +TUNNEL -TR +AX25 +NETROM +X25 +FR +ROSE +ASH +SIT +FDDI"
                        + " +HIPPI +HDLC/LAPB +EUI64 \n");
                return 0;
            case 'h':
                return usage(0);
            default:
                return usage(E_OPTERR);
        }
    }

    /** The lines of /proc/net/arp: entries whose state is more than NOARP (NUD_NONE and NOARP-only are skipped). */
    private List<ProcLine> procNetArp() {
        List<ProcLine> lines = new ArrayList<>();
        for (NeighbourEntry n : stack.neighbours().entries()) {
            int st = n.stateBits();
            if ((st & ~NudState.NOARP.bits) == 0) {
                continue;
            }
            int flags = (st & NudState.PERMANENT.bits) != 0 ? ATF_PERM | ATF_COM
                    : (st & NudState.VALID) != 0 ? ATF_COM : 0;
            // arp_format_neigh_entry(): dev->type, ARPHRD_LOOPBACK (772) for lo
            int type = n.device().loopback ? ARPHRD_LOOPBACK : 1;
            lines.add(new ProcLine(n.address().toString(), type, flags, n.lladdr().toString(), "*", n.device().name));
        }
        // arp_format_pneigh_entry(): proxy entries follow, ATF_PUBL|ATF_PERM with a zero address
        for (HostStack.ProxyEntry e : stack.proxies()) {
            lines.add(new ProcLine(e.address().toString(), e.dev() == null ? 0 : 1, ATF_PUBL | ATF_PERM,
                    "00:00:00:00:00:00", "*", e.dev() == null ? "*" : e.dev().name));
        }
        return lines;
    }

    /** INET_resolve(): inet_aton() first (one to four parts: "4294967295" is 255.255.255.255), then the names. */
    private Ipv4Address resolve(String host) {
        Ipv4Address a = InetAton.atonThenName(host, ctx.resolver());
        if (a == null) {
            err.append(host).append(": Unknown host\n");
        }
        return a;
    }

    private int show(String name) {
        String host = null;
        if (name != null) {
            Ipv4Address a = resolve(name);
            if (a == null) {
                return 255;
            }
            host = a.toString();
        }
        int entries = 0;
        int showed = 0;
        boolean title = false;
        for (ProcLine l : procNetArp()) {
            entries++;
            if (host != null && !l.ip().equals(host)) {
                continue;
            }
            if (!device.isEmpty() && !l.dev().equals(device) || hwType != null && !hwType.equals(l.hwName())) {
                continue;
            }
            showed++;
            String hostname;
            if (numeric) {
                hostname = "?";
            } else {
                String r = ctx.resolver().reverse(Ipv4Address.parse(l.ip()));
                hostname = r == null || r.equals(l.ip()) ? "?" : r;
            }
            if (linuxStyle) {
                if (!title) {
                    out.append("Address                  HWtype  HWaddress           Flags Mask            Iface\n");
                    title = true;
                }
                linuxLine(hostname.startsWith("?") ? l.ip() : hostname, l);
            } else {
                bsdLine(hostname, l);
            }
        }
        if (verbose) {
            out.append("Entries: ").append(entries).append("\tSkipped: ").append(entries - showed).append("\tFound: ")
                    .append(showed).append('\n');
        }
        if (showed == 0) {
            if (host != null && !all) {
                out.append(name).append(" (").append(host).append(") -- no entry\n");
            } else if (hwType != null || host != null || !device.isEmpty()) { // hw_set || host[0] || device[0]
                out.append("arp: in ").append(entries).append(" entries no match found.\n");
            }
        }
        return 0;
    }

    private static String pad(String s, int width) {
        if (s.length() > width) {
            s = s.substring(0, width);
        }
        return String.format("%-" + width + "s", s);
    }

    /** arp_disp_2(): the Linux table. */
    private void linuxLine(String name, ProcLine l) {
        StringBuilder flags = new StringBuilder();
        if ((l.flags() & ATF_COM) != 0) {
            flags.append('C');
        }
        if ((l.flags() & ATF_PERM) != 0) {
            flags.append('M');
        }
        if ((l.flags() & ATF_PUBL) != 0) {
            flags.append('P');
        }
        out.append(pad(name, 23)).append("  ");
        if ((l.flags() & ATF_PUBL) != 0 && (l.flags() & ATF_COM) == 0) {
            out.append(pad("*", 8)).append(pad("<from_interface>", 20));
        } else if ((l.flags() & ATF_COM) == 0) {
            out.append(pad("", 8)).append(pad("(incomplete)", 20));
        } else {
            out.append(pad(l.hwName(), 8)).append(pad(l.hwa(), 20));
        }
        out.append(pad(flags.toString(), 6)).append(pad("", 15)).append(' ').append(l.dev()).append('\n');
    }

    /** arp_disp(): "NAME (IP) at MAC [ether] PERM on DEV". */
    private void bsdLine(String name, ProcLine l) {
        out.append(name).append(" (").append(l.ip()).append(") at ");
        if ((l.flags() & ATF_PUBL) != 0 && (l.flags() & ATF_COM) == 0) {
            out.append("<from_interface> ");
        } else if ((l.flags() & ATF_COM) == 0) {
            out.append("<incomplete> ");
        } else {
            out.append(l.hwa()).append(" [").append(l.hwName()).append("] ");
        }
        if ((l.flags() & ATF_PERM) != 0) {
            out.append("PERM ");
        }
        if ((l.flags() & ATF_PUBL) != 0) {
            out.append("PUB ");
        }
        out.append("on ").append(l.dev()).append('\n');
    }

    /** The device SIOCSARP/SIOCDARP use: the named one, or the one of a connected (scope link) route. */
    private NetDevice targetDevice(Ipv4Address ip, String op) {
        if (!device.isEmpty()) {
            NetDevice d = stack.device(device);
            if (d == null) {
                err.append(op).append(": No such device\n");
            }
            return d;
        }
        for (Route r : stack.routes().routes()) {
            if (r.gateway() == null && r.device() != null && r.type() == Route.UNICAST && r.matches(ip.bits())
                    && r.device().isUp()) {
                return r.device();
            }
        }
        err.append(op).append(": ").append(Errno.ENETUNREACH.text).append('\n');
        return null;
    }

    /** arp -s HOST HWADDR [temp] [pub] [dev IF]. */
    private int set(List<String> a) {
        if (a.isEmpty()) {
            err.append("arp: need host name\n");
            return 255;
        }
        Ipv4Address ip = resolve(a.get(0));
        if (ip == null) {
            return 255;
        }
        if (a.size() < 2) {
            err.append("arp: need hardware address\n");
            return 255;
        }
        byte[] hw = hwFromDevice ? null : inEther(a.get(1), ip);
        NetDevice hwDev = null;
        if (hwFromDevice) {
            hwDev = stack.device(a.get(1));
            if (hwDev == null) {
                err.append("arp: cant get HW-Address for `").append(a.get(1)).append("': No such device.\n");
                return 255;
            }
            hw = new byte[6];
            hwDev.mac().write(hw, 0);
        }
        if (hw == null || hw.length != 6) {
            err.append("arp: invalid hardware address\n");
            return 255;
        }
        boolean perm = true;
        boolean pub = false;
        boolean netmask = false;
        boolean dontpub = false;
        for (int k = 2; k < a.size(); k++) {
            String w = a.get(k);
            switch (w) {
                case "temp" -> perm = false;
                case "pub" -> pub = true;
                case "priv", "trail", "auto" -> { }
                case "dontpub" -> dontpub = true;
                case "dev" -> {
                    if (++k >= a.size()) {
                        return usage(E_OPTERR);
                    }
                    device = a.get(k);
                }
                case "netmask" -> {
                    if (++k >= a.size()) {
                        return usage(E_OPTERR);
                    }
                    netmask = !a.get(k).equals("255.255.255.255"); // ATF_NETMASK unless the host mask
                    if (netmask && resolve(a.get(k)) == null) { // arp_set(): ap->input() of the mask, ap->herror()
                        return 255;
                    }
                }
                default -> {
                    return usage(E_OPTERR);
                }
            }
        }
        if (!pub && (netmask || dontpub) || pub && netmask) {
            // arp_ioctl(): a netmask or dontpub only on a proxy entry; arp_req_set_public(): a host mask only
            err.append("SIOCSARP: Invalid argument\n");
            return 255;
        }
        if (pub) {
            // arp_ioctl(): a named device must exist (ENODEV); arp_req_set_public(): without one, the device whose
            // hardware address was given
            NetDevice pdev = device.isEmpty() ? null : stack.device(device);
            if (pdev == null && device.isEmpty()) {
                long want = Args.mac(hw).bits();
                for (NetDevice d : stack.devices()) {
                    if (!d.loopback && d.macBits() == want) {
                        pdev = d;
                        break;
                    }
                }
            }
            if (pdev == null) {
                err.append("SIOCSARP: No such device\n");
                return 255;
            }
            stack.proxyAdd(ip, pdev);
            return 0;
        }
        boolean viaLo = device.isEmpty() && (stack.isLocalAddress(ip.bits()) || stack.devices().stream()
                .anyMatch(d -> d.loopback && d.isUp() && d.addresses().stream().anyMatch(x -> x.matches(ip.bits()))));
        NetDevice dev = viaLo ? null : targetDevice(ip, "SIOCSARP");
        if (dev == null && !viaLo) {
            return 255;
        }
        if (viaLo || dev.loopback) {
            // arp_req_set(): the route to one of our own addresses leaves through lo, and an ARPHRD_ETHER address
            // does not fit a device of another type (r->arp_ha.sa_family != dev->type)
            err.append("SIOCSARP: Invalid argument\n");
            return 255;
        }
        MacAddress mac = Args.mac(hw);
        long now = ctx.now();
        NudState state = perm ? NudState.PERMANENT : NudState.STALE;
        ctx.act(ob -> stack.neighAdd(now, dev, ip, mac, state, true, ob));
        return 0;
    }

    /**
     * net-tools' in_ether() (lib/ether.c): up to six bytes of one or two hex digits, each optionally followed by a
     * colon, null on a bad digit; what follows the sixth byte is ignored (the trailing junk check is under DEBUG).
     * It writes into the sockaddr arp_set() had just resolved the host into: the bytes it does not reach keep that
     * sockaddr_in's (sin_port 0, then sin_addr), as the kernel then gets them.
     */
    static byte[] inEther(String s, Ipv4Address host) {
        byte[] b = new byte[6];
        host.write(b, 2);
        int p = 0;
        int i = 0;
        while (p < s.length() && i < 6) {
            int val = hex(s.charAt(p++));
            if (val < 0) {
                return null;
            }
            char c = p < s.length() ? s.charAt(p) : 0;
            if (hex(c) >= 0) {
                val = val << 4 | hex(c);
            } else if (c != ':' && c != 0) {
                return null;
            }
            if (c != 0) {
                p++;
            }
            b[i++] = (byte) val;
            if (p < s.length() && s.charAt(p) == ':') {
                p++;
            }
        }
        return b;
    }

    private static int hex(char c) {
        return c >= '0' && c <= '9' ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    /** arp -d HOST [pub] [dev IF]. */
    private int delete(List<String> a) {
        if (a.isEmpty()) {
            err.append("arp: need host name\n");
            return 255;
        }
        String host = a.get(0);
        Ipv4Address ip = resolve(host);
        if (ip == null) {
            return 255;
        }
        boolean pub = false;
        for (int k = 1; k < a.size(); k++) {
            String w = a.get(k);
            switch (w) {
                case "pub" -> pub = true;
                case "priv", "temp", "trail", "dontpub", "auto" -> { }
                case "dev" -> {
                    if (++k >= a.size()) {
                        return usage(E_OPTERR);
                    }
                    device = a.get(k);
                }
                case "netmask" -> {
                    if (++k >= a.size()) {
                        return usage(E_OPTERR);
                    }
                    if (!a.get(k).equals("255.255.255.255") && resolve(a.get(k)) == null) {
                        return 255;
                    }
                }
                default -> {
                    return usage(E_OPTERR);
                }
            }
        }
        if (!pub && device.isEmpty() && stack.isLocalAddress(ip.bits())) {
            // arp_req_dev(): the route to one of our own addresses leaves through lo, where no entry is (ENXIO)
            out.append("No ARP entry for ").append(host).append('\n');
            return 255;
        }
        if (!pub) {
            NetDevice dev = targetDevice(ip, "SIOCDARP(dontpub)");
            if (dev == null) {
                return 255;
            }
            NeighbourEntry n = stack.neighbours().lookup(dev, ip.bits());
            if (n != null) {
                // arp_req_delete() → arp_invalidate(force): removed in any state, ENXIO for a NONE or NOARP one
                long now = ctx.now();
                int[] rc = new int[1];
                ctx.act(ob -> rc[0] = stack.neighbours().arpInvalidate(now, n, ob));
                if (rc[0] == 0) {
                    return 0;
                }
            }
        }
        // no private entry: net-tools then tries the proxy (pub) table (arp_req_delete_public → pneigh_delete)
        if (stack.proxyDelete(ip, device.isEmpty() ? null : stack.device(device))) {
            return 0;
        }
        out.append("No ARP entry for ").append(host).append('\n');
        return 255;
    }
}
