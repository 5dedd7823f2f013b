package io.arplab.tools.iptables;

import io.arplab.stack.Xtables.Addrtype;
import io.arplab.tools.iptables.IptExtensions.Ext;
import io.arplab.tools.iptables.IptExtensions.Opt;
import java.util.List;

/**
 * libxt_addrtype.c of iptables 1.8.9, revision 1: --src-type and --dst-type (comma-separated rtn_names[], any case),
 * --limit-iface-in and --limit-iface-out (each excluding the other), addrtype_check(), print and save.
 */
final class IptAddrtype {
    private IptAddrtype() {}

    /** rtn_names[], by RTN_* number. */
    private static final String[] RTN_NAMES = {"UNSPEC", "UNICAST", "LOCAL", "BROADCAST", "ANYCAST", "MULTICAST",
        "BLACKHOLE", "UNREACHABLE", "PROHIBIT", "THROW", "NAT", "XRESOLVE"};

    private static final List<String> OPTS = List.of("src-type", "dst-type", "limit-iface-in", "limit-iface-out");

    static List<Opt> options() {
        return List.of(new Opt("src-type", true, true), new Opt("dst-type", true, true),
                new Opt("limit-iface-in", false, false), new Opt("limit-iface-out", false, false));
    }

    static void parse(Ext e, Opt o, String arg, boolean invert) {
        int id = OPTS.indexOf(o.name());
        if ((e.seen & 1 << id) != 0) {
            throw IptError.parameter("addrtype: option \"--" + o.name() + "\" can only be used once.\n");
        }
        e.seen |= 1 << id;
        switch (id) {
            case 0 -> {
                e.srcTypes = types(arg);
                e.addrFlags |= invert ? Addrtype.INVERT_SOURCE : 0;
            }
            case 1 -> {
                e.dstTypes = types(arg);
                e.addrFlags |= invert ? Addrtype.INVERT_DEST : 0;
            }
            case 2 -> e.addrFlags |= Addrtype.LIMIT_IFACE_IN;
            default -> e.addrFlags |= Addrtype.LIMIT_IFACE_OUT;
        }
    }

    // parse_types(): each word the first name it is a prefix of (strncasecmp() over the word's length)
    private static int types(String arg) {
        int mask = 0;
        String[] words = arg.split(",", -1);
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            int bit = type(w);
            if (bit < 0) {
                String rest = String.join(",", java.util.Arrays.copyOfRange(words, i, words.length));
                throw IptError.parameter(i < words.length - 1 ? "addrtype: bad type `" + rest + "'"
                        : "addrtype: bad type \"" + w + "\"");
            }
            mask |= 1 << bit;
        }
        return mask;
    }

    private static int type(String w) {
        for (int i = 0; i < RTN_NAMES.length && !w.isEmpty(); i++) {
            if (w.length() <= RTN_NAMES[i].length() && RTN_NAMES[i].regionMatches(true, 0, w, 0, w.length())) {
                return i;
            }
        }
        return -1;
    }

    /** addrtype_check(), then the options' exclusion (xtables_options_fcheck()). */
    static void finalCheck(Ext e) {
        if ((e.seen & 3) == 0) {
            throw IptError.parameter("addrtype: you must specify --src-type or --dst-type");
        }
        if ((e.seen & 12) == 12) {
            throw IptError.parameter(
                    "addrtype: option \"--limit-iface-in\" cannot be used together with \"--limit-iface-out\".\n");
        }
    }

    static Addrtype match(Ext e) {
        return new Addrtype(e.srcTypes, e.dstTypes, e.addrFlags);
    }

    /** addrtype_print_v1() ({@code save} false) and addrtype_save_v1(). */
    static void print(StringBuilder out, Addrtype a, boolean save) {
        if (!save) {
            out.append(" ADDRTYPE match");
        }
        side(out, a.source(), (a.flags() & Addrtype.INVERT_SOURCE) != 0, save, "src-type");
        side(out, a.dest(), (a.flags() & Addrtype.INVERT_DEST) != 0, save, "dst-type");
        if ((a.flags() & Addrtype.LIMIT_IFACE_IN) != 0) {
            out.append(save ? " --limit-iface-in" : " limit-in");
        }
        if ((a.flags() & Addrtype.LIMIT_IFACE_OUT) != 0) {
            out.append(save ? " --limit-iface-out" : " limit-out");
        }
    }

    private static void side(StringBuilder out, int mask, boolean invert, boolean save, String name) {
        if (mask == 0) {
            return;
        }
        if (save) {
            out.append(invert ? " !" : "").append(" --").append(name).append(' ');
        } else {
            out.append(' ').append(name).append(' ').append(invert ? "!" : "");
        }
        String sep = "";
        for (int i = 0; i < RTN_NAMES.length; i++) {
            if ((mask & 1 << i) != 0) {
                out.append(sep).append(RTN_NAMES[i]);
                sep = ",";
            }
        }
    }

    /**
     * addrtype_mt_checkentry_v1(): an input-device limit at POSTROUTING or OUTPUT, or an output-device one at
     * PREROUTING or INPUT, is refused (EINVAL) for the hooks in {@code hookMask}.
     */
    static boolean kernelAccepts(Addrtype a, int hookMask) {
        if ((a.flags() & Addrtype.LIMIT_IFACE_OUT) != 0 && (hookMask & (1 | 1 << 1)) != 0) {
            return false;
        }
        return (a.flags() & Addrtype.LIMIT_IFACE_IN) == 0 || (hookMask & (1 << 4 | 1 << 3)) == 0;
    }
}
