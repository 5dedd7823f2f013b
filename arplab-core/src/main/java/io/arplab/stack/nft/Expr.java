package io.arplab.stack.nft;

/** The statements of a rule (net/netfilter/nft_cmp.c, nft_lookup.c, nft_meta.c, nft_counter.c, nft_immediate.c). */
public sealed interface Expr {
    /** How a rule goes on after this statement. */
    int NEXT = 0;
    int BREAK = 1; // NFT_BREAK: the rule does not match

    /**
     * A relational match: fields (one, or a concatenation) against a value (under a prefix mask), an interface name,
     * or a set (named, or anonymous from { ... }).
     */
    record Match(Field[] fields, boolean negated, long value, long mask, int prefix, String name, NftSet set)
            implements Expr {
        boolean matches(Packet p) {
            for (Field f : fields) {
                if (f.dependency != 0 && p.protocol != f.dependency) {
                    return false; // the implicit dependency ("ether type arp") does not hold
                }
            }
            boolean eq;
            if (name != null) {
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
    record NeqGroup(java.util.List<Match> parts) implements Expr {
        boolean matches(Packet p) {
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
