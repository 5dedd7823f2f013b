package io.arplab.stack.nft;

/**
 * The statements of a rule (net/netfilter/nft_cmp.c, nft_range.c, nft_lookup.c, nft_meta.c, nft_ct.c, nft_limit.c,
 * nft_log.c, nft_reject.c, nft_counter.c, nft_immediate.c).
 */
public sealed interface Expr {
    /** How a rule goes on after this statement. */
    int NEXT = 0;
    int BREAK = 1; // NFT_BREAK: the rule does not match

    /**
     * What ends a rule's evaluation when it does not match (NFT_BREAK): nft_cmp, nft_range, nft_lookup, nft_ct's
     * comparisons.
     */
    sealed interface Relational extends Expr permits Match, NeqGroup, Range, Cmp, Ct {
        boolean matches(Packet p);
    }

    /**
     * A relational match: fields (one, or a concatenation) against a value (under a prefix mask), an interface name,
     * or a set (named, or anonymous from { ... }).
     */
    record Match(Field[] fields, boolean negated, long value, long mask, int prefix, String name, NftSet set)
            implements Relational {
        @Override
        public boolean matches(Packet p) {
            for (Field f : fields) {
                if (f.dependency != 0 && p.protocol != f.dependency) {
                    return false; // the implicit dependency ("ether type arp") does not hold
                }
            }
            boolean eq;
            if (fields[0].type == DataType.IPV6_ADDR) {
                return false; // no IPv6 here: the dependency above has already failed
            } else if (name != null) {
                String dev = fields[0] == Field.IIFNAME ? p.iif : p.oif;
                // a trailing '*' matches by prefix (nft's ifname_type: a cmp over the name's leading bytes)
                eq = name.endsWith("*") ? dev != null && dev.startsWith(name.substring(0, name.length() - 1))
                        : name.equals(dev);
            } else if (set != null) {
                long a = fields[0].read(p);
                long b = fields.length == 1 ? 0 : fields[1].read(p);
                if (a < 0 || b < 0) {
                    return false; // NFT_BREAK: a field the packet lacks (too short, another transport, a fragment)
                }
                eq = fields.length == 1 ? set.contains(a) : set.contains(a, b);
            } else {
                long a = masked(p);
                if (a < 0) {
                    return false;
                }
                eq = a == value;
            }
            return eq != negated;
        }

        /** A one-field match's field in {@code p} under its mask; -1 where the rule breaks (NFT_BREAK). */
        long masked(Packet p) {
            Field f = fields[0];
            long a = f.dependency != 0 && p.protocol != f.dependency ? -1 : f.read(p);
            return a < 0 ? -1 : a & mask;
        }
    }

    /**
     * Adjacent "!=" matches nftables 1.0.6 loads as one (stmt_reduce()): the rule goes on when the fields together
     * differ from the values together, that is when any one of them differs.
     */
    record NeqGroup(java.util.List<Match> parts) implements Relational {
        @Override
        public boolean matches(Packet p) {
            boolean differs = false;
            for (Match m : parts) {
                long a = m.masked(p);
                if (a < 0) {
                    return false;
                }
                differs |= a != m.value();
            }
            return differs;
        }
    }

    /** nft_range_eval(): the field (in network order) within [low, high], or outside it. */
    record Range(Field field, boolean negated, long low, long high) implements Relational {
        @Override
        public boolean matches(Packet p) {
            long a = field.dependency != 0 && p.protocol != field.dependency ? -1 : field.read(p);
            return a >= 0 && (a >= low && a <= high) != negated;
        }
    }

    /** nft_cmp_eval()'s NFT_CMP_LT, _LTE, _GT, _GTE: the field's bytes against the value's, as numbers. */
    record Cmp(Field field, String op, long value) implements Relational {
        @Override
        public boolean matches(Packet p) {
            long a = field.dependency != 0 && p.protocol != field.dependency ? -1 : field.read(p);
            if (a < 0) {
                return false;
            }
            return switch (op) {
                case "<" -> a < value;
                case ">" -> a > value;
                case "<=" -> a <= value;
                default -> a >= value;
            };
        }
    }

    /**
     * A conntrack match (nft_ct_get_eval()): state and status are bitmasks, matched as nft's implicit operator does
     * ((key & value) != 0; == compares the whole value; != wants none of the bits), mark as a value; a set lists
     * values. A packet without a conntrack entry has state "invalid" (or "untracked") and no status or mark
     * (NFT_BREAK).
     */
    record Ct(String key, String op, long value, long[] set) implements Relational {
        @Override
        public boolean matches(Packet p) {
            long v;
            if (key.equals("state")) {
                v = p.ctState;
            } else if (p.ct == null) {
                return false;
            } else {
                v = key.equals("status") ? p.ct.status : p.ct.mark;
            }
            if (set != null) {
                for (long x : set) {
                    if (x == v) {
                        return !op.equals("!=");
                    }
                }
                return op.equals("!=");
            }
            boolean bitmask = !key.equals("mark");
            return switch (op) {
                case "==" -> v == value;
                case "!=" -> bitmask ? (v & value) == 0 : v != value;
                default -> bitmask ? (v & value) != 0 : v == value;
            };
        }
    }

    /**
     * nft_limit.c: a token bucket of nanoseconds, full when the rule is made (tokens_max: unit * burst / rate for
     * packets, unit * (rate + burst) / rate for bytes), each packet costing unit / rate (or unit * len / rate); the
     * rule breaks when the bucket cannot pay, or with "over" when it can.
     */
    final class Limit implements Expr {
        public final long rate;
        public final long unit;
        public final long burst;
        public final boolean bytes;
        public final boolean over;
        private final long tokensMax;
        private long tokens;
        private long last = Long.MIN_VALUE;

        public Limit(long rate, long unit, long burst, boolean bytes, boolean over) {
            this.rate = rate;
            this.unit = unit;
            this.burst = burst;
            this.bytes = bytes;
            this.over = over;
            long nsecs = unit * 1_000_000_000L;
            // a rate of 0 never gets here from nft (the kernel refuses it): an empty bucket then
            this.tokensMax = rate == 0 ? 0 : bytes ? nsecs * (rate + burst) / rate : nsecs / rate * (burst == 0 ? 5 : burst);
            this.tokens = tokensMax;
        }

        /** A copy with the same bucket (a transaction's rollback keeps it). */
        public Limit copy() {
            Limit l = new Limit(rate, unit, burst, bytes, over);
            l.tokens = tokens;
            l.last = last;
            return l;
        }

        /** nft_limit_eval(): true when the rule goes on. */
        public boolean pass(long now, int length) {
            long nsecs = unit * 1_000_000_000L;
            long cost = rate == 0 ? 1 : bytes ? nsecs * length / rate : nsecs / rate;
            long t = last == Long.MIN_VALUE ? tokensMax : Math.min(tokensMax, tokens + now - last);
            last = now;
            long delta = t - cost;
            if (delta >= 0) {
                tokens = delta;
                return !over;
            }
            tokens = t;
            return over;
        }
    }

    /** nft_log.c: the kernel's log, which arplab does not write; only listed. */
    record Log(String prefix, String level) implements Expr {}

    /** nft_meta_set_eval(): meta mark set (skb->mark), a value or, {@code fromCt}, the conntrack's mark. */
    record MarkSet(long value, boolean fromCt) implements Expr {}

    /**
     * nft_ct_set_eval(): ct mark set, a value or, {@code fromMeta}, the packet's mark; nothing without a conntrack
     * entry.
     */
    record CtMarkSet(long value, boolean fromMeta) implements Expr {}

    /**
     * nft_nat.c / nft_masq.c / nft_redir.c: {@code kind} snat, dnat, masquerade or redirect; {@code ip} when an inet
     * rule names the family ("dnat ip to"); an address range ({@code addrLow} -1: none) and a port range
     * ({@code portLow} -1: none); {@code flags} NF_NAT_RANGE_PROTO_RANDOM (4), _PERSISTENT (8), _RANDOM_FULLY (16).
     * A terminal statement: the packet is accepted with its binding (arplab does not rewrite it yet).
     */
    record Nat(String kind, boolean ip, long addrLow, long addrHigh, int portLow, int portHigh, int flags)
            implements Expr {
        /** nft_nat_validate() and its kin: the hooks a statement may serve (snat/masquerade source, else destination). */
        public boolean fits(Hook hook) {
            return switch (kind) {
                case "snat" -> hook == Hook.POSTROUTING || hook == Hook.INPUT;
                case "masquerade" -> hook == Hook.POSTROUTING;
                default -> hook == Hook.PREROUTING || hook == Hook.OUTPUT;
            };
        }
    }

    /**
     * nft_reject_ipv4.c / nft_reject_inet.c: drop, and send an ICMP destination unreachable of {@code code} (nf_send_unreach())
     * or a TCP reset (nf_send_reset()). {@code kind}: "icmp", "icmpx" (inet's abstract codes) or "tcp reset";
     * {@code written}: whether the rule names the type (the listing shows what was written).
     */
    record Reject(String kind, int code, boolean written) implements Expr {}

    /** counter: packets and the bytes of skb->len. */
    final class Counter implements Expr {
        public long packets;
        public long bytes;
    }

    /** A terminal verdict, or a jump/goto to a chain of the same table. */
    record Verdict(Kind kind, String chain) implements Expr {
        public enum Kind { ACCEPT, DROP, JUMP, GOTO, RETURN }
    }
}
