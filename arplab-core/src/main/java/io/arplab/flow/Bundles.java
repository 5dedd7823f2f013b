package io.arplab.flow;

import io.arplab.wire.libc.CLib;
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
        int[] at = {0};
        String fields = strtok(s, at, ", "), basis = strtok(s, at, ", "), algorithm = strtok(s, at, ", ");
        String memberType = strtok(s, at, ", ");
        String dst = load ? strtok(s, at, ", ") : null;
        String delim = strtok(s, at, ": ");
        if (delim == null) { // bundle_parse__(): every word before it was there too
            throw new FlowParseException(s + ": not enough arguments to bundle action");
        }
        if (!delim.equalsIgnoreCase("members") && !delim.equalsIgnoreCase("slaves")) {
            throw new FlowParseException(s + ": missing member delimiter, expected `members', got `" + delim + "'");
        }
        List<Long> members = new ArrayList<>();
        for (String m = strtok(s, at, ", []"); m != null; m = strtok(s, at, ", []")) {
            long port = Ports.parse(m, names);
            if (port < 0) {
                throw new FlowParseException(m + ": bad port number");
            }
            members.add(port);
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
        Subfield dstField = dst == null ? null : Subfield.parse(dst);
        if (dstField != null) {
            ActionParserFields.experimenterOxm(s, dstField, dst);
        }
        return new Action.Bundle(f, CLib.atoi(basis) & 0xffff, hrw, dstField, members);
    }

    // strtok_r(): the next run of characters not in {@code delims} from at[0] on (null at the end), at[0] moved past
    // the delimiter that ends it
    private static String strtok(String s, int[] at, String delims) {
        int i = at[0];
        while (i < s.length() && delims.indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        if (i >= s.length()) {
            at[0] = i;
            return null;
        }
        int j = i;
        while (j < s.length() && delims.indexOf(s.charAt(j)) < 0) {
            j++;
        }
        at[0] = Math.min(j + 1, s.length());
        return s.substring(i, j);
    }

    private static final List<String> ALGORITHMS = List.of("modulo_n", "hash_threshold", "hrw", "iter_hash");

    /** multipath_parse__(). */
    static Action.Multipath parseMultipath(String s) {
        String[] tok = s.trim().split("[, ]+");
        if (tok.length < 6) {
            throw new FlowParseException(s + ": not enough arguments to multipath action");
        }
        String fields = tok[0].toLowerCase(Locale.ROOT), algorithm = tok[2].toLowerCase(Locale.ROOT);
        if (!FIELDS.contains(fields)) {
            throw new FlowParseException(s + ": unknown fields `" + tok[0] + "'");
        }
        if (!ALGORITHMS.contains(algorithm)) {
            throw new FlowParseException(s + ": unknown algorithm `" + tok[2] + "'");
        }
        int nLinks = CLib.atoi(tok[3]);
        if (nLinks < 1 || nLinks > 65536) {
            throw new FlowParseException(s + ": n_links " + nLinks + " is not in valid range 1 to 65536");
        }
        Subfield dst = Subfield.parse(tok[5]);
        ActionParserFields.experimenterOxm(s, dst, tok[5]);
        if (dst.nBits() < 16 && nLinks > (1 << dst.nBits())) {
            throw new FlowParseException(s + ": " + dst.nBits() + "-bit destination field has " + (1 << dst.nBits())
                    + " possible values, less than specified n_links " + nLinks);
        }
        return new Action.Multipath(fields, CLib.atoi(tok[1]) & 0xffff, algorithm, nLinks, CLib.atoi(tok[4]) & 0xffff, dst);
    }

    /** multipath_format(). */
    static void formatMultipath(Action.Multipath m, StringBuilder s) {
        s.append("multipath(").append(m.fields()).append(',').append(m.basis()).append(',').append(m.algorithm())
                .append(',').append(m.nLinks()).append(',').append(m.arg()).append(',').append(m.dst()).append(')');
    }

    /** multipath_execute(): the link the algorithm gives for the flow's hash; the hashed fields unwildcarded. */
    static long multipath(Action.Multipath m, long[] flow, long[] wc) {
        int hash = hashFields(m.fields(), m.basis(), flow);
        maskHashFields(m.fields(), flow, wc);
        long h = hash & 0xffffffffL;
        int n = m.nLinks();
        return switch (m.algorithm()) {
            case "modulo_n" -> h % n;
            case "hash_threshold" -> n == 1 ? 0 : h / (0xffffffffL / n + 1);
            case "hrw" -> n <= 64 ? hrw(hash, n) : iterHash(hash, n, 0);
            default -> iterHash(hash, n, m.arg());
        };
    }

    // algorithm_hrw(): the link with the highest hash_2words(hash, link)
    private static int hrw(int hash, int n) {
        int best = 0;
        long bestWeight = FlowHash.hashInt(hash, 0) & 0xffffffffL;
        for (int link = 1; link < n; link++) {
            long w = FlowHash.hashInt(hash, link) & 0xffffffffL;
            if (w > bestWeight) {
                best = link;
                bestWeight = w;
            }
        }
        return best;
    }

    // algorithm_iter_hash()
    private static int iterHash(int hash, int n, int modulo) {
        if (modulo < n || modulo / 2 > n) {
            modulo = Integer.highestOneBit(n - 1) << 1; // round_up_pow2()
            modulo = n == 1 ? 1 : modulo;
        }
        int i = 0;
        long link;
        do {
            link = (FlowHash.hashInt(hash, i++) & 0xffffffffL) % modulo;
        } while (link >= n);
        return (int) link;
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
        if (!b.hrw() || !HASHED.contains(b.fields())) {
            for (long m : b.members()) {
                if (enabled.test(m)) {
                    return m;
                }
            }
            return Ports.NONE;
        }
        if (b.members().size() > 1) {
            maskHashFields(b.fields(), flow, wc);
        }
        int hash = hashFields(b.fields(), b.basis(), flow);
        int best = -1;
        long bestHash = 0;
        for (int i = 0; i < b.members().size(); i++) {
            if (enabled.test(b.members().get(i))) {
                long h = FlowHash.hashInt(i, hash) & 0xffffffffL; // hash_2words(i, flow_hash)
                if (best < 0 || h > bestHash) {
                    bestHash = h;
                    best = i;
                }
            }
        }
        return best < 0 ? Ports.NONE : b.members().get(best);
    }

    /** The hash fields modelled: symmetric_l3l4 and symmetric_l3l4+udp of a non-IP flow hash its L2 fields. */
    static final List<String> HASHED = List.of("eth_src", "symmetric_l4", "nw_src", "nw_dst", "symmetric_l3",
            "symmetric_l3l4", "symmetric_l3l4+udp");

    // flow_mask_hash_fields(): the addresses of an IPv4 or IPv6 flow
    static void maskHashFields(String fields, long[] flow, long[] wc) {
        long type = flow[Slot.DL_TYPE.ordinal()];
        boolean ip = type == Match.ETH_IP, ip6 = type == Match.ETH_IPV6;
        switch (fields) {
            case "eth_src" -> wc[Slot.DL_SRC.ordinal()] = Slot.DL_SRC.max;
            case "nw_src" -> maskAddress(flow, wc, true, false);
            case "nw_dst" -> maskAddress(flow, wc, false, true);
            case "symmetric_l4" -> FlowHash.maskSymmetricL4(flow, wc);
            default -> { // symmetric_l3, symmetric_l3l4, symmetric_l3l4+udp
                maskAddress(flow, wc, true, true);
                if (!fields.equals("symmetric_l3") && (ip || ip6)) {
                    long proto = flow[Slot.NW_PROTO.ordinal()];
                    wc[Slot.NW_PROTO.ordinal()] = Slot.NW_PROTO.max;
                    if (flow[Slot.NW_FRAG.ordinal()] == 0 && (proto == Match.PROTO_TCP || proto == Match.PROTO_SCTP
                            || fields.endsWith("+udp") && proto == Match.PROTO_UDP)) {
                        wc[Slot.TP_SRC.ordinal()] = Slot.TP_SRC.max;
                        wc[Slot.TP_DST.ordinal()] = Slot.TP_DST.max;
                    }
                }
            }
        }
    }

    private static void maskAddress(long[] flow, long[] wc, boolean src, boolean dst) {
        long type = flow[Slot.DL_TYPE.ordinal()];
        for (Slot s : type == Match.ETH_IP ? IP4_SLOTS : type == Match.ETH_IPV6 ? IP6_SLOTS : NO_SLOTS) {
            boolean isSrc = s == Slot.NW_SRC || s == Slot.IPV6_SRC_HI || s == Slot.IPV6_SRC_LO;
            if (isSrc ? src : dst) {
                wc[s.ordinal()] = s.max;
            }
        }
    }

    private static final Slot[] IP4_SLOTS = {Slot.NW_SRC, Slot.NW_DST};
    private static final Slot[] IP6_SLOTS = {Slot.IPV6_SRC_HI, Slot.IPV6_SRC_LO, Slot.IPV6_DST_HI, Slot.IPV6_DST_LO};
    private static final Slot[] NO_SLOTS = {};

    // flow_hash_fields(): an IPv6 flow's 16-byte addresses where IPv4's are 4 bytes
    static int hashFields(String fields, int basis, long[] flow) {
        boolean ip = flow[Slot.DL_TYPE.ordinal()] == Match.ETH_IP;
        boolean ip6 = flow[Slot.DL_TYPE.ordinal()] == Match.ETH_IPV6;
        long addrs = flow[Slot.NW_SRC.ordinal()] ^ flow[Slot.NW_DST.ordinal()];
        switch (fields) {
            case "eth_src":
                return FlowHash.jhashBytes(bytes(flow[Slot.DL_SRC.ordinal()], 6), basis);
            case "nw_src":
                return ip ? FlowHash.jhashBytes(bytes(flow[Slot.NW_SRC.ordinal()], 4), basis)
                        : ip6 ? FlowHash.jhashBytes(address6(flow, Slot.IPV6_SRC_HI, 0, 0), basis) : basis;
            case "nw_dst":
                return ip ? FlowHash.jhashBytes(bytes(flow[Slot.NW_DST.ordinal()], 4), basis)
                        : ip6 ? FlowHash.jhashBytes(address6(flow, Slot.IPV6_DST_HI, 0, 0), basis) : basis;
            case "symmetric_l3": { // flow_hash_symmetric_l3(): {address XOR (16 bytes), eth_type, pad} jhashed
                byte[] f = new byte[20];
                if (ip) {
                    System.arraycopy(bytes(addrs, 4), 0, f, 0, 4);
                } else if (ip6) {
                    System.arraycopy(address6(flow, Slot.IPV6_SRC_HI, flow[Slot.IPV6_DST_HI.ordinal()],
                            flow[Slot.IPV6_DST_LO.ordinal()]), 0, f, 0, 16);
                }
                System.arraycopy(bytes(flow[Slot.DL_TYPE.ordinal()], 2), 0, f, 16, 2);
                return FlowHash.jhashBytes(f, basis);
            }
            case "symmetric_l3l4", "symmetric_l3l4+udp": // a non-IP flow's L2 fields (flow_hash_symmetric_l2())
                return FlowHash.hashSymL4(flow, basis, fields.endsWith("+udp"));
            default:
                return FlowHash.symmetricL4(flow, basis);
        }
    }

    // the 16 bytes of the IPv6 address in the two slots from hi, XORed with {xorHi, xorLo}
    private static byte[] address6(long[] flow, Slot hi, long xorHi, long xorLo) {
        byte[] b = new byte[16];
        System.arraycopy(bytes(flow[hi.ordinal()] ^ xorHi, 8), 0, b, 0, 8);
        System.arraycopy(bytes(flow[hi.ordinal() + 1] ^ xorLo, 8), 0, b, 8, 8);
        return b;
    }

    private static byte[] bytes(long v, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (v >>> (8 * (n - 1 - i)));
        }
        return b;
    }
}
