package io.arplab.tools.iptables;

import io.arplab.stack.Xtables.Nat;
import io.arplab.tools.iptables.IptExtensions.Ext;
import io.arplab.tools.iptables.IptExtensions.Opt;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.libc.CLib;
import io.arplab.wire.libc.NetDb;
import java.util.List;

/**
 * libxt_NAT.c of iptables 1.8.9 for IPv4: SNAT, DNAT (revision 2, the kernel's newest), MASQUERADE and REDIRECT
 * (revision 0): their options, parse_to() and parse_ports() into an nf_nat_range2, the final checks, and
 * __NAT_print() for -L ("to:", "masq ports: ", "redir ports ") and -S ("--to-source " ...).
 */
final class IptNat {
    private IptNat() {}

    // the option ids of libxt_NAT.c (O_TO_DEST ... O_PERSISTENT), the bits of Ext.seen
    private static final int TO_DEST = 0, TO_SRC = 1, TO_PORTS = 2, RANDOM = 3, RANDOM_FULLY = 4, PERSISTENT = 5;

    static final List<String> TARGETS = List.of("SNAT", "DNAT", "MASQUERADE", "REDIRECT");

    /** SNAT_opts, DNAT_opts, MASQUERADE_opts, REDIRECT_opts. */
    static List<Opt> options(String name) {
        return switch (name) {
            case "SNAT" -> List.of(new Opt("to-source", true, false), new Opt("random", false, false),
                    new Opt("random-fully", false, false), new Opt("persistent", false, false));
            case "DNAT" -> List.of(new Opt("to-destination", true, false), new Opt("random", false, false),
                    new Opt("persistent", false, false));
            case "MASQUERADE" -> List.of(new Opt("to-ports", true, false), new Opt("random", false, false),
                    new Opt("random-fully", false, false));
            default -> List.of(new Opt("to-ports", true, false), new Opt("random", false, false));
        };
    }

    private static int id(String option) {
        return List.of("to-destination", "to-source", "to-ports", "random", "random-fully", "persistent")
                .indexOf(option);
    }

    /** __NAT_parse(): {@code proto} is the rule's -p so far (ports need TCP, UDP, SCTP, DCCP or ICMP). */
    static void parse(Ext e, Opt o, String arg, int proto) {
        int id = id(o.name());
        if ((e.seen & 1 << id) != 0) {
            throw IptError.parameter(e.name + ": option \"--" + o.name() + "\" can only be used once.\n");
        }
        e.seen |= 1 << id;
        boolean portok = proto == 6 || proto == 17 || proto == 132 || proto == 33 || proto == 1;
        switch (id) {
            case TO_DEST, TO_SRC -> parseTo(e, arg, portok);
            case TO_PORTS -> parsePorts(e, arg, portok);
            case RANDOM -> e.natFlags |= Nat.PROTO_RANDOM;
            case RANDOM_FULLY -> e.natFlags |= Nat.PROTO_RANDOM_FULLY;
            default -> e.natFlags |= Nat.PERSISTENT;
        }
    }

    // parse_to(): [ADDR[-ADDR]][:PORT[-PORT[/BASE]]]; two colons make an IPv6 address, which AF_INET refuses
    private static void parseTo(Ext e, String arg, boolean portok) {
        if (arg.indexOf('[') >= 0) {
            throw IptError.parameter("Invalid address format");
        }
        int colon = arg.indexOf(':');
        if (colon >= 0 && arg.indexOf(':', colon + 1) >= 0) {
            colon = -1;
        }
        String start = arg;
        if (colon >= 0) {
            parsePorts(e, arg.substring(colon + 1), portok);
            if (colon == 0) {
                return; // no IP info
            }
            start = arg.substring(0, colon);
        }
        e.natFlags |= Nat.MAP_IPS;
        int dash = start.indexOf('-');
        e.natMinIp = pton(dash < 0 ? start : start.substring(0, dash));
        e.natMaxIp = dash < 0 ? e.natMinIp : pton(start.substring(dash + 1));
    }

    // inet_pton(AF_INET), libc's
    private static int pton(String s) {
        long a = CLib.inetPton4(s);
        if (a < 0) {
            throw IptError.parameter("Bad IP address \"" + s + "\"");
        }
        return (int) a;
    }

    // parse_ports(): PORT (a number or a service), or MIN-MAX (numbers) with an optional /BASE (PROTO_OFFSET)
    private static void parsePorts(Ext e, String arg, boolean portok) {
        if (!portok) {
            throw IptError.parameter("Need TCP, UDP, SCTP or DCCP with port specification");
        }
        e.natFlags |= Nat.PROTO_SPECIFIED;
        int[] res = new int[1];
        int end = Iptables.strtouiEnd(arg, 0, 0, 0xFFFF, res, 0);
        int port;
        if (end < 0) {
            port = NetDb.servicePort(arg);
            if (port < 0) {
                throw IptError.parameter("Port `" + arg + "' not valid");
            }
            end = arg.length();
        } else {
            port = res[0];
        }
        if (end == arg.length()) {
            e.natMinPort = e.natMaxPort = port;
            return;
        }
        if (arg.charAt(end) == ':') {
            throw IptError.parameter("Invalid port:port syntax - use dash");
        }
        if (arg.charAt(end) != '-') {
            throw IptError.parameter("Garbage after port value: `" + arg.substring(end) + "'");
        }
        String rest = arg.substring(end + 1);
        int e2 = Iptables.strtouiEnd(rest, 0, 0, 0xFFFF, res, 0);
        if (e2 < 0) {
            throw IptError.parameter("Port `" + rest + "' not valid");
        }
        if (res[0] < port) {
            throw IptError.parameter("Port range `" + rest + "' funky");
        }
        e.natMinPort = port;
        e.natMaxPort = res[0];
        if (e2 == rest.length()) {
            return;
        }
        if (rest.charAt(e2) != '/') {
            throw IptError.parameter("Garbage after port range: `" + rest.substring(e2) + "'");
        }
        String b = rest.substring(e2 + 1);
        long base = Iptables.strtoui(b, 1, 0xFFFF);
        if (base < 0) {
            base = NetDb.servicePort(b);
            if (base < 0) {
                throw IptError.parameter("Port `" + b + "' not valid");
            }
        }
        e.natFlags |= Nat.PROTO_OFFSET;
        e.natBase = (int) base;
    }

    /** The target's x6_fcheck (REDIRECT's DNAT_fcheck()), then xtables_options_fcheck()'s mandatory option. */
    static void finalCheck(Ext e) {
        if (e.name.equals("REDIRECT") && (e.natFlags & Nat.PROTO_OFFSET) != 0) {
            throw IptError.parameter("Shifted portmap ranges not supported with this kernel");
        }
        if (e.name.equals("SNAT") && (e.seen & 1 << TO_SRC) == 0) {
            throw IptError.parameter("SNAT: option \"--to-source\" must be specified\n");
        }
        if (e.name.equals("DNAT") && (e.seen & 1 << TO_DEST) == 0) {
            throw IptError.parameter("DNAT: option \"--to-destination\" must be specified\n");
        }
    }

    static Nat target(Ext e) {
        return new Nat(e.name, e.natFlags, e.natMinIp, e.natMaxIp, e.natMinPort, e.natMaxPort, e.natBase);
    }

    /** __NAT_print() for -L ({@code save} false) or -S. */
    static void print(StringBuilder out, Nat n, boolean save) {
        boolean ports = n.kind().equals("MASQUERADE") || n.kind().equals("REDIRECT");
        String range = range(n);
        if (!range.isEmpty()) {
            if (range.charAt(0) == ':' && ports) {
                range = range.substring(1); // skip_colon
            }
            String opt = save ? (ports ? "--to-ports " : n.kind().equals("SNAT") ? "--to-source " : "--to-destination ")
                    : n.kind().equals("MASQUERADE") ? "masq ports: " : n.kind().equals("REDIRECT") ? "redir ports "
                    : "to:";
            out.append(' ').append(opt).append(range);
        }
        String pfx = save ? "--" : "";
        if ((n.flags() & Nat.PROTO_RANDOM) != 0) {
            out.append(' ').append(pfx).append("random");
        }
        if ((n.flags() & Nat.PROTO_RANDOM_FULLY) != 0) {
            out.append(' ').append(pfx).append("random-fully");
        }
        if ((n.flags() & Nat.PERSISTENT) != 0) {
            out.append(' ').append(pfx).append("persistent");
        }
    }

    // sprint_range()
    private static String range(Nat n) {
        StringBuilder b = new StringBuilder();
        if ((n.flags() & Nat.MAP_IPS) != 0) {
            b.append(Ipv4Address.of(n.minIp()));
            if (n.maxIp() != n.minIp()) {
                b.append('-').append(Ipv4Address.of(n.maxIp()));
            }
        }
        if ((n.flags() & Nat.PROTO_SPECIFIED) != 0) {
            b.append(':').append(n.minPort());
            if (n.maxPort() != n.minPort()) {
                b.append('-').append(n.maxPort());
            }
            if ((n.flags() & Nat.PROTO_OFFSET) != 0) {
                b.append('/').append(n.base());
            }
        }
        return b.toString();
    }
}
