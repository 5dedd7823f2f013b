package io.arplab.topo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in src/test/resources/topo/bad fails to load (or to build) with exactly the one line in its
 * companion {@code .expected} file: a new malformed file plus its expected line is a new test.
 */
class BadTopologyFilesTest {
    static final Path DIR = Path.of("src/test/resources/topo/bad");

    static Stream<String> files() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            List<String> names = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") || n.endsWith(".yml")).sorted().toList();
            assertThat(names).hasSizeGreaterThanOrEqualTo(20);
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void failsWithItsExpectedLine(String name) throws IOException {
        String text = Files.readString(DIR.resolve(name));
        String expected = Files.readString(DIR.resolve(name + ".expected")).strip();

        TopologyException e = catchThrowableOfType(TopologyException.class, () -> {
            TopologyLoader.Loaded l = TopologyLoader.parse(name, text, "bad");
            TopologyBuilder.build(l.topology(), 1);
        });

        assertThat(e).as("%s must be refused", name).isNotNull();
        assertThat(e.getMessage()).isEqualTo(expected).doesNotContain("\n");
        assertThat(e.getMessage()).matches(java.util.regex.Pattern.quote(name) + ":\\d+:\\d+: .+");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void failsTheSameWayThroughTheFileLoader(String name) {
        TopologyException e = catchThrowableOfType(TopologyException.class,
                () -> TopologyBuilder.build(TopologyLoader.load(DIR.resolve(name)).topology(), 1));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).startsWith(DIR.resolve(name) + ":");
    }
}
