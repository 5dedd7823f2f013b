package io.arplab.stack;

import io.arplab.stack.nft.Hook;
import io.arplab.wire.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The IPv4 filter table of iptables (net/ipv4/netfilter/ip_tables.c ipt_do_table(), iptable_filter.c), as Debian 12's
 * iptables-nft keeps it: the built-in chains INPUT, FORWARD and OUTPUT with their policies, user chains, and rules
 * matching the input and output interface (a trailing {@code +} matches a prefix), the source and destination
 * address under a mask, the protocol and fragments, each negatable (ip_packet_match()), then their matches (tcp, udp,
 * icmp, multiport, conntrack and state, comment: {@link Match}), with a target: ACCEPT, DROP, RETURN, a jump or goto,
 * REJECT, or LOG (which goes on); each rule counts the packets and bytes it matched. Rules come from the
 * {@code iptables} tool or from a lab's builder (dockerd's rules).
 */
public final class Xtables {
    /** XT_RETURN's depth: a user chain may call chains this deep (xt_table_info's jumpstack). */
    private static final int JUMP_STACK = 64;

    /** The built-in chains of the filter table, in the order iptables lists them. */
    public static final List<String> BUILTIN = List.of("INPUT", "FORWARD", "OUTPUT");

    /** The built-in chains of the nat table (nft.c's xtables_ipv4[NFT_TABLE_NAT]), in the order iptables lists them. */
    public static final List<String> NAT = List.of("PREROUTING", "INPUT", "OUTPUT", "POSTROUTING");

    /** A rule's target: a verdict, a chain to jump to, REJECT, LOG, a nat binding or MARK. */
    public sealed interface Target permits Verdict, Jump, Reject, Log, Nat, Mark {}

    public enum Verdict implements Target { ACCEPT, DROP, RETURN }

    /** A jump to a user chain ({@code -j}), or a goto ({@code -g}: its RETURN returns from the caller). */
    public record Jump(String chain, boolean isGoto) implements Target {
        public Jump(String chain) {
            this(chain, false);
        }
    }

    /**
     * ipt_REJECT's reply (reject_table's order of libipt_REJECT.c, enum ipt_reject_with): an ICMP destination
     * unreachable with {@link #icmpCode()}, or a TCP reset.
     */
    public enum Reject implements Target {
        ICMP_NET_UNREACHABLE(0), ICMP_HOST_UNREACHABLE(1), ICMP_PROT_UNREACHABLE(2), ICMP_PORT_UNREACHABLE(3),
        ICMP_ECHOREPLY(-1), ICMP_NET_PROHIBITED(9), ICMP_HOST_PROHIBITED(10), TCP_RESET(-1), ICMP_ADMIN_PROHIBITED(13);

        private final int code;

        Reject(int code) {
            this.code = code;
        }

        public int icmpCode() {
            return code;
        }
    }

    /** ipt_LOG: logs (the kernel's log is not modelled) and goes on to the next rule; {@code flags}: XT_LOG_*. */
    public record Log(int level, String prefix, int flags) implements Target {}

    /**
     * xt_nat's SNAT, DNAT, MASQUERADE and REDIRECT (struct nf_nat_range2): {@code flags} are NF_NAT_RANGE_*, the
     * addresses count with MAP_IPS, the ports with PROTO_SPECIFIED ({@code base}: PROTO_OFFSET's shift).
     */
    public record Nat(String kind, int flags, int minIp, int maxIp, int minPort, int maxPort, int base)
            implements Target {
        public static final int MAP_IPS = 1, PROTO_SPECIFIED = 2, PROTO_RANDOM = 4, PERSISTENT = 8,
                PROTO_RANDOM_FULLY = 16, PROTO_OFFSET = 32;

        /** The hooks (1 << hook number) the kernel's target serves (xt_nat_target_reg[], masquerade, redirect). */
        public int hooks() {
            return switch (kind) {
                case "SNAT" -> 1 << 4 | 1 << 1;
                case "MASQUERADE" -> 1 << 4;
                default -> 1 | 1 << 3; // DNAT, REDIRECT
            };
        }
    }

    /** xt_MARK (mark_tg()): skb->mark = (skb->mark & ~mask) ^ mark; goes on (XT_CONTINUE). */
    public record Mark(int mark, int mask) implements Target {}

    /** An extension match (struct xt_entry_match). */
    public sealed interface Match permits Ports, Multiport, Icmp, Ctstate, Comment, MarkMatch, Addrtype, RateLimit {}

    /**
     * The limit match as iptables-nft stores it (nft.c's add_nft_limit()): nft's own limit expression, {@code rate}
     * packets per {@code unit} seconds with a burst, its token bucket (nft_limit_pkts_eval()) the rule's own.
     */
    public record RateLimit(long rate, long unit, long burst, io.arplab.stack.nft.Expr.Limit bucket) implements Match {
        public RateLimit(long rate, long unit, long burst) {
            this(rate, unit, burst, new io.arplab.stack.nft.Expr.Limit(rate, unit, burst, false, false));
        }

        @Override
        public boolean equals(Object o) { // what iptables -C and -D compare: the rate and burst, not the bucket
            return o instanceof RateLimit l && l.rate == rate && l.unit == unit && l.burst == burst;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(rate * 31 + unit) * 31 + Long.hashCode(burst);
        }
    }

    /** xt_mark (mark_mt()): (skb->mark & mask) == mark, XOR invert. */
    public record MarkMatch(int mark, int mask, boolean invert) implements Match {}

    /**
     * xt_addrtype revision 1 (addrtype_mt_v1()): the source's and destination's inet_dev_addr_type() in the type
     * masks (1 << RTN_*), each XOR its inversion, the address looked up on the input or output device only with a
     * limit flag (XT_ADDRTYPE_INVERT_SOURCE 1, INVERT_DEST 2, LIMIT_IFACE_IN 4, LIMIT_IFACE_OUT 8).
     */
    public record Addrtype(int source, int dest, int flags) implements Match {
        public static final int INVERT_SOURCE = 1, INVERT_DEST = 2, LIMIT_IFACE_IN = 4, LIMIT_IFACE_OUT = 8;
    }

    /**
     * xt_tcp / xt_udp (tcp_mt(), udp_mt()): port ranges, each negatable, and for TCP the flags under a mask; a
     * fragment past the first never matches.
     */
    public record Ports(int proto, int sportMin, int sportMax, boolean notSport, int dportMin, int dportMax,
                        boolean notDport, int flagMask, int flagCmp, boolean notFlags) implements Match {}

    /** xt_multiport (multiport_mt()): up to 15 ports or ranges ({@code ranges}: min, max pairs) on one side or either. */
    public record Multiport(int flags, int[] ranges, boolean invert) implements Match {
        public static final int SOURCE = 0, DESTINATION = 1, EITHER = 2;

        @Override
        public boolean equals(Object o) {
            return o instanceof Multiport m && m.flags == flags && m.invert == invert
                    && java.util.Arrays.equals(m.ranges, ranges);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(ranges) * 31 + flags;
        }
    }

    /** ipt_icmp (icmp_match()): a type (0xFF: any) and a code range. */
    public record Icmp(int type, int codeMin, int codeMax, boolean invert) implements Match {}

    /**
     * xt_conntrack's state (conntrack_mt()): the ct state bits (XT_CONNTRACK_STATE_BIT(): INVALID 1, ESTABLISHED 2,
     * RELATED 4, NEW 8, UNTRACKED 64), as {@code -m state} ({@code alias}) or {@code -m conntrack --ctstate}.
     */
    public record Ctstate(int mask, boolean invert, boolean alias) implements Match {
        public static final int INVALID = 1, ESTABLISHED = 2, RELATED = 4, NEW = 8, UNTRACKED = 64;
    }

    /** xt_comment: matches everything. */
    public record Comment(String text) implements Match {}

    /**
     * What a rule matches (struct ipt_ip and its matches): interface names (null: any; ending in {@code +}: that
     * prefix), addresses under masks, the protocol (0: all), fragments, each with its inversion flag (IPT_INV_*).
     */
    public record Spec(String in, boolean notIn, String out, boolean notOut, int src, int srcMask, boolean notSrc,
                       int dst, int dstMask, boolean notDst, int proto, boolean notProto, boolean frag, boolean notFrag,
                       List<Match> matches, Target target) {
        // ip_packet_match(): every given field matches, each XOR its inversion flag
        boolean matches(String iif, String oif, int saddr, int daddr, int protocol, boolean fragment) {
            return ((saddr & srcMask) == src) != notSrc
                    && ((daddr & dstMask) == dst) != notDst
                    && (in == null || ifaceMatches(in, iif) != notIn)
                    && (out == null || ifaceMatches(out, oif) != notOut)
                    && (proto == 0 || (protocol == proto) != notProto)
                    && (!frag || fragment != notFrag);
        }

        // ifname_compare_aligned() over the mask iptables builds: "eth+" compares the bytes before '+'
        private static boolean ifaceMatches(String pattern, String name) {
            if (name == null) {
                name = "";
            }
            return pattern.endsWith("+") ? name.startsWith(pattern.substring(0, pattern.length() - 1))
                    : pattern.equals(name);
        }

        /** Whether a match needs the packet's conntrack state. */
        boolean usesConntrack() {
            // conntrack_mt_check() and xt_nat_checkentry(): nf_ct_netns_get()
            return target instanceof Nat || matches.stream().anyMatch(m -> m instanceof Ctstate);
        }
    }

    /** One rule (struct ipt_entry): what it matches and its counters. */
    public static final class Rule {
        final Spec spec;
        long packets, bytes;

        public Rule(Spec spec) {
            this.spec = spec;
        }

        /** A rule on interfaces and prefixes only (a negative length: any address), as dockerd writes them. */
        public Rule(String in, boolean notIn, String out, boolean notOut, int src, int srcLen, boolean notSrc,
                    int dst, int dstLen, boolean notDst, Target target) {
            this(new Spec(in, notIn, out, notOut, src & mask(srcLen), mask(srcLen), notSrc, dst & mask(dstLen),
                    mask(dstLen), notDst, 0, false, false, false, List.of(), target));
        }

        /** A rule matching every packet. */
        public static Rule any(Target target) {
            return new Rule(null, false, null, false, 0, -1, false, 0, -1, false, target);
        }

        private static int mask(int len) {
            return len <= 0 ? 0 : -1 << (32 - len);
        }

        public Spec spec() {
            return spec;
        }

        public long packets() {
            return packets;
        }

        public long bytes() {
            return bytes;
        }

        public void zero() {
            packets = bytes = 0;
        }
    }

    /**
     * A chain: its rules and, for a built-in one, its policy (null for a user chain). iptables-nft makes a built-in
     * chain when a command first writes to it ({@code present}) and counts its policy only once {@code -P} or
     * {@code -Z} gave the base chain its counters (nft_chain_set(), __nft_chain_zero_counters()).
     */
    public static final class Chain {
        final List<Rule> rules = new ArrayList<>();
        Verdict policy;
        boolean present, policyCounted;
        long policyPackets, policyBytes;

        public List<Rule> rules() {
            return rules;
        }

        /** A built-in chain's policy, null for a user chain. */
        public Verdict policy() {
            return policy;
        }

        /** Whether the chain exists in the kernel (a built-in one is made on its first write). */
        public boolean present() {
            return present;
        }

        /** The packets and bytes the policy of a built-in chain decided. */
        public long policyPackets() {
            return policyPackets;
        }

        public long policyBytes() {
            return policyBytes;
        }

        /** Zeroes the rules' counters and a built-in chain's, which count from then on (a base chain's counters). */
        public void zero() {
            rules.forEach(Rule::zero);
            policyPackets = policyBytes = 0;
            policyCounted |= policy != null && present;
        }
    }

    private final Map<String, Chain> builtins = new java.util.LinkedHashMap<>();
    private final List<String> builtinNames;
    /** User chains by name, in the order iptables-nft lists them (its chain cache is sorted by name). */
    private final Map<String, Chain> userChains = new TreeMap<>();
    /** Whether some rule uses the conntrack match (nf_ct_netns_get(): conntrack runs from then on). */
    private boolean conntrack;

    /** The filter table. */
    public Xtables() {
        this(BUILTIN);
    }

    /** A table with these built-in chains (the filter table's or the nat table's). */
    public Xtables(List<String> builtinChains) {
        this.builtinNames = builtinChains;
        for (String builtin : builtinChains) {
            Chain c = new Chain();
            c.policy = Verdict.ACCEPT;
            builtins.put(builtin, c);
        }
    }

    /** The chain called {@code name}, created when missing (a user chain, {@code iptables -N}; a built-in one made). */
    public Chain chain(String name) {
        tableMade = true;
        Chain c = builtins.get(name);
        if (c != null) {
            c.present = true;
            return c;
        }
        return userChains.computeIfAbsent(name, k -> {
            Chain u = new Chain();
            u.present = true;
            return u;
        });
    }

    /** The chain called {@code name}, or null (a built-in chain is always found, present or not). */
    public Chain find(String name) {
        Chain c = builtins.get(name);
        return c != null ? c : userChains.get(name);
    }

    /** Whether {@code name} is a built-in chain of this table. */
    public boolean builtin(String name) {
        return builtinNames.contains(name);
    }

    /** The table's built-in chains, in the order iptables lists them. */
    public List<String> builtins() {
        return builtinNames;
    }

    /** The user chains by name, sorted. */
    public Map<String, Chain> userChains() {
        return java.util.Collections.unmodifiableMap(userChains);
    }

    /** Removes a user chain (or a built-in one's kernel chain: it is made again on its next write). */
    public void remove(String name) {
        Chain c = builtins.get(name);
        if (c != null) {
            c.present = false;
            c.rules.clear();
            c.policy = Verdict.ACCEPT;
            c.policyCounted = false;
            c.zero();
        } else {
            userChains.remove(name);
        }
    }

    /** {@code iptables -E}: a user chain's new name (the jumps to it follow it, as they refer to the chain). */
    public void rename(String from, String to) {
        Chain c = userChains.remove(from);
        userChains.put(to, c);
        for (Chain x : allChains()) {
            for (Rule r : x.rules) {
                if (r.spec.target() instanceof Jump j && j.chain().equals(from)) {
                    Spec s = r.spec;
                    Rule moved = new Rule(new Spec(s.in(), s.notIn(), s.out(), s.notOut(), s.src(), s.srcMask(),
                            s.notSrc(), s.dst(), s.dstMask(), s.notDst(), s.proto(), s.notProto(), s.frag(),
                            s.notFrag(), s.matches(), new Jump(to, j.isGoto())));
                    moved.packets = r.packets;
                    moved.bytes = r.bytes;
                    x.rules.set(x.rules.indexOf(r), moved);
                }
            }
        }
    }

    /** The rules that jump to {@code name} (a chain's references, as the listing counts them). */
    public int references(String name) {
        int n = 0;
        for (Chain x : allChains()) {
            for (Rule r : x.rules) {
                if (r.spec.target() instanceof Jump j && j.chain().equals(name)) {
                    n++;
                }
            }
        }
        return n;
    }

    private List<Chain> allChains() {
        List<Chain> all = new ArrayList<>(builtins.values());
        all.addAll(userChains.values());
        return all;
    }

    /** {@code iptables -P}: a built-in chain's policy, counted from now on. */
    public void policy(String builtin, Verdict v) {
        Chain c = builtins.get(builtin);
        if (c == null) {
            throw new IllegalArgumentException("no built-in chain " + builtin);
        }
        tableMade = true;
        c.present = true;
        c.policy = v;
        c.policyCounted = true;
        // iptables-nft's -P (nft_chain_set()) rewrites the base chain, its counters zeroed even for the same policy
        // (measured: policy DROP 1 packets, 84 bytes, then -P DROP: 0 packets, 0 bytes)
        c.policyPackets = c.policyBytes = 0;
    }

    /** Whether the table exists in the kernel (iptables-nft makes it with the first chain it writes to). */
    public boolean tableMade() {
        return tableMade;
    }

    private boolean tableMade;

    /** Call after adding rules: whether conntrack must run for this table (kept once on, as the kernel keeps it). */
    public void changed() {
        for (Chain c : allChains()) {
            for (Rule r : c.rules) {
                conntrack |= r.spec.usesConntrack();
            }
        }
    }

    /** Whether some rule used the conntrack or state match. */
    public boolean usesConntrack() {
        return conntrack;
    }

    /** The REJECT the last {@link #accept} drop sent, or null. */
    private Reject rejected;

    public Reject rejected() {
        return rejected;
    }

    /**
     * ipt_do_table() at {@code hook}: whether the IPv4 datagram at {@code frame[network]} passes the hook's chain (a
     * hook without a built-in chain here passes everything); after a drop, {@link #rejected()} tells a REJECT's reply.
     * A conntrack match asks {@code nft} the state of {@code ct}, the same packet as nft sees it (null: untracked).
     */
    boolean accept(Hook hook, byte[] frame, int network, String iif, String oif, io.arplab.stack.nft.Nftables nft,
                   io.arplab.stack.nft.Packet ct, long now) {
        rejected = null;
        Target v = verdict(hook, frame, network, iif, oif, nft, ct, now);
        if (v instanceof Reject r) {
            rejected = r;
            return false;
        }
        return v == null || v == Verdict.ACCEPT;
    }

    /**
     * The verdict of the hook's built-in chain on the datagram (its policy when no rule decided; null when the hook
     * has no chain here): a verdict, REJECT, or a nat table's binding ({@link Nat}, which the caller sets up).
     */
    public Target verdict(Hook hook, byte[] frame, int network, String iif, String oif,
                          io.arplab.stack.nft.Nftables nft, io.arplab.stack.nft.Packet ct, long now) {
        Chain base = builtins.get(hook == Hook.PREROUTING || hook == Hook.POSTROUTING ? hook.name()
                : hook == Hook.INPUT ? "INPUT" : hook == Hook.FORWARD ? "FORWARD" : "OUTPUT");
        if (base == null || !base.present || base.rules.isEmpty() && base.policy == Verdict.ACCEPT
                && !base.policyCounted) {
            return null;
        }
        Packet p = packet.set(hook, frame, network, iif, oif, nft, ct);
        p.addrs = addrs;
        p.now = now;
        Target v = run(base, p, 0);
        if (v == null || v == Verdict.RETURN) { // the end of a built-in chain: its policy, counted as such
            if (base.policyCounted) {
                base.policyPackets++;
                base.policyBytes += p.len;
            }
            v = base.policy;
        }
        return v;
    }

    /**
     * This nat table's walk at a hook, as nf_nat_inet_fn() runs it among the nat chains: its verdict on the
     * connection's first packet, a nat target's binding set up by {@code nft} (xt_snat_target_v0() and kin:
     * nf_nat_setup_info() with the target's range, its first address and port range).
     */
    public io.arplab.stack.nft.Nftables.NatWalk natWalk() {
        return (hook, p, nft) -> {
            Target v = verdict(hook, p.frame(), p.network(), p.iif(), p.oif(), nft, p, p.now());
            if (!(v instanceof Nat n)) {
                return true; // the nat table filters nothing (iptables inhibits DROP there)
            }
            boolean ips = (n.flags() & Nat.MAP_IPS) != 0, ports = (n.flags() & Nat.PROTO_SPECIFIED) != 0;
            return nft.bind(p, n.kind().toLowerCase(java.util.Locale.ROOT), ips ? n.minIp() : -1,
                    ports ? n.minPort() : -1, ports ? n.maxPort() : -1);
        };
    }

    /** The built-in chains present, each with its hook: what the nat table registers (see {@link #natWalk()}). */
    public List<Hook> hooksPresent() {
        List<Hook> hooks = new ArrayList<>();
        for (Map.Entry<String, Chain> e : builtins.entrySet()) {
            if (e.getValue().present) {
                hooks.add(Hook.valueOf(e.getKey()));
            }
        }
        return hooks;
    }

    /** What addrtype asks of the namespace (inet_dev_addr_type()). */
    public interface AddrTypes {
        /** The RTN_* type of {@code addr} in the namespace, on {@code dev} only when not null. */
        int type(int addr, String dev);
    }

    private AddrTypes addrs = (a, d) -> 1;

    /** Where addrtype finds the namespace's address types. */
    public void addrTypes(AddrTypes a) {
        this.addrs = a;
    }

    /** The one packet the rules read, set for each datagram (no allocation per packet). */
    private final Packet packet = new Packet();

    /** The fields of the datagram the rules read (ipt_do_table()'s acpar: the transport header's offset, fragments). */
    private static final class Packet {
        byte[] f;
        int ip, len, saddr, daddr, proto, l4;
        boolean fragment;
        String iif, oif;
        io.arplab.stack.nft.Nftables nft;
        io.arplab.stack.nft.Packet ct;
        Hook hook;
        int ctState;
        /** skb->mark as MARK set it in this walk (a hook's walk starts at 0: arplab keeps no mark on its frames). */
        int mark;
        AddrTypes addrs;
        long now;

        Packet set(Hook hook, byte[] f, int ip, String iif, String oif, io.arplab.stack.nft.Nftables nft,
                   io.arplab.stack.nft.Packet ct) {
            this.hook = hook;
            this.f = f;
            this.ip = ip;
            this.len = Bytes.u16(f, ip + 2);
            this.saddr = Bytes.i32(f, ip + 12);
            this.daddr = Bytes.i32(f, ip + 16);
            this.proto = f[ip + 9] & 0xff;
            this.fragment = (Bytes.u16(f, ip + 6) & 0x1fff) != 0;
            this.l4 = ip + (f[ip] & 0x0f) * 4;
            this.iif = iif;
            this.oif = oif;
            this.nft = nft;
            this.ct = ct;
            this.ctState = -1;
            this.mark = 0;
            return this;
        }

        // the transport header's bytes up to l4 + n are there
        boolean has(int n) {
            return !fragment && f.length >= l4 + n && ip + len >= l4 + n;
        }

        // what nf_conntrack_in() found, asked the first time a rule needs it
        int ctState() {
            if (ctState < 0) {
                ctState = ct == null ? Ctstate.INVALID : (int) nft.ctState(hook, ct);
            }
            return ctState;
        }
    }

    // a chain's verdict (a terminal target), null when its end (or a RETURN) is reached
    private Target run(Chain c, Packet p, int depth) {
        for (Rule r : c.rules) {
            Spec s = r.spec;
            if (!s.matches(p.iif, p.oif, p.saddr, p.daddr, p.proto, p.fragment) || !extensions(s.matches(), p)) {
                continue;
            }
            r.packets++;
            r.bytes += p.len;
            Target t = s.target();
            if (t instanceof Jump j) {
                Chain callee = userChains.get(j.chain()); // iptables refuses a jump to a missing chain or a loop
                Target v = callee == null || depth >= JUMP_STACK ? null : run(callee, p, depth + 1);
                if (j.isGoto() || v != null && v != Verdict.RETURN) {
                    return v == Verdict.RETURN ? null : v;
                }
            } else if (t instanceof Mark m) {
                p.mark = p.mark & ~m.mask() ^ m.mark(); // mark_tg(), XT_CONTINUE
            } else if (t == null || t instanceof Log) {
                continue; // no target, or LOG: XT_CONTINUE
            } else {
                return t == Verdict.RETURN ? null : t;
            }
        }
        return null;
    }

    // each match's mt() (tcp_mt(), udp_mt(), icmp_match(), multiport_mt(), conntrack_mt())
    private static boolean extensions(List<Match> matches, Packet p) {
        for (Match m : matches) {
            boolean ok;
            if (m instanceof Ports t) {
                ok = ports(t, p);
            } else if (m instanceof Multiport mp) {
                ok = multiport(mp, p);
            } else if (m instanceof Icmp i) {
                ok = icmp(i, p);
            } else if (m instanceof Ctstate c) {
                ok = ((p.ctState() & c.mask()) != 0) != c.invert();
            } else if (m instanceof MarkMatch k) {
                ok = ((p.mark & k.mask()) == k.mark()) != k.invert();
            } else if (m instanceof Addrtype a) {
                ok = addrtype(a, p);
            } else if (m instanceof RateLimit l) {
                ok = l.bucket().pass(p.now, p.len);
            } else {
                ok = true; // comment
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    // addrtype_mt_v1(): each type given matches, XOR its inversion, looked up on the limiting device if any
    private static boolean addrtype(Addrtype a, Packet p) {
        String dev = (a.flags() & Addrtype.LIMIT_IFACE_IN) != 0 ? p.iif
                : (a.flags() & Addrtype.LIMIT_IFACE_OUT) != 0 ? p.oif : null;
        if (a.source() != 0 && ((a.source() & 1 << p.addrs.type(p.saddr, dev)) != 0)
                == ((a.flags() & Addrtype.INVERT_SOURCE) != 0)) {
            return false;
        }
        return a.dest() == 0 || ((a.dest() & 1 << p.addrs.type(p.daddr, dev)) != 0)
                != ((a.flags() & Addrtype.INVERT_DEST) != 0);
    }

    private static boolean ports(Ports t, Packet p) {
        if (!p.has(t.proto() == 6 ? 14 : 4)) {
            return false; // a later fragment, or the header cut short (hotdrop)
        }
        int sport = Bytes.u16(p.f, p.l4);
        int dport = Bytes.u16(p.f, p.l4 + 2);
        return (sport >= t.sportMin() && sport <= t.sportMax()) != t.notSport()
                && (dport >= t.dportMin() && dport <= t.dportMax()) != t.notDport()
                && (t.proto() != 6 || ((p.f[p.l4 + 13] & t.flagMask()) == t.flagCmp()) != t.notFlags());
    }

    private static boolean multiport(Multiport m, Packet p) {
        if (!p.has(4)) {
            return false;
        }
        int sport = Bytes.u16(p.f, p.l4);
        int dport = Bytes.u16(p.f, p.l4 + 2);
        int[] r = m.ranges();
        for (int i = 0; i < r.length; i += 2) {
            boolean s = sport >= r[i] && sport <= r[i + 1];
            boolean d = dport >= r[i] && dport <= r[i + 1];
            if (switch (m.flags()) {
                case Multiport.SOURCE -> s;
                case Multiport.DESTINATION -> d;
                default -> s || d;
            }) {
                return !m.invert();
            }
        }
        return m.invert();
    }

    private static boolean icmp(Icmp i, Packet p) {
        if (!p.has(2)) {
            return false;
        }
        int type = p.f[p.l4] & 0xff;
        int code = p.f[p.l4 + 1] & 0xff;
        boolean hit = i.type() == 0xFF || type == i.type() && code >= i.codeMin() && code <= i.codeMax();
        return hit != i.invert();
    }
}
