package io.arplab.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads script lines one at a time from a file, a pipe or a terminal, refusing what is not a script: a line longer
 * than {@link #MAX_LINE} bytes, a NUL byte (binary input, {@code /dev/zero}) or bytes that are not UTF-8. Lines are
 * read as they are run, so an endless input of sensible lines runs as a shell would, in bounded memory.
 */
final class ScriptReader implements AutoCloseable {
    /** Longer than any line a person types or a script needs; bash has no limit, but we keep memory bounded. */
    static final int MAX_LINE = 64 * 1024;

    /** Bad input at a line: the message names what is wrong, the caller adds where. */
    static final class BadInput extends Exception {
        BadInput(String message) {
            super(message, null, false, false);
        }
    }

    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private int lineNumber;

    ScriptReader(InputStream in) {
        this.in = in;
    }

    /** The number of the line last returned (1-based). */
    int lineNumber() {
        return lineNumber;
    }

    /** The next line without its end, or null at the end of input. */
    String next() throws IOException, BadInput {
        line.reset();
        lineNumber++;
        for (;;) {
            int b = in.read();
            if (b < 0) {
                return line.size() == 0 ? null : decode();
            }
            if (b == '\n') {
                return decode();
            }
            if (b == 0) {
                throw new BadInput("binary input (a NUL byte), not a script");
            }
            if (line.size() >= MAX_LINE) {
                throw new BadInput("line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
    }

    private String decode() throws BadInput {
        byte[] b = line.toByteArray();
        int n = b.length > 0 && b[b.length - 1] == '\r' ? b.length - 1 : b.length;
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, 0, n)).toString();
        } catch (CharacterCodingException e) {
            throw new BadInput("binary input (not UTF-8 text), not a script");
        }
    }

    /** {@code -c 'LINE; LINE'}: splits on ';' outside quotes, as a shell separates commands. */
    static List<String> splitInline(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < text.length()) {
                    cur.append(c);
                    c = text.charAt(++i);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '\\' && i + 1 < text.length()) {
                cur.append(c);
                c = text.charAt(++i);
            } else if (c == ';') {
                lines.add(cur.toString());
                cur.setLength(0);
                continue;
            } else if (c == '\n') {
                lines.add(cur.toString());
                cur.setLength(0);
                continue;
            }
            cur.append(c);
        }
        lines.add(cur.toString());
        return lines;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
