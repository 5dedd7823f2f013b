package io.arplab.tools;

import io.arplab.runtime.Timer;
import io.arplab.stack.Errno;
import io.arplab.stack.HostStack;
import io.arplab.stack.NetDevice;
import io.arplab.wire.ArpFrames;
import io.arplab.wire.Bytes;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import io.arplab.wire.libc.CLib;
import io.arplab.wire.libc.CStrtol;
import java.util.ArrayList;
import java.util.List;

/**
 * arp-scan 1.10.0: ARP requests to every target (addresses, a.b.c.d/n, a.b.c.d-e.f.g.h, a.b.c.d:mask, --localnet)
 * one per interval, each host retried (--retry total attempts, default 2) after its timeout (500 ms, times the
 * backoff 1.5 per retry) until it answers; one line per answer and the summary lines. The interval defaults to the
 * time a 42-byte frame and 24 bytes of overhead take at 256000 bit/s. Vendors: "(Unknown: locally administered)"
 * or "(Unknown)" (no OUI file is read).
 */
public final class ArpScan implements Tool {
    static final String VERSION = "arp-scan 1.10.0";
    private static final String TRY = "Usage: arp-scan [options] [hosts...]\n"
            + "Use \"arp-scan --help\" for detailed information on the available options.\n";
    private static final int MAX_HOSTS = 1 << 20;

    /** One target: address, attempts so far, when it was last sent to, and its current timeout (ns). */
    private static final class Target {
        final int ip;
        int sent;
        long lastSent;
        long timeout;

        Target(int ip, long timeout) {
            this.ip = ip;
            this.timeout = timeout;
        }
    }

    private ToolContext ctx;
    private HostStack stack;
    private NetDevice dev;
    private Object socket;
    private final List<Target> live = new ArrayList<>();
    private int cursor;
    private int hosts;
    private int responders;
    private int received;
    private int retry = 2;
    private long timeout = 500_000_000L;
    private String intf;
    private boolean localnet;
    private double backoff = 1.5;
    private long interval = -1;
    private boolean quiet;
    /** -O (--ouifile) and -m (--macfile): vendor files other than the installed ones, which open. */
    private String ouiFile;
    private String macFile;
    private boolean plain;
    private boolean numeric;
    /** -D (--rtt): each reply's round trip after the vendor. */
    private boolean rtt;
    /** -d (--resolve): each reply's host name (getnameinfo()) in place of its address. */
    private boolean resolve;
    /** -F (--format): the template each reply is printed by, else the default line. */
    private ArpScanFormat format;
    private int myIp;
    private long lastPacket = Long.MIN_VALUE;
    private long start;
    private Timer wake;

    @Override
    public void start(ToolContext ctx, List<String> args) {
        this.ctx = ctx;
        this.stack = ctx.stack();
        try {
            if (run(args)) {
                return;
            }
        } catch (Getopt.ToolError e) {
            ctx.err().print(e.getMessage());
            ctx.exit(e.status());
        }
    }

    private boolean run(List<String> args) {
        List<String> targets = new ArrayList<>();
        // getopt_long_only(): "--name" and "-name" are long options (abbreviations allowed); a word that is no long
        // option but starts with a letter of short_options is a cluster of short options ("-qx", "-r3")
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                targets.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (!a.startsWith("-") || a.equals("-")) {
                targets.add(a);
                continue;
            }
            boolean dashdash = a.startsWith("--");
            String prefix = dashdash ? "--" : "-";
            int eq = a.indexOf('=');
            String body = a.substring(prefix.length(), eq < 0 ? a.length() : eq);
            List<LongOpt> found = dashdash || a.length() > 2 || SHORTOPTS.indexOf(a.charAt(1)) < 0
                    ? longOptions(body) : List.of();
            if (found.size() > 1) {
                StringBuilder m = new StringBuilder("arp-scan: option '" + a + "' is ambiguous; possibilities:");
                found.forEach(o -> m.append(" '").append(prefix).append(o.name()).append('\''));
                throw new Getopt.ToolError(m + "\n" + TRY, 1);
            }
            // getopt_long_only(): a word whose first letter strchr() finds in short_options (':' too) is a cluster
            if (found.isEmpty() && (dashdash || SHORTOPTS.indexOf(a.charAt(1)) < 0)) {
                throw new Getopt.ToolError("arp-scan: unrecognized option '" + a + "'\n" + TRY, 1);
            }
            if (!found.isEmpty()) {
                LongOpt o = found.get(0);
                String value = eq < 0 ? null : a.substring(eq + 1);
                if (!o.takesValue() && value != null) {
                    throw new Getopt.ToolError("arp-scan: option '" + prefix + o.name()
                            + "' doesn't allow an argument\n" + TRY, 1);
                }
                if (o.takesValue() && value == null) {
                    if (i + 1 == args.size()) {
                        throw new Getopt.ToolError("arp-scan: option '" + prefix + o.name()
                                + "' requires an argument\n" + TRY, 1);
                    }
                    value = args.get(++i);
                }
                if (apply(o.letter() == 0 ? o.name() : shortName(o.letter()), value)) {
                    return true;
                }
                continue;
            }
            for (int k = 1; k < a.length(); k++) {
                char c = a.charAt(k);
                int at = c == ':' ? -1 : SHORTOPTS.indexOf(c);
                if (at < 0) {
                    throw new Getopt.ToolError("arp-scan: invalid option -- '" + c + "'\n" + TRY, 1);
                }
                if (at + 1 < SHORTOPTS.length() && SHORTOPTS.charAt(at + 1) == ':') {
                    String value = k + 1 < a.length() ? a.substring(k + 1) : i + 1 < args.size() ? args.get(++i) : null;
                    if (value == null) {
                        throw new Getopt.ToolError("arp-scan: option requires an argument -- '" + c + "'\n" + TRY, 1);
                    }
                    if (apply(shortName(c), value)) {
                        return true;
                    }
                    break;
                }
                if (apply(shortName(c), null)) {
                    return true;
                }
            }
        }
        if (targets.isEmpty() && !localnet) {
            throw new Getopt.ToolError(
                    "ERROR: No target hosts on command line and neither --file or --localnet options given\n", 1);
        }
        if (intf == null) {
            intf = stack.devices().stream().filter(d -> !d.loopback && d.isUp()).map(d -> d.name).findFirst()
                    .orElse("lo");
        }
        dev = stack.device(intf);
        if (dev == null) {
            throw new Getopt.ToolError("pcap_activate: " + intf + ": No such device exists\n(No such device exists)\n", 1);
        }
        if (!dev.isUp()) { // pcap_activate(): PCAP_ERROR_IFACE_NOT_UP
            throw new Getopt.ToolError("pcap_activate: " + intf + ": That device is not up\n", 1);
        }
        if (dev.macBits() == 0) { // a device without a MAC address (lo) is no interface arp-scan can use
            throw new Getopt.ToolError("ERROR: Could not obtain MAC address for interface " + intf + "\n", 1);
        }
        NetDevice.Address addr = dev.primary();
        myIp = addr == null ? 0 : addr.address().bits();
        if (!plain) ctx.out().println("Interface: " + intf + ", type: EN10MB, MAC: " + MacAddress.of(dev.macBits()) + ", IPv4: "
                + (addr == null ? "(none)" : addr.address()));
        if (interval < 0) {
            interval = (42 + 24) * 8L * 1_000_000_000L / 256_000;
        }
        if (!quiet) { // main(): the vendor files load after the interface line, before the targets
            for (String f : new String[] {ouiFile, macFile}) {
                if (f != null && (f.isEmpty() || !java.nio.file.Files.isReadable(ctx.workDir().resolve(f)))) {
                    // add_mac_vendor(): fopen() fails (a directory opens)
                    ctx.err().println("WARNING: Cannot open MAC/Vendor file " + f + ": " + Errno.ENOENT.text);
                }
            }
        }
        if (localnet && addr != null) {
            int mask = Ipv4Address.netmask(addr.prefixLength());
            addRange(addr.address().bits() & mask, addr.address().bits() | ~mask);
        }
        for (String t : targets) {
            if (!addTarget(t)) {
                // get_host_address(): with -N inet_pton() only, its own message
                ctx.err().println("WARNING: " + (numeric ? "\"" + t + "\" is not a valid IPv4 address"
                        : "get_host_address failed for \"" + t + "\": " + ctx.resolver().lookupError())
                        + " - target ignored");
            }
        }
        hosts = live.size();
        if (hosts == 0) {
            throw new Getopt.ToolError("ERROR: No hosts to process.\n", 1);
        }
        if (!plain) {
            ctx.out().println("Starting " + VERSION + " with " + hosts
                    + " hosts (https://github.com/royhills/arp-scan)");
        }
        socket = stack.openPacketSocket(dev, this::frame);
        ctx.onInterrupt(() -> stack.closePacketSocket(socket));
        start = ctx.now();
        loop(start);
        return true;
    }

    /** arp-scan.c's short_options (1.10.0). */
    private static final String SHORTOPTS = "f:hr:Y:E:t:i:b:vVn:I:qgRNB:O:s:o:H:p:T:P:a:A:y:u:w:S:F:m:lLQ:W:DxM:dk:";
    /** One option as getopt_long_only() hands it over: arp-scan acts on each at once (a bad value ends the parse). */
    private boolean apply(String name, String value) {
        switch (name) {
            case "interface" -> intf = value;
            case "localnet" -> localnet = true;
            case "retry" -> retry = (int) number(value);
            // an unsigned of ms, which add_host() makes he->timeout, an unsigned of us (host_timeout * 1000 wraps)
            case "timeout" -> timeout = ((number(value) & 0xffff_ffffL) * 1000 & 0xffff_ffffL) * 1000L;
            case "backoff" -> backoff = Double.parseDouble(value);
            case "interval" -> interval = duration(value);
            case "bandwidth" -> interval = (42 + 24) * 8L * 1_000_000_000L / Math.max(1, bandwidth(value));
            case "quiet" -> quiet = true;
            case "plain" -> plain = true;
            case "rtt" -> rtt = true;
            case "numeric" -> numeric = true;
            case "d" -> resolve = true;
            case "help" -> {
                try (var in = ArpScan.class.getResourceAsStream("arp-scan-help.txt")) {
                    ctx.out().print(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                ctx.exit(0);
                return true;
            }
            case "version" -> {
                ctx.out().print(VERSION + "\n\nCopyright (C) 2005-2022 Roy Hills\n"
                        + "License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>\n"
                        + "This is free software: you are free to change and redistribute it.\n"
                        + "There is NO WARRANTY, to the extent permitted by law.\n\n"
                        + "libpcap version 1.10.3 (with TPACKET_V3)\n"
                        + "Built with libcap POSIX.1e capability support.\n");
                ctx.exit(0);
                return true;
            }
            // --arphrd, --arppro, --arphln, --arppln, --arpop, --prototype, --vlan, --limit, --snap, --retry-send:
            // Strtol(optarg, 0), a bad number refused as it is read
            case "H", "p", "a", "P", "o", "y", "Q", "M", "n", "Y" -> strtol(value);
            case "E" -> duration(value); // --retry-send-interval: str_to_interval()
            case "F" -> format = ArpScanFormat.parse(value); // format_parse() at once: its error ends the parse
            case "u" -> etherAddr(value, "Invalid source MAC address: ");
            case "w", "S", "T" -> etherAddr(value, "Invalid target MAC address: "); // main()'s messages, as they are
            case "A" -> { // --padding: hex2data() of an even number of digits
                if (value.length() % 2 != 0) {
                    throw new Getopt.ToolError(
                            "ERROR: Length of --padding argument must be even (multiple of 2).\n", 1);
                }
            }
            case "O" -> ouiFile = value;
            case "m" -> macFile = value;
            default -> { } // an option arp-scan takes that changes nothing arplab prints
        }
        return false;
    }

    /** One of arp-scan.c's long_options: its name, has_arg (required or none) and val (0: no short letter). */
    private record LongOpt(String name, boolean takesValue, char letter) {}

    /** arp-scan.c's long_options (1.10.0), in their order. */
    private static final List<LongOpt> LONG = List.of(new LongOpt("file", true, 'f'),
            new LongOpt("help", false, 'h'), new LongOpt("retry", true, 'r'), new LongOpt("retry-send", true, 'Y'),
            new LongOpt("retry-send-interval", true, 'E'), new LongOpt("timeout", true, 't'),
            new LongOpt("interval", true, 'i'), new LongOpt("backoff", true, 'b'), new LongOpt("verbose", false, 'v'),
            new LongOpt("version", false, 'V'), new LongOpt("snap", true, 'n'), new LongOpt("interface", true, 'I'),
            new LongOpt("quiet", false, 'q'), new LongOpt("ignoredups", false, 'g'),
            new LongOpt("random", false, 'R'), new LongOpt("numeric", false, 'N'),
            new LongOpt("bandwidth", true, 'B'), new LongOpt("ouifile", true, 'O'), new LongOpt("macfile", true, 'm'),
            new LongOpt("arpspa", true, 's'), new LongOpt("arpop", true, 'o'), new LongOpt("arphrd", true, 'H'),
            new LongOpt("arppro", true, 'p'), new LongOpt("destaddr", true, 'T'), new LongOpt("arppln", true, 'P'),
            new LongOpt("arphln", true, 'a'), new LongOpt("padding", true, 'A'),
            new LongOpt("prototype", true, 'y'), new LongOpt("arpsha", true, 'u'), new LongOpt("arptha", true, 'w'),
            new LongOpt("srcaddr", true, 'S'), new LongOpt("localnet", false, 'l'), new LongOpt("llc", false, 'L'),
            new LongOpt("vlan", true, 'Q'), new LongOpt("pcapsavefile", true, 'W'),
            new LongOpt("writepkttofile", true, '\0'), new LongOpt("readpktfromfile", true, '\0'),
            new LongOpt("rtt", false, 'D'), new LongOpt("plain", false, 'x'), new LongOpt("randomseed", true, '\0'),
            new LongOpt("limit", true, 'M'), new LongOpt("resolve", false, 'd'), new LongOpt("format", true, 'F'));

    /**
     * glibc's process_long_option() under getopt_long_only(): the option named exactly, else every option the name
     * abbreviates (under long_only two are ambiguous whatever they take; the empty name of "-=x" abbreviates all).
     */
    private static List<LongOpt> longOptions(String name) {
        for (LongOpt o : LONG) {
            if (o.name().equals(name)) {
                return List.of(o);
            }
        }
        return LONG.stream().filter(o -> o.name().startsWith(name)).toList();
    }

    private static String shortName(char c) {
        return switch (c) {
            case 'I' -> "interface";
            case 'l' -> "localnet";
            case 'r' -> "retry";
            case 'i' -> "interval";
            case 't' -> "timeout";
            case 'b' -> "backoff";
            case 'B' -> "bandwidth";
            case 'q' -> "quiet";
            case 'x' -> "plain";
            case 'D' -> "rtt";
            case 'N' -> "numeric";
            case 'V' -> "version";
            case 'h' -> "help";
            default -> String.valueOf(c);
        };
    }

    /** utils.c Strtoul(): strtoul(nptr, &end, 10) with nothing but white space after the digits. */
    private static long number(String s) {
        return whole(s, CStrtol.scan(s, 10)).asUnsignedLong();
    }

    /** utils.c Strtol(nptr, 0): strtol() in base 0 (0x hex, 0 octal) with nothing but white space after it. */
    private static void strtol(String s) {
        whole(s, CStrtol.scan(s, 0));
    }

    // Strtoul() and Strtol(): no digits converted, or anything but white space after them, is an error
    private static CStrtol whole(String s, CStrtol n) {
        if (!n.converted() || n.end() < s.length() && !Character.isWhitespace(s.charAt(n.end()))) {
            throw new Getopt.ToolError("ERROR: \"" + s + "\" is not a valid numeric value\n", 1);
        }
        return n;
    }

    /** get_ether_addr(): sscanf()'s six %x separated by ':', else by '-'; fewer is main()'s error. */
    private static void etherAddr(String s, String error) {
        if (hexFields(s, ':') < 6 && hexFields(s, '-') < 6) {
            throw new Getopt.ToolError(error + s + "\n", 1);
        }
    }

    // sscanf("%x<sep>%x..."): each %x skips white space, takes a sign, a 0x prefix and at least one hex digit
    private static int hexFields(String s, char sep) {
        int i = 0;
        for (int n = 0; n < 6; n++) {
            if (n > 0) {
                if (i >= s.length() || s.charAt(i) != sep) {
                    return n;
                }
                i++;
            }
            while (i < s.length() && CStrtol.isSpace(s.charAt(i))) {
                i++;
            }
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            if (i + 2 < s.length() && s.charAt(i) == '0' && (s.charAt(i + 1) | 0x20) == 'x'
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                i += 2;
            }
            int from = i;
            while (i < s.length() && s.charAt(i) < 128 && Character.digit(s.charAt(i), 16) >= 0) {
                i++;
            }
            if (i == from) {
                return n;
            }
        }
        return 6;
    }

    /** str_to_interval(): milliseconds, or with a u (µs) or s suffix. */
    private static long duration(String s) {
        return multiplied(s, "interval", c -> c == 'u' || c == 'U' ? 1_000L : c == 's' || c == 'S' ? 1_000_000_000L
                : -1, 1_000_000L);
    }

    /** str_to_bandwidth(): bits per second, or with a K (1000) or M (1000000) suffix. */
    private static long bandwidth(String s) {
        return multiplied(s, "bandwidth", c -> c == 'k' || c == 'K' ? 1_000L : c == 'm' || c == 'M' ? 1_000_000L : -1,
                1);
    }

    // str_to_interval() and str_to_bandwidth(): the last character, unless a digit, is the unit (an unknown one
    // refused by name), and what comes before it a number
    private static long multiplied(String s, String what, java.util.function.IntToLongFunction unit, long plain) {
        char c = s.isEmpty() ? '0' : s.charAt(s.length() - 1);
        if (Character.isDigit(c)) {
            return number(s) * plain;
        }
        long m = unit.applyAsLong(c);
        if (m < 0) {
            throw new Getopt.ToolError("ERROR: Unknown " + what + " multiplier character: \"" + c + "\"\n", 1);
        }
        return number(s.substring(0, s.length() - 1)) * m;
    }

    /** add_host_pattern(): one address, a prefix, a mask or a range; false when the name does not resolve. */
    private boolean addTarget(String t) {
        // its patterns, found anywhere in the word (regexec() without anchors): a.b.c.d/bits, a.b.c.d:mask and
        // a.b.c.d-a.b.c.d, each then split at its first '/', ':' or '-', the addresses read by inet_aton() (what white
        // space ends) and refused by name; anything else is a host name
        if (BITS.matcher(t).find()) {
            int slash = t.indexOf('/');
            Ipv4Address base = address(t.substring(0, slash));
            long bits = number(t.substring(slash + 1));
            if (bits < 3 || bits > 32) {
                throw new Getopt.ToolError("ERROR: Number of bits in " + t + " must be between 3 and 32\n", 1);
            }
            int mask = Ipv4Address.netmask((int) bits);
            addRange(base.bits() & mask, base.bits() | ~mask);
            return true;
        }
        if (MASK.matcher(t).find()) {
            int colon = t.indexOf(':');
            Ipv4Address base = address(t.substring(0, colon));
            Ipv4Address mask4 = InetAton.aton(t.substring(colon + 1));
            if (mask4 == null) { // add_host_pattern()'s err_msg() names patcopy, the IPnet part, not the mask
                throw new Getopt.ToolError("ERROR: " + t.substring(0, colon) + " is not a valid netmask\n", 1);
            }
            int mask = mask4.bits();
            addRange(base.bits() & mask, base.bits() | ~mask);
            return true;
        }
        if (RANGE.matcher(t).find()) {
            int dash = t.indexOf('-');
            Ipv4Address from = address(t.substring(0, dash));
            Ipv4Address to = address(t.substring(dash + 1));
            addRange(from.bits(), to.bits());
            return true;
        }
        // get_host_address(): inet_pton() with -N, else getaddrinfo(), whose numeric hosts are inet_aton()'s ("17")
        Ipv4Address a = numeric ? Ipv4Address.tryParse(t) : InetAton.resolve(t, ctx.resolver());
        if (a == null) {
            return false;
        }
        live.add(new Target(a.bits(), timeout));
        return true;
    }

    private static final String QUAD = "[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+";
    private static final java.util.regex.Pattern BITS = java.util.regex.Pattern.compile(QUAD + "/[0-9]+");
    private static final java.util.regex.Pattern MASK = java.util.regex.Pattern.compile(QUAD + ":" + QUAD);
    private static final java.util.regex.Pattern RANGE = java.util.regex.Pattern.compile(QUAD + "-" + QUAD);

    /** A pattern's address as inet_aton() reads it, else arp-scan's error naming it. */
    private static Ipv4Address address(String s) {
        Ipv4Address a = InetAton.aton(s);
        if (a == null) {
            throw new Getopt.ToolError("ERROR: " + s + " is not a valid IP address\n", 1);
        }
        return a;
    }

    private void addRange(int from, int to) {
        for (long a = from & 0xffff_ffffL; a <= (to & 0xffff_ffffL); a++) {
            if (live.size() >= MAX_HOSTS) {
                throw new Getopt.ToolError("ERROR: too many hosts (" + MAX_HOSTS + " at most here)\n", 1);
            }
            live.add(new Target((int) a, timeout));
        }
    }

    /** The main loop of arp-scan: send to the host at the cursor when the interval and its timeout allow. */
    private void loop(long now) {
        wake = null;
        if (ctx.finished()) {
            return; // interrupted
        }
        long next;
        if (live.isEmpty()) {
            finish(now);
            return;
        }
        if (lastPacket == Long.MIN_VALUE || now - lastPacket >= interval) {
            Target t = live.get(cursor);
            if (t.sent == 0 || now - t.lastSent >= t.timeout) {
                if (t.sent >= retry) {
                    live.remove(cursor); // remove_host(): no answer within its last timeout
                    if (cursor >= live.size()) {
                        cursor = 0;
                    }
                    next = now;
                } else {
                    if (t.sent > 0) {
                        t.timeout = (long) (t.timeout * backoff);
                    }
                    send(t, now);
                    lastPacket = now;
                    cursor = live.isEmpty() ? 0 : (cursor + 1) % live.size();
                    next = now + interval;
                }
            } else {
                // the next host is not ready either: select_timeout, an int of us, is what is left of its timeout;
                // past INT_MAX it is negative and recvfrom_wto()'s select() fails (EINVAL), err_sys() exits
                if ((int) ((t.timeout - (now - t.lastSent)) / 1000) < 0) {
                    stack.closePacketSocket(socket);
                    ctx.err().print("select: " + Errno.EINVAL.text + "\n");
                    ctx.exit(1);
                    return;
                }
                next = t.lastSent + t.timeout;
            }
        } else {
            next = lastPacket + interval;
        }
        wake = ctx.at(Math.max(next, now), this::loop);
    }

    private void send(Target t, long now) {
        byte[] f = new byte[ArpFrames.FRAME_LENGTH];
        ArpFrames.write(f, 0, 0xffff_ffff_ffffL, dev.macBits(), 1, dev.macBits(), myIp, 0, t.ip);
        t.sent++;
        t.lastSent = now;
        if (dev.isUp()) {
            ctx.act(out -> stack.sendRaw(dev, f, out));
        }
    }

    /** A reply to us (the pcap filter "ether dst MAC and arp"): display it once and drop its host from the scan. */
    private void frame(long now, byte[] f, int pktType) {
        if (f.length < 42 || Bytes.u48(f, 0) != dev.macBits() || Bytes.u16(f, 20) != 2) {
            return;
        }
        received++;
        int spa = Bytes.i32(f, 28);
        for (int i = 0; i < live.size(); i++) {
            if (live.get(i).ip == spa) {
                long sentAt = live.get(i).lastSent;
                live.remove(i);
                if (i < cursor) {
                    cursor--;
                }
                if (cursor >= live.size()) {
                    cursor = 0;
                }
                responders++;
                ctx.out().println(line(f, (now - sentAt) / 1000));
                if (live.isEmpty()) {
                    if (wake != null) {
                        ctx.cancel(wake);
                    }
                    finish(now);
                }
                return;
            }
        }
    }

    /** display_packet(): the reply's fields (IP, MAC, HdrMAC when the frame's source differs, Vendor, RTT but -q). */
    private String line(byte[] f, long rttMicros) {
        long sha = Bytes.u48(f, 22);
        java.util.Map<String, String> v = new java.util.HashMap<>();
        Ipv4Address ip = Ipv4Address.of(Bytes.i32(f, 28));
        v.put("ip", ip.toString());
        if (resolve) { // get_host_name(): getnameinfo() with no flags, its failure warned about
            String name = ctx.resolver().nameInfo(ip);
            if (name == null) {
                ctx.err().println("WARNING: getnameinfo() failed for \"" + ip + "\": Temporary failure in name"
                        + " resolution");
            } else {
                v.put("name", name);
            }
        }
        v.put("mac", MacAddress.of(sha).toString());
        if (Bytes.u48(f, 6) != sha) {
            v.put("hdrmac", MacAddress.of(Bytes.u48(f, 6)).toString());
        }
        if (!quiet) {
            v.put("vendor", (sha & 0x0200_0000_0000L) != 0 ? "(Unknown: locally administered)" : "(Unknown)");
            if (rtt) { // the reply's pcap time less the host's last_send_time
                v.put("rtt", String.format("%d.%03d", rttMicros / 1000, rttMicros % 1000));
            }
        }
        if (format != null) {
            return format.render(v, ctx.err()::println);
        }
        // with -d the Name field, printed "%s" even when getnameinfo() failed (glibc's "(null)")
        String line = (resolve ? v.getOrDefault("name", "(null)") : v.get("ip")) + "\t" + v.get("mac")
                + (v.containsKey("hdrmac") ? " (" + v.get("hdrmac") + ")" : "");
        if (v.containsKey("vendor")) {
            line += "\t" + v.get("vendor");
        }
        return v.containsKey("rtt") ? line + "\tRTT=" + v.get("rtt") + " ms" : line;
    }

    private void finish(long now) {
        stack.closePacketSocket(socket);
        if (!plain) {
            double secs = (now - start) / 1e9;
            ctx.out().println();
            ctx.out().println(received + " packets received by filter, 0 packets dropped by kernel");
            ctx.out().println("Ending " + VERSION + ": " + hosts + " hosts scanned in " + CLib.fixed(secs, 3)
                    + " seconds (" + CLib.fixed(secs > 0 ? hosts / secs : 0.0, 2) + " hosts/sec). " + responders
                    + " responded");
        }
        ctx.exit(0);
    }
}
