package io.arplab.tools;

import io.arplab.runtime.Timer;
import io.arplab.stack.Errno;
import io.arplab.stack.HostStack;
import io.arplab.stack.NetDevice;
import io.arplab.wire.Bytes;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import io.arplab.wire.libc.CLib;
import io.arplab.wire.libc.CStrtod;
import io.arplab.wire.libc.CStrtol;
import java.util.ArrayList;
import java.util.List;

/**
 * arp-scan 1.10.0 (arp-scan.c): ARP requests to every target (addresses, a.b.c.d/n, a.b.c.d-e.f.g.h, a.b.c.d:mask,
 * --localnet, --file) one per interval, each host sent to again (--retry attempts in all, default 2) after its
 * timeout (500 ms, times the backoff 1.5 per retry) until it answers; one line per answer, duplicates marked, and
 * the summary lines. The request's every field comes from an option (--arpspa, --srcaddr, --arpop, --vlan, --llc,
 * --padding...). Vendors: "(Unknown: locally administered)" or "(Unknown)" (no OUI file is read).
 */
public final class ArpScan implements Tool {
    static final String VERSION = "arp-scan 1.10.0";
    private static final int MAX_HOSTS = 1 << 20;
    private static final int DEFAULT_BANDWIDTH = 256_000, MAX_FRAME = 2048, PACKET_OVERHEAD = 18;
    private static final int MINIMUM_FRAME_SIZE = 46, ETHER_HDR_SIZE = 14, ARP_PKT_SIZE = 28, MAXLINE = 255;

    /** A host_entry: its address, whether it awaits an answer, packets sent and answers, last send (ns), timeout (us). */
    private static final class Host {
        final int ip;
        boolean live = true;
        int numSent;
        int numRecv;
        long lastSend = Long.MIN_VALUE;
        long timeout;

        Host(int ip, long timeout) {
            this.ip = ip;
            this.timeout = timeout;
        }
    }

    private ToolContext ctx;
    private HostStack stack;
    private NetDevice dev;
    private Object socket;
    /** helist in the order added, and helistptr, the order sent in (shuffled by --random); cursor indexes the latter. */
    private final List<Host> helist = new ArrayList<>();
    private Host[] order;
    private int cursor;
    private int liveCount;
    private int responders;
    private int received;
    private int verbose;
    private long retry = 2;
    /** --timeout (ms) and --interval (us), unsigned; the bandwidth in bit/s. */
    private long timeout = 500;
    private long interval;
    private long bandwidth = DEFAULT_BANDWIDTH;
    private float backoff = 1.5f;
    private String intf;
    private boolean localnet;
    private String fileName;
    private boolean quiet;
    private boolean ignoreDups;
    private boolean random;
    private int randomSeed;
    private long hostLimit;
    private int snaplen = 64;
    /** -O (--ouifile) and -m (--macfile): vendor files other than the installed ones, which open. */
    private String ouiFile;
    private String macFile;
    /** The MAC/vendor table (but with -q). */
    private ArpScanVendors vendors;
    private String pcapSaveFile;
    private io.arplab.wire.pcap.PcapWriter pcapDump;
    private boolean plain;
    private boolean numeric;
    /** -D (--rtt): each reply's round trip after the vendor. */
    private boolean rtt;
    /** -d (--resolve): each reply's host name (getnameinfo()) in place of its address. */
    private boolean resolve;
    /** -F (--format): the template each reply is printed by, else the default line. */
    private ArpScanFormat format;
    // the request's fields (send_packet()): Ethernet destination and source, type, the ARP header, padding, framing
    private long targetMac = 0xffff_ffff_ffffL, sourceMac = -1, arpSha = -1, arpTha;
    private int ethPro = 0x0806, arpHrd = 1, arpPro = 0x0800, arpHln = 6, arpPln = 4, arpOp = 1;
    private int arpSpa;
    private boolean arpSpaFlag, arpSpaIsTpa, llc;
    private int vlan = -1;
    private byte[] padding;
    // the main loop's state (main()): the last send, the interval it asks for now and the error it has built up
    private long lastPacket = Long.MIN_VALUE;
    private long reqInterval;
    private int cumErr;
    private boolean resetCumErr = true;
    private int passNo;
    private boolean firstTimeout = true;
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
        if (ArpScanGetopt.parse(args, targets, this::apply)) {
            return true;
        }
        if (targets.isEmpty() && fileName == null && !localnet) {
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
        sourceMac = sourceMac < 0 ? dev.macBits() : sourceMac;
        arpSha = arpSha < 0 ? dev.macBits() : arpSha;
        NetDevice.Address addr = dev.primary();
        if (!arpSpaFlag) {
            if (addr == null) { // get_source_ip() failed
                ctx.err().print("WARNING: Could not obtain IP address for interface " + intf + ". Using 0.0.0.0 for\n"
                        + "the source address, which may not be what you want.\n"
                        + "Either configure " + intf + " with an IP address, or manually specify the address\n"
                        + "with the --arpspa option.\n");
            }
            arpSpa = addr == null ? 0 : addr.address().bits();
        }
        if (!plain) {
            ctx.out().println("Interface: " + intf + ", type: EN10MB, MAC: " + MacAddress.of(dev.macBits())
                    + ", IPv4: " + (addr == null ? "(none)" : addr.address()));
        }
        if (localnet && addr == null) { // pcap_lookupnet() fails
            throw new Getopt.ToolError("ERROR: Could not obtain interface IP address and netmask\n"
                    + "ERROR: pcap_lookupnet: " + intf + ": no IPv4 address assigned\n", 1);
        }
        if (verbose > 1) {
            String m = MacAddress.of(arpSha).toString();
            ctx.err().println("DEBUG: pcap filter string: \"ether dst " + m + " and (arp or (ether[14:4]=0xaaaa0300 and "
                    + "ether[20:2]=0x0806) or (ether[12:2]=0x8100 and ether[16:2]=0x0806) or (ether[12:2]=0x8100 and "
                    + "ether[18:4]=0xaaaa0300 and ether[24:2]=0x0806))\"");
        }
        if (pcapSaveFile != null) { // pcap_dump_open()
            try {
                pcapDump = new io.arplab.wire.pcap.PcapWriter(new java.io.BufferedOutputStream(java.nio.file.Files
                        .newOutputStream(ctx.workDir().resolve(pcapSaveFile))), 1, snaplen, false);
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                throw new Getopt.ToolError("pcap_dump_open: " + pcapSaveFile + ": " + Errno.ENOENT.text + "\n", 1);
            }
            ctx.onExit(pcapDump::close);
        }
        if (interval != 0 && bandwidth != DEFAULT_BANDWIDTH) {
            throw new Getopt.ToolError("ERROR: You cannot specify both --bandwidth and --interval.\n", 1);
        }
        if (localnet && !targets.isEmpty()) {
            throw new Getopt.ToolError("ERROR: You can not specify targets with the --localnet option\n", 1);
        }
        if (localnet && fileName != null) {
            throw new Getopt.ToolError("ERROR: You can not specify both --file and --localnet options\n", 1);
        }
        if (!quiet) { // main(): the vendor files load after the interface line, before the targets
            ArpScanVendors oui = vendorFile(ouiFile, ArpScanVendors.OUI_FILE, "IEEE OUI/Vendor");
            ArpScanVendors mac = vendorFile(macFile, ArpScanVendors.MAC_FILE, "MAC/Vendor");
            vendors = ouiFile == null && macFile == null ? ArpScanVendors.installed() : ArpScanVendors.of(oui, mac);
        }
        if (fileName != null) {
            for (String word : fileWords()) {
                addHostPattern(word);
            }
        } else if (localnet) {
            int mask = Ipv4Address.netmask(addr.prefixLength());
            String descr = Ipv4Address.of(addr.address().bits() & mask) + ":" + Ipv4Address.of(mask);
            if (verbose > 0) {
                ctx.err().println("Using " + descr + " for localnet");
            }
            addHostPattern(descr);
        } else {
            targets.forEach(this::addHostPattern);
        }
        if (helist.isEmpty()) {
            throw new Getopt.ToolError("ERROR: No hosts to process.\n", 1);
        }
        order = helist.toArray(new Host[0]);
        liveCount = order.length;
        if (random) { // Knuth's shuffle, seeded by --randomseed or by the time and pid
            Mt19937 mt = new Mt19937(randomSeed != 0 ? randomSeed
                    : (int) ((ctx.epochNanos() + ctx.now()) / 1000 % 1_000_000) ^ ctx.pid());
            for (int i = order.length - 1; i > 0; i--) {
                int r = (int) (mt.nextReal2() * i);
                Host t = order[i];
                order[i] = order[r];
                order[r] = t;
            }
        }
        if (interval == 0) { // the interval that gives the bandwidth, from the request's size
            long len = Math.max(request(null).length, MINIMUM_FRAME_SIZE) + PACKET_OVERHEAD;
            interval = len * 8 * 1_000_000 / bandwidth & 0xffff_ffffL;
            if (verbose > 1) {
                ctx.err().println("DEBUG: pkt len=" + len + " bytes, bandwidth=" + bandwidth + " bps, interval="
                        + interval + " us");
            }
        }
        if (!plain) {
            ctx.out().println("Starting " + VERSION + " with " + order.length
                    + " hosts (https://github.com/royhills/arp-scan)");
        }
        if (verbose > 2) { // dump_list()
            ctx.out().print("Host List:\n\nEntry\tIP Address\n");
            for (int i = 0; i < order.length; i++) {
                ctx.out().println((i + 1) + "\t" + Ipv4Address.of(order[i].ip));
            }
            ctx.out().print("\nTotal of " + order.length + " host entries.\n\n");
        }
        socket = stack.openPacketSocket(dev, this::callback);
        ctx.onInterrupt(() -> stack.closePacketSocket(socket));
        start = ctx.now();
        reqInterval = interval;
        loop(start);
        return true;
    }

    /**
     * get_mac_vendor_filename() and add_mac_vendor(): the installed file, or the one named (one that does not open is
     * warned of and adds nothing); with -vv the count of a file that added entries.
     */
    private ArpScanVendors vendorFile(String named, String installedPath, String what) {
        ArpScanVendors v;
        if (named == null) {
            v = installedPath.equals(ArpScanVendors.OUI_FILE) ? ArpScanVendors.installedOui()
                    : ArpScanVendors.installedMac();
        } else if (named.isEmpty() || !java.nio.file.Files.isReadable(ctx.workDir().resolve(named))) {
            ctx.err().println("WARNING: Cannot open MAC/Vendor file " + named + ": " + Errno.ENOENT.text);
            return ArpScanVendors.empty();
        } else {
            v = ArpScanVendors.read(ctx.workDir().resolve(named), w -> ctx.err().println(w));
        }
        if (verbose > 1 && v.count > 0) {
            ctx.err().println("DEBUG: Loaded " + v.count + " " + what + " entries from "
                    + (named == null ? installedPath : named) + ".");
        }
        return v;
    }

    /**
     * --file's targets: each line as fgets() reads it (at most MAXLINE - 1 characters at once) cut at its first white
     * space, an empty word included; "-" is standard input.
     */
    private List<String> fileWords() {
        byte[] data;
        if (fileName.equals("-")) {
            data = ctx.stdin();
        } else {
            try {
                data = java.nio.file.Files.readAllBytes(ctx.workDir().resolve(fileName));
            } catch (java.io.IOException e) {
                throw new Getopt.ToolError("Cannot open " + fileName + ": " + Errno.ENOENT.text + "\n", 1);
            }
        }
        String text = new String(data == null ? new byte[0] : data, java.nio.charset.StandardCharsets.ISO_8859_1);
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int nl = text.indexOf('\n', i);
            int end = Math.min(nl < 0 ? text.length() : nl + 1, i + MAXLINE - 1);
            String line = text.substring(i, end);
            int w = 0;
            while (w < line.length() && !CStrtol.isSpace(line.charAt(w))) {
                w++;
            }
            words.add(line.substring(0, w));
            i = end;
        }
        return words;
    }

    /** One option as getopt_long_only() hands it over: arp-scan acts on each at once (a bad value ends the parse). */
    private boolean apply(String name, String value) {
        switch (name) {
            case "interface" -> intf = value;
            case "localnet" -> localnet = true;
            case "retry" -> retry = ArpScanUtils.strtoul(value, 10) & 0xffff_ffffL;
            case "timeout" -> timeout = ArpScanUtils.strtoul(value, 10) & 0xffff_ffffL; // ms, an unsigned
            case "backoff" -> backoff = (float) CStrtod.scan(value).value(); // atof() into a float
            case "interval" -> interval = ArpScanUtils.interval(value);
            case "bandwidth" -> bandwidth = ArpScanUtils.bandwidth(value);
            case "quiet" -> quiet = true;
            case "plain" -> plain = true;
            case "rtt" -> rtt = true;
            case "numeric" -> numeric = true;
            case "d" -> resolve = true;
            case "v" -> verbose++;
            case "f" -> fileName = value;
            case "g" -> ignoreDups = true;
            case "R" -> random = true;
            case "randomseed" -> randomSeed = (int) ArpScanUtils.strtoul(value, 0);
            case "M" -> hostLimit = ArpScanUtils.strtoul(value, 10) & 0xffff_ffffL;
            case "n" -> snaplen = ArpScanUtils.strtol(value);
            case "s" -> { // --arpspa: an address, or "dest" for each target's own
                arpSpaFlag = true;
                if (value.equals("dest")) {
                    arpSpaIsTpa = true;
                } else {
                    Ipv4Address a = Ipv4Address.tryParse(value); // inet_pton(), its failure err_sys() with errno 0
                    if (a == null) {
                        throw new Getopt.ToolError("inet_pton failed for " + value + ": Success\n", 1);
                    }
                    arpSpa = a.bits();
                }
            }
            case "o" -> arpOp = ArpScanUtils.strtol(value);
            case "H" -> arpHrd = ArpScanUtils.strtol(value);
            case "p" -> arpPro = ArpScanUtils.strtol(value);
            case "P" -> arpPln = ArpScanUtils.strtol(value);
            case "a" -> arpHln = ArpScanUtils.strtol(value);
            case "y" -> ethPro = ArpScanUtils.strtol(value);
            case "Q" -> vlan = ArpScanUtils.strtol(value);
            case "L" -> llc = true;
            case "A" -> padding = ArpScanUtils.hexData(value);
            case "T" -> targetMac = ArpScanUtils.etherAddr(value, "Invalid target MAC address: ");
            case "u" -> arpSha = ArpScanUtils.etherAddr(value, "Invalid source MAC address: ");
            case "w" -> arpTha = ArpScanUtils.etherAddr(value, "Invalid target MAC address: ");
            case "S" -> sourceMac = ArpScanUtils.etherAddr(value, "Invalid target MAC address: "); // main()'s text
            case "W" -> pcapSaveFile = value;
            case "Y" -> ArpScanUtils.strtoul(value, 10); // --retry-send: a send that fails is retried, none fails here
            case "E" -> ArpScanUtils.interval(value); // --retry-send-interval
            case "F" -> format = ArpScanFormat.parse(value); // format_parse() at once: its error ends the parse
            case "O" -> ouiFile = value;
            case "m" -> macFile = value;
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
            // --writepkttofile and --readpktfromfile (undocumented debugging aids) are taken and not acted on
            default -> { }
        }
        return false;
    }

    /** add_host_pattern(): one pattern's hosts, a name that does not resolve warned about and left out. */
    private void addHostPattern(String t) {
        if (!addTarget(t)) {
            // get_host_address(): with -N inet_pton() only, its own message
            ctx.err().println("WARNING: " + (numeric ? "\"" + t + "\" is not a valid IPv4 address"
                    : "get_host_address failed for \"" + t + "\": " + ctx.resolver().lookupErrorFor(t))
                    + " - target ignored");
        }
    }

    /** One address, a prefix, a mask or a range; false when the name does not resolve. */
    private boolean addTarget(String t) {
        // its patterns, found anywhere in the word (regexec() without anchors): a.b.c.d/bits, a.b.c.d:mask and
        // a.b.c.d-a.b.c.d, each then split at its first '/', ':' or '-', the addresses read by inet_aton() (what white
        // space ends) and refused by name; anything else is a host name
        if (BITS.matcher(t).find()) {
            int slash = t.indexOf('/');
            Ipv4Address base = address(t.substring(0, slash));
            long bits = ArpScanUtils.strtoul(t.substring(slash + 1), 10);
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
        addHost(a.bits());
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
            addHost((int) a);
        }
    }

    // add_host(): the host's timeout is --timeout in us (an unsigned, host_timeout * 1000)
    private void addHost(int ip) {
        if (helist.size() >= MAX_HOSTS) {
            throw new Getopt.ToolError("ERROR: too many hosts (" + MAX_HOSTS + " at most here)\n", 1);
        }
        helist.add(new Host(ip, timeout * 1000 & 0xffff_ffffL));
    }


    /**
     * One pass of main()'s loop, as each select() ends: send to the host at the cursor when the interval (less the
     * error built up) has passed and the host's timeout too, drop it when its retries are spent, else wait.
     */
    private void loop(long now) {
        wake = null;
        if (ctx.finished()) {
            return; // interrupted
        }
        if (liveCount == 0 || hostLimit != 0 && responders >= hostLimit) {
            finish(now);
            return;
        }
        long loopTimediff = since(now, lastPacket);
        int selectTimeout;
        if (Long.compareUnsigned(loopTimediff, reqInterval & 0xffff_ffffL) >= 0) {
            Host h = order[cursor];
            long hostTimediff = since(now, h.lastSend);
            if (Long.compareUnsigned(hostTimediff, h.timeout) >= 0) {
                if (resetCumErr) {
                    cumErr = 0;
                    reqInterval = (int) interval;
                    resetCumErr = false;
                } else {
                    cumErr += (int) (loopTimediff - interval);
                    reqInterval = reqInterval >= cumErr ? reqInterval - cumErr : 0;
                }
                selectTimeout = (int) reqInterval;
                if (verbose > 0 && h.numSent > passNo) {
                    ctx.err().println("---\tPass " + (passNo + 1) + " complete");
                    passNo = h.numSent;
                }
                if (h.numSent >= retry) {
                    if (verbose > 1) {
                        ctx.err().println("---\tRemoving host " + Ipv4Address.of(h.ip) + " - Timeout");
                    }
                    removeHost(cursor);
                    if (firstTimeout) { // the hosts whose timeouts have passed too go at once
                        while (Long.compareUnsigned(since(now, order[cursor].lastSend), order[cursor].timeout) >= 0
                                && liveCount > 0) {
                            if (order[cursor].live) {
                                if (verbose > 1) {
                                    ctx.err().println("---\tRemoving host " + Ipv4Address.of(order[cursor].ip)
                                            + " - Catch-Up Timeout");
                                }
                                removeHost(cursor);
                            } else {
                                advanceCursor();
                            }
                        }
                        firstTimeout = false;
                    }
                    lastPacket = now;
                } else {
                    if (h.numSent > 0) { // he->timeout *= backoff_factor, in float
                        h.timeout = (long) ((float) h.timeout * backoff) & 0xffff_ffffL;
                    }
                    if (!send(h, now)) {
                        return;
                    }
                    advanceCursor();
                }
            } else { // the next host is not ready either
                selectTimeout = (int) (h.timeout - hostTimediff);
                resetCumErr = true;
            }
        } else {
            selectTimeout = (int) (reqInterval - loopTimediff);
        }
        // recvfrom_wto(): select() for select_timeout us (a negative one is select()'s EINVAL, err_sys()); an answer
        // ends the wait early and callback() runs the loop on
        if (selectTimeout < 0) {
            stack.closePacketSocket(socket);
            ctx.err().print("select: " + Errno.EINVAL.text + "\n");
            ctx.exit(1);
            return;
        }
        wake = ctx.at(now + selectTimeout * 1000L, this::loop);
    }

    // timeval_diff() in us from a time never set (0, the epoch's start): as good as forever
    private static long since(long now, long then) {
        return then == Long.MIN_VALUE ? Long.MAX_VALUE : (now - then) / 1000;
    }

    /** remove_host(): the host answers no more; the cursor moves on when it pointed at it. */
    private void removeHost(int i) {
        if (!order[i].live) {
            if (verbose > 1) {
                ctx.err().println("***\tremove_host called on non-live host: SHOULDN'T HAPPEN");
            }
            return;
        }
        order[i].live = false;
        liveCount--;
        if (i == cursor) {
            advanceCursor();
        }
    }

    /** advance_cursor(): the next live host, round the list. */
    private void advanceCursor() {
        if (liveCount > 0) {
            do {
                cursor = cursor == order.length - 1 ? 0 : cursor + 1;
            } while (!order[cursor].live);
        }
    }

    /** send_packet(): the request to {@code h}; false when it could not leave (err_sys() has ended the scan). */
    private boolean send(Host h, long now) {
        byte[] f = request(h);
        lastPacket = now;
        h.lastSend = now;
        h.numSent++;
        if (verbose > 1) {
            ctx.err().println("---\tSending packet #" + h.numSent + " to host " + Ipv4Address.of(h.ip) + " tmo "
                    + (int) h.timeout);
        }
        if (!dev.isUp()) { // pcap_sendpacket(): the packet socket's ENETDOWN
            stack.closePacketSocket(socket);
            ctx.err().print("ERROR: failed to send packet: " + Errno.ENETDOWN.text + "\n");
            ctx.exit(1);
            return false;
        }
        ctx.act(out -> stack.sendRaw(dev, f, out));
        return true;
    }

    /**
     * marshal_arp_pkt(): the request to {@code h} (null: its size alone), an 802.1Q tag with --vlan, 802.2 LLC/SNAP
     * with --llc (whose length field is the frame's size less the padding, the header counted), then --padding.
     */
    private byte[] request(Host h) {
        int size = ETHER_HDR_SIZE + ARP_PKT_SIZE + (vlan != -1 ? 4 : 0) + (llc ? 8 : 0);
        int pad = padding == null ? 0 : Math.min(padding.length, MAX_FRAME - size);
        byte[] f = new byte[size + pad];
        Bytes.put48(f, 0, targetMac);
        Bytes.put48(f, 6, sourceMac);
        int o = 12;
        if (vlan != -1) {
            Bytes.put16(f, o, 0x8100);
            Bytes.put16(f, o + 2, vlan);
            o += 4;
        }
        if (llc) {
            Bytes.put16(f, o, size);
            Bytes.put32(f, o + 2, 0xaaaa0300);
            Bytes.put16(f, o + 8, ethPro);
            o += 10;
        } else {
            Bytes.put16(f, o, ethPro);
            o += 2;
        }
        Bytes.put16(f, o, arpHrd);
        Bytes.put16(f, o + 2, arpPro);
        f[o + 4] = (byte) arpHln;
        f[o + 5] = (byte) arpPln;
        Bytes.put16(f, o + 6, arpOp);
        Bytes.put48(f, o + 8, arpSha);
        Bytes.put32(f, o + 14, arpSpaIsTpa ? (h == null ? 0 : h.ip) : arpSpa);
        Bytes.put48(f, o + 18, arpTha);
        Bytes.put32(f, o + 24, h == null ? 0 : h.ip);
        if (pad > 0) {
            System.arraycopy(padding, 0, f, o + 28, pad);
        }
        return f;
    }

    /**
     * callback(): a frame the pcap filter passed ("ether dst" the ARP source address, ARP in Ethernet II, LLC/SNAP or
     * 802.1Q), cut to the snap length; its sender's host counts the answer, shown unless a duplicate under -g, and
     * leaves the scan. The main loop goes on after the frames that arrived at the same time (one pcap_dispatch()).
     */
    private void callback(long now, byte[] f, int pktType) {
        if (!ArpScanFilter.passes(f, arpSha)) {
            return;
        }
        received++;
        int n = Math.min(f.length, snaplen);
        if (n < ETHER_HDR_SIZE + ARP_PKT_SIZE) {
            ctx.out().println(n + " byte packet too short to decode");
        } else {
            ArpScanFilter.Unpacked p = ArpScanFilter.unmarshal(f, Math.min(n, MAX_FRAME));
            int found = findHost(p.sip());
            if (found >= 0) {
                Host h = order[found];
                if (++h.numRecv == 1) {
                    responders++;
                }
                if (verbose > 1) {
                    ctx.err().println("---\tReceived packet #" + h.numRecv + " from " + Ipv4Address.of(p.sip()));
                }
                if (h.numRecv == 1 || !ignoreDups) {
                    if (pcapDump != null) {
                        pcapDump.write(ctx.epochNanos() + now, f, 0, f.length);
                    }
                    ctx.out().println(display(h, p, (now - h.lastSend) / 1000));
                }
                if (verbose > 1) {
                    ctx.err().println("---\tRemoving host " + Ipv4Address.of(p.sip()) + " - Received "
                            + Math.min(n, MAX_FRAME) + " bytes");
                }
                if (h.live) {
                    removeHost(found);
                }
            } else if (verbose > 0) {
                ctx.err().println("---\tIgnoring " + Math.min(n, MAX_FRAME) + " bytes from unknown host "
                        + Ipv4Address.of(p.sip()));
            }
        }
        // the loop goes on once pcap_dispatch() has read what else arrived with this frame
        if (wake != null) {
            ctx.cancel(wake);
        }
        wake = ctx.at(now, this::loop);
    }

    /** find_host(): the host with that address, looked for backwards from the cursor round the list; -1 if none. */
    private int findHost(int ip) {
        int p = cursor;
        do {
            if (order[p].ip == ip) {
                return p;
            }
            p = p == 0 ? order.length - 1 : p - 1;
        } while (p != cursor);
        return -1;
    }

    /**
     * display_packet(): the answer's fields (IP, Name with -d, MAC, HdrMAC when the frame's source differs, and but
     * with -q Vendor, Padding when not all zero, Framing, VLAN, Proto when not IPv4, DUP, RTT with -D), printed by
     * --format or in the default line (Padding only with -v).
     */
    private String display(Host h, ArpScanFilter.Unpacked p, long rttMicros) {
        java.util.Map<String, String> v = new java.util.HashMap<>();
        Ipv4Address ip = Ipv4Address.of(h.ip);
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
        v.put("mac", MacAddress.of(p.sha()).toString());
        if (p.hdrSrc() != p.sha()) {
            v.put("hdrmac", MacAddress.of(p.hdrSrc()).toString());
        }
        if (!quiet) {
            String vendor = vendors.find(p.sha());
            v.put("vendor", vendor != null ? vendor
                    : (p.sha() & 0x0200_0000_0000L) != 0 ? "(Unknown: locally administered)" : "(Unknown)");
            if (p.nonzeroExtra()) {
                v.put("padding", p.extraHex());
            }
            if (p.llcSnap()) {
                v.put("framing", "802.2 LLC/SNAP");
            }
            if (p.vlanId() != -1) {
                v.put("vlan", Integer.toString(p.vlanId()));
            }
            if (p.pro() != 0x0800) {
                v.put("proto", String.format("0x%04x", p.pro()));
            }
            if (h.numRecv > 1) {
                v.put("dup", Integer.toString(h.numRecv));
            }
            if (rtt) { // the answer's pcap time less the host's last_send_time
                v.put("rtt", String.format("%d.%03d", rttMicros / 1000, rttMicros % 1000));
            }
        }
        if (format != null) {
            return format.render(v, ctx.err()::println);
        }
        // with -d the Name field, printed "%s" even when getnameinfo() failed (glibc's "(null)")
        StringBuilder line = new StringBuilder(resolve ? v.getOrDefault("name", "(null)") : v.get("ip"));
        line.append('\t').append(v.get("mac"));
        appendIf(line, " (", v.get("hdrmac"), ")");
        appendIf(line, "\t", v.get("vendor"), "");
        appendIf(line, "\tPadding=", verbose > 0 ? v.get("padding") : null, "");
        appendIf(line, " (", v.get("framing"), ")");
        appendIf(line, " (802.1Q VLAN=", v.get("vlan"), ")");
        appendIf(line, " (ARP Proto=", v.get("proto"), ")");
        appendIf(line, " (DUP: ", v.get("dup"), ")");
        appendIf(line, "\tRTT=", v.get("rtt"), " ms");
        return line.toString();
    }

    private static void appendIf(StringBuilder line, String before, String value, String after) {
        if (value != null) {
            line.append(before).append(value).append(after);
        }
    }

    /** main()'s end: the statistics (clean_up()) and the summary but with -x; exit 1 when --limit was not reached. */
    private void finish(long now) {
        stack.closePacketSocket(socket);
        if (!plain) {
            double secs = (now - start) / 1_000_000 / 1000.0; // elapsed_seconds: whole milliseconds
            ctx.out().println();
            ctx.out().println(received + " packets received by filter, 0 packets dropped by kernel");
            ctx.out().println("Ending " + VERSION + ": " + order.length + " hosts scanned in " + CLib.fixed(secs, 3)
                    + " seconds (" + (secs > 0 ? CLib.fixed(order.length / secs, 2) : "inf") + " hosts/sec). "
                    + responders + " responded");
        }
        ctx.exit(hostLimit == 0 || responders >= hostLimit ? 0 : 1);
    }
}
