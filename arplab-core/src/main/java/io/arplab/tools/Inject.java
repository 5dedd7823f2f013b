package io.arplab.tools;

import io.arplab.stack.HostStack;
import io.arplab.stack.NetDevice;
import io.arplab.wire.ArpFrames;
import io.arplab.wire.Bytes;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.util.List;

/**
 * arplab's raw injector, in the spirit of scapy's sendp(): writes one Ethernet frame to a device's packet socket,
 * {@code -c} times {@code -t} seconds apart, and prints a dot per frame and "Sent N packets." as sendp does. The
 * frame is hex (spaces and colons ignored) or an ARP spec: {@code arp request|reply [sha=MAC] [spa=IP] [tha=MAC]
 * [tpa=IP] [src=MAC] [dst=MAC]}; sha and src default to the device's MAC, dst to broadcast for a request and to tha
 * for a reply, tha to 00:00:00:00:00:00, spa and tpa to 0.0.0.0.
 */
public final class Inject implements Tool {
    /** The getopt(3) option string, as the real tool passes it. */
    static final String OPTSTRING = "hi:c:t:";

    static final String USAGE = "usage: inject -i IF [-c COUNT] [-t INTERVAL] HEX|arp request|reply [sha=MAC] [spa=IP]"
            + " [tha=MAC] [tpa=IP] [src=MAC] [dst=MAC]\n";

    private ToolContext ctx;
    private HostStack stack;
    private NetDevice dev;
    private byte[] frame;
    private long count = 1;
    private long interval;
    private long sent;

    @Override
    public void start(ToolContext ctx, List<String> args) {
        this.ctx = ctx;
        this.stack = ctx.stack();
        try {
            Getopt g = Getopt.parse("inject", OPTSTRING, args);
            String intf = null;
            for (Getopt.Opt o : g.options()) {
                if (o.failed()) {
                    throw new Getopt.ToolError(o.error() + "\n" + USAGE.stripTrailing(), 2);
                }
                switch (o.letter()) {
                    case 'h' -> {
                        ctx.out().println(USAGE.stripTrailing());
                        ctx.exit(0);
                        return;
                    }
                    case 'i' -> intf = o.argument();
                    case 'c' -> count = Getopt.strtolOrErr("inject", o.argument(), "invalid count", 1, Integer.MAX_VALUE);
                    default -> interval = Math.round(Double.parseDouble(number(o.argument())) * 1e9);
                }
            }
            if (intf == null || g.operands().isEmpty()) {
                throw new Getopt.ToolError(USAGE.stripTrailing(), 2);
            }
            dev = stack.device(intf);
            if (dev == null) {
                throw new Getopt.ToolError("inject: " + intf + ": No such device", 1);
            }
            frame = build(g.operands());
        } catch (Getopt.ToolError e) {
            ctx.err().println(e.getMessage());
            ctx.exit(e.status());
            return;
        }
        ctx.onInterrupt(this::summary);
        send(ctx.now());
    }

    private static String number(String s) {
        if (!s.matches("[0-9]*\\.?[0-9]+")) {
            throw new Getopt.ToolError("inject: invalid interval: '" + s + "'", 1);
        }
        return s;
    }

    private byte[] build(List<String> words) {
        if (!words.get(0).equals("arp")) {
            String hex = String.join("", words).replaceAll("[\\s:]", "");
            if (!hex.matches("([0-9a-fA-F]{2})+") || hex.length() < 28) {
                throw new Getopt.ToolError("inject: not a frame: give at least 14 bytes of hex, or an arp spec", 1);
            }
            return Bytes.fromHex(hex);
        }
        if (words.size() < 2 || !words.get(1).equals("request") && !words.get(1).equals("reply")) {
            throw new Getopt.ToolError("inject: arp needs 'request' or 'reply'", 1);
        }
        boolean reply = words.get(1).equals("reply");
        long me = dev.macBits();
        long sha = me;
        long src = me;
        long tha = 0;
        long dst = -1;
        int spa = 0;
        int tpa = 0;
        for (String w : words.subList(2, words.size())) {
            int eq = w.indexOf('=');
            String key = eq < 0 ? w : w.substring(0, eq);
            String value = eq < 0 ? "" : w.substring(eq + 1);
            try {
                switch (key) {
                    case "sha" -> sha = MacAddress.parse(value).bits();
                    case "tha" -> tha = MacAddress.parse(value).bits();
                    case "src" -> src = MacAddress.parse(value).bits();
                    case "dst" -> dst = MacAddress.parse(value).bits();
                    case "spa" -> spa = Ipv4Address.parse(value).bits();
                    case "tpa" -> tpa = Ipv4Address.parse(value).bits();
                    default -> throw new Getopt.ToolError("inject: unknown field '" + key
                            + "' (sha spa tha tpa src dst)", 1);
                }
            } catch (IllegalArgumentException e) {
                throw new Getopt.ToolError("inject: " + key + ": " + e.getMessage(), 1);
            }
        }
        if (dst < 0) {
            dst = reply ? tha : 0xffff_ffff_ffffL;
        }
        byte[] f = new byte[ArpFrames.FRAME_LENGTH];
        ArpFrames.write(f, 0, dst, src, reply ? 2 : 1, sha, spa, tha, tpa);
        return f;
    }

    private void send(long now) {
        if (ctx.finished()) {
            return; // interrupted
        }
        if (dev.isUp()) {
            byte[] f = frame.clone();
            ctx.act(out -> stack.sendRaw(dev, f, out));
        }
        sent++;
        ctx.out().print('.');
        if (sent >= count) {
            summary();
            ctx.exit(0);
            return;
        }
        ctx.at(now + interval, this::send);
    }

    private void summary() {
        ctx.out().println();
        ctx.out().println("Sent " + sent + " packets.");
    }
}
