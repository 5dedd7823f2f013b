package io.arplab.testing;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * refdata/tcpdump/public, refdata/tcpdump/heldout, heldout14 to heldout21 and heldout22f: the golden corpus's case
 * folders, each a pcap with what tcpdump and tshark printed (heldout: the held-out round's, made by
 * src/test/scripts/gen-heldout13.py and printed by record-heldout.sh 13; heldout14 to heldout21: the
 * second to ninth rounds', gen-heldout14.py to gen-heldout21.py, printed by record-heldout.sh 14 to 21).
 */
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

    /** The folder of the held-out round's cases, from the test resources. */
    public static Path heldoutCases() throws URISyntaxException {
        return publicCases().resolveSibling("heldout");
    }

    /** The case folders of the three held-out rounds, in name order within each. */
    public static List<Path> heldoutCaseDirs() throws IOException, URISyntaxException {
        List<Path> out = new java.util.ArrayList<>(caseDirs(heldoutCases()));
        out.addAll(caseDirs(publicCases().resolveSibling("heldout14")));
        out.addAll(caseDirs(publicCases().resolveSibling("heldout15")));
        out.addAll(caseDirs(publicCases().resolveSibling("heldout16")));
        out.addAll(caseDirs(publicCases().resolveSibling("heldout17")));
        out.addAll(caseDirs(publicCases().resolveSibling("heldout18")));
        out.addAll(caseDirs(publicCases().resolveSibling("heldout19")));
        out.addAll(caseDirs(publicCases().resolveSibling("heldout20")));
        out.addAll(caseDirs(publicCases().resolveSibling("heldout21")));
        out.addAll(caseDirs(publicCases().resolveSibling("heldout22f")));
        return out;
    }

    /** The public case folders, in name order. */
    public static List<Path> caseDirs() throws IOException, URISyntaxException {
        return caseDirs(publicCases());
    }

    /** The case folders of {@code corpus}, in name order. */
    public static List<Path> caseDirs(Path corpus) throws IOException {
        try (Stream<Path> dirs = Files.list(corpus)) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }
}
