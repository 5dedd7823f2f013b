package io.arplab.wire.libc;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.ptr.PointerByReference;
import io.arplab.testing.Glibc;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link CStrtod} against the machine's own glibc strtod() (through JNA): the same value (NaN as NaN), the same end
 * and the same ERANGE, for white space, signs, infinities, NaNs, hexadecimal and decimal numbers with points and
 * exponents, huge and tiny ones, and what follows them.
 */
class CStrtodTest {
    @Property(tries = 4000, seed = "20261205")
    void scansAsGlibcDoes(@ForAll("numbers") String s) {
        Memory m = Glibc.string(s);
        PointerByReference end = new PointerByReference();
        Native.setLastError(0);
        double theirs = Glibc.C.strtod(m, end);
        boolean erange = Native.getLastError() == 34; // errno as the call left it (JNA keeps it per thread)
        CStrtod ours = CStrtod.scan(s);
        assertThat(ours.end()).as("strtod(\"%s\")'s end", s)
                .isEqualTo(Glibc.offset(m, end));
        if (Double.isNaN(theirs)) {
            assertThat(ours.value()).as("strtod(\"%s\")", s).isNaN();
        } else {
            assertThat(Double.doubleToRawLongBits(ours.value())).as("strtod(\"%s\") = %s, ours %s", s, theirs,
                    ours.value()).isEqualTo(Double.doubleToRawLongBits(theirs));
        }
        assertThat(ours.erange()).as("strtod(\"%s\")'s ERANGE", s).isEqualTo(erange);
    }

    @Provide
    Arbitrary<String> numbers() {
        Arbitrary<String> space = Arbitraries.strings().withChars(" \t\n").ofMaxLength(2);
        Arbitrary<String> sign = Arbitraries.of("", "", "-", "+", "+-");
        Arbitrary<String> body = Arbitraries.oneOf(
                Arbitraries.of("inf", "INF", "infinity", "Infinit", "nan", "NaN", "nan()", "nan(12ab_)", "nan(", "in",
                        "0x", "0x.", "0x.8", "0X1P-3", "0x1p", "0x1.8p3", "0xfffffffffffffffffffff", "0x1p-1074",
                        "0x1p-1075", "0x1p1024", "0x.0000001p-1020", ".", ".5", "5.", "1e", "1e+", "1e-400",
                        "1e400", "2.2250738585072014e-308", "4.9e-324", "2e-324", "1.7976931348623157e308",
                        "1.7976931348623159e308", "0e99999999999", "1e99999999999", "123456789012345678901234567890",
                        "0.000000000000000000000000000001", "1_000", "0b1", "08", "1,5"),
                Combinators.combine(Arbitraries.strings().withChars("0123456789").ofMaxLength(8),
                        Arbitraries.of("", ".", "."), Arbitraries.strings().withChars("0123456789").ofMaxLength(8),
                        Arbitraries.of("", "", "e", "E", "e-", "e+", "e5", "e-7", "e308", "e-320", "p3"))
                        .as((a, b, c, d) -> a + b + c + d));
        Arbitrary<String> tail = Arbitraries.of("", "", " ", "x", "e", ".5", "ms", "s");
        return Combinators.combine(space, sign, body, tail).as((a, b, c, d) -> a + b + c + d);
    }
}
