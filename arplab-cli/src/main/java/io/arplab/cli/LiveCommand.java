package io.arplab.cli;

import io.arplab.lab.Cidr;
import io.arplab.lab.Duration;
import io.arplab.lab.LiveLab;
import io.arplab.live.IpCommand;
import io.arplab.live.LiveException;
import io.arplab.live.TapDevice;
import io.arplab.observe.PcapCapture;
import io.arplab.observe.TraceLog;
import io.arplab.tools.CommandLineSplitter;
import io.arplab.tools.ToolContext;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code arplab live --tap NAME --address A/LEN}: one emulated Linux host on a TAP device, the kernel its peer. */
@Command(name = "live", mixinStandardHelpOptions = true, description = "Run one Linux-faithful host on a TAP device, on the wall clock, with the real kernel on the other side.",
        footer = {"", "Lines (from -c, --script or the prompt): a command of the host ('ping -c3 10.0.0.1', 'ip neigh',",
            "'arping -c2 10.0.0.1', 'tcpdump -r pcaps/arplab.pcap'), 'sleep 5', 'help', 'exit'. Ctrl-C interrupts the",
            "running command. arplab creates only the TAP device it is told to, and it disappears when arplab ends.",
            "Example: arplab live --tap arp0 --netns lab --kernel-address 10.0.0.1/24 --address 10.0.0.2/24 -c 'ping -c3 10.0.0.1'"})
public final class LiveCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--tap", required = true, paramLabel = "NAME", description = "the TAP device to create (at most 15 characters)")
    String tap;

    @Option(names = "--address", required = true, paramLabel = "ADDR/LEN", description = "the emulated host's address, e.g. 10.0.0.2/24")
    String address;

    @Option(names = "--mac", paramLabel = "MAC", description = "the emulated host's MAC (default 02:42 and the address, as Docker)")
    String mac;

    @Option(names = "--gateway", paramLabel = "ADDR", description = "a default route via this address")
    String gateway;

    @Option(names = "--netns", paramLabel = "NS", description = "move the TAP device's kernel side into this network namespace (ip netns)")
    String netns;

    @Option(names = "--kernel-address", paramLabel = "ADDR/LEN",
            description = "give the kernel side of the TAP this address and bring it up (in NS with --netns); else configure it yourself")
    String kernelAddress;

    @Option(names = "--name", defaultValue = "arplab", paramLabel = "NAME", description = "the emulated host's name (default ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--seed", defaultValue = "1", description = "random seed of the host's stack (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--pcap-dir", defaultValue = "pcaps", paramLabel = "DIR",
            description = "where the capture goes, DIR/<name>.pcap (default ${DEFAULT-VALUE}; 'none' to write none)")
    String pcapDir;

    @Option(names = "--trace", paramLabel = "FILE", description = "write kernel-style tracepoints (perf script layout) to FILE")
    Path trace;

    static final class Script {
        @Option(names = "--script", paramLabel = "FILE", description = "commands, one per line")
        Path file;

        @Option(names = "-c", paramLabel = "LINES", description = "commands inline, separated by ';'")
        String inline;
    }

    @ArgGroup(exclusive = true)
    Script script;

    private LiveLab live;
    private PcapCapture capture;
    private Writer traceWriter;
    private TraceLog traceLog;
    private final AtomicReference<ToolContext> running = new AtomicReference<>();
    private final List<Job> jobs = new ArrayList<>();
    private int nextJob = 1;

    /** A command started with '&': its output is kept until it ends, then printed under its own header. */
    private record Job(int id, String title, ToolContext ctx, java.io.StringWriter out) {}

    @Override
    public Integer call() throws Exception {
        // on the wall clock a tool's lines appear as they are printed, not when it ends
        PrintWriter out = new PrintWriter(new LineFlushingWriter(spec.commandLine().getOut()));
        PrintWriter err = new PrintWriter(new LineFlushingWriter(spec.commandLine().getErr()));
        Cidr cidr = option("--address", () -> Cidr.parse(address));
        MacAddress m = mac == null ? dockerMac(cidr.address()) : option("--mac", () -> MacAddress.parse(mac));
        Ipv4Address gw = gateway == null ? null : option("--gateway", () -> {
            Ipv4Address a = Ipv4Address.tryParse(gateway);
            if (a == null) {
                throw new IllegalArgumentException("invalid IPv4 address '" + gateway + "'");
            }
            return a;
        });
        if (kernelAddress != null) {
            option("--kernel-address", () -> Cidr.parse(kernelAddress));
        }
        List<String> lines = lines();
        TapDevice dev;
        try {
            dev = TapDevice.open(tap);
        } catch (LiveException e) {
            throw new UsageException(e.getMessage());
        }
        Thread cleanup = new Thread(this::close, "arplab-live-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try {
            if (netns != null) {
                dev.moveToNetns(netns);
            }
            if (kernelAddress != null) {
                IpCommand.addAddress(netns, dev.name(), kernelAddress);
                IpCommand.setUp(netns, dev.name());
            }
            live = new LiveLab(name, dev, m, cidr.toString(), gw, seed, Path.of("").toAbsolutePath());
            evidence(err);
            live.start();
            if (lines == null) {
                interactive();
            } else {
                runLines(lines, out, err);
                endJobs(out);
            }
        } catch (LiveException | IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } finally {
            close();
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException e) {
                // shutting down already: the hook runs close() again, harmlessly
            }
        }
        return 0;
    }

    private static <T> T option(String name, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + ": " + e.getMessage());
        }
    }

    /** 02:42 and the four bytes of the address, as Docker gives its containers. */
    static MacAddress dockerMac(Ipv4Address a) {
        return MacAddress.of(0x0242_0000_0000L | (a.bits() & 0xffff_ffffL));
    }

    private List<String> lines() {
        if (script == null) {
            return null;
        }
        if (script.file != null) {
            try {
                return Files.readAllLines(script.file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UsageException(script.file + ": cannot read: " + e.getMessage());
            }
        }
        return List.of(script.inline.split(";"));
    }

    private void evidence(PrintWriter err) {
        if (!"none".equals(pcapDir)) {
            Path dir = Path.of(pcapDir);
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UsageException(pcapDir + ": cannot create directory: " + e.getMessage());
            }
            capture = new PcapCapture(dir.resolve(name + ".pcap"));
            live.runtime().capture(capture);
        }
        if (trace != null) {
            try {
                traceWriter = Files.newBufferedWriter(trace, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UsageException(trace + ": cannot write: " + e.getMessage());
            }
            traceLog = new TraceLog(traceWriter);
            live.runtime().trace(traceLog);
        }
    }

    private void runLines(List<String> lines, PrintWriter out, PrintWriter err) {
        String source = script.file != null ? script.file + ":" : "-c line ";
        int n = 0;
        for (String line : lines) {
            n++;
            try {
                if (!execute(line, out, err, true)) {
                    break;
                }
            } catch (IllegalArgumentException e) {
                out.flush();
                throw new UsageException(source + n + ": " + e.getMessage(), 2, true);
            }
        }
    }

    /** Runs one line; false when it asks to leave. */
    private boolean execute(String raw, PrintWriter out, PrintWriter err, boolean headers) {
        String line = raw.strip();
        int hash = line.startsWith("#") ? 0 : line.indexOf(" #");
        if (hash >= 0) {
            line = line.substring(0, hash).strip();
        }
        if (line.isEmpty()) {
            return true;
        }
        List<String> words = new ArrayList<>(CommandLineSplitter.split(line));
        if (words.isEmpty()) {
            return true;
        }
        if (words.get(0).equals(name) && words.size() > 1) {
            words.remove(0); // "arplab ping ..." as in a lab script: the host's name first
        }
        switch (words.get(0)) {
            case "exit", "quit" -> {
                return false;
            }
            case "sleep" -> {
                if (words.size() != 2) {
                    throw new IllegalArgumentException("sleep: expected one duration, e.g. 'sleep 5' or 'sleep 500ms'");
                }
                live.sleep(Duration.parse(words.get(1)));
                return true;
            }
            case "help" -> {
                out.println("commands: " + String.join(" ", live.toolNames()) + "; CMD & (in the background); wait;"
                        + " sleep DURATION; exit");
                out.flush();
                return true;
            }
            case "wait" -> {
                for (Job j : new ArrayList<>(jobs)) {
                    live.await(j.ctx(), Long.MAX_VALUE);
                }
                reportJobs(out);
                return true;
            }
            default -> {
                if (words.get(words.size() - 1).equals("&")) {
                    List<String> cmd = words.subList(0, words.size() - 1);
                    String title = name + "$ " + String.join(" ", cmd);
                    java.io.StringWriter buf = new java.io.StringWriter();
                    PrintWriter w = new PrintWriter(buf);
                    flush();
                    ToolContext ctx = live.start(cmd, w, w);
                    int id = nextJob++;
                    out.println(header(title + " &") + "  [" + id + "]");
                    out.flush();
                    if (ctx != null) {
                        jobs.add(new Job(id, title, ctx, buf));
                    } else {
                        err.print(buf);
                        err.flush();
                    }
                    return true;
                }
                if (headers) {
                    out.println(header(name + "$ " + String.join(" ", words)));
                }
                out.flush();
                flush();
                ToolContext ctx = live.start(words, out, err);
                if (ctx != null) {
                    running.set(ctx);
                    live.await(ctx, Long.MAX_VALUE);
                    running.set(null);
                }
                out.flush();
                err.flush();
                reportJobs(out);
                return true;
            }
        }
    }

    private String header(String title) {
        return "[" + Duration.seconds(live.runtime().now()) + "] " + title;
    }

    /** Prints the background jobs that have ended. */
    private void reportJobs(PrintWriter out) {
        for (var it = jobs.iterator(); it.hasNext(); ) {
            Job j = it.next();
            if (j.ctx().finished()) {
                it.remove();
                out.println(header("[" + j.id() + "] done (exit " + j.ctx().exitCode() + "): " + j.title()));
                out.print(j.out());
                out.flush();
            }
        }
    }

    /** At the end, like a shell script ending: jobs still running are interrupted (Ctrl-C) and reported. */
    private void endJobs(PrintWriter out) {
        for (Job j : jobs) {
            live.interrupt(j.ctx());
        }
        reportJobs(out);
    }

    private void interactive() throws IOException {
        java.util.logging.Logger.getLogger("org.jline").setLevel(java.util.logging.Level.OFF);
        try (Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build()) {
            PrintWriter out = new PrintWriter(new LineFlushingWriter(terminal.writer()));
            terminal.handle(Terminal.Signal.INT, s -> {
                ToolContext ctx = running.get();
                if (ctx != null) {
                    live.interrupt(ctx);
                }
            });
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("arplab")
                    .completer(new StringsCompleter(live.toolNames())).build();
            out.println("arplab live: " + name + " " + address + " on " + tap + (netns != null ? " (kernel side in " + netns + ")" : "")
                    + ". Type 'help'; Ctrl-C interrupts a command, Ctrl-D leaves.");
            for (;;) {
                String line;
                try {
                    line = reader.readLine(name + "$ ");
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                try {
                    if (!execute(line, out, out, false)) {
                        break;
                    }
                } catch (IllegalArgumentException e) {
                    out.println(e.getMessage());
                }
                out.flush();
            }
        }
    }

    /** Makes the capture and the trace complete up to now (before a command reads them). */
    private void flush() {
        live.onLoop(() -> {
            if (capture != null) {
                capture.flush();
            }
            if (traceLog != null) {
                traceLog.flush();
            }
        });
    }

    /** On every exit path: the TAP device goes away, the capture and the trace are complete. */
    private synchronized void close() {
        if (live != null) {
            live.close();
            live = null;
        }
        if (capture != null) {
            capture.close();
            capture = null;
        }
        if (traceWriter != null) {
            try {
                traceWriter.close();
            } catch (IOException e) {
                // the trace's disk is gone: nothing left to save
            }
            traceWriter = null;
        }
    }
}
