package io.arplab.stack;

import io.arplab.stack.nft.Hook;
import io.arplab.wire.Bytes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The IPv4 filter table of iptables (net/ipv4/netfilter/ip_tables.c ipt_do_table(), iptable_filter.c): the built-in
 * chains INPUT, FORWARD and OUTPUT with their policies, user chains, and rules matching the input and output
 * interface (a trailing {@code +} matches a prefix) and the source and destination prefix, each negatable
 * (ip_packet_match()), with ACCEPT, DROP, RETURN or a jump; each rule counts the packets and bytes it matched. What
 * a Docker Engine host has: the rules dockerd writes (see the lab's builder), not a command-line iptables.
 */
public final class Xtables {
    /** XT_RETURN's depth: a user chain may call chains this deep (xt_table_info's jumpstack). */
    private static final int JUMP_STACK = 64;

    /** A rule's target: a verdict or a chain to jump to. */
    public sealed interface Target permits Verdict, Jump {}

    public enum Verdict implements Target { ACCEPT, DROP, RETURN }

    public record Jump(String chain) implements Target {}

    /**
     * One rule (struct ipt_entry): interface names (null: any; ending in {@code +}: that prefix), prefixes (a
     * negative length: any), each with its inversion flag (IPT_INV_VIA_IN, _VIA_OUT, _SRCIP, _DSTIP).
     */
    public static final class Rule {
        final String in, out;
        final boolean notIn, notOut, notSrc, notDst;
        final int src, srcLen, dst, dstLen;
        final Target target;
        long packets, bytes;

        public Rule(String in, boolean notIn, String out, boolean notOut, int src, int srcLen, boolean notSrc,
                    int dst, int dstLen, boolean notDst, Target target) {
            this.in = in;
            this.notIn = notIn;
            this.out = out;
            this.notOut = notOut;
            this.src = src;
            this.srcLen = srcLen;
            this.notSrc = notSrc;
            this.dst = dst;
            this.dstLen = dstLen;
            this.notDst = notDst;
            this.target = target;
        }

        /** A rule matching every packet. */
        public static Rule any(Target target) {
            return new Rule(null, false, null, false, 0, -1, false, 0, -1, false, target);
        }

        public long packets() {
            return packets;
        }

        public long bytes() {
            return bytes;
        }

        // ip_packet_match(): every given field matches, each XOR its inversion flag
        boolean matches(String iif, String oif, int saddr, int daddr) {
            return (in == null || ifaceMatches(in, iif) != notIn)
                    && (out == null || ifaceMatches(out, oif) != notOut)
                    && (srcLen < 0 || prefixMatches(src, srcLen, saddr) != notSrc)
                    && (dstLen < 0 || prefixMatches(dst, dstLen, daddr) != notDst);
        }

        // ifname_compare_aligned() over the mask iptables builds: "eth+" compares the bytes before '+'
        private static boolean ifaceMatches(String pattern, String name) {
            if (name == null) {
                name = "";
            }
            return pattern.endsWith("+") ? name.startsWith(pattern.substring(0, pattern.length() - 1))
                    : pattern.equals(name);
        }

        private static boolean prefixMatches(int network, int len, int addr) {
            int mask = len == 0 ? 0 : -1 << (32 - len);
            return (addr & mask) == (network & mask);
        }
    }

    /** A chain: its rules and, for a built-in one, its policy (null for a user chain). */
    public static final class Chain {
        final List<Rule> rules = new ArrayList<>();
        Verdict policy;
        long policyPackets, policyBytes;

        public List<Rule> rules() {
            return rules;
        }

        /** The packets and bytes the policy of a built-in chain decided. */
        public long policyPackets() {
            return policyPackets;
        }

        public long policyBytes() {
            return policyBytes;
        }
    }

    private final Map<String, Chain> chains = new LinkedHashMap<>();

    public Xtables() {
        for (String builtin : List.of("INPUT", "FORWARD", "OUTPUT")) {
            chain(builtin).policy = Verdict.ACCEPT;
        }
    }

    /** The chain called {@code name}, created (as a user chain, {@code iptables -N}) when missing. */
    public Chain chain(String name) {
        return chains.computeIfAbsent(name, k -> new Chain());
    }

    /** {@code iptables -P}: a built-in chain's policy. */
    public void policy(String builtin, Verdict v) {
        Chain c = chains.get(builtin);
        if (c == null || c.policy == null) {
            throw new IllegalArgumentException("no built-in chain " + builtin);
        }
        c.policy = v;
    }

    /**
     * ipt_do_table() at {@code hook}: whether the IPv4 datagram at {@code frame[network]} passes the hook's chain (a
     * hook without a built-in chain here passes everything).
     */
    boolean accept(Hook hook, byte[] frame, int network, String iif, String oif) {
        Chain base = switch (hook) {
            case INPUT -> chains.get("INPUT");
            case FORWARD -> chains.get("FORWARD");
            case OUTPUT -> chains.get("OUTPUT");
            default -> null;
        };
        if (base == null || base.rules.isEmpty() && base.policy == Verdict.ACCEPT) {
            return true;
        }
        int len = Bytes.u16(frame, network + 2);
        int saddr = Bytes.i32(frame, network + 12);
        int daddr = Bytes.i32(frame, network + 16);
        Verdict v = run(base, iif, oif, saddr, daddr, len, 0);
        if (v == null || v == Verdict.RETURN) { // the end of a built-in chain: its policy, counted as such
            base.policyPackets++;
            base.policyBytes += len;
            v = base.policy;
        }
        return v == Verdict.ACCEPT;
    }

    // a chain's verdict, null when its end (or a RETURN) is reached
    private Verdict run(Chain c, String iif, String oif, int saddr, int daddr, int len, int depth) {
        for (Rule r : c.rules) {
            if (!r.matches(iif, oif, saddr, daddr)) {
                continue;
            }
            r.packets++;
            r.bytes += len;
            if (r.target instanceof Jump j) {
                Chain callee = chains.get(j.chain()); // iptables refuses a jump to a missing chain or a loop
                Verdict v = callee == null || depth >= JUMP_STACK ? null
                        : run(callee, iif, oif, saddr, daddr, len, depth + 1);
                if (v != null && v != Verdict.RETURN) {
                    return v;
                }
            } else {
                return r.target == Verdict.RETURN ? null : (Verdict) r.target;
            }
        }
        return null;
    }
}
