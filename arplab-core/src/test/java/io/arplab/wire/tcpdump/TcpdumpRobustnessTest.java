package io.arplab.wire.tcpdump;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.wire.pcap.PcapReader;
import io.arplab.wire.pcap.PcapRecord;
import io.arplab.wire.tcpdump.TcpdumpOptions.TimestampStyle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Bad input never makes the printer throw: random bytes, and corpus and generated frames with bits
 * flipped, bytes changed, cut short or with lying original lengths, under every option set.
 */
class TcpdumpRobustnessTest {
    private static final List<byte[]> SEEDS = seedFrames();

    private static List<byte[]> seedFrames() {
        List<byte[]> frames = new ArrayList<>();
        try (Stream<Path> files = Files.walk(TcpdumpGoldenTest.corpus())) {
            for (Path p : files.filter(f -> f.toString().endsWith(".pcap")).toList()) {
                for (PcapRecord r : PcapReader.readAll(p)) {
                    frames.add(r.data());
                }
            }
        } catch (IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        for (FrameGenerator.Frame f : new FrameGenerator(7).generate(400)) {
            frames.add(f.data());
        }
        return frames;
    }

    @Provide
    Arbitrary<TcpdumpOptions> options() {
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 3), Arbitraries.of(TimestampStyle.class),
                Arbitraries.integers().between(0, 4))
                .as((n, e, v, ts, x) -> new TcpdumpOptions(n, e, v, ts, x, ZoneId.of("UTC")));
    }

    /** Random bytes, 0 to 200 of them, derived from one seed (cheaper to generate than a jqwik array). */
    @Provide
    Arbitrary<byte[]> randomFrames() {
        return Arbitraries.longs().map(seed -> {
            java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
            byte[] b = new byte[r.nextInt(201)];
            r.nextBytes(b);
            if (b.length > 13 && r.nextBoolean()) {
                // an ethertype the printer decodes, so the random bytes reach the deeper printers
                int type = new int[] {0x0800, 0x0806, 0x86dd, 0x8100, 0x88cc, 0x8035, 0x0026}[r.nextInt(7)];
                b[12] = (byte) (type >> 8);
                b[13] = (byte) type;
            }
            return b;
        });
    }

    /** A known frame with a handful of random edits. */
    @Provide
    Arbitrary<byte[]> mutatedFrames() {
        return Arbitraries.longs().map(seed -> {
            java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
            long[] edits = new long[1 + r.nextInt(6)];
            for (int i = 0; i < edits.length; i++) {
                edits[i] = r.nextLong();
            }
            return mutate(SEEDS.get(r.nextInt(SEEDS.size())), edits);
        });
    }

    private static byte[] mutate(byte[] frame, long[] edits) {
        byte[] b = frame.clone();
        for (long e : edits) {
            int kind = (int) ((e >>> 60) & 0x7);
            int pos = b.length == 0 ? 0 : (int) Math.floorMod(e >>> 16, (long) b.length);
            switch (kind) {
                case 0, 1 -> {
                    if (b.length > 0) {
                        b[pos] ^= (byte) (1 << (e & 7));
                    }
                }
                case 2, 3 -> {
                    if (b.length > 0) {
                        b[pos] = (byte) e;
                    }
                }
                case 4 -> b = Arrays.copyOf(b, pos);
                case 5 -> {
                    // a length field set to something else: two bytes at a header-ish position
                    if (b.length > 1) {
                        int at = Math.min(pos, b.length - 2);
                        b[at] = (byte) (e >>> 8);
                        b[at + 1] = (byte) e;
                    }
                }
                default -> {
                    byte[] longer = Arrays.copyOf(b, b.length + (int) (e & 31));
                    b = longer;
                }
            }
        }
        return b;
    }

    private static void printNeverThrows(byte[] frame, int extraLength, TcpdumpOptions options) {
        TcpdumpPrinter printer = new TcpdumpPrinter(options);
        StringBuilder out = new StringBuilder();
        PcapRecord r = new PcapRecord(1_700_000_000L, 123_456_000, frame.length + extraLength, frame);
        printer.print(r, out);
        printer.print(r, out);
        assertThat(out).isNotEmpty();
        assertThat(out.charAt(out.length() - 1)).isEqualTo('\n');
    }

    @Property(tries = 40_000)
    void randomBytesNeverThrow(@ForAll("randomFrames") byte[] frame, @ForAll("options") TcpdumpOptions options) {
        printNeverThrows(frame, frame.length % 3 == 0 ? 0 : frame.length % 17, options);
    }

    @Property(tries = 70_000)
    void mutatedFramesNeverThrow(@ForAll("mutatedFrames") byte[] frame, @ForAll("options") TcpdumpOptions options) {
        printNeverThrows(frame, frame.length % 5 == 0 ? frame.length % 23 : 0, options);
    }
}
