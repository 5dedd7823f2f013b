package io.arplab.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CLib.atoi() against what glibc 2.36's atoi() returned for the same strings (python3 ctypes, libc.so.6). */
class CLibTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "99999999999999999999|-1", // strtol() clamps to LONG_MAX, the int its low 32 bits
        "-99999999999999999999|0", // LONG_MIN
        "\" -12x\"|-12", "+7|7", "x|0", "4294967297|1", "\"\t 65536\"|65536", "0x10|0", "\"\"|0"})
    void atoiIsGlibcs(String s, int expected) {
        assertThat(CLib.atoi(s)).isEqualTo(expected);
    }
}
