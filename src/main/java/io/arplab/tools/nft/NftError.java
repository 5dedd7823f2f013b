package io.arplab.tools.nft;

/**
 * An error as nft reports it (src/erec.c, erec_print()): "Error: MSG", the input line, and the located part marked
 * with ^ (and an earlier related part with ~).
 */
final class NftError extends RuntimeException {
    final int start;
    final int end;
    final int relatedStart;
    final int relatedEnd;

    NftError(String message, int start, int end) {
        this(message, start, end, -1, -1);
    }

    NftError(String message, int start, int end, int relatedStart, int relatedEnd) {
        super(message, null, false, false);
        this.start = start;
        this.end = end;
        this.relatedStart = relatedStart;
        this.relatedEnd = relatedEnd;
    }

    NftError(String message, Tokens.Token t) {
        this(message, t.start(), t.end());
    }

    /** erec_print(): the message, then the line holding the location and its markers. */
    String render(String input) {
        int lineStart = input.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
        if (start == 0) {
            lineStart = 0;
        }
        int lineEnd = input.indexOf('\n', lineStart);
        if (lineEnd < 0) {
            lineEnd = input.length();
        }
        StringBuilder marks = new StringBuilder();
        int last = Math.max(end, relatedEnd);
        for (int i = lineStart; i < Math.max(last, start + 1); i++) {
            char c = ' ';
            if (i >= start && i < Math.max(end, start + 1)) {
                c = '^';
            } else if (i >= relatedStart && i < relatedEnd) {
                c = '~';
            }
            marks.append(c);
        }
        return "Error: " + getMessage() + "\n" + input.substring(lineStart, lineEnd) + "\n"
                + marks.toString().stripTrailing() + "\n";
    }
}
