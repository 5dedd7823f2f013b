package io.arplab.tools;

import io.arplab.wire.MacAddress;
import io.arplab.stack.HostStack;
import io.arplab.stack.NetDevice;
import io.arplab.wire.Bytes;
import io.arplab.wire.Ipv4Address;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * arpwatch 2.1a15 (Debian 2.1a15-8) in debug mode (-d): watches the ARP frames an interface receives and keeps its
 * station database (address → the Ethernet addresses seen, newest first), and reports as the mail it would send,
 * on stdout: "new station", "changed ethernet address", "flip flop" (back to the previous one), and logs an
 * "ethernet mismatch" (Ethernet source not the sender hardware address) on stderr, as syslog in -d mode. Requests and
 * replies, broadcast or unicast, count; unlike pcap's socket, the packet socket here does not see the frames this
 * host sends itself. The database holds at most {@link #MAX_STATIONS} addresses (oldest dropped first).
 */
public final class Arpwatch implements Tool {
    /** The getopt(3) option string, as the real tool passes it. */
    static final String OPTSTRING = "adf:F:i:n:Nm:pQr:s:u:z:";

    static final String USAGE = "Version 2.1a15\n"
            + "usage: arpwatch [-dN] [-f datafile] [-F \"filter\" ][-i interface] [-n net[/width]] [-r file]"
            + " [-s sendmail_path] [-p] [-a] [-m addr] [-u username] [-Q] [-z ignorenet/ignoremask] \n";
    static final int MAX_STATIONS = 65_536;
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy H:mm:ss '+0000'", Locale.US).withZone(ZoneOffset.UTC);

    /** One address's Ethernet addresses, newest first (ent_add keeps them in an array per address). */
    private record Seen(long mac, long seconds) {}

    private ToolContext ctx;
    private HostStack stack;
    private NetDevice dev;
    private Object socket;
    private boolean noBogons;
    private final Map<Integer, Seen[]> stations = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Seen[]> eldest) {
            return size() > MAX_STATIONS;
        }
    };

    @Override
    public void start(ToolContext ctx, List<String> args) {
        this.ctx = ctx;
        this.stack = ctx.stack();
        Getopt g = Getopt.parse("arpwatch", OPTSTRING, args);
        String intf = null;
        boolean debug = false;
        for (Getopt.Opt o : g.options()) {
            if (o.failed()) {
                usage(); // arpwatch sets opterr = 0: no getopt message
                return;
            }
            switch (o.letter()) {
                case 'd' -> debug = true;
                case 'i' -> intf = o.argument();
                case 'N' -> noBogons = true;
                case 'r' -> {
                    ctx.err().println("arpwatch: -r: reading capture files is not supported here");
                    ctx.exit(1);
                    return;
                }
                default -> { } // -f -F -n -m -p -Q -s -u -z -a: accepted, no effect inside the lab
            }
        }
        if (!g.operands().isEmpty()) {
            usage();
            return;
        }
        if (!debug) {
            ctx.err().println("arpwatch: run it with -d inside the lab: reports go to stdout instead of mail");
            ctx.exit(1);
            return;
        }
        if (intf == null) {
            intf = stack.devices().stream().filter(d -> !d.loopback && d.isUp()).map(d -> d.name).findFirst()
                    .orElse("");
        }
        dev = stack.device(intf);
        if (dev == null) {
            // lg(LOG_ERR, "pcap open ...") goes to syslog only: the terminal sees nothing (fuzz-tools seed 33)
            ctx.exit(1);
            return;
        }
        socket = stack.openPacketSocket(dev, this::frame);
        ctx.onInterrupt(() -> stack.closePacketSocket(socket));
    }

    private void usage() {
        ctx.err().print(USAGE);
        ctx.exit(1);
    }

    /** process_ether(): an ARP frame's sender pair goes to ent_add() and may be reported. */
    private void frame(long now, byte[] f, int pktType) {
        if (f.length < 42) {
            return;
        }
        int op = Bytes.u16(f, 20);
        if (Bytes.u16(f, 14) != 1 || Bytes.u16(f, 16) != 0x0800 || op != 1 && op != 2) {
            return;
        }
        long sha = Bytes.u48(f, 22);
        int spa = Bytes.i32(f, 28);
        if (spa == 0 || MacAddress.isMulticast(sha)) {
            return;
        }
        long source = Bytes.u48(f, 6);
        if (source != sha) {
            // the Ethernet source must be the sender hardware address (arpspoof's clean-up frames are not)
            ctx.err().println("arpwatch: ethernet mismatch " + Ipv4Address.of(spa) + " " + hex(source) + " ("
                    + hex(sha) + ") " + dev.name);
            ctx.err().flush();
            return;
        }
        long seconds = (ctx.epochNanos() + now) / 1_000_000_000L;
        Seen[] seen = stations.get(spa);
        if (seen == null) {
            stations.put(spa, new Seen[] {new Seen(sha, seconds)});
            report("new station", spa, sha, null, seconds);
            return;
        }
        if (seen[0].mac == sha) {
            seen[0] = new Seen(sha, seconds);
            return;
        }
        Seen previous = seen[0];
        boolean flip = seen.length > 1 && seen[1].mac == sha;
        stations.put(spa, new Seen[] {new Seen(sha, seconds), previous});
        report(flip ? "flip flop" : "changed ethernet address", spa, sha, previous, seconds);
    }

    /** report(): the mail, as -d prints it. */
    private void report(String title, int ip, long mac, Seen old, long seconds) {
        Ipv4Address a = Ipv4Address.of(ip);
        String name = ctx.resolver().reverse(a);
        StringBuilder sb = new StringBuilder();
        sb.append("\nFrom: arpwatch (Arpwatch ").append(stack.name()).append(")\nTo: root\n");
        sb.append("Subject: ").append(title).append(" (").append(name != null ? name : a).append(") ")
                .append(dev.name).append("\n\n");
        line(sb, "hostname", name != null ? name : "<unknown>");
        line(sb, "ip address", a.toString());
        line(sb, "interface", dev.name);
        line(sb, "ethernet address", hex(mac));
        line(sb, "ethernet vendor", "<unknown>");
        if (old != null) {
            line(sb, "old ethernet address", hex(old.mac));
            line(sb, "old ethernet vendor", "<unknown>");
        }
        line(sb, "timestamp", STAMP.format(Instant.ofEpochSecond(seconds)));
        if (old != null) {
            line(sb, "previous timestamp", STAMP.format(Instant.ofEpochSecond(old.seconds)));
            line(sb, "delta", elapsed(seconds - old.seconds));
        }
        ctx.out().print(sb);
        ctx.out().flush();
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(" ".repeat(Math.max(0, 20 - key.length()))).append(key).append(": ").append(value).append('\n');
    }

    /** elapsed(): the largest unit, singular or plural. */
    static String elapsed(long s) {
        String[] units = {"day", "hour", "minute", "second"};
        long[] sizes = {86_400, 3_600, 60, 1};
        for (int i = 0; i < units.length; i++) {
            if (s >= sizes[i] || i == units.length - 1) {
                long n = s / sizes[i];
                return n + " " + units[i] + (n == 1 ? "" : "s");
            }
        }
        throw new AssertionError();
    }

    private static String hex(long mac) {
        return io.arplab.wire.MacAddress.of(mac).toString();
    }
}
