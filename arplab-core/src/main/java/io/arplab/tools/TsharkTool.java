package io.arplab.tools;

import io.arplab.stack.NetDevice;
import io.arplab.wire.pcap.CaptureReader;
import io.arplab.wire.pcap.LinkType;
import io.arplab.wire.pcap.PcapFormatException;
import io.arplab.wire.pcap.PcapReader;
import io.arplab.wire.pcap.PcapRecord;
import io.arplab.wire.tshark.TsharkPrinter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The emulated {@code tshark} (TShark 4.0.17) with its default columns: reads a capture file ({@code -r}) or
 * captures live on a node's interface ({@code -i}), {@code -c N}, {@code -n}, {@code -q}. Its stderr starts with the
 * warning a root user gets; errors and exit statuses are tshark.c's (1 for the command line, 2 for the file).
 * Options that would change the output and that arplab does not model (display filters, -T, -V, ...) are refused
 * in one line.
 */
public final class TsharkTool {
    static final String ROOT = "Running as user \"root\" and group \"root\". This could be dangerous.";
    private static final String HELP_HEAD = "TShark (Wireshark) 4.0.17 (Git v4.0.17 packaged as 4.0.17-0+deb12u3)\n"
            + "Dump and analyze network traffic.\nSee https://www.wireshark.org for more information.\n\n";

    /** tshark.c's optstring (with the capture and dissection options it shares with dumpcap), for getopt. */
    static final String OPTSTRING = "2a:b:B:c:C:d:De:E:f:F:gG:hH:i:Ij:J:K:lLM:nN:o:O:pPqQr:R:s:S:t:T:u:vVw:W:xX:y:Y:z:";

    private TsharkTool() {}

    /** The command line as ws_getopt_long() reads it ("+": options stop at the first operand). */
    static final class Args {
        String file;
        String iface;
        String count;
        String captureFilter;
        boolean numeric;
        boolean quiet;
        boolean help;
        String unsupported;
        List<String> operands = new ArrayList<>();
    }

    static final class Failure extends RuntimeException {
        final int status;
        final boolean usage;

        Failure(String message, int status, boolean usage) {
            super(message, null, false, false);
            this.status = status;
            this.usage = usage;
        }
    }

    static Args parse(List<String> args) {
        Args a = new Args();
        int i = 0;
        for (; i < args.size(); i++) {
            String w = args.get(i);
            if (w.equals("--")) {
                i++;
                break;
            }
            if (w.startsWith("--")) {
                String name = w.substring(2);
                int eq = name.indexOf('=');
                String key = eq < 0 ? name : name.substring(0, eq);
                if (key.equals("help")) {
                    a.help = true;
                    return a;
                }
                if (!key.equals("interface")) {
                    throw new Failure("unrecognized option: " + name, 1, true);
                }
                String arg;
                if (eq >= 0) {
                    arg = name.substring(eq + 1);
                } else if (i + 1 < args.size()) {
                    arg = args.get(++i);
                } else {
                    throw new Failure("option requires an argument: " + key, 1, true);
                }
                a.iface = arg;
                continue;
            }
            if (!w.startsWith("-") || w.equals("-")) {
                break;
            }
            for (int k = 1; k < w.length(); k++) {
                char c = w.charAt(k);
                int at = OPTSTRING.indexOf(c);
                if (c == ':' || at < 0) {
                    throw new Failure("unrecognized option: " + c, 1, true);
                }
                String arg = null;
                if (at + 1 < OPTSTRING.length() && OPTSTRING.charAt(at + 1) == ':') {
                    if (k + 1 < w.length()) {
                        arg = w.substring(k + 1);
                    } else if (i + 1 < args.size()) {
                        arg = args.get(++i);
                    } else {
                        throw new Failure("option requires an argument: " + c, 1, true);
                    }
                    k = w.length();
                }
                switch (c) {
                    case 'r' -> a.file = arg;
                    case 'i' -> a.iface = arg;
                    case 'c' -> a.count = arg;
                    case 'f' -> a.captureFilter = arg;
                    case 'n' -> a.numeric = true;
                    case 'q' -> a.quiet = true;
                    case 'h' -> {
                        a.help = true;
                        return a;
                    }
                    default -> {
                        if (a.unsupported == null) {
                            a.unsupported = "-" + c;
                        }
                    }
                }
            }
        }
        a.operands.addAll(args.subList(Math.min(i, args.size()), args.size()));
        return a;
    }

    /** get_positive_int() of ui/cmdarg_err / wsutil: the words tshark has for a bad -c. */
    static int count(String c) {
        long n;
        try {
            if (!c.matches("[-+]?[0-9]+")) {
                throw new NumberFormatException();
            }
            n = c.length() > 12 ? Long.MAX_VALUE : Long.parseLong(c);
        } catch (NumberFormatException e) {
            throw new Failure("The specified packet count \"" + c + "\" isn't a decimal number", 1, false);
        }
        if (n < 0) {
            throw new Failure("The specified packet count \"" + c + "\" is a negative number", 1, false);
        }
        if (n > Integer.MAX_VALUE) {
            throw new Failure("The specified packet count \"" + c + "\" is too large (greater than "
                    + Integer.MAX_VALUE + ")", 1, false);
        }
        if (n == 0) {
            throw new Failure("The specified packet count is zero", 1, false);
        }
        return (int) n;
    }

    /** Runs {@code tshark -r FILE ...} (or prints help or an error); the exit status. */
    public static int run(List<String> args, Path workDir, PrintWriter out, PrintWriter err) {
        err.println(ROOT);
        return body(args, workDir, out, err);
    }

    /** Everything after the root warning. */
    private static int body(List<String> args, Path workDir, PrintWriter out, PrintWriter err) {
        try {
            Args a = parse(args);
            int max = check(a);
            if (!a.help && a.file == null) {
                throw new Failure("live capture needs a node: run tshark -i IFACE inside the lab", 1, false);
            }
            return read(a, max, workDir, out);
        } catch (Failure f) {
            out.flush();
            fail(f, err);
            return f.status;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static void fail(Failure f, PrintWriter err) {
        err.println("tshark: " + f.getMessage());
        if (f.usage) {
            err.println();
            err.print(Usage.of("tshark"));
        }
        err.flush();
    }

    /** The checks tshark.c makes before it opens anything; the -c limit, or -1. */
    private static int check(Args a) {
        if (a.help) {
            return -2;
        }
        int max = a.count == null ? -1 : count(a.count);
        if (a.unsupported != null) {
            throw new Failure("option " + a.unsupported + " is not supported by arplab's tshark", 1, false);
        }
        if (a.file != null && a.captureFilter != null) {
            throw new Failure("Only read filters, not capture filters, can be specified when reading a capture file.",
                    1, false);
        }
        if (!a.operands.isEmpty()) {
            throw new Failure("display filters are not supported by arplab's tshark", 1, false);
        }
        if (a.file == null && a.captureFilter != null) {
            throw new Failure("capture filters are not supported by arplab's tshark", 1, false);
        }
        return max;
    }

    private static int read(Args a, int max, Path workDir, PrintWriter out) {
        if (max == -2) {
            out.print(HELP_HEAD);
            out.print(Usage.of("tshark"));
            return 0;
        }
        Path path = workDir.resolve(a.file);
        if (Files.isDirectory(path)) {
            throw new Failure("\"" + a.file + "\" is a directory (folder), not a file.", 2, false);
        }
        if (!Files.exists(path)) {
            throw new Failure("The file \"" + a.file + "\" doesn't exist.", 2, false);
        }
        try {
            if (Files.size(path) == 0) {
                return 0;
            }
        } catch (java.io.IOException e) {
            throw new Failure("The file \"" + a.file + "\" could not be opened: " + e.getMessage(), 2, false);
        }
        CaptureReader reader;
        try {
            reader = CaptureReader.open(path);
        } catch (PcapFormatException e) {
            throw new Failure("The file \"" + a.file + "\" isn't a capture file in a format TShark understands.", 2,
                    false);
        }
        try (reader) {
            if (reader.linkType() != LinkType.ETHERNET) {
                throw new Failure("arplab's tshark reads Ethernet captures only, not "
                        + LinkType.describe(reader.linkType()), 2, false);
            }
            TsharkPrinter printer = new TsharkPrinter(reader instanceof PcapReader p && p.nanosecond());
            printer.resolveMacs(!a.numeric);
            StringBuilder sb = new StringBuilder(128);
            int n = 0;
            while (max < 0 || n < max) {
                PcapRecord r;
                try {
                    r = reader.next();
                } catch (PcapFormatException e) {
                    out.flush();
                    throw new Failure(e.detail().startsWith("truncated")
                            ? "The file \"" + a.file + "\" appears to have been cut short in the middle of a packet."
                            : "The file \"" + a.file + "\" appears to be damaged or corrupt.", 2, false);
                }
                if (r == null) {
                    break;
                }
                sb.setLength(0);
                printer.print(r, sb);
                if (!a.quiet) {
                    out.print(sb);
                }
                n++;
            }
            return 0;
        }
    }

    /**
     * {@code tshark} typed on a node: a file is read at once; a live capture ({@code -i IFACE}, else the first
     * interface that is not a loopback) prints frames as they pass, with nanosecond times as dumpcap's pcapng has
     * them, until {@code -c N} frames or SIGINT, then dumpcap's and tshark's closing lines.
     */
    public static void start(ToolContext ctx, List<String> args) {
        Args a;
        int max;
        ctx.err().println(ROOT);
        try {
            a = parse(args);
            max = check(a);
        } catch (Failure f) {
            fail(f, ctx.err());
            ctx.exit(f.status);
            return;
        }
        if (a.file != null || a.help) {
            ctx.exit(body(args, ctx.workDir(), ctx.out(), ctx.err()));
            return;
        }
        live(ctx, a, max);
    }

    private static void live(ToolContext ctx, Args a, int max) {
        NetDevice device = null;
        for (NetDevice d : ctx.stack().devices()) {
            if (a.iface == null ? !d.loopback : d.name.equals(a.iface)) {
                device = d;
                break;
            }
        }
        String name = a.iface != null ? a.iface : device == null ? "any" : device.name;
        ctx.err().println("Capturing on '" + (device != null && device.loopback ? "Loopback: " + name : name) + "'");
        int[] seen = new int[1];
        Runnable end = () -> {
            ctx.out().flush();
            ctx.err().println("tshark: ");
            ctx.err().println(seen[0] + " packet" + (seen[0] == 1 ? "" : "s") + " captured");
            ctx.err().flush();
        };
        if (device == null) {
            ctx.err().println("tshark: There is no device named \"" + name + "\".\n(No such device exists)\n");
            end.run();
            ctx.exit(1);
            return;
        }
        String time = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC)
                .format(Instant.ofEpochSecond(0, ctx.epochNanos()));
        String log = " ** (tshark:" + ctx.pid() + ") " + time + " [Main MESSAGE] -- ";
        ctx.err().println(log + "Capture started.");
        ctx.err().println(log + "File: \"/tmp/wireshark_" + name + tempSuffix(ctx.pid()) + ".pcapng\"");
        ctx.err().flush();
        TsharkPrinter printer = new TsharkPrinter(true);
        printer.resolveMacs(!a.numeric);
        StringBuilder sb = new StringBuilder(128);
        AutoCloseable[] handle = new AutoCloseable[1];
        Runnable stop = () -> {
            if (handle[0] != null) {
                try {
                    handle[0].close();
                } catch (Exception e) {
                    // the capture point is gone with the tool
                }
            }
            end.run();
        };
        handle[0] = ctx.runtime().tap(device.name, (t, frame) -> {
            if (ctx.finished() || max > 0 && seen[0] >= max) {
                return;
            }
            seen[0]++;
            sb.setLength(0);
            printer.print(PcapRecord.of(t, frame), sb);
            if (!a.quiet) {
                ctx.out().print(sb);
                ctx.out().flush();
            }
            if (max > 0 && seen[0] >= max) {
                ctx.at(ctx.now(), x -> {
                    stop.run();
                    ctx.exit(0);
                });
            }
        });
        ctx.onInterrupt(() -> {
            stop.run();
            ctx.exit(0);
        });
    }

    /** mkstemp()'s six characters of dumpcap's temporary file, drawn from the process id. */
    private static String tempSuffix(int pid) {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        SplittableRandom r = new SplittableRandom(pid);
        StringBuilder sb = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            sb.append(chars.charAt(r.nextInt(chars.length())));
        }
        return sb.toString();
    }
}
