package io.arplab.tools;

import io.arplab.wire.libc.CStrtol;
import java.util.ArrayList;
import java.util.List;

/**
 * Short options as glibc's getopt(3) parses them (iputils' tools use it): clustered flags ({@code -nq}), arguments
 * glued or separate ({@code -c3}, {@code -c 3}), operands permuted behind the options, {@code --} ending the options.
 * An optional argument ({@code "p::"}) is taken only when glued. Faults produce glibc's diagnostics ({@code ping: invalid option -- 'x'}).
 */
public final class Getopt {
    /** One parsed option: its letter and argument (null for a flag), or a fault with glibc's message. */
    public record Opt(char letter, String argument, String error) {
        public boolean failed() {
            return error != null;
        }
    }

    private final List<Opt> options = new ArrayList<>();
    private final List<String> operands = new ArrayList<>();

    private Getopt() {}

    /**
     * Parses {@code args} against an optstring such as {@code "c:i:nq"}. Parsing stops at the first fault, which is
     * the last element of {@link #options()}.
     */
    public static Getopt parse(String program, String optstring, List<String> args) {
        Getopt g = new Getopt();
        int i = 0;
        while (i < args.size()) {
            String a = args.get(i++);
            if (a.equals("--")) {
                g.operands.addAll(args.subList(i, args.size()));
                break;
            }
            if (a.length() < 2 || a.charAt(0) != '-') {
                g.operands.add(a);
                continue;
            }
            for (int j = 1; j < a.length(); j++) {
                char c = a.charAt(j);
                int k = c == ':' ? -1 : optstring.indexOf(c);
                if (k < 0) {
                    g.options.add(new Opt(c, null, program + ": invalid option -- '" + c + "'"));
                    return g;
                }
                boolean takesArg = k + 1 < optstring.length() && optstring.charAt(k + 1) == ':';
                if (!takesArg) {
                    g.options.add(new Opt(c, null, null));
                    continue;
                }
                // "x::": an optional argument is only ever the rest of the same word (glibc's getopt)
                boolean optional = k + 2 < optstring.length() && optstring.charAt(k + 2) == ':';
                if (optional) {
                    g.options.add(new Opt(c, j + 1 < a.length() ? a.substring(j + 1) : null, null));
                } else if (j + 1 < a.length()) {
                    g.options.add(new Opt(c, a.substring(j + 1), null));
                } else if (i < args.size()) {
                    g.options.add(new Opt(c, args.get(i++), null));
                } else {
                    g.options.add(new Opt(c, null, program + ": option requires an argument -- '" + c + "'"));
                    return g;
                }
                break;
            }
        }
        return g;
    }

    public List<Opt> options() {
        return options;
    }

    public List<String> operands() {
        return operands;
    }

    /** iputils' strtol_or_err(): a whole decimal number in [min, max], else its message (exit status 1). */
    public static long strtolOrErr(String program, String s, String what, long min, long max) {
        CStrtol scan = CStrtol.scan(s, 10);
        if (scan.longRange()) { // errno's ERANGE is told, whatever follows the digits
            throw new ToolError(program + ": " + what + ": '" + s + "': Numerical result out of range", 1);
        }
        if (!scan.converted() || scan.end() != s.length()) { // nothing converted, or something after the digits
            throw new ToolError(program + ": " + what + ": '" + s + "'", 1);
        }
        long n = scan.asLong();
        if (n < min || n > max) {
            throw new ToolError(program + ": " + what + ": '" + s + "': out of range: " + min + " <= value <= " + max, 1);
        }
        return n;
    }

    /** A fault that ends a tool: the one line it prints on stderr and its exit status. */
    public static final class ToolError extends RuntimeException {
        private final int status;

        public ToolError(String message, int status) {
            super(message, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
