package io.arplab.wire;

/**
 * One IEEE 802.1Q tag (802.1Q-2018 §9.6): tag protocol identifier (0x8100 C-tag, 0x88a8 S-tag, 0x9100) and the
 * tag control information: priority code point, drop eligible indicator, VLAN identifier.
 */
public record VlanTag(int tpid, int pcp, boolean dei, int vid) {
    public VlanTag {
        if (!EtherType.isVlanTpid(tpid)) {
            throw new IllegalArgumentException(String.format("TPID 0x%04x is not 0x8100, 0x88a8 or 0x9100", tpid));
        }
        if (pcp < 0 || pcp > 7) {
            throw new IllegalArgumentException("PCP outside 0..7: " + pcp);
        }
        if (vid < 0 || vid > 4095) {
            throw new IllegalArgumentException("VID outside 0..4095: " + vid);
        }
    }

    /** An 802.1Q customer tag, priority 0. */
    public static VlanTag dot1q(int vid) {
        return new VlanTag(0x8100, 0, false, vid);
    }

    /** An 802.1ad service tag (the outer tag of QinQ), priority 0. */
    public static VlanTag dot1ad(int vid) {
        return new VlanTag(0x88a8, 0, false, vid);
    }

    public static VlanTag fromTci(int tpid, int tci) {
        return new VlanTag(tpid, tci >>> 13, (tci & 0x1000) != 0, tci & 0x0fff);
    }

    /** The 16-bit tag control information. */
    public int tci() {
        return pcp << 13 | (dei ? 0x1000 : 0) | vid;
    }
}
