package io.arplab.wire.libc;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import com.sun.jna.ptr.PointerByReference;
import io.arplab.testing.Glibc;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link CStrtol} against the machine's own libc (glibc's strtol() and strtoul(), called through JNA): the same value
 * and the same end for white space, signs, prefixes, digits of every base, overflow and what follows them.
 */
class CStrtolTest {
    @Property(tries = 3000, seed = "20261205")
    void scansAsLibcDoes(@ForAll("numbers") String s, @ForAll("bases") int base) {
        Memory m = Glibc.string(s);
        CStrtol ours = CStrtol.scan(s, base);
        PointerByReference end = new PointerByReference();
        long signed = Glibc.C.strtol(m, end, base);
        assertThat(ours.asLong()).as("strtol(\"%s\", %d)", s, base).isEqualTo(signed);
        assertThat(ours.end()).as("strtol(\"%s\", %d)'s end", s, base).isEqualTo(Glibc.offset(m, end));
        long unsigned = Glibc.C.strtoul(m, end, base);
        assertThat(ours.asUnsignedLong()).as("strtoul(\"%s\", %d)", s, base).isEqualTo(unsigned);
    }

    @Provide
    Arbitrary<Integer> bases() {
        return Arbitraries.of(0, 8, 10, 16);
    }

    // white space, a sign, a prefix, digits (now and then many), and something after them, each often absent
    @Provide
    Arbitrary<String> numbers() {
        Arbitrary<String> space = Arbitraries.strings().withChars(" \t\n\u000b\f\r").ofMaxLength(2);
        Arbitrary<String> sign = Arbitraries.of("", "", "-", "+", "--", "+-");
        Arbitrary<String> prefix = Arbitraries.of("", "", "0", "0x", "0X", "00x", "x");
        Arbitrary<String> digits = Arbitraries.oneOf(Arbitraries.strings().withChars("0123456789abcdefABCDEFgxz")
                .ofMaxLength(6), Arbitraries.strings().withChars("0123456789").ofMinLength(18).ofMaxLength(24),
                Arbitraries.strings().withChars("0123456789abcdef").ofMinLength(15).ofMaxLength(18));
        Arbitrary<String> tail = Arbitraries.of("", "", " ", "x", ".5", "\t1", "/8");
        return Combinators.combine(space, sign, prefix, digits, tail).as((a, b, c, d, e) -> a + b + c + d + e);
    }
}
