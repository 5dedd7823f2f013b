package io.arplab.tools;

import io.arplab.stack.HostStack;
import io.arplab.stack.NetDevice;
import io.arplab.stack.PingSocket;
import io.arplab.wire.Bytes;
import io.arplab.wire.Ipv4Address;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * iputils ping (20221126) for IPv4: sends echo requests at an interval, prints each reply or error as iputils does
 * and the statistics at the end.
 */
public final class Ping implements Tool {

    @Command(name = "ping")
    static final class Options {
        @Option(names = "-c") long count;
        @Option(names = "-i") double interval = 1.0;
        @Option(names = "-W") double timeout = 10.0;
        @Option(names = "-w") double deadline;
        @Option(names = "-s") int size = 56;
        @Option(names = "-t") int ttl;
        @Option(names = "-I") String iface;
        @Option(names = "-D") boolean timestamps;
        @Option(names = "-n") boolean numeric;
        @Option(names = "-q") boolean quiet;
        @Option(names = "-b") boolean broadcast;
        @Option(names = "-4") boolean ipv4;
        @Option(names = "-Q") String tos;
        @Option(names = "-M") String pmtudisc;
        @Parameters(arity = "0..1") String target;
    }

    private static final long NS = 1_000_000_000L;

    private ToolContext ctx;
    private Options o;
    private HostStack stack;
    private PingSocket socket;
    private Ipv4Address dst;
    private String hostname;
    private NetDevice bind;
    private long start;
    private long ntransmitted;
    private long nreceived;
    private long nerrors;
    private long nrepeats;
    private long tmin = Long.MAX_VALUE;
    private long tmax;
    private long tsum;
    private long tsum2;
    private int pipesize = 1;
    private long[] sentAt = new long[64];
    private boolean[] received = new boolean[64];
    private long interval;
    private int ttl;
    private boolean done;
    private io.arplab.sim.Scheduler.Event nextSend;
    private io.arplab.sim.Scheduler.Event deadlineEvent;

    @Override
    public void start(ToolContext ctx, List<String> args) {
        this.ctx = ctx;
        this.o = new Options();
        CommandLine cl = new CommandLine(o);
        cl.setPosixClusteredShortOptionsAllowed(true);
        try {
            cl.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            ctx.err().println("ping: " + e.getMessage());
            ctx.exit(2);
            return;
        }
        if (o.target == null) {
            ctx.err().println("ping: usage error: Destination address required");
            ctx.exit(1);
            return;
        }
        stack = ctx.stack();
        dst = ctx.resolver().resolve(o.target);
        if (dst == null) {
            ctx.err().println("ping: " + o.target + ": Name or service not known");
            ctx.exit(2);
            return;
        }
        if (Ipv4Address.tryParse(o.target) != null) {
            o.numeric = true; // a numeric target is not reverse-resolved
        }
        hostname = o.target;
        if (o.size < 0 || o.size > 65507) {
            ctx.err().println("ping: invalid argument: '" + o.size + "': out of range: 0 <= value <= 65507");
            ctx.exit(1);
            return;
        }
        if (o.count < 0) {
            ctx.err().println("ping: invalid argument: '" + o.count + "': out of range: 1 <= value <= 9223372036854775807");
            ctx.exit(1);
            return;
        }
        if (o.interval < 0.002 && o.interval >= 0) {
            ctx.err().println("ping: cannot flood; minimal interval allowed for user is 2ms");
            ctx.exit(2);
            return;
        }
        interval = Math.round(o.interval * NS);
        ttl = o.ttl > 0 ? o.ttl : stack.defaultTtl();
        if (o.iface != null) {
            bind = stack.device(o.iface);
            if (bind == null) {
                Ipv4Address a = Ipv4Address.tryParse(o.iface);
                if (a == null) {
                    ctx.err().println("ping: SO_BINDTODEVICE " + o.iface + ": No such device");
                    ctx.exit(2);
                    return;
                }
            }
        }
        if (stack.route(dst, bind) == null && !stack.isLocalAddress(dst.bits())) {
            ctx.err().println("ping: connect: Network is unreachable");
            ctx.exit(2);
            return;
        }
        if (isBroadcast(dst) && !o.broadcast) {
            ctx.err().println("ping: Do you want to ping broadcast? Then -b. If not, check your local firewall rules");
            ctx.exit(2);
            return;
        }
        socket = stack.openPing(ctx.pid(), new Listener());
        StringBuilder head = new StringBuilder("PING ").append(hostname).append(" (").append(dst).append(") ");
        if (bind != null) {
            head.append("from ").append(stack.sourceAddress(dst, bind)).append(' ').append(bind.name).append(": ");
        }
        head.append(o.size).append('(').append(o.size + 28).append(") bytes of data.");
        ctx.out().println(head);
        start = ctx.now();
        ctx.onInterrupt(this::finish);
        if (o.deadline > 0) {
            deadlineEvent = ctx.at(start + Math.round(o.deadline * NS), t -> finish());
        }
        send(start);
    }

    private boolean isBroadcast(Ipv4Address a) {
        if (a.isLimitedBroadcast()) {
            return true;
        }
        for (NetDevice d : stack.devices()) {
            for (NetDevice.Address x : d.addresses) {
                if (x.broadcast() != null && x.broadcast().equals(a)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void send(long now) {
        if (done) {
            return;
        }
        int seq = (int) ((ntransmitted + 1) & 0xffff);
        byte[] data = new byte[o.size];
        if (o.size >= 16) {
            long wall = ctx.network().epochNanos() + now;
            putLe64(data, 0, wall / NS);
            putLe64(data, 8, (wall % NS) / 1000);
        }
        for (int i = o.size >= 16 ? 16 : 0; i < o.size; i++) {
            data[i] = (byte) i;
        }
        record(seq, now);
        int[] rc = new int[1];
        ctx.act(out -> rc[0] = stack.sendEcho(now, socket, dst, seq, data, ttl, 0, !"dont".equals(o.pmtudisc), bind, out));
        ntransmitted++;
        if (rc[0] < 0) {
            nerrors++;
            if (rc[0] == -90) {
                ctx.out().println("ping: local error: message too long, mtu=" + mtu());
            } else {
                ctx.out().println("ping: sendmsg: " + strerror(-rc[0]));
            }
        }
        if (o.count > 0 && ntransmitted >= o.count) {
            // all sent: wait for outstanding replies, at most -W (or until the -w deadline)
            if (deadlineEvent == null) {
                long wait = nreceived + nerrors >= ntransmitted ? 0 : Math.round(o.timeout * NS);
                nextSend = ctx.at(now + Math.max(wait, 0), t -> finish());
            }
            checkDone();
            return;
        }
        nextSend = ctx.at(now + interval, this::send);
    }

    private int mtu() {
        var r = stack.route(dst, bind);
        return r == null ? 1500 : r.device().mtu();
    }

    private void record(int seq, long now) {
        int i = seq & (sentAt.length - 1);
        sentAt[i] = now;
        received[i] = false;
        long outstanding = ntransmitted + 1 - nreceived - nerrors;
        if (outstanding > pipesize) {
            pipesize = (int) outstanding;
        }
    }

    private void checkDone() {
        if (o.count > 0 && ntransmitted >= o.count && nreceived + nerrors >= o.count) {
            finish();
        } else if (o.deadline > 0 && o.count > 0 && nreceived >= o.count) {
            finish();
        }
    }

    private final class Listener implements PingSocket.Listener {
        @Override
        public void echoReply(long now, int from, int ttlIn, int sequence, int icmpLength, byte[] frame, int dataOffset,
                              int dataLength) {
            if (done) {
                return;
            }
            int i = sequence & (sentAt.length - 1);
            long rtt = (now - sentAt[i]) / 1000; // microseconds, as iputils measures
            boolean dup = received[i];
            received[i] = true;
            if (dup) {
                nrepeats++;
            } else {
                nreceived++;
            }
            tsum += rtt;
            tsum2 += rtt * rtt;
            tmin = Math.min(tmin, rtt);
            tmax = Math.max(tmax, rtt);
            if (!o.quiet) {
                StringBuilder line = new StringBuilder();
                stamp(line, now);
                line.append(icmpLength).append(" bytes from ").append(addr(Ipv4Address.of(from))).append(": icmp_seq=")
                        .append(sequence).append(" ttl=").append(ttlIn).append(" time=").append(formatRtt(rtt)).append(" ms");
                if (dup) {
                    line.append(" (DUP!)");
                }
                ctx.out().println(line);
            }
            checkDone();
        }

        @Override
        public void error(long now, int from, int type, int code, int info, int sequence) {
            if (done) {
                return;
            }
            nerrors++;
            if (!o.quiet) {
                StringBuilder line = new StringBuilder();
                stamp(line, now);
                line.append("From ").append(addr(Ipv4Address.of(from))).append(" icmp_seq=").append(sequence).append(' ')
                        .append(describe(type, code, info));
                ctx.out().println(line);
            }
            checkDone();
        }
    }

    private void stamp(StringBuilder line, long now) {
        if (o.timestamps) {
            long wall = ctx.network().epochNanos() + now;
            line.append('[').append(wall / NS).append('.').append(String.format("%06d", (wall % NS) / 1000)).append("] ");
        }
    }

    private String addr(Ipv4Address a) {
        if (!o.numeric) {
            String name = ctx.resolver().reverse(a);
            if (name != null) {
                return name + " (" + a + ")";
            }
        }
        return a.toString();
    }

    /** iputils' time= format: 3 decimals under 1 ms, then 2, 1, none as the value grows. */
    static String formatRtt(long us) {
        if (us >= 100_000) {
            return Long.toString(us / 1000);
        }
        if (us >= 10_000) {
            return us / 1000 + "." + (us % 1000) / 100;
        }
        if (us >= 1_000) {
            return us / 1000 + "." + String.format("%02d", (us % 1000) / 10);
        }
        return us / 1000 + "." + String.format("%03d", us % 1000);
    }

    /** iputils pr_icmph(). */
    static String describe(int type, int code, int info) {
        switch (type) {
            case 3:
                return switch (code) {
                    case 0 -> "Destination Net Unreachable";
                    case 1 -> "Destination Host Unreachable";
                    case 2 -> "Destination Protocol Unreachable";
                    case 3 -> "Destination Port Unreachable";
                    case 4 -> "Frag needed and DF set (mtu = " + info + ")";
                    case 5 -> "Source Route Failed";
                    case 6 -> "Destination Net Unknown";
                    case 7 -> "Destination Host Unknown";
                    case 8 -> "Source Host Isolated";
                    case 9 -> "Destination Net Prohibited";
                    case 10 -> "Destination Host Prohibited";
                    case 11 -> "Destination Net Unreachable for Type of Service";
                    case 12 -> "Destination Host Unreachable for Type of Service";
                    case 13 -> "Packet filtered";
                    case 14 -> "Precedence Violation";
                    case 15 -> "Precedence Cutoff";
                    default -> "Dest Unreachable, Bad Code: " + code;
                };
            case 4:
                return "Source Quench";
            case 5:
                String gw = Ipv4Address.of(info).toString();
                return switch (code) {
                    case 0 -> "Redirect Network(New nexthop: " + gw + ")";
                    case 1 -> "Redirect Host(New nexthop: " + gw + ")";
                    case 2 -> "Redirect Type of Service and Network(New nexthop: " + gw + ")";
                    case 3 -> "Redirect Type of Service and Host(New nexthop: " + gw + ")";
                    default -> "Redirect, Bad Code: " + code + "(New nexthop: " + gw + ")";
                };
            case 11:
                return switch (code) {
                    case 0 -> "Time to live exceeded";
                    case 1 -> "Frag reassembly time exceeded";
                    default -> "Time exceeded, Bad Code: " + code;
                };
            case 12:
                return "Parameter problem: pointer = " + info;
            default:
                return "Bad ICMP type: " + type;
        }
    }

    private static String strerror(int errno) {
        return switch (errno) {
            case 101 -> "Network is unreachable";
            case 113 -> "No route to host";
            case 13 -> "Permission denied";
            case 22 -> "Invalid argument";
            case 90 -> "Message too long";
            default -> "error " + errno;
        };
    }

    private void finish() {
        if (done) {
            return;
        }
        done = true;
        if (nextSend != null) {
            ctx.cancel(nextSend);
        }
        if (deadlineEvent != null) {
            ctx.cancel(deadlineEvent);
        }
        stack.close(socket);
        long elapsedUs = (ctx.now() - start) / 1000;
        StringBuilder s = new StringBuilder();
        s.append('\n').append("--- ").append(hostname).append(" ping statistics ---\n");
        s.append(ntransmitted).append(" packets transmitted, ").append(nreceived).append(" received");
        if (nrepeats > 0) {
            s.append(", +").append(nrepeats).append(" duplicates");
        }
        if (nerrors > 0) {
            s.append(", +").append(nerrors).append(" errors");
        }
        if (ntransmitted > 0) {
            double loss = (ntransmitted - nreceived) * 100.0 / ntransmitted;
            s.append(", ").append(formatG((float) loss)).append("% packet loss");
            s.append(", time ").append((elapsedUs + 500) / 1000).append("ms");
        }
        s.append('\n');
        String comma = "";
        if (nreceived > 0) {
            long total = nreceived + nrepeats;
            long tmavg = tsum / total;
            long tmvar = tsum < Integer.MAX_VALUE ? (tsum2 - (tsum * tsum) / total) / total : tsum2 / total - tmavg * tmavg;
            long tmdev = (long) Math.sqrt((double) tmvar);
            s.append(String.format("rtt min/avg/max/mdev = %d.%03d/%d.%03d/%d.%03d/%d.%03d ms", tmin / 1000, tmin % 1000,
                    tmavg / 1000, tmavg % 1000, tmax / 1000, tmax % 1000, tmdev / 1000, tmdev % 1000));
            comma = ", ";
        }
        if (pipesize > 1) {
            s.append(comma).append("pipe ").append(pipesize);
        }
        s.append('\n');
        ctx.out().print(s);
        boolean fail = nreceived == 0 || o.deadline > 0 && o.count > 0 && nreceived < o.count;
        ctx.exit(fail ? 1 : 0);
    }

    /** C's %g for a float percentage (6 significant digits, trailing zeros dropped). */
    static String formatG(float v) {
        if (v == 0) {
            return "0";
        }
        String s = new java.math.BigDecimal(v).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
        return s;
    }

    private static void putLe64(byte[] b, int off, long v) {
        for (int i = 0; i < 8; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }

}
