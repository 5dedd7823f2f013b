package io.arplab.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    private static final Path GOLDEN = Path.of("src/test/resources/report/arp-lab.html");

    @Test
    void sameRunGivesTheSameBytes() {
        assertThat(SeedRun.html()).isEqualTo(SeedRun.html());
    }

    /** Regenerate with -Dreport.golden.update=true after an intended change, and look at the page. */
    @Test
    void seedReportMatchesTheGoldenFile() throws IOException {
        String html = SeedRun.html();
        if (Boolean.getBoolean("report.golden.update")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, html, StandardCharsets.UTF_8);
        }
        assertThat(html).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
    }

    @Test
    void selfContained() {
        String html = SeedRun.html();
        assertThat(html).doesNotContain("src=\"http").doesNotContain("href=\"http").doesNotContain("@import")
                .doesNotContain("fetch(");
    }

    @Test
    void tellsTheSeedsStoryInTwoSentences() {
        assertThat(SeedRun.html()).contains("node1 broadcast 'who-has 172.28.0.13'; it reached node2 and node3 but not node4"
                + " (another broadcast domain), and node3 answered with a unicast reply. 1 later ARP request was unicast");
    }
}
