package io.arplab.tools;

import io.arplab.stack.HostStack;
import io.arplab.stack.NetDevice;
import io.arplab.wire.Bytes;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import io.arplab.wire.libc.CStrtol;
import io.arplab.wire.pcap.PcapRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * arpwatch 2.1a15 (Debian 2.1a15-8) in debug mode (-d): watches the ARP and RARP frames an interface receives, or
 * those of a capture file (-r, whose interface is "(from file)"), keeps its station database (ArpwatchDb: an
 * address's Ethernet addresses, newest first), and reports as the mail it would send, on stdout: "new station",
 * "changed ethernet address", "flip flop", "new activity"; -d -d makes each report one line on stderr, where the
 * syslog lines go too ("ethernet mismatch", "ethernet broadcast", "bogon", "reused old ethernet address",
 * "suppressed DECnet flip flop", "ignored"). -f's data file is read first and written back at the end (arp.dat- keeps
 * the old one). Unlike pcap's socket, the packet socket here does not see the frames this host sends itself.
 */
public final class Arpwatch implements Tool {
    /** The getopt(3) option string, as the real tool passes it. */
    static final String OPTSTRING = "adf:F:i:n:Nm:pQr:s:u:z:";

    static final String USAGE = "Version 2.1a15\n"
            + "usage: arpwatch [-dN] [-f datafile] [-F \"filter\" ][-i interface] [-n net[/width]] [-r file]"
            + " [-s sendmail_path] [-p] [-a] [-m addr] [-u username] [-Q] [-z ignorenet/ignoremask] \n";
    private static final String FROM_FILE = "(from file)";
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy H:mm:ss '+0000'", Locale.US).withZone(ZoneOffset.UTC);

    private ToolContext ctx;
    private HostStack stack;
    private Object socket;
    private int debug;
    private boolean noBogons, allSubnets;
    private String interfaceName;
    private String mailAddress = "root";
    private String arpFile;
    /** The interface's network and mask (pcap_lookupnet(); 0 and 0 for a capture file) and the -n networks. */
    private int net, netmask;
    private final List<int[]> nets = new java.util.ArrayList<>();
    /** -z: the network ignored; by default only 0.0.0.0 (main() sets the mask to 255.255.255.255 twice). */
    private int ignoreNet, ignoreMask = -1;
    private final ArpwatchDb db = new ArpwatchDb();

    @Override
    public void start(ToolContext ctx, List<String> args) {
        this.ctx = ctx;
        this.stack = ctx.stack();
        Getopt g = Getopt.parse("arpwatch", OPTSTRING, args);
        String intf = null;
        String rfile = null;
        for (Getopt.Opt o : g.options()) {
            if (o.failed()) {
                usage(); // arpwatch sets opterr = 0: no getopt message
                return;
            }
            switch (o.letter()) {
                case 'a' -> allSubnets = true;
                case 'd' -> debug++;
                case 'f' -> arpFile = o.argument();
                case 'i' -> intf = o.argument();
                case 'n' -> {
                    if (!addNet(o.argument())) {
                        usage();
                        return;
                    }
                }
                case 'N' -> noBogons = true;
                case 'm' -> mailAddress = o.argument();
                case 'r' -> rfile = o.argument();
                case 'z' -> { // strtok() at '/', each part by inet_aton() (a bad one leaves the value as it was)
                    String[] parts = o.argument().split("/+");
                    List<String> words = java.util.Arrays.stream(parts).filter(w -> !w.isEmpty()).toList();
                    Ipv4Address n = words.isEmpty() ? null : InetAton.aton(words.get(0));
                    Ipv4Address m = words.size() < 2 ? null : InetAton.aton(words.get(1));
                    ignoreNet = n == null ? ignoreNet : n.bits();
                    ignoreMask = m == null ? ignoreMask : m.bits();
                }
                default -> { } // -F -p -Q -s -u: accepted, no effect inside the lab (no mail, no privileges)
            }
        }
        if (!g.operands().isEmpty()) {
            usage();
            return;
        }
        if (debug == 0) {
            ctx.err().println("arpwatch: run it with -d inside the lab: reports go to stdout instead of mail");
            ctx.exit(1);
            return;
        }
        NetDevice dev = null;
        if (rfile != null) {
            interfaceName = FROM_FILE;
        } else {
            if (intf == null) {
                intf = stack.devices().stream().filter(d -> !d.loopback && d.isUp()).map(d -> d.name).findFirst()
                        .orElse("");
            }
            interfaceName = intf;
            dev = stack.device(intf);
            if (dev == null) {
                // lg(LOG_ERR, "pcap open ...") goes to syslog only: the terminal sees nothing (fuzz-tools seed 33)
                ctx.exit(1);
                return;
            }
            NetDevice.Address addr = dev.primary();
            if (addr != null) { // pcap_lookupnet(): the primary address's network
                netmask = Ipv4Address.netmask(addr.prefixLength());
                net = addr.address().bits() & netmask;
            }
        }
        if (arpFile != null && !readData()) {
            ctx.exit(1); // readdata(): fopen() failed, to syslog only
            return;
        }
        db.sort();
        if (rfile != null) {
            List<PcapRecord> records;
            try {
                records = io.arplab.wire.pcap.PcapReader.readAll(ctx.workDir().resolve(rfile));
            } catch (io.arplab.wire.pcap.PcapFormatException e) {
                ctx.exit(1); // "pcap open FILE: ..." to syslog only
                return;
            }
            for (PcapRecord r : records) {
                processEther(r.data(), r.capturedLength(), r.seconds());
            }
            ctx.exit(dump() ? 0 : 1);
            return;
        }
        socket = stack.openPacketSocket(dev, (now, f, pktType) ->
                processEther(f, f.length, (ctx.epochNanos() + now) / 1_000_000_000L));
        ctx.onInterrupt(() -> { // die(): checkpoint (the data file written) and exit(1)
            stack.closePacketSocket(socket);
            dump();
        });
    }

    private void usage() {
        ctx.err().print(USAGE);
        ctx.exit(1);
    }

    // addnet(): net[/width], the width at most 32 and nothing after it; the mask from the width or the class
    private boolean addNet(String str) {
        String n = str;
        int width = 0;
        int slash = str.indexOf('/');
        if (slash >= 0) {
            n = str.substring(0, slash);
            String w = str.substring(slash + 1);
            CStrtol v = CStrtol.scan(w, 10);
            if (v.end() != w.length() || v.asLong() > 32) {
                return false;
            }
            width = (int) v.asLong();
        }
        Ipv4Address a = InetAton.aton(n);
        if (a == null) {
            return false;
        }
        int mask = width > 0 ? Ipv4Address.netmask(width) : classMask(a.bits());
        nets.add(new int[] {a.bits() & mask, mask});
        return true;
    }

    // the class mask of an address without a width (addnet()'s "XXX hack")
    private static int classMask(int a) {
        int first = a >>> 24;
        return first < 128 ? 0xff00_0000 : first < 192 ? 0xffff_0000 : 0xffff_ff00;
    }

    /** process_ether() after sanity_ether(): an ARP or RARP frame's sender pair, checked, then to ent_add(). */
    private void processEther(byte[] f, int caplen, long t) {
        if (caplen < 42 || !sane(f)) {
            return;
        }
        long sea = Bytes.u48(f, 6);
        long sha = Bytes.u48(f, 22);
        int sia = Bytes.i32(f, 28);
        if (isBogon(sia)) {
            log("bogon", sia, sea, sha);
            if (!allSubnets) {
                return;
            }
        }
        if (sea == 0 || sea == 0xffff_ffff_ffffL || sha == 0 || sha == 0xffff_ffff_ffffL) {
            log("ethernet broadcast", sia, sea, sha);
            return;
        }
        if (sea != sha) {
            log("ethernet mismatch", sia, sea, sha);
            return;
        }
        if ((sia & ignoreMask) == ignoreNet) {
            if (debug > 0) {
                log("ignored", sia, sea, sha);
            }
            return;
        }
        db.add(sia, sea, t, shortName(sia), interfaceName, events);
    }

    // sanity_ether(): Ethernet or IEEE 802 hardware, IPv4 or trailer protocol, lengths 6 and 4; ARP requests and
    // replies and RARP replies only (its complaints go to syslog, which -d does not show)
    private static boolean sane(byte[] f) {
        int type = Bytes.u16(f, 12), hrd = Bytes.u16(f, 14), pro = Bytes.u16(f, 16), op = Bytes.u16(f, 20);
        if (hrd != 1 && hrd != 6 || pro != 0x0800 && pro != 0x1000 || f[18] != 6 || f[19] != 4) {
            return false;
        }
        return type == 0x0806 ? op == 1 || op == 2 : type == 0x8035 && op == 4;
    }

    // isbogon(): not on the interface's network nor on a -n one (with -N never)
    private boolean isBogon(int sia) {
        if (noBogons || (sia & netmask) == net) {
            return false;
        }
        for (int[] n : nets) {
            if ((sia & n[1]) == n[0]) {
                return false;
            }
        }
        return true;
    }

    private final ArpwatchDb.Events events = new ArpwatchDb.Events() {
        @Override
        public void report(String title, int a, long e, Long e2, long t, Long t2) {
            Arpwatch.this.report(title, a, e, e2, t, t2);
        }

        @Override
        public void log(String what, int a, long e, long e2) {
            Arpwatch.this.log(what, a, e, e2);
        }
    };

    /** dosyslog() under -d: "arpwatch: WHAT IP MAC [(OTHER MAC)] INTERFACE" on stderr. */
    private void log(String what, int a, long e, long e2) {
        ctx.err().println("arpwatch: " + what + " " + Ipv4Address.of(a) + " " + hex(e) + (e2 != e ? " (" + hex(e2)
                + ")" : "") + " " + interfaceName);
        ctx.err().flush();
    }

    /** report(): the mail, as -d prints it (-d -d: one syslog line instead). */
    private void report(String title, int a, long e, Long e2, long t, Long t2) {
        if (debug > 1) {
            log(title, a, e, e2 == null ? e : e2);
            return;
        }
        Ipv4Address ip = Ipv4Address.of(a);
        String hn = ctx.resolver().reverse(ip); // gethname(): the name, else the address
        hn = hn == null ? ip.toString() : hn;
        StringBuilder sb = new StringBuilder();
        sb.append("\nFrom: arpwatch (Arpwatch ").append(stack.name()).append(")\nTo: ").append(mailAddress)
                .append('\n');
        sb.append("Subject: ").append(title).append(" (").append(hn).append(") ").append(interfaceName)
                .append("\n\n");
        line(sb, "hostname", Character.isDigit(hn.charAt(0)) ? "<unknown>" : hn);
        line(sb, "ip address", ip.toString());
        line(sb, "interface", interfaceName);
        line(sb, "ethernet address", hex(e));
        line(sb, "ethernet vendor", "<unknown>");
        if (e2 != null) {
            line(sb, "old ethernet address", hex(e2));
            line(sb, "old ethernet vendor", "<unknown>");
        }
        line(sb, "timestamp", date(t));
        if (t2 != null) {
            line(sb, "previous timestamp", date(t2));
            if (t != 0 && t2 != 0) {
                line(sb, "delta", delta(t - t2));
            }
        }
        ctx.out().print(sb);
        ctx.out().flush();
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(" ".repeat(Math.max(0, 20 - key.length()))).append(key).append(": ").append(value).append('\n');
    }

    // fmtdate(): "<no date>" for 0
    private static String date(long t) {
        return t == 0 ? "<no date>" : STAMP.format(Instant.ofEpochSecond(t));
    }

    /**
     * fmtdelta(): the largest unit of the magnitude (seconds below a minute, then minutes, hours, days), the sign put
     * back and printed "%u" (a negative one wraps), plural unless it is 1 or -1.
     */
    static String delta(long t) {
        boolean minus = t < 0;
        long m = Math.abs(t);
        String unit;
        if (m < 60) {
            unit = "second";
        } else if (m < 3600) {
            m /= 60;
            unit = "minute";
        } else if (m < 86400) {
            m /= 3600;
            unit = "hour";
        } else {
            m /= 86400;
            unit = "day";
        }
        long v = minus ? -m : m;
        return (v & 0xffff_ffffL) + " " + unit + (v == 1 || v == -1 ? "" : "s");
    }

    // getsname(): the reverse name up to its first dot, or null
    private String shortName(int a) {
        String n = ctx.resolver().reverse(Ipv4Address.of(a));
        if (n == null || Character.isDigit(n.charAt(0))) {
            return "";
        }
        int dot = n.indexOf('.');
        n = dot > 0 ? n.substring(0, dot) : n;
        return n.length() > 33 ? n.substring(0, 33) : n;
    }

    /** readdata() with file_loop(): "ether\tip[\ttime[\thost[\tinterface]]]" lines, '#' comments skipped. */
    private boolean readData() {
        java.nio.file.Path p = ctx.workDir().resolve(arpFile);
        List<String> lines;
        try {
            lines = java.nio.file.Files.readAllLines(p, java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            return false;
        }
        int n = 0;
        for (String line : lines) {
            n++;
            if (line.startsWith("#")) {
                continue;
            }
            String[] w = line.split("\t", -1);
            if (w.length < 2) {
                ctx.err().println("file_loop: " + arpFile + ":" + n + " syntax error #1");
                continue;
            }
            long e = etherAddr(w[0]);
            if (e < 0) {
                ctx.err().println("file_loop: " + arpFile + ":" + n + " bad ether addr \"" + w[0] + "\"");
                continue;
            }
            Ipv4Address a = w[1].isEmpty() || !Character.isDigit(w[1].charAt(0)) ? ctx.resolver().resolve(w[1])
                    : InetAton.aton(w[1]);
            if (a == null) {
                ctx.err().println("file_loop: " + arpFile + ":" + n + " bad hostname \"" + w[1] + "\"");
                continue;
            }
            long t = w.length > 2 ? CStrtol.scan(w[2], 10).asLong() : 0; // atoi()
            db.add(a.bits(), e, t, w.length > 3 ? w[3] : "", w.length > 4 ? w[4] : "", ArpwatchDb.SILENT);
        }
        return true;
    }

    // str2e(): six hex bytes separated by ':' (one or two digits each)
    private static long etherAddr(String s) {
        String[] b = s.split(":", -1);
        if (b.length != 6) {
            return -1;
        }
        long e = 0;
        for (String x : b) {
            if (x.isEmpty() || x.length() > 2 || !x.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return -1;
            }
            e = e << 8 | Integer.parseInt(x, 16);
        }
        return e;
    }

    /** dump(): the database to FILE.new in ent_loop()'s order, FILE renamed FILE-, FILE.new renamed FILE. */
    private boolean dump() {
        if (arpFile == null) {
            return true;
        }
        StringBuilder sb = new StringBuilder();
        db.forEach((a, x) -> sb.append(hex(x.e)).append('\t').append(Ipv4Address.of(a)).append('\t')
                .append(x.t & 0xffff_ffffL).append('\t').append(x.h).append('\t').append(x.i).append('\n'));
        java.nio.file.Path p = ctx.workDir().resolve(arpFile);
        try {
            java.nio.file.Path old = p.resolveSibling(p.getFileName() + "-");
            java.nio.file.Files.move(p, old, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            java.nio.file.Files.writeString(p, sb, java.nio.charset.StandardCharsets.ISO_8859_1);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static String hex(long mac) {
        return MacAddress.of(mac).toString();
    }
}
