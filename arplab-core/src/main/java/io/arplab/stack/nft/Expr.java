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
                eq = name.equals(dev);
            } else if (set != null) {
                long a = fields[0].read(p);
                if (fields.length == 1) {
                    eq = a >= 0 && set.contains(a);
                } else {
                    long b = fields[1].read(p);
                    eq = a >= 0 && b >= 0 && set.contains(a, b);
                }
            } else {
                long a = fields[0].read(p);
                eq = a >= 0 && (a & mask) == value;
            }
            return eq != negated;
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
