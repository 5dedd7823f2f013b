package io.arplab.tools;

import io.arplab.wire.filter.FilterSyntaxException;
import io.arplab.wire.filter.PacketFilter;
import io.arplab.wire.pcap.CaptureReader;
import io.arplab.wire.pcap.LinkType;
import io.arplab.wire.pcap.PcapFormatException;
import io.arplab.wire.pcap.PcapRecord;
import io.arplab.wire.tcpdump.TcpdumpOptions;
import io.arplab.wire.tcpdump.TcpdumpOptions.TimestampStyle;
import io.arplab.wire.tcpdump.TcpdumpPrinter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import io.arplab.stack.NetDevice;

/**
 * The emulated {@code tcpdump}: reads a capture file ({@code -r}), keeps the frames a pcap-filter(7) expression
 * selects, and prints them as tcpdump 4.99 does. The same entry point serves {@code arplab tcpdump ...} and a
 * {@code tcpdump} typed on an emulated node.
 *
 * <p>Exit status as tcpdump.c's error() gives it: 0 after the last frame (or the {@code -c}-th), 1 for a bad option
 * (then tcpdump's usage), a bad filter expression, or a missing or damaged file (frames before the damage are printed
 * first, then libpcap's words after {@code pcap_loop: }). Errors start with {@code tcpdump: }.
 */
public final class TcpdumpTool {
    /** Prints one frame; the real one is {@link TcpdumpPrinter}, tests may bring another. */
    public interface FramePrinter {
        void print(PcapRecord record, StringBuilder out);
    }

    /** The options arplab's tcpdump knows, as tcpdump.c's getopt_long() loop leaves them. */
    static final class Args {
        String file;
        int numeric;
        boolean linkHeader;
        int verbose;
        int time;
        String count;
        int hex;
        int hexAscii;
        int ascii;
        /** -q: quick output (ndo_qflag). */
        int quick;
        /** -s: bytes kept of each frame (0 is the default, 262144). */
        int snaplen = MAXIMUM_SNAPLEN;
        /** -Q: which frames a live capture sees (pcap_setdirection()). */
        Direction direction = Direction.INOUT;
        String iface;
        String writeFile;
        String dataLinkType;
        /** -l: setlinebuf(stdout). */
        boolean lineBuffered;
        boolean help;
        boolean version;
        List<String> expression = new ArrayList<>();
    }

    enum Direction { IN, OUT, INOUT }

    /** netdissect.h MAXIMUM_SNAPLEN. */
    static final int MAXIMUM_SNAPLEN = 262144;

    /**
     * tcpdump.c's SHORTOPTS (4.99.3 on Linux), as getopt(3) reads them: the letters arplab does not act on still take
     * their arguments, so a command line fails or parses as tcpdump's does.
     */
    static final String SHORTOPTS = "aAbB:c:C:dDeE:fF:G:hHi:Ij:JKlLm:M:nNOpqQ:r:s:StT:uUvV:w:W:xXy:Yz:Z:#";

    /**
     * tcpdump.c's option loop: getopt_long() with glibc's permutation (the expression may come first), the last of
     * a repeated option winning, counted flags ({@code -vv}, {@code -tttt}); its words for what it refuses.
     */
    static Args parseArgs(List<String> args) {
        Args a = new Args();
        List<String> shorts = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            if (w.equals("--")) {
                shorts.addAll(args.subList(i, args.size()));
                break;
            }
            if (!w.startsWith("--")) {
                shorts.add(w);
            } else if (w.equals("--help")) {
                a.help = true;
            } else if (w.equals("--version")) {
                a.version = true;
            } else {
                throw new Failure("unrecognized option '" + w + "'", true);
            }
        }
        Getopt g = Getopt.parse("tcpdump", SHORTOPTS, shorts);
        for (Getopt.Opt o : g.options()) {
            if (o.failed()) {
                throw new Failure(o.error().substring("tcpdump: ".length()), true);
            }
            switch (o.letter()) {
                case 'r' -> a.file = o.argument();
                case 'n' -> a.numeric++;
                case 'e' -> a.linkHeader = true;
                case 'l' -> a.lineBuffered = true;
                case 'v' -> a.verbose++;
                case 't' -> a.time++;
                case 'c' -> a.count = o.argument();
                case 'x' -> a.hex++;
                case 'X' -> a.hexAscii++;
                case 'A' -> a.ascii++;
                case 'q' -> a.quick++;
                case 's' -> a.snaplen = snaplen(o.argument());
                case 'Q' -> a.direction = switch (o.argument().toLowerCase(java.util.Locale.ROOT)) {
                    case "in" -> Direction.IN;
                    case "out" -> Direction.OUT;
                    case "inout" -> Direction.INOUT;
                    default -> throw new Failure("unknown capture direction `" + o.argument() + "'");
                };
                case 'i' -> a.iface = o.argument();
                case 'w' -> a.writeFile = o.argument();
                case 'y' -> a.dataLinkType = o.argument();
                case 'h' -> a.help = true;
                default -> { } // -p, -l, -O and the rest: nothing to do in a lab
            }
        }
        a.expression = new ArrayList<>(g.operands());
        return a;
    }

    private TcpdumpTool() {}

    /** tcpdump.c's -s: strtol(optarg, &end, 0) within [0, MAXIMUM_SNAPLEN], 0 meaning the maximum. */
    private static int snaplen(String arg) {
        long n = -1;
        try {
            String t = arg.strip();
            boolean negative = t.startsWith("-");
            String digits = negative || t.startsWith("+") ? t.substring(1) : t;
            n = digits.startsWith("0x") || digits.startsWith("0X") ? Long.parseLong(digits.substring(2), 16)
                    : digits.length() > 1 && digits.startsWith("0") ? Long.parseLong(digits.substring(1), 8)
                    : Long.parseLong(digits);
            n = negative ? -n : n;
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 0 || n > MAXIMUM_SNAPLEN) {
            throw new Failure("invalid snaplen " + arg + " (must be >= 0 and <= " + MAXIMUM_SNAPLEN + ")");
        }
        return n == 0 ? MAXIMUM_SNAPLEN : (int) n;
    }

    /** print_version(), with the crypto library Debian 12's tcpdump is built with (refdata/tcpdump/versions.txt). */
    private static final String USAGE_VERSION = "tcpdump version 4.99.3\nlibpcap version 1.10.3 (with TPACKET_V3)\n"
            + "OpenSSL 3.0.19 27 Jan 2026\n";
    private static final String USAGE = """
            Usage: tcpdump [-AbdDefhHIJKlLnNOpqStuUvxX#] [ -B size ] [ -c count ] [--count]
            \t\t[ -C file_size ] [ -E algo:secret ] [ -F file ] [ -G seconds ]
            \t\t[ -i interface ] [ --immediate-mode ] [ -j tstamptype ]
            \t\t[ -M secret ] [ --number ] [ --print ] [ -Q in|out|inout ]
            \t\t[ -r file ] [ -s snaplen ] [ -T type ] [ --version ]
            \t\t[ -V file ] [ -w file ] [ -W filecount ] [ -y datalinktype ]
            \t\t[ --time-stamp-precision precision ] [ --micro ] [ --nano ]
            \t\t[ -z postrotate-command ] [ -Z user ] [ expression ]
            """;

    /**
     * Runs {@code tcpdump args...}; a relative {@code -r} file is resolved against {@code workingDir} but named in
     * messages as given.
     */
    public static int run(List<String> args, Path workingDir, PrintWriter out, PrintWriter err) {
        return run(args, workingDir, out, err, options -> new TcpdumpPrinter(options)::print);
    }

    /** As {@link #run(List, Path, PrintWriter, PrintWriter)} with another frame printer. */
    public static int run(List<String> args, Path workingDir, PrintWriter out, PrintWriter err,
                          Function<TcpdumpOptions, FramePrinter> printers) {
        return run(args, workingDir, out, err, printers, TcpdumpTool::machineInterfaceName);
    }

    private static int run(List<String> args, Path workingDir, PrintWriter out, PrintWriter err,
                           Function<TcpdumpOptions, FramePrinter> printers, IntFunction<String> interfaceNames) {
        try {
            return runOrThrow(args, workingDir, out, err, printers, interfaceNames);
        } catch (Failure f) {
            out.flush();
            err.println("tcpdump: " + f.getMessage());
            if (f.usage) {
                // tcpdump.c: a bad option is followed by print_usage(stderr)
                err.print(USAGE_VERSION);
                err.print(USAGE);
            }
            err.flush();
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * {@code tcpdump} typed on a node: reads a file ({@code -r}) at once, or captures live on the node's interface
     * ({@code -i eth0}), printing frames as they pass until {@code -c N} frames or SIGINT, then its counts on stderr
     * as tcpdump.c's info() prints them.
     */
    public static void start(ToolContext ctx, List<String> args, Function<TcpdumpOptions, FramePrinter> printers) {
        Args a;
        try {
            a = parseArgs(args);
        } catch (Failure e) {
            a = null;
        }
        if (a == null || a.iface == null || a.file != null || a.help || a.version) {
            ctx.exit(run(args, ctx.workDir(), ctx.out(), ctx.err(), printers, nodeInterfaceNames(ctx)));
            return;
        }
        if (a.lineBuffered) {
            ctx.lineBufferStdout();
        }
        try {
            live(ctx, a, printers);
        } catch (Failure f) {
            ctx.err().println("tcpdump: " + f.getMessage());
            ctx.exit(1);
        }
    }

    private static IntFunction<String> nodeInterfaceNames(ToolContext ctx) {
        return i -> {
            NetDevice d = ctx.stack().device(i);
            return d == null ? null : d.name;
        };
    }

    private static void live(ToolContext ctx, Args a, Function<TcpdumpOptions, FramePrinter> printers) {
        long count = a.count == null ? -1 : parseCount(a.count);
        boolean any = a.iface.equals("any");
        // tcpdump.c: the "any" device defaults to DLT_LINUX_SLL2
        String dltName = a.dataLinkType != null ? a.dataLinkType.toUpperCase(java.util.Locale.ROOT)
                : any ? "LINUX_SLL2" : null;
        int linkType = LinkType.ETHERNET;
        if (dltName != null) {
            linkType = switch (dltName) {
                case "EN10MB" -> LinkType.ETHERNET;
                case "LINUX_SLL" -> LinkType.LINUX_SLL;
                case "LINUX_SLL2" -> LinkType.LINUX_SLL2;
                default -> throw new Failure("invalid data link type " + a.dataLinkType);
            };
            if (any == (linkType == LinkType.ETHERNET)) {
                throw new Failure(dltName + " is not one of the DLTs supported by this device");
            }
        }
        PacketFilter filter;
        try {
            filter = PacketFilter.compile(a.expression);
        } catch (FilterSyntaxException e) {
            throw new Failure(compileError(e));
        }
        if (!filter.acceptsAll() && linkType != LinkType.ETHERNET) {
            throw new Failure("filters are supported on " + LinkType.describe(LinkType.ETHERNET) + " captures only");
        }
        List<NetDevice> devices = new ArrayList<>();
        for (NetDevice d : ctx.stack().devices()) {
            if (any ? !d.loopback : d.name.equals(a.iface)) {
                devices.add(d);
            }
        }
        io.arplab.wire.pcap.PcapWriter file = null;
        if (a.writeFile != null) {
            try {
                file = new io.arplab.wire.pcap.PcapWriter(new java.io.BufferedOutputStream(java.nio.file.Files
                        .newOutputStream(ctx.workDir().resolve(a.writeFile))), linkType,
                        a.snaplen, false);
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                throw new Failure(a.writeFile + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
            }
        }
        TcpdumpOptions options = new TcpdumpOptions(a.numeric > 0, a.linkHeader, a.verbose,
                timestamps(a.time), hexDump(a.hex, a.hexAscii, a.ascii), java.time.ZoneOffset.UTC)
                .withLinkType(linkType, nodeInterfaceNames(ctx)).withQuick(a.quick > 0);
        FramePrinter printer = printers.apply(options);
        io.arplab.wire.pcap.PcapWriter w = file;
        long[] seen = new long[2]; // captured, received by filter
        List<AutoCloseable> handles = new ArrayList<>();
        StringBuilder sb = new StringBuilder(256);
        Runnable end = () -> {
            for (AutoCloseable h : handles) {
                try {
                    h.close();
                } catch (Exception e) {
                    // the capture point is gone with the tool
                }
            }
            if (w != null) {
                w.close();
            }
            ctx.out().flush();
            ctx.err().println(seen[0] + " packet" + (seen[0] == 1 ? "" : "s") + " captured");
            ctx.err().println(seen[1] + " packet" + (seen[1] == 1 ? "" : "s") + " received by filter");
            ctx.err().println("0 packets dropped by kernel");
        };
        int lt = linkType;
        for (NetDevice dev : devices) {
            AutoCloseable h = ctx.runtime().tap(dev.name, (t, frame) -> {
            if (ctx.finished() || count >= 0 && seen[0] >= count) {
                return;
            }
            seen[1]++;
            // pcap-linux.c: the direction is chosen in user space, after the kernel counted the frame
            boolean outgoing = CookedHeader.packetType(dev, frame) == CookedHeader.PACKET_OUTGOING;
            if (a.direction != Direction.INOUT && outgoing != (a.direction == Direction.OUT)) {
                return;
            }
            PcapRecord r = PcapRecord.of(t, lt == LinkType.ETHERNET ? frame : CookedHeader.of(lt, dev, frame));
            if (r.capturedLength() > a.snaplen) {
                // the snapshot length: the rest of the frame is not captured (caplen < len)
                r = new PcapRecord(r.seconds(), r.nanos(), r.originalLength(),
                        java.util.Arrays.copyOf(r.data(), a.snaplen));
            }
            if (!filter.matches(r)) {
                return;
            }
            seen[0]++;
            if (w != null) {
                w.write(r);
                w.flush();
            } else {
                sb.setLength(0);
                printer.print(r, sb);
                ctx.out().print(sb);
                ctx.out().flush();
            }
            if (count >= 0 && seen[0] >= count) {
                ctx.at(ctx.now(), x -> {
                    end.run();
                    ctx.exit(0);
                });
            }
            });
            if (h != null) {
                handles.add(h);
            }
        }
        if (handles.isEmpty() && !any) {
            if (w != null) {
                w.close();
            }
            // open_interface(): PCAP_ERROR_NO_SUCH_DEVICE is "%s: %s\n(%s)" with pcap_geterr()'s text
            throw new Failure(a.iface + ": No such device exists\n(No such device exists)");
        }
        if (dltName != null) {
            ctx.err().println("tcpdump: data link type " + dltName);
        }
        String link = "listening on " + a.iface + ", link-type " + LinkType.describe(linkType)
                + ", snapshot length " + a.snaplen + " bytes";
        if (w != null || a.verbose > 0) {
            ctx.err().println("tcpdump: " + link);
        } else {
            ctx.err().println("tcpdump: verbose output suppressed, use -v[v]... for full protocol decode");
            ctx.err().println(link);
        }
        ctx.err().flush();
        ctx.onInterrupt(() -> {
            // cleanup(): a newline after the ^C on the terminal, unless writing a file
            if (w == null) {
                ctx.out().println();
            }
            end.run();
            ctx.exit(0);
        });
    }

    /** if_indextoname() on the machine arplab runs on (what tcpdump -r prints for LINUX_SLL2); null when unknown. */
    public static String machineInterfaceName(int index) {
        java.io.File[] devs = new java.io.File("/sys/class/net").listFiles();
        if (devs != null) {
            for (java.io.File d : devs) {
                try {
                    if (java.nio.file.Files.readString(d.toPath().resolve("ifindex")).trim().equals(Integer.toString(index))) {
                        return d.getName();
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    // a device that went away while listing
                }
            }
        }
        return null;
    }

    private static long parseCount(String c) {
        long count;
        try {
            count = Long.parseLong(c);
        } catch (NumberFormatException e) {
            count = 0;
        }
        if (count <= 0) {
            throw new Failure("invalid packet count " + c);
        }
        return count;
    }

    private static final class Failure extends RuntimeException {
        final boolean usage;

        Failure(String message) {
            this(message, false);
        }

        Failure(String message, boolean usage) {
            super(message, null, false, false);
            this.usage = usage;
        }
    }

    private static int runOrThrow(List<String> argList, Path workingDir, PrintWriter out, PrintWriter err,
                                  Function<TcpdumpOptions, FramePrinter> printers, IntFunction<String> interfaceNames) {
        Args a = parseArgs(argList);
        if (a.help || a.version) {
            // tcpdump.c print_usage()/print_version(): to stdout, exit 0
            out.print(USAGE_VERSION);
            if (a.help) {
                out.print(USAGE);
            }
            return 0;
        }
        long count = -1;
        if (a.count != null) {
            try {
                count = Long.parseLong(a.count);
            } catch (NumberFormatException e) {
                count = 0;
            }
            if (count <= 0) {
                throw new Failure("invalid packet count " + a.count);
            }
        }
        if (a.writeFile != null) {
            throw new Failure("-w is not supported: arplab's tcpdump only reads capture files (-r FILE)");
        }
        if (a.file == null) {
            throw new Failure(a.iface != null
                    ? "live capture on " + a.iface + " is not supported here; read a capture file with -r FILE"
                    : "live capture is not supported here; read a capture file with -r FILE");
        }
        TcpdumpOptions options = new TcpdumpOptions(a.numeric > 0, a.linkHeader, a.verbose,
                timestamps(a.time), hexDump(a.hex, a.hexAscii, a.ascii), ZoneId.systemDefault())
                .withQuick(a.quick > 0);

        Path path = a.file.equals("-") ? null : workingDir.resolve(a.file);
        if (path == null) {
            throw new Failure("reading from standard input (-r -) is not supported");
        }
        try (CaptureReader reader = open(path, a.file)) {
            String name = LinkType.describe(reader.linkType());
            err.println("reading from file " + a.file + ", link-type " + (name.startsWith("LINKTYPE_")
                    ? Integer.toString(reader.linkType()) : name) + ", snapshot length " + reader.snaplen());
            if (reader.linkType() == LinkType.LINUX_SLL2) {
                err.println("Warning: interface names might be incorrect");
            }
            err.flush();
            options = options.withLinkType(reader.linkType(), interfaceNames);
            PacketFilter filter;
            try {
                filter = PacketFilter.compile(a.expression);
                if (!filter.acceptsAll() && reader.linkType() != LinkType.ETHERNET) {
                    throw new FilterSyntaxException("filters are supported on " + LinkType.describe(LinkType.ETHERNET)
                            + " captures only");
                }
            } catch (FilterSyntaxException e) {
                throw new Failure(compileError(e));
            }
            FramePrinter printer = printers.apply(options);
            StringBuilder sb = new StringBuilder(256);
            long printed = 0;
            while (count < 0 || printed < count) {
                PcapRecord r;
                try {
                    r = reader.next();
                } catch (PcapFormatException e) {
                    throw new Failure("pcap_loop: " + e.libpcapMessage());
                }
                if (r == null) {
                    break;
                }
                if (!filter.matches(r)) {
                    continue;
                }
                sb.setLength(0);
                printer.print(r, sb);
                out.print(sb);
                printed++;
            }
            out.flush();
            return 0;
        }
    }

    private static CaptureReader open(Path path, String asGiven) {
        try {
            CaptureReader r = CaptureReader.open(path);
            return r;
        } catch (PcapFormatException e) {
            throw new Failure(e.cannotOpen() ? asGiven + ": " + e.detail() : e.libpcapMessage());
        }
    }

    private static TimestampStyle timestamps(int t) {
        return switch (t) {
            case 0 -> TimestampStyle.TIME_OF_DAY;
            case 1 -> TimestampStyle.NONE;
            case 2 -> TimestampStyle.EPOCH;
            case 3 -> TimestampStyle.DELTA_PREVIOUS;
            case 4 -> TimestampStyle.DATE_TIME;
            default -> TimestampStyle.DELTA_FIRST;
        };
    }

    /** print.c pretty_print_packet(): -X wins over -x, -x over -A; doubled, they add the link-layer header. */
    private static int hexDump(int x, int bigX, int ascii) {
        if (bigX > 0) {
            return bigX > 1 ? 4 : 3;
        }
        if (x > 0) {
            return x > 1 ? 2 : 1;
        }
        if (ascii > 0) {
            return ascii > 1 ? 6 : 5;
        }
        return 0;
    }

    /** pcap_compile()'s error text: a grammar fault is only "syntax error" (libpcap's yyerror via bpf_set_error()). */
    private static String compileError(FilterSyntaxException e) {
        return e.grammar() ? "can't parse filter expression: syntax error" : e.getMessage();
    }
}
