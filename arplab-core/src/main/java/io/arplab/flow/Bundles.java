package io.arplab.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongPredicate;

/**
 * bundle(...) and bundle_load(...) (lib/bundle.c): a member port chosen by active_backup (the first live one) or hrw
 * (the highest hash_2words(index, flow hash) among the live ones), output to or loaded into {@code dst}.
 */
final class Bundles {
    private Bundles() {}

    private static final List<String> FIELDS = List.of("eth_src", "symmetric_l4", "symmetric_l3l4",
            "symmetric_l3l4+udp", "nw_src", "nw_dst", "symmetric_l3");

    /** bundle_parse()/bundle_parse_load(): {@code s} is the text inside the parentheses. */
    static Action.Bundle parse(String s, boolean load, PortMap names) {
        String[] tok = s.split("[, ]+", -1);
        int i = 0;
        String fields = i < tok.length ? tok[i++] : null, basis = i < tok.length ? tok[i++] : null;
        String algorithm = i < tok.length ? tok[i++] : null, memberType = i < tok.length ? tok[i++] : null;
        String dst = load && i < tok.length ? tok[i++] : null;
        String rest = i < tok.length ? String.join(",", java.util.Arrays.asList(tok).subList(i, tok.length)) : null;
        int colon = rest == null ? -1 : rest.indexOf(':');
        String delim = rest == null || rest.isEmpty() ? null : colon < 0 ? rest.split(",")[0] : rest.substring(0, colon);
        if (delim == null || fields == null || basis == null || algorithm == null || memberType == null
                || load && dst == null) {
            throw new FlowParseException(s + ": not enough arguments to bundle action");
        }
        if (!delim.equalsIgnoreCase("members") && !delim.equalsIgnoreCase("slaves")) {
            throw new FlowParseException(s + ": missing member delimiter, expected `members', got `" + delim + "'");
        }
        List<Long> members = new ArrayList<>();
        for (String m : (colon < 0 ? "" : rest.substring(colon + 1)).split("[, \\[\\]]+")) {
            if (!m.isEmpty()) {
                long port = Ports.parse(m, names);
                if (port < 0) {
                    throw new FlowParseException(m + ": bad port number");
                }
                members.add(port);
            }
        }
        String f = fields.toLowerCase(Locale.ROOT);
        if (!FIELDS.contains(f)) {
            throw new FlowParseException(s + ": unknown fields `" + fields + "'");
        }
        boolean hrw = algorithm.equalsIgnoreCase("hrw");
        if (!hrw && !algorithm.equalsIgnoreCase("active_backup")) {
            throw new FlowParseException(s + ": unknown algorithm `" + algorithm + "'");
        }
        if (!memberType.equalsIgnoreCase("ofport")) {
            throw new FlowParseException(s + ": unknown member_type `" + memberType + "'");
        }
        return new Action.Bundle(f, atoi(basis) & 0xffff, hrw, dst == null ? null : Subfield.parse(dst), members);
    }

    // atoi(): leading digits, 0 without
    private static int atoi(String s) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^[+-]?\\d+").matcher(s.trim());
        return m.find() ? (int) Long.parseLong(m.group()) : 0;
    }

    /** bundle_format(). */
    static void format(Action.Bundle b, PortMap names, StringBuilder s) {
        s.append(b.dst() == null ? "bundle(" : "bundle_load(").append(b.fields()).append(',').append(b.basis())
                .append(',').append(b.hrw() ? "hrw" : "active_backup").append(",ofport,");
        if (b.dst() != null) {
            s.append(b.dst()).append(',');
        }
        s.append("members:");
        for (int i = 0; i < b.members().size(); i++) {
            s.append(i == 0 ? "" : ",").append(Ports.format(b.members().get(i), names));
        }
        s.append(')');
    }

    /**
     * bundle_execute(): the chosen member, or {@link Ports#NONE}; hrw with more than one member unwildcards the
     * hashed b.fields() (flow_mask_hash_fields()). Of the symmetric hashes only symmetric_l4 is modelled: the others
     * choose as active_backup does.
     */
    static long execute(Action.Bundle b, long[] flow, long[] wc, LongPredicate enabled) {
        if (!b.hrw() || !List.of("eth_src", "symmetric_l4", "nw_src", "nw_dst").contains(b.fields())) {
            for (long m : b.members()) {
                if (enabled.test(m)) {
                    return m;
                }
            }
            return Ports.NONE;
        }
        boolean ip = flow[Slot.DL_TYPE.ordinal()] == Match.ETH_IP;
        if (b.members().size() > 1) {
            switch (b.fields()) {
                case "eth_src" -> wc[Slot.DL_SRC.ordinal()] = Slot.DL_SRC.max;
                case "nw_src" -> wc[Slot.NW_SRC.ordinal()] |= ip ? Slot.NW_SRC.max : 0;
                case "nw_dst" -> wc[Slot.NW_DST.ordinal()] |= ip ? Slot.NW_DST.max : 0;
                default -> Group.maskSymmetricL4(flow, wc);
            }
        }
        int hash = switch (b.fields()) {
            case "eth_src" -> Group.jhashBytes(bytes(flow[Slot.DL_SRC.ordinal()], 6), b.basis());
            case "nw_src" -> ip ? Group.jhashBytes(bytes(flow[Slot.NW_SRC.ordinal()], 4), b.basis()) : b.basis();
            case "nw_dst" -> ip ? Group.jhashBytes(bytes(flow[Slot.NW_DST.ordinal()], 4), b.basis()) : b.basis();
            default -> Group.symmetricL4(flow, b.basis());
        };
        int best = -1;
        long bestHash = 0;
        for (int i = 0; i < b.members().size(); i++) {
            if (enabled.test(b.members().get(i))) {
                long h = Group.hashInt(i, hash) & 0xffffffffL; // hash_2words(i, flow_hash)
                if (best < 0 || h > bestHash) {
                    bestHash = h;
                    best = i;
                }
            }
        }
        return best < 0 ? Ports.NONE : b.members().get(best);
    }

    private static byte[] bytes(long v, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (v >>> (8 * (n - 1 - i)));
        }
        return b;
    }
}
