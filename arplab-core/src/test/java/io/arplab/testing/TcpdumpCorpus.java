package io.arplab.testing;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** refdata/tcpdump/public: the golden corpus's case folders, each a pcap with what tcpdump and tshark printed. */
public final class TcpdumpCorpus {
    private TcpdumpCorpus() {}

    /** The folder of the public cases, from the test resources. */
    public static Path publicCases() throws URISyntaxException {
        URL url = TcpdumpCorpus.class.getResource("/refdata/tcpdump/public");
        if (url == null) {
            throw new IllegalStateException("refdata/tcpdump/public missing from the test resources");
        }
        return Path.of(url.toURI());
    }

    /** The case folders, in name order. */
    public static List<Path> caseDirs() throws IOException, URISyntaxException {
        try (Stream<Path> dirs = Files.list(publicCases())) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }
}
