package io.arplab.wire.tshark;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.wire.pcap.PcapReader;
import io.arplab.wire.pcap.PcapRecord;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The golden corpus: every public case's tshark.out, byte for byte as TShark 4.0.17 printed it. */
class TsharkGoldenTest {
    static Stream<Arguments> cases() throws IOException, URISyntaxException {
        List<Arguments> out = new ArrayList<>();
        for (Path dir : io.arplab.testing.TcpdumpCorpus.caseDirs()) {
            String name = dir.getFileName().toString();
            Path expected = dir.resolve("tshark.out");
            if (Files.exists(expected)) {
                out.add(Arguments.of(Named.of(name, dir.resolve(name + ".pcap")), expected));
            }
        }
        return out.stream();
    }

    static String render(Path pcap) {
        TsharkPrinter printer = new TsharkPrinter(PcapReader.open(pcap).nanosecond());
        StringBuilder sb = new StringBuilder();
        for (PcapRecord r : PcapReader.readAll(pcap)) {
            printer.print(r, sb);
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void printsWhatTsharkPrints(Path pcap, Path expected) throws IOException {
        assertThat(render(pcap)).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
    }
}
