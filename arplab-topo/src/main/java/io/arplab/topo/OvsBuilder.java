package io.arplab.topo;

import io.arplab.device.Host;
import io.arplab.device.OvsBridge;
import io.arplab.flow.ActionCheckException;
import io.arplab.flow.FlowMod;
import io.arplab.flow.FlowParseException;
import io.arplab.flow.FlowParser;
import io.arplab.flow.Ofproto;
import io.arplab.flow.OfVersion;
import io.arplab.lab.Lab;
import io.arplab.wire.MacAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds a {@code kind: ovs} network: the bridge, its ports in the order written, then its flows. */
final class OvsBuilder {
    private OvsBuilder() {}

    static OvsBridge bridge(Lab lab, Topology.Network n, Host owner) {
        Topology.Ovs s = n.ovs();
        Ofproto ofproto = new Ofproto(n.name(), n.bridgeMac().bits(), s.datapathId(),
                lab.ovsDatapath(s.datapathType()));
        ofproto.failMode = s.failMode();
        List<OfVersion> protocols = new ArrayList<>();
        for (String p : s.protocols()) {
            protocols.add(OfVersion.byName(p));
        }
        ofproto.protocols = protocols;
        OvsBridge br = lab.addOvsBridge(ofproto, owner);
        // connmgr_set_fail_mode() from connmgr_create()'s secure: standalone flushes the new bridge, whose
        // connmgr_flushed() adds the fail-open flow priority=0 actions=NORMAL (no controllers here)
        ofproto.flushed(lab.now());
        for (Topology.OvsPort p : s.ports()) {
            // netdev-dummy hands out aa:55:aa:55:00:NN in the order it opens netdevs; a tunnel or patch port is a
            // netdev-vport, no dummy netdev
            boolean vport = List.of("geneve", "vxlan", "gre", "patch").contains(p.type());
            MacAddress mac = vport
                    ? DockerIpam.bridgeMac(n.name() + "." + p.name())
                    : MacAddress.of(ofproto.datapath.nextDummyMac());
            switch (p.type()) {
                case "internal" -> lab.addOvsInternalPort(br, p.name(), p.ofport(), mac, p.options().get("address"));
                case "geneve" -> lab.addOvsTunnelPort(br, p.name(), p.ofport(), mac, p.options());
                default -> br.addPort(p.name(), p.type(), p.ofport(), mac, p.options());
            }
            ofproto.setVlan(ofproto.port(p.name()), p.vlan());
        }
        return br;
    }

    /**
     * The bridge's other_config and each port's as {@code ovs-vsctl set Bridge|Port NAME other_config:KEY=VALUE...}
     * sets them.
     */
    static void otherConfig(Lab lab, Topology.Network n) {
        otherConfig(lab, n, "Bridge", n.name(), n.ovs().otherConfig());
        for (Topology.OvsPort p : n.ovs().ports()) {
            otherConfig(lab, n, "Port", p.name(), p.otherConfig());
        }
    }

    private static void otherConfig(Lab lab, Topology.Network n, String table, String row, Map<String, String> config) {
        if (config.isEmpty()) {
            return;
        }
        List<String> words = new ArrayList<>(List.of("ovs-vsctl", "set", table, row));
        config.forEach((k, v) -> words.add("other_config:" + k + "=" + v));
        java.io.StringWriter err = new java.io.StringWriter();
        java.io.PrintWriter errOut = new java.io.PrintWriter(err);
        int rc = lab.exec(lab.bridgeOwner(n.name()).name(), words, new java.io.PrintWriter(java.io.Writer.nullWriter()),
                errOut);
        errOut.flush();
        if (rc != 0) {
            throw new TopologyException(null, "other_config of " + table.toLowerCase(java.util.Locale.ROOT) + " '" + row
                    + "': " + err.toString().trim());
        }
    }

    /** ovs-ofctl -O (highest protocol) add-flows: all or nothing, OVS's error in the topology error. */
    static void flows(Lab lab, Topology.Network n, OvsBridge br) {
        String file = n.ovs().flows();
        if (file == null) {
            return;
        }
        OfVersion v = OfVersion.OF10;
        for (OfVersion p : br.ofproto().protocols) {
            if (p.compareTo(v) > 0) {
                v = p;
            }
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(file));
        } catch (IOException e) {
            throw new TopologyException(null, file + ": open failed (No such file or directory)");
        }
        List<FlowMod> mods = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            int hash = l.indexOf('#');
            String t = (hash >= 0 ? l.substring(0, hash) : l).trim();
            if (t.isEmpty()) {
                continue;
            }
            try {
                FlowMod fm = FlowParser.parse(t, FlowMod.Command.ADD, br.ofproto().portMap());
                String usable = fm.usableError(v);
                if (usable != null) {
                    throw new FlowParseException(usable);
                }
                mods.add(fm);
            } catch (FlowParseException | ActionCheckException e) {
                throw new TopologyException(null, "ovs-ofctl: " + file + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        for (FlowMod fm : mods) {
            br.ofproto().tables.apply(fm, v, lab.now());
        }
    }
}
