package io.arplab.lab;

import io.arplab.tools.CommandLineSplitter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What follows a command on a line as a shell reads it: {@code | grep ttl | head -n 2 > out.txt}. The filters are
 * small built-ins with the common options of GNU grep, head, tail, wc, sort, uniq and cut; anything else a shell
 * would do ({@code <}, {@code 2>}, {@code &&}, {@code $(...)}) is refused in one line that says what is supported.
 */
final class Pipeline {
    static final String SUPPORTED = "supported: | grep [-v -i -c -n -E -F -w] PATTERN, | head [-n N], | tail [-n N], "
            + "| wc [-l -w -c], | sort [-n -r -u], | uniq [-c -d], | cut -d C -f LIST | -c LIST, > FILE, >> FILE";

    /** A line split at its unquoted operators. */
    record Parsed(String command, List<List<String>> filters, String redirect, boolean append) {
        boolean plain() {
            return filters.isEmpty() && redirect == null;
        }
    }

    private Pipeline() {}

    static Parsed parse(String line) {
        List<String> parts = new ArrayList<>();
        String redirect = null;
        boolean append = false;
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
                    cur.append(c);
                    c = line.charAt(++i);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '\\' && i + 1 < line.length()) {
                cur.append(c);
                c = line.charAt(++i);
            } else if (c == '|' || c == '<' || c == '`' || c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '('
                    || c == '&' && i + 1 < line.length() && line.charAt(i + 1) == '&') {
                if (c != '|' || i + 1 < line.length() && line.charAt(i + 1) == '|' || redirect != null) {
                    throw refuse(c == '|' && redirect == null ? "||" : c == '|' ? "| after >" : c == '$' ? "$(" : c == '&' ? "&&" : String.valueOf(c));
                }
                parts.add(cur.toString());
                cur.setLength(0);
                continue;
            } else if (c == '>') {
                if (redirect != null || cur.length() > 0 && (Character.isDigit(cur.charAt(cur.length() - 1))
                        || cur.charAt(cur.length() - 1) == '&')) {
                    throw refuse(cur.length() > 0 && redirect == null ? cur.charAt(cur.length() - 1) + ">" : "a second >");
                }
                append = i + 1 < line.length() && line.charAt(i + 1) == '>';
                if (append) {
                    i++;
                }
                parts.add(cur.toString());
                cur.setLength(0);
                redirect = "";
                continue;
            }
            cur.append(c);
        }
        List<List<String>> filters = new ArrayList<>();
        String command = parts.isEmpty() ? cur.toString() : parts.get(0);
        for (int k = 1; k < parts.size(); k++) {
            filters.add(words(parts.get(k), "after '|'"));
        }
        if (redirect != null) {
            List<String> target = words(cur.toString(), "after '>'");
            if (target.size() != 1) {
                throw new LabConsole.LineException("'>' takes one file name, not '" + cur.toString().trim() + "'");
            }
            redirect = target.get(0);
        } else if (!parts.isEmpty()) {
            filters.add(words(cur.toString(), "after '|'"));
        }
        return new Parsed(command, filters, redirect, append);
    }

    private static List<String> words(String s, String where) {
        List<String> w = CommandLineSplitter.split(s);
        if (w.isEmpty()) {
            throw new LabConsole.LineException("a command is missing " + where);
        }
        return w;
    }

    private static LabConsole.LineException refuse(String what) {
        return new LabConsole.LineException("'" + what + "' is not supported in lab lines (" + SUPPORTED + ")");
    }

    /** A filter over lines; {@code end} flushes what it holds (sort, tail, wc ...). */
    abstract static class Stage {
        Stage next;

        abstract void line(String l);

        void end() {
            next.end();
        }
    }

    /**
     * The writer a command prints to: lines through the filters to {@code sink}; {@code enough} runs when no more
     * output is wanted (head has its lines), as SIGPIPE ends the writer in a shell.
     */
    static Writer build(List<List<String>> filters, Writer sink, Runnable enough) {
        Stage last = new Stage() {
            @Override
            void line(String l) {
                try {
                    sink.write(l);
                    sink.write('\n');
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            @Override
            void end() {
                try {
                    sink.flush();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
        Stage first = last;
        for (int k = filters.size() - 1; k >= 0; k--) {
            Stage s = stage(filters.get(k), enough);
            s.next = first;
            first = s;
        }
        Stage head = first;
        return new Writer() {
            private final StringBuilder partial = new StringBuilder();
            private boolean closed;

            @Override
            public void write(char[] cbuf, int off, int len) {
                for (int i = off; i < off + len; i++) {
                    if (cbuf[i] == '\n') {
                        head.line(partial.toString());
                        partial.setLength(0);
                    } else {
                        partial.append(cbuf[i]);
                    }
                }
            }

            @Override
            public void flush() {
                if (filters.isEmpty()) {
                    last.end();
                }
            }

            @Override
            public void close() {
                if (!closed) {
                    closed = true;
                    if (partial.length() > 0) {
                        head.line(partial.toString());
                    }
                    head.end();
                }
            }
        };
    }

    private static Stage stage(List<String> w, Runnable enough) {
        String name = w.get(0);
        Opts o = new Opts(name, w.subList(1, w.size()));
        return switch (name) {
            case "grep" -> grep(o);
            case "head" -> {
                long n = o.count();
                o.done();
                yield new Stage() {
                    long seen;

                    @Override
                    void line(String l) {
                        if (seen < n) {
                            next.line(l);
                        }
                        if (++seen == n) {
                            enough.run();
                        }
                    }
                };
            }
            case "tail" -> {
                long n = o.count();
                o.done();
                yield new Stage() {
                    final java.util.ArrayDeque<String> keep = new java.util.ArrayDeque<>();

                    @Override
                    void line(String l) {
                        keep.add(l);
                        if (keep.size() > n) {
                            keep.removeFirst();
                        }
                    }

                    @Override
                    void end() {
                        keep.forEach(next::line);
                        next.end();
                    }
                };
            }
            case "wc" -> wc(o);
            case "sort" -> sort(o);
            case "uniq" -> uniq(o);
            case "cut" -> cut(o);
            default -> throw new LabConsole.LineException("'" + name + "' is not a filter arplab has after '|' (" + SUPPORTED + ")");
        };
    }

    private static Stage grep(Opts o) {
        boolean invert = o.flag('v');
        boolean icase = o.flag('i');
        boolean count = o.flag('c');
        boolean number = o.flag('n');
        boolean fixed = o.flag('F');
        boolean word = o.flag('w');
        boolean extended = o.flag('E');
        List<String> rest = o.operands();
        if (rest.size() != 1) {
            throw new LabConsole.LineException("grep: expected one PATTERN (" + SUPPORTED + ")");
        }
        Pattern re;
        try {
            re = GrepRegex.compile(rest.get(0), extended, fixed, icase, word);
        } catch (GrepRegex.Refused e) {
            throw new LabConsole.LineException("grep: " + e.getMessage());
        }
        return new Stage() {
            long n;
            long matched;

            @Override
            void line(String l) {
                n++;
                if (re.matcher(l).find() != invert) {
                    matched++;
                    if (!count) {
                        next.line(number ? n + ":" + l : l);
                    }
                }
            }

            @Override
            void end() {
                if (count) {
                    next.line(Long.toString(matched));
                }
                next.end();
            }
        };
    }

    private static Stage wc(Opts o) {
        boolean l = o.flag('l');
        boolean w = o.flag('w');
        boolean c = o.flag('c');
        o.done();
        boolean all = !l && !w && !c;
        return new Stage() {
            long lines;
            long words;
            long bytes;

            @Override
            void line(String s) {
                lines++;
                words += s.isBlank() ? 0 : s.trim().split("\\s+").length;
                bytes += s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
            }

            @Override
            void end() {
                List<Long> shown = new ArrayList<>();
                if (all || l) {
                    shown.add(lines);
                }
                if (all || w) {
                    shown.add(words);
                }
                if (all || c) {
                    shown.add(bytes);
                }
                // GNU wc on a pipe: one count alone, several in columns of 7
                StringBuilder sb = new StringBuilder();
                for (long v : shown) {
                    sb.append(sb.length() > 0 ? " " : "").append(shown.size() == 1 ? Long.toString(v) : String.format("%7d", v));
                }
                next.line(sb.toString());
                next.end();
            }
        };
    }

    private static Stage sort(Opts o) {
        boolean numeric = o.flag('n');
        boolean reverse = o.flag('r');
        boolean unique = o.flag('u');
        o.done();
        return new Stage() {
            final List<String> all = new ArrayList<>();

            @Override
            void line(String l) {
                all.add(l);
            }

            @Override
            void end() {
                java.util.Comparator<String> cmp = numeric
                        ? java.util.Comparator.comparingDouble(Pipeline::leadingNumber).thenComparing(s -> s)
                        : java.util.Comparator.naturalOrder();
                all.sort(reverse ? cmp.reversed() : cmp);
                String prev = null;
                for (String l : all) {
                    if (!unique || !l.equals(prev)) {
                        next.line(l);
                    }
                    prev = l;
                }
                next.end();
            }
        };
    }

    private static double leadingNumber(String s) {
        java.util.regex.Matcher m = Pattern.compile("^\\s*(-?\\d+(\\.\\d+)?)").matcher(s);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static Stage uniq(Opts o) {
        boolean count = o.flag('c');
        boolean dups = o.flag('d');
        o.done();
        return new Stage() {
            String prev;
            long n;

            @Override
            void line(String l) {
                if (l.equals(prev)) {
                    n++;
                    return;
                }
                emit();
                prev = l;
                n = 1;
            }

            private void emit() {
                if (prev != null && (!dups || n > 1)) {
                    next.line(count ? String.format("%7d %s", n, prev) : prev);
                }
            }

            @Override
            void end() {
                emit();
                next.end();
            }
        };
    }

    private static Stage cut(Opts o) {
        String delim = o.value('d');
        String fields = o.value('f');
        String chars = o.value('c');
        o.done();
        if ((fields == null) == (chars == null)) {
            throw new LabConsole.LineException("cut: give one of -f LIST or -c LIST (" + SUPPORTED + ")");
        }
        if (delim != null && delim.length() != 1) {
            throw new LabConsole.LineException("cut: the delimiter must be a single character");
        }
        TreeMap<Integer, Integer> ranges = ranges(fields != null ? fields : chars);
        char d = delim == null ? '\t' : delim.charAt(0);
        return new Stage() {
            @Override
            void line(String l) {
                if (chars != null) {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 1; i <= l.length(); i++) {
                        if (in(ranges, i)) {
                            sb.append(l.charAt(i - 1));
                        }
                    }
                    next.line(sb.toString());
                    return;
                }
                if (l.indexOf(d) < 0) {
                    next.line(l); // GNU cut prints lines without the delimiter whole
                    return;
                }
                String[] f = l.split(Pattern.quote(String.valueOf(d)), -1);
                List<String> kept = new ArrayList<>();
                for (int i = 1; i <= f.length; i++) {
                    if (in(ranges, i)) {
                        kept.add(f[i - 1]);
                    }
                }
                next.line(String.join(String.valueOf(d), kept));
            }
        };
    }

    private static boolean in(TreeMap<Integer, Integer> ranges, int i) {
        var e = ranges.floorEntry(i);
        return e != null && i <= e.getValue();
    }

    private static TreeMap<Integer, Integer> ranges(String list) {
        TreeMap<Integer, Integer> r = new TreeMap<>();
        for (String part : list.split(",")) {
            java.util.regex.Matcher m = Pattern.compile("(\\d*)(-?)(\\d*)").matcher(part);
            if (part.isEmpty() || !m.matches() || m.group(1).isEmpty() && m.group(3).isEmpty()) {
                throw new LabConsole.LineException("cut: invalid list '" + list + "': expected e.g. 1, 1,3 or 2-4");
            }
            int from = m.group(1).isEmpty() ? 1 : Integer.parseInt(m.group(1));
            int to = m.group(2).isEmpty() ? from : m.group(3).isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(m.group(3));
            if (from < 1) {
                throw new LabConsole.LineException("cut: fields and positions are numbered from 1");
            }
            r.merge(from, to, Math::max);
        }
        return r;
    }

    /** Short options of a filter: flags, {@code -n N}/{@code -nN}/{@code -N}, then operands. */
    private static final class Opts {
        private final String name;
        private final List<String> args;
        private final java.util.Set<Character> used = new java.util.HashSet<>();

        Opts(String name, List<String> args) {
            this.name = name;
            this.args = new ArrayList<>(args);
        }

        boolean flag(char f) {
            used.add(f);
            boolean found = false;
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("--")) {
                    break; // getopt(): what follows is operands
                }
                if (a.startsWith("-") && a.length() > 1 && a.indexOf(f) > 0 && a.chars().skip(1).allMatch(Character::isLetter)) {
                    args.set(i, a.replace(String.valueOf(f), ""));
                    if (args.get(i).equals("-")) {
                        args.remove(i--);
                    }
                    found = true;
                }
            }
            return found;
        }

        String value(char f) {
            used.add(f);
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("--")) {
                    break;
                }
                if (a.equals("-" + f)) {
                    if (i + 1 >= args.size()) {
                        throw new LabConsole.LineException(name + ": option requires an argument -- '" + f + "'");
                    }
                    args.remove(i);
                    return args.remove(i);
                }
                if (a.startsWith("-" + f)) {
                    args.remove(i);
                    return a.substring(2);
                }
            }
            return null;
        }

        /** head/tail: -n N, -nN or -N; 10 by default. */
        long count() {
            String v = value('n');
            if (v == null) {
                for (int i = 0; i < args.size(); i++) {
                    if (args.get(i).matches("-\\d+")) {
                        v = args.remove(i).substring(1);
                        break;
                    }
                }
            }
            if (v == null) {
                return 10;
            }
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new LabConsole.LineException(name + ": invalid number of lines: '" + v + "'");
            }
        }

        List<String> operands() {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.equals("--")) {
                    args.remove(i);
                    break;
                }
                if (a.startsWith("-") && a.length() > 1) {
                    throw unknown(a);
                }
            }
            return args;
        }

        void done() {
            if (!operands().isEmpty()) {
                throw new LabConsole.LineException(name + ": reads only the command's output, not '" + args.get(0)
                        + "' (" + SUPPORTED + ")");
            }
        }

        private LabConsole.LineException unknown(String a) {
            return new LabConsole.LineException(name + ": option '" + a + "' is not supported here (" + SUPPORTED + ")");
        }
    }

}
