package io.arplab.report;

import io.arplab.wire.filter.PacketFilter;
import io.arplab.wire.pcap.PcapRecord;
import io.arplab.wire.tcpdump.TcpdumpOptions;
import io.arplab.wire.tcpdump.TcpdumpPrinter;
import java.nio.ByteBuffer;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The packet ladder (Wireshark's Flow Graph): a lifeline per host and bridge, an arrow per frame hop as captured at
 * the host interfaces (host to bridge when the frame leaves with the interface's MAC, bridge to host otherwise), and
 * a vertical scale that gives each hop a row and compresses idle time, shared with the neighbour-state bands.
 */
public final class Ladder {
    /** Idle stretches longer than this are drawn as a fixed, marked gap. */
    static final long IDLE = 1_000_000L;
    static final int ROW = 22;
    static final int GAP = 30;

    public record Lane(String name, LabGraph.Kind kind, String sub) {}

    /** A distinct frame: numbered from 1 in the order first seen, labelled as tcpdump prints it. */
    public record Frame(int number, String label, String firstAt, List<FrameFields.Layer> layers, String hex, boolean broadcast) {}

    /** One arrow: at virtual time {@code time}, drawn at {@code y}, from lane to lane, carrying a frame. */
    public record Hop(long time, int y, int from, int to, int frame) {}

    /** The rows [y0, y1) of the moment {@code time}. */
    public record Moment(long time, int y0, int y1) {}

    /** A compressed idle stretch drawn at y, with what it says. */
    public record Gap(int y, String text) {}

    /** One neighbour entry's states as bands [y0, y1) over the ladder's scale. */
    public record Entry(String host, String dev, String ip, List<Band> bands) {}

    public record Band(long time, int y0, int y1, String state, String cause) {}

    final List<Lane> lanes = new ArrayList<>();
    final List<Frame> frames = new ArrayList<>();
    final List<Hop> hops = new ArrayList<>();
    final List<Moment> moments = new ArrayList<>();
    final List<Gap> gaps = new ArrayList<>();
    final List<Entry> entries = new ArrayList<>();
    int height;
    private final Map<String, Integer> laneIndex = new HashMap<>(); // lookups only
    private final List<Long> hopTimes = new ArrayList<>();
    private final List<int[]> hopEnds = new ArrayList<>();

    public static Ladder build(LabGraph graph, Recording rec, PacketFilter filter) {
        Ladder l = new Ladder();
        l.lanes(graph);
        l.hops(graph, rec, filter == null ? PacketFilter.ALL : filter);
        l.scale(rec);
        return l;
    }

    /** Routers first, then each bridge followed by the hosts whose first link is to it. */
    private void lanes(LabGraph g) {
        java.util.Set<String> placed = new java.util.HashSet<>();
        for (LabGraph.Node n : g.nodes()) {
            if (n.kind() == LabGraph.Kind.ROUTER) {
                add(n, placed);
            }
        }
        for (LabGraph.Node b : g.nodes()) {
            if (b.kind() != LabGraph.Kind.BRIDGE) {
                continue;
            }
            add(b, placed);
            for (LabGraph.Node h : g.nodes()) {
                if (h.kind() == LabGraph.Kind.HOST && !h.ifaces().isEmpty() && b.name().equals(h.ifaces().get(0).bridge())) {
                    add(h, placed);
                }
            }
        }
        for (LabGraph.Node n : g.nodes()) {
            add(n, placed);
        }
    }

    private void add(LabGraph.Node n, java.util.Set<String> placed) {
        if (!placed.add(n.name())) {
            return;
        }
        laneIndex.put(n.name(), lanes.size());
        String sub = n.kind() == LabGraph.Kind.BRIDGE ? (n.network() != null ? n.network() : "bridge")
                : n.ifaces().isEmpty() || n.ifaces().get(0).addresses().isEmpty() ? ""
                : n.ifaces().get(0).addresses().get(0).replaceAll("/.*", "");
        lanes.add(new Lane(n.name(), n.kind(), sub));
    }

    private int lane(String name) {
        return laneIndex.get(name);
    }

    private void hops(LabGraph g, Recording rec, PacketFilter filter) {
        Map<String, long[]> macs = new HashMap<>();
        Map<String, String> bridgeOf = new HashMap<>();
        for (LabGraph.Node n : g.nodes()) {
            for (LabGraph.Iface i : n.ifaces()) {
                macs.put(n.name() + " " + i.name(), new long[] {io.arplab.wire.MacAddress.parse(i.mac()).bits()});
                bridgeOf.put(n.name() + " " + i.name(), i.bridge());
            }
        }
        TcpdumpPrinter line = new TcpdumpPrinter(new TcpdumpOptions(false, false, 0,
                TcpdumpOptions.TimestampStyle.NONE, 0, ZoneId.of("UTC")));
        TcpdumpPrinter hex = new TcpdumpPrinter(new TcpdumpOptions(true, false, 0,
                TcpdumpOptions.TimestampStyle.NONE, 4, ZoneId.of("UTC")));
        Map<ByteBuffer, Integer> lastSent = new HashMap<>(); // lookups only
        Map<ByteBuffer, String> labels = new LinkedHashMap<>();
        for (Recording.Captured c : rec.frames()) {
            String key = c.node() + " " + c.ifname();
            String bridge = bridgeOf.get(key);
            byte[] d = c.data();
            if (bridge == null || d.length < 14 || !filter.matches(d, d.length, d.length)) {
                continue;
            }
            long src = 0;
            for (int i = 6; i < 12; i++) {
                src = src << 8 | (d[i] & 0xff);
            }
            boolean sent = src == macs.get(key)[0];
            if (!sent && lanes.get(lane(bridge)).kind() != LabGraph.Kind.BRIDGE) {
                continue; // a veth from another host: its capture drew the hop as it was sent
            }
            ByteBuffer content = ByteBuffer.wrap(d);
            Integer frame = sent ? null : lastSent.get(content);
            if (frame == null) {
                PcapRecord r = PcapRecord.of(c.time(), d);
                StringBuilder sb = new StringBuilder();
                line.print(r, sb);
                String label = sb.toString().strip();
                sb.setLength(0);
                hex.print(r, sb);
                String dump = sb.substring(sb.indexOf("\n") + 1).replace("\t", "");
                boolean bcast = (d[0] & 0xff) == 0xff && (d[1] & 0xff) == 0xff && (d[2] & 0xff) == 0xff;
                frame = frames.size();
                frames.add(new Frame(frame + 1, label, sent ? c.node() : bridge, FrameFields.decode(d), dump, bcast));
                lastSent.put(content, frame);
            }
            hopTimes.add(c.time());
            hopEnds.add(sent ? new int[] {lane(c.node()), lane(bridge), frame} : new int[] {lane(bridge), lane(c.node()), frame});
        }
    }

    /** Gives every hop a row and every moment a y; neighbour changes without a frame get a thin row. */
    private void scale(Recording rec) {
        List<Recording.NeighChange> changes = rec.neighbours();
        int y = 8;
        long prev = Long.MIN_VALUE;
        int h = 0;
        int c = 0;
        Map<Long, Moment> at = new HashMap<>();
        while (h < hopTimes.size() || c < changes.size()) {
            long t = h < hopTimes.size() && (c >= changes.size() || hopTimes.get(h) <= changes.get(c).time())
                    ? hopTimes.get(h) : changes.get(c).time();
            if (prev != Long.MIN_VALUE) {
                if (t - prev > IDLE) {
                    gaps.add(new Gap(y, Text.seconds(t - prev) + " s idle, compressed"));
                    y += GAP;
                } else {
                    y += 4;
                }
            }
            int y0 = y;
            boolean any = false;
            while (h < hopTimes.size() && hopTimes.get(h) == t) {
                int[] e = hopEnds.get(h);
                hops.add(new Hop(t, y, e[0], e[1], e[2]));
                y += ROW;
                h++;
                any = true;
            }
            while (c < changes.size() && changes.get(c).time() == t) {
                c++;
            }
            if (!any) {
                y += 10;
            }
            Moment m = new Moment(t, y0, y);
            moments.add(m);
            at.put(t, m);
            prev = t;
        }
        height = y + 24;
        Map<String, List<Recording.NeighChange>> byEntry = new LinkedHashMap<>();
        for (Recording.NeighChange ch : changes) {
            byEntry.computeIfAbsent(ch.host() + " " + ch.dev() + " " + ch.ip(), k -> new ArrayList<>()).add(ch);
        }
        for (List<Recording.NeighChange> list : byEntry.values()) {
            List<Band> bands = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Recording.NeighChange ch = list.get(i);
                if (ch.state() == io.arplab.stack.NudState.NONE) {
                    continue;
                }
                int y0 = at.get(ch.time()).y0();
                int y1 = i + 1 < list.size() ? at.get(list.get(i + 1).time()).y0() : height - 8;
                bands.add(new Band(ch.time(), y0, Math.max(y1, y0 + 2), ch.state().label, ch.cause()));
            }
            Recording.NeighChange first = list.get(0);
            entries.add(new Entry(first.host(), first.dev(), first.ip(), bands));
        }
    }
}
