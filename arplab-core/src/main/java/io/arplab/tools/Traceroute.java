package io.arplab.tools;

import io.arplab.runtime.Timer;
import io.arplab.stack.Errno;
import io.arplab.stack.HostStack;
import io.arplab.stack.NetDevice;
import io.arplab.stack.PingSocket;
import io.arplab.stack.Route;
import io.arplab.stack.UdpSocket;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.libc.CLib;
import io.arplab.wire.libc.CStrtol;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Modern traceroute for Linux (Dmitry Butskoy, 2.1.2), IPv4. The default method sends UDP probes, one socket each,
 * to ports 33434, 33435 ... (the port grows with every probe), {@code -N} probes at a time; ICMP errors come back
 * through each socket's error queue. {@code -I} uses ICMP echo, {@code -U} UDP to one port. Hops are printed in
 * order as soon as all their probes are answered or expired; the expiry follows the MAX,HERE,NEAR wait rules.
 */
public final class Traceroute implements Tool {
    private static final long NS = 1_000_000_000L;
    private static final int MAX_HOPS = 255;
    private static final int MAX_PROBES = 10;
    private static final int DEF_DATA_LEN = 40;
    private static final int MAX_PACKET_LEN = 65000;
    private static final int DEF_START_PORT = 33434;
    private static final int DEF_UDP_PORT = 53;
    private static final int DEF_TCP_PORT = 80;
    private static final double DEF_WAIT_PREC = 0.001;

    // options
    private int firstHop = 1;
    private int maxHops = 30;
    private int simProbes = 16;
    private int probesPerHop = 3;
    private boolean dontfrag;
    /** -6 after any -4 (set_af()): an IPv6 trace, which the lab's IPv4-only hosts cannot run. */
    private boolean six;
    private boolean noresolve;
    private int dstPortSeq;
    private int tos;
    private double waitSecs = 5.0;
    private double hereFactor = 3;
    private double nearFactor = 10;
    private double sendSecs;
    private int packetLen = -1;
    private String module = "default";
    private String device;
    private Ipv4Address srcAddr;
    private String dstName;
    private Ipv4Address dstAddr;

    // run time
    private ToolContext ctx;
    private HostStack stack;
    private NetDevice bind;
    private int headerLen;
    private int dataLen;
    private byte[] data;
    private TracerouteProbe[] probes;
    private int start;
    private int end;
    private double lastSend;
    private int currPort;
    private int icmpSeq;
    private PingSocket echoSocket;
    /** The tcp module (mod-tcp.c), or null. */
    private TracerouteTcp tcp;
    private final List<String> modWords = new ArrayList<>();
    private TracerouteModOpts modOpts;
    private Timer wake;
    private boolean done;
    private final StringBuilder line = new StringBuilder();


    @Override
    public void start(ToolContext ctx, List<String> args) {
        this.ctx = ctx;
        this.stack = ctx.stack();
        try {
            if (!parse(args) || !checkAndInit()) {
                return;
            }
        } catch (Getopt.ToolError e) {
            ctx.err().println(e.getMessage());
            ctx.exit(e.status());
            return;
        }
        ctx.onInterrupt(() -> {
            // SIGINT kills traceroute: whatever of the current hop is printed stays, no newline is added
            flush();
            done = true;
            cancelWake();
            closeAll();
        });
        ctx.out().print(String.format("traceroute to %s (%s), %d hops max, %d byte packets", dstName, dstAddr, maxHops,
                headerLen + dataLen));
        ctx.out().flush();
        iterate(ctx.now());
    }

    // -------------------------------------------------------------------------------------------- options

    private boolean parse(List<String> args) {
        if (args.isEmpty()) {
            // CLIF_HELP_EMPTY: the help, on stderr, and success
            ctx.err().print(help());
            ctx.exit(0);
            return false;
        }
        List<String[]> positional = new ArrayList<>();
        boolean optionsDone = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            int argc = i + 1;
            if (optionsDone || !a.startsWith("-") || a.equals("-")) {
                positional.add(new String[] {a, Integer.toString(argc)});
                continue;
            }
            if (a.equals("--")) {
                optionsDone = true;
                continue;
            }
            if (a.startsWith("--")) {
                String name = a.substring(2);
                String val = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    val = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                TracerouteOpt o = TracerouteOpt.byLong(name);
                if (o == null || val != null && o.argName == null) {
                    throw bad(val != null ? "Bad option `" + a.substring(0, a.indexOf('=')) + "' (with arg `" + val
                            + "') (argc " + argc + ")" : "Bad option `" + a + "' (argc " + argc + ")");
                }
                if (o.argName != null && val == null) {
                    throw bad("Option `--" + o.longName + "' (argc " + argc + ") requires an argument: `--" + o.longName
                            + "=" + o.argName + "'");
                }
                if (!apply(o, val)) {
                    throw bad(val != null ? "Cannot handle `--" + o.longName + "' option with arg `" + val + "' (argc "
                            + argc + ")" : "Cannot handle `--" + o.longName + "' option (argc " + argc + ")");
                }
                if (done) {
                    return false;
                }
                continue;
            }
            if (a.equals("-UL")) {
                module = "udplite";
                continue;
            }
            for (int j = 1; j < a.length(); j++) {
                char c = a.charAt(j);
                TracerouteOpt o = TracerouteOpt.byShort(c);
                if (o == null) {
                    throw bad("Bad option `-" + c + "' (argc " + argc + ")");
                }
                String val = null;
                if (o.argName != null) {
                    // CLIF_parse(): the rest of the word joins only an option that begins it (CLIF_MAY_JOIN_ARG);
                    // one inside a group takes no argument, one that ends a group takes the next word
                    if (j + 1 < a.length() && j > 1) {
                        throw bad("Option `-" + c + "' (argc " + argc + ") requires an argument: `-" + c + " "
                                + o.argName + "'");
                    } else if (j + 1 < a.length()) {
                        val = a.substring(j + 1);
                    } else if (i + 1 < args.size()) {
                        val = args.get(++i);
                        argc = i + 1;
                    } else {
                        throw bad("Option `-" + c + "' (argc " + argc + ") requires an argument: `-" + c + " "
                                + o.argName + "'");
                    }
                }
                if (!apply(o, val)) {
                    throw bad(val != null ? "Cannot handle `-" + c + "' option with arg `" + val + "' (argc " + argc
                            + ")" : "Cannot handle `-" + c + "' option (argc " + argc + ")");
                }
                if (done) {
                    return false;
                }
                if (val != null) {
                    break;
                }
            }
        }
        if (positional.isEmpty()) {
            throw bad("Specify \"host\" missing argument.");
        }
        if (positional.size() > 2) {
            String[] x = positional.get(2);
            throw bad("Extra arg `" + x[0] + "' (position 3, argc " + x[1] + ")");
        }
        if (six) {
            throw bad("traceroute: IPv6 is not emulated");
        }
        String host = positional.get(0)[0];
        Ipv4Address a = InetAton.resolve(host, ctx.resolver());
        if (a == null) {
            ctx.err().println(host + ": " + ctx.resolver().lookupErrorFor(host));
            throw bad("Cannot handle \"host\" cmdline arg `" + host + "' on position 1 (argc "
                    + positional.get(0)[1] + ")");
        }
        dstAddr = a;
        dstName = host;
        if (positional.size() == 2) {
            String p = positional.get(1)[0];
            Long v = TracerouteClif.cStrtol(p);
            if (v == null) {
                throw bad("Cannot handle \"packetlen\" cmdline arg `" + p + "' on position 2 (argc "
                        + positional.get(1)[1] + ")");
            }
            packetLen = (int) (long) v;
        }
        return true;
    }

    private static Getopt.ToolError bad(String message) {
        return new Getopt.ToolError(message, 2);
    }

    /** The option handlers; false is CLIF's "cannot handle". */
    private boolean apply(TracerouteOpt o, String v) {
        switch (o) {
            case DEBUG, NOROUTE, EXT, AS, BACK -> { }
            case FOUR, SIX -> six = o == TracerouteOpt.SIX; // set_af(): the last one counts, once every option is read
            case DONTFRAG -> dontfrag = true;
            case FIRST -> {
                Long n = TracerouteClif.clifUint(v);
                if (n == null) {
                    return false;
                }
                firstHop = (int) (long) n;
            }
            case MAXHOPS -> {
                Long n = TracerouteClif.clifUint(v);
                if (n == null) {
                    return false;
                }
                maxHops = (int) (long) n;
            }
            case SIM -> {
                Long n = TracerouteClif.clifUint(v);
                if (n == null) {
                    return false;
                }
                simProbes = (int) (long) n;
            }
            case QUERIES -> {
                Long n = TracerouteClif.clifUint(v);
                if (n == null) {
                    return false;
                }
                probesPerHop = (int) (long) n;
            }
            case TOS -> {
                Long n = TracerouteClif.clifUint(v);
                if (n == null) {
                    return false;
                }
                tos = (int) (long) n;
            }
            case FLOW, FWMARK -> {
                return TracerouteClif.clifUint(v) != null;
            }
            case SPORT -> {
                return TracerouteClif.cStrtoul(v) != null;
            }
            case PORT -> {
                Long n = TracerouteClif.cStrtoul(v);
                if (n == null) {
                    return false;
                }
                dstPortSeq = (int) (long) n;
            }
            case NUMERIC -> noresolve = true;
            case WAIT -> {
                double[] w = TracerouteOpt.waitSpecs(v);
                if (w == null) {
                    return false;
                }
                waitSecs = w[0];
                hereFactor = w[1];
                nearFactor = w[2];
            }
            case SENDWAIT -> {
                Double d = TracerouteClif.clifDouble(v);
                if (d == null) {
                    return false;
                }
                sendSecs = d;
            }
            case SOURCE -> {
                Ipv4Address a = InetAton.resolve(v, ctx.resolver());
                if (a == null) {
                    ctx.err().println(v + ": " + ctx.resolver().lookupErrorFor(v));
                    return false;
                }
                srcAddr = a;
            }
            case IFACE -> device = v;
            case ICMP -> module = "icmp";
            case TCP -> module = "tcp";
            case UDP -> module = "udp";
            case DCCP -> module = "dccp";
            case RAW -> module = "raw";
            case MODULE -> module = v;
            case OPTIONS -> { // set_mod_option(): each word; "help" at once, with the module chosen so far
                for (String w : v.split(",")) {
                    if (w.equals("help")) {
                        ctx.err().print(TracerouteModOpts.help(module));
                        ctx.exit(0);
                        done = true;
                        return true;
                    }
                    if (!w.isEmpty()) {
                        modWords.add(w);
                    }
                }
            }
            case GATEWAY, MTU -> throw bad("traceroute: -" + (o.shortName != '\0' ? o.shortName : o.longName)
                    + ": not emulated (IP options, path MTU discovery)");
            case VERSION -> {
                ctx.err().println("Modern traceroute for Linux, version 2.1.2\n"
                        + "Copyright (c) 2016  Dmitry Butskoy,   License: GPL v2 or any later");
                ctx.exit(0);
                done = true;
            }
            case HELP -> {
                ctx.err().print(help());
                ctx.exit(0);
                done = true;
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private boolean checkAndInit() {
        if (!module.equals("default") && !module.equals("udp") && !module.equals("icmp") && !module.equals("tcp")) {
            if (module.equals("tcpconn") || module.equals("udplite") || module.equals("dccp")
                    || module.equals("raw")) {
                throw bad("traceroute: the " + module + " method is not emulated (the lab's hosts have no "
                        + module.toUpperCase(Locale.ROOT) + ")");
            }
            throw bad("Unknown traceroute module " + module);
        }
        if (firstHop == 0 || firstHop > maxHops) {
            throw bad("first hop out of range");
        }
        if (maxHops > MAX_HOPS) {
            throw bad("max hops cannot be more than 255");
        }
        if (probesPerHop == 0 || probesPerHop > MAX_PROBES) {
            throw bad("no more than 10 probes per hop");
        }
        if (waitSecs < 0 || hereFactor < 0 || nearFactor < 0) {
            throw bad("bad wait specifications `" + CLib.g(waitSecs) + "," + CLib.g(hereFactor) + ","
                    + CLib.g(nearFactor) + "' used");
        }
        if (packetLen > MAX_PACKET_LEN) {
            throw bad("too big packetlen " + packetLen + " specified");
        }
        if (sendSecs < 0) {
            throw bad("bad sendtime `" + CLib.g(sendSecs) + "' specified");
        }
        if (sendSecs >= 10) {
            sendSecs /= 1000; // milliseconds
        }
        modOpts = TracerouteModOpts.parse(module, modWords); // main(): after its checks, before ops->init
        if (device != null) {
            bind = stack.device(device);
            if (bind == null) {
                printHeaderBeforeTuneError();
                fatal("setsockopt SO_BINDTODEVICE", "No such device");
                return false;
            }
        }
        if (srcAddr != null && !stack.isLocalAddress(srcAddr.bits())) {
            printHeaderBeforeTuneError();
            fatal("bind", "Cannot assign requested address");
            return false;
        }
        headerLen = headerLen();
        dataLen = defaultData();
        if (packetLen >= 0) {
            dataLen = packetLen >= headerLen ? packetLen - headerLen : 0;
        }
        probes = new TracerouteProbe[maxHops * probesPerHop];
        for (int i = 0; i < probes.length; i++) {
            probes[i] = new TracerouteProbe();
        }
        data = new byte[dataLen];
        for (int i = 0; i < dataLen; i++) {
            data[i] = (byte) (0x40 + (i & 0x3f));
        }
        if (module.equals("default")) {
            currPort = dstPortSeq != 0 ? dstPortSeq : DEF_START_PORT;
        } else if (module.equals("udp")) {
            currPort = 0;
            if (dstPortSeq == 0) {
                dstPortSeq = DEF_UDP_PORT;
            }
        } else if (module.equals("tcp")) {
            // tcp_init(): a raw socket connected to the destination, IP_MTU for the SYN's MSS and window
            int err = connectError();
            if (err != 0) {
                fatal("connect", Errno.strerror(err));
                return false;
            }
            tcp = new TracerouteTcp(stack, srcAddr, dstAddr, dstPortSeq != 0 ? dstPortSeq : DEF_TCP_PORT,
                    stack.connectedMtu(ctx.now(), dstAddr, bind), modOpts, new TcpReplies());
            dataLen = tcp.length; // *packet_len_p: the header with the options the sysctls gave it
        } else {
            if (modOpts.dgram) { // icmp_init(): a SOCK_DGRAM ICMP socket, outside ping_group_range
                fatal("socket", Errno.EACCES.text);
                return false;
            }
            icmpSeq = dstPortSeq != 0 ? dstPortSeq : 1;
            echoSocket = stack.openPing(ctx.pid() & 0xFFFF, new EchoListener());
            if (bind != null) {
                echoSocket.bindToDevice(bind);
            }
            // icmp_init(): the raw socket is connected to the destination before the header line is printed
            int err = connectError();
            if (err != 0) {
                fatal("connect", Errno.strerror(err));
                closeAll();
                return false;
            }
        }
        start = (firstHop - 1) * probesPerHop;
        end = probes.length;
        return true;
    }

    /**
     * tune_socket()'s SO_BINDTODEVICE and bind() fail at the default module's first probe, after the header line;
     * the icmp and tcp modules call it from their init, before it.
     */
    private void printHeaderBeforeTuneError() {
        if (!module.equals("icmp") && !module.equals("tcp")) {
            ctx.out().print(String.format("traceroute to %s (%s), %d hops max, %d byte packets", dstName, dstAddr,
                    maxHops, headerLen() + defaultData()));
        }
    }

    private int headerLen() {
        return 20 + (module.equals("tcp") ? 0 : 8); // the tcp module's header is its data (tcp_init())
    }

    private int defaultData() {
        return DEF_DATA_LEN - 8;
    }

    private void fatal(String what, String strerror) {
        // error(): a newline, then perror(), exit 1
        ctx.out().flush();
        ctx.err().print("\n" + what + ": " + strerror + "\n");
        ctx.exit(1);
        done = true;
    }

    // ------------------------------------------------------------------------------------------- do_it()

    private double time(long now) {
        // gettimeofday() as a double, microsecond resolution
        long us = Math.floorDiv(ctx.epochNanos() + now, 1000L);
        return us / 1e6;
    }

    /**
     * ICMP mode's answers on its one socket, not read yet: do_poll() calls recv_reply() once per readable socket, so
     * each pass of the loop reads one of them (and the window slides by one); UDP mode has a socket per probe and
     * reads every answer in one poll.
     */
    private final java.util.ArrayDeque<Runnable> unread = new java.util.ArrayDeque<>();
    /** The tcp module's errors not read yet, read before {@link #unread} (TcpReplies). */
    private final java.util.ArrayDeque<Runnable> unreadErrors = new java.util.ArrayDeque<>();

    /** One pass of do_it()'s loop, then a wait for the next deadline (or a reply, which runs it again). */
    private void iterate(long now) {
        wake = null;
        if (done) {
            return;
        }
        Runnable read = unreadErrors.poll();
        if (read == null) {
            read = unread.poll();
        }
        if (read != null) {
            read.run();
        }
        double nowTime = time(now);
        double nextTime = 0;
        int num = 0;
        for (int n = start; n < end; n++) {
            TracerouteProbe pb = probes[n];
            if (n == start && !pb.done && pb.sendTime != 0) {
                double expire = pb.sendTime + timeout(n);
                if (expire > nowTime) {
                    nextTime = expire;
                } else {
                    probeDone(pb); // expire_probe
                    checkExpired(n);
                }
            }
            if (pb.done) {
                if (n == start) {
                    printProbe(n);
                    start++;
                }
                if (pb.fin) {
                    end = (n / probesPerHop + 1) * probesPerHop;
                }
                continue;
            }
            if (pb.sendTime == 0) {
                double next;
                if (sendSecs != 0 && (next = lastSend + sendSecs) > nowTime) {
                    nextTime = next;
                    break;
                }
                int ttl = n / probesPerHop + 1;
                // the previous probe's sendto() returned after its softirq: this one starts later
                if (!sendProbe(ctx.now(), n, ttl)) {
                    return; // fatal error printed
                }
                lastSend = pb.sendTime;
            }
            if (nextTime == 0) {
                nextTime = pb.sendTime + timeout(n);
            }
            num++;
            if (num >= simProbes) {
                break;
            }
        }
        if (start >= end) {
            finish();
            return;
        }
        if (!unread.isEmpty() || !unreadErrors.isEmpty()) {
            wake = ctx.at(ctx.now(), this::iterate); // poll() returns at once
        } else if (nextTime != 0) {
            long at = Math.max(now, (long) Math.ceil(nextTime * 1e6) * 1000L - ctx.epochNanos());
            wake = ctx.at(at, this::iterate);
        } else {
            wake = ctx.at(now + 1_000_000L, this::iterate);
        }
    }

    private void cancelWake() {
        if (wake != null) {
            ctx.cancel(wake);
            wake = null;
        }
    }

    private void pollNow(long now) {
        if (done) {
            return;
        }
        cancelWake();
        wake = ctx.at(now, this::iterate);
    }

    /** get_timeout(): HERE times an answer from the same hop, or NEAR times one from a later probe, at most MAX. */
    private double timeout(int idx) {
        if (hereFactor != 0) {
            int first = idx - idx % probesPerHop;
            for (int i = 0; i < probesPerHop; i++) {
                TracerouteProbe p = probes[first + i];
                double v;
                if (p.done && (v = p.recvTime - p.sendTime) > 0) {
                    v = (v + DEF_WAIT_PREC) * hereFactor;
                    return Math.min(v, waitSecs);
                }
            }
        }
        if (nearFactor != 0) {
            for (int i = idx + 1; i < probes.length && probes[i].sendTime != 0; i++) {
                TracerouteProbe p = probes[i];
                double v;
                if (p.done && (v = p.recvTime - p.sendTime) > 0) {
                    v = (v + DEF_WAIT_PREC) * nearFactor;
                    return Math.min(v, waitSecs);
                }
            }
        }
        return waitSecs;
    }

    /**
     * check_expired(): a probe that got nothing, followed by a final answer for a later probe of the same hop (or an
     * unreachable error that belongs here), takes that answer in its place.
     */
    private void checkExpired(int idx) {
        TracerouteProbe pb = probes[idx];
        int first = idx - idx % probesPerHop;
        TracerouteProbe pfp = null;
        for (int i = first; i < idx; i++) {
            TracerouteProbe p = probes[i];
            if (!p.done || !p.fin) {
                return;
            }
            pfp = p;
        }
        int fpIdx = -1;
        for (int i = idx + 1; i < probes.length && probes[i].sendTime != 0; i++) {
            TracerouteProbe p = probes[i];
            if (p.done) {
                if (!p.fin) {
                    return;
                }
                fpIdx = i;
                break;
            }
        }
        if (fpIdx < 0) {
            return;
        }
        TracerouteProbe fp = probes[fpIdx];
        if (fp.errStr.isEmpty()) {
            return;
        }
        boolean replace = pfp != null || idx % probesPerHop + (fpIdx - idx) < probesPerHop;
        if (!replace) {
            for (int i = idx - 1; i >= 0; i--) {
                if (probes[i].res != null && probes[i].res.equals(fp.res)) {
                    replace = true;
                    break;
                }
            }
        }
        if (!replace && fp.recvTtl != 0) {
            int backHops = ttl2hops(fp.recvTtl);
            for (int i = idx - 1; i >= 0; i--) {
                TracerouteProbe p = probes[i];
                if (p.done && !p.fin && p.recvTtl != 0) {
                    int hops = ttl2hops(p.recvTtl);
                    if (hops < backHops) {
                        int ttl = i / probesPerHop + 1;
                        backHops = backHops - hops + ttl;
                        break;
                    }
                }
            }
            int ttl = idx / probesPerHop + 1;
            replace = backHops <= ttl;
        }
        if (replace) {
            pb.copyFrom(fp);
            TracerouteProbe blank = new TracerouteProbe();
            blank.sendTime = 1.0; // blocks a re-send
            fp.copyFrom(blank);
        }
    }

    private static int ttl2hops(int x) {
        return (x <= 64 ? 65 : x <= 128 ? 129 : 256) - x;
    }

    private boolean sendProbe(long now, int n, int ttl) {
        TracerouteProbe pb = probes[n];
        if (module.equals("tcp")) {
            return sendTcpProbe(now, pb, ttl);
        }
        if (module.equals("icmp")) {
            int seq = icmpSeq++ & 0xFFFF;
            pb.seq = seq;
            pb.sendTime = time(now);
            int[] rc = new int[1];
            ctx.act(out -> rc[0] = stack.sendEcho(now, echoSocket, srcAddr, dstAddr, seq, data, ttl, tos, dontfrag, bind,
                    out));
            Errno e = Errno.of(rc[0]);
            if (e == Errno.ENETUNREACH || e == Errno.EHOSTUNREACH || e == Errno.EACCES || e == Errno.EINVAL) {
                fatal("send", e.text);
                return false;
            }
            return true;
        }
        // a UDP socket per probe, connected to the destination and the probe's port
        int port = currPort != 0 ? currPort : dstPortSeq;
        int err = connectError();
        if (err != 0) {
            fatal("connect", Errno.strerror(err));
            return false;
        }
        final int probeIndex = n;
        UdpSocket sk = stack.openUdp(0, new UdpSocket.Listener() {
            @Override
            public void datagram(long t, int from, int fromPort, int ttlIn, byte[] frame, int off, int len) {
                onReply(t, probeIndex, from, ttlIn, -1, -1, 0, false);
                pollNow(t);
            }

            @Override
            public void error(long t, int from, int ttl, int type, int code, int info, int dst, int dstPort,
                              int quotedTtl, byte[] payload) {
                // recv_reply(): MSG_ERRQUEUE's IP_TTL is the ICMP packet's own (check_expired() reads it)
                if (dstPort == probes[probeIndex].seq && probes[probeIndex].sk != null) {
                    onReply(t, probeIndex, from, ttl, type, code, info, true);
                    pollNow(t);
                }
            }

            @Override
            public void localError(long t, Errno errno, int info, int dst, int dstPort) {
                onLocalError(t, probeIndex, errno, info);
                pollNow(t);
            }
        });
        pb.sendTime = time(now);
        // the probe owns its socket before sendto(): an error that comes back while the call runs the softirq (a
        // fragment's Time Exceeded before the next fragment leaves) waits on that socket's error queue
        pb.sk = sk;
        pb.seq = port;
        int[] rc = new int[1];
        ctx.act(out -> rc[0] = stack.sendUdp(now, sk, srcAddr, dstAddr, port, data, ttl, tos, dontfrag, bind, out));
        if (currPort != 0) {
            currPort++;
        }
        Errno e = rc[0] < 0 ? Errno.of(rc[0]) : null;
        if (e != null && e != Errno.ENOBUFS && e != Errno.EAGAIN && e != Errno.EMSGSIZE) {
            fatal("send", e.text); // do_send(): error ("send"), not recoverable (a netfilter drop's EPERM)
            return false;
        }
        return true;
    }

    /** The tcp module's send_probe: the probe's port is its seq; a retry later leaves its send time at 0. */
    private boolean sendTcpProbe(long now, TracerouteProbe pb, int ttl) {
        pb.sendTime = time(now);
        int rc = tcp.send(ctx, now, ttl, dontfrag, bind);
        if (rc < 0) {
            fatal(rc == Errno.EADDRINUSE.negative() ? "bind" : "send", Errno.of(rc).text);
            return false;
        }
        if (rc == 0) {
            pb.sendTime = 0;
        }
        pb.seq = rc;
        pb.heldPort = rc;
        return true;
    }

    /**
     * tcp_recv_probe(): each poll() pass reads one answer off the one raw socket, the error queue first (POLLERR is
     * set while it holds one: datagram_poll()).
     */
    private final class TcpReplies implements TracerouteTcp.Replies {
        @Override
        public int bySeq(int port) {
            return Traceroute.this.bySeq(port);
        }

        @Override
        public void reply(long now, int idx, int from, boolean err, int type, int code, int info) {
            if (idx >= 0) {
                (err ? unreadErrors : unread).add(() -> onReply(now, idx, from, 0, type, code, info, err));
            }
            pollNow(now);
        }
    }

    private int connectError() {
        if (stack.isLocalAddress(dstAddr.bits())) {
            return stack.localRouteRefused() ? Errno.EINVAL.number : 0;
        }
        Route r = stack.route(dstAddr, bind);
        if (r == null) {
            return bind != null && bind.isUp() ? 0 : Errno.ENETUNREACH.number;
        }
        return switch (r.type()) {
            case Route.UNICAST -> 0;
            case Route.PROHIBIT -> Errno.EACCES.number;
            case Route.BLACKHOLE -> Errno.EINVAL.number;
            default -> Errno.EHOSTUNREACH.number;
        };
    }


    private final class EchoListener implements PingSocket.Listener {
        @Override
        public void echoReply(long now, int from, int ttl, int sequence, int icmpLength, byte[] frame, int dataOffset,
                              int dataLength) {
            int idx = bySeq(sequence);
            if (idx >= 0) {
                unread.add(() -> onReply(now, idx, from, ttl, -1, -1, 0, false));
            }
            pollNow(now);
        }

        @Override
        public void error(long now, int from, int type, int code, int info, int sequence) {
            error(now, from, 0, type, code, info, sequence);
        }

        @Override
        public void error(long now, int from, int ttl, int type, int code, int info, int sequence) {
            int idx = bySeq(sequence);
            if (idx >= 0 && type != 4 && type != 5) {
                unread.add(() -> onReply(now, idx, from, ttl, type, code, info, true));
            }
            pollNow(now);
        }
    }

    private int bySeq(int seq) {
        for (int i = 0; i < probes.length; i++) {
            if (probes[i].sendTime != 0 && !probes[i].done && probes[i].seq == seq) {
                return i;
            }
        }
        return -1;
    }

    /** recv_reply(): a reply (final) or an ICMP error from the error queue (its sender is the hop). */
    private void onReply(long now, int idx, int from, int ttl, int type, int code, int info, boolean err) {
        TracerouteProbe pb = probes[idx];
        if (done || pb.done) {
            return;
        }
        pb.recvTime = time(now);
        pb.recvTtl = ttl;
        pb.res = Ipv4Address.of(from);
        if (err) {
            pb.parseIcmpRes(type, code, info);
        } else {
            pb.fin = true;
            if (tcp != null && tcp.info) { // tcp_check_reply(): names_by_flags() of the reply (info is its flags)
                pb.ext = TracerouteModOpts.names(info);
            }
        }
        probeDone(pb);
    }

    /**
     * parse_local_res(): a local error (SO_EE_ORIGIN_LOCAL) has no offender, so "*", then the time and "!F-MTU" for a
     * probe too big to leave with DF (do_send() took EMSGSIZE as "the error queue will tell"); it ends the trace.
     */
    private void onLocalError(long now, int idx, Errno errno, int info) {
        TracerouteProbe pb = probes[idx];
        if (done || pb.done) {
            return;
        }
        if (errno != Errno.EMSGSIZE || info == 0) {
            fatal("local recverr", errno.text); // parse_local_res(): error_or_perm()
            return;
        }
        pb.recvTime = time(now);
        pb.errStr = "!F-" + info;
        pb.fin = true;
        probeDone(pb);
    }

    private void probeDone(TracerouteProbe pb) {
        if (pb.sk != null) {
            stack.close(pb.sk);
            pb.sk = null;
        }
        if (pb.heldPort != 0) {
            tcp.release(pb.heldPort);
            pb.heldPort = 0;
        }
        pb.seq = 0;
        pb.done = true;
    }

    /** print_probe(): the hop number first, the address when it differs from the previous answer, the time, a mark. */
    private void printProbe(int idx) {
        TracerouteProbe pb = probes[idx];
        int ttl = idx / probesPerHop + 1;
        int np = idx % probesPerHop;
        if (np == 0) {
            line.append(String.format("\n%2d ", ttl));
        }
        if (pb.res == null) {
            line.append(" *");
        } else {
            boolean prn = np == 0;
            if (np != 0) {
                int p = idx - 1;
                int k = np;
                while (k != 0 && probes[p].res == null) {
                    p--;
                    k--;
                }
                if (k == 0 || !probes[p].res.equals(pb.res) || !java.util.Objects.equals(probes[p].ext, pb.ext)) {
                    prn = true;
                }
            }
            if (prn) {
                String addr = pb.res.toString();
                if (noresolve) {
                    line.append(' ').append(addr);
                } else {
                    String name = ctx.resolver().reverse(pb.res);
                    line.append(' ').append(name != null ? name : addr).append(" (").append(addr).append(')');
                }
                if (pb.ext != null) {
                    line.append(" <").append(pb.ext).append('>');
                }
            }
        }
        if (pb.recvTime != 0) {
            line.append("  ").append(CLib.fixed((pb.recvTime - pb.sendTime) * 1000, 3)).append(" ms");
        }
        if (!pb.errStr.isEmpty()) {
            line.append(' ').append(pb.errStr);
        }
        flush();
    }

    private void flush() {
        if (!line.isEmpty()) {
            ctx.out().print(line);
            ctx.out().flush();
            line.setLength(0);
        }
    }

    private void closeAll() {
        for (TracerouteProbe p : probes == null ? new TracerouteProbe[0] : probes) {
            if (p.sk != null) {
                stack.close(p.sk);
                p.sk = null;
            }
            if (p.heldPort != 0) {
                tcp.release(p.heldPort);
                p.heldPort = 0;
            }
        }
        if (tcp != null) {
            tcp.close();
            tcp = null;
        }
        if (echoSocket != null) {
            stack.close(echoSocket);
        }
    }

    private void finish() {
        ctx.out().print("\n");
        done = true;
        cancelWake();
        closeAll();
        ctx.exit(0);
    }

    /** The CLIF help text (CLIF_current_help), on stderr. */
    static String help() {
        return Usage.of("traceroute");
    }
}
