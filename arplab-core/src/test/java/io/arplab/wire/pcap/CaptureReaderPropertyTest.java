package io.arplab.wire.pcap;

import static io.arplab.wire.pcap.CaptureFixtures.frame;

import io.arplab.wire.pcap.CaptureFixtures.Classic;
import io.arplab.wire.pcap.CaptureFixtures.Ng;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Damaged input makes the readers throw PcapFormatException and nothing else (Reading catches only that). */
class CaptureReaderPropertyTest {
    @Property(tries = 3000)
    void randomBytesAreReadOrRefused(@ForAll @Size(max = 300) byte[] file) {
        Reading.of("random", file);
    }

    @Property(tries = 3000)
    void randomBytesAfterAMagicAreReadOrRefused(@ForAll @Size(max = 300) byte[] tail, @ForAll("magics") byte[] magic) {
        byte[] file = Arrays.copyOf(magic, magic.length + tail.length);
        System.arraycopy(tail, 0, file, magic.length, tail.length);
        Reading.of("random", file);
    }

    @Provide
    Arbitrary<byte[]> magics() {
        return Arbitraries.of(
                new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1},
                new byte[] {(byte) 0xa1, (byte) 0xb2, (byte) 0x3c, (byte) 0x4d},
                new byte[] {0x34, (byte) 0xcd, (byte) 0xb2, (byte) 0xa1},
                new byte[] {0x0a, 0x0d, 0x0d, 0x0a, 0x1c, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a, 1, 0, 0, 0},
                new byte[] {0x0a, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0x1c, 0x1a, 0x2b, 0x3c, 0x4d, 0, 1, 0, 0});
    }

    @Property(tries = 4000)
    void mutatedCapturesAreReadOrRefused(@ForAll("mutated") byte[] file) {
        Reading.of("mutated", file);
    }

    @Provide
    Arbitrary<byte[]> mutated() {
        Ng le = new Ng(false).shb();
        le.idb(1, 0, le.tsresol(9)).epb(0, 5, frame(60, 1)).spb(70, frame(70, 2)).pb(0, 9, frame(42, 3))
                .block(5, new byte[12]).shb().idb(1, 0, le.tsresol(0x80 | 20)).epb(0, 77, frame(50, 4));
        Ng be = new Ng(true).shb();
        be.idb(1, 128, be.tsoffset(3)).epb(0, 5, frame(60, 1)).spb(300, frame(128, 2));
        List<byte[]> seeds = List.of(
                Classic.ethernet(false, false).record(1, 2, frame(60, 1)).record(3, 4, 60, 1514, frame(60, 2)).done(),
                Classic.ethernet(true, true).record(1, 2, frame(42, 1)).record(3, 4, frame(99, 2)).done(),
                new Classic(false, PcapReader.MAGIC_KUZNETSOV, 2, 3, 100, 1).record(1, 2, frame(60, 1)).done(),
                le.done(), be.done());
        return Combinators.combine(Arbitraries.of(seeds), Arbitraries.integers().between(0, 1000),
                Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 2000)).as((seed, pos, value, how, cut) -> {
                    byte[] f = seed.clone();
                    int p = pos % f.length;
                    switch (how) {
                        case 0 -> f[p] = (byte) (int) value;
                        case 1 -> {
                            f[p] = (byte) (int) value;
                            f[(p + 1) % f.length] = (byte) (value * 7);
                            f[(p + 3) % f.length] = (byte) 0x80;
                        }
                        case 2 -> f = Arrays.copyOf(f, Math.min(f.length, cut));
                        default -> {
                            f[p] = (byte) (int) value;
                            f = Arrays.copyOf(f, Math.min(f.length, cut));
                        }
                    }
                    return f;
                });
    }
}
