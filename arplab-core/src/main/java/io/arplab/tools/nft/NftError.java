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

    /** When nft finds an error: parsing, evaluation (src/evaluate.c), or the kernel refusing a command of the batch. */
    enum Phase { SYNTAX, EVALUATION, KERNEL }

    private boolean fromKernel;
    private boolean fromParser;

    Phase phase() {
        String m = getMessage();
        return fromParser || m.startsWith("syntax error") ? Phase.SYNTAX
                : fromKernel || m.startsWith("Could not process rule:") ? Phase.KERNEL : Phase.EVALUATION;
    }

    /** An error a grammar action raises (erec_queue() then YYERROR: bison recovers and parses on). */
    NftError fromParser() {
        fromParser = true;
        return this;
    }

    /** A kernel refusal nft words itself (nft_cmd_enoent(): ENOENT with a suggestion). */
    NftError fromKernel() {
        fromKernel = true;
        return this;
    }

    /** The input ended inside a block: bison's "end of file", located as erec_print() shows it (endOfFile()). */
    private boolean atEnd;

    /**
     * The input ends inside braces: nft reads its command line with a newline after it, which a block takes as a
     * separator, so the parser meets the end of the input itself (YYEOF), located at the start of the line after the
     * last one, whose text erec_print() still shows (the last line's, marked at its first column).
     */
    static NftError endOfFile() {
        NftError e = new NftError("syntax error, unexpected end of file", 0, 1);
        e.atEnd = true;
        return e;
    }

    /** An error located at an object from the kernel's cache (internal location: "netlink: Error: MSG"). */
    private boolean netlink;

    static NftError netlink(String message) {
        NftError e = new NftError(message, 0, 0);
        e.netlink = true;
        e.fromParser = false;
        return e;
    }

    NftError(String message, Tokens.Token t) {
        this(message, t.start(), t.end());
    }

    /** The name getaddrinfo() failed to resolve (datatype.c's "Could not resolve hostname: %s", gai_strerror()). */
    private String host;

    static NftError unresolved(String name, Tokens.Token t) {
        NftError e = new NftError("Could not resolve hostname: Name or service not known", t);
        e.host = name;
        return e;
    }

    /** render() with getaddrinfo()'s failure for an unresolved name as the node's resolver gives it. */
    String render(String input, String file, java.util.function.UnaryOperator<String> lookupError) {
        if (host == null) {
            return render(input, file);
        }
        NftError e = new NftError("Could not resolve hostname: " + lookupError.apply(host), start, end, relatedStart,
                relatedEnd);
        return e.render(input, file);
    }

    /**
     * erec_print(): the message (after "FILE:LINE:FIRST-LAST: " for a file), then the line holding the location and
     * its markers, under which the line's tabs are kept.
     */
    String render(String input, String file) {
        if (netlink) {
            return "netlink: Error: " + getMessage() + "\n";
        }
        if (atEnd) {
            String body = input.endsWith("\n") ? input.substring(0, input.length() - 1) : input;
            int lines = (int) body.chars().filter(c -> c == '\n').count() + 1;
            return (file == null ? "" : file + ":" + (lines + 1) + ":1-1: ") + "Error: " + getMessage() + "\n"
                    + body.substring(body.lastIndexOf('\n') + 1) + "\n^\n";
        }
        int lineStart = start == 0 ? 0 : input.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
        int lineEnd = input.indexOf('\n', lineStart);
        if (lineEnd < 0) {
            lineEnd = input.length();
        }
        StringBuilder marks = new StringBuilder();
        int last = Math.max(end, relatedEnd);
        for (int i = lineStart; i < Math.max(last, start + 1); i++) {
            char c = i < lineEnd && input.charAt(i) == '\t' ? '\t' : ' ';
            if (i >= start && i < Math.max(end, start + 1)) {
                c = '^';
            } else if (i >= relatedStart && i < relatedEnd) {
                c = '~';
            }
            marks.append(c);
        }
        String where = "";
        if (file != null) {
            int line = 1;
            for (int i = 0; i < lineStart; i++) {
                line += input.charAt(i) == '\n' ? 1 : 0;
            }
            where = file + ":" + line + ":" + (start - lineStart + 1) + "-" + (Math.max(end, start + 1) - lineStart) + ": ";
        }
        return where + "Error: " + getMessage() + "\n" + input.substring(lineStart, lineEnd) + "\n"
                + marks.toString().stripTrailing() + "\n";
    }
}
