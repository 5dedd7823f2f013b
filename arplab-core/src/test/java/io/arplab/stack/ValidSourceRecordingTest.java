package io.arplab.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.wire.ArpFrames;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * arp_process() answers a request only if ip_route_input_noref() accepts its sender (fib_validate_source()): the
 * kernel's answers as refdata/local/random/record-rp-filter.sh recorded them, for a sender with a route back through
 * another device, one of the host's own addresses and one it has no route to, under rp_filter 0, 1 and 2.
 */
class ValidSourceRecordingTest {
    private static final Path OUT = Path.of("src/test/resources/refdata/local/random/rp-filter.out");
    private static final Pattern LINE =
            Pattern.compile("sender (\\S+) rp_filter (\\d): replies (\\d), entries (\\d)");
    private static final long PEER_MAC = MacAddress.parse("02:00:00:00:00:0a").bits();
    private static final long MY_MAC = MacAddress.parse("02:00:00:00:00:0b").bits();

    static Stream<String> cases() throws IOException {
        return Files.readAllLines(OUT).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersOnlySendersThatPassTheSourceCheck(String line) {
        Matcher m = LINE.matcher(line);
        assertThat(m.matches()).as(line).isTrue();
        // b of record-rp-filter.sh: kz-vb faces the asker, kz-d holds 10.1.0.0/16
        HostStack b = new HostStack("b", new SeededRandom(1), 0, 0);
        NetDevice vb = b.addDevice("kz-vb", MacAddress.of(MY_MAC), 1500);
        b.addAddress(vb, Ipv4Address.parse("10.0.0.2"), 24);
        NetDevice d = b.addDevice("kz-d", MacAddress.parse("02:00:00:00:00:0d"), 1500);
        b.addAddress(d, Ipv4Address.parse("10.1.0.1"), 16);
        vb.conf().set(DevConf.RP_FILTER, Integer.parseInt(m.group(2)));
        int sender = Ipv4Address.parse(m.group(1)).bits();
        byte[] request = new byte[ArpFrames.FRAME_LENGTH];
        ArpFrames.write(request, 0, 0xffff_ffff_ffffL, PEER_MAC, 1, PEER_MAC, sender, 0,
                Ipv4Address.parse("10.0.0.2").bits());
        List<byte[]> sent = new ArrayList<>();
        b.receive(NeighParams.SECOND, vb, request, (dev, frame) -> sent.add(frame));
        assertThat(sent).as("replies").hasSize(Integer.parseInt(m.group(3)));
        assertThat(b.neighbours().lookup(vb, sender) == null ? 0 : 1).as("entries")
                .isEqualTo(Integer.parseInt(m.group(4)));
    }
}
