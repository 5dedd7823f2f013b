package io.arplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The grep filter after {@code |} against GNU grep 3.8 (refdata/local/grep: record.sh ran each of patterns.txt over
 * lines.txt in four modes): the lines it prints, or its refusal in grep's words (exit status 2).
 */
class GrepRegexTest {
    private static final Path DIR = Path.of("src/test/resources/refdata/local/grep");
    private static final Pattern HEADER = Pattern.compile("### grep -n (.*?) -- (.*)");

    @Test
    void printsWhatGnuGrepPrints() throws IOException {
        String text = Files.readString(DIR.resolve("lines.txt"));
        List<String> cases = Files.readAllLines(DIR.resolve("cases.out"));
        int n = 0;
        StringBuilder got = new StringBuilder();
        StringBuilder want = new StringBuilder();
        for (int k = 0; k < cases.size(); k++) {
            Matcher m = HEADER.matcher(cases.get(k));
            if (!m.matches()) {
                continue;
            }
            String header = cases.get(k);
            StringBuilder expected = new StringBuilder();
            while (!cases.get(++k).startsWith("exit ")) {
                expected.append(cases.get(k)).append('\n');
            }
            int status = Integer.parseInt(cases.get(k).substring(5));
            List<String> words = new ArrayList<>(List.of("grep", "-n"));
            for (String f : m.group(1).split(" ")) {
                if (!f.isEmpty()) {
                    words.add(f);
                }
            }
            words.add("--");
            words.add(m.group(2));
            want.append(header).append('\n').append(expected).append(status == 2 ? "refused\n" : "");
            got.append(header).append('\n').append(run(words, text));
            n++;
        }
        assertThat(n).isEqualTo(105 * 4);
        assertThat(got.toString()).isEqualTo(want.toString());
    }

    private static String run(List<String> words, String text) {
        StringWriter out = new StringWriter();
        try {
            Writer w = Pipeline.build(List.of(words), out, () -> { });
            w.write(text);
            w.close();
        } catch (LabConsole.LineException e) {
            return e.getMessage() + "\nrefused\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
