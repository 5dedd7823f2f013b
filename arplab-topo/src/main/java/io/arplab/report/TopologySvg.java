package io.arplab.report;

import java.util.List;

/** The topology as SVG text: boxes for hosts, routers and bridges, a line per link labelled with both port names. */
public final class TopologySvg {
    private TopologySvg() {}

    public static String render(LabGraph g) {
        LayeredLayout.Result r = LayeredLayout.layout(g);
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"topology\" width=\"").append(Text.num(r.width()))
                .append("\" height=\"").append(Text.num(r.height())).append("\" viewBox=\"0 0 ").append(Text.num(r.width()))
                .append(' ').append(Text.num(r.height())).append("\" font-family=\"monospace\" font-size=\"11\">\n");
        sb.append("<style>.host rect{fill:#eef4ff;stroke:#3b6fb6}.router rect{fill:#fff3dc;stroke:#b67a1d}"
                + ".bridge rect{fill:#e7f6ea;stroke:#2f8a46}.link{stroke:#888}.port{fill:#555;font-size:10px}"
                + ".name{font-weight:bold}</style>\n");
        // links between the same two nodes (an OVS bridge's local and internal ports on its host) share one line
        java.util.Map<String, Integer> pairs = new java.util.HashMap<>(); // lookups only
        for (LabGraph.Link l : g.links()) {
            pairs.merge(l.host() + " " + l.bridge(), 1, Integer::sum);
        }
        java.util.Map<String, Integer> drawn = new java.util.HashMap<>(); // lookups only
        for (LabGraph.Link l : g.links()) {
            int n = pairs.get(l.host() + " " + l.bridge());
            int k = drawn.merge(l.host() + " " + l.bridge(), 1, Integer::sum) - 1;
            LayeredLayout.Box h = r.box(l.host());
            LayeredLayout.Box b = r.box(l.bridge());
            boolean hostAbove = h.y() < b.y();
            boolean crowded = links(g, l.bridge()) > LayeredLayout.PER_ROW;
            double hy = hostAbove ? h.y() + h.h() : h.y();
            double by = hostAbove ? b.y() : b.y() + b.h();
            sb.append("<g class=\"link\" data-host=\"").append(Text.xml(l.host())).append("\" data-bridge=\"")
                    .append(Text.xml(l.bridge())).append("\"><line x1=\"").append(Text.num(h.cx())).append("\" y1=\"")
                    .append(Text.num(hy)).append("\" x2=\"").append(Text.num(b.cx())).append("\" y2=\"").append(Text.num(by))
                    .append("\" stroke=\"#888\"").append(crowded ? " stroke-opacity=\"0.25\"/>" : "/>");
            if (crowded) {
                // a crowded bridge: faint lines, the port names on hover instead of on the line
                sb.append("<title>").append(Text.xml(l.host() + " " + l.ifname() + " \u2014 " + l.bridge() + " " + l.port()))
                        .append("</title>");
            } else if (n > 1) {
                // one shared line: a name per link, stacked about its middle ("ifname" when the port has its name)
                double y = (hy + by) / 2 + 4 + 11 * (k - (n - 1) / 2.0);
                label(sb, (h.cx() + b.cx()) / 2, y, l.ifname().equals(l.port()) ? l.ifname()
                        : l.ifname() + " \u2014 " + l.port(), false);
            } else {
                // each end's name a little way along the line from its end, so the ports of a bridge stay apart
                double f = links(g, l.host()) > 1 ? 0.3 : 0.12;
                // a name on a line that fans out to the left ends at the line, so the lines fanning out of one box
                // keep their names apart: a host's lines to its bridges, a bridge's lines down to its hosts
                label(sb, h.cx() + (b.cx() - h.cx()) * f, hy + (by - hy) * f + 4, l.ifname(), b.cx() < h.cx());
                label(sb, b.cx() + (h.cx() - b.cx()) * 0.45, by + (hy - by) * 0.45 + 4, l.port(),
                        !hostAbove && h.cx() < b.cx());
            }
            sb.append("</g>\n");
        }
        for (LayeredLayout.Box b : r.boxes()) {
            String kind = b.node().kind().name().toLowerCase(java.util.Locale.ROOT);
            sb.append("<g class=\"node ").append(kind).append("\" data-node=\"").append(Text.xml(b.node().name()))
                    .append("\"><rect x=\"").append(Text.num(b.x())).append("\" y=\"").append(Text.num(b.y()))
                    .append("\" width=\"").append(Text.num(b.w())).append("\" height=\"").append(Text.num(b.h()))
                    .append("\" rx=\"").append(b.node().kind() == LabGraph.Kind.BRIDGE ? 12 : 4).append("\"/>");
            List<String> lines = b.lines();
            for (int i = 0; i < lines.size(); i++) {
                sb.append("<text x=\"").append(Text.num(b.x() + 8)).append("\" y=\"")
                        .append(Text.num(b.y() + 17 + i * LayeredLayout.LINE)).append('"')
                        .append(i == 0 ? " class=\"name\"" : "").append(" xml:space=\"preserve\">")
                        .append(Text.xml(lines.get(i))).append("</text>");
            }
            sb.append("</g>\n");
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    private static long links(LabGraph g, String node) {
        return g.links().stream().filter(o -> o.host().equals(node) || o.bridge().equals(node)).count();
    }

    private static void label(StringBuilder sb, double x, double y, String text, boolean leftOfLine) {
        sb.append("<text class=\"port\" x=\"").append(Text.num(leftOfLine ? x - 3 : x + 3)).append("\" y=\"")
                .append(Text.num(y)).append(leftOfLine ? "\" text-anchor=\"end\">" : "\">").append(Text.xml(text))
                .append("</text>");
    }
}
