package io.arplab.wire.libc;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.tools.InetAton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The names glibc 2.36's getaddrinfo() refused before asking the one name server, which did not answer
 * (refdata/glibc/names.txt, record-names.sh): each one's failure, against ResNameCheck.
 */
class ResNameCheckTest {
    @Test
    void refusesWhatGlibcRefused() throws IOException {
        int n = 0;
        for (String line : Files.readAllLines(Path.of("src/test/resources/refdata/glibc/names.txt"))) {
            String name = line.substring(1, line.indexOf(">\t"));
            String result = line.substring(line.indexOf(">\t") + 2);
            if (result.equals("ok")) { // a numeric host, read before any name rule
                assertThat(InetAton.parse(name)).as(name).isNotNull();
                continue;
            }
            assertThat(ResNameCheck.refusedBeforeQuery(name)).as("<%s>: %s", name, result)
                    .isEqualTo(result.equals("Name or service not known"));
            n++;
        }
        assertThat(n).isGreaterThan(50);
    }
}
