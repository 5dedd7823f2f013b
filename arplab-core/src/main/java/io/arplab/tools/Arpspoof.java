package io.arplab.tools;

import io.arplab.runtime.Timer;
import io.arplab.stack.HostStack;
import io.arplab.stack.NeighbourEntry;
import io.arplab.stack.NetDevice;
import io.arplab.stack.NudState;
import io.arplab.stack.UdpSocket;
import io.arplab.wire.ArpFrames;
import io.arplab.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.List;

/**
 * dsniff's arpspoof (Debian 2.4b1+debian-31): forged ARP replies telling each target (-t, repeatable; else every host
 * by broadcast) that HOST's address is at our MAC, every 2 s; -r also tells HOST that each target is at our MAC. The
 * MACs it needs come from the kernel's ARP cache (SIOCGARP), which it fills by sending a UDP datagram to port 67 and
 * sleeping a second (four lookups; a target not found ends it). SIGHUP, SIGINT or SIGTERM (timeout's) re-arps the -t
 * targets with the true MAC, five rounds per source kind a second apart (-c own|host|both: the Ethernet source of
 * those replies); broadcast mode restores nothing. One line per frame on stderr, as arp_send() prints it.
 */
public final class Arpspoof implements Tool {
    /** The getopt(3) option string, as the real tool passes it. */
    static final String OPTSTRING = "ri:t:c:h?V";

    static final String USAGE = "Version: 2.4\n"
            + "Usage: arpspoof [-i interface] [-c own|host|both] [-t target] [-r] host\n";
    private static final long SECOND = 1_000_000_000L;
    private static final long BROADCAST = 0xffff_ffff_ffffL;
    private static final int ARPOP_REPLY = 2;

    /** One host arpspoof knows: its address and the MAC the cache gave (0 until found). */
    private static final class Station {
        final int ip;
        long mac;

        Station(int ip) {
            this.ip = ip;
        }
    }

    private ToolContext ctx;
    private HostStack stack;
    private NetDevice dev;
    private long myMac;
    private final List<Station> targets = new ArrayList<>();
    private Station spoof;
    private boolean poisonReverse;
    private boolean cleanupOwn = true;
    private boolean cleanupHost;
    private Timer timer;
    private boolean cleaning;

    @Override
    public void start(ToolContext ctx, List<String> args) {
        this.ctx = ctx;
        this.stack = ctx.stack();
        try {
            if (!parse(args)) {
                return;
            }
        } catch (Getopt.ToolError e) {
            ctx.err().println(e.getMessage());
            ctx.exit(e.status());
            return;
        }
        // the signal handlers are installed once the targets are found: Ctrl-C before that just ends it
        ctx.onInterrupt(() -> {
            if (timer != null) {
                ctx.cancel(timer);
            }
        });
        findTargets(0);
    }

    private boolean parse(List<String> args) {
        Getopt g = Getopt.parse("arpspoof", OPTSTRING, args);
        String intf = null;
        String cleanupSrc = null;
        for (Getopt.Opt o : g.options()) {
            if (o.failed()) {
                ctx.err().println(o.error());
                return usage();
            }
            switch (o.letter()) {
                case 'i' -> intf = o.argument();
                case 't' -> {
                    Ipv4Address a = resolve(o.argument());
                    if (a == null) {
                        return usage();
                    }
                    targets.add(new Station(a.bits()));
                }
                case 'r' -> poisonReverse = true;
                case 'c' -> cleanupSrc = o.argument();
                default -> {
                    return usage();
                }
            }
        }
        if (g.operands().size() != 1) {
            return usage();
        }
        if (poisonReverse && targets.isEmpty()) {
            throw new Getopt.ToolError(
                    "arpspoof: Spoofing the reverse path (-r) is only available when specifying a target (-t).", 1);
        }
        if (cleanupSrc == null || cleanupSrc.equals("own")) {
            cleanupOwn = true;
        } else if (cleanupSrc.equals("host")) {
            cleanupOwn = false;
            cleanupHost = true;
        } else if (cleanupSrc.equals("both")) {
            cleanupHost = true;
        } else {
            throw new Getopt.ToolError("arpspoof: Invalid parameter to -c: use 'own' (default), 'host' or 'both'.", 1);
        }
        Ipv4Address host = resolve(g.operands().get(0));
        if (host == null) {
            return usage();
        }
        spoof = new Station(host.bits());
        // pcap_lookupdev(): the first device that is up and not loopback
        if (intf == null) {
            for (NetDevice d : stack.devices()) {
                if (!d.loopback && d.isUp()) {
                    intf = d.name;
                    break;
                }
            }
            if (intf == null) {
                throw new Getopt.ToolError("arpspoof: no suitable device found", 1);
            }
        }
        dev = stack.device(intf);
        if (dev == null) {
            throw new Getopt.ToolError("arpspoof: libnet_check_iface() ioctl: No such device\n", 1);
        }
        myMac = dev.macBits();
        return true;
    }

    /** libnet_name2addr4(LIBNET_RESOLVE): a dotted quad or a name the node resolves. */
    private Ipv4Address resolve(String s) {
        return InetAton.resolve(s, ctx.resolver());
    }

    private boolean usage() {
        ctx.err().print(USAGE);
        ctx.exit(1);
        return false;
    }

    // ---------------------------------------------------------------------------------------------------- start

    /** main(): arp_find() each target in turn, errx() at the first not found, then the spoof host with -r. */
    private void findTargets(int index) {
        if (index == targets.size()) {
            if (poisonReverse) {
                arpFind(spoof, 0, found -> {
                    if (!found) {
                        fail("arpspoof: couldn't arp for spoof host " + Ipv4Address.of(spoof.ip));
                    } else {
                        poison(ctx.now());
                    }
                });
            } else {
                poison(ctx.now());
            }
            return;
        }
        Station t = targets.get(index);
        arpFind(t, 0, found -> {
            if (!found) {
                fail("arpspoof: couldn't arp for host " + Ipv4Address.of(t.ip));
            } else {
                findTargets(index + 1);
            }
        });
    }

    private void fail(String message) {
        ctx.err().println(message);
        ctx.exit(1);
    }

    /**
     * arp_find(): the cache entry of the -i device if there is one (SIOCGARP's arp_req_get() answers for an entry in
     * any state but NOARP, so an unresolved one gives 00:00:00:00:00:00), else arp_force() and a second's sleep; four
     * lookups at most.
     */
    private void arpFind(Station s, int attempt, java.util.function.Consumer<Boolean> then) {
        NeighbourEntry n = stack.neighbours().lookup(dev, s.ip);
        if (n != null && n.state() != NudState.NOARP) {
            s.mac = n.hasLladdr() ? n.lladdrBits() : 0;
            then.accept(true);
            return;
        }
        if (attempt == 4) {
            then.accept(false);
            return;
        }
        arpForce(s.ip);
        timer = ctx.at(ctx.now() + SECOND, t -> arpFind(s, attempt + 1, then));
    }

    /** arp_force(): an empty UDP datagram to port 67 makes the kernel resolve the address. */
    private void arpForce(int ip) {
        UdpSocket sk = stack.openUdp(0, (now, from, fromPort, ttl, frame, off, len) -> { });
        ctx.act(out -> stack.sendUdp(ctx.now(), sk, Ipv4Address.of(ip), 67, new byte[0], stack.defaultTtl(), null, out));
        stack.close(sk);
    }

    // ---------------------------------------------------------------------------------------------------- loop

    /**
     * The main loop: with no -t, one broadcast reply; else a forged reply to each target (and to the host with -r),
     * whichever addresses they have; then sleep(2).
     */
    private void poison(long now) {
        timer = null;
        if (cleaning || ctx.finished()) {
            return;
        }
        ctx.trapInterrupt(this::cleanup);
        if (targets.isEmpty()) {
            arpSend(myMac, spoof.ip, BROADCAST, 0, myMac);
        }
        for (Station t : targets) {
            arpSend(myMac, spoof.ip, t.mac, t.ip, myMac);
            if (poisonReverse) {
                arpSend(myMac, t.ip, spoof.mac, spoof.ip, myMac);
            }
        }
        timer = ctx.at(now + 2 * SECOND, this::poison);
    }

    /**
     * cleanup(), on SIGHUP, SIGINT or SIGTERM: arp_find() of the host, with -r arp_find_all() of the targets (until
     * one is found), then 5 rounds per source kind over the targets (none without -t), a second after each reply.
     */
    private void cleanup() {
        if (cleaning) {
            return;
        }
        cleaning = true;
        if (timer != null) {
            ctx.cancel(timer);
            timer = null;
        }
        arpFind(spoof, 0, fw -> {
            if (poisonReverse && !targets.isEmpty()) {
                findAny(0, bw -> restore(fw, bw));
            } else {
                restore(fw, false);
            }
        });
    }

    /** arp_find_all(): arp_find() of each target in turn until one is found. */
    private void findAny(int index, java.util.function.Consumer<Boolean> then) {
        if (index == targets.size()) {
            then.accept(false);
            return;
        }
        arpFind(targets.get(index), 0, found -> {
            if (found) {
                then.accept(true);
            } else {
                findAny(index + 1, then);
            }
        });
    }

    private void restore(boolean fw, boolean bw) {
        ctx.err().println("Cleaning up and re-arping targets...");
        List<Runnable> sends = new ArrayList<>();
        int rounds = (cleanupOwn ? 5 : 0) + (cleanupHost ? 5 : 0);
        for (int i = 0; i < rounds; i++) {
            long src = cleanupOwn && (i % 2 == 1 || !cleanupHost) ? myMac : -1;
            for (Station t : targets) {
                if (fw) {
                    sends.add(() -> arpSend(spoof.mac, spoof.ip, t.mac, t.ip, src < 0 ? spoof.mac : src));
                }
                if (bw) {
                    sends.add(() -> arpSend(t.mac, t.ip, spoof.mac, spoof.ip, src < 0 ? t.mac : src));
                }
            }
        }
        sendPaced(sends, 0);
    }

    private void sendPaced(List<Runnable> sends, int i) {
        if (i == sends.size()) {
            ctx.exit(0);
            return;
        }
        sends.get(i).run();
        ctx.at(ctx.now() + SECOND, t -> sendPaced(sends, i + 1));
    }

    /** arp_send(): an ARP reply, Ethernet from {@code me} to {@code tha}, and its line on stderr. */
    private void arpSend(long sha, int spa, long tha, int tpa, long me) {
        byte[] f = new byte[ArpFrames.FRAME_LENGTH];
        ArpFrames.write(f, 0, tha, me, ARPOP_REPLY, sha, spa, tha, tpa);
        ctx.err().println(etherNtoa(me) + " " + etherNtoa(tha) + " 0806 42: arp reply " + Ipv4Address.of(spa)
                + " is-at " + etherNtoa(sha));
        if (dev.isUp()) {
            ctx.act(out -> stack.sendRaw(dev, f, out));
        }
    }

    /** glibc ether_ntoa(): lower-case hex without leading zeros. */
    static String etherNtoa(long mac) {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 5; i >= 0; i--) {
            sb.append(Long.toHexString((mac >>> (8 * i)) & 0xff));
            if (i > 0) {
                sb.append(':');
            }
        }
        return sb.toString();
    }
}
