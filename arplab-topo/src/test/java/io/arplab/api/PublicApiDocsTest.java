package io.arplab.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.testing.Sources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every public type of the API packages has a javadoc comment (doclint, run by the javadoc jar, checks the rest). */
class PublicApiDocsTest {
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "(?m)^[ \\t]*public (?:static )?(?:final )?(?:abstract )?(class|record|interface|enum|@interface) (\\w+)");

    @Test
    void everyPublicTypeIsDocumented() throws IOException {
        List<String> undocumented = new ArrayList<>();
        int types = 0;
        for (String pkg : List.of("api", "junit")) {
            try (Stream<Path> files = Sources.listMain("io/arplab/" + pkg)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                    String text = Files.readString(f);
                    Matcher m = PUBLIC_TYPE.matcher(text);
                    while (m.find()) {
                        types++;
                        // the declaration's own lines back to the comment: only annotations may stand between
                        String before = text.substring(0, m.start()).stripTrailing();
                        while (before.endsWith(")") || before.matches("(?s).*\\n\\s*@\\w+$")) {
                            int line = before.lastIndexOf('\n');
                            if (!before.substring(line + 1).strip().startsWith("@")) {
                                break;
                            }
                            before = before.substring(0, line).stripTrailing();
                        }
                        if (!before.endsWith("*/")) {
                            undocumented.add(pkg + "." + m.group(2));
                        }
                    }
                }
            }
        }
        assertThat(types).isGreaterThan(20);
        assertThat(undocumented).isEmpty();
    }
}
