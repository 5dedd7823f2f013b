package io.arplab.tools;

import io.arplab.stack.HostStack;
import io.arplab.stack.NetDevice;
import io.arplab.wire.Bytes;
import io.arplab.wire.InternetChecksum;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.Ipv4Frames;
import io.arplab.wire.MacAddress;
import io.arplab.wire.libc.CLib;
import java.util.List;
import java.util.SplittableRandom;

/**
 * dsniff's macof (2.4b1+debian-31): TCP SYNs from random Ethernet and IP sources to random destinations, to fill a
 * switch's forwarding table; -n frames (else until Ctrl-C), one line each on stderr. The random values come from a
 * stream derived from the node, the process and the time, so a run is the same every time; frames leave at one per
 * 10 µs of virtual time (the real tool writes as fast as the device takes them). To keep a run's memory bounded
 * a flood ends after {@link #MAX_FRAMES} frames, with a note on stderr.
 */
public final class Macof implements Tool {
    /** The getopt(3) option string, as the real tool passes it. */
    static final String OPTSTRING = "vs:d:e:x:y:i:n:h?V";

    static final String USAGE = "Version: 2.4\n"
            + "Usage: macof [-s src] [-d dst] [-e tha] [-x sport] [-y dport]\n"
            + "             [-i interface] [-n times]\n";
    private static final long GAP = 10_000;
    static final long MAX_FRAMES = 100_000;
    private static final int FRAME = 14 + 20 + 20;

    private ToolContext ctx;
    private HostStack stack;
    private NetDevice dev;
    private SplittableRandom random;
    private int src;
    private int dst;
    private long tha = -1;
    private int sport = -1;
    private int dport = -1;
    private long times = -1;
    private long sent;

    @Override
    public void start(ToolContext ctx, List<String> args) {
        this.ctx = ctx;
        this.stack = ctx.stack();
        Getopt g = Getopt.parse("macof", OPTSTRING, args);
        String intf = null;
        for (Getopt.Opt o : g.options()) {
            if (o.failed()) {
                ctx.err().println(o.error());
                usage();
                return;
            }
            String a = o.argument();
            switch (o.letter()) {
                case 'v' -> { }
                case 's' -> src = addr(a);
                case 'd' -> dst = addr(a);
                case 'e' -> tha = mac(a);
                case 'x' -> sport = CLib.atoi(a);
                case 'y' -> dport = CLib.atoi(a);
                case 'i' -> intf = a;
                case 'n' -> times = CLib.atoi(a);
                default -> {
                    usage();
                    return;
                }
            }
            if (src == -1 || dst == -1 || tha == -2) {
                usage();
                return;
            }
        }
        if (!g.operands().isEmpty()) {
            usage();
            return;
        }
        if (intf == null) {
            intf = stack.devices().stream().filter(d -> !d.loopback && d.isUp()).map(d -> d.name).findFirst()
                    .orElse("");
        }
        dev = stack.device(intf);
        if (dev == null || dev.loopback) {
            ctx.err().println("macof: libnet_check_iface() ioctl: No such device\n");
            ctx.exit(1);
            return;
        }
        random = new SplittableRandom(seed(stack.name(), ctx.pid(), ctx.now(), dev.macBits()));
        ctx.onInterrupt(() -> { });
        flood(ctx.now());
    }

    static long seed(String node, int pid, long now, long mac) {
        long h = node.hashCode();
        h = h * 0x9E37_79B9_7F4A_7C15L + pid;
        h = h * 0x9E37_79B9_7F4A_7C15L + now;
        return h * 0x9E37_79B9_7F4A_7C15L + mac;
    }

    private int addr(String a) {
        Ipv4Address x = InetAton.resolve(a, ctx.resolver());
        return x == null ? -1 : x.bits();
    }

    private static long mac(String a) {
        try {
            return MacAddress.parse(a).bits();
        } catch (IllegalArgumentException e) {
            return -2;
        }
    }

    private void usage() {
        ctx.err().print(USAGE);
        ctx.exit(1);
    }

    /** main()'s loop: one SYN per iteration until -n is reached. */
    private void flood(long now) {
        if (ctx.finished()) {
            return; // interrupted
        }
        if (times >= 0 && sent >= times) {
            ctx.exit(0);
            return;
        }
        if (sent == MAX_FRAMES) {
            ctx.err().println("macof: stopped after " + MAX_FRAMES + " frames (arplab's limit per run)");
            ctx.exit(0);
            return;
        }
        sendOne();
        sent++;
        ctx.at(now + GAP, this::flood);
    }

    private void sendOne() {
        long sha = random.nextLong() & 0xffff_ffff_ffffL;
        long dha = tha >= 0 ? tha : random.nextLong() & 0xffff_ffff_ffffL;
        int ipSrc = src != 0 ? src : random.nextInt();
        int ipDst = dst != 0 ? dst : random.nextInt();
        int sp = sport >= 0 ? sport : random.nextInt(0x10000);
        int dp = dport >= 0 ? dport : random.nextInt(0x10000);
        long seq = random.nextInt() & 0xffff_ffffL;
        byte[] f = new byte[FRAME];
        Bytes.put48(f, 0, dha);
        Bytes.put48(f, 6, sha);
        Bytes.put16(f, 12, 0x0800);
        int t = 14 + 20;
        Bytes.put16(f, t, sp);
        Bytes.put16(f, t + 2, dp);
        Bytes.put32(f, t + 4, (int) seq);
        Bytes.put8(f, t + 12, 5 << 4);
        Bytes.put8(f, t + 13, 0x02); // SYN
        Bytes.put16(f, t + 14, 512);
        long sum = InternetChecksum.pseudoHeader(ipSrc, ipDst, 6, 20);
        Bytes.put16(f, t + 16, InternetChecksum.finish(InternetChecksum.add(sum, f, t, 20)));
        // libnet_build_ipv4(LIBNET_TCP_H, ...) as macof calls it: the total length counts only the IP header (20)
        Ipv4Frames.writeHeader(f, 14, 0, 20, random.nextInt(0x10000), false, 64, 6, ipSrc, ipDst);
        // the line prints the -s/-d options, not the random addresses: 0.0.0.0 unless given
        ctx.err().println(Arpspoof.etherNtoa(sha) + " " + Arpspoof.etherNtoa(dha) + " " + Ipv4Address.of(src) + "."
                + sp + " > " + Ipv4Address.of(dst) + "." + dp + ": S " + seq + ":" + seq + "(0) win 512");
        if (dev.isUp()) {
            ctx.act(out -> stack.sendRaw(dev, f, out));
        }
    }
}
