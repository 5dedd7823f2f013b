package io.arplab.tools;

import io.arplab.runtime.Timer;
import io.arplab.stack.Errno;
import io.arplab.stack.HostStack;
import io.arplab.stack.UdpSocket;
import io.arplab.wire.Ipv4Address;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;

/**
 * tracepath (iputils 20221126, tracepath.c), IPv4: UDP probes with IP_MTU_DISCOVER=IP_PMTUDISC_DO and IP_RECVERR,
 * the TTL stepped from 1; each hop's answer and any MTU learned on the way are read from the socket's error queue
 * (MSG_ERRQUEUE), each probe waiting up to one second for it (data_wait).
 */
public final class Tracepath implements Tool {
    /** The getopt(3) option string, as the real tool passes it. */
    static final String OPTSTRING = "46nbh?l:m:p:V";

    private static final int MAX_PROBES = 10;
    private static final int MAX_HOPS_DEFAULT = 30;
    private static final int MAX_HOPS_LIMIT = 255;
    private static final int HOST_COLUMN_SIZE = 52;
    private static final int HIS_ARRAY_SIZE = 64;
    private static final int DEFAULT_OVERHEAD_IPV4 = 28;
    private static final int DEFAULT_MTU_IPV4 = 65535;
    private static final int DEFAULT_BASEPORT = 44444;
    /** struct probehdr: a u32 ttl, then a struct timespec (two longs). */
    private static final int PROBEHDR = 24;
    private static final long SECOND = 1_000_000_000L;
    /** tracepath's return of "keep waiting": no answer read (probe_ttl/recverr return -1 for it). */
    private static final int WAIT = Integer.MIN_VALUE;

    static final String USAGE = "\nUsage\n"
            + "  tracepath [options] <destination>\n"
            + "\nOptions:\n"
            + "  -4             use IPv4\n"
            + "  -6             use IPv6\n"
            + "  -b             print both name and ip\n"
            + "  -l <length>    use packet <length>\n"
            + "  -m <hops>      use maximum <hops>\n"
            + "  -n             no dns name resolution\n"
            + "  -p <port>      use destination <port>\n"
            + "  -V             print version and exit\n"
            + "  <destination>  dns name or ip address\n"
            + "\nFor more details see tracepath(8).\n";

    /** One entry of the socket's error queue as recvmsg(MSG_ERRQUEUE) returns it. */
    private record Err(boolean local, Errno errno, int type, int code, int info, int from, int port,
                       int ttl, byte[] payload) {}

    private ToolContext ctx;
    private HostStack stack;
    private UdpSocket socket;
    private final ArrayDeque<Err> errorQueue = new ArrayDeque<>();
    private int received;
    private Timer wake;
    private boolean waiting;

    private final int[] hisHops = new int[HIS_ARRAY_SIZE];
    private final long[] hisSendtime = new long[HIS_ARRAY_SIZE];
    private int hisptr;
    private Ipv4Address target;
    private int basePort;
    private int ttl;
    private int maxHops = MAX_HOPS_DEFAULT;
    private int overhead;
    private int mtu;
    private int hopsTo = -1;
    private int hopsFrom = -1;
    private boolean noResolve;
    private boolean showBoth;
    /** main()'s per-hop loop: the try (0..2) and the MTU before it. */
    private int attempt;
    private int oldMtu;
    /** Time recverr() spent in getnameinfo() that failed: the process goes on that much later. */
    private long blocked;

    @Override
    public void start(ToolContext ctx, List<String> args) {
        this.ctx = ctx;
        this.stack = ctx.stack();
        try {
            if (!parse(args)) {
                return;
            }
        } catch (Getopt.ToolError e) {
            ctx.out().flush();
            ctx.err().println(e.getMessage());
            ctx.exit(e.status());
            return;
        }
        ctx.onInterrupt(this::close);
        socket = stack.openUdp(0, new UdpSocket.Listener() {
            @Override
            public void datagram(long now, int from, int fromPort, int ttl, byte[] frame, int off, int len) {
                received++;
                readable(now);
            }

            @Override
            public void error(long now, int from, int ttl, int type, int code, int info, int dst, int dstPort,
                              int quotedTtl, byte[] payload) {
                errorQueue.add(new Err(false, icmpErrConvert(type, code), type, code, info, from, dstPort, ttl, payload));
                readable(now);
            }

            @Override
            public void localError(long now, Errno errno, int info, int dst, int dstPort) {
                errorQueue.add(new Err(true, errno, 0, 0, info, 0, dstPort, -1, new byte[0]));
                readable(now);
            }
        });
        ttl = 1;
        hopStart();
    }

    private boolean parse(List<String> args) {
        boolean inet6 = false;
        boolean inet4 = false;
        Getopt g = Getopt.parse("tracepath", OPTSTRING, args);
        for (Getopt.Opt o : g.options()) {
            if (o.failed()) {
                ctx.err().println(o.error());
                return usage();
            }
            switch (o.letter()) {
                case '4' -> {
                    if (inet6) {
                        throw new Getopt.ToolError("tracepath: Only one -4 or -6 option may be specified", 2);
                    }
                    inet4 = true;
                }
                case '6' -> {
                    if (inet4) {
                        throw new Getopt.ToolError("tracepath: Only one -4 or -6 option may be specified", 2);
                    }
                    inet6 = true;
                }
                case 'n' -> noResolve = true;
                case 'b' -> showBoth = true;
                // the range is checked with the overhead still 0; "pktlen must be within" comes later
                case 'l' -> mtu = (int) Getopt.strtolOrErr("tracepath", o.argument(), "invalid argument", overhead,
                        Integer.MAX_VALUE);
                case 'm' -> maxHops = (int) Getopt.strtolOrErr("tracepath", o.argument(), "invalid argument", 0,
                        MAX_HOPS_LIMIT);
                case 'p' -> basePort = (int) Getopt.strtolOrErr("tracepath", o.argument(), "invalid argument", 0,
                        0xFFFF);
                case 'V' -> {
                    ctx.out().print(Iputils.version("tracepath"));
                    ctx.exit(0);
                    return false;
                }
                default -> {
                    return usage();
                }
            }
        }
        if (g.operands().size() != 1) {
            return usage();
        }
        String dest = g.operands().get(0);
        if (basePort == 0) {
            int slash = dest.indexOf('/');
            if (slash >= 0) {
                String port = dest.substring(slash + 1);
                dest = dest.substring(0, slash);
                basePort = (int) Getopt.strtolOrErr("tracepath", port, "invalid argument", 0, 0xFFFF);
            } else {
                basePort = DEFAULT_BASEPORT;
            }
        }
        target = InetAton.resolve(dest, ctx.resolver()); // getaddrinfo(): a numeric host as inet_aton() reads it
        if (target == null && !(inet6 && dest.indexOf(':') >= 0)) {
            throw new Getopt.ToolError("tracepath: " + dest + ": " + ctx.resolver().lookupErrorFor(dest), 1);
        }
        if (inet6) {
            // getaddrinfo(AF_INET6): an IPv4 literal is EAI_ADDRFAMILY; a name the hosts file gives IPv4 addresses
            // only is not found (EAI_NONAME)
            String why = InetAton.parse(dest) != null || dest.indexOf(':') >= 0
                    ? "Address family for hostname not supported" : ctx.resolver().lookupErrorFor(dest);
            throw new Getopt.ToolError("tracepath: " + dest + ": " + why, 1);
        }
        overhead = DEFAULT_OVERHEAD_IPV4;
        if (mtu == 0) {
            mtu = DEFAULT_MTU_IPV4;
        }
        if (mtu <= overhead) {
            throw new Getopt.ToolError("tracepath: pktlen must be within: " + overhead + " < value <= "
                    + Integer.MAX_VALUE, 1);
        }
        return true;
    }

    private boolean usage() {
        ctx.err().print(USAGE);
        ctx.exit(255);
        return false;
    }

    // ------------------------------------------------------------------------------------- main()'s loop

    /** The for (ttl) loop of main(): setsockopt(IP_TTL), then up to 3 probes of the hop. */
    private void hopStart() {
        if (ttl > maxHops) {
            print(String.format("     Too many hops: pmtu %d\n", mtu));
            done();
            return;
        }
        if (ttl == 0) {
            // ctl.ttl is a uint8_t: with -m 255 it wraps to 0, which IP_TTL refuses
            ctx.out().flush();
            ctx.err().println("tracepath: IP_TTL: " + Errno.EINVAL.text);
            close();
            ctx.exit(1);
            return;
        }
        attempt = 0;
        probeAttempt();
    }

    private void probeAttempt() {
        oldMtu = mtu;
        int res = probeStart();
        if (res != WAIT) {
            afterProbe(res);
        }
    }

    private void afterProbe(int res) {
        if (mtu != oldMtu) {
            attempt = 0; // goto restart
            probeAttempt();
            return;
        }
        if (res == 0) {
            done();
            return;
        }
        if (res < 0 && ++attempt < 3) {
            probeAttempt();
            return;
        }
        if (res < 0) {
            print(String.format("%2d:  no reply\n", ttl));
        }
        ttl = (ttl + 1) & 0xFF;
        hopStart();
    }

    private void done() {
        StringBuilder s = new StringBuilder(String.format("     Resume: pmtu %d ", mtu));
        if (hopsTo >= 0) {
            s.append(String.format("hops %d ", hopsTo));
        }
        if (hopsFrom >= 0) {
            s.append(String.format("back %d ", hopsFrom));
        }
        print(s.append('\n').toString());
        close();
        ctx.exit(0);
    }

    private void close() {
        waiting = false;
        if (wake != null) {
            ctx.cancel(wake);
            wake = null;
        }
        if (socket != null) {
            stack.close(socket);
            socket = null;
        }
    }

    // ------------------------------------------------------------------------------------------ probe_ttl()

    /** probe_ttl() up to data_wait(): the probe's result, or WAIT while select() waits for the socket. */
    private int probeStart() {
        int i;
        restart:
        while (true) {
            for (i = 0; i < MAX_PROBES; i++) {
                int port = (basePort + hisptr) & 0xFFFF;
                long now = ctx.now();
                hisHops[hisptr] = ttl;
                hisSendtime[hisptr] = monotonic(now);
                byte[] data = packet(monotonic(now));
                int[] rc = new int[1];
                ctx.act(out -> rc[0] = stack.sendUdp(ctx.now(), socket, null, target, port, data, ttl, 0, true, null,
                        out));
                if (rc[0] >= 0) {
                    break;
                }
                int res = recverr();
                blocked = 0; // (a late ICMP error read here: its lookup is taken to cost no time)
                hisHops[hisptr] = 0;
                if (res == 0) {
                    return 0;
                }
                if (res > 0) {
                    continue restart;
                }
            }
            break;
        }
        hisptr = (hisptr + 1) & (HIS_ARRAY_SIZE - 1);
        if (i < MAX_PROBES) {
            dataWait();
            return WAIT;
        }
        print(String.format("%2d:  send failed\n", ttl));
        return 0;
    }

    /**
     * clock_gettime(CLOCK_MONOTONIC): the machine's uptime, whose seconds are never 0 in a probe (recverr() takes a
     * payload with tv_sec 0 for a broken router's).
     */
    private long monotonic(long now) {
        return stack.timerWheel().monotonic(now);
    }

    /** The probe: mtu - overhead bytes of zeros with struct probehdr (ttl, CLOCK_MONOTONIC send time) in front. */
    private byte[] packet(long now) {
        // beyond a UDP datagram's 65535 bytes udp_sendmsg() refuses whatever the length: spare the allocation
        byte[] b = new byte[Math.min(mtu - overhead, 0x10000)];
        if (b.length >= PROBEHDR) {
            putLe(b, 0, ttl, 4);
            putLe(b, 8, now / SECOND, 8);
            putLe(b, 16, now % SECOND, 8);
        }
        return b;
    }

    /** data_wait(): select() on the socket for at most a second; then probe_ttl()'s recv() and recverr(). */
    private void dataWait() {
        waiting = true;
        if (received > 0 || !errorQueue.isEmpty()) {
            wake = ctx.at(ctx.now(), this::waited);
        } else {
            wake = ctx.at(ctx.now() + SECOND, this::waited);
        }
    }

    /** The socket became readable (a datagram or a queued error): select() returns. */
    private void readable(long now) {
        if (waiting && wake != null) {
            ctx.cancel(wake);
            wake = ctx.at(now, this::waited);
        }
    }

    private void waited(long now) {
        waiting = false;
        wake = null;
        if (socket == null) {
            return;
        }
        int res;
        if (received > 0) {
            received--;
            print(String.format("%2d?: reply received 8)\n", ttl));
            res = 0;
        } else {
            res = recverr();
        }
        if (blocked > 0) {
            long later = now + blocked;
            blocked = 0;
            wake = ctx.at(later, t -> {
                wake = null;
                afterProbe(res);
            });
            return;
        }
        afterProbe(res);
    }

    // -------------------------------------------------------------------------------------------- recverr()

    /** recverr(): reads the error queue until it is empty (-1 when it was, else the MTU) or an answer ends the trace (0). */
    private int recverr() {
        int progress = -1;
        Err e;
        while ((e = errorQueue.poll()) != null) {
            long ts = monotonic(ctx.now() + blocked); // clock_gettime() after the lookups of the lines before
            progress = mtu;
            int sndhops = -1;
            long retts = -1;
            boolean brokenRouter = false;
            int slot = e.port() - basePort;
            if (slot >= 0 && slot < HIS_ARRAY_SIZE - 1 && hisHops[slot] != 0) {
                sndhops = hisHops[slot];
                retts = hisSendtime[slot];
                hisHops[slot] = 0;
            }
            byte[] p = e.payload();
            if (p.length >= PROBEHDR) {
                long rttl = getLe(p, 0, 4);
                long sec = getLe(p, 8, 8);
                if (rttl == 0 || sec == 0) {
                    brokenRouter = true;
                } else {
                    sndhops = (int) rttl;
                    retts = sec * SECOND + getLe(p, 16, 8);
                }
            }
            StringBuilder line = new StringBuilder();
            if (e.local()) {
                line.append(String.format("%2d?: %-32s ", ttl, "[LOCALHOST]"));
            } else {
                line.append(sndhops > 0 ? String.format("%2d:  ", sndhops) : String.format("%2d?: ", ttl));
                Ipv4Address from = Ipv4Address.of(e.from());
                String abuf = noResolve || showBoth ? from.toString() : "";
                String hname = "";
                if (!noResolve || showBoth) {
                    String name = ctx.resolver().nameInfo(from);
                    if (name == null) { // getnameinfo() failed (EAI_AGAIN): print_host() shows "???"
                        hname = "???";
                        blocked += ctx.resolver().failedLookupNanos();
                    } else {
                        hname = name;
                    }
                }
                printHost(line, noResolve ? abuf : hname, noResolve ? hname : abuf);
            }
            if (retts >= 0) {
                long res = ts - retts;
                line.append(String.format(Locale.ROOT, "%3d.%03dms ", res / 1_000_000, (res % 1_000_000) / 1000));
                if (brokenRouter) {
                    line.append("(This broken router returned corrupted payload) ");
                }
            }
            int rethops = e.ttl();
            if (rethops <= 64) {
                rethops = 65 - rethops;
            } else if (rethops <= 128) {
                rethops = 129 - rethops;
            } else {
                rethops = 256 - rethops;
            }
            Errno errno = e.errno();
            if (errno == Errno.EMSGSIZE) {
                line.append(String.format("pmtu %d\n", e.info()));
                mtu = e.info();
                progress = mtu;
                print(line.toString());
                continue;
            }
            if (errno == Errno.ECONNREFUSED) {
                print(line.append("reached\n").toString());
                hopsTo = sndhops < 0 ? ttl : sndhops;
                hopsFrom = rethops;
                return 0;
            }
            if (errno == Errno.EPROTO) {
                print(line.append("!P\n").toString());
                return 0;
            }
            if (errno == Errno.EHOSTUNREACH) {
                if (!e.local() && e.type() == 11 && e.code() == 0) {
                    if (rethops >= 0) {
                        if (sndhops >= 0 && rethops != sndhops) {
                            line.append(String.format("asymm %2d ", rethops));
                        }
                        if (sndhops < 0 && rethops != ttl) {
                            line.append(String.format("asymm %2d ", rethops));
                        }
                    }
                    print(line.append('\n').toString());
                    continue;
                }
                print(line.append("!H\n").toString());
                return 0;
            }
            if (errno == Errno.ENETUNREACH) {
                print(line.append("!N\n").toString());
                return 0;
            }
            if (errno == Errno.EACCES) {
                print(line.append("!A\n").toString());
                return 0;
            }
            print(line.append('\n').toString());
            ctx.out().flush();
            ctx.err().println("tracepath: NET ERROR: " + errno.text);
            ctx.err().flush();
            return 0;
        }
        return progress;
    }

    /** print_host(): the first name, " (second)" with -b, padded to the host column. */
    private void printHost(StringBuilder line, String a, String b) {
        int start = line.length();
        line.append(a);
        if (showBoth) {
            line.append(" (").append(b).append(')');
        }
        int plen = line.length() - start;
        if (plen >= HOST_COLUMN_SIZE) {
            plen = HOST_COLUMN_SIZE - 1;
        }
        line.append(" ".repeat(HOST_COLUMN_SIZE - plen));
    }

    /** icmp_err_convert[] (and icmp_err()'s EHOSTUNREACH, EPROTO): the errno udp_err() queues for an ICMP error. */
    static Errno icmpErrConvert(int type, int code) {
        return switch (type) {
            case 3 -> switch (code) {
                case 0, 6, 9, 11 -> Errno.ENETUNREACH;
                case 2 -> Errno.ENOPROTOOPT;
                case 3 -> Errno.ECONNREFUSED;
                case 4 -> Errno.EMSGSIZE;
                case 5 -> Errno.EOPNOTSUPP;
                case 7 -> Errno.EHOSTDOWN;
                case 8 -> Errno.ENONET;
                default -> Errno.EHOSTUNREACH;
            };
            case 12 -> Errno.EPROTO;
            default -> Errno.EHOSTUNREACH;
        };
    }

    private void print(String s) {
        ctx.out().print(s);
        ctx.out().flush();
    }

    private static void putLe(byte[] b, int off, long v, int n) {
        for (int i = 0; i < n; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }

    private static long getLe(byte[] b, int off, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }
}
