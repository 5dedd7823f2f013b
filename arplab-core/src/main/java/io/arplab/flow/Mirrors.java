package io.arplab.flow;

import java.util.BitSet;
import java.util.Set;

/**
 * A bridge's port mirrors (ofproto-dpif-mirror.c's mbridge): up to 32, each at the lowest index free when it was
 * made (mirror_scan()), selecting the packets that come in on its source ports or go out of its destination ports
 * (optionally only in some VLANs), and copying them to an output port or into an output VLAN. Ports are named by
 * their OpenFlow numbers (arplab's bundles have one port each).
 */
public final class Mirrors {
    static final int MAX = 32; // MAX_MIRRORS

    /** One mirror's configuration (struct mirror): out is an OpenFlow port, or -1 for the output VLAN outVlan. */
    record Mirror(Object key, Set<Long> srcs, Set<Long> dsts, BitSet vlans, long out, int outVlan, int snaplen) {}

    private final Mirror[] mirrors = new Mirror[MAX];
    /** Each mirror's dup_mirrors (mirror_update_dups()): the mirrors with its output, itself included. */
    private final int[] dups = new int[MAX];

    /** mbridge->has_mirrors. */
    private boolean any;

    /** mbridge_has_mirrors(). */
    public boolean any() {
        return any;
    }

    /**
     * mirror_set(): the mirror {@code key} made (at the lowest free index) or changed; {@code vlans} null selects
     * every VLAN, {@code out} -1 outputs to VLAN {@code outVlan} instead. False when no index is left (EFBIG).
     */
    public boolean set(Object key, Set<Long> srcs, Set<Long> dsts, BitSet vlans, long out, int outVlan,
                       int snaplen) {
        int idx = index(key);
        if (idx < 0) {
            for (idx = 0; idx < MAX && mirrors[idx] != null; idx++) { // mirror_scan()
            }
            if (idx == MAX) {
                return false;
            }
        }
        mirrors[idx] = new Mirror(key, Set.copyOf(srcs), Set.copyOf(dsts), vlans, out, out >= 0 ? -1 : outVlan,
                snaplen);
        updateDups();
        return true;
    }

    /** mirror_destroy(). */
    public void destroy(Object key) {
        int idx = index(key);
        if (idx >= 0) {
            mirrors[idx] = null;
            updateDups();
        }
    }

    /** The keys of the mirrors there are. */
    public java.util.List<Object> keys() {
        java.util.List<Object> keys = new java.util.ArrayList<>();
        for (Mirror m : mirrors) {
            if (m != null) {
                keys.add(m.key);
            }
        }
        return keys;
    }

    private int index(Object key) {
        for (int i = 0; i < MAX; i++) {
            if (mirrors[i] != null && mirrors[i].key.equals(key)) {
                return i;
            }
        }
        return -1;
    }

    // mirror_update_dups(): mirrors with the same output port and VLAN duplicate each other
    private void updateDups() {
        any = keys().size() > 0;
        for (int i = 0; i < MAX; i++) {
            dups[i] = mirrors[i] == null ? 0 : 1 << i;
        }
        for (int i = 0; i < MAX; i++) {
            for (int j = i + 1; j < MAX; j++) {
                Mirror a = mirrors[i], b = mirrors[j];
                if (a != null && b != null && a.out == b.out && a.outVlan == b.outVlan) {
                    dups[i] |= 1 << j;
                    dups[j] |= dups[i];
                }
            }
        }
    }

    Mirror get(int idx) {
        return mirrors[idx];
    }

    int dups(int idx) {
        return dups[idx];
    }

    /** mirror_bundle_src(): the mirrors selecting packets that come in on {@code ofport}. */
    int src(long ofport) {
        int mask = 0;
        for (int i = 0; i < MAX; i++) {
            mask |= mirrors[i] != null && mirrors[i].srcs.contains(ofport) ? 1 << i : 0;
        }
        return mask;
    }

    /** mirror_bundle_dst(): the mirrors selecting packets that go out of {@code ofport}. */
    int dst(long ofport) {
        int mask = 0;
        for (int i = 0; i < MAX; i++) {
            mask |= mirrors[i] != null && mirrors[i].dsts.contains(ofport) ? 1 << i : 0;
        }
        return mask;
    }

    /** mirror_bundle_out(): the mirrors that output to {@code ofport}, which is then reserved for them. */
    public int out(long ofport) {
        if (!any) {
            return 0;
        }
        int mask = 0;
        for (int i = 0; i < MAX; i++) {
            mask |= mirrors[i] != null && mirrors[i].out == ofport ? 1 << i : 0;
        }
        return mask;
    }
}
