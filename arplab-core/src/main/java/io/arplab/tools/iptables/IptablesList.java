package io.arplab.tools.iptables;

import io.arplab.stack.Xtables;
import io.arplab.stack.Xtables.Chain;
import io.arplab.stack.Xtables.Rule;
import io.arplab.stack.Xtables.Spec;
import io.arplab.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * iptables' listings: {@code -L} (nft_rule_list(): print_header(), print_rule_details(), print_fragment(),
 * print_ifaces(), print_ipv4_addresses(), each match's and the target's print()) and {@code -S}
 * (nft_rule_list_save(): the chains' "-P"/"-N" lines, then each rule as nft_ipv4_save_rule() writes it). Built-in
 * chains are listed even before they exist (with policy ACCEPT), then user chains by name.
 */
final class IptablesList {
    // xshared.h's FMT_* flags
    static final int FMT_NUMERIC = 0x1, FMT_NOCOUNTS = 0x2, FMT_KILOMEGAGIGA = 0x4, FMT_OPTIONS = 0x8,
            FMT_NOTABLE = 0x10, FMT_VIA = 0x40, FMT_LINENUMBERS = 0x100;
    static final int FMT_PRINT_RULE = FMT_NOCOUNTS | FMT_OPTIONS | FMT_VIA | FMT_NUMERIC | FMT_NOTABLE;

    private final Xtables xt;
    private final String table;
    private final StringBuilder out;
    /** gethostbyaddr()'s name of an address, or null (the node's hosts file: no name server is asked) */
    private final IntFunction<String> hostName;

    IptablesList(Xtables xt, String table, StringBuilder out) {
        this(xt, table, out, a -> null);
    }

    IptablesList(Xtables xt, String table, StringBuilder out, IntFunction<String> hostName) {
        this.xt = xt;
        this.table = table;
        this.out = out;
        this.hostName = hostName;
    }

    // the chains to list: the one named (the nft tool's "incompatible" refusal when it does not exist), or all
    private List<String> chains(String only) {
        if (only != null) {
            if (xt.find(only) == null) {
                throw IptError.other("chain `" + only + "' in table `" + table
                        + "' is incompatible, use 'nft' tool.");
            }
            return List.of(only);
        }
        List<String> names = new ArrayList<>(xt.builtins());
        names.addAll(xt.userChains().keySet());
        return names;
    }

    /** {@code -L [CHAIN [N]]}. */
    void list(String only, int rulenum, int format) {
        boolean first = true;
        for (String name : chains(only)) {
            Chain c = xt.find(name);
            if (rulenum > 0) {
                if (rulenum <= c.rules().size()) {
                    Rule r = c.rules().get(rulenum - 1);
                    rule(out, r.spec(), rulenum, r.packets(), r.bytes(), format, null, hostName);
                }
                continue;
            }
            if (!first) {
                out.append('\n');
            }
            first = false;
            header(out, format, name, c.policy() == null ? null : c.policy().name(), c.policyPackets(),
                    c.policyBytes(), c.policy() == null ? xt.references(name) : 0);
            int n = 0;
            for (Rule r : c.rules()) {
                rule(out, r.spec(), ++n, r.packets(), r.bytes(), format, null, hostName);
            }
        }
    }

    /** {@code -S [CHAIN [N]]}; {@code counters}: -v's "-c PACKETS BYTES". */
    void save(String only, int rulenum, boolean counters) {
        List<String> names = chains(only);
        if (rulenum == 0) {
            for (String name : names) {
                Chain c = xt.find(name);
                if (c.policy() != null) {
                    out.append("-P ").append(name).append(' ').append(c.policy().name());
                    if (counters) {
                        out.append(" -c ").append(c.policyPackets()).append(' ').append(c.policyBytes());
                    }
                    out.append('\n');
                } else {
                    out.append("-N ").append(name).append('\n');
                }
            }
        }
        for (String name : names) {
            Chain c = xt.find(name);
            for (int i = 0; i < c.rules().size(); i++) {
                if (rulenum == 0 || rulenum == i + 1) {
                    Rule r = c.rules().get(i);
                    saveRule(name, r, counters);
                }
            }
        }
    }

    /** iptables-save's rules: every chain's, each with {@code counters}' "[PACKETS:BYTES] " before it. */
    void saveRules(boolean counters) {
        for (String name : chains(null)) {
            for (Rule r : xt.find(name).rules()) {
                if (counters) {
                    out.append('[').append(r.packets()).append(':').append(r.bytes()).append("] ");
                }
                saveRule(name, r, false);
            }
        }
    }

    private void saveRule(String chain, Rule r, boolean counters) {
        Spec s = r.spec();
        out.append("-A ").append(chain);
        saveAddress('s', s.src(), s.srcMask(), s.notSrc());
        saveAddress('d', s.dst(), s.dstMask(), s.notDst());
        saveIface('i', s.in(), s.notIn());
        saveIface('o', s.out(), s.notOut());
        if (s.proto() > 0) {
            String pname = Iptables.protoName(s.proto(), false);
            out.append(s.notProto() ? " !" : "").append(" -p ").append(pname != null ? pname : s.proto());
        }
        if (s.frag()) {
            out.append(s.notFrag() ? " !" : "").append(" -f");
        }
        for (Xtables.Match m : s.matches()) {
            IptExtensions.save(out, m, s.proto());
        }
        if (counters) {
            out.append(" -c ").append(r.packets()).append(' ').append(r.bytes());
        }
        Xtables.Target t = s.target();
        if (t instanceof Xtables.Jump j) {
            out.append(j.isGoto() ? " -g " : " -j ").append(j.chain());
        } else if (t != null) {
            out.append(" -j ").append(targetName(t));
            IptExtensions.save(out, t);
        }
        out.append('\n');
    }

    // save_ipv4_addr(): nothing for 0.0.0.0/0, else ADDRESS/LENGTH (or /DOTTED for a mask that is no prefix)
    private void saveAddress(char letter, int addr, int mask, boolean invert) {
        if (mask == 0 && !invert && addr == 0) {
            return;
        }
        int len = prefixLength(mask);
        out.append(invert ? " !" : "").append(" -").append(letter).append(' ').append(Ipv4Address.of(addr))
                .append('/').append(len >= 0 ? Integer.toString(len) : Ipv4Address.of(mask).toString());
    }

    private void saveIface(char letter, String iface, boolean invert) {
        if (iface != null) {
            out.append(invert ? " !" : "").append(" -").append(letter).append(' ').append(iface);
        }
    }

    static String targetName(Xtables.Target t) {
        if (t instanceof Xtables.Verdict v) {
            return v.name();
        }
        if (t instanceof Xtables.Jump j) {
            return j.chain();
        }
        if (t instanceof Xtables.Nat n) {
            return n.kind();
        }
        return t instanceof Xtables.Reject ? "REJECT" : t instanceof Xtables.Mark ? "MARK" : "LOG";
    }

    /** print_header(). */
    static void header(StringBuilder out, int format, String chain, String policy, long packets, long bytes,
                       int refs) {
        out.append("Chain ").append(chain);
        if (policy != null) {
            out.append(" (policy ").append(policy);
            if ((format & FMT_NOCOUNTS) == 0) {
                out.append(' ');
                num(out, packets, format | FMT_NOTABLE);
                out.append("packets, ");
                num(out, bytes, format | FMT_NOTABLE);
                out.append("bytes");
            }
            out.append(")\n");
        } else {
            out.append(" (").append(refs).append(" references)\n");
        }
        if ((format & FMT_LINENUMBERS) != 0) {
            out.append(String.format("%-4s ", "num"));
        }
        if ((format & FMT_NOCOUNTS) == 0) {
            if ((format & FMT_KILOMEGAGIGA) != 0) {
                out.append(String.format("%5s %5s ", "pkts", "bytes"));
            } else {
                out.append(String.format("%8s %10s ", "pkts", "bytes"));
            }
        }
        out.append(String.format("%-9s ", "target"));
        out.append(" prot ");
        if ((format & FMT_OPTIONS) != 0) {
            out.append("opt");
        }
        if ((format & FMT_VIA) != 0) {
            out.append(String.format(" %-6s ", "in")).append(String.format("%-6s ", "out"));
        }
        out.append(String.format(" %-19s ", "source")).append(String.format(" %-19s ", "destination")).append('\n');
    }

    /**
     * One rule (nft_ipv4_print_rule()); {@code linenum} 0 with FMT_PRINT_RULE's untabled form, {@code jumpto} the
     * command line's target name where the rule is not stored yet.
     */
    static void rule(StringBuilder out, Spec s, int linenum, long packets, long bytes, int format, String jumpto,
                     IntFunction<String> hostName) {
        boolean notable = (format & FMT_NOTABLE) != 0;
        boolean numeric = (format & FMT_NUMERIC) != 0;
        if ((format & FMT_LINENUMBERS) != 0) {
            out.append(notable ? linenum + " " : String.format("%-4d ", linenum));
        }
        if ((format & FMT_NOCOUNTS) == 0) {
            num(out, packets, format);
            num(out, bytes, format);
        }
        String target = s.target() == null ? "" : targetName(s.target());
        out.append(notable ? target + " " : String.format("%-9s ", target));
        out.append(s.notProto() ? '!' : ' ');
        String pname = Iptables.protoName(s.proto(), numeric);
        if ((format & (FMT_NUMERIC | FMT_NOTABLE)) == FMT_NUMERIC || pname == null) {
            out.append(notable ? s.proto() + " " : String.format("%-4d ", s.proto()));
        } else {
            out.append(notable ? pname + " " : String.format("%-4s ", pname));
        }
        if ((format & FMT_OPTIONS) != 0) { // print_fragment()
            if (notable) {
                out.append("opt ");
            }
            out.append(s.notFrag() ? '!' : '-').append(s.frag() ? 'f' : '-').append(' ');
        }
        if ((format & FMT_VIA) != 0) { // print_ifaces()
            String any = numeric ? "*" : "any";
            String in = (s.notIn() ? "!" : "") + (s.in() != null ? s.in() : any);
            String o = (s.notOut() ? "!" : "") + (s.out() != null ? s.out() : any);
            out.append(notable ? "in " + in + " " : String.format(" %-6s ", in));
            out.append(notable ? "out " + o + " " : String.format("%-6s ", o));
        }
        out.append(s.notSrc() ? '!' : ' ');
        String src = address(s.src(), s.srcMask(), numeric, hostName);
        out.append(notable ? src + " " : String.format("%-19s ", src));
        out.append(s.notDst() ? '!' : ' ');
        String dst = address(s.dst(), s.dstMask(), numeric, hostName);
        out.append(notable ? "-> " + dst : String.format("%-19s ", dst));
        if (notable) {
            out.append("  ");
        }
        if (s.target() instanceof Xtables.Jump j && j.isGoto()) {
            out.append("[goto] ");
        }
        for (Xtables.Match m : s.matches()) {
            IptExtensions.print(out, m, s.proto(), numeric);
        }
        if (s.target() != null) {
            IptExtensions.print(out, s.target(), numeric);
        }
        out.append('\n');
    }

    // ipv4_addr_to_string(): "anywhere" for any address unless numeric, else the address and its mask
    private static String address(int addr, int mask, boolean numeric, IntFunction<String> hostName) {
        if (mask == 0 && !numeric) {
            return "anywhere";
        }
        String a = numeric ? Ipv4Address.of(addr).toString() : anyName(addr, hostName);
        int len = prefixLength(mask);
        return len < 0 ? a + "/" + Ipv4Address.of(mask) : len == 32 ? a : a + "/" + len;
    }

    // xtables_ipaddr_to_anyname(): the host's name (the hosts file's first line names 127.0.0.1 localhost), else the
    // network's, else the number; the nodes' nsswitch.conf names no networks database, so getnetbyaddr() asks DNS
    // (glibc's default), which finds nothing here: 127.0.0.0/8 stays a number
    private static String anyName(int addr, IntFunction<String> hostName) {
        String name = hostName.apply(addr);
        if (name == null && addr == 0x7f000001) {
            name = "localhost";
        }
        return name != null ? name : Ipv4Address.of(addr).toString();
    }

    // xtables_ipmask_to_cidr(): the mask's prefix length, -1 when it is no prefix
    private static int prefixLength(int mask) {
        int len = Integer.bitCount(mask);
        return mask == (len == 0 ? 0 : -1 << (32 - len)) ? len : -1;
    }

    // xtables_print_num()
    private static void num(StringBuilder out, long n, int format) {
        boolean notable = (format & FMT_NOTABLE) != 0;
        if ((format & FMT_KILOMEGAGIGA) == 0) {
            out.append(notable ? n + " " : String.format("%8d ", n));
            return;
        }
        if (n <= 99999) {
            out.append(notable ? n + " " : String.format("%5d ", n));
            return;
        }
        String[] units = {"K", "M", "G"};
        for (String u : units) {
            n = (n + 500) / 1000;
            if (n <= 9999) {
                out.append(notable ? n + u + " " : String.format("%4d%s ", n, u));
                return;
            }
        }
        n = (n + 500) / 1000;
        out.append(notable ? n + "T " : String.format("%4dT ", n));
    }
}
