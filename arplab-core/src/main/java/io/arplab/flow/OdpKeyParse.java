package io.arplab.flow;

import java.util.ArrayList;
import java.util.List;

/**
 * lib/odp-util.c's reading of a datapath key given as text: odp_flow_from_string() and parse_odp_key_mask_attr(),
 * each attribute scanned as its SCAN_* macros define it (fields by prefix, in any order and repeated, a trailing
 * comma, a mask after '/' where the macro passes one), into attributes laid out as their struct ovs_key_*; and
 * odp_flow_key_format() of such a key (every field, no masks), as odp_flow_key_to_flow()'s errors print it.
 */
final class OdpKeyParse {
    /** One OVS_KEY_ATTR_*: its name, key and mask bytes (struct ovs_key_* layout), the attributes nested in it. */
    static final class Attr {
        final String name;
        final byte[] key, mask;
        final List<Attr> nested;

        Attr(String name, byte[] key, byte[] mask, List<Attr> nested) {
            this.name = name;
            this.key = key;
            this.mask = mask;
            this.nested = nested;
        }

        long get(int off, int width) {
            return OdpKeyParse.get(key, off, width);
        }
    }

    /** A field of a SCAN_BEGIN attribute: the prefix SCAN_FIELD() compares, the scanner, its offset. */
    private record FieldSpec(String prefix, String type, int off) {}

    /** A SCAN_BEGIN ... SCAN_END attribute: its name, struct size and fields. */
    private record AttrSpec(String name, int size, List<FieldSpec> fields) {}

    private static FieldSpec f(String prefix, String type, int off) {
        return new FieldSpec(prefix, type, off);
    }

    // parse_odp_key_mask_attr__()'s structured attributes, with struct ovs_key_*'s offsets
    private static final List<AttrSpec> STRUCTS = List.of(
            new AttrSpec("ct_tuple4", 13, List.of(f("src=", "ipv4", 0), f("dst=", "ipv4", 4), f("proto=", "u8", 12),
                    f("tp_src=", "be16", 8), f("tp_dst=", "be16", 10))),
            new AttrSpec("ct_tuple6", 37, List.of(f("src=", "in6_addr", 0), f("dst=", "in6_addr", 16),
                    f("proto=", "u8", 36), f("tp_src=", "be16", 32), f("tp_dst=", "be16", 34))),
            new AttrSpec("eth", 12, List.of(f("src=", "eth", 0), f("dst=", "eth", 6))),
            new AttrSpec("vlan", 2, List.of(f("vid=", "vid", 0), f("pcp=", "pcp", 0), f("cfi=", "cfi", 0))),
            new AttrSpec("ipv4", 12, List.of(f("src=", "ipv4", 0), f("dst=", "ipv4", 4), f("proto=", "u8", 8),
                    f("tos=", "u8", 9), f("ttl=", "u8", 10), f("frag=", "frag", 11))),
            new AttrSpec("ipv6", 40, List.of(f("src=", "in6_addr", 0), f("dst=", "in6_addr", 16),
                    f("label=", "ipv6_label", 32), f("proto=", "u8", 36), f("tclass=", "u8", 37),
                    f("hlimit=", "u8", 38), f("frag=", "frag", 39))),
            new AttrSpec("tcp", 4, List.of(f("src=", "be16", 0), f("dst=", "be16", 2))),
            new AttrSpec("udp", 4, List.of(f("src=", "be16", 0), f("dst=", "be16", 2))),
            new AttrSpec("sctp", 4, List.of(f("src=", "be16", 0), f("dst=", "be16", 2))),
            new AttrSpec("icmp", 2, List.of(f("type=", "u8", 0), f("code=", "u8", 1))),
            new AttrSpec("icmpv6", 2, List.of(f("type=", "u8", 0), f("code=", "u8", 1))),
            new AttrSpec("arp", 22, List.of(f("sip=", "ipv4", 0), f("tip=", "ipv4", 4), f("op=", "be16", 8),
                    f("sha=", "eth", 10), f("tha=", "eth", 16))),
            new AttrSpec("nd", 28, List.of(f("target=", "in6_addr", 0), f("sll=", "eth", 16), f("tll=", "eth", 22))),
            new AttrSpec("nd_ext", 8, List.of(f("nd_reserved=", "be32", 0), f("nd_options_type=", "u8", 4))),
            new AttrSpec("packet_type", 4, List.of(f("ns=", "be16", 0), f("id=", "be16", 2))));

    /** SCAN_SINGLE attributes: name, scanner, size (a mask scanned but for recirc_id, SCAN_SINGLE_FULLY_MASKED). */
    private static final List<String[]> SINGLES = List.of(new String[] {"skb_priority", "u32", "4"},
            new String[] {"skb_mark", "u32", "4"}, new String[] {"recirc_id", "u32", "4"},
            new String[] {"dp_hash", "u32", "4"}, new String[] {"ct_state", "ct_state", "4"},
            new String[] {"ct_zone", "u16", "2"}, new String[] {"ct_mark", "u32", "4"},
            new String[] {"ct_label", "u128", "16"}, new String[] {"in_port", "port", "4"},
            new String[] {"eth_type", "be16", "2"}, new String[] {"tcp_flags", "tcp_flags", "2"});

    /** The tunnel's SCAN_FIELD_NESTED() fields: prefix, scanner, size. */
    private static final List<String[]> TUNNEL = List.of(new String[] {"tun_id=", "be64", "8"},
            new String[] {"src=", "ipv4", "4"}, new String[] {"dst=", "ipv4", "4"},
            new String[] {"ipv6_src=", "in6_addr", "16"}, new String[] {"ipv6_dst=", "in6_addr", "16"},
            new String[] {"tos=", "u8", "1"}, new String[] {"ttl=", "u8", "1"}, new String[] {"tp_src=", "be16", "2"},
            new String[] {"tp_dst=", "be16", "2"});

    static final String[] TCP_FLAGS = {"fin", "syn", "rst", "psh", "ack", "urg", "ece", "cwr", "ns", "[200]", "[400]",
        "[800]"};
    /** odp_ct_state_to_string(), by OVS_CS_F_* bit. */
    static final String[] CT_STATES = {"new", "est", "rel", "rpl", "inv", "trk", "snat", "dnat"};
    /** flow_tun_flag_to_string(), by FLOW_TNL_F_* bit (OAM, DONT_FRAGMENT, CSUM, KEY). */
    private static final String[] TUN_FLAGS = {"oam", "df", "csum", "key"};
    private static final int MAX_ODP_NESTED = 32;

    /** A port's datapath number by name (scan_port() with port names), or -1; null: none known. */
    interface PortNames {
        long number(String name);
    }

    private final String s;
    private final boolean masks;
    private final PortNames ports;
    private int depth;

    private OdpKeyParse(String s, boolean masks, PortNames ports) {
        this.s = s;
        this.masks = masks;
        this.ports = ports;
    }

    /** odp_flow_from_string(): the attributes, or "syntax error at" the rest from the attribute that fails. */
    static List<Attr> fromString(String s, boolean masks, PortNames ports) {
        OdpKeyParse p = new OdpKeyParse(s, masks, ports);
        List<Attr> key = new ArrayList<>();
        int i = 0;
        while (true) {
            i = p.skipDelimiters(i);
            if (i >= s.length()) {
                return key;
            }
            int ufid = p.ufid(i);
            if (ufid > 0) {
                i = ufid < s.length() && s.charAt(ufid) == ' ' ? ufid + 1 : ufid;
            }
            int n = ufid < 0 ? -1 : p.attr(i, key);
            if (n >= 0 && oversized(key.stream().mapToInt(OdpKeyParse::nlSize).sum() - NLA_HDRLEN)) {
                n = E2BIG;
            }
            if (n < 0) {
                throw new FlowParseException("syntax error at " + s.substring(i), List.of(),
                        n == E2BIG ? "Argument list too long" : "Invalid argument");
            }
            i += n;
        }
    }

    // odp_ufid_from_string(): "ufid:" and a UUID skipped (uuid_from_string_prefix(): 36 characters, the dashes in
    // their places); -1 when "ufid:" has no UUID after it
    private int ufid(int i) {
        if (!s.startsWith("ufid:", i)) {
            return 0;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
                .matcher(s).region(i + 5, s.length());
        return m.lookingAt() ? m.end() : -1;
    }

    // strspn(s, delimiters): ", \t\r\n"
    private int skipDelimiters(int i) {
        while (i < s.length() && ", \t\r\n".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    private char at(int i) {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    // parse_odp_key_mask_attr(): the characters the attribute at i takes, -1 on error (-EINVAL)
    private int attr(int start, List<Attr> out) {
        if (++depth == MAX_ODP_NESTED) {
            depth--;
            return -1;
        }
        try {
            return attr__(start, out);
        } finally {
            depth--;
        }
    }

    private int attr__(int start, List<Attr> out) {
        for (String[] single : SINGLES) {
            if (s.startsWith(single[0] + "(", start)) { // SCAN_SINGLE(): one value, then ')'
                int size = Integer.parseInt(single[2]);
                byte[] key = new byte[size], mask = new byte[size];
                int i = start + single[0].length() + 1;
                int len = single[1].equals("port") ? port(i, key, mask)
                        : scan(single[1], i, key, single[0].equals("recirc_id") ? null : mask, 0, size);
                if (len <= 0 || at(i + len) != ')') {
                    return -1;
                }
                if (single[0].equals("recirc_id")) {
                    java.util.Arrays.fill(mask, (byte) 0xff);
                }
                out.add(new Attr(single[0], key, mask, null));
                return i + len + 1 - start;
            }
        }
        for (AttrSpec spec : STRUCTS) {
            if (s.startsWith(spec.name + "(", start)) {
                byte[] key = new byte[spec.size], mask = new byte[spec.size];
                if (spec.name.equals("vlan")) { // SCAN_BEGIN_INIT(): the CFI bit set in key and mask
                    key[0] = mask[0] = 0x10;
                }
                int end = fields(start + spec.name.length() + 1, spec.fields, key, masks ? mask : null);
                if (end < 0) {
                    return -1;
                }
                out.add(new Attr(spec.name, key, mask, null));
                return end - start;
            }
        }
        if (s.startsWith("mpls(", start)) {
            return mpls(start, out);
        }
        if (s.startsWith("tunnel(", start)) {
            return tunnel(start, out);
        }
        if (s.startsWith("encap(", start)) { // open-coded: attributes up to ')'
            List<Attr> nested = new ArrayList<>();
            int i = start + 6;
            while (true) {
                i = skipDelimiters(i);
                if (i >= s.length()) {
                    return -1;
                } else if (s.charAt(i) == ')') {
                    break;
                }
                int n = attr(i, nested);
                if (n < 0) {
                    return -1;
                }
                i += n;
            }
            out.add(new Attr("encap", new byte[0], new byte[0], nested));
            return i + 1 - start;
        }
        return -1;
    }

    // SCAN_BEGIN's loop: a field by prefix, then ',' for another; the last character read must be ')'. The end, or -1.
    private int fields(int i, List<FieldSpec> fields, byte[] key, byte[] mask) {
        int len;
        do {
            len = 0;
            for (FieldSpec fs : fields) {
                if (s.startsWith(fs.prefix, i)) {
                    i += fs.prefix.length();
                    len = scan(fs.type, i, key, mask, fs.off, 0);
                    if (len == 0) {
                        return -1;
                    }
                    i += len;
                    break;
                }
            }
        } while (at(i++) == ',' && len != 0);
        return at(i - 1) == ')' ? i : -1;
    }

    // SCAN_BEGIN_ARRAY("mpls(", ...): label, tc, ttl and bos; a field met again starts the next of at most 3 entries
    private int mpls(int start, List<Attr> out) {
        String[] names = {"label=", "tc=", "ttl=", "bos="};
        String[] types = {"mpls_label", "mpls_tc", "mpls_ttl", "mpls_bos"};
        byte[] key = new byte[12], mask = new byte[12];
        int idx = 0, cnt = 3, fields = 0, len;
        int i = start + 5;
        outer:
        do {
            len = 0;
            for (int field = 0; field < 4; field++) {
                if (s.startsWith(names[field], i)) {
                    if ((fields & 1 << field) != 0) {
                        fields = 0;
                        if (++idx == cnt) {
                            break outer;
                        }
                    }
                    i += names[field].length();
                    len = scan(types[field], i, key, masks ? mask : null, idx * 4, 0);
                    if (len == 0) {
                        return -1;
                    }
                    i += len;
                    fields |= 1 << field;
                    break;
                }
            }
        } while (at(i++) == ',' && len != 0);
        if (at(i - 1) != ')' || idx == cnt) {
            return -1;
        }
        out.add(new Attr("mpls", java.util.Arrays.copyOf(key, 4 * (idx + 1)),
                java.util.Arrays.copyOf(mask, 4 * (idx + 1)), null));
        return i - start;
    }

    // SCAN_BEGIN_NESTED("tunnel(", ...): each field its own nested attribute, its mask always scanned
    private int tunnel(int start, List<Attr> out) {
        List<Attr> nested = new ArrayList<>();
        int i = start + 7, len;
        do {
            len = 0;
            for (String[] t : TUNNEL) {
                if (s.startsWith(t[0], i)) {
                    int size = Integer.parseInt(t[2]);
                    byte[] key = new byte[size], mask = new byte[size];
                    i += t[0].length();
                    len = scan(t[1], i, key, mask, 0, size);
                    if (len == 0) {
                        return -1;
                    }
                    i += len;
                    nested.add(new Attr(t[0].substring(0, t[0].length() - 1), key, mask, null));
                    break;
                }
            }
            if (len == 0 && s.startsWith("flags(", i)) { // scan_tun_flags(): parse_flags() up to ')', then ')'
                long[] fm = new long[2];
                int n = flags(i + 6, TUN_FLAGS, 0xf, fm, true);
                if (n < 0 || at(i + 6 + n) != ')') {
                    return -1;
                }
                len = n + 7;
                i += len;
                for (int b = 0; b < 3; b++) { // tun_flags_to_attr(): oam, df and csum as flags (key: tun_id's)
                    if ((fm[0] & 1L << b) != 0) {
                        nested.add(new Attr(TUN_FLAGS[b], new byte[0], new byte[0], null));
                    }
                }
            } else if (len == 0) {
                for (String opt : List.of("erspan(", "vxlan(gbp(", "geneve(", "gtpu(")) {
                    if (s.startsWith(opt, i)) { // the options, kept as given (not modelled further)
                        int depthHere = 0, j = i;
                        for (; j < s.length(); j++) {
                            depthHere += s.charAt(j) == '(' ? 1 : s.charAt(j) == ')' ? -1 : 0;
                            if (depthHere == 0 && s.charAt(j) == ')') {
                                break;
                            }
                        }
                        int g = opt.equals("geneve(") ? geneve(i + opt.length()) : j + 1 - i - opt.length();
                        if (j >= s.length() || g == 0) {
                            return -1;
                        }
                        j = i + opt.length() + g - 1;
                        // the Geneve options as their TLVs (tun_metadata_to_geneve_nlattr()'s bytes), the others as given
                        byte[] opts = opt.equals("geneve(") ? geneveOpts.toByteArray() : new byte[0];
                        nested.add(new Attr(s.substring(i, j + 1), opts, new byte[0], null));
                        len = j + 1 - i;
                        i = j + 1;
                        break;
                    }
                }
            }
        } while (at(i++) == ',' && len != 0);
        if (at(i - 1) != ')') {
            return -1;
        }
        if (oversized(nested.stream().mapToInt(OdpKeyParse::nlSize).sum())) { // SCAN_END_NESTED()
            return E2BIG;
        }
        out.add(new Attr("tunnel", new byte[0], new byte[0], nested));
        return i - start;
    }

    private static final int NLA_HDRLEN = 4;
    /** parse_odp_key_mask_attr()'s -E2BIG, apart from its -EINVAL (-1). */
    private static final int E2BIG = -7;

    // an attribute's bytes in the key's Netlink buffer: its header, then its payload (a nest's attributes) padded to 4
    private static int nlSize(Attr a) {
        int payload = a.nested != null ? a.nested.stream().mapToInt(OdpKeyParse::nlSize).sum() : a.key.length;
        return NLA_HDRLEN + (payload + 3 & ~3);
    }

    // nl_attr_oversized(): a payload that does not fit a Netlink attribute's 16-bit length
    private static boolean oversized(int payload) {
        return payload > 0xffff - NLA_HDRLEN;
    }

    /** The options the last geneve() scanned, as Geneve TLVs. */
    private final java.io.ByteArrayOutputStream geneveOpts = new java.io.ByteArrayOutputStream();

    // scan_geneve(): options "{class=C,type=T,len=L,DATA/MASK}" (each part optional, a length a multiple of 4 up to
    // 124 within the 252 bytes, DATA and MASK parse_int_string() into L bytes), then ')'; the characters taken, or 0
    private int geneve(int i) {
        int start = i, remain = 252;
        byte[] key = new byte[2], mask = new byte[2];
        geneveOpts.reset();
        while (at(i) == '{' && remain >= 4) {
            int dataLen = 0, optClass = 0, type = 0;
            byte[] data = new byte[0];
            i++;
            remain -= 4;
            for (String[] part : new String[][] {{"class=", "be16"}, {"type=", "u8"}, {"len=", "u8"}}) {
                if (s.startsWith(part[0], i)) {
                    int n = scan(part[1], i + part[0].length(), key, mask, 0, part[1].equals("u8") ? 1 : 2);
                    if (n == 0) {
                        return 0;
                    }
                    i += part[0].length() + n;
                    if (part[0].equals("class=")) {
                        optClass = (key[0] & 0xff) << 8 | key[1] & 0xff;
                    } else if (part[0].equals("type=")) {
                        type = key[0] & 0xff;
                    }
                    if (part[0].equals("len=")) {
                        dataLen = key[0] & 0xff;
                        if (dataLen > 124 || dataLen % 4 != 0 || dataLen > remain) {
                            return 0;
                        }
                    }
                }
                if (!part[0].equals("len=") && at(i) == ',') {
                    i++;
                }
            }
            for (char c : new char[] {',', '/'}) { // the data, then its mask
                if (at(i) == c) {
                    FieldParser.IntString v = FieldParser.intString(s.substring(i + 1), dataLen);
                    if (v.err() != 0) {
                        return 0;
                    }
                    if (c == ',') { // the data's bytes, big-endian (a U128 holds up to 16 of them)
                        data = new byte[dataLen];
                        for (int b = 0; b < Math.min(dataLen, 16); b++) {
                            int bit = 8 * (Math.min(dataLen, 16) - 1 - b);
                            data[b] = (byte) ((bit >= 64 ? v.value().hi() >>> (bit - 64) : v.value().lo() >>> bit));
                        }
                    }
                    i += 1 + v.tail();
                }
            }
            if (at(i) != '}') {
                return 0;
            }
            i++;
            remain -= dataLen;
            geneveOpts.write(optClass >> 8);
            geneveOpts.write(optClass);
            geneveOpts.write(type);
            geneveOpts.write(dataLen / 4);
            geneveOpts.writeBytes(data.length == dataLen ? data : new byte[dataLen]);
        }
        return at(i) == ')' ? i + 1 - start : 0;
    }

    // scan_port(): "%i" (and "/%i"), else a name up to ')' that the datapath knows
    private int port(int i, byte[] key, byte[] mask) {
        int n = scan("u32", i, key, mask, 0, 4);
        if (n > 0 || ports == null) {
            return n;
        }
        int end = s.indexOf(')', i);
        end = end < 0 ? s.length() : end;
        long p = ports.number(s.substring(i, end));
        if (p < 0) {
            return 0;
        }
        put(key, 0, 4, p);
        java.util.Arrays.fill(mask, (byte) 0xff);
        return end - i;
    }

    /**
     * The scan_TYPE() functions: the value at i into key at off (the mask into mask after '/', else all ones, when
     * mask is given); the characters taken, 0 if it does not scan.
     */
    private int scan(String type, int i, byte[] key, byte[] mask, int off, int size) {
        int[] at = {i};
        switch (type) {
            case "eth", "ipv4", "in6_addr" -> {
                int width = type.equals("eth") ? 6 : type.equals("ipv4") ? 4 : 16;
                byte[] v = address(type, at);
                if (v == null) {
                    return 0;
                }
                System.arraycopy(v, 0, key, off, width);
                if (mask != null) {
                    int[] m = {at[0] + 1};
                    byte[] mv = at(at[0]) == '/' ? address(type, m) : null;
                    if (mv != null) {
                        at[0] = m[0];
                    } else {
                        mv = new byte[width];
                        java.util.Arrays.fill(mv, (byte) 0xff);
                    }
                    System.arraycopy(mv, 0, mask, off, width);
                }
                return at[0] - i;
            }
            case "frag" -> { // "%7[a-z]", then ovs_frag_type_from_string()
                int e = i;
                while (e < s.length() && e - i < 7 && s.charAt(e) >= 'a' && s.charAt(e) <= 'z') {
                    e++;
                }
                int v = List.of("no", "first", "later").indexOf(s.substring(i, e));
                if (v < 0) {
                    return 0;
                }
                key[off] = (byte) v;
                if (mask != null) {
                    mask[off] = (byte) 0xff;
                }
                return e - i;
            }
            case "tcp_flags", "ct_state" -> {
                long[] fm = new long[2];
                int n = type.equals("ct_state") ? flags(i, CT_STATES, 0xff, fm, mask != null)
                        : flags(i, TCP_FLAGS, 0xfff, fm, mask != null);
                if (n <= 0) {
                    return 0;
                }
                put(key, off, size, fm[0]);
                if (mask != null) {
                    put(mask, off, size, fm[1]);
                }
                return n;
            }
            case "u128" -> {
                return u128(i, key, mask);
            }
            default -> {
            }
        }
        // the integer scanners: "%i" of the field's width (SCNi8/16/32/64), bitfields checked for their bits
        int width = switch (type) {
            case "u8" -> 1;
            case "u16", "be16" -> 2;
            case "u32", "be32", "ipv6_label" -> 4;
            case "be64" -> 8;
            default -> 0; // bitfields
        };
        long v = scanNumber(at);
        if (v == Long.MIN_VALUE) {
            return 0;
        }
        long[] bf = bitfield(type);
        if (bf != null) { // scan_be16_bf() / scan_be32_bf(): set_be16_bf() refuses a value wider than its bits
            int bytes = type.startsWith("mpls") ? 4 : 2;
            long bits = bf[0], shift = bf[1];
            long value = v & (bytes == 2 ? 0xffff : 0xffffffffL);
            if (value >>> bits != 0) {
                return 0;
            }
            long fieldMask = ((1L << bits) - 1) << shift;
            put(key, off, bytes, get(key, off, bytes) & ~fieldMask | value << shift);
            if (mask != null) {
                int[] m = {at[0] + 1};
                long mv = at(at[0]) == '/' ? scanNumber(m) : Long.MIN_VALUE;
                if (mv != Long.MIN_VALUE) {
                    mv &= bytes == 2 ? 0xffff : 0xffffffffL;
                    if (mv >>> bits != 0) {
                        return 0;
                    }
                    put(mask, off, bytes, get(mask, off, bytes) & ~fieldMask | mv << shift);
                    at[0] = m[0];
                } else {
                    put(mask, off, bytes, get(mask, off, bytes) | fieldMask);
                }
            }
            return at[0] - i;
        }
        if (type.equals("ipv6_label") && (v & 0xffffffffL & ~0xfffffL) != 0) {
            return 0;
        }
        put(key, off, width, v);
        if (mask != null) {
            int[] m = {at[0] + 1};
            long mv = at(at[0]) == '/' ? scanNumber(m) : Long.MIN_VALUE;
            if (mv != Long.MIN_VALUE && !(type.equals("ipv6_label") && (mv & 0xffffffffL & ~0xfffffL) != 0)) {
                put(mask, off, width, mv);
                at[0] = m[0];
            } else {
                put(mask, off, width, type.equals("ipv6_label") ? 0xfffff : -1L);
            }
        }
        return at[0] - i;
    }

    // "%i" with the width's cast: ovs_scan()'s scan_int() in base 0
    private long scanNumber(int[] at) {
        return FieldParser.scanInt(s, at, 0);
    }

    // {bits, shift} of the VLAN and MPLS bitfield scanners
    private static long[] bitfield(String type) {
        return switch (type) {
            case "vid" -> new long[] {12, 0};
            case "pcp" -> new long[] {3, 13};
            case "cfi" -> new long[] {1, 12};
            case "mpls_label" -> new long[] {20, 12};
            case "mpls_tc" -> new long[] {3, 9};
            case "mpls_ttl" -> new long[] {8, 0};
            case "mpls_bos" -> new long[] {1, 8};
            default -> null;
        };
    }

    // ETH_ADDR_SCAN_FMT ("%hhx:" six times), IP_SCAN_FMT ("%hhu." four times), IPV6_SCAN_FMT then inet_pton()
    private byte[] address(String type, int[] at) {
        if (type.equals("in6_addr")) {
            int e = FieldParser.scanIpv6(s, at[0]);
            io.arplab.wire.Ipv6Address a = e > at[0] ? io.arplab.wire.Ipv6Address.parse(s.substring(at[0], e)) : null;
            if (a == null) {
                return null;
            }
            byte[] b = new byte[16];
            a.write(b, 0);
            at[0] = e;
            return b;
        }
        boolean eth = type.equals("eth");
        byte[] b = new byte[eth ? 6 : 4];
        for (int k = 0; k < b.length; k++) {
            if (k > 0) {
                if (at(at[0]) != (eth ? ':' : '.')) {
                    return null;
                }
                at[0]++;
            }
            long o = FieldParser.scanInt(s, at, eth ? 16 : 10);
            if (o == Long.MIN_VALUE) {
                return null;
            }
            b[k] = (byte) o;
        }
        return b;
    }

    // scan_u128(): a hexadecimal or decimal value, "/" and a mask
    private int u128(int i, byte[] key, byte[] mask) {
        int[] at = {i};
        byte[] v = bigValue(at);
        if (v == null) {
            return 0;
        }
        System.arraycopy(v, 0, key, 0, 16);
        if (mask != null) {
            int[] m = {at[0] + 1};
            byte[] mv = at(at[0]) == '/' ? bigValue(m) : null;
            if (mv != null) {
                at[0] = m[0];
            } else {
                mv = new byte[16];
                java.util.Arrays.fill(mv, (byte) 0xff);
            }
            System.arraycopy(mv, 0, mask, 0, 16);
        }
        return at[0] - i;
    }

    private byte[] bigValue(int[] at) {
        int p = at[0];
        boolean hex = s.startsWith("0x", p) || s.startsWith("0X", p);
        int q = hex ? p + 2 : p;
        int e = q;
        while (e < s.length() && Character.digit(s.charAt(e), hex ? 16 : 10) >= 0 && s.charAt(e) < 128) {
            e++;
        }
        if (e == q || hex && e - q > 32) {
            return null;
        }
        java.math.BigInteger v = new java.math.BigInteger(s.substring(q, e), hex ? 16 : 10);
        if (v.bitLength() > (hex ? 128 : 64)) {
            return null;
        }
        byte[] b = new byte[16];
        byte[] raw = v.toByteArray();
        for (int k = 0; k < Math.min(16, raw.length); k++) {
            b[15 - k] = raw[raw.length - 1 - k];
        }
        at[0] = e;
        return b;
    }

    /**
     * lib/flow.c parse_flags() with ')' as the end: "V/M" in numbers, "+name-name" (with a mask), or names and
     * numbers joined by '|'; {flags, mask} into fm, the characters taken, or -1.
     */
    private int flags(int i, String[] names, long allowed, long[] fm, boolean withMask) {
        if (withMask) {
            int[] a = {i};
            long v = FieldParser.scanInt(s, a, 0);
            if (v != Long.MIN_VALUE && at(a[0]) == '/') {
                a[0]++;
                long m = FieldParser.scanInt(s, a, 0);
                if (m != Long.MIN_VALUE) {
                    v &= 0xffffffffL;
                    m &= 0xffffffffL;
                    if ((v & ~allowed) != 0 || (m & ~allowed) != 0) {
                        return -1;
                    }
                    fm[0] = v;
                    fm[1] = m;
                    return a[0] - i;
                }
            }
        }
        int n = i;
        if (withMask && (at(n) == '+' || at(n) == '-')) {
            long flags = 0, mask = 0;
            while (at(n) != ')') {
                char sign = at(n);
                if (sign != '+' && sign != '-') {
                    return -1;
                }
                n++;
                int bit = flagAt(n, names, "+-)");
                if (bit < 0 || (mask & 1L << bit) != 0 || (allowed & 1L << bit) == 0) {
                    return -1;
                }
                flags |= sign == '+' ? 1L << bit : 0;
                mask |= 1L << bit;
                n += names[bit].length();
            }
            fm[0] = flags;
            fm[1] = mask;
            return n - i;
        }
        long result = 0;
        while (at(n) != ')') {
            int[] a = {n};
            long v = FieldParser.scanInt(s, a, 0); // "%lli"
            if (v != Long.MIN_VALUE) {
                if ((v & ~allowed) != 0) {
                    return -1;
                }
                n = a[0] + (at(a[0]) == '|' ? 1 : 0);
                result |= v;
                continue;
            }
            if (at(n) == '\0') {
                return -1;
            }
            int bit = flagAt(n, names, "|)");
            if (bit < 0 || (allowed & 1L << bit) == 0) {
                return -1;
            }
            result |= 1L << bit;
            n += names[bit].length() + (at(n + names[bit].length()) == '|' ? 1 : 0);
        }
        fm[0] = result;
        fm[1] = 0xffffffffL;
        return n - i;
    }

    // the lowest bit whose name is at s[i], followed by one of the delimiters
    private int flagAt(int i, String[] names, String delimiters) {
        for (int b = 0; b < names.length; b++) {
            if (s.startsWith(names[b], i) && delimiters.indexOf(at(i + names[b].length())) >= 0
                    && at(i + names[b].length()) != '\0') {
                return b;
            }
        }
        return -1;
    }

    static void put(byte[] b, int off, int width, long v) {
        for (int k = 0; k < width; k++) {
            b[off + k] = (byte) (v >>> 8 * (width - 1 - k));
        }
    }

    static long get(byte[] b, int off, int width) {
        long v = 0;
        for (int k = 0; k < width; k++) {
            v = v << 8 | b[off + k] & 0xff;
        }
        return v;
    }

    // ------------------------------------------------------------------ odp_flow_key_format()

    /** odp_flow_key_format(): every attribute with every field, as odp_flow_format() prints a key without a mask. */
    static String format(List<Attr> key) {
        if (key.isEmpty()) {
            return "<empty>";
        }
        StringBuilder b = new StringBuilder();
        for (Attr a : key) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(a.name).append('(');
            List<String> f = new ArrayList<>();
            switch (a.name) {
                case "encap" -> {
                    if (!a.nested.isEmpty()) {
                        f.add(format(a.nested));
                    }
                }
                case "skb_priority", "skb_mark", "dp_hash", "recirc_id", "ct_mark" -> f.add(hex(a.get(0, 4)));
                case "ct_state" -> f.add(hex(a.get(0, 4)));
                case "ct_zone" -> f.add(hex(a.get(0, 2)));
                case "ct_label" -> {
                    java.math.BigInteger v = new java.math.BigInteger(1, a.key);
                    f.add("0x" + v.toString(16));
                }
                case "in_port" -> f.add(Long.toString(a.get(0, 4)));
                case "eth_type" -> f.add(String.format("0x%04x", a.get(0, 2)));
                case "eth" -> {
                    f.add("src=" + mac(a.key, 0));
                    f.add("dst=" + mac(a.key, 6));
                }
                case "vlan" -> { // format_vlan_tci() verbose
                    long tci = a.get(0, 2);
                    f.add("vid=" + (tci & 0xfff));
                    f.add("pcp=" + (tci >> 13));
                    if ((tci & 0x1000) == 0) {
                        f.add("cfi=0");
                    }
                }
                case "mpls" -> {
                    for (int k = 0; k < a.key.length; k += 4) {
                        long lse = a.get(k, 4);
                        f.add("label=" + (lse >>> 12) + ",tc=" + (lse >> 9 & 7) + ",ttl=" + (lse & 0xff) + ",bos="
                                + (lse >> 8 & 1));
                    }
                }
                case "ipv4" -> {
                    f.add("src=" + ip(a.key, 0));
                    f.add("dst=" + ip(a.key, 4));
                    f.add("proto=" + a.get(8, 1));
                    f.add("tos=" + hex(a.get(9, 1)));
                    f.add("ttl=" + a.get(10, 1));
                    f.add("frag=" + frag(a.get(11, 1)));
                }
                case "ipv6" -> {
                    f.add("src=" + ip6(a.key, 0));
                    f.add("dst=" + ip6(a.key, 16));
                    f.add("label=" + hex(a.get(32, 4)));
                    f.add("proto=" + a.get(36, 1));
                    f.add("tclass=" + hex(a.get(37, 1)));
                    f.add("hlimit=" + a.get(38, 1));
                    f.add("frag=" + frag(a.get(39, 1)));
                }
                case "tcp", "udp", "sctp" -> {
                    f.add("src=" + a.get(0, 2));
                    f.add("dst=" + a.get(2, 2));
                }
                case "tcp_flags" -> f.add(flagsFormat(a.get(0, 2), TCP_FLAGS));
                case "icmp", "icmpv6" -> {
                    f.add("type=" + a.get(0, 1));
                    f.add("code=" + a.get(1, 1));
                }
                case "arp" -> {
                    f.add("sip=" + ip(a.key, 0));
                    f.add("tip=" + ip(a.key, 4));
                    f.add("op=" + a.get(8, 2));
                    f.add("sha=" + mac(a.key, 10));
                    f.add("tha=" + mac(a.key, 16));
                }
                case "nd" -> {
                    f.add("target=" + ip6(a.key, 0));
                    f.add("sll=" + mac(a.key, 16));
                    f.add("tll=" + mac(a.key, 22));
                }
                case "nd_ext" -> {
                    f.add("nd_reserved=" + hex(a.get(0, 4)));
                    f.add("nd_options_type=" + a.get(4, 1));
                }
                case "packet_type" -> {
                    f.add("ns=" + a.get(0, 2));
                    f.add("id=" + hex(a.get(2, 2)));
                }
                case "ct_tuple4" -> {
                    f.add("src=" + ip(a.key, 0));
                    f.add("dst=" + ip(a.key, 4));
                    f.add("proto=" + a.get(12, 1));
                    f.add("tp_src=" + a.get(8, 2));
                    f.add("tp_dst=" + a.get(10, 2));
                }
                case "ct_tuple6" -> {
                    f.add("src=" + ip6(a.key, 0));
                    f.add("dst=" + ip6(a.key, 16));
                    f.add("proto=" + a.get(36, 1));
                    f.add("src_port=" + a.get(32, 2));
                    f.add("dst_port=" + a.get(34, 2));
                }
                case "tunnel" -> f.addAll(tunnelFormat(a.nested));
                default -> {
                }
            }
            b.append(String.join(",", f)).append(')');
        }
        return b.toString();
    }

    // format_odp_tun_attr(): each attribute in the key's order, then flags() of what they imply
    private static List<String> tunnelFormat(List<Attr> nested) {
        List<String> f = new ArrayList<>();
        long flags = 0;
        for (Attr t : nested) {
            switch (t.name) {
                case "tun_id" -> {
                    f.add("tun_id=" + hex(t.get(0, 8)));
                    flags |= 8;
                }
                case "src", "dst" -> f.add(t.name + "=" + ip(t.key, 0));
                case "ipv6_src", "ipv6_dst" -> f.add(t.name + "=" + ip6(t.key, 0));
                case "tos" -> f.add("tos=" + hex(t.get(0, 1)));
                case "ttl" -> f.add("ttl=" + t.get(0, 1));
                case "tp_src", "tp_dst" -> f.add(t.name + "=" + t.get(0, 2));
                case "oam" -> flags |= 1;
                case "df" -> flags |= 2;
                case "csum" -> flags |= 4;
                default -> f.add(t.name);
            }
        }
        f.add("flags(" + flagsFormat(flags, TUN_FLAGS) + ")");
        return f;
    }

    // format_flags() with '|'
    static String flagsFormat(long flags, String[] names) {
        if (flags == 0) {
            return "0";
        }
        List<String> out = new ArrayList<>();
        long bad = 0;
        for (int b = 0; b < 32; b++) {
            if ((flags & 1L << b) != 0) {
                if (b < names.length) {
                    out.add(names[b]);
                } else {
                    bad |= 1L << b;
                }
            }
        }
        if (bad != 0) {
            out.add("0x" + Long.toHexString(bad));
        }
        return String.join("|", out);
    }

    // "%#x": 0 alone, else 0x and the digits
    private static String hex(long v) {
        return v == 0 ? "0" : "0x" + Long.toHexString(v);
    }

    private static String frag(long v) {
        return v == 0 ? "no" : v == 1 ? "first" : v == 2 ? "later" : "<error>";
    }

    private static String mac(byte[] b, int off) {
        return String.format("%02x:%02x:%02x:%02x:%02x:%02x", b[off], b[off + 1], b[off + 2], b[off + 3], b[off + 4],
                b[off + 5]);
    }

    private static String ip(byte[] b, int off) {
        return (b[off] & 0xff) + "." + (b[off + 1] & 0xff) + "." + (b[off + 2] & 0xff) + "." + (b[off + 3] & 0xff);
    }

    private static String ip6(byte[] b, int off) {
        return io.arplab.wire.Ipv6Address.read(b, off).toString();
    }
}
