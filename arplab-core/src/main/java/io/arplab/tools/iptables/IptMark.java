package io.arplab.tools.iptables;

import io.arplab.stack.Xtables.Mark;
import io.arplab.stack.Xtables.MarkMatch;
import io.arplab.tools.iptables.IptExtensions.Ext;
import io.arplab.tools.iptables.IptExtensions.Opt;
import java.util.List;

/**
 * libxt_mark.c (the mark match, revision 1) and libxt_MARK.c (the MARK target, revision 2) of iptables 1.8.9: their
 * options (XTTYPE_MARKMASK32 and XTTYPE_UINT32 as xtoptions.c parses them), checks, print() and save().
 */
final class IptMark {
    private IptMark() {}

    /** mark_tg_opts[]: each excludes the others (.excl = F_ANY). */
    private static final List<String> TG_OPTS = List.of("set-xmark", "set-mark", "and-mark", "or-mark", "xor-mark");

    static List<Opt> options(String name) {
        if (name.equals("mark")) {
            return List.of(new Opt("mark", true, true));
        }
        return TG_OPTS.stream().map(n -> new Opt(n, true, false)).toList();
    }

    static void parse(Ext e, Opt o, String arg, boolean invert) {
        int id = e.name.equals("mark") ? 0 : TG_OPTS.indexOf(o.name());
        if ((e.seen & 1 << id) != 0) {
            throw IptError.parameter(e.name + ": option \"--" + o.name() + "\" can only be used once.\n");
        }
        e.seen |= 1 << id;
        if (e.name.equals("mark")) { // mark_mt_parse()
            long[] vm = markMask(e.name, o.name(), arg);
            e.mark = (int) vm[0];
            e.markMask = (int) vm[1];
            e.markInvert = invert;
            return;
        }
        switch (o.name()) { // mark_tg_parse()
            case "set-xmark", "set-mark" -> {
                long[] vm = markMask(e.name, o.name(), arg);
                e.mark = (int) vm[0];
                e.markMask = (int) (o.name().equals("set-mark") ? vm[0] | vm[1] : vm[1]);
            }
            default -> {
                long v = Iptables.strtoui(arg, 0, 0xFFFF_FFFFL);
                if (v < 0) {
                    throw IptError.parameter(e.name + ": bad value for option \"--" + o.name()
                            + "\", or out of range (0-4294967295).\n");
                }
                switch (o.name()) {
                    case "and-mark" -> {
                        e.mark = 0;
                        e.markMask = ~(int) v;
                    }
                    case "or-mark" -> e.mark = e.markMask = (int) v;
                    default -> {
                        e.mark = (int) v;
                        e.markMask = 0;
                    }
                }
            }
        }
    }

    // xtables_parse_val_mask(): VALUE[/MASK], each strtoui() up to UINT32_MAX; the mask ~0 when not given
    private static long[] markMask(String ext, String option, String arg) {
        String bad = ext + ": bad integer value for option \"--" + option + "\", or out of range.\n";
        int slash = arg.indexOf('/');
        long v = Iptables.strtoui(slash < 0 ? arg : arg.substring(0, slash), 0, 0xFFFF_FFFFL);
        if (v < 0) {
            int[] res = new int[1];
            int end = Iptables.strtouiEnd(arg, 0, 0, 0xFFFF_FFFFL, res, 0);
            if (end < 0) {
                throw IptError.parameter(bad);
            }
            throw IptError.parameter(ext + ": trailing garbage after value for option \"--" + option + "\".\n");
        }
        if (slash < 0) {
            return new long[] {v, 0xFFFF_FFFFL};
        }
        long m = Iptables.strtoui(arg.substring(slash + 1), 0, 0xFFFF_FFFFL);
        if (m < 0) {
            int[] res = new int[1];
            int end = Iptables.strtouiEnd(arg, slash + 1, 0, 0xFFFF_FFFFL, res, 0);
            if (end < 0) {
                throw IptError.parameter(bad);
            }
            throw IptError.parameter(ext + ": trailing garbage after value for option \"--" + option + "\".\n");
        }
        return new long[] {v, m};
    }

    /** mark: its mandatory --mark; MARK: mark_tg_check(), then the options' exclusions (xtables_options_fcheck()). */
    static void finalCheck(Ext e) {
        if (e.name.equals("mark")) {
            if (e.seen == 0) {
                throw IptError.parameter("mark: option \"--mark\" must be specified\n");
            }
            return;
        }
        if (e.seen == 0) {
            throw IptError.parameter("MARK: One of the --set-xmark, --{and,or,xor,set}-mark options is required");
        }
        for (int i = 0; i < TG_OPTS.size(); i++) {
            for (int j = 0; j < TG_OPTS.size(); j++) {
                if (i != j && (e.seen & 1 << i) != 0 && (e.seen & 1 << j) != 0) {
                    throw IptError.parameter("MARK: option \"--" + TG_OPTS.get(i)
                            + "\" cannot be used together with \"--" + TG_OPTS.get(j) + "\".\n");
                }
            }
        }
    }

    static MarkMatch match(Ext e) {
        return new MarkMatch(e.mark, e.markMask, e.markInvert);
    }

    static Mark target(Ext e) {
        return new Mark(e.mark, e.markMask);
    }

    /** mark_mt_print() and mark_mt_save(). */
    static void print(StringBuilder out, MarkMatch m, boolean save) {
        out.append(save ? (m.invert() ? " ! --mark" : " --mark") : m.invert() ? " mark match !" : " mark match");
        valMask(out, m.mark(), m.mask());
    }

    /** mark_tg_print(): the operation its mark and mask amount to. */
    static void print(StringBuilder out, Mark m) {
        if (m.mark() == 0) {
            out.append(" MARK and 0x").append(Integer.toHexString(~m.mask()));
        } else if (m.mark() == m.mask()) {
            out.append(" MARK or 0x").append(Integer.toHexString(m.mark()));
        } else if (m.mask() == 0) {
            out.append(" MARK xor 0x").append(Integer.toHexString(m.mark()));
        } else if (m.mask() == -1) {
            out.append(" MARK set 0x").append(Integer.toHexString(m.mark()));
        } else {
            out.append(" MARK xset 0x").append(Integer.toHexString(m.mark())).append("/0x")
                    .append(Integer.toHexString(m.mask()));
        }
    }

    /** mark_tg_save(). */
    static void save(StringBuilder out, Mark m) {
        out.append(" --set-xmark 0x").append(Integer.toHexString(m.mark())).append("/0x")
                .append(Integer.toHexString(m.mask()));
    }

    // xtables_print_val_mask()
    private static void valMask(StringBuilder out, int v, int mask) {
        out.append(" 0x").append(Integer.toHexString(v));
        if (mask != -1) {
            out.append("/0x").append(Integer.toHexString(mask));
        }
    }
}
