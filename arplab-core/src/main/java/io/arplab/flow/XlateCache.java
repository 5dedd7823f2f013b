package io.arplab.flow;

import io.arplab.wire.Geneve;
import java.util.ArrayList;
import java.util.List;

/**
 * What one translation leaves a megaflow (a ukey): its side effects to repeat for every packet the megaflow
 * serves, as ofproto-dpif-xlate-cache.c keeps them (XC_RULE: the rules it passed, credited; XC_NORMAL: the MAC
 * NORMAL learned, refreshed), and its datapath actions compiled for odp-execute.c's replay: the set() fields, the
 * outputs (with their tunnel key), push_vlan and pop_vlan, ct() and recirc().
 */
final class XlateCache {
    /**
     * One datapath action; {@code SET}'s slot, value and the bits it writes (a masked set's mask: odp_set_ipv4() and
     * the like keep the packet's other bits), an output's OpenFlow port and tunnel key, ct()'s zone and the mark and
     * label it sets, push_vlan's tag (TPID << 16 | TCI).
     */
    record Op(int kind, int slot, long value, long mask, Geneve.Metadata tunnel, boolean commit, Conntrack.Set set) {
        Op(int kind, int slot, long value, Geneve.Metadata tunnel, boolean commit, Conntrack.Set set) {
            this(kind, slot, value, -1L, tunnel, commit, set);
        }
    }

    static final int SET = 0, OUTPUT = 1, CT = 2, RECIRC = 3, POP_VLAN = 4, PUSH_VLAN = 5;
    /** A datapath clone()'s start and end: what its actions do to the packet and its key ends with it. */
    static final int CLONE = 6, CLONE_END = 7;
    /** trunc(max_len): the next output sends the packet cut to max_len as it is here (value: max_len). */
    static final int TRUNC = 8;

    /** NORMAL's learning (XC_NORMAL): (mac, vlan, in_port, gratuitous ARP 0/1) quadruples. */
    long[] learned = NOTHING_LEARNED;
    private static final long[] NOTHING_LEARNED = {};
    final List<Op> ops = new ArrayList<>(2);
    /** The tunnel ports it output to (XC_NETDEV: netdev_vport_inc_tx() for every packet served). */
    long[] tunnelTx = NOTHING_LEARNED;
    /** The tunnel port the packet came in on (XC_NETDEV: netdev_vport_inc_rx() for every packet served), or -1. */
    long tunnelRx = -1;
    /**
     * The groups the translation went through (XC_GROUP), each with the bucket it took (null: every bucket), that a
     * push credits with the packets of the hits it pushes.
     */
    List<Object> groups = List.of();
    /** Whether {@link #ops} do what the translation did (a field it changed without a set() action: they do not). */
    boolean replayable = true;
    /** Whether the translation consulted the MAC learning table (NORMAL), so that a change of it may change it. */
    boolean normal;
    /** The translation went through a patch port (or thawed in another bridge): any bridge's change revalidates it. */
    boolean patched;
    /** A native tunnel output of the translation missed its neighbour (tnl_send_arp_request()). */
    boolean neighbourMiss;
    /**
     * The translation's explicit drop action (put_drop_action()): the coverage counter odp_execute_actions() adds each
     * packet executed with it to (dp_update_drop_action_counter()), as its index in Datapath.DROP_COUNTERS; -1 when
     * it has other actions, or a counter arplab does not model.
     */
    int dropCounter = -1;

    /**
     * The tables it looked up (XC_TABLE) and, side by side, the rule each one matched (XC_RULE: credited), null for
     * a miss; sized by the caller's guess (the bridge's last translation), grown when it was short.
     */
    private Classifier[] tables;
    private Rule[] rules;
    private int nTables;

    XlateCache(int expected) {
        tables = new Classifier[expected];
        rules = new Rule[expected];
    }

    /**
     * rule_dpif_lookup_from_table()'s entries: table {@code t} was looked up and matched {@code r} (or null); a null
     * {@code t}: a miss's hidden rule {@code r}, credited without a table's counters.
     */
    void table(Classifier t, Rule r) {
        if (nTables == tables.length) {
            tables = java.util.Arrays.copyOf(tables, Math.max(4, 2 * nTables));
            rules = java.util.Arrays.copyOf(rules, tables.length);
        }
        tables[nTables] = t;
        rules[nTables++] = r;
    }

    /** How many tables the translation looked up. */
    int tables() {
        return nTables;
    }

    /** Credits the rules matched from lookup {@code from} on (xlate_push_stats()'s XC_RULE, or the translation's). */
    void creditRules(int from, long now, int len) {
        for (int i = from; i < nTables; i++) {
            if (rules[i] != null) {
                rules[i].hit(now, len);
            }
        }
    }

    /** xlate_push_stats()'s XC_TABLE and XC_RULE from lookup {@code from} on, for one packet of {@code len} bytes. */
    void pushOne(int from, long now, int len) {
        for (int i = from; i < nTables; i++) {
            if (tables[i] == null) {
                rules[i].hit(now, len);
            } else if (rules[i] != null) {
                rules[i].hit(now, len);
                tables[i].nMatched++;
            } else {
                tables[i].nMissed++;
            }
        }
    }

    /**
     * xlate_mac_learning_update() of the NORMAL learning entries from {@code from} on into {@code br}'s table: the
     * input bundle looked up as the entry is pushed (a bond's gratuitous ARP does not move a locked entry).
     */
    void learnFrom(int from, Ofproto br, long now) {
        for (int i = from; i < learned.length; i += 4) {
            br.ml.learn(learned[i], (int) learned[i + 1], learned[i + 2], now, learned[i + 3] != 0,
                    br.bondOf(br.port(learned[i + 2])) != null);
        }
    }

    void learn(long mac, int vlan, long port, boolean gratArp) {
        int n = learned.length;
        learned = java.util.Arrays.copyOf(learned, n + 4);
        learned[n] = mac;
        learned[n + 1] = vlan;
        learned[n + 2] = port;
        learned[n + 3] = gratArp ? 1 : 0;
    }

    /** xlate_cache_add_entry()'s XC_GROUP: group {@code g} and its bucket {@code b} (null: every bucket). */
    void group(Group g, Group.Bucket b) {
        if (groups.isEmpty()) {
            groups = new ArrayList<>(2);
        }
        groups.add(g);
        groups.add(b);
    }

    /** xlate_push_stats_entry()'s XC_GROUP: group_dpif_credit_stats() of each group and bucket the cache holds. */
    void pushGroups(long packets, long bytes) {
        for (int i = 0; i < groups.size(); i += 2) {
            ((Group) groups.get(i)).credit((Group.Bucket) groups.get(i + 1), packets, bytes);
        }
    }

    /**
     * xlate_push_stats(): {@code packets} packets of {@code bytes} bytes in all that the megaflow served, the last at
     * {@code used}, pushed by a revalidator round at {@code now}.
     */
    void push(Ofproto br, long now, long packets, long bytes, long used) {
        for (int i = 0; i < nTables; i++) { // xlate_push_stats_entry()'s XC_TABLE and XC_RULE
            Rule r = rules[i];
            if (tables[i] == null) {
                r.credit(packets, bytes, used);
            } else if (r != null) {
                r.credit(packets, bytes, used);
                tables[i].nMatched += packets;
            } else {
                tables[i].nMissed += packets;
            }
        }
        learnFrom(0, br, now); // XC_NORMAL
        for (long port : tunnelTx) { // XC_NETDEV
            br.tunnelTx(port, packets, bytes);
        }
        if (tunnelRx >= 0) {
            br.tunnelRx(tunnelRx, packets, bytes);
        }
    }
}
