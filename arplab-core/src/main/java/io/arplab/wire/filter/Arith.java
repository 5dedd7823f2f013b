package io.arplab.wire.filter;

/** An arithmetic expression of pcap-filter(7): unsigned 32-bit values as BPF computes them. */
abstract class Arith {
    static final long MASK = 0xffff_ffffL;

    abstract long eval(Packet p);

    static final class Const extends Arith {
        final long value;

        Const(long value) {
            this.value = value & MASK;
        }

        @Override
        long eval(Packet p) {
            return value;
        }

        @Override
        public String toString() {
            return "#" + value;
        }
    }

    /** {@code len}: the frame's length on the wire. */
    static final class Len extends Arith {
        @Override
        long eval(Packet p) {
            return p.wireLength;
        }

        @Override
        public String toString() {
            return "len";
        }
    }

    /** {@code proto[index : size]}: a load at base + index (+ the IPv4 header length for transport protocols). */
    static final class Load extends Arith {
        final Arith index;
        final long base;
        final int ipHeaderAt;
        final int size;

        Load(Arith index, long base, int ipHeaderAt, int size) {
            this.index = index;
            this.base = base;
            this.ipHeaderAt = ipHeaderAt;
            this.size = size;
        }

        @Override
        long eval(Packet p) {
            long x = index.eval(p);
            if (ipHeaderAt >= 0) {
                x = (x + p.ipHeaderLength(ipHeaderAt)) & MASK;
            }
            return p.load((x + base) & MASK, size);
        }

        @Override
        public String toString() {
            return "[" + (ipHeaderAt >= 0 ? "x" + ipHeaderAt + "+" : "") + base + "+" + index + ":" + size + "]";
        }
    }

    static final class Neg extends Arith {
        final Arith a;

        Neg(Arith a) {
            this.a = a;
        }

        @Override
        long eval(Packet p) {
            return (-a.eval(p)) & MASK;
        }

        @Override
        public String toString() {
            return "-" + a;
        }
    }

    static final class Bin extends Arith {
        final String op;
        final Arith a;
        final Arith b;

        Bin(String op, Arith a, Arith b) {
            this.op = op;
            this.a = a;
            this.b = b;
        }

        @Override
        long eval(Packet p) {
            long x = a.eval(p);
            long y = b.eval(p);
            return switch (op) {
                case "+" -> (x + y) & MASK;
                case "-" -> (x - y) & MASK;
                case "*" -> (x * y) & MASK;
                case "/" -> {
                    if (y == 0) {
                        throw Packet.Reject.INSTANCE; // BPF returns 0 on a division by zero
                    }
                    yield x / y;
                }
                case "%" -> {
                    if (y == 0) {
                        throw Packet.Reject.INSTANCE;
                    }
                    yield x % y;
                }
                case "&" -> x & y;
                case "|" -> x | y;
                case "^" -> x ^ y;
                case "<<" -> y < 32 ? (x << y) & MASK : 0;
                case ">>" -> y < 32 ? x >>> y : 0;
                default -> throw new IllegalStateException(op);
            };
        }

        @Override
        public String toString() {
            return "(" + a + " " + op + " " + b + ")";
        }
    }
}
