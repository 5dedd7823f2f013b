package io.arplab.report;

import io.arplab.wire.MacAddress;
import io.arplab.wire.pcap.CaptureReader;
import io.arplab.wire.pcap.PcapRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A recording rebuilt from an earlier run's pcaps ({@code DIR/<node>.pcap}, {@code DIR/<node>-<if>.pcap}, as
 * {@code arplab run} names them). Neighbour states are not in captures; bridge learning is inferred as br_fdb_update
 * does it, from each frame's source address on the port it entered by.
 */
public final class PcapReading {
    private PcapReading() {}

    public static Recording read(LabGraph graph, Path dir, long epochNanos) {
        List<Recording.Captured> frames = new ArrayList<>();
        Map<String, String> portOf = new HashMap<>();
        for (LabGraph.Link l : graph.links()) {
            portOf.put(l.host() + " " + l.ifname(), l.port());
        }
        for (LabGraph.Node n : graph.nodes()) {
            for (LabGraph.Iface i : n.ifaces()) {
                Path file = i.pcap() == null ? null : dir.resolve(i.pcap());
                if (file == null || !Files.isRegularFile(file)) {
                    continue;
                }
                for (PcapRecord r : CaptureReader.readAll(file)) {
                    frames.add(new Recording.Captured(r.epochNanos() - epochNanos, n.name(), i.name(), r.data()));
                }
            }
        }
        frames.sort(Comparator.comparingLong(Recording.Captured::time)); // stable: file order within an instant
        List<Recording.FdbChange> fdb = new ArrayList<>();
        Map<String, String> learned = new HashMap<>(); // lookups only
        Map<String, String> macOf = new HashMap<>();
        Map<String, String> bridgeOf = new HashMap<>();
        Map<String, LabGraph.Node> byName = new HashMap<>(); // lookups only
        for (LabGraph.Node n : graph.nodes()) {
            byName.put(n.name(), n);
            for (LabGraph.Iface i : n.ifaces()) {
                macOf.put(n.name() + " " + i.name(), i.mac());
                bridgeOf.put(n.name() + " " + i.name(), i.bridge());
            }
        }
        for (Recording.Captured c : frames) {
            String key = c.node() + " " + c.ifname();
            LabGraph.Node via = bridgeOf.get(key) == null ? null : byName.get(bridgeOf.get(key));
            if (c.data().length < 14 || via == null || via.kind() != LabGraph.Kind.BRIDGE || !via.learns()) {
                continue; // FDB learning is a Linux bridge's (an OVS bridge's flows decide; a veth learns nothing)
            }
            String src = MacAddress.read(c.data(), 6).toString();
            if (src.equals(macOf.get(key))) {
                String bridge = bridgeOf.get(key);
                String port = portOf.get(key);
                if (!port.equals(learned.put(bridge + " " + src, port))) {
                    fdb.add(new Recording.FdbChange(c.time(), bridge, port, src));
                }
            }
        }
        return new Recording(frames, List.of(), fdb, false);
    }
}
