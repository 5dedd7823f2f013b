package io.arplab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import io.arplab.testing.Glibc;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.libc.CStrtol;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link InetAton} against the machine's own glibc inet_aton() (through JNA): {@link InetAton#aton} on any string,
 * and {@link InetAton#parse} (getaddrinfo()'s exact form, nothing after the address) on strings without white space,
 * where the two agree.
 */
class InetAtonTest {
    @Property(tries = 4000, seed = "20261205")
    void readsAddressesAsGlibcDoes(@ForAll("hosts") String s) {
        Memory in = new Memory(4);
        in.setInt(0, 0);
        boolean theirs = Glibc.C.inet_aton(s, in) != 0;
        // struct in_addr holds the address in network order
        Ipv4Address address = theirs ? Ipv4Address.of((in.getByte(0) & 0xff) << 24 | (in.getByte(1) & 0xff) << 16
                | (in.getByte(2) & 0xff) << 8 | in.getByte(3) & 0xff) : null;
        assertThat(InetAton.aton(s)).as("inet_aton(\"%s\")", s).isEqualTo(address);
        if (s.chars().noneMatch(c -> CStrtol.isSpace((char) c))) {
            assertThat(InetAton.parse(s)).as("getaddrinfo(\"%s\")'s numeric host", s).isEqualTo(address);
        }
    }

    // parts of digits (octal, hex, large), dots, prefixes and stray characters
    @Provide
    Arbitrary<String> hosts() {
        Arbitrary<String> part = Arbitraries.oneOf(Arbitraries.strings().withChars("0123456789").ofMinLength(1)
                .ofMaxLength(3), Arbitraries.of("0", "00", "0x", "0X", "0x1f", "0xff", "0xg", "08", "012", "4294967295",
                        "4294967296", "0x100000000", "99999999999999999999", "256", "255", "+1", "-1", " 1", "x", ""));
        Arbitrary<String> sep = Arbitraries.of(".", ".", ".", "..", " ", "\t", "a", "");
        return Arbitraries.oneOf(part, part.list().ofMinSize(1).ofMaxSize(5).flatMap(ps -> sep.list().ofSize(ps.size())
                .map(ss -> {
                    StringBuilder b = new StringBuilder();
                    for (int i = 0; i < ps.size(); i++) {
                        b.append(ps.get(i));
                        if (i < ps.size() - 1 || ss.get(i).isBlank()) {
                            b.append(ss.get(i));
                        }
                    }
                    return b.toString();
                })));
    }
}
