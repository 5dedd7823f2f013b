package io.arplab.device;

import io.arplab.stack.Jiffies;

import io.arplab.stack.NetDevice;
import io.arplab.stack.TimerWheel;
import io.arplab.stack.TraceEvent;
import io.arplab.stack.nft.Family;
import io.arplab.stack.nft.Hook;
import io.arplab.stack.nft.Nftables;
import io.arplab.stack.nft.Packet;
import io.arplab.stack.Tracer;
import io.arplab.wire.ArpFrames;
import io.arplab.wire.Bytes;
import io.arplab.wire.InternetChecksum;
import io.arplab.wire.MacAddress;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A Linux bridge (net/bridge): learns source MACs per port, forwards known unicast, floods broadcast, multicast and
 * unknown unicast, ages learned entries after ageing_time. Port 0 is the bridge's own interface (br-...), which
 * a host stack holds; ports 1.. are the veth ends of attached nodes.
 */
public final class LinuxBridge implements Switch, Fdb, NetDevice.BridgeMaster {
    public static final long DEFAULT_AGEING = 300_000_000_000L;
    /** new_nbp(): a port learns and floods. */
    static final int DEFAULT_PORT_FLAGS = BR_LEARNING | BR_FLOOD | BR_MCAST_FLOOD | BR_BCAST_FLOOD;

    /** What br_do_proxy_suppress_arp() reads of the bridge's own interface: its ARP table and its addresses. */
    public interface Neighbours {
        /** The MAC of a NUD_VALID entry for {@code ip} on the bridge's interface, or -1. */
        long validNeighbour(int ip);

        /** br_is_local_ip(): {@code ip} is an address of the bridge's interface. */
        boolean isLocalIp(int ip);
    }

    /**
     * br_netfilter's IPv4 part (net.bridge.bridge-nf-call-iptables, 1 wherever the module is loaded, as Docker loads
     * it): an IPv4 frame forwarded from one port to another passes the owner namespace's NF_INET_FORWARD hooks,
     * in and out being the bridge's own interface (br_nf_forward_ip()).
     */
    public interface Ipv4Hooks {
        /** net.bridge.bridge-nf-call-iptables of the owner namespace: br_nf_pre_routing() does nothing at 0. */
        boolean active();

        /** Whether iptables' FORWARD and nft's ip/inet forward chains let it pass; what they send goes to {@code sent}. */
        boolean forward(byte[] frame, long now, List<byte[]> sent);
    }

    private final String name;
    private final long mac;
    private final List<String> portNames = new ArrayList<>();
    private final LongArrayList portMacs = new LongArrayList();
    /** Port numbers by name, so adding a port costs O(1) however many the bridge has (as dev_get_by_name's hash). */
    private final NameHash portsByName = new NameHash(portNames::get);
    private int[] portFlags = {0};
    /** When each port began forwarding (br_make_forwarding() arms its forward_delay_timer then), ns. */
    private long[] forwardingSince = {0};
    private static final long FORWARD_DELAY_JIFFIES = 15L * Jiffies.HZ; // forward_delay, 1500 cs as ip -d link shows it
    /** BR_STATE_DISABLED, kept beside a port's BR_* flags (br_stp_disable_port()). */
    private static final int DISABLED = 1 << 30;
    /** The flags of a port that floods everything and is running: floods then need no per-port test. */
    private static final int FLOODS_ALL = BR_FLOOD | BR_MCAST_FLOOD | BR_BCAST_FLOOD;
    /** Some port is disabled, in hairpin mode or does not flood some kind of frame. */
    private boolean portsDiffer;
    /** BROPT_NEIGH_SUPPRESS_ENABLED: some port has neigh_suppress on. */
    private boolean neighSuppressEnabled;
    private Neighbours neighbours;
    private final FdbTable fdb = new FdbTable();
    private long ageingTime = DEFAULT_AGEING;
    private boolean mcastSnooping = true;
    /** Learned entries by last update, oldest first: ageing pops expired ones from the head (O(expired)). */
    private FdbEntry.Updatable ageingHead;
    private FdbEntry.Updatable ageingTail;
    /** fdb_n_learned and fdb_max_learned (kernel 6.8+; 0: no limit). */
    private int nLearned;
    private int maxLearned;
    private long order;
    /** The owner kernel's clock, on which br_fdb_cleanup()'s delayed work is a timer (nominal without an owner). */
    private TimerWheel wheel = TimerWheel.NOMINAL;
    /** When br_fdb_cleanup() runs next. */
    private long gcAt;
    private Tracer tracer = Tracer.OFF;
    /** The bridge family's ruleset: the one of the namespace the bridge's own interface lives in (or null). */
    private Nftables nft;
    private final Packet nftPacket = new Packet();
    /** The time of the frame being bridged, for the hooks' statements that keep time (limit). */
    private long hookNow;
    private final List<Fdb.Listener> listeners = new ArrayList<>(0);

    @Override
    public void addListener(Fdb.Listener l) {
        listeners.add(l);
    }

    @Override
    public void removeListener(Fdb.Listener l) {
        listeners.remove(l);
    }

    private void notifyFdb(long now, FdbEntry e, boolean deleted) {
        if (deleted && tracer.enabled()) {
            // fdb_delete() traces before fdb_notify(); an entry of the bridge itself has no dst port
            tracer.emit(now, new TraceEvent.FdbDelete(name, e.port == LOCAL_PORT ? null : portNames.get(e.port), e.mac,
                    e.vid));
        }
        for (int i = 0; i < listeners.size(); i++) {
            listeners.get(i).fdbEvent(now, e, deleted);
        }
    }

    public LinuxBridge(String name, MacAddress mac, long now) {
        this.name = name;
        this.mac = mac.bits();
        portNames.add(name);
        portsByName.add(0);
        portMacs.add(mac.bits());
        insert(FdbEntry.of(this.mac, 0, LOCAL_PORT, now, true, true, order++));
        gcAt = now + GC_START;
    }

    /** br_stp_enable_bridge(): the bridge comes up with its gc work queued HZ / 10 ahead. */
    private static final long GC_START = 100_000_000L;
    /** br_fdb_cleanup(): runs at least 10 ms apart. */
    private static final long GC_MIN = 10_000_000L;

    /** The kernel whose timers the bridge's gc work runs on; the work queued at {@code now} is re-armed on it. */
    public void setTimerWheel(TimerWheel wheel, long now) {
        this.wheel = wheel;
        this.gcAt = wheel.expiry(now, now + GC_START);
    }

    public void setTracer(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Adds a port (a veth end named e.g. veth-node1 with its own MAC); returns its number. */
    public int addPort(String portName, MacAddress portMac, long now) {
        int p = portNames.size();
        portNames.add(portName);
        portsByName.add(p);
        portMacs.add(portMac.bits());
        if (p >= portFlags.length) {
            portFlags = Arrays.copyOf(portFlags, Math.max(p + 1, portFlags.length + (portFlags.length >> 1)));
            forwardingSince = Arrays.copyOf(forwardingSince, portFlags.length);
        }
        forwardingSince[p] = now;
        portFlags[p] = DEFAULT_PORT_FLAGS;
        // br_add_if → br_fdb_add_local: the port's own address is a local, permanent entry
        insert(FdbEntry.of(portMac.bits(), 0, p, now, true, true, order++));
        return p;
    }

    /** The ruleset whose bridge-family chains the bridge's hooks run (br_netfilter's NF_BR_* hooks). */
    public void setNftables(Nftables nft) {
        this.nft = nft;
    }

    private Ipv4Hooks ipv4Hooks;

    /** The owner namespace's IPv4 hooks for bridged frames (none: a bridge without a host). */
    public void setIpv4Hooks(Ipv4Hooks hooks) {
        this.ipv4Hooks = hooks;
    }

    /**
     * br_nf_pre_routing()'s br_validate_ipv4(), after the bridge family's prerouting chains: an IPv4 frame whose header
     * is short, not version 4, fails its checksum or claims more than the frame holds is dropped; a whole one is
     * trimmed to its total length (pskb_trim_rcsum(): the Ethernet padding goes). Null when dropped.
     */
    private static byte[] validIpv4(byte[] frame) {
        int len = frame.length - 14;
        if (len < 20) {
            return null;
        }
        int ihl = (frame[14] & 0x0f) * 4;
        if ((frame[14] & 0xf0) != 0x40 || ihl < 20 || len < ihl || !InternetChecksum.verify(frame, 14, ihl)) {
            return null;
        }
        int total = Bytes.u16(frame, 16);
        if (total > len || total < ihl) {
            return null;
        }
        return total == len ? frame : java.util.Arrays.copyOf(frame, 14 + total);
    }

    /**
     * br_nf_forward_ip() for an untagged IPv4 frame between two ports; what the hooks sent (a REJECT's ICMP error, or
     * the ARP request it waits on) leaves by the bridge's own interface, as the owner's frames do.
     */
    private boolean ipv4Forward(byte[] frame, Output out) {
        brnfSent.clear();
        boolean pass = ipv4Hooks.forward(frame, hookNow, brnfSent);
        // the owner's frames come in by the local port, whose deliveries run no IPv4 hooks: the list is not touched
        for (int i = 0; i < brnfSent.size(); i++) {
            receive(hookNow, LOCAL_PORT, brnfSent.get(i), out);
        }
        return pass;
    }

    /** What the owner's hooks sent for the frame being forwarded (reused: no list per frame). */
    private final List<byte[]> brnfSent = new ArrayList<>(0);

    /** The bridge's own interface's neighbours, for neigh_suppress (none: the bridge has no host). */
    public void setNeighbours(Neighbours n) {
        this.neighbours = n;
    }

    @Override
    public int portFlags(int port) {
        return portFlags[port] & ~DISABLED;
    }

    /** bridge link set dev PORT learning|neigh_suppress|locked ... on|off (br_setport()). */
    @Override
    public void setPortFlag(int port, int flag, boolean on) {
        portFlags[port] = on ? portFlags[port] | flag : portFlags[port] & ~flag;
        portsChanged();
    }

    private void portsChanged() {
        // br_recalculate_neigh_suppress_enabled()
        boolean any = false;
        boolean differ = false;
        for (int p = 1; p < portNames.size(); p++) {
            any |= (portFlags[p] & BR_NEIGH_SUPPRESS) != 0;
            differ |= (portFlags[p] & (FLOODS_ALL | BR_HAIRPIN_MODE | DISABLED)) != FLOODS_ALL;
        }
        neighSuppressEnabled = any;
        portsDiffer = differ;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return "bridge";
    }

    @Override
    public Fdb fdb() {
        return this;
    }

    @Override
    public MacAddress mac() {
        return MacAddress.of(mac);
    }

    @Override
    public int portCount() {
        return portNames.size();
    }

    /** The number of the port named {@code portName}, or -1. */
    public int portNumber(String portName) {
        return portsByName.get(portName);
    }

    @Override
    public String portName(int port) {
        return portNames.get(port);
    }

    @Override
    public MacAddress portMac(int port) {
        return MacAddress.of(portMacs.getLong(port));
    }

    @Override
    public long ageingTime() {
        return ageingTime;
    }

    @Override
    public boolean mcastSnooping() {
        return mcastSnooping;
    }

    @Override
    public void setMcastSnooping(boolean on) {
        mcastSnooping = on;
    }

    @Override
    public void setAgeingTime(long nanos) {
        this.ageingTime = nanos;
    }

    /** br_set_ageing_time(): the new time, and the gc work run at once (mod_delayed_work(..., 0)). */
    @Override
    public void setAgeingTime(long nanos, long now) {
        this.ageingTime = nanos;
        this.gcAt = now;
    }

    private void insert(FdbEntry e) {
        FdbEntry old = fdb.put(e);
        if (old != null) {
            unlearn(old);
        }
        if (e.learned) {
            nLearned++;
        }
        if (!e.local && !e.isStatic) {
            e.ageing = true;
            ageingAppend((FdbEntry.Updatable) e);
        }
    }

    private FdbEntry remove(long mac, int vid) {
        FdbEntry e = fdb.remove(mac, vid);
        if (e != null) {
            unlearn(e);
        }
        return e;
    }

    /** fdb_delete(): fdb_n_learned and the ageing list drop the entry. */
    private void unlearn(FdbEntry e) {
        if (e.learned) {
            e.learned = false;
            nLearned--;
        }
        if (e.ageing) {
            e.ageing = false;
            ageingUnlink((FdbEntry.Updatable) e);
        }
    }

    private void ageingAppend(FdbEntry.Updatable e) {
        e.ageingPrev = ageingTail;
        e.ageingNext = null;
        if (ageingTail == null) {
            ageingHead = e;
        } else {
            ageingTail.ageingNext = e;
        }
        ageingTail = e;
    }

    private void ageingUnlink(FdbEntry.Updatable e) {
        if (e.ageingPrev == null) {
            ageingHead = e.ageingNext;
        } else {
            e.ageingPrev.ageingNext = e.ageingNext;
        }
        if (e.ageingNext == null) {
            ageingTail = e.ageingPrev;
        } else {
            e.ageingNext.ageingPrev = e.ageingPrev;
        }
        e.ageingPrev = e.ageingNext = null;
    }

    /** fdb_n_learned: entries the bridge learned itself (not local, not added by the user). */
    @Override
    public int learnedCount() {
        return nLearned;
    }

    @Override
    public int maxLearned() {
        return maxLearned;
    }

    /** IFLA_BR_FDB_MAX_LEARNED: once fdb_n_learned reaches it, new source addresses are not learned (0: no limit). */
    @Override
    public void setMaxLearned(int max) {
        this.maxLearned = max;
    }

    @Override
    public List<FdbEntry> entries() {
        List<FdbEntry> all = fdb.values();
        all.sort(Comparator.comparingLong((FdbEntry e) -> e.order).reversed());
        return all;
    }

    @Override
    public FdbEntry lookup(MacAddress mac, int vid) {
        return fdb.get(mac.bits(), vid);
    }

    /** bridge fdb add MAC dev PORT master static: a user entry that never ages. */
    public void addStatic(MacAddress mac, int port, long now) {
        addUser(mac, port, now, false);
    }

    /**
     * bridge fdb add|replace MAC dev PORT master [static|permanent|dynamic] (fdb_add_entry): static and
     * {@code local} (permanent) entries never age, local ones deliver to the host like the bridge's own address; a
     * dynamic one ages as a learned one does, without counting in fdb_n_learned.
     */
    @Override
    public FdbEntry addUser(MacAddress mac, int port, long now, boolean local, boolean isStatic) {
        FdbEntry e = FdbEntry.of(mac.bits(), 0, port, now, local, local || isStatic, order++);
        insert(e);
        notifyFdb(now, e, false);
        return e;
    }

    @Override
    public void traceAdd(long now, String dev, MacAddress mac, int vid, int nlhFlags, int ndmFlags) {
        if (tracer.enabled()) {
            tracer.emit(now, new TraceEvent.FdbAdd(dev, mac.bits(), vid, nlhFlags, ndmFlags));
        }
    }

    public boolean delete(MacAddress mac, int vid) {
        return delete(mac, vid, Long.MIN_VALUE);
    }

    /** Removes an entry (bridge fdb del), notifying at {@code now}. */
    @Override
    public boolean delete(MacAddress mac, int vid, long now) {
        FdbEntry e = remove(mac.bits(), vid);
        if (e != null && now != Long.MIN_VALUE) {
            notifyFdb(now, e, true);
        }
        return e != null;
    }

    @Override
    public void portDisabled(String portName, long now) {
        int p = portsByName.get(portName);
        if (p > 0) {
            portFlags[p] |= DISABLED;
            portsChanged();
            deleteByPort(p, now);
        }
    }

    @Override
    public void portEnabled(String portName, long now) {
        int p = portsByName.get(portName);
        if (p > 0 && (portFlags[p] & DISABLED) != 0) {
            portFlags[p] &= ~DISABLED;
            forwardingSince[p] = now;
            portsChanged();
        }
    }

    /**
     * br_timer_value() of a port's forward_delay_timer in centiseconds: br_make_forwarding() arms it for
     * forward_delay (15 s) when the port begins forwarding, with STP off too; 0 once it ran out or the port is
     * disabled (br_stp_disable_port() deletes it).
     */
    @Override
    public long forwardDelayTimer(String portName, long now) {
        int p = portsByName.get(portName);
        if (p <= 0 || (portFlags[p] & DISABLED) != 0) {
            return 0;
        }
        long left = Jiffies.of(forwardingSince[p]) + FORWARD_DELAY_JIFFIES - Jiffies.of(now);
        return left <= 0 ? 0 : left * 100 / Jiffies.HZ; // jiffies_delta_to_clock_t()
    }

    /**
     * should_deliver() (net/bridge/br_forward.c): a running port, not the one the frame came in by unless it is in
     * hairpin mode; the bridge's own interface gets what did not come from it.
     */
    private boolean shouldDeliver(int ingress, int p) {
        if (p == LOCAL_PORT) {
            return ingress != LOCAL_PORT;
        }
        int f = portFlags[p];
        return (f & DISABLED) == 0 && (p != ingress || (f & BR_HAIRPIN_MODE) != 0);
    }

    /**
     * br_stp_disable_port() → br_fdb_delete_by_port(br, p, 0, 0): a port that goes down or loses its carrier loses
     * every entry on it that is not static (learned ones, and the user's dynamic ones), each notified.
     */
    public void deleteByPort(int port, long now) {
        for (FdbEntry e : entries()) {
            if (e.port == port && !e.isPermanent()) {
                remove(e.mac, e.vid);
                notifyFdb(now, e, true);
            }
        }
    }

    /** Drops learned entries (bridge fdb flush). */
    public void flushLearned() {
        for (FdbEntry e : entries()) {
            if (!e.isPermanent()) {
                remove(e.mac, e.vid);
            }
        }
    }

    /** Drops learned entries, notifying each deletion at {@code now}. */
    @Override
    public void flushLearned(long now) {
        for (FdbEntry e : entries()) {
            if (!e.isPermanent()) {
                remove(e.mac, e.vid);
                notifyFdb(now, e, true);
            }
        }
    }

    @Override
    public void receive(long now, int port, byte[] frame, Output out) {
        hookNow = now;
        if (frame.length < 14) {
            return; // runt: dropped by the driver
        }
        out.tap(frame);
        long dst = Bytes.u48(frame, 0);
        long src = Bytes.u48(frame, 6);
        if (MacAddress.isMulticast(src) || src == 0) {
            return; // br_handle_frame(): a multicast or zero source address is invalid
        }
        // br_handle_frame(): nf_hook_bridge_pre() runs NF_BR_PRE_ROUTING before br_handle_frame_finish() learns
        if (port != LOCAL_PORT && !nfHook(Hook.PREROUTING, frame, portNames.get(port), null, port)) {
            return;
        }
        if (port != LOCAL_PORT && ipv4Hooks != null && Bytes.u16(frame, 12) == 0x0800 && ipv4Hooks.active()) {
            frame = validIpv4(frame);
            if (frame == null) {
                return;
            }
        }
        if (port != LOCAL_PORT) {
            int flags = portFlags[port];
            if ((flags & DISABLED) != 0) {
                return; // br_handle_frame(): a disabled port takes nothing in
            }
            if ((flags & BR_PORT_LOCKED) != 0) {
                // br_handle_frame_finish(): a locked port passes only sources the FDB holds on it, before learning
                FdbEntry f = fdb.get(src, 0);
                if (f == null || f.port != port || f.local) {
                    return;
                }
            }
            if ((flags & BR_LEARNING) != 0) {
                learn(now, port, src);
            }
        }
        boolean multicast = MacAddress.isMulticast(dst);
        boolean replied = neighSuppressEnabled && Bytes.u16(frame, 12) == 0x0806
                && proxySuppressArp(port, frame, out);
        if (multicast) {
            if (replied) {
                floodSkippingSuppressed(port, frame, out);
            } else {
                flood(port, frame, out);
            }
            return;
        }
        FdbEntry e = fdb.get(dst, 0);
        if (e == null) {
            // unknown unicast: br_flood() to the ports, not up to the bridge's own interface (br_handle_frame_finish()
            // sets local_rcv for a unicast only when the bridge is promiscuous)
            flood(port, frame, out, replied ? BR_NEIGH_SUPPRESS : 0);
            return;
        }
        if (e.local && e.port != LOCAL_PORT && port == LOCAL_PORT) {
            return; // the host addressed one of the ports' own MACs: nothing to deliver
        }
        if (e.local) {
            if (port != LOCAL_PORT) {
                deliver(port, LOCAL_PORT, frame, out); // br_pass_frame_up
            }
            return;
        }
        ((FdbEntry.Updatable) e).used = now; // not local: it returned above
        if (shouldDeliver(port, e.port)) {
            deliver(port, e.port, frame, out);
        }
    }

    /** Whether the bridge family's base chains at {@code hook} let the frame pass (NF_HOOK(NFPROTO_BRIDGE, ...)). */
    private boolean nfHook(Hook hook, byte[] frame, String in, String outName, int port) {
        if (nft == null || !nft.hooked(Family.BRIDGE, hook)) {
            return true;
        }
        long dst = Bytes.u48(frame, 0);
        // eth_type_trans() on the device the frame came in (or leaves) by
        int pktType = io.arplab.stack.HostStack.pktType(dst, portMacs.getLong(port));
        return nft.accept(Family.BRIDGE, hook, nftPacket.set(frame, 14, in, outName, pktType, Bytes.u16(frame, 12))
                .at(hookNow));
    }

    private boolean filtersEgress() {
        return nft != null && (nft.hooked(Family.BRIDGE, Hook.INPUT) || nft.hooked(Family.BRIDGE, Hook.FORWARD)
                || nft.hooked(Family.BRIDGE, Hook.OUTPUT) || nft.hooked(Family.BRIDGE, Hook.POSTROUTING));
    }

    /**
     * One frame to one port through the bridge hooks: br_pass_frame_up() runs NF_BR_LOCAL_IN; __br_forward() runs
     * NF_BR_FORWARD (NF_BR_LOCAL_OUT for the bridge's own frames, br_dev_xmit) and br_forward_finish()
     * NF_BR_POST_ROUTING.
     */
    private void deliver(int ingress, int egress, byte[] frame, Output out) {
        // br_nf_forward_ip() runs at NF_BR_FORWARD after the bridge family's chains (NF_BR_PRI_BRNF, priority 0)
        boolean ipv4 = ipv4Hooks != null && ingress != LOCAL_PORT && egress != LOCAL_PORT
                && Bytes.u16(frame, 12) == 0x0800 && ipv4Hooks.active();
        if (nft == null) {
            if (!ipv4 || ipv4Forward(frame, out)) {
                out.transmit(egress, frame);
            }
            return;
        }
        String in = portNames.get(ingress);
        if (egress == LOCAL_PORT) {
            if (nfHook(Hook.INPUT, frame, in, null, ingress)) {
                out.transmit(egress, frame);
            }
            return;
        }
        String to = portNames.get(egress);
        boolean local = ingress == LOCAL_PORT;
        if (nfHook(local ? Hook.OUTPUT : Hook.FORWARD, frame, local ? null : in, to, egress)
                && (!ipv4 || ipv4Forward(frame, out)) && nfHook(Hook.POSTROUTING, frame, null, to, egress)) {
            out.transmit(egress, frame);
        }
    }

    /** br_fdb_update(): learn or refresh the source address on the ingress port. */
    private void learn(long now, int port, long src) {
        FdbEntry e = fdb.get(src, 0);
        if (e == null) {
            if (maxLearned != 0 && nLearned >= maxLearned) {
                return; // fdb_create(): the bridge holds fdb_max_learned learned entries
            }
            e = FdbEntry.of(src, 0, port, now, false, false, order++);
            e.learned = true;
            insert(e);
            traceUpdate(now, port, src);
            notifyFdb(now, e, false);
        } else if (!e.local) {
            boolean modified = false;
            if (e.updated != now) {
                e.updated = now;
                if (e.ageing && e != ageingTail) {
                    ageingUnlink((FdbEntry.Updatable) e); // updated only grows to now: the tail stays the newest
                    ageingAppend((FdbEntry.Updatable) e);
                }
            }
            if (e.port != port) { // br_fdb_update(): any entry but a sticky one roams, static too
                e.port = port;
                modified = true;
            }
            if (modified) {
                traceUpdate(now, port, src);
                notifyFdb(now, e, false);
            }
        }
    }

    private void traceUpdate(long now, int port, long src) {
        if (tracer.enabled()) {
            tracer.emit(now, new TraceEvent.FdbUpdate(name, portNames.get(port), src, 0, 0));
        }
    }

    /**
     * br_do_proxy_suppress_arp() with neigh_suppress on some port: answers a request from the bridge interface's
     * valid neighbour entry when the target's FDB port suppresses; true (proxyarp_replied) when the frame must not be
     * flooded to neigh_suppress ports.
     */
    private boolean proxySuppressArp(int port, byte[] frame, Output out) {
        if (frame.length < 42 || Bytes.u16(frame, 16) != 0x0800 || (frame[18] & 0xff) != 6 || (frame[19] & 0xff) != 4) {
            return false;
        }
        int op = Bytes.u16(frame, 20);
        int sip = Bytes.i32(frame, 28);
        int tip = Bytes.i32(frame, 38);
        if ((tip >>> 24) == 127 || (tip >>> 28) == 0xe) {
            return false;
        }
        if (port != LOCAL_PORT && (portFlags[port] & BR_NEIGH_SUPPRESS) != 0) {
            return false;
        }
        if (op != 3 && op != 4 && ((sip >>> 24) == 0 || sip == tip)) {
            return true; // gratuitous and probes: not flooded to neigh_suppress ports
        }
        if (op != 1 || neighbours == null) {
            return false;
        }
        if (neighbours.isLocalIp(tip)) {
            return true;
        }
        long ha = neighbours.validNeighbour(tip);
        if (ha < 0) {
            return false;
        }
        FdbEntry f = fdb.get(ha, 0);
        if (f == null) {
            return false;
        }
        if (f.port != LOCAL_PORT && (portFlags[f.port] & BR_NEIGH_SUPPRESS) != 0) {
            long sha = Bytes.u48(frame, 22);
            byte[] reply = new byte[42];
            ArpFrames.write(reply, 0, sha, ha, 2, ha, tip, sha, sip); // br_arp_send(): arp_send(ARPOP_REPLY, ...)
            out.transmit(port, reply);
        }
        return true;
    }

    private void floodSkippingSuppressed(int ingress, byte[] frame, Output out) {
        flood(ingress, frame, out, BR_NEIGH_SUPPRESS);
    }

    private void flood(int ingress, byte[] frame, Output out) {
        if (!filtersEgress() && !portsDiffer) {
            out.flood(ingress, frame);
            return;
        }
        flood(ingress, frame, out, 0);
    }

    /**
     * br_flood(): every port should_deliver() allows, newest first, then the bridge's own interface for broadcast and
     * multicast (local_rcv); a port floods unknown unicast only with BR_FLOOD, broadcast and multicast from another
     * port only with BR_BCAST_FLOOD and BR_MCAST_FLOOD, and none with a flag of {@code skip}.
     */
    private void flood(int ingress, byte[] frame, Output out, int skip) {
        long dst = Bytes.u48(frame, 0);
        int needs = !MacAddress.isMulticast(dst) ? BR_FLOOD
                : ingress == LOCAL_PORT ? 0 : dst == 0xffff_ffff_ffffL ? BR_BCAST_FLOOD : BR_MCAST_FLOOD;
        for (int p = out.portCount() - 1; p >= 0; p--) {
            int f = portFlags[p];
            if (shouldDeliver(ingress, p)
                    && (p == LOCAL_PORT ? needs != BR_FLOOD : (f & needs) == needs && (f & skip) == 0)) {
                deliver(ingress, p, frame, out);
            }
        }
    }

    /**
     * br_fdb_cleanup(), the bridge's gc work: drops the entries not refreshed within ageing_time, walking fdb_list
     * (newest first), and queues itself again for the first entry still to expire (ageing_time when none), at least
     * 10 ms ahead, on the timer wheel. The kernel rescans its hash once per run; here the ageing list yields the
     * expired ones from its head, so a run costs what it removes.
     */
    @Override
    public void advance(long now, Output out) {
        if (now < gcAt) {
            return;
        }
        List<FdbEntry> expired = null;
        for (FdbEntry.Updatable e = ageingHead; e != null && e.updated + ageingTime <= now; e = e.ageingNext) {
            if (expired == null) {
                expired = new ArrayList<>();
            }
            expired.add(e);
        }
        if (expired != null) {
            expired.sort(Comparator.comparingLong((FdbEntry e) -> e.order).reversed());
            for (FdbEntry e : expired) {
                remove(e.mac, e.vid);
                notifyFdb(now, e, true);
            }
        }
        long delay = ageingHead == null ? ageingTime : Math.min(ageingTime, ageingHead.updated + ageingTime - now);
        gcAt = wheel.expiry(now, now + Math.max(delay, GC_MIN));
    }

    @Override
    public long nextDeadline() {
        // an idle run changes nothing: wake only when it would drop something (the runs in between are re-armed
        // in step, as each would have queued the next)
        if (ageingHead == null) {
            return Long.MAX_VALUE;
        }
        long due = ageingHead.updated + ageingTime;
        while (gcAt < due) {
            long delay = Math.min(ageingTime, due - gcAt);
            gcAt = wheel.expiry(gcAt, gcAt + Math.max(delay, GC_MIN));
        }
        return gcAt;
    }
}
