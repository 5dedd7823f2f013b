package io.arplab.stack.nft;

import io.arplab.wire.Bytes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One network namespace's nftables ruleset (struct nftables_pernet) and its evaluation at the hooks: every base chain
 * registered at a family's hook, by priority (equal priorities the latest registered first, as
 * nf_hook_entries_grow() inserts them), each walked by nft_do_chain(). A drop ends the walk; an accept passes to the
 * next base chain. Sans-I/O and allocation-free per packet: the chains of each hook are listed again only when the
 * ruleset changes.
 */
public final class Nftables {
    /** NFT_JUMP_STACK_SIZE */
    private static final int JUMP_STACK = 16;

    private final List<Table> tables = new ArrayList<>();
    private long tableHandles;
    private long order;
    private final Map<Family, Map<Hook, Chain[]>> hooked = new EnumMap<>(Family.class);
    private static final Chain[] NONE = new Chain[0];

    /** Tables in the order `nft list ruleset` prints them: creation order. */
    public List<Table> tables() {
        return tables;
    }

    public Table table(Family family, String name) {
        for (Table t : tables) {
            if (t.family == family && t.name.equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** nf_tables_newtable(): the namespace's table handles only grow. */
    /** A table the ruleset does not hold: what a rule names while its statements are evaluated, before the kernel
     * finds the table missing. */
    public Table detached(Family family, String name) {
        return new Table(family, name, 0);
    }

    public Table addTable(Family family, String name) {
        Table t = table(family, name);
        if (t == null) {
            t = new Table(family, name, ++tableHandles);
            tables.add(t);
        }
        return t;
    }

    public void deleteTable(Table t) {
        tables.remove(t);
        changed();
    }

    /** flush ruleset: every table goes. */
    public void flush() {
        tables.clear();
        changed();
    }

    public Chain addChain(Table t, String name, String type, Hook hook, int priority, boolean policyDrop) {
        Chain c = new Chain(t, name, t.nextHandle(), type, hook, priority, policyDrop, order++);
        t.chains.put(name, c);
        changed();
        return c;
    }

    /**
     * The ruleset as it stands, to give back by {@link #abort} when a transaction (one nft command line or file:
     * nf_tables_commit() applies all of it or nf_tables_abort() none) fails or only checks.
     */
    public Snapshot begin() {
        List<Table> originals = List.copyOf(tables);
        List<Table> copies = new ArrayList<>(tables.size());
        for (Table t : tables) {
            copies.add(t.copy());
        }
        return new Snapshot(originals, copies, tableHandles);
    }

    /** What {@link #begin} saw. */
    public static final class Snapshot {
        private final List<Table> originals;
        private final List<Table> copies;
        private final long tableHandles;

        private Snapshot(List<Table> originals, List<Table> copies, long tableHandles) {
            this.originals = originals;
            this.copies = copies;
            this.tableHandles = tableHandles;
        }
    }

    /**
     * The ruleset of {@code s} again. {@code sent}: the batch reached the kernel, whose nf_tables_abort() keeps the
     * handles drawn meanwhile; a batch nft refused before sending it drew none.
     */
    public void abort(Snapshot s, boolean sent) {
        tables.clear();
        for (int i = 0; i < s.copies.size(); i++) {
            Table copy = s.copies.get(i);
            if (sent) {
                copy.keepHandles(s.originals.get(i));
            }
            tables.add(copy);
        }
        if (!sent) {
            tableHandles = s.tableHandles;
        }
        changed();
    }

    /** Call after adding, removing or changing rules, chains or tables. */
    public void changed() {
        hooked.clear();
        natHooks = !xtChains.isEmpty();
        for (Table t : tables) {
            if (t.family == Family.IP || t.family == Family.INET) {
                for (Chain c : t.chains.values()) {
                    if ("nat".equals(c.type) && c.isBase()) {
                        // nf_nat_register_fn(): the nat hooks run while a nat chain is registered; the chain alone
                        // tracks nothing, and nf_nat_inet_fn() passes an untracked packet by (NF_ACCEPT)
                        natHooks = true;
                    }
                    for (Rule r : c.rules) {
                        for (Expr e : r.exprs) {
                            // nft_ct_get_init(), nft_ct_set_init(), nft_nat_init() and its kin: nf_ct_netns_get()
                            boolean ct = e instanceof Expr.Ct || e instanceof Expr.CtMarkSet || e instanceof Expr.Nat
                                    || e instanceof Expr.MarkSet m && m.fromCt();
                            if (ct && conntrack == null) {
                                conntrack = new Conntrack(); // nf_ct_netns_get(): from now on (kept once made)
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * A nat chain another table keeps: iptables-nft's nat table, whose built-in chains are nft base chains of type nat
     * at NF_IP_PRI_NAT_DST or NF_IP_PRI_NAT_SRC (nft.c's xtables_ipv4[NFT_TABLE_NAT]); its walk binds through
     * {@link #bind(Packet, String, int, int, int)} and says whether the packet goes on.
     */
    public interface NatWalk {
        boolean walk(Hook hook, Packet p, Nftables nft);
    }

    /** The other table's nat base chains registered, by hook (each a Chain of no table, its walk in xtWalks). */
    private final Map<Hook, Chain> xtChains = new EnumMap<>(Hook.class);
    private final Map<Chain, NatWalk> xtWalks = new java.util.HashMap<>();

    /**
     * Registers the other table's nat base chain at {@code hook} (once: a chain keeps its place among equal
     * priorities) or, with {@code walk} null, unregisters it (nf_nat_register_fn(), nf_nat_unregister_fn()).
     */
    public void natChain(Hook hook, NatWalk walk) {
        Chain c = xtChains.get(hook);
        if (walk == null && c != null) {
            xtChains.remove(hook);
            xtWalks.remove(c);
            changed();
        } else if (walk != null && c == null) {
            c = new Chain(null, hook.name(), 0, "nat", hook, NatManip.priority(hook), false, order++);
            xtChains.put(hook, c);
            xtWalks.put(c, walk);
            changed();
        }
    }

    /** Whether an IPv4 nat chain is registered (nf_nat_inet_fn() runs at the hooks). */
    private boolean natHooks;

    /** The namespace's connection tracking, once a ct rule asked for it. */
    private Conntrack conntrack;

    /** nf_ct_netns_get() for another user (iptables' conntrack match): the namespace tracks from now on. */
    public void trackConnections() {
        if (conntrack == null) {
            conntrack = new Conntrack();
        }
    }

    /**
     * The ct state bits (INVALID 1, ESTABLISHED 2, RELATED 4, NEW 8, UNTRACKED 64) {@code p} carries at {@code hook}'s
     * filter priority: nf_conntrack_in() run at prerouting and output (again at the later chains: it finds the same
     * entry), looked up at the other hooks.
     */
    public long ctState(Hook hook, Packet p) {
        if (conntrack == null) {
            return Conntrack.INVALID;
        }
        if (hook == Hook.PREROUTING || hook == Hook.OUTPUT) {
            conntrack.in(p);
        } else {
            conntrack.lookup(p);
        }
        return p.ctState;
    }

    /** Whether {@code family}'s packets pass connection tracking at the hooks (an IPv4 ct rule exists or existed). */
    public boolean tracks(Family family) {
        return family == Family.IP && conntrack != null;
    }

    private Chain[] chains(Family family, Hook hook) {
        Map<Hook, Chain[]> byHook = hooked.computeIfAbsent(family, f -> new EnumMap<>(Hook.class));
        Chain[] cs = byHook.get(hook);
        if (cs == null) {
            List<Chain> list = new ArrayList<>();
            for (Table t : tables) {
                if (t.family == family || family == Family.IP && t.family == Family.INET) {
                    for (Chain c : t.chains.values()) {
                        if (c.hook == hook) {
                            list.add(c);
                        }
                    }
                }
            }
            if (family == Family.IP && xtChains.containsKey(hook)) {
                list.add(xtChains.get(hook));
            }
            // nf_hook_entries_grow(): a hook goes before the first one of its priority or higher, so among equal
            // priorities the latest registered runs first
            list.sort(Comparator.comparingInt((Chain c) -> c.priority).thenComparingLong(c -> -c.order));
            cs = list.isEmpty() ? NONE : list.toArray(NONE);
            byHook.put(hook, cs);
        }
        return cs;
    }

    /** True when some base chain of {@code family} sits at {@code hook} (the hook is registered). */
    public boolean hooked(Family family, Hook hook) {
        return chains(family, hook).length > 0;
    }

    /** NF_HOOK(): true when the packet may go on (NF_ACCEPT), false when a rule or a policy dropped it. */
    public boolean accept(Family family, Hook hook, Packet p) {
        // nf_conntrack_in() at prerouting and output, NF_IP_PRI_CONNTRACK (-200): the chains before it (raw, and
        // -200 itself, registered earlier) see no entry; at the other hooks the skb carries what it found
        boolean entry = hook == Hook.PREROUTING || hook == Hook.OUTPUT;
        boolean tracked = !tracks(family);
        if (!tracked && !entry) {
            conntrack.lookup(p);
            tracked = true;
        }
        Chain[] cs = chains(family, hook);
        boolean manipulated = conntrack == null;
        current = hook;
        for (Chain c : cs) {
            if (!tracked && c.priority > CONNTRACK_PRIORITY) {
                conntrack.in(p);
                tracked = true;
            }
            if (!manipulated && c.priority > NatManip.priority(hook)) {
                NatManip.apply(p, hook);
                manipulated = true;
            }
            if ("nat".equals(c.type) && !natDue(p, hook)) {
                continue;
            }
            if (c.table == null) {
                if (!xtWalks.get(c).walk(hook, p, this)) {
                    return false;
                }
                continue;
            }
            int v = run(c.table, c, p, 0);
            if (v == DROP || v != ACCEPT && c.policyDrop) {
                return false;
            }
        }
        if (!tracked) {
            conntrack.in(p);
        }
        if (!manipulated) {
            NatManip.apply(p, hook);
        }
        if (natHooks && p.ct != null && p.ctState == Conntrack.NEW && hook != Hook.FORWARD) {
            Conntrack.manipDone(p.ct, hook == Hook.POSTROUTING || hook == Hook.INPUT); // nf_nat_alloc_null_binding()
        }
        if (conntrack != null && (hook == Hook.POSTROUTING || hook == Hook.INPUT)) {
            conntrack.confirm(p); // ipv4_confirm() at NF_IP_PRI_CONNTRACK_CONFIRM, after every chain
        }
        return true;
    }

    /**
     * nf_nat_inet_fn(): a nat chain sees a connection's first packet once per manip type (destination at prerouting
     * and output, source at postrouting and input), never an untracked packet, nor a later one (its binding is set).
     */
    private static boolean natDue(Packet p, Hook hook) {
        if (p.ct == null || p.ctState != Conntrack.NEW) {
            return false;
        }
        return hook == Hook.PREROUTING || hook == Hook.OUTPUT ? !p.ct.natDst : !p.ct.natSrc;
    }

    /** The hook being walked (nft_pktinfo's hook), for a nat statement's binding. */
    private Hook current;

    /**
     * nft_nat_eval(), nft_masq_eval() and nft_redir_eval() with nf_nat_setup_info(): the connection is bound to the
     * statement's address (snat, dnat), the output device's address (nf_nat_masquerade_ipv4()) or the input device's
     * first address, 127.0.0.1 at output (nf_nat_redirect_ipv4()), and a port range's first port (the range's own
     * port stays; get_unique_tuple() with no clash), and the packet is rewritten now (a dnat at output is routed again
     * by the caller: ip_route_me_harder()). False when there is no address to map to (NF_DROP).
     */
    private boolean bind(Packet p, Expr.Nat n) {
        return bind(p, n.kind(), (int) n.addrLow(), (int) n.portLow(), (int) n.portHigh());
    }

    /**
     * The binding of {@code kind} (snat, dnat, masquerade, redirect) to {@code addr} (-1: the packet's own) and the
     * port range from {@code portLow} to {@code portHigh} (-1: none), as {@link #bind(Packet, Expr.Nat)} sets it up,
     * for the nat targets of another table at the hook being walked (xt_nat's xt_snat_target_v0() and kin).
     */
    public boolean bind(Packet p, String kind, int addr, int portLow, int portHigh) {
        if (p.ct == null) {
            return true;
        }
        boolean source = kind.equals("snat") || kind.equals("masquerade");
        int ip = p.network;
        int to = addr;
        if (kind.equals("masquerade")) {
            to = addresses == null ? 0 : addresses.masquerade(p.oif, Bytes.i32(p.frame, ip + 16));
        } else if (kind.equals("redirect")) {
            to = current == Hook.OUTPUT ? 0x7f000001 : addresses == null ? 0 : addresses.redirect(p.iif);
        } else if (addr == -1) {
            to = Bytes.i32(p.frame, ip + (source ? 12 : 16));
        }
        if (to == 0) {
            return false;
        }
        int port = -1;
        if (portLow >= 0) {
            int l4 = ip + (p.frame[ip] & 0x0f) * 4;
            int own = p.frame.length < l4 + 4 ? -1 : Bytes.u16(p.frame, l4 + (source ? 0 : 2));
            port = own >= portLow && own <= portHigh ? own : portLow;
        }
        conntrack.bind(p.ct, source, to, port);
        NatManip.rewrite(p, source, to, port);
        return true;
    }

    /** The namespace's addresses that masquerade and redirect map to. */
    public interface Addresses {
        /** inet_select_addr(out, daddr, RT_SCOPE_UNIVERSE), 0 when the device has none. */
        int masquerade(String oif, int daddr);

        /** The first address of the input device's ifa_list, 0 when it has none. */
        int redirect(String iif);
    }

    private Addresses addresses;

    /** Where masquerade and redirect find the namespace's addresses. */
    public void addresses(Addresses a) {
        this.addresses = a;
    }

    /** NF_IP_PRI_CONNTRACK */
    private static final int CONNTRACK_PRIORITY = -200;

    private static final int CONTINUE = 0;
    private static final int ACCEPT = 1;
    private static final int DROP = 2;
    private static final int RETURN = 3;

    /** nft_do_chain(): the verdict of a chain, CONTINUE when its end (or a return) is reached. */
    private int run(Table t, Chain c, Packet p, int depth) {
        List<Rule> rules = c.rules;
        for (int r = 0; r < rules.size(); r++) {
            List<Expr> exprs = rules.get(r).exprs;
            for (int i = 0; i < exprs.size(); i++) {
                Expr e = exprs.get(i);
                if (e instanceof Expr.Relational m) {
                    if (!m.matches(p)) {
                        break;
                    }
                } else if (e instanceof Expr.Limit l) {
                    if (!l.pass(p.now, p.length())) {
                        break;
                    }
                } else if (e instanceof Expr.MarkSet m) {
                    if (!m.fromCt()) {
                        p.mark = m.value();
                    } else if (p.ct != null) {
                        p.mark = p.ct.mark;
                    } else {
                        break; // nft_ct_get_eval()'s NFT_BREAK: no entry, no value
                    }
                } else if (e instanceof Expr.CtMarkSet m) {
                    if (p.ct != null) {
                        p.ct.mark = m.fromMeta() ? p.mark : m.value();
                    }
                } else if (e instanceof Expr.Nat n) {
                    return bind(p, n) ? ACCEPT : DROP; // nft_nat_eval(): the binding set up, NF_ACCEPT
                } else if (e instanceof Expr.Reject j) {
                    p.reject = j.kind();
                    p.rejectCode = j.code();
                    return DROP; // nft_reject_*_eval(): the error sent, NF_DROP
                } else if (e instanceof Expr.Counter k) {
                    k.packets++;
                    k.bytes += p.length();
                } else if (e instanceof Expr.Verdict v) {
                    switch (v.kind()) {
                        case ACCEPT:
                            return ACCEPT;
                        case DROP:
                            return DROP;
                        case RETURN:
                            return RETURN;
                        default:
                            Chain target = t.chains.get(v.chain());
                            if (target == null || depth + 1 >= JUMP_STACK) {
                                return DROP;
                            }
                            int sub = run(t, target, p, depth + 1);
                            if (sub == ACCEPT || sub == DROP) {
                                return sub;
                            }
                            if (v.kind() == Expr.Verdict.Kind.GOTO) {
                                return CONTINUE;
                            }
                            break; // back from a jump: the next rule
                    }
                    break;
                }
            }
        }
        return CONTINUE;
    }
}
