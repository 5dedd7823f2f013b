package io.arplab.flow;

import java.util.BitSet;

/**
 * A bundle's VLAN configuration as NORMAL sees it (ofproto-dpif.c bundle_set() from bridge.c port_configure_vlan()),
 * and the ofproto-dpif-xlate.c rules over it: input_vid_is_valid(), xvlan_input_translate(), xbundle_includes_vlan(),
 * xvlan_output_translate(). A port without any is a trunk of every VLAN.
 */
public final class PortVlan {
    /** enum port_vlan_mode, as the Port table's vlan_mode column spells it. */
    public enum Mode {
        ACCESS("access"), TRUNK("trunk"), NATIVE_TAGGED("native-tagged"), NATIVE_UNTAGGED("native-untagged"),
        DOT1Q_TUNNEL("dot1q-tunnel");

        public final String column;

        Mode(String column) {
            this.column = column;
        }

        static Mode of(String column) {
            for (Mode m : values()) {
                if (m.column.equals(column)) {
                    return m;
                }
            }
            return TRUNK; // port_configure_vlan(): "unknown VLAN mode ..., falling back to trunk mode"
        }
    }

    public static final PortVlan NONE = configure(-1, null, null, null, null);

    /** The Port row's columns as set: tag (-1: none), trunks, cvlans (null: empty), vlan_mode (null: none). */
    public final int tagColumn;
    public final BitSet trunksColumn, cvlansColumn;
    public final String modeColumn, qinqColumn, priorityTagsColumn;

    final Mode mode;
    /** bundle->vlan: -1 on a trunk, else the tag (0 when none is set). */
    final int vlan;
    /** VLANs trunked; null: all. */
    final BitSet trunks;
    /** VLANs a dot1q-tunnel port takes in; null: all. */
    final BitSet cvlans;
    final int qinqEthtype;
    /** enum port_priority_tags_mode from other_config:priority-tags: NEVER, IF_NONZERO, ALWAYS. */
    final int priorityTags;
    static final int PRIORITY_TAGS_NEVER = 0, PRIORITY_TAGS_IF_NONZERO = 1, PRIORITY_TAGS_ALWAYS = 2;

    private PortVlan(int tag, BitSet trunks0, BitSet cvlans0, String vlanMode, String qinq, String priority, Mode mode,
                     int vlan, BitSet trunks, BitSet cvlans, int qinqEthtype) {
        this.tagColumn = tag;
        this.trunksColumn = trunks0;
        this.cvlansColumn = cvlans0;
        this.modeColumn = vlanMode;
        this.qinqColumn = qinq;
        this.mode = mode;
        this.vlan = vlan;
        this.trunks = trunks;
        this.cvlans = cvlans;
        this.qinqEthtype = qinqEthtype;
        this.priorityTagsColumn = priority;
        // port_configure(): "if-nonzero" or "true", "always", anything else never
        this.priorityTags = "if-nonzero".equals(priority) || "true".equals(priority) ? PRIORITY_TAGS_IF_NONZERO
                : "always".equals(priority) ? PRIORITY_TAGS_ALWAYS : PRIORITY_TAGS_NEVER;
    }

    /**
     * port_configure_vlan() then bundle_set() from the Port row: {@code tag} (-1 when unset), {@code trunks} and
     * {@code cvlans} (null when empty), {@code vlanMode} (null when unset: access with a tag, else trunk), and
     * other_config:qinq-ethtype ("802.1q" or else 802.1ad).
     */
    public static PortVlan configure(int tag, BitSet trunks, BitSet cvlans, String vlanMode, String qinqEthtype) {
        return configure(tag, trunks, cvlans, vlanMode, qinqEthtype, null);
    }

    /** The same with other_config:priority-tags (null when unset). */
    public static PortVlan configure(int tag, BitSet trunks, BitSet cvlans, String vlanMode, String qinqEthtype,
                                     String priorityTags) {
        Mode mode = vlanMode != null ? Mode.of(vlanMode) : tag >= 0 ? Mode.ACCESS : Mode.TRUNK;
        int vlan = mode == Mode.TRUNK ? -1 : tag >= 0 && tag <= 4095 ? tag : 0;
        BitSet t = switch (mode) {
            case ACCESS, DOT1Q_TUNNEL -> null;
            case TRUNK -> trunks;
            case NATIVE_TAGGED, NATIVE_UNTAGGED -> {
                if (vlan != 0 && (trunks == null || !trunks.get(vlan) || trunks.get(0))) {
                    // force trunking the native VLAN and prohibit trunking VLAN 0
                    BitSet b = trunks == null ? all() : (BitSet) trunks.clone();
                    b.set(vlan);
                    b.clear(0);
                    yield b;
                }
                yield trunks;
            }
        };
        int ethtype = "802.1q".equals(qinqEthtype) ? 0x8100 : 0x88a8;
        return new PortVlan(tag, trunks, cvlans, vlanMode, qinqEthtype, priorityTags, mode, vlan, t,
                mode == Mode.DOT1Q_TUNNEL ? cvlans : null, ethtype);
    }

    private static BitSet all() {
        BitSet b = new BitSet(4096);
        b.set(0, 4096);
        return b;
    }

    /** Whether NORMAL sees a change (bundle_set()'s need_flush: the port's learned MACs go). */
    boolean differs(PortVlan o) {
        return mode != o.mode || vlan != o.vlan || !java.util.Objects.equals(trunks, o.trunks)
                || !java.util.Objects.equals(cvlans, o.cvlans) || qinqEthtype != o.qinqEthtype
                || priorityTags != o.priorityTags;
    }

    private boolean trunksVlan(int vid) {
        return mode != Mode.ACCESS && (trunks == null || trunks.get(vid));
    }

    /**
     * input_vid_is_valid(): null when a frame with outer VID {@code vid} (0: untagged) may come in on port
     * {@code name}, else OVS's error text.
     */
    String inputError(int vid, String name) {
        return switch (mode) {
            case ACCESS -> vid == 0 ? null : "dropping VLAN " + vid + " tagged packet received on port " + name
                    + " configured as VLAN " + vlan + " access port";
            case NATIVE_TAGGED, NATIVE_UNTAGGED, TRUNK -> vid == 0 && mode != Mode.TRUNK || trunksVlan(vid) ? null
                    : "dropping VLAN " + vid + " packet received on port " + name + " not configured for trunking VLAN "
                    + vid;
            case DOT1Q_TUNNEL -> cvlans == null || cvlans.get(vid) ? null : "dropping VLAN " + vid
                    + " packet received on dot1q-tunnel port " + name + " that excludes this VLAN";
        };
    }

    /**
     * struct xvlan: up to two tags, outermost first, each {@code tpid << 16 | pcp << 13 | vid} (0: none), as
     * xvlan_extract() reads them from the flow's tags that have their CFI bit.
     */
    static int[] extract(long[] flow) {
        int[] x = new int[2];
        Slot[] tci = {Slot.VLAN_TCI, Slot.VLAN_TCI1}, tpid = {Slot.VLAN_TPID, Slot.VLAN_TPID1};
        for (int i = 0; i < 2; i++) {
            long t = flow[tci[i].ordinal()], p = flow[tpid[i].ordinal()];
            if ((p != 0x8100 && p != 0x88a8) || (t & Match.VLAN_CFI) == 0) {
                break;
            }
            x[i] = (int) (p << 16 | (t & (Match.VLAN_PCP | Match.VLAN_VID)));
        }
        return x;
    }

    static int vid(int tag) {
        return tag & Match.VLAN_VID;
    }

    private static int tag(int tpid, int vid, int pcp) {
        return tpid << 16 | pcp | vid;
    }

    /** xvlan_input_translate(): the frame's tags inside the bridge. */
    int[] input(int[] in) {
        int tpid0 = in[0] == 0 ? 0x8100 : in[0] >>> 16, pcp0 = in[0] & Match.VLAN_PCP;
        return switch (mode) {
            case ACCESS -> new int[] {tag(tpid0, vlan, pcp0), 0};
            case TRUNK -> in.clone();
            case NATIVE_TAGGED, NATIVE_UNTAGGED -> vid(in[0]) != 0 ? in.clone()
                    : new int[] {tag(tpid0, vlan, pcp0), in[1]};
            case DOT1Q_TUNNEL -> new int[] {tag(qinqEthtype, vlan, 0), in[0]};
        };
    }

    /** xbundle_includes_vlan(): whether a flood in the tags {@code x} goes out of this port. */
    boolean includes(int[] x) {
        return switch (mode) {
            case ACCESS -> vid(x[0]) == vlan && vid(x[1]) == 0;
            case TRUNK, NATIVE_UNTAGGED, NATIVE_TAGGED -> trunksVlan(vid(x[0]));
            case DOT1Q_TUNNEL -> vid(x[0]) == vlan && (cvlans == null || cvlans.get(vid(x[1])));
        };
    }

    /** xvlan_output_translate(): the tags a frame leaves this port with. */
    int[] output(int[] x) {
        return switch (mode) {
            case ACCESS -> new int[2];
            case TRUNK, NATIVE_TAGGED -> x.clone();
            case NATIVE_UNTAGGED -> vid(x[0]) == vlan ? new int[] {x[1], 0} : x.clone();
            case DOT1Q_TUNNEL -> new int[] {x[1], 0};
        };
    }

    /**
     * packets.c eth_addr_is_reserved(): 802.1D/Q's 01:80:c2:00:00:00-0f, Extreme's EDP/EAPS, Cisco's ISL, CDP,
     * PVST+, Uplink Fast and CFM addresses, which NORMAL does not forward (is_admissible()).
     */
    static boolean reserved(long mac) {
        return mac >>> 4 == 0x0180c200000L || mac == 0x00e02b000000L || mac == 0x00e02b000004L
                || mac == 0x00e02b000006L || mac == 0x01000c000000L || mac == 0x01000cccccccL
                || mac == 0x01000ccccccdL || mac == 0x01000ccdcdcdL || mac >>> 3 == 0x01000cccccc0L >>> 3;
    }

    /** check_and_set_cvlan_mask(): a dot1q-tunnel output with cvlans matches the inner tag. */
    boolean matchesInnerTag() {
        return mode == Mode.DOT1Q_TUNNEL && cvlans != null;
    }

    /**
     * output_normal(): the tags this port sends a frame whose flow is {@code flow} in (xvlan_output_translate()); with
     * priority tags, the outer tag takes the flow's PCP.
     */
    int[] output(int[] x, long[] flow) {
        int[] out = output(x);
        if (priorityTags != PRIORITY_TAGS_NEVER) {
            out[0] = out[0] & ~Match.VLAN_PCP | (int) flow[Slot.VLAN_TCI.ordinal()] & Match.VLAN_PCP;
        }
        return out;
    }

    /**
     * xvlan_put(): the tags into the flow: a tag with VID and PCP 0 is none, unless the port's priority tags are
     * "always" and the tag has a TPID.
     */
    void put(long[] flow, int[] x) {
        Slot[] tci = {Slot.VLAN_TCI, Slot.VLAN_TCI1}, tpid = {Slot.VLAN_TPID, Slot.VLAN_TPID1};
        for (int i = 0; i < 2; i++) {
            int t = x[i] & 0xffff & ~Match.VLAN_CFI;
            if (t != 0 || priorityTags == PRIORITY_TAGS_ALWAYS && x[i] >>> 16 != 0) {
                flow[tci[i].ordinal()] = t | Match.VLAN_CFI;
                flow[tpid[i].ordinal()] = x[i] >>> 16 != 0 ? x[i] >>> 16 : 0x8100;
            } else {
                flow[tci[i].ordinal()] = 0;
            }
        }
    }
}
