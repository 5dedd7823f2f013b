package io.arplab.report;

import java.util.List;

/** The report's data as compact JSON arrays, read by report.js (field order documented there). */
final class ReportJson {
    private ReportJson() {}

    static void write(StringBuilder sb, LabGraph graph, Ladder l, Recording rec) {
        sb.append("{\"traced\":").append(rec.traced()).append(",\"height\":").append(l.height).append(",\n\"lanes\":[");
        for (int i = 0; i < l.lanes.size(); i++) {
            Ladder.Lane lane = l.lanes.get(i);
            sb.append(i == 0 ? "" : ",").append('[');
            Text.json(sb, lane.name());
            sb.append(',');
            Text.json(sb, lane.kind().name().toLowerCase(java.util.Locale.ROOT));
            sb.append(',');
            Text.json(sb, lane.sub());
            sb.append(']');
        }
        sb.append("],\n\"frames\":[");
        for (int i = 0; i < l.frames.size(); i++) {
            Ladder.Frame f = l.frames.get(i);
            sb.append(i == 0 ? "" : ",\n").append('[');
            Text.json(sb, f.label());
            sb.append(',');
            Text.json(sb, f.firstAt());
            sb.append(",[");
            List<FrameFields.Layer> layers = f.layers();
            for (int j = 0; j < layers.size(); j++) {
                sb.append(j == 0 ? "" : ",").append('[');
                Text.json(sb, layers.get(j).name());
                sb.append(",[");
                List<FrameFields.Field> fields = layers.get(j).fields();
                for (int k = 0; k < fields.size(); k++) {
                    sb.append(k == 0 ? "" : ",").append('[');
                    Text.json(sb, fields.get(k).name());
                    sb.append(',');
                    Text.json(sb, fields.get(k).value());
                    sb.append(']');
                }
                sb.append("]]");
            }
            sb.append("],");
            Text.json(sb, f.hex());
            sb.append(',').append(f.broadcast() ? 1 : 0).append(']');
        }
        sb.append("],\n\"hops\":[");
        for (int i = 0; i < l.hops.size(); i++) {
            Ladder.Hop h = l.hops.get(i);
            sb.append(i == 0 ? "" : ",").append(i % 64 == 63 ? "\n" : "").append('[').append(h.time()).append(',')
                    .append(h.y()).append(',').append(h.from()).append(',').append(h.to()).append(',').append(h.frame())
                    .append(']');
        }
        sb.append("],\n\"moments\":[");
        for (int i = 0; i < l.moments.size(); i++) {
            Ladder.Moment m = l.moments.get(i);
            sb.append(i == 0 ? "" : ",").append(i % 64 == 63 ? "\n" : "").append('[').append(m.time()).append(',')
                    .append(m.y0()).append(',').append(m.y1()).append(']');
        }
        sb.append("],\n\"gaps\":[");
        for (int i = 0; i < l.gaps.size(); i++) {
            sb.append(i == 0 ? "" : ",").append('[').append(l.gaps.get(i).y()).append(',');
            Text.json(sb, l.gaps.get(i).text());
            sb.append(']');
        }
        sb.append("],\n\"entries\":[");
        for (int i = 0; i < l.entries.size(); i++) {
            Ladder.Entry e = l.entries.get(i);
            sb.append(i == 0 ? "" : ",\n").append('[');
            Text.json(sb, e.host());
            sb.append(',');
            Text.json(sb, e.dev());
            sb.append(',');
            Text.json(sb, e.ip());
            sb.append(",[");
            for (int j = 0; j < e.bands().size(); j++) {
                Ladder.Band b = e.bands().get(j);
                sb.append(j == 0 ? "" : ",").append('[').append(b.time()).append(',').append(b.y0()).append(',')
                        .append(b.y1()).append(',');
                Text.json(sb, b.state());
                sb.append(',');
                Text.json(sb, b.cause());
                sb.append(']');
            }
            sb.append("]]");
        }
        sb.append("],\n\"neigh\":[");
        List<Recording.NeighChange> ns = rec.neighbours();
        for (int i = 0; i < ns.size(); i++) {
            Recording.NeighChange n = ns.get(i);
            sb.append(i == 0 ? "" : ",").append(i % 32 == 31 ? "\n" : "").append('[').append(n.time()).append(',');
            Text.json(sb, n.host());
            sb.append(',');
            Text.json(sb, n.dev());
            sb.append(',');
            Text.json(sb, n.ip());
            sb.append(',');
            Text.json(sb, n.lladdr());
            sb.append(',');
            Text.json(sb, n.state().label);
            sb.append(']');
        }
        sb.append("],\n\"fdb\":[");
        List<Recording.FdbChange> fs = rec.fdb();
        for (int i = 0; i < fs.size(); i++) {
            Recording.FdbChange f = fs.get(i);
            sb.append(i == 0 ? "" : ",").append(i % 32 == 31 ? "\n" : "").append('[').append(f.time()).append(',');
            Text.json(sb, f.bridge());
            sb.append(',');
            Text.json(sb, f.port());
            sb.append(',');
            Text.json(sb, f.mac());
            sb.append(']');
        }
        // the Open vSwitch bridges (their tables are fdb/show's) and their MAC learning
        sb.append("],\n\"ovs\":[");
        String sep = "";
        for (LabGraph.Node n : graph.nodes()) {
            if (n.kind() == LabGraph.Kind.BRIDGE && !n.learns()) {
                sb.append(sep);
                Text.json(sb, n.name());
                sep = ",";
            }
        }
        sb.append("],\n\"macs\":[");
        List<Recording.MacChange> ms = rec.macs();
        for (int i = 0; i < ms.size(); i++) {
            Recording.MacChange m = ms.get(i);
            sb.append(i == 0 ? "" : ",").append(i % 32 == 31 ? "\n" : "").append('[').append(m.time()).append(',');
            Text.json(sb, m.bridge());
            sb.append(',');
            Text.json(sb, m.port());
            sb.append(',').append(m.vlan()).append(',');
            Text.json(sb, m.mac());
            sb.append(',').append(m.kind().ordinal()).append(']');
        }
        sb.append("]}");
    }
}
