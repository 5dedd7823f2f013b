package io.arplab.wire.filter;

/**
 * A compiled filter: a tree of tests evaluated left to right with short circuits, in the order libpcap's gencode.c
 * emits its BPF blocks, so that a load past the captured bytes rejects a frame exactly when tcpdump's would.
 */
abstract class Node {
    abstract boolean eval(Packet p);

    enum Op {
        /** jeq */
        EQ,
        /** jgt (unsigned) */
        GT,
        /** jge (unsigned) */
        GE,
        /** jset: any bit of the value set */
        SET;

        boolean test(long a, long b) {
            return switch (this) {
                case EQ -> a == b;
                case GT -> a > b;
                case GE -> a >= b;
                case SET -> (a & b) != 0;
            };
        }
    }

    static Node and(Node a, Node b) {
        return a == null ? b : b == null ? a : new And(a, b);
    }

    static Node or(Node a, Node b) {
        return new Or(a, b);
    }

    static Node not(Node a) {
        return new Not(a);
    }

    /**
     * A masked comparison; with a zero mask it is a constant, as libpcap's optimizer folds {@code and #0}: no load
     * happens, so even a frame too short for the field passes ({@code net 0.0.0.0/0}).
     */
    static Node cmp(int ipHeaderAt, long offset, int size, long mask, Op op, long value) {
        if (mask == 0) {
            return new Const(op.test(0, value));
        }
        return new Cmp(ipHeaderAt, offset, size, mask, op, value);
    }

    static final class And extends Node {
        final Node a;
        final Node b;

        And(Node a, Node b) {
            this.a = a;
            this.b = b;
        }

        @Override
        boolean eval(Packet p) {
            return a.eval(p) && b.eval(p);
        }

        @Override
        public String toString() {
            return "(" + a + " && " + b + ")";
        }
    }

    static final class Or extends Node {
        final Node a;
        final Node b;

        Or(Node a, Node b) {
            this.a = a;
            this.b = b;
        }

        @Override
        boolean eval(Packet p) {
            return a.eval(p) || b.eval(p);
        }

        @Override
        public String toString() {
            return "(" + a + " || " + b + ")";
        }
    }

    static final class Not extends Node {
        final Node a;

        Not(Node a) {
            this.a = a;
        }

        @Override
        boolean eval(Packet p) {
            return !a.eval(p);
        }

        @Override
        public String toString() {
            return "!" + a;
        }
    }

    static final class Const extends Node {
        final boolean value;

        Const(boolean value) {
            this.value = value;
        }

        @Override
        boolean eval(Packet p) {
            return value;
        }

        @Override
        public String toString() {
            return String.valueOf(value);
        }
    }

    /**
     * {@code (load(offset, size) & mask) op value} at an absolute offset, or, when {@code ipHeaderAt >= 0}, at
     * {@code offset} plus the IPv4 header length read at {@code ipHeaderAt} (BPF's {@code ldxb 4*([k]&0xf)}).
     */
    static final class Cmp extends Node {
        final int ipHeaderAt;
        final long offset;
        final int size;
        final long mask;
        final Op op;
        final long value;

        Cmp(int ipHeaderAt, long offset, int size, long mask, Op op, long value) {
            this.ipHeaderAt = ipHeaderAt;
            this.offset = offset;
            this.size = size;
            this.mask = mask;
            this.op = op;
            this.value = value;
        }

        static Cmp abs(long offset, int size, Op op, long value) {
            return new Cmp(-1, offset, size, 0xffff_ffffL, op, value);
        }

        @Override
        boolean eval(Packet p) {
            long off = ipHeaderAt < 0 ? offset : p.ipHeaderLength(ipHeaderAt) + offset;
            return op.test(p.load(off, size) & mask, value);
        }

        /** True when this is a plain comparison of a whole absolute load: a fact the optimizer can reason with. */
        boolean isPlainEquality() {
            return ipHeaderAt < 0 && op == Op.EQ && mask == 0xffff_ffffL;
        }

        String key() {
            return (ipHeaderAt < 0 ? "" : "x" + ipHeaderAt + "+") + offset + ":" + size + "&" + mask;
        }

        @Override
        public String toString() {
            return "[" + key() + "] " + op + " " + value;
        }
    }

    /** {@code a op b} over arithmetic expressions (a relation such as {@code ip[0] & 0xf > 5}). */
    static final class Rel extends Node {
        final Arith a;
        final Op op;
        final Arith b;

        Rel(Arith a, Op op, Arith b) {
            this.a = a;
            this.op = op;
            this.b = b;
        }

        @Override
        boolean eval(Packet p) {
            long x = a.eval(p);
            long y = b.eval(p);
            return op.test(x, y);
        }

        @Override
        public String toString() {
            return a + " " + op + " " + b;
        }
    }
}
