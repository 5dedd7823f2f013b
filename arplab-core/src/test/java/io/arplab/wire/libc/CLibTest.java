package io.arplab.wire.libc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CLib against glibc 2.36 (python3: ctypes on libc.so.6, socket.inet_pton) for the same strings. */
class CLibTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "99999999999999999999|-1", // strtol() clamps to LONG_MAX, the int its low 32 bits
        "-99999999999999999999|0", // LONG_MIN
        "\" -12x\"|-12", "+7|7", "x|0", "4294967297|1", "\"\t 65536\"|65536", "0x10|0", "\"\"|0"})
    void atoiIsGlibcs(String s, int expected) {
        assertThat(CLib.atoi(s)).isEqualTo(expected);
    }

    /** CLib.atoll() against glibc's atoll() (python3's ctypes) for the same strings. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "99999999999999999999|9223372036854775807", "-99999999999999999999|-9223372036854775808",
        "\" -12x\"|-12", "+7|7", "x|0", "4294967297|4294967297", "\"\t 65536\"|65536", "0x10|0", "\"\"|0"})
    void atollIsGlibcs(String s, long expected) {
        assertThat(CLib.atoll(s)).isEqualTo(expected);
    }

    /** CLib.strToInt() against OVS's str_to_int(s, 0) over glibc's strtoll() (python3's ctypes) for the same strings. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "50|50", "0x10|16", "010|8", "\" 7\"|7", "-1|-1", "7x|", "\"\"|", "x|", "0x|", "2147483648|",
        "-2147483648|-2147483648", "99999999999999999999|", "\"7 \"|"})
    void strToIntIsOvss(String s, Integer expected) {
        assertThat(CLib.strToInt(s, 0)).isEqualTo(expected);
    }

    /** CLib.inetPton4() against glibc 2.36's inet_pton(AF_INET) (python3's socket.inet_pton) for the same strings. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "10.0.0.1|167772161", "0.0.0.0|0", "255.255.255.255|4294967295", "010.0.0.1|-1", "10.0.0.256|-1",
        "1.2.3|-1", "1.2.3.4.5|-1", "\" 1.2.3.4\"|-1", "1.2.3.04|-1", "1.2.3.4/24|-1"})
    void inetPtonIsGlibcs(String s, long expected) {
        assertThat(CLib.inetPton4(s)).isEqualTo(expected);
    }

    /** CLib.strtoul() against glibc's strtoul(s, NULL, 0), its unsigned long read as a long's bits. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "0x800|2048", "0|0", "010|8", "\"  7\"|7", "-1|-1", "0x|0", "0xg|0", "99999999999999999999999|-1",
        "-99999999999999999999999|-1", "x|0", "+0X1f|31", "089|0"})
    void strtoulIsGlibcs(String s, long expected) {
        assertThat(CLib.strtoul(s)).isEqualTo(expected);
    }

    /** CLib.fixed() against glibc 2.36's snprintf("%.*f") (python3's ctypes) for the same doubles. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1.25|1|1.2", "1.75|1|1.8", "2.25|1|2.2", "0.125|2|0.12", "2.5|0|2", "3.5|0|4", "0.5|0|0", "-0.04|1|-0.0",
        "-1.25|1|-1.2", "0.0625|3|0.062", "1.0005|3|1.000", "50.000762951094835|1|50.0", "19.4453125|1|19.4",
        "-0.0|2|-0.00", "0.15|1|0.1", "2.675|2|2.67"})
    void fixedIsGlibcs(String v, int digits, String expected) {
        assertThat(CLib.fixed(Double.parseDouble(v), digits)).isEqualTo(expected);
    }
}
