package io.arplab.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An OpenFlow group (struct ofgroup, ofproto-dpif's group_dpif): its type, buckets, selection method, counters, and
 * for a select group the dp_hash table that maps hash values to buckets. Parsed from ovs-ofctl's syntax as
 * lib/ofp-group.c parse_ofp_group_mod_str__() does, printed as ofp_print_group() does.
 */
public final class Group {
    /** OFPG_ANY, also "no watch group". */
    public static final long ANY = 0xffffffffL;

    /** ofputil_group_from_string()'s warning when the text is not a group id. */
    public static String badIdLog(String s) {
        return "ofp_group|WARN|" + s + " is not a valid group ID.  (Valid group IDs are 32-bit nonnegative integers"
                + " or the keywords ANY or ALL.)";
    }

    /** ofputil_group_from_string(): a decimal number, "any" or "all" (any case); -1 if none of these. */
    public static long idFromString(String s) {
        if (s.equalsIgnoreCase("any")) {
            return ANY;
        } else if (s.equalsIgnoreCase("all")) {
            return ALL;
        }
        try {
            long v = Long.parseLong(s);
            return v >= 0 && v <= 0xffffffffL ? v : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
    /** OFPG_ALL. */
    public static final long ALL = 0xfffffffcL;
    static final long MAX = 0xffffff00L;
    /** OFPG15_BUCKET_ALL: a bucket whose id the switch assigns. */
    static final long BUCKET_UNSET = 0xffffffffL;
    static final long BUCKET_MAX = 0xffffff00L;
    private static final int MAX_HASH_VALUES = 256;

    public enum Type {
        ALL("all"), SELECT("select"), INDIRECT("indirect"), FF("ff");

        final String text;

        Type(String text) {
            this.text = text;
        }
    }

    public enum Command { ADD, MODIFY, ADD_OR_MOD, DELETE, INSERT_BUCKET, REMOVE_BUCKET }

    /** OFPG15_BUCKET_FIRST, _LAST, _ALL: the command bucket ids beyond OFPG15_BUCKET_MAX. */
    static final long BUCKET_FIRST = 0xfffffffdL, BUCKET_LAST = 0xfffffffeL, BUCKET_ALL = 0xffffffffL;

    /** A bucket (struct ofputil_bucket) with its counters. */
    public static final class Bucket {
        long id;
        final int weight;
        final long watchPort;
        final long watchGroup;
        final List<Action> actions;
        long packets, bytes;

        Bucket(long id, int weight, long watchPort, long watchGroup, List<Action> actions) {
            this.id = id;
            this.weight = weight;
            this.watchPort = watchPort;
            this.watchGroup = watchGroup;
            this.actions = actions;
        }

        boolean hasLiveness() {
            return watchPort != Ports.NONE || watchGroup != ANY;
        }
    }

    /** A parsed group_mod: what add-group, mod-group, del-groups send. */
    public record Mod(Command command, long id, Type type, String selectionMethod, long selectionMethodParam,
            List<HashField> fields, List<Bucket> buckets, long commandBucketId) {
        /** Whether it edits a group's buckets (OFPGC15_INSERT_BUCKET, OFPGC15_REMOVE_BUCKET). */
        public boolean bucketCommand() {
            return command == Command.INSERT_BUCKET || command == Command.REMOVE_BUCKET;
        }

        /**
         * The group_mod's group as ofputil_group_mod_format__() prints it: a bucket command's command_bucket_id
         * first (ofp_print_bucket_id(), OpenFlow 1.0 and 1.5 only) and no type.
         */
        public String format(OfVersion v, PortMap names) {
            String head = "";
            if (bucketCommand() && (!v.atLeast(OfVersion.OF11) || v.atLeast(OfVersion.OF15))) {
                head = "command_bucket_id:" + (commandBucketId == BUCKET_FIRST ? "first"
                        : commandBucketId == BUCKET_LAST ? "last" : commandBucketId == BUCKET_ALL ? "all"
                        : String.valueOf(commandBucketId)) + ",";
            }
            return head + Group.format(id, bucketCommand() ? null : type, selectionMethod, selectionMethodParam,
                    fields, buckets, v, names);
        }

        /**
         * ofputil_check_group_mod(), as the switch decodes it: an indirect group needs exactly one bucket
         * (OFPGMFC_INVALID_GROUP); null when it decodes.
         */
        public String decodeError(OfVersion v) {
            for (Bucket b : buckets) { // ofputil_pull_ofp11_buckets(): each bucket's actions decoded in turn
                java.util.List<String> bad = FlowStatsFormat.badActions(ActionFormat.roundTrip(b.actions, v), v,
                        false);
                if (bad != null) {
                    return bad.get(bad.size() - 1);
                }
            }
            if (duplicateIds(v)) { // ofputil_pull_ofp15_group_mod(): the buckets, the properties, then the check
                return "OFPGMFC_BAD_BUCKET";
            }
            if (ntrRefusal(v) != null) {
                return "OFPBPC_BAD_VALUE";
            }
            boolean typed = command == Command.ADD || command == Command.MODIFY || command == Command.ADD_OR_MOD;
            return typed && type == Type.INDIRECT && buckets.size() != 1 ? "OFPGMFC_INVALID_GROUP" : null;
        }

        /**
         * parse_group_prop_ntr_selection_method()'s refusal of the selection method property that OpenFlow 1.0's and
         * 1.5's group_mods carry (ofputil_encode_ofp15_group_mod()): its log line, or null.
         */
        private String ntrRefusal(OfVersion v) {
            if (selectionMethod.isEmpty() || v.atLeast(OfVersion.OF11) && !v.atLeast(OfVersion.OF15)) {
                return null;
            } else if (type != Type.SELECT) {
                return "ntr selection method property is only allowed for select groups";
            } else if (!selectionMethod.equals("hash") && !selectionMethod.equals("dp_hash")) {
                return "ntr selection method '" + selectionMethod + "' is not supported";
            }
            return null;
        }

        // ofputil_pull_ofp15_buckets(): ofputil_bucket_check_duplicate_id() of the ids the message carries (OpenFlow
        // 1.0's NXT_GROUP_MOD and 1.5's; 1.1-1.4 number the buckets in order)
        private boolean duplicateIds(OfVersion v) {
            java.util.Set<Long> seen = new java.util.HashSet<>();
            for (Bucket b : sent(this, v)) {
                if (!seen.add(b.id)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * The group_mod as sent (ofputil_encode_ofp11_group_mod(); 1.5's ofputil_encode_ofp15_group_mod(), which
         * OpenFlow 1.0's NXT_GROUP_MOD carries after its Nicira header, with its buckets' ids, actions and properties
         * as ofputil_put_ofp15_bucket() puts them), or null: with buckets in OpenFlow 1.1-1.4, a selection method, or
         * an action arplab does not encode.
         */
        public byte[] wire(OfVersion v, int xid) {
            boolean nx = !v.atLeast(OfVersion.OF11), of15 = nx || v.atLeast(OfVersion.OF15);
            int cmd = switch (command) {
                case ADD -> 0;
                case MODIFY -> 1;
                case DELETE -> 2;
                case INSERT_BUCKET -> 3;
                case REMOVE_BUCKET -> 4;
                case ADD_OR_MOD -> 0x8000;
            };
            java.io.ByteArrayOutputStream bkts = new java.io.ByteArrayOutputStream();
            try {
                for (Bucket b : sent(this, v)) {
                    byte[] acts = OfpEncode.actions(b.actions, v);
                    long watchPort = b.watchPort >= 0xff00 ? b.watchPort + 0xffff0000L : b.watchPort;
                    if (!of15) { // ofputil_put_ofp11_bucket(): len, weight, watch_port, watch_group, 4 bytes of pad
                        bkts.writeBytes(java.nio.ByteBuffer.allocate(16).putShort((short) (16 + acts.length))
                                .putShort((short) b.weight).putInt((int) watchPort).putInt((int) b.watchGroup).array());
                        bkts.writeBytes(acts);
                        continue;
                    }
                    java.io.ByteArrayOutputStream props = new java.io.ByteArrayOutputStream();
                    if (type == Type.SELECT || b.weight != 0) { // OFPGBPT15_WEIGHT
                        props.writeBytes(new byte[] {0, 0, 0, 8, (byte) (b.weight >> 8), (byte) b.weight, 0, 0});
                    }
                    if (b.watchPort != Ports.NONE) { // OFPGBPT15_WATCH_PORT, ofputil_port_to_ofp11()
                        props.writeBytes(java.nio.ByteBuffer.allocate(8).putInt(0x00010008).putInt((int) watchPort)
                                .array());
                    }
                    if (b.watchGroup != ANY) { // OFPGBPT15_WATCH_GROUP
                        props.writeBytes(java.nio.ByteBuffer.allocate(8).putInt(0x00020008).putInt((int) b.watchGroup)
                                .array());
                    }
                    int len = 8 + acts.length + props.size();
                    bkts.writeBytes(java.nio.ByteBuffer.allocate(8).putShort((short) len).putShort((short) acts.length)
                            .putInt((int) b.id).array());
                    bkts.writeBytes(acts);
                    bkts.writeBytes(props.toByteArray());
                }
            } catch (OfpEncode.Unencodable e) {
                return null;
            }
            byte[] props = of15 && !selectionMethod.isEmpty() ? ntrProperty(v) : new byte[0];
            if (props == null) {
                return null;
            }
            int len = (nx ? 16 : 8) + (of15 ? 16 : 8) + bkts.size() + props.length;
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(len);
            b.put((byte) v.wire).put((byte) (nx ? 4 : 15)).putShort((short) len).putInt(xid); // OFPT_VENDOR, GROUP_MOD
            if (nx) {
                b.putInt(0x2320).putInt(31); // NX_VENDOR_ID, NXT_GROUP_MOD
            }
            b.putShort((short) cmd).put((byte) type.ordinal()).put((byte) 0).putInt((int) id);
            if (of15) {
                b.putShort((short) bkts.size()).putShort((short) 0).putInt((int) commandBucketId);
            }
            b.put(bkts.toByteArray()).put(props);
            return b.array();
        }

        // ofputil_put_group_prop_ntr_selection_method(): an experimenter property (NTR_VENDOR_ID,
        // NTRT_SELECTION_METHOD), the method's 16 bytes, its param, then oxm_put_field_array()'s fields, each mask
        // sent as the field's value; ofpprop_end() pads it to 8 bytes
        private byte[] ntrProperty(OfVersion v) {
            java.io.ByteArrayOutputStream fs = new java.io.ByteArrayOutputStream();
            try {
                for (HashField h : fields) {
                    long header = OfpEncode.header(h.field(), false, v);
                    int hlen = header >>> 32 != 0 ? 8 : 4;
                    for (int i = hlen - 1; i >= 0; i--) {
                        fs.write((int) (header >>> (8 * i)));
                    }
                    fs.writeBytes(h.bytes(h.mask()));
                }
            } catch (OfpEncode.Unencodable e) {
                return null;
            }
            int len = 40 + fs.size();
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate((len + 7) / 8 * 8);
            b.putShort((short) 0xffff).putShort((short) len).putInt(0x154d).putInt(1).putInt(0);
            byte[] name = selectionMethod.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            b.put(name).put(new byte[16 - name.length]).putLong(selectionMethodParam).put(fs.toByteArray());
            return b.array();
        }

        /**
         * ofp_print() of the group_mod sent in {@code v} with {@code xid}: its header, then ofputil_group_mod_format()
         * ("\n CMD group"), or a decode error and the message's hex dump.
         */
        public List<String> print(OfVersion v, int xid, PortMap names) {
            String head = (v == OfVersion.OF10 ? "NXT_GROUP_MOD" : "OFPT_GROUP_MOD (" + v.shortName + ")")
                    + " (xid=0x" + Integer.toHexString(xid) + "):";
            String decode = decodeError(v);
            if (decode != null) {
                List<String> out = new ArrayList<>(List.of(head + " ***decode error: " + decode + "***"));
                byte[] wire = wire(v, xid);
                if (wire != null) {
                    out.addAll(List.of(OfpEncode.hexDump(wire, true).split("\n")));
                }
                return out;
            }
            String cmd = switch (command) {
                case ADD -> "ADD";
                case MODIFY -> "MOD";
                case ADD_OR_MOD -> "ADD_OR_MOD";
                case DELETE -> "DEL";
                case INSERT_BUCKET -> "INSERT_BUCKET";
                case REMOVE_BUCKET -> "REMOVE_BUCKET";
            };
            return List.of(head, " " + cmd + " " + format(v, names));
        }

        /** What decoding its buckets' actions in version {@code v} logs, as {@link Group#decodeLog} has it. */
        public List<String> decodeLog(OfVersion v) {
            List<String> out = new ArrayList<>();
            for (Bucket b : buckets) { // decoding stops at a bucket whose actions do not decode
                List<Action> wire = ActionFormat.roundTrip(b.actions, v);
                List<String> bad = FlowStatsFormat.badActions(wire, v, true);
                if (bad != null) {
                    out.addAll(bad.subList(0, bad.size() - 1));
                    return out;
                }
                out.addAll(ActionFormat.deprecations(wire, v));
            }
            if (duplicateIds(v)) { // ofputil_pull_ofp15_buckets(), after each bucket's actions
                out.add("ofp_group|WARN|Duplicate bucket id");
            } else if (ntrRefusal(v) != null) { // OFPPROP_LOG()
                out.add("ofp_group|WARN|" + ntrRefusal(v));
            }
            return out;
        }

        /**
         * The protocols (FlowMod.P_*) ovs-ofctl may send it with: parse_bucket_str()'s ofpacts_parse_actions() starts
         * *usable_protocols afresh (ofpacts_parse_copy()), so the last bucket's actions decide, whatever a bucket_id
         * or the group's selection properties allowed before (not modelled: what those allow without buckets,
         * OpenFlow 1.0 and 1.5 only, which FlowMod's sets cannot tell from 1.3 and 1.4).
         */
        public int usable() {
            // a bucket command: OFPUTIL_P_OF10_ANY | OFPUTIL_P_OF15_UP, unless a bucket's actions start afresh
            return !buckets.isEmpty() ? ActionCheck.parsedUsable(buckets.get(buckets.size() - 1).actions)
                    : bucketCommand() ? FlowMod.P_OF10 | FlowMod.P_NXM | FlowMod.P_OXM15 : FlowMod.P_ANY;
        }
    }

    public final long id;
    public final Type type;
    final String selectionMethod;
    final long selectionMethodParam;
    /** The selection method's fields (props.fields), in mf id order. */
    final List<HashField> fields;
    final List<Bucket> buckets;
    final long created;
    long packets, bytes;
    /** dp_hash selection (group_set_selection_method()): the Webster table, or null for the default hash. */
    Bucket[] hashMap;

    Group(Mod m, OfVersion version, long now) {
        this.id = m.id();
        this.type = m.type();
        // OpenFlow 1.1-1.4 group_mods carry no group properties
        boolean props = !version.atLeast(OfVersion.OF11) || version.atLeast(OfVersion.OF15);
        this.selectionMethod = props ? m.selectionMethod() : "";
        this.selectionMethodParam = props ? m.selectionMethodParam() : 0;
        this.fields = props ? m.fields() : List.of();
        this.buckets = sent(m, version);
        this.created = now;
        // group_set_selection_method(): dp_hash when the weights fit 256 hash values (any number for "dp_hash")
        if (type == Type.SELECT && (selectionMethod.isEmpty() || selectionMethod.equals("dp_hash"))) {
            hashMap = dpHashTable(MAX_HASH_VALUES);
        }
    }

    /**
     * modify_group_start() of a bucket command: the old group's type and properties (EXT-570), its creation time,
     * new counters, and {@code buckets}.
     */
    private Group(Group old, List<Bucket> buckets) {
        this.id = old.id;
        this.type = old.type;
        this.selectionMethod = old.selectionMethod;
        this.selectionMethodParam = old.selectionMethodParam;
        this.fields = old.fields;
        this.buckets = new ArrayList<>();
        for (Bucket b : buckets) { // ofputil_bucket_clone_data() copies a kept bucket's counters (the group's restart)
            Bucket c = new Bucket(b.id, b.weight, b.watchPort, b.watchGroup, b.actions);
            c.packets = b.packets;
            c.bytes = b.bytes;
            this.buckets.add(c);
        }
        this.created = old.created;
        if (type == Type.SELECT && (selectionMethod.isEmpty() || selectionMethod.equals("dp_hash"))) {
            hashMap = dpHashTable(MAX_HASH_VALUES);
        }
    }

    /**
     * The buckets of {@code m} as the switch gets them in {@code version}: ofputil_encode_ofp15_group_mod() gives a
     * bucket without an id the lowest one its id pool lacks, a pool that holds the ids of the buckets after the first
     * without one (id_pool_alloc_id()), so that an earlier bucket's id may come again; OpenFlow 1.1-1.4 number the
     * buckets in order (ofputil_pull_ofp11_buckets()).
     */
    private static List<Bucket> sent(Mod m, OfVersion version) {
        boolean props = !version.atLeast(OfVersion.OF11) || version.atLeast(OfVersion.OF15);
        List<Bucket> out = new ArrayList<>();
        long[] ids = sentIds(m.buckets());
        for (int i = 0; i < m.buckets().size(); i++) {
            Bucket b = m.buckets().get(i);
            out.add(new Bucket(props ? ids[i] : i, b.weight, b.watchPort, b.watchGroup,
                    ActionFormat.roundTrip(b.actions, version)));
        }
        return out;
    }

    // ofputil_encode_ofp15_group_mod()'s bucket ids: a bucket without one gets the lowest id its pool lacks
    private static long[] sentIds(List<Bucket> buckets) {
        long[] ids = new long[buckets.size()];
        java.util.Set<Long> used = null;
        long free = 0;
        for (int i = 0; i < buckets.size(); i++) {
            Bucket b = buckets.get(i);
            ids[i] = b.id;
            if (b.id > BUCKET_MAX) {
                if (used == null) { // the pool takes the ids of the buckets after the first without one only
                    used = new java.util.HashSet<>();
                    for (Bucket later : buckets.subList(i + 1, buckets.size())) {
                        if (later.id <= BUCKET_MAX) {
                            used.add(later.id);
                        }
                    }
                }
                while (used.contains(free)) {
                    free++;
                }
                ids[i] = free;
                used.add(free);
            }
        }
        return ids;
    }

    /**
     * This group after the bucket command {@code m} (modify_group_start()): copy_buckets_for_insert_bucket() puts the
     * new buckets first, last, or after the bucket command_bucket_id names; copy_buckets_for_remove_bucket() drops
     * the first, the last, the named or every bucket: the new group, or the error's name.
     */
    /** A group as a bucket edit left it, or the error that refused the edit. */
    record Edit(Group group, String error) {}

    Edit editBuckets(Mod m, OfVersion version) {
        long cid = m.commandBucketId();
        Bucket named = null;
        for (Bucket b : buckets) {
            named = b.id == cid ? b : named;
        }
        if (cid <= BUCKET_MAX && named == null) {
            return new Edit(null, "OFPGMFC_UNKNOWN_BUCKET");
        }
        List<Bucket> out = new ArrayList<>(buckets);
        if (m.command() == Command.REMOVE_BUCKET) {
            if (cid == BUCKET_ALL) {
                out.clear();
            } else if (!out.isEmpty()) {
                out.remove(cid == BUCKET_FIRST ? out.get(0) : cid == BUCKET_LAST ? out.get(out.size() - 1) : named);
            }
            return new Edit(new Group(this, out), null);
        }
        List<Bucket> added = sent(m, version);
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (Bucket b : added) {
            ids.add(b.id);
        }
        for (Bucket b : buckets) {
            if (!ids.add(b.id)) {
                return new Edit(null, "OFPGMFC_BUCKET_EXISTS"); // ofputil_bucket_check_duplicate_id()
            }
        }
        out.addAll(cid == BUCKET_LAST ? out.size() : cid <= BUCKET_MAX ? out.indexOf(named) + 1 : 0, added);
        return new Edit(new Group(this, out), null);
    }

    // ofproto-dpif.c group_setup_dp_hash_table(): Webster's method spreads 16+ hash values over the buckets by weight
    private Bucket[] dpHashTable(int maxHash) {
        long total = 0;
        int minWeight = 0xffff;
        for (Bucket b : buckets) {
            if (b.weight > 0 && b.weight < minWeight) {
                minWeight = b.weight;
            }
            total += b.weight;
        }
        if (buckets.isEmpty() || total == 0) {
            return null;
        }
        long minSlots = (total + minWeight - 1) / minWeight;
        long nHash = Math.max(16, Long.highestOneBit(minSlots - 1) << 1);
        if (minSlots == 1) {
            nHash = 16;
        }
        if (nHash > maxHash) {
            return null;
        }
        int n = buckets.size();
        int[] divisor = new int[n];
        double[] value = new double[n];
        for (int i = 0; i < n; i++) {
            divisor[i] = 1;
            value[i] = buckets.get(i).weight;
        }
        Bucket[] map = new Bucket[(int) nHash];
        for (int h = 0; h < nHash; h++) {
            int winner = 0;
            for (int i = 1; i < n; i++) {
                if (value[i] > value[winner]) {
                    winner = i;
                }
            }
            divisor[winner] += 2;
            value[winner] = (double) buckets.get(winner).weight / divisor[winner];
            map[h] = buckets.get(winner);
        }
        return map;
    }

    /**
     * ofpacts_execute_action_set(): a bucket's actions are an action set: the last of each of ACTION_SET_ORDER's
     * slots in its order (strip_vlan, pop_mpls, push_mpls, push_vlan, dec_ttl, dec_mpls_ttl), the set and move
     * actions in order, then the one final action of highest class (ct, ct_clear, resubmit, output, group; the
     * later of equals); nothing without a final action.
     */
    static List<Action> actionList(List<Action> set) {
        Action[] slots = new Action[SLOT_ORDER.length];
        Action last = null;
        int lastClass = 0;
        List<Action> setOrMove = new ArrayList<>();
        for (Action a : set) {
            int finalClass = a instanceof Action.Ct ? 1 : a instanceof Action.CtClear ? 2 : a instanceof Action.Resubmit
                    ? 3 : a instanceof Action.Output ? 4 : a instanceof Action.Group ? 5 : 0;
            int slot = slotOf(a);
            if (slot >= 0) {
                slots[slot] = a;
            } else if (finalClass > 0) {
                if (finalClass >= lastClass) {
                    last = a;
                    lastClass = finalClass;
                }
            } else if (a instanceof Action.SetField || a instanceof Action.Move || a instanceof Action.SetNwTtl
                    || a instanceof Action.SetMplsTtl || a instanceof Action.Queue q && q.queue() >= 0
                    || a instanceof Action.SetTunnel) {
                setOrMove.add(a);
            }
        }
        List<Action> out = new ArrayList<>();
        if (last == null) {
            return out;
        }
        for (Action a : slots) {
            if (a != null) {
                out.add(a);
            }
        }
        out.addAll(setOrMove);
        out.add(last);
        return out;
    }

    // ACTION_SET_ORDER (decap, encap and dec_nsh_ttl have no arplab action)
    private static final Class<?>[] SLOT_ORDER = {Action.PopVlan.class, Action.PopMpls.class, Action.PushMpls.class,
        Action.PushVlan.class, Action.DecTtl.class, Action.DecMplsTtl.class};

    private static int slotOf(Action a) {
        for (int i = 0; i < SLOT_ORDER.length; i++) {
            if (SLOT_ORDER[i] == a.getClass()) {
                return i;
            }
        }
        return -1;
    }

    /** What decoding the buckets' actions in version {@code v} logs (ofpacts_pull_openflow_actions()). */
    public List<String> decodeLog(OfVersion v) {
        return decodeLog(buckets, v);
    }

    static List<String> decodeLog(List<Bucket> buckets, OfVersion v) {
        List<String> out = new ArrayList<>();
        for (Bucket b : buckets) {
            out.addAll(ActionFormat.deprecations(ActionFormat.roundTrip(b.actions, v), v));
        }
        return out;
    }

    /** enum ovs_hash_alg: OVS_HASH_ALG_L4, OVS_HASH_ALG_SYM_L4. */
    static final int HASH_ALG_L4 = 0, HASH_ALG_SYM_L4 = 1;

    /**
     * group_set_selection_method(): a dp_hash group's datapath hash, the symmetric L4 hash by default; an explicit
     * "dp_hash" takes the algorithm from selection_method_param's upper 32 bits (an unknown one is L4's).
     */
    int hashAlg() {
        long alg = selectionMethodParam >>> 32;
        return selectionMethod.isEmpty() ? HASH_ALG_SYM_L4 : alg == HASH_ALG_SYM_L4 ? HASH_ALG_SYM_L4 : HASH_ALG_L4;
    }

    /** group_set_selection_method(): the hash's basis, selection_method_param's lower 32 bits for "dp_hash". */
    long hashBasis() {
        return selectionMethod.isEmpty() ? 0 : selectionMethodParam & 0xffffffffL;
    }

    /** group_dpif_credit_stats() of {@code packets} packets of {@code bytes} bytes in all (a push of hits). */
    void credit(Bucket b, long packets, long bytes) {
        this.packets += packets;
        this.bytes += bytes;
        for (Bucket each : b != null ? List.of(b) : buckets) {
            each.packets += packets;
            each.bytes += bytes;
        }
    }

    /** group_dpif_credit_stats(): a packet to the group and to bucket {@code b}, or to every bucket when null. */
    void credit(Bucket b, int length) {
        packets++;
        bytes += length;
        for (Bucket each : b != null ? List.of(b) : buckets) {
            each.packets++;
            each.bytes += length;
        }
    }

    /** ofp_print_group(): bucket ids only for OpenFlow 1.0 (Nicira) and 1.5+, actions as {@code v} carries them. */
    public String format(OfVersion v, PortMap names) {
        return format(id, type, selectionMethod, selectionMethodParam, fields, buckets, v, names);
    }

    static String format(long id, Type type, String method, long param, List<HashField> fields, List<Bucket> buckets,
            OfVersion v, PortMap names) {
        StringBuilder s = new StringBuilder("group_id=").append(id);
        if (type != null) { // ofp_print_group()'s suppress_type for a bucket command
            s.append(",type=").append(type.text);
        }
        boolean props = !v.atLeast(OfVersion.OF11) || v.atLeast(OfVersion.OF15);
        if (props && !method.isEmpty()) {
            s.append(",selection_method=").append(method);
            if (param != 0) {
                s.append(",selection_method_param=").append(param);
            }
            StringBuilder names1 = new StringBuilder(); // oxm_format_field_array(): nx_format_mask_tlv()
            for (HashField h : fields) {
                names1.append(names1.length() == 0 ? "" : ",").append(h.field().name);
                if (!h.whole()) {
                    names1.append('=').append(MatchFormat.formatValue(h.field(), h.mask(), U128.ones(128), names));
                }
            }
            if (fields.size() == 1) {
                s.append(",fields=").append(names1);
            } else if (fields.size() > 1) {
                s.append(",fields(").append(names1).append(')');
            }
        }
        s.append(',');
        long[] ids = sentIds(buckets); // a group_mod's print is of the message sent
        for (int i = 0; i < buckets.size(); i++) {
            Bucket b = buckets.get(i);
            s.append("bucket=");
            if (props) {
                s.append("bucket_id:").append(ids[i]).append(',');
            }
            if (b.weight != (type == Type.SELECT ? 1 : 0)) { // a bucket command's gm->type is 0, "all"
                s.append("weight:").append(b.weight).append(',');
            }
            if (b.watchPort != Ports.NONE) {
                s.append("watch_port:").append(Ports.format(b.watchPort, names)).append(',');
            }
            if (b.watchGroup != ANY) {
                s.append("watch_group:").append(b.watchGroup).append(',');
            }
            s.append("actions=").append(ActionFormat.format(ActionFormat.roundTrip(b.actions, v), v, names))
                    .append(',');
        }
        s.setLength(s.length() - 1);
        return s.toString();
    }

    /**
     * ofputil_group_stats_format(): one group's counters; {@code refCount} from Ofproto.groupRefs(). A duration only
     * where the reply carries one (ofputil_decode_group_stats_reply(): not OpenFlow 1.1's and 1.2's
     * ofp11_group_stats).
     */
    public String stats(long now, int refCount, boolean duration) {
        StringBuilder s = new StringBuilder("group_id=").append(id);
        if (duration) {
            s.append(",duration=").append(FlowStatsFormat.duration(now - created));
        }
        s.append(",ref_count=").append(refCount)
                .append(",packet_count=").append(packets)
                .append(",byte_count=").append(bytes);
        for (int i = 0; i < buckets.size(); i++) {
            s.append(",bucket").append(i).append(":packet_count=").append(buckets.get(i).packets)
                    .append(",byte_count=").append(buckets.get(i).bytes);
        }
        return s.toString();
    }

    /** parse_ofp_group_mod_str__(): OVS's own error text in the exception. */
    public static Mod parse(String text, Command command, PortMap names) {
        // the fields each command takes: F_GROUP_TYPE, F_BUCKETS, F_COMMAND_BUCKET_ID, F_COMMAND_BUCKET_ID_ALL
        boolean bucketCmd = command == Command.INSERT_BUCKET || command == Command.REMOVE_BUCKET;
        boolean typed = command != Command.DELETE && !bucketCmd;
        boolean withBuckets = typed || command == Command.INSERT_BUCKET;
        if (command == Command.DELETE && text.isEmpty()) {
            return new Mod(command, ALL, Type.ALL, "", 0, List.of(), List.of(), BUCKET_ALL);
        }
        int bkt = text.indexOf("bucket=");
        String head = bkt < 0 ? text : text.substring(0, bkt);
        if (bkt >= 0 && !withBuckets) {
            throw new FlowParseException("bucket is not needed");
        }
        long commandBucketId = BUCKET_ALL;
        boolean hadCommandBucketId = false;
        long id = ANY;
        Type type = null;
        String method = "";
        long param = 0;
        List<HashField> fields = List.of();
        KeyValue kv = new KeyValue(head);
        while (kv.next()) {
            String name = kv.key, value = kv.value;
            switch (name) {
                case "command_bucket_id" -> {
                    if (!bucketCmd) {
                        throw new FlowParseException("command bucket id is not needed");
                    }
                    commandBucketId = switch (value) {
                        case "all" -> BUCKET_ALL;
                        case "first" -> BUCKET_FIRST;
                        case "last" -> BUCKET_LAST;
                        default -> ActionParser.u32(value);
                    };
                    if (commandBucketId > BUCKET_MAX && commandBucketId != BUCKET_FIRST
                            && commandBucketId != BUCKET_LAST && commandBucketId != BUCKET_ALL) {
                        throw new FlowParseException("invalid command bucket id " + commandBucketId);
                    }
                    if (commandBucketId == BUCKET_ALL && command != Command.REMOVE_BUCKET) {
                        throw new FlowParseException("command_bucket_id=all is not permitted");
                    }
                    hadCommandBucketId = true;
                }
                case "group_id" -> {
                    if (value.equals("all")) {
                        id = ALL;
                    } else {
                        id = ActionParser.u32(value);
                        if (id != ALL && id > MAX) {
                            throw new FlowParseException("invalid group id " + id);
                        }
                    }
                }
                case "type" -> {
                    if (!typed) {
                        throw new FlowParseException("type is not needed");
                    }
                    type = switch (value) {
                        case "all" -> Type.ALL;
                        case "select" -> Type.SELECT;
                        case "indirect" -> Type.INDIRECT;
                        case "ff", "fast_failover" -> Type.FF;
                        default -> throw new FlowParseException("invalid group type " + value);
                    };
                }
                case "selection_method" -> {
                    if (!typed) {
                        throw new FlowParseException("selection method is not needed");
                    }
                    if (value.length() >= 16) {
                        throw new FlowParseException("selection method is longer than 15 bytes long");
                    }
                    method = value;
                }
                case "fields" -> {
                    if (!typed) {
                        throw new FlowParseException("fields are not needed");
                    }
                    fields = selectionFields(value, names);
                }
                case "selection_method_param" -> {
                    if (!typed) {
                        throw new FlowParseException("selection method param is not needed");
                    }
                    param = FlowParser.be64(value);
                }
                default -> throw new FlowParseException("unknown keyword " + name);
            }
        }
        if (id == ANY) {
            throw new FlowParseException("must specify a group_id");
        }
        if (typed && type == null) {
            throw new FlowParseException("must specify a type");
        }
        if (!method.equals("hash") && !fields.isEmpty()) { // parse_ofp_group_mod_str__(), in this order
            throw new FlowParseException("fields may only be specified with \"selection_method=hash\"");
        }
        if (method.isEmpty() && param != 0) {
            throw new FlowParseException("selection_method_param is only allowed with \"selection_method\"");
        }
        if (command == Command.INSERT_BUCKET && !hadCommandBucketId) {
            throw new FlowParseException("must specify a command bucket id");
        }
        List<Bucket> buckets = new ArrayList<>();
        while (bkt >= 0) {
            int eq = text.indexOf('=', bkt + 1);
            int start = eq + 1;
            int next = text.indexOf("bucket=", start);
            String body = next < 0 ? text.substring(start) : text.substring(start, next);
            Bucket b = bucket(body, type, names);
            buckets.add(b);
            if (command != Command.INSERT_BUCKET && type != Type.SELECT && b.weight != 0) {
                throw new FlowParseException("Only select groups can have bucket weights.");
            }
            bkt = next;
        }
        if (type == Type.INDIRECT && buckets.size() > 1) {
            throw new FlowParseException("Indirect groups can have at most one bucket.");
        }
        return new Mod(command, id, type == null ? Type.ALL : type, method, param, fields, buckets, commandBucketId);
    }

    /**
     * The fields a selection method may name, in mf id order (enum mf_field_id); not modelled: tun_metadata,
     * in_port_oxm and actset_output (their values as mf_get_value() gives them).
     */
    static final List<Field> HASHABLE = List.of(Field.DP_HASH, Field.RECIRC_ID, Field.CONJ_ID, Field.TUN_ID,
            Field.TUN_SRC, Field.TUN_DST, Field.TUN_IPV6_SRC, Field.TUN_IPV6_DST, Field.TUN_FLAGS, Field.TUN_TTL,
            Field.TUN_TOS, Field.METADATA, Field.IN_PORT, Field.SKB_PRIORITY, Field.PKT_MARK, Field.CT_STATE,
            Field.CT_ZONE, Field.CT_MARK, Field.CT_LABEL, Field.CT_NW_PROTO, Field.CT_NW_SRC, Field.CT_NW_DST,
            Field.CT_IPV6_SRC, Field.CT_IPV6_DST, Field.CT_TP_SRC, Field.CT_TP_DST, Field.REG0, Field.REG1, Field.REG2,
            Field.REG3, Field.REG4, Field.REG5, Field.REG6, Field.REG7, Field.REG8, Field.REG9, Field.REG10,
            Field.REG11, Field.REG12, Field.REG13, Field.REG14, Field.REG15, Field.XREG0, Field.XREG1, Field.XREG2,
            Field.XREG3, Field.XREG4, Field.XREG5, Field.XREG6, Field.XREG7, Field.XXREG0, Field.XXREG1, Field.XXREG2,
            Field.XXREG3, Field.ETH_SRC, Field.ETH_DST, Field.ETH_TYPE, Field.VLAN_TCI,
            Field.DL_VLAN, Field.VLAN_VID, Field.DL_VLAN_PCP, Field.VLAN_PCP, Field.MPLS_LABEL, Field.MPLS_TC,
            Field.MPLS_BOS, Field.MPLS_TTL, Field.IPV4_SRC, Field.IPV4_DST, Field.IPV6_SRC, Field.IPV6_DST,
            Field.IPV6_LABEL, Field.IP_PROTO, Field.IP_DSCP, Field.IP_DSCP_SHIFTED, Field.IP_ECN, Field.IP_TTL,
            Field.IP_FRAG, Field.ARP_OP, Field.ARP_SPA, Field.ARP_TPA, Field.ARP_SHA, Field.ARP_THA, Field.TCP_SRC,
            Field.TCP_DST, Field.TCP_FLAGS, Field.UDP_SRC, Field.UDP_DST, Field.SCTP_SRC, Field.SCTP_DST,
            Field.ICMPV4_TYPE, Field.ICMPV4_CODE, Field.ICMPV6_TYPE, Field.ICMPV6_CODE, Field.ND_TARGET, Field.ND_SLL,
            Field.ND_TLL, Field.ND_RESERVED, Field.ND_OPTIONS_TYPE);

    /**
     * A selection method's field and what of it the hash takes (struct field_array's value for the field: all ones
     * over its bytes unless the group names a mask, `fields(ip_src=255.255.255.0)`).
     */
    public record HashField(Field field, U128 mask) {
        /** is_all_ones() over the field's bytes. */
        boolean whole() {
            return mask.equals(U128.ones(8 * field.nBytes));
        }

        /** {@code v} in the field's n_bytes, network order (union mf_value). */
        byte[] bytes(U128 v) {
            byte[] b = new byte[field.nBytes];
            for (int j = 0; j < b.length; j++) {
                int shift = 8 * (b.length - 1 - j);
                b[j] = (byte) (shift >= 64 ? v.hi() >>> (shift - 64) : v.lo() >>> shift);
            }
            return b;
        }
    }

    // parse_select_group_field(): field names (mf_from_name()), each once, a value being the mask the hash takes
    // (mf_parse_value(): not all zeros, all ones for a field without masks); kept in mf id order (the bitmap's). The
    // errors name what the key-value parser left of the string
    private static List<HashField> selectionFields(String value, PortMap names) {
        List<HashField> fields = new ArrayList<>();
        KeyValue kv = new KeyValue(value);
        while (kv.next()) {
            Field f = Field.byName(kv.key);
            if (f == null) {
                throw new FlowParseException(kv.rest() + ": unknown field " + kv.key);
            }
            if (fields.stream().anyMatch(h -> h.field() == f)) {
                throw new FlowParseException(kv.key + ": duplicate field");
            }
            U128 ones = U128.ones(8 * f.nBytes), mask = ones;
            if (!kv.value.isEmpty()) {
                U128[] vm = FieldParser.parseWide(f, kv.value, names);
                if (!vm[1].and(f.ones()).equals(f.ones())) {
                    throw new FlowParseException(kv.value + ": wildcards not allowed here");
                }
                mask = vm[0];
                if (mask.isZero() && f.tunMetadata() < 0) {
                    throw new FlowParseException(kv.rest() + ": values are wildcards here and must not be all-zeros");
                }
                if (!f.maskable && !mask.equals(ones)) { // mf_is_mask_valid()
                    throw new FlowParseException(kv.value + ": invalid mask for field " + f.name);
                }
            }
            if (!HASHABLE.contains(f)) {
                throw new FlowParseException("not modelled by arplab: selection field " + kv.key);
            }
            fields.add(new HashField(f, mask));
        }
        fields.sort(java.util.Comparator.comparingInt(h -> HASHABLE.indexOf(h.field())));
        return fields;
    }

    // parse_bucket_str()
    private static Bucket bucket(String body, Type type, PortMap names) {
        int weight = type == Type.SELECT ? 1 : 0;
        long id = BUCKET_UNSET, watchPort = Ports.NONE, watchGroup = ANY;
        StringBuilder actions = new StringBuilder();
        KeyValue kv = new KeyValue(body);
        while (kv.next()) {
            String key = kv.key.toLowerCase(Locale.ROOT), value = kv.value;
            switch (key) {
                case "weight" -> weight = FlowParser.u16(value, "weight");
                case "watch_port" -> {
                    long p = Ports.parse(value, names);
                    if (p < 0 || (p >= Ports.MAX && p != Ports.NONE && p != Ports.CONTROLLER)) {
                        throw new FlowParseException(value + ": invalid watch_port");
                    }
                    watchPort = p;
                }
                case "watch_group" -> {
                    watchGroup = ActionParser.u32(value);
                    if (watchGroup > MAX) {
                        throw new FlowParseException("invalid watch_group id " + watchGroup);
                    }
                }
                case "bucket_id" -> {
                    id = ActionParser.u32(value);
                    if (id > BUCKET_MAX) {
                        throw new FlowParseException("invalid bucket_id id " + id);
                    }
                }
                case "action", "actions" -> actions.append(value).append(',');
                default -> actions.append(kv.key).append('(').append(value).append("),");
            }
        }
        if (actions.isEmpty()) {
            throw new FlowParseException("bucket must specify actions");
        }
        if (type == Type.FF && watchPort == Ports.NONE && watchGroup == ANY) {
            throw new FlowParseException("fast failover bucket requires watch_port or watch_group");
        }
        actions.setLength(actions.length() - 1);
        // ofpacts_parse_actions(): actions alone, no instruction but meter
        List<Action> parsed = ActionParser.vlanPushes(ActionParser.parseActions(actions.toString(), names), null,
                List.of());
        return new Bucket(id, weight, watchPort, watchGroup, parsed);
    }
}
