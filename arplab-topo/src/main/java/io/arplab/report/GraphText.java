package io.arplab.report;

/** The topology as Graphviz DOT or a Mermaid flowchart, as {@code containerlab graph} offers it. */
public final class GraphText {
    private GraphText() {}

    public static String dot(LabGraph g) {
        StringBuilder sb = new StringBuilder("graph \"").append(g.name().replace("\"", "\\\"")).append("\" {\n");
        sb.append("  node [fontname=monospace fontsize=10];\n");
        for (LabGraph.Node n : g.nodes()) {
            String shape = switch (n.kind()) {
                case BRIDGE -> "shape=box style=\"rounded,filled\" fillcolor=\"#e7f6ea\"";
                case ROUTER -> "shape=box style=filled fillcolor=\"#fff3dc\"";
                case HOST -> "shape=box style=filled fillcolor=\"#eef4ff\"";
            };
            sb.append("  \"").append(n.name()).append("\" [").append(shape).append(" label=\"")
                    .append(String.join("\\l", LayeredLayout.lines(n)).replace("\"", "\\\"")).append("\\l\"];\n");
        }
        for (LabGraph.Link l : g.links()) {
            sb.append("  \"").append(l.host()).append("\" -- \"").append(l.bridge()).append("\" [taillabel=\"")
                    .append(l.ifname()).append("\" headlabel=\"").append(l.port()).append("\" fontsize=9];\n");
        }
        return sb.append("}\n").toString();
    }

    public static String mermaid(LabGraph g) {
        StringBuilder sb = new StringBuilder("flowchart TB\n");
        for (LabGraph.Node n : g.nodes()) {
            String label = String.join("<br/>", LayeredLayout.lines(n)).replace("\"", "#quot;");
            sb.append("  ").append(id(n.name())).append(n.kind() == LabGraph.Kind.BRIDGE ? "([\"" : "[\"")
                    .append(label).append(n.kind() == LabGraph.Kind.BRIDGE ? "\"])" : "\"]").append('\n');
        }
        for (LabGraph.Link l : g.links()) {
            sb.append("  ").append(id(l.host())).append(" ---|\"").append(l.ifname()).append(" — ").append(l.port())
                    .append("\"| ").append(id(l.bridge())).append('\n');
        }
        return sb.toString();
    }

    private static String id(String name) {
        return "n_" + name.replaceAll("[^A-Za-z0-9_]", "_");
    }
}
