package io.arplab.wire;

import io.arplab.wire.pcap.PcapReader;
import io.arplab.wire.pcap.PcapRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Real frames copied from shared/refdata: {@code fixtures/linux/} holds {@code tcpdump -xx} text of kernel frames,
 * {@code fixtures/tcpdump/} the pcaps of the tcpdump corpus (one file per case).
 */
final class Fixtures {
    private Fixtures() {}

    static Path resource(String name) {
        try {
            var url = Fixtures.class.getResource("/fixtures/" + name);
            if (url == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Frames of node1 during "node1 ping -c3 node3" (ARP request, reply, three echo pairs, ARP from node3...). */
    static List<byte[]> linuxPingNode1() {
        return hexDump(resource("linux/s1_ping_node3_node1_xx.txt"));
    }

    /** Parses {@code tcpdump -xx} output: a summary line then "\t0x0000:  ffff ffff ..." lines per frame. */
    static List<byte[]> hexDump(Path file) {
        List<byte[]> frames = new ArrayList<>();
        StringBuilder hex = null;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String t = line.trim();
                if (t.startsWith("0x")) {
                    String body = t.substring(t.indexOf(':') + 1);
                    hex.append(body);
                } else if (!t.isEmpty()) {
                    if (hex != null) {
                        frames.add(Bytes.fromHex(hex.toString()));
                    }
                    hex = new StringBuilder();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (hex != null) {
            frames.add(Bytes.fromHex(hex.toString()));
        }
        return frames;
    }

    static List<byte[]> pcap(String name) {
        List<byte[]> out = new ArrayList<>();
        for (PcapRecord r : PcapReader.readAll(resource("tcpdump/" + name + ".pcap"))) {
            out.add(r.data());
        }
        return out;
    }

    static byte[] pcapFrame(String name) {
        return pcap(name).get(0);
    }

    /** Names (without .pcap) of every corpus case. */
    static List<String> pcapNames() {
        try (Stream<Path> s = Files.list(resource("tcpdump"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".pcap"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
