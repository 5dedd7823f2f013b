package io.arplab.wire.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Whatever the bytes, a compiled filter answers true or false; whatever the text, compiling accepts or refuses cleanly. */
class FilterPropertyTest {
    private static final List<PacketFilter> FILTERS = FilterDifferentialTest.validExpressions().stream()
            .map(PacketFilter::compile).toList();

    @Property(tries = 3000)
    void matchingRandomBytesNeverThrows(@ForAll @Size(max = 160) byte[] frame, @ForAll @IntRange(min = -5, max = 200) int caplen,
                                        @ForAll int wireLength) {
        for (PacketFilter f : FILTERS) {
            f.matches(frame, caplen, wireLength);
        }
    }

    @Property(tries = 3000)
    void matchingMutatedRealFramesNeverThrows(@ForAll("mutatedFrames") byte[] frame) {
        for (PacketFilter f : FILTERS) {
            f.matches(frame, frame.length, frame.length);
        }
    }

    @Provide
    Arbitrary<byte[]> mutatedFrames() {
        List<byte[]> frames = FilterCorpus.build().stream().map(r -> r.data()).filter(d -> d.length > 0).toList();
        return Combinators.combine(Arbitraries.of(frames), Arbitraries.integers().between(0, 400),
                Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 200)).as((f, pos, v, cut) -> {
                    byte[] copy = f.clone();
                    copy[pos % copy.length] = (byte) (int) v;
                    return java.util.Arrays.copyOf(copy, Math.min(copy.length, cut));
                });
    }

    @Property(tries = 4000)
    void compilingMutatedExpressionsAcceptsOrRefusesInOneLine(@ForAll("mutatedExpressions") String expression) {
        try {
            PacketFilter f = PacketFilter.compile(expression);
            assertThat(f.expression()).isNotNull();
        } catch (FilterSyntaxException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
        }
    }

    @Provide
    Arbitrary<String> mutatedExpressions() {
        List<String> seeds = new java.util.ArrayList<>(FilterDifferentialTest.validExpressions());
        seeds.addAll(FilterDifferentialTest.invalidExpressions());
        Arbitrary<String> noise = Arbitraries.strings().withChars("()[]:!&|^<>=-+*/%\\ .0123456789abcdefxnotandhostip")
                .ofMaxLength(12);
        return Combinators.combine(Arbitraries.of(seeds), Arbitraries.of(seeds), Arbitraries.integers().between(0, 60),
                Arbitraries.integers().between(0, 6), noise, Arbitraries.integers().between(0, 3)).as(
                (a, b, pos, del, ins, how) -> {
                    int p = Math.min(pos, a.length());
                    return switch (how) {
                        case 0 -> a.substring(0, p) + ins + a.substring(Math.min(a.length(), p + del));
                        case 1 -> a + " " + (del % 2 == 0 ? "and" : "or") + " " + b;
                        case 2 -> a.substring(0, p) + b.substring(Math.min(b.length(), del));
                        default -> ins;
                    };
                });
    }
}
