package io.arplab.flow;

import java.util.List;

/**
 * Geneve options as tunnel metadata (OVS 3.1 lib/tun-metadata.c): a bridge's TLV map (struct tun_table: option class
 * and type to tun_metadataN with a length), the options of a received packet kept as they came (FLOW_TNL_F_UDPIF)
 * until a translation reads them through the map, and the options a packet leaves a Geneve tunnel with. The flow
 * holds them in {@link Slot#TUN_METADATA_PRESENT} and the eight slots after it (see there); arplab maps
 * tun_metadata0..7 to options of at most 8 bytes, and keeps up to 64 bytes of received options.
 */
public final class TunMetadata {
    /** The tun_metadata fields arplab has (TUN_METADATA_NUM_OPTS is 64). */
    static final int FIELDS = 8;
    /** TLV_MAX_OPT_SIZE: a tun_metadata field's mf_field n_bytes, the largest option OVS maps. */
    static final int MF_BYTES = 124;
    /** The largest option arplab maps, in bytes (TLV_MAX_OPT_SIZE is 124). */
    static final int MAX_LEN = 8;
    /** The received option bytes a flow holds. */
    static final int OPTS_BYTES = 8 * FIELDS;
    /** TUN_METADATA_TOT_OPT_SIZE and TUN_METADATA_NUM_OPTS, as NXT_TLV_TABLE_REPLY gives them. */
    static final int TOT_OPT_SIZE = 256, NUM_OPTS = 64;
    /** GENEVE_CRIT_OPT_TYPE: an option type with this bit must be understood by the receiver. */
    static final int CRIT_OPT_TYPE = 0x80;

    private TunMetadata() {}

    /** One mapping of NXT_TLV_TABLE_MOD (struct ofputil_tlv_map). */
    public record Mapping(int optClass, int type, int len, int index) {}

    /** A bridge's TLV map (struct tun_table): entries by tun_metadata index, null where none. */
    public static final class Table {
        final Mapping[] entries = new Mapping[NUM_OPTS];

        /**
         * tun_metadata_table_mod(): ADD (all or nothing), DELETE of the given indexes, or CLEAR ({@code mappings}
         * null); the OFPERR name of a refused ADD, else null. An ADD beyond what arplab holds throws
         * {@link UnsupportedOperationException}.
         */
        public String mod(String command, List<Mapping> mappings, java.util.function.IntPredicate inUse) {
            if (!command.equals("ADD")) { // mf_vl_mff_map_del(), mf_vl_mff_map_clear(): no field a flow refers to
                for (int i = 0; i < NUM_OPTS; i++) {
                    final int idx = i;
                    boolean named = command.equals("CLEAR") || mappings.stream().anyMatch(m -> m.index() == idx);
                    if (named && entries[i] != null && inUse.test(i)) {
                        return "NXTTMFC_INVALID_TLV_DEL";
                    }
                }
            }
            if (command.equals("CLEAR")) {
                java.util.Arrays.fill(entries, null);
                return null;
            }
            if (command.equals("DELETE")) {
                for (Mapping m : mappings) {
                    if (m.index() < NUM_OPTS) {
                        entries[m.index()] = null;
                    }
                }
                return null;
            }
            Mapping[] next = entries.clone();
            int used = 0;
            for (Mapping e : next) {
                used += e == null ? 0 : e.len();
            }
            for (Mapping m : mappings) { // tun_metadata_add_entry()
                if (next[m.index()] != null) {
                    return "NXTTMFC_ALREADY_MAPPED";
                }
                for (Mapping e : next) {
                    if (e != null && e.optClass() == m.optClass() && e.type() == m.type()) {
                        return "NXTTMFC_DUP_ENTRY";
                    }
                }
                if (used + m.len() > TOT_OPT_SIZE) {
                    return "NXTTMFC_TABLE_FULL";
                }
                if (m.index() >= FIELDS || m.len() > MAX_LEN) {
                    throw new UnsupportedOperationException("tun_metadata" + m.index() + " of " + m.len()
                            + " bytes (arplab maps tun_metadata0-" + (FIELDS - 1) + " of at most " + MAX_LEN
                            + " bytes)");
                }
                next[m.index()] = m;
                used += m.len();
            }
            System.arraycopy(next, 0, entries, 0, NUM_OPTS);
            return null;
        }

        /**
         * nx_pull_match() through the map: each matched option's value and mask within the option's length, the mask
         * all ones (an unmasked match) when it covers all of it.
         */
        public void normalise(Match m) {
            for (int i = 0; i < FIELDS; i++) {
                Mapping e = entries[i];
                if ((m.mask(Slot.TUN_METADATA_PRESENT) >>> i & 1) == 0 || e == null) {
                    continue;
                }
                Slot s = Slot.ALL[Slot.TUN_METADATA0.ordinal() + i];
                long[] vm = pulled(m.value(s), m.mask(s), e.len());
                m.putSlot(s, vm[0], vm[1]);
            }
        }

        /**
         * The same for the set_field actions (a load's too) of {@code actions}, ct()'s exec, write_actions and clone
         * within: each tun_metadata value and mask as the switch decodes them (NXAST_REG_LOAD2's entry).
         */
        public void normalise(List<Action> actions) {
            for (int j = 0; j < actions.size(); j++) {
                Action a = actions.get(j);
                if (a instanceof Action.SetField sf && sf.field().tunMetadata() >= 0
                        && entries[sf.field().tunMetadata()] != null) {
                    long[] vm = pulled(sf.value(), sf.mask(), entries[sf.field().tunMetadata()].len());
                    actions.set(j, new Action.SetField(sf.field(), vm[0], vm[1], sf.raw()));
                } else if (a instanceof Action.Ct ct && ct.exec() != null) {
                    normalise(ct.exec());
                } else if (a instanceof Action.WriteActions w) {
                    normalise(w.actions());
                } else if (a instanceof Action.Clone c) {
                    normalise(c.actions());
                }
            }
        }

        /** Whether any tun_metadata field is mapped. */
        public boolean mapsAny() {
            for (Mapping e : entries) {
                if (e != null) {
                    return true;
                }
            }
            return false;
        }

        /** The mapping of tun_metadata{@code i}, or null. */
        public Mapping entry(int i) {
            return entries[i];
        }

        // tun_meta_find_key()
        Mapping find(int optClass, int type) {
            for (Mapping e : entries) {
                if (e != null && e.optClass() == optClass && e.type() == type) {
                    return e;
                }
            }
            return null;
        }

        /** ofputil_format_tlv_table_reply() of tun_metadata_table_request()'s reply, after its header line. */
        public String formatReply() {
            StringBuilder s = new StringBuilder();
            int space = 0;
            for (Mapping e : entries) {
                space += e == null ? 0 : e.len();
            }
            s.append(" max option space=").append(TOT_OPT_SIZE).append(" max fields=").append(NUM_OPTS).append('\n')
                    .append(" allocated option space=").append(space).append("\n\n");
            return s.append(formatMappings(java.util.Arrays.stream(entries).filter(e -> e != null).toList()))
                    .toString();
        }
    }

    /** print_tlv_table(). */
    public static String formatMappings(List<Mapping> mappings) {
        StringBuilder s = new StringBuilder(" mapping table:\n  class  type  length  match field\n"
                + " ------  ----  ------  --------------");
        for (Mapping m : mappings) {
            s.append(String.format("\n %6s  %4s  %6d  tun_metadata%d", hex(m.optClass()), hex(m.type()), m.len(),
                    m.index()));
        }
        return s.toString();
    }

    /**
     * parse_ofp_tlv_table_mod_str(): "{class=C,type=T,len=L}->tun_metadataN", comma-separated; the error message
     * ("invalid tlv mapping") as an exception.
     */
    public static List<Mapping> parse(String s) {
        List<Mapping> out = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "\\{class=(\\w+),type=(\\w+),len=(\\w+)\\}->tun_metadata(\\w+)").matcher(s);
        int at = 0;
        while (at < s.length()) {
            if (s.charAt(at) == ',') {
                at++;
            }
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("invalid tlv mapping");
            }
            out.add(new Mapping(number(m.group(1), 0xffff), number(m.group(2), 0xff), number(m.group(3), 0xff),
                    number(m.group(4), 0xffff)));
            at = m.end();
        }
        return out;
    }

    /**
     * decode_tlv_table_mappings(): each mapping's option length a multiple of 4 up to TLV_MAX_OPT_SIZE (124), its index
     * below TUN_METADATA_NUM_OPTS; {log line, OFPERR name} of the first that is not, else null.
     */
    public static String[] decodeError(List<Mapping> mappings) {
        for (Mapping m : mappings) {
            if (m.len() % 4 != 0 || m.len() > 124) {
                return new String[] {"ofp_match|WARN|tlv table option length (" + m.len()
                        + ") is not a valid option size", "NXTTMFC_BAD_OPT_LEN"};
            }
            if (m.index() >= NUM_OPTS) {
                return new String[] {"ofp_match|WARN|tlv table field index (" + m.index() + ") is too large (max "
                        + (NUM_OPTS - 1) + ")", "NXTTMFC_BAD_FIELD_IDX"};
            }
        }
        return null;
    }

    /**
     * ofputil_encode_tlv_table_mod() hex-dumped (ovs_hex_dump() with ASCII), as ofp_print() shows a request it cannot
     * decode: the Nicira header (NXT_TLV_TABLE_MOD, subtype 24), the command (ADD 0, DELETE 1, CLEAR 2), each nx_tlv_map.
     */
    public static String modDump(int ofVersion, int xid, String command, List<Mapping> mappings) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(24 + 8 * mappings.size());
        b.put((byte) ofVersion).put((byte) 4).putShort((short) b.capacity()).putInt(xid).putInt(0x2320).putInt(24);
        b.putShort((short) (command.equals("ADD") ? 0 : command.equals("CLEAR") ? 2 : 1)).put(new byte[6]);
        for (Mapping m : mappings) {
            b.putShort((short) m.optClass()).put((byte) m.type()).put((byte) m.len()).putShort((short) m.index())
                    .putShort((short) 0);
        }
        return OfpEncode.hexDump(b.array(), true);
    }

    // ovs_scan()'s %i into a narrow integer: a C literal (0x, 0 octal, decimal), truncated to the width
    private static int number(String t, int width) {
        try {
            long v = t.startsWith("0x") || t.startsWith("0X") ? Long.parseLong(t.substring(2), 16)
                    : t.length() > 1 && t.startsWith("0") ? Long.parseLong(t.substring(1), 8) : Long.parseLong(t);
            return (int) (v & width);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid tlv mapping");
        }
    }

    /** A flow's option bytes (UDPIF form): {@code len} bytes from the metadata slots of {@code a}. */
    static byte[] raw(long[] a, int len) {
        byte[] b = new byte[Math.min(len, OPTS_BYTES)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (a[Slot.TUN_METADATA0.ordinal() + i / 8] >>> (56 - 8 * (i % 8)));
        }
        return b;
    }

    /** Writes option bytes (UDPIF form) into the metadata slots of {@code a}, zeroing the rest. */
    static void putRaw(long[] a, byte[] b) {
        for (int w = 0; w < FIELDS; w++) {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                int at = 8 * w + i;
                v = v << 8 | (at < b.length ? b[at] & 0xff : 0);
            }
            a[Slot.TUN_METADATA0.ordinal() + w] = v;
        }
    }

    /** A received packet's Geneve options into the flow, as netdev_geneve_pop_header() leaves them (UDPIF). */
    static void received(long[] flow, byte[] f, int from, int len) {
        putRaw(flow, java.util.Arrays.copyOfRange(f, from, from + Math.min(len, OPTS_BYTES)));
        flow[Slot.TUN_METADATA_PRESENT.ordinal()] = Math.min(len, OPTS_BYTES); // present.len
    }

    /**
     * tun_metadata_from_geneve_udpif(): the received options of {@code flow} (UDPIF) turned into tun_metadata fields
     * through the bridge's map, in place; false when they are invalid (a mapped option of another length, an
     * unknown critical option, a truncated option), when xlate_actions() reports "Invalid Geneve tunnel metadata".
     */
    static boolean fromUdpif(Table tab, long[] flow) {
        byte[] opts = raw(flow, (int) flow[Slot.TUN_METADATA_PRESENT.ordinal()]);
        long present = 0;
        long[] values = new long[FIELDS];
        boolean ok = true;
        for (int at = 0; at < opts.length; ) {
            if (opts.length - at < 4) {
                ok = false;
                break;
            }
            int optClass = (opts[at] & 0xff) << 8 | opts[at + 1] & 0xff, type = opts[at + 2] & 0xff;
            int dataLen = (opts[at + 3] & 0x1f) * 4;
            if (at + 4 + dataLen > opts.length) {
                ok = false;
                break;
            }
            Mapping e = tab.find(optClass, type);
            if (e != null) {
                if (e.len() != dataLen) {
                    ok = false;
                    break;
                }
                long v = 0;
                for (int i = 0; i < dataLen; i++) {
                    v = v << 8 | opts[at + 4 + i] & 0xff;
                }
                values[e.index()] = v;
                present |= 1L << e.index();
            } else if ((type & CRIT_OPT_TYPE) != 0) {
                ok = false;
                break;
            }
            at += 4 + dataLen;
        }
        flow[Slot.TUN_FLAGS.ordinal()] &= ~Tunnel.UDPIF;
        flow[Slot.TUN_METADATA_PRESENT.ordinal()] = present;
        for (int i = 0; i < FIELDS; i++) {
            flow[Slot.TUN_METADATA0.ordinal() + i] = values[i];
        }
        return ok;
    }

    /**
     * tun_metadata_to_geneve_udpif_mask() as xlate_actions() ends: the fields' wildcards {@code wc} turned into masks
     * of the received options of {@code key} (class, type and length exact, the value under the field's mask, an
     * unmapped option's value wildcarded) when any field was read, and the options' length matched exactly.
     */
    static void udpifMask(Table tab, long[] key, long[] wc) {
        if (wc[Slot.TUN_METADATA_PRESENT.ordinal()] != 0) {
            byte[] opts = raw(key, (int) key[Slot.TUN_METADATA_PRESENT.ordinal()]);
            byte[] mask = new byte[opts.length];
            for (int at = 0; at + 4 <= opts.length; ) {
                int dataLen = (opts[at + 3] & 0x1f) * 4;
                Mapping e = tab.find((opts[at] & 0xff) << 8 | opts[at + 1] & 0xff, opts[at + 2] & 0xff);
                mask[at] = mask[at + 1] = mask[at + 2] = (byte) 0xff;
                mask[at + 3] = 0x1f;
                if (e != null) {
                    long m = wc[Slot.TUN_METADATA0.ordinal() + e.index()];
                    for (int i = 0; i < dataLen && at + 4 + i < mask.length; i++) {
                        mask[at + 4 + i] = (byte) (m >>> (8 * (dataLen - 1 - i)));
                    }
                }
                at += 4 + dataLen;
            }
            putRaw(wc, mask);
        } else {
            putRaw(wc, new byte[0]);
        }
        wc[Slot.TUN_METADATA_PRESENT.ordinal()] = 0xff; // tun_metadata_from_geneve_nlattr(): the length exactly
        wc[Slot.TUN_FLAGS.ordinal()] |= Tunnel.UDPIF;
    }

    /**
     * tun_metadata_to_geneve__(): the options a packet with the fields of {@code flow} leaves a Geneve tunnel with,
     * in the order of their indexes.
     */
    static byte[] toGeneve(Table tab, long[] flow) {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        long present = (flow[Slot.TUN_FLAGS.ordinal()] & Tunnel.UDPIF) != 0 ? 0
                : flow[Slot.TUN_METADATA_PRESENT.ordinal()];
        for (int i = 0; i < FIELDS; i++) {
            Mapping e = tab.entries[i];
            if ((present >>> i & 1) == 0 || e == null) {
                continue;
            }
            b.write(e.optClass() >>> 8);
            b.write(e.optClass());
            b.write(e.type());
            b.write(e.len() / 4);
            long v = flow[Slot.TUN_METADATA0.ordinal() + i];
            for (int k = e.len() - 1; k >= 0; k--) {
                b.write((int) (v >>> (8 * k)));
            }
        }
        return b.toByteArray();
    }

    /** Whether any of the options has its type's critical bit (the Geneve header's C flag). */
    static boolean critical(byte[] opts) {
        for (int at = 0; at + 4 <= opts.length; at += 4 + (opts[at + 3] & 0x1f) * 4) {
            if ((opts[at + 2] & CRIT_OPT_TYPE) != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * odp-util.c format_geneve_opts(): each option as {class=..,type=..,len=..,VALUE}, with /MASK parts under a
     * mask ({@code mask} null for none), fields the mask leaves out shown only when {@code verbose}.
     */
    static String format(byte[] opt, byte[] mask, boolean verbose) {
        StringBuilder s = new StringBuilder();
        for (int at = 0; at < opt.length; ) {
            if (opt.length - at < 4) {
                return s.append("opt len ").append(opt.length - at).append(" less than minimum 4").toString();
            }
            int dataLen = (opt[at + 3] & 0x1f) * 4;
            if (4 + dataLen > opt.length - at) {
                return s.append("opt len ").append(4 + dataLen).append(" greater than remaining ")
                        .append(opt.length - at).toString();
            }
            s.append('{');
            int cls = (opt[at] & 0xff) << 8 | opt[at + 1] & 0xff, type = opt[at + 2] & 0xff;
            field(s, "class", hex(cls), mask == null ? -1 : (mask[at] & 0xff) << 8 | mask[at + 1] & 0xff, 0xffff,
                    verbose, true);
            field(s, "type", hex(type), mask == null ? -1 : mask[at + 2] & 0xff, 0xff, verbose, true);
            int lenMask = mask == null ? -1 : (mask[at + 3] & 0x1f) == 0x1f ? 0xff : mask[at + 3] & 0x1f;
            field(s, "len", Integer.toString(dataLen), lenMask, 0xff, verbose, false);
            byte[] data = java.util.Arrays.copyOfRange(opt, at + 4, at + 4 + dataLen);
            byte[] dm = mask == null ? null : java.util.Arrays.copyOfRange(mask, at + 4, at + 4 + dataLen);
            if (dataLen > 0 && (verbose || dm == null || !allZero(dm))) {
                s.append(putHex(data));
                if (dm != null && !allOnes(dm)) {
                    s.append('/').append(putHex(dm));
                }
            } else if (s.charAt(s.length() - 1) == ',') {
                s.setLength(s.length() - 1); // ds_chomp()
            }
            s.append('}');
            at += 4 + dataLen;
        }
        return s.toString();
    }

    // format_be16x(), format_u8x(), format_u8u(): the field when verbose or masked, /MASK when not all ones
    private static void field(StringBuilder s, String name, String value, int mask, int ones, boolean verbose,
            boolean hexMask) {
        if (mask < 0) {
            s.append(name).append('=').append(value).append(',');
        } else if (verbose || mask != 0) {
            s.append(name).append('=').append(value);
            if (mask != ones) {
                s.append('/').append(hexMask ? hex(mask) : Integer.toString(mask));
            }
            s.append(',');
        }
    }

    // printf's %#x: 0 without the prefix
    private static String hex(int v) {
        return v == 0 ? "0" : "0x" + Integer.toHexString(v);
    }

    /** ds_put_hex(): 0x and the bytes without leading zeros, "0" for none. */
    static String putHex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            if (s.length() == 0 && x == 0) {
                continue;
            }
            s.append(s.length() == 0 ? "0x" + Integer.toHexString(x & 0xff) : String.format("%02x", x & 0xff));
        }
        return s.length() == 0 ? "0" : s.toString();
    }

    /** ds_put_hex() of a field's value of {@code len} bytes. */
    static String putHex(long v) {
        return v == 0 ? "0" : "0x" + Long.toHexString(v);
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean allOnes(byte[] b) {
        for (byte x : b) {
            if (x != (byte) 0xff) {
                return false;
            }
        }
        return true;
    }

    /**
     * nx_pull_entry__()'s copy_entry_value() of a tun_metadata entry through an option of {@code len} bytes: ovs-ofctl
     * sends the value and mask as short as their leading zero bytes allow (mf_field_len(); no mask when it is all
     * ones, {@code mask} -1), the switch keeps their first {@code len} bytes. Returns the value (under the mask) and
     * the mask (-1 when it covers the option).
     */
    static long[] pulled(long value, long mask, int len) {
        int sent = mask == -1L ? bytes(value) : Math.max(bytes(value), bytes(mask));
        int shift = sent > len ? 8 * (sent - len) : 0;
        long ones = len == 8 ? -1L : (1L << (8 * len)) - 1;
        long v = value >>> shift & ones;
        long m = mask == -1L ? ones : mask >>> shift & ones;
        return new long[] {v, m == ones ? -1L : m};
    }

    /**
     * A match as ovs-ofctl decodes it without a TLV map (nx_pull_entry__(), tun_metadata_set_match() with no map): a
     * masked option is as long as its value's and mask's significant bytes (mf_field_len() over the 124-byte field),
     * and tun_metadata_match_format() leaves out a mask all ones over that length. Returns {@code m} or a copy.
     */
    static Match pulledWithoutMap(Match m) {
        Match n = m;
        for (int i = 0; i < FIELDS; i++) {
            Slot s = Slot.ALL[Slot.TUN_METADATA0.ordinal() + i];
            long v = m.value(s), mask = m.mask(s);
            int len = Math.max(bytes(v), bytes(mask));
            if ((m.mask(Slot.TUN_METADATA_PRESENT) >>> i & 1) == 0 || mask == -1L || mask == 0 || len == 8
                    || mask != (1L << (8 * len)) - 1) {
                continue;
            }
            n = n == m ? m.copy() : n;
            n.putSlot(s, v, -1L);
        }
        return n;
    }

    // field_len(): the bytes a value needs without its leading zero bytes
    private static int bytes(long x) {
        return (64 - Long.numberOfLeadingZeros(x) + 7) / 8;
    }
}
