package io.arplab.wire;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class InternetChecksumTest {
    @Test
    void rfc1071NumericalExample() {
        // RFC 1071 §3: bytes 00 01 f2 03 f4 f5 f6 f7 sum to ddf2 (one's complement), checksum 220d.
        byte[] b = Bytes.fromHex("0001 f203 f4f5 f6f7");
        assertThat(InternetChecksum.fold(InternetChecksum.add(0, b, 0, b.length))).isEqualTo(0xddf2);
        assertThat(InternetChecksum.compute(b, 0, b.length)).isEqualTo(0x220d);
    }

    @Test
    void oddLengthPadsWithZero() {
        byte[] odd = Bytes.fromHex("01 02 03");
        byte[] even = Bytes.fromHex("01 02 03 00");
        assertThat(InternetChecksum.compute(odd, 0, 3)).isEqualTo(InternetChecksum.compute(even, 0, 4));
        assertThat(InternetChecksum.compute(odd, 0, 3)).isEqualTo(~(0x0102 + 0x0300) & 0xffff);
    }

    @Test
    void realIpv4HeaderVerifies() {
        byte[] ip = Bytes.fromHex("4500 0054 1d10 4000 4001 c548 ac1c 000b ac1c 000d");
        assertThat(InternetChecksum.verify(ip, 0, 20)).isTrue();
        ip[10] = 0;
        ip[11] = 0;
        assertThat(InternetChecksum.compute(ip, 0, 20)).isEqualTo(0xc548);
    }

    @Property(tries = 3000)
    void incrementalUpdateMatchesRecomputation(@ForAll @Size(min = 2, max = 64) byte[] data,
                                               @ForAll @IntRange(min = 0, max = 0xffff) int newWord,
                                               @ForAll @IntRange(min = 0, max = 31) int wordIndex) {
        int len = data.length & ~1;
        int at = (wordIndex * 2) % len;
        int before = InternetChecksum.compute(data, 0, len);
        int oldWord = Bytes.u16(data, at);
        Bytes.put16(data, at, newWord);
        int after = InternetChecksum.compute(data, 0, len);
        int updated = InternetChecksum.update(before, oldWord, newWord);
        boolean allZero = InternetChecksum.fold(InternetChecksum.add(0, data, 0, len)) == 0;
        if (allZero) {
            // The only disagreement RFC 1624 §3 allows: -0 (0xffff) recomputed, +0 incrementally.
            assertThat(updated).isEqualTo(0);
            assertThat(after).isEqualTo(0xffff);
        } else {
            assertThat(updated).isEqualTo(after);
        }
    }

    @Test
    void pseudoHeaderSum() {
        long s = InternetChecksum.pseudoHeader(0xac1c000b, 0xac1c000d, 17, 39);
        assertThat(s).isEqualTo(0xac1cL + 0x000b + 0xac1c + 0x000d + 17 + 39);
    }
}
