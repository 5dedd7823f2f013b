package io.arplab.wire.tcpdump;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.wire.tcpdump.TcpdumpOptions.TimestampStyle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Geneve over UDP 6081 printed as tcpdump 4.99.3 printed the frames of {@code refdata/geneve/geneve.pcap}
 * (src/test/scripts/record-geneve-tcpdump.sh): flags, VNI, reserved byte, options, unknown protocols, the inner frame.
 */
class GenevePrinterTest {
    @ParameterizedTest(name = "tcpdump -{0}")
    @CsvSource({"n, false, 0", "ne, true, 0", "nv, false, 1", "nvv, false, 2", "nev, true, 1"})
    void printsWhatTcpdumpPrints(String flags, boolean e, int v) throws Exception {
        Path dir = Path.of(GenevePrinterTest.class.getResource("/refdata/geneve").toURI());
        TcpdumpOptions o = new TcpdumpOptions(true, e, v, TimestampStyle.TIME_OF_DAY, 0, ZoneId.of("UTC"));
        assertThat(TcpdumpGoldenTest.render(dir.resolve("geneve.pcap"), o))
                .isEqualTo(read(dir.resolve("tcpdump_" + flags + ".out")));
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }
}
