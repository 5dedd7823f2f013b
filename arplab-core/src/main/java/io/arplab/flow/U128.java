package io.arplab.flow;

import java.math.BigInteger;

/** A value of up to 128 bits (OVS's ovs_u128): {@code hi} holds bits 64..127, {@code lo} bits 0..63. */
public record U128(long hi, long lo) {
    public static final U128 ZERO = new U128(0, 0);

    public static U128 of(long lo) {
        return new U128(0, lo);
    }

    public static U128 of(BigInteger v) {
        return new U128(v.shiftRight(64).longValue(), v.longValue());
    }

    /** The low {@code n} bits set (0 <= n <= 128). */
    public static U128 ones(int n) {
        return n >= 128 ? new U128(-1L, -1L) : n >= 64 ? new U128(n == 64 ? 0 : -1L >>> (128 - n), -1L)
                : new U128(0, n == 0 ? 0 : -1L >>> (64 - n));
    }

    public U128 and(U128 o) {
        return new U128(hi & o.hi, lo & o.lo);
    }

    public U128 or(U128 o) {
        return new U128(hi | o.hi, lo | o.lo);
    }

    public U128 not() {
        return new U128(~hi, ~lo);
    }

    public U128 shl(int n) {
        if (n == 0) {
            return this;
        } else if (n >= 128) {
            return ZERO;
        }
        return n >= 64 ? new U128(lo << (n - 64), 0) : new U128(hi << n | lo >>> (64 - n), lo << n);
    }

    public U128 shr(int n) {
        if (n == 0) {
            return this;
        } else if (n >= 128) {
            return ZERO;
        }
        return n >= 64 ? new U128(0, hi >>> (n - 64)) : new U128(hi >>> n, lo >>> n | hi << (64 - n));
    }

    public boolean isZero() {
        return (hi | lo) == 0;
    }

    /** The number of bits up to the highest one. */
    public int bitLength() {
        return hi != 0 ? 128 - Long.numberOfLeadingZeros(hi) : 64 - Long.numberOfLeadingZeros(lo);
    }

    /** ds_put_hex() of the big-endian bytes: "0x" and the digits without leading zeros, "0" for zero. */
    public String hex() {
        return hi == 0 ? MatchFormat.hex(lo) : "0x" + Long.toHexString(hi) + String.format("%016x", lo);
    }
}
