package io.arplab.tools;

import io.arplab.runtime.Timer;
import io.arplab.stack.HostStack;
import io.arplab.stack.HostStack.PacketListener;
import io.arplab.stack.NetDevice;
import io.arplab.stack.Route;
import io.arplab.wire.ArpFrames;
import io.arplab.wire.Bytes;
import io.arplab.wire.Ipv4Address;
import java.util.List;

/**
 * iputils arping (20221126): ARP requests from a packet socket on one device, broadcast until the first reply and
 * then unicast to the replier (unless -b); -D duplicate address detection (sender address 0.0.0.0), -U gratuitous
 * requests, -A gratuitous replies. The kernel still processes every ARP frame the device receives; arping only reads
 * copies (and its own frames are never looped back into the stack).
 */
public final class Arping implements Tool {
    static final String OPTSTRING = "h?bfDUAqc:w:i:s:I:V";

    static final String USAGE = String.join("\n",
            "",
            "Usage:",
            "  arping [options] <destination>",
            "",
            "Options:",
            "  -f            quit on first reply",
            "  -q            be quiet",
            "  -b            keep on broadcasting, do not unicast",
            "  -D            duplicate address detection mode",
            "  -U            unsolicited ARP mode, update your neighbours",
            "  -A            ARP answer mode, update your neighbours",
            "  -V            print version and exit",
            "  -c <count>    how many packets to send",
            "  -w <timeout>  how long to wait for a reply",
            "  -i <interval> set interval between packets (default: 1 second)",
            "  -I <device>   which ethernet device to use",
            "  -s <source>   source ip address",
            "  <destination> dns name or ip address",
            "",
            "For more details see arping(8).",
            "");

    static final String VERSION = Iputils.version("arping");

    private static final long NS = 1_000_000_000L;
    private static final int ARPOP_REQUEST = 1;
    private static final int ARPOP_REPLY = 2;
    private static final long BROADCAST = 0xffff_ffff_ffffL;

    // options
    private boolean broadcastOnly;
    private boolean dad;
    private boolean unsolicited;
    private boolean advert;
    private boolean quiet;
    private boolean quitOnReply;
    private int count = -1;
    private long timeout;
    private long interval = 1;
    private String deviceName;
    private String sourceText;

    // state
    private ToolContext ctx;
    private HostStack stack;
    private NetDevice dev;
    private Object packetSocket;
    private int gsrc;
    private int gdst;
    private long me;
    private long he = BROADCAST;
    private boolean unicasting;
    private int sent;
    private int brdSent;
    private int received;
    private int brdRecv;
    private int reqRecv;
    private long last;
    private boolean lastSet;
    private long start;
    private long totalExpires = 1;
    private long nextTimer = Long.MAX_VALUE;
    private long timeoutAt = Long.MAX_VALUE;
    private Timer wake;
    private boolean done;

    @Override
    public void start(ToolContext ctx, List<String> args) {
        this.ctx = ctx;
        this.stack = ctx.stack();
        try {
            if (!parseAndSetUp(args)) {
                return;
            }
        } catch (Getopt.ToolError e) {
            ctx.err().println(e.getMessage());
            ctx.exit(e.status());
            return;
        }
        ctx.onInterrupt(this::finish);
        packetSocket = stack.openPacketSocket(dev, this::receive);
        start = ctx.now();
        // event_loop(): the first probe at once, then the interval timer (timerfd; 0 disarms it) and the timeout
        sendPack(start);
        if (interval > 0) {
            nextTimer = start + interval * NS;
        }
        if (timeout > 0) {
            timeoutAt = start + timeout * NS;
        }
        rearm();
    }

    private boolean parseAndSetUp(List<String> args) {
        Getopt g = Getopt.parse("arping", OPTSTRING, args);
        for (Getopt.Opt o : g.options()) {
            if (o.failed()) {
                ctx.err().println(o.error());
                return usage();
            }
            String a = o.argument();
            switch (o.letter()) {
                case 'b' -> broadcastOnly = true;
                case 'D' -> {
                    dad = true;
                    quitOnReply = true;
                }
                case 'U' -> unsolicited = true;
                case 'A' -> {
                    advert = true;
                    unsolicited = true;
                }
                case 'q' -> quiet = true;
                case 'c' -> count = (int) Getopt.strtolOrErr("arping", a, "invalid argument", 1, Integer.MAX_VALUE);
                case 'w' -> timeout = Getopt.strtolOrErr("arping", a, "invalid argument", 0, Integer.MAX_VALUE);
                case 'i' -> interval = Getopt.strtolOrErr("arping", a, "invalid argument", 0, Integer.MAX_VALUE);
                case 'I' -> deviceName = a;
                case 'f' -> quitOnReply = true;
                case 's' -> sourceText = a;
                case 'V' -> {
                    ctx.out().print(VERSION);
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
        String target = g.operands().get(0);
        if (deviceName != null && deviceName.isEmpty()) {
            deviceName = null;
        }
        Ipv4Address dst = InetAton.atonThenName(target, ctx.resolver());
        if (dst == null) {
            throw new Getopt.ToolError("arping: " + target + ": " + ctx.resolver().lookupErrorFor(target), 2);
        }
        gdst = dst.bits();
        if (deviceName == null) {
            // guess_device(): RTM_GETROUTE for the destination gives the output device
            NetDevice out = stack.isLocalAddress(gdst) ? stack.device(1) : routeDevice(dst);
            if (out == null) {
                throw new Getopt.ToolError("arping: NETLINK_ROUTE unexpected iov element", 1);
            }
            deviceName = out.name;
        }
        // check_device()
        dev = stack.device(deviceName);
        if (dev == null) {
            throw new Getopt.ToolError("arping: Device " + deviceName + " not available.", 2);
        }
        if (!dev.isUp()) {
            notArpable("Interface \"" + deviceName + "\" is down", 2);
            return false;
        }
        if (dev.loopback || dev.noarp()) { // check_ifflags(): IFF_NOARP | IFF_LOOPBACK
            notArpable("Interface \"" + deviceName + "\" is not ARPable", dad ? 0 : 2);
            return false;
        }
        if (sourceText != null) {
            Ipv4Address s = InetAton.aton(sourceText);
            if (s == null) {
                throw new Getopt.ToolError("arping: invalid source " + sourceText, 2);
            }
            gsrc = s.bits();
        }
        if (!dad && unsolicited && sourceText == null) {
            gsrc = gdst;
        }
        if (!dad || sourceText != null) {
            // the UDP probe socket, bound to the device
            if (sourceText != null || gsrc != 0) {
                if (gsrc != 0 && !stack.isLocalAddress(gsrc)) {
                    throw new Getopt.ToolError("arping: bind: Cannot assign requested address", 2);
                }
            } else if (!dad) {
                // SO_DONTROUTE + connect() on the socket bound to the device: the lookup (scope link) skips gateway
                // routes, and ip_route_output_key_hash_rcu() then assumes the destination on the device's link
                Route r = stack.route(dst, dev);
                Ipv4Address src = r != null && r.gateway() == null && r.type() == Route.UNICAST
                        ? stack.sourceAddress(dst, dev) : stack.onLinkSource(dev);
                gsrc = src == null ? 0 : src.bits();
            }
        }
        me = dev.macBits();
        if (!quiet) {
            ctx.out().println("ARPING " + Ipv4Address.of(gdst) + " from " + Ipv4Address.of(gsrc) + " " + deviceName);
        }
        if (sourceText == null && gsrc == 0 && !dad) {
            throw new Getopt.ToolError("arping: no source address in not-DAD mode", 2);
        }
        return true;
    }

    private NetDevice routeDevice(Ipv4Address dst) {
        Route r = stack.route(dst, null);
        return r == null || r.type() != Route.UNICAST ? null : r.device();
    }

    private void notArpable(String message, int status) {
        if (!quiet) {
            ctx.out().println(message);
        }
        ctx.exit(status);
    }

    private boolean usage() {
        ctx.err().print(USAGE);
        ctx.exit(2);
        return false;
    }

    // ------------------------------------------------------------------------------------------------ loop

    private void rearm() {
        if (wake != null) {
            ctx.cancel(wake);
            wake = null;
        }
        long t = Math.min(nextTimer, timeoutAt);
        if (!done && t != Long.MAX_VALUE) {
            wake = ctx.at(t, this::tick);
        }
    }

    /** poll() woke for the timers: the interval timer is handled before the timeout, as their fds are polled. */
    private void tick(long now) {
        wake = null;
        if (done) {
            return;
        }
        boolean exit = false;
        if (now >= nextTimer) {
            totalExpires++;
            nextTimer += interval * NS;
            if (count > 0 && count < totalExpires) {
                exit = true;
            } else {
                sendPack(now);
            }
        }
        if (now >= timeoutAt) {
            exit = true;
        }
        if (exit) {
            finish();
        } else {
            rearm();
        }
    }

    /** send_pack(): request (reply with -A) from our MAC; the target hardware field is where it goes (or us). */
    private void sendPack(long now) {
        byte[] f = new byte[ArpFrames.FRAME_LENGTH];
        int op = advert ? ARPOP_REPLY : ARPOP_REQUEST;
        long tha = advert ? me : he;
        ArpFrames.write(f, 0, he, me, op, me, gsrc, tha, gdst);
        if (!dev.isUp()) {
            return; // sendto() fails with ENETDOWN: nothing counted
        }
        ctx.act(out -> stack.sendRaw(dev, f, out));
        last = now;
        lastSet = true;
        sent++;
        if (!unicasting) {
            brdSent++;
        }
    }

    /** recv_pack() for a copy of an ARP frame that arrived on the device. */
    private void receive(long now, byte[] f, int pktType) {
        if (done || pktType == PacketListener.PACKET_OTHERHOST || f.length < 14 + 8) {
            return;
        }
        int a = 14;
        int op = Bytes.u16(f, a + 6);
        if (op != ARPOP_REQUEST && op != ARPOP_REPLY) {
            return;
        }
        if (Bytes.u16(f, a) != 1 || Bytes.u16(f, a + 2) != 0x0800) {
            return;
        }
        if ((f[a + 5] & 0xff) != 4 || (f[a + 4] & 0xff) != 6 || f.length < a + 8 + 2 * (4 + 6)) {
            return;
        }
        long sha = Bytes.u48(f, a + 8);
        int srcIp = Bytes.i32(f, a + 14);
        long tha = Bytes.u48(f, a + 18);
        int dstIp = Bytes.i32(f, a + 24);
        if (!dad) {
            if (srcIp != gdst || gsrc != dstIp || tha != me) {
                return;
            }
        } else {
            // DAD: someone else answering for the tested address
            if (srcIp != gdst || sha == me || gsrc != 0 && gsrc != dstIp) {
                return;
            }
        }
        if (!quiet) {
            StringBuilder sb = new StringBuilder();
            sb.append(pktType == PacketListener.PACKET_HOST ? "Unicast" : "Broadcast").append(' ')
                    .append(op == ARPOP_REPLY ? "reply" : "request").append(" from ")
                    .append(Ipv4Address.of(srcIp)).append(" [").append(hex(sha)).append("] ");
            boolean sPrinted = false;
            if (dstIp != gsrc) {
                sb.append("for ").append(Ipv4Address.of(dstIp)).append(' ');
                sPrinted = true;
            }
            if (tha != me) {
                if (!sPrinted) {
                    sb.append("for ");
                }
                sb.append('[').append(hex(tha)).append(']');
            }
            if (lastSet) {
                // CLOCK_MONOTONIC seconds and nanoseconds since the last probe, and the arithmetic arping does
                long tsSec = now / NS;
                long tsNsec = now % NS;
                long lastSec = last / NS;
                long lastNsec = last % NS;
                long usecs = (tsSec - lastSec) * 1_000_000 + (tsNsec - lastNsec + 500) / 1000;
                long msecs = (usecs + 500) / 1000;
                usecs -= msecs * 1000 - 500;
                sb.append(' ').append(msecs).append('.').append(String.format("%03d", usecs)).append("ms");
            } else {
                sb.append(" UNSOLICITED?");
            }
            ctx.out().println(sb);
        }
        received++;
        if (timeout > 0 && received == count) {
            finish();
            return;
        }
        if (pktType != PacketListener.PACKET_HOST) {
            brdRecv++;
        }
        if (op == ARPOP_REQUEST) {
            reqRecv++;
        }
        if (quitOnReply || count == 0 && received == sent) {
            finish();
            return;
        }
        if (!broadcastOnly) {
            he = sha;
            unicasting = true;
        }
    }

    private static String hex(long mac) {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 5; i >= 0; i--) {
            sb.append(String.format("%02X", (mac >>> (8 * i)) & 0xff));
            if (i > 0) {
                sb.append(':');
            }
        }
        return sb.toString();
    }

    /** finish() and the exit status event_loop() computes after it. */
    private void finish() {
        if (done) {
            return;
        }
        done = true;
        if (wake != null) {
            ctx.cancel(wake);
            wake = null;
        }
        if (packetSocket != null) {
            stack.closePacketSocket(packetSocket);
        }
        if (!quiet) {
            StringBuilder sb = new StringBuilder();
            sb.append("Sent ").append(sent).append(" probes (").append(brdSent).append(" broadcast(s))\n");
            sb.append("Received ").append(received).append(" response(s)");
            if (brdRecv > 0 || reqRecv > 0) {
                sb.append(" (");
                if (reqRecv > 0) {
                    sb.append(reqRecv).append(" request(s)");
                }
                if (brdRecv > 0) {
                    sb.append(reqRecv > 0 ? ", " : "").append(brdRecv).append(" broadcast(s)");
                }
                sb.append(')');
            }
            ctx.out().println(sb);
        }
        int rc;
        if (dad) {
            rc = received != 0 ? 1 : 0;
        } else if (unsolicited) {
            rc = 0;
        } else {
            rc = received == 0 ? 1 : 0;
        }
        if (unsolicited) {
            // nothing more
        } else if (dad && quitOnReply) {
            rc |= brdSent == received ? 1 : 0;
        } else if (timeout > 0 && !(count > 0)) {
            rc |= received > 0 ? 0 : 1;
        } else {
            rc |= sent != received ? 1 : 0;
        }
        ctx.exit(rc);
    }
}
