package io.arplab.device;

import io.arplab.stack.TraceEvent;
import io.arplab.stack.Tracer;
import io.arplab.wire.Bytes;
import io.arplab.wire.MacAddress;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A Linux bridge (net/bridge): learns source MACs per port, forwards known unicast, floods broadcast, multicast and
 * unknown unicast, ages learned entries after ageing_time. Port 0 is the bridge's own interface (br-...), which
 * a host stack holds; ports 1.. are the veth ends of attached nodes.
 */
public final class LinuxBridge implements Switch, Fdb {
    public static final long DEFAULT_AGEING = 300_000_000_000L;

    private final String name;
    private final long mac;
    private final List<String> portNames = new ArrayList<>();
    private final LongArrayList portMacs = new LongArrayList();
    private final Long2ObjectOpenHashMap<FdbEntry> fdb = new Long2ObjectOpenHashMap<>();
    private long ageingTime = DEFAULT_AGEING;
    private long nextAgeing = Long.MAX_VALUE;
    private long order;
    private Tracer tracer = Tracer.OFF;
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
        for (int i = 0; i < listeners.size(); i++) {
            listeners.get(i).fdbEvent(now, e, deleted);
        }
    }

    public LinuxBridge(String name, MacAddress mac, long now) {
        this.name = name;
        this.mac = mac.bits();
        portNames.add(name);
        portMacs.add(mac.bits());
        insert(new FdbEntry(this.mac, 0, LOCAL_PORT, now, true, true, order++));
    }

    public void setTracer(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Adds a port (a veth end named e.g. veth-node1 with its own MAC); returns its number. */
    public int addPort(String portName, MacAddress portMac, long now) {
        int p = portNames.size();
        portNames.add(portName);
        portMacs.add(portMac.bits());
        // br_add_if → br_fdb_add_local: the port's own address is a local, permanent entry
        insert(new FdbEntry(portMac.bits(), 0, p, now, true, true, order++));
        return p;
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
    public void setAgeingTime(long nanos) {
        this.ageingTime = nanos;
    }

    private static long key(long mac, int vid) {
        return ((long) vid << 48) | mac;
    }

    private void insert(FdbEntry e) {
        fdb.put(key(e.mac, e.vid), e);
    }

    @Override
    public List<FdbEntry> entries() {
        List<FdbEntry> all = new ArrayList<>(fdb.values());
        all.sort(Comparator.comparingLong((FdbEntry e) -> e.order).reversed());
        return all;
    }

    @Override
    public FdbEntry lookup(MacAddress mac, int vid) {
        return fdb.get(key(mac.bits(), vid));
    }

    /** bridge fdb add MAC dev PORT master static: a user entry that never ages. */
    public void addStatic(MacAddress mac, int port, long now) {
        addUser(mac, port, now, false);
    }

    /**
     * bridge fdb add|replace MAC dev PORT master [static|permanent]: a user entry that never ages; {@code local}
     * (permanent) entries deliver to the host like the bridge's own address (fdb_add_entry).
     */
    @Override
    public FdbEntry addUser(MacAddress mac, int port, long now, boolean local) {
        FdbEntry e = new FdbEntry(mac.bits(), 0, port, now, local, true, order++);
        insert(e);
        notifyFdb(now, e, false);
        return e;
    }

    public boolean delete(MacAddress mac, int vid) {
        return delete(mac, vid, Long.MIN_VALUE);
    }

    /** Removes an entry (bridge fdb del), notifying at {@code now}. */
    @Override
    public boolean delete(MacAddress mac, int vid, long now) {
        FdbEntry e = fdb.remove(key(mac.bits(), vid));
        if (e != null && now != Long.MIN_VALUE) {
            notifyFdb(now, e, true);
        }
        return e != null;
    }

    /** Drops learned entries (bridge fdb flush). */
    public void flushLearned() {
        fdb.values().removeIf(e -> !e.isPermanent());
    }

    /** Drops learned entries, notifying each deletion at {@code now}. */
    @Override
    public void flushLearned(long now) {
        for (FdbEntry e : entries()) {
            if (!e.isPermanent()) {
                fdb.remove(key(e.mac, e.vid));
                notifyFdb(now, e, true);
            }
        }
    }

    @Override
    public void receive(long now, int port, byte[] frame, Output out) {
        if (frame.length < 14) {
            return; // runt: dropped by the driver
        }
        out.tap(frame);
        long dst = Bytes.u48(frame, 0);
        long src = Bytes.u48(frame, 6);
        if ((src & 0x0100_0000_0000L) != 0 || src == 0) {
            return; // br_handle_frame(): a multicast or zero source address is invalid
        }
        if (port != LOCAL_PORT) {
            learn(now, port, src);
        }
        boolean multicast = (dst & 0x0100_0000_0000L) != 0;
        if (multicast) {
            flood(port, frame, out);
            return;
        }
        FdbEntry e = fdb.get(key(dst, 0));
        if (e == null) {
            flood(port, frame, out); // unknown unicast
            return;
        }
        if (e.local && e.port != LOCAL_PORT && port == LOCAL_PORT) {
            return; // the host addressed one of the ports' own MACs: nothing to deliver
        }
        if (e.local) {
            if (port != LOCAL_PORT) {
                out.transmit(LOCAL_PORT, frame); // br_pass_frame_up
            }
            return;
        }
        e.used = now;
        if (e.port != port) {
            out.transmit(e.port, frame);
        }
    }

    /** br_fdb_update(): learn or refresh the source address on the ingress port. */
    private void learn(long now, int port, long src) {
        FdbEntry e = fdb.get(key(src, 0));
        if (e == null) {
            e = new FdbEntry(src, 0, port, now, false, false, order++);
            insert(e);
            traceUpdate(now, port, src);
            notifyFdb(now, e, false);
            if (nextAgeing == Long.MAX_VALUE) {
                nextAgeing = now + ageingTime;
            }
        } else if (!e.local) {
            boolean modified = false;
            if (e.updated != now) {
                e.updated = now;
            }
            if (e.port != port && !e.isStatic) {
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

    /** br_flood(): every port but the ingress one, the bridge's own interface included, in port order. */
    private void flood(int ingress, byte[] frame, Output out) {
        out.flood(ingress, frame);
    }

    @Override
    public void advance(long now, Output out) {
        if (now < nextAgeing) {
            return;
        }
        // br_fdb_cleanup(): drop learned entries not refreshed within ageing_time; run again when the next expires
        long next = Long.MAX_VALUE;
        var it = fdb.values().iterator();
        while (it.hasNext()) {
            FdbEntry e = it.next();
            if (e.isPermanent()) {
                continue;
            }
            long expires = e.updated + ageingTime;
            if (expires <= now) {
                it.remove();
                notifyFdb(now, e, true);
            } else {
                next = Math.min(next, expires);
            }
        }
        nextAgeing = next;
    }

    @Override
    public long nextDeadline() {
        return nextAgeing;
    }
}
