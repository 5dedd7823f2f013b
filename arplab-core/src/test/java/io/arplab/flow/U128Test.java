package io.arplab.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * U128, the 128-bit values of xxreg and ct_label, against Java's BigInteger; and the wide fields' bits in struct
 * flow's registers as lib/flow.h flow_get_xreg()/flow_get_xxreg() lay them out (reg2N, reg4N the most significant).
 */
class U128Test {
    private static final BigInteger MOD = BigInteger.ONE.shiftLeft(128);

    private static BigInteger big(U128 v) {
        return new BigInteger(1, java.nio.ByteBuffer.allocate(16).putLong(v.hi()).putLong(v.lo()).array());
    }

    @Property
    void shiftsAndMasksAreBigIntegerOnes(@ForAll long hi, @ForAll long lo, @ForAll @IntRange(max = 128) int n) {
        U128 v = new U128(hi, lo);
        BigInteger b = big(v);
        assertThat(big(v.shl(n))).isEqualTo(b.shiftLeft(n).mod(MOD));
        assertThat(big(v.shr(n))).isEqualTo(b.shiftRight(n));
        assertThat(big(U128.ones(n))).isEqualTo(BigInteger.ONE.shiftLeft(n).subtract(BigInteger.ONE));
        assertThat(v.bitLength()).isEqualTo(b.bitLength());
        assertThat(U128.of(b)).isEqualTo(v);
        assertThat(v.hex()).isEqualTo(b.signum() == 0 ? "0" : "0x" + b.toString(16));
    }

    @Property
    void xxregWordsAreItsRegistersHighestFirst(@ForAll long hi, @ForAll long lo,
            @ForAll @IntRange(max = 127) int ofs, @ForAll @IntRange(min = 1, max = 128) int bits) {
        long[] flow = new long[Slot.ALL.length];
        U128 v = new U128(hi, lo);
        Field.XXREG1.put(flow, v, Field.XXREG1.ones());
        assertThat(flow[Slot.REG4.ordinal()]).isEqualTo(hi >>> 32);
        assertThat(flow[Slot.REG5.ordinal()]).isEqualTo(hi & 0xffffffffL);
        assertThat(flow[Slot.REG6.ordinal()]).isEqualTo(lo >>> 32);
        assertThat(flow[Slot.REG7.ordinal()]).isEqualTo(lo & 0xffffffffL);
        assertThat(Field.XREG2.value(flow)).isEqualTo(new U128(0, hi));
        assertThat(Field.XREG3.value(flow)).isEqualTo(new U128(0, lo));
        int n = Math.min(bits, 128 - ofs);
        Subfield sf = new Subfield(Field.XXREG1, ofs, n);
        assertThat(big(sf.get(flow))).isEqualTo(big(v).shiftRight(ofs).mod(BigInteger.ONE.shiftLeft(n)));
        sf.put(flow, U128.ZERO);
        assertThat(big(Field.XXREG1.value(flow))).isEqualTo(big(v).andNot(big(sf.bits())));
        assertThat(flow[Slot.REG3.ordinal()] | flow[Slot.REG8.ordinal()]).isZero();
    }
}
