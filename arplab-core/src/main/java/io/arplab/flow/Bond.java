package io.arplab.flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bond (ofproto/bond.c): a Port of several interfaces, one bundle to NORMAL, which sends each packet out on one
 * member (the active one, or the member of the packet's hash entry) and admits packets by the member they came in
 * on. LACP is not modelled: a bond's lacp_status is "off".
 */
public final class Bond {
    /** enum bond_mode, with bond_mode_to_string()'s names. */
    public enum Mode {
        AB("active-backup"), SLB("balance-slb"), TCP("balance-tcp");

        public final String text;

        Mode(String text) {
            this.text = text;
        }

        /** bond_mode_from_string(), or null. */
        public static Mode of(String s) {
            for (Mode m : values()) {
                if (m.text.equals(s)) {
                    return m;
                }
            }
            return null;
        }
    }

    /** struct bond_settings, as port_configure_bond() reads them from the Port row. */
    public record Settings(Mode balance, int updelay, int downdelay, int basis, int rebalanceInterval,
            String primary, boolean allMembersActive, boolean lacpFallbackAb) {}

    /** bond_check_admissibility()'s verdicts. */
    public enum Verdict { ACCEPT, DROP, DROP_IF_MOVED }

    /** struct bond_member's state. */
    public static final class Member {
        public final Ofproto.Port port;
        public boolean enabled;
        /** delay_expires (LLONG_MAX: none), on the bridge's clock in ms. */
        public long delayExpires = Long.MAX_VALUE;
        public boolean mayEnable = true;

        Member(Ofproto.Port port) {
            this.port = port;
        }
    }

    private static final int BOND_MASK = 0xff;

    public final String name;
    /** bond->members, in the order bond_member_register() got them (an hmap by pointer in OVS: its order varies). */
    public final Map<Ofproto.Port, Member> members = new LinkedHashMap<>();
    /** bond->enabled_members: the round-robin list get_enabled_member() takes from. */
    private final List<Member> enabledMembers = new ArrayList<>();
    public Mode balance = Mode.AB;
    public int updelay, downdelay, basis, rebalanceInterval;
    public String primary;
    public boolean allMembersActive;
    /** other_config:lacp-fallback-ab (no effect without LACP, which is not modelled). */
    public boolean lacpFallbackAb;
    public Member active;
    /** active_member_mac: the MAC of the last active member. */
    public long activeMac;
    /** bond->hash's entries' members (null: none yet), or null for an active-backup bond. */
    public Member[] hash;
    public long nextRebalance;
    public int recircId;
    private boolean revalidate;

    Bond(String name) {
        this.name = name;
    }

    /** The bundle's OpenFlow port, what MAC learning keys it by: its first member (ofbundle_get_a_port()). */
    public long bundlePort() {
        return members.keySet().iterator().next().ofport;
    }

    /** bond_member_register() of the members, in order; unregistered ones go (bond_member_unregister()). */
    void setMembers(List<Ofproto.Port> ports) {
        members.keySet().removeIf(p -> !ports.contains(p));
        enabledMembers.removeIf(m -> !ports.contains(m.port));
        if (active != null && !members.containsKey(active.port)) {
            active = null;
        }
        for (Ofproto.Port p : ports) {
            if (!members.containsKey(p)) {
                Member m = new Member(p);
                members.put(p, m); // bond_member_register(): enabled as its carrier says at once
                m.enabled = (p.config & Ofproto.Port.PORT_DOWN) == 0;
                if (m.enabled) {
                    enabledMembers.add(m);
                }
                revalidate = true;
            }
        }
        if (hash != null) {
            for (int i = 0; i < hash.length; i++) {
                if (hash[i] != null && !members.containsKey(hash[i].port)) {
                    hash[i] = null;
                }
            }
        }
    }

    /** bond_reconfigure(): the settings; a change resets the hash entries (bond_entry_reset()). */
    void reconfigure(Settings s, long now, RecircIds recirc, Ofproto br) {
        boolean changed = revalidate;
        revalidate = false;
        updelay = s.updelay();
        downdelay = s.downdelay();
        changed |= rebalanceInterval != s.rebalanceInterval() || balance != s.balance() || basis != s.basis()
                || !java.util.Objects.equals(primary, s.primary());
        rebalanceInterval = s.rebalanceInterval();
        balance = s.balance();
        basis = s.basis();
        primary = s.primary();
        allMembersActive = balance == Mode.SLB && s.allMembersActive();
        changed |= lacpFallbackAb != s.lacpFallbackAb();
        lacpFallbackAb = s.lacpFallbackAb();
        if (balance != Mode.AB) {
            if (recircId == 0) {
                recircId = recirc.allocBond(br, now);
            }
        } else if (recircId != 0) {
            recirc.unref(recircId);
            recircId = 0;
        }
        if (balance == Mode.AB || hash == null || changed) { // bond_entry_reset()
            if (balance != Mode.AB) {
                hash = new Member[BOND_MASK + 1];
                nextRebalance = now + rebalanceInterval;
            } else {
                hash = null;
            }
        }
    }

    /** bond_is_balanced(). */
    public boolean isBalanced() {
        return rebalanceInterval != 0 && balance != Mode.AB;
    }

    /** bond_may_recirc(). */
    public boolean mayRecirc() {
        return balance == Mode.TCP && recircId != 0;
    }

    /**
     * bond_run(): each member enabled or disabled by its carrier after its updelay or downdelay
     * (bond_link_status_update()), then a new active member if it is gone or a primary is back
     * (bond_choose_active_member()). Returns whether the bond's flows need revalidating.
     */
    boolean run(long now) {
        Member primaryUp = null;
        for (Member m : members.values()) {
            m.mayEnable = (m.port.config & Ofproto.Port.PORT_DOWN) == 0; // port_run(): the carrier
            linkStatusUpdate(m, now);
            if (balance == Mode.AB && isPrimary(m) && m.enabled) {
                primaryUp = m;
            }
        }
        if (active == null || !active.enabled || primaryUp != null && active != primaryUp) {
            chooseActive(now);
        }
        if (isBalanced() && now >= nextRebalance) {
            // bond_rebalance(): the next one an interval away; the entries' loads (bond_account()) are not
            // counted, so that no hash moves
            nextRebalance = now + rebalanceInterval;
        }
        boolean r = revalidate;
        revalidate = false;
        return r;
    }

    private boolean isPrimary(Member m) {
        return m.port.name.equals(primary);
    }

    private void linkStatusUpdate(Member m, long now) {
        boolean up = (m.port.config & Ofproto.Port.PORT_DOWN) == 0 && m.mayEnable;
        if ((up == m.enabled) != (m.delayExpires == Long.MAX_VALUE)) {
            m.delayExpires = up == m.enabled ? Long.MAX_VALUE : now + (up ? updelay : downdelay);
        }
        if (now >= m.delayExpires) {
            enable(m, up);
        }
    }

    /** bond_enable_member(). */
    public void enable(Member m, boolean enable) {
        m.delayExpires = Long.MAX_VALUE;
        if (enable != m.enabled) {
            revalidate = true;
            m.enabled = enable;
            if (enable) {
                enabledMembers.add(m);
            } else {
                enabledMembers.remove(m);
            }
        }
    }

    // bond_choose_member(): an enabled primary, the last active member, an enabled one, the soonest to come up
    private void chooseActive(long now) {
        Member old = active;
        Member best = null;
        for (Member m : members.values()) {
            if (isPrimary(m) && m.enabled) {
                best = m;
                break;
            }
        }
        if (best == null) {
            Member last = byMac(activeMac);
            best = last != null && last.enabled ? last : null;
        }
        if (best == null) {
            best = members.values().stream().filter(m -> m.enabled).findFirst().orElse(null);
        }
        if (best == null) {
            for (Member m : members.values()) {
                if (m.delayExpires != Long.MAX_VALUE && m.mayEnable
                        && (best == null || m.delayExpires < best.delayExpires)) {
                    best = m;
                }
            }
        }
        active = best;
        if (active != null) {
            if (!active.enabled) { // skipping the remaining updelay, since no member was enabled
                enable(active, true);
            }
            if (active != old) {
                activeChanged();
            }
        } else if (old != null) {
            activeChanged();
        }
    }

    /** bond_active_member_changed(): the MAC remembered (zero when none), the flows revalidated. */
    public void activeChanged() {
        activeMac = active == null ? 0 : active.port.mac;
        revalidate = true;
    }

    /** bond_find_member_by_mac(). */
    public Member byMac(long mac) {
        for (Member m : members.values()) {
            if (m.port.mac == mac) {
                return m;
            }
        }
        return null;
    }

    /** bond_lookup_member() by name. */
    public Member member(String memberName) {
        for (Member m : members.values()) {
            if (m.port.name.equals(memberName)) {
                return m;
            }
        }
        return null;
    }

    /** Marks the bond's flows for revalidation (bond->bond_revalidate). */
    public void revalidate() {
        revalidate = true;
    }

    /**
     * bond_check_admissibility() with LACP off: a balance-tcp bond admits nothing, a multicast only on the active
     * member unless all members are active, an active-backup bond only on its active member; an SLB bond drops what
     * it learned on another port.
     */
    Verdict admissibility(Ofproto.Port in, long dst) {
        Member m = members.get(in);
        if (m == null || balance == Mode.TCP) {
            return Verdict.DROP;
        }
        if (io.arplab.wire.MacAddress.isMulticast(dst) && active != m && !allMembersActive) {
            return Verdict.DROP;
        }
        if (balance == Mode.AB) {
            return active == m ? Verdict.ACCEPT : Verdict.DROP;
        }
        return Verdict.DROP_IF_MOVED;
    }

    /**
     * choose_output_member(): an active-backup bond's active member; balance-tcp without LACP negotiated none;
     * balance-slb the member of the entry of hash_mac(dl_src, vlan, basis) (dl_src unwildcarded), a new entry or one
     * whose member is disabled taking the next enabled member in turn (get_enabled_member()).
     */
    Ofproto.Port chooseOutput(long[] flow, long[] wc, int vlan) {
        switch (balance) {
            case AB:
                return active == null ? null : active.port;
            case TCP:
                return null;
            default:
                if (wc != null) {
                    wc[Slot.DL_SRC.ordinal()] = Slot.DL_SRC.max; // flow_mask_hash_fields(NX_HASH_FIELDS_ETH_SRC)
                }
                int i = hashMac(flow[Slot.DL_SRC.ordinal()], vlan, basis) & BOND_MASK;
                if (hash[i] == null || !hash[i].enabled) {
                    hash[i] = enabledMembers.isEmpty() ? null : enabledMembers.remove(0);
                    if (hash[i] != null) {
                        enabledMembers.add(hash[i]);
                    }
                }
                return hash[i] == null ? null : hash[i].port;
        }
    }

    /** hash_mac(): hash_uint64_basis() of the VLAN above the MAC's 48 bits. */
    public static int hashMac(long mac, int vlan, int basis) {
        long x = (long) (vlan & 0xffff) << 48 | mac;
        return FlowHash.mhashFinish(FlowHash.mhashAdd(FlowHash.mhashAdd(basis, (int) x), (int) (x >>> 32)) ^ 8);
    }
}
