package io.arplab.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layered drawing of the lab graph after Sugiyama, Tagawa and Toda (1981), as Graphviz dot and ELK Layered do it
 * in outline: layers by breadth-first distance from the routers (else the bridges), crossings reduced by barycentre
 * sweeps, and a layer wider than {@link #PER_ROW} nodes wrapped into rows so hundreds of hosts stay readable.
 */
public final class LayeredLayout {
    public static final int PER_ROW = 12;
    static final double CHAR = 6.6;
    static final int LINE = 14;
    static final int GAP_X = 28;
    static final int GAP_Y = 64;

    /** A node's box: top-left corner, size, and the text lines drawn in it. */
    public record Box(LabGraph.Node node, double x, double y, double w, double h, List<String> lines) {
        double cx() {
            return x + w / 2;
        }
    }

    public record Result(List<Box> boxes, double width, double height) {
        public Box box(String name) {
            for (Box b : boxes) {
                if (b.node().name().equals(name)) {
                    return b;
                }
            }
            return null;
        }
    }

    private LayeredLayout() {}

    public static Result layout(LabGraph g) {
        List<LabGraph.Node> nodes = g.nodes();
        int n = nodes.size();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(nodes.get(i).name(), i);
        }
        List<List<Integer>> adj = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            adj.add(new ArrayList<>());
        }
        for (LabGraph.Link l : g.links()) {
            int a = index.get(l.host());
            int b = index.get(l.bridge());
            if (!adj.get(a).contains(b)) {
                adj.get(a).add(b);
                adj.get(b).add(a);
            }
        }
        int[] layer = layers(nodes, adj);
        int layers = Arrays.stream(layer).max().orElse(-1) + 1;
        List<List<Integer>> order = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            order.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            order.get(layer[i]).add(i);
        }
        double[] pos = new double[n];
        positions(order, pos);
        for (int sweep = 0; sweep < 4; sweep++) {
            for (int l = 1; l < layers; l++) {
                reorder(order.get(l), adj, layer, l - 1, pos);
                positions(order, pos);
            }
            for (int l = layers - 2; l >= 0; l--) {
                reorder(order.get(l), adj, layer, l + 1, pos);
                positions(order, pos);
            }
        }
        return place(nodes, order);
    }

    /** Breadth-first distance from the routers, else from the bridges; each component separately. */
    private static int[] layers(List<LabGraph.Node> nodes, List<List<Integer>> adj) {
        int n = nodes.size();
        int[] layer = new int[n];
        Arrays.fill(layer, -1);
        for (LabGraph.Kind rootKind : List.of(LabGraph.Kind.ROUTER, LabGraph.Kind.BRIDGE, LabGraph.Kind.HOST)) {
            for (int r = 0; r < n; r++) {
                if (layer[r] >= 0 || nodes.get(r).kind() != rootKind) {
                    continue;
                }
                int[] queue = new int[n];
                int head = 0;
                int tail = 0;
                queue[tail++] = r;
                layer[r] = 0;
                while (head < tail) {
                    int u = queue[head++];
                    for (int v : adj.get(u)) {
                        if (layer[v] < 0) {
                            layer[v] = layer[u] + 1;
                            queue[tail++] = v;
                        }
                    }
                }
            }
        }
        return layer;
    }

    private static void positions(List<List<Integer>> order, double[] pos) {
        for (List<Integer> row : order) {
            for (int i = 0; i < row.size(); i++) {
                pos[row.get(i)] = i;
            }
        }
    }

    /** Sorts a layer by the mean position of each node's neighbours in the adjacent layer (stable on ties). */
    private static void reorder(List<Integer> row, List<List<Integer>> adj, int[] layer, int other, double[] pos) {
        Map<Integer, Double> bary = new LinkedHashMap<>();
        for (int u : row) {
            double sum = 0;
            int k = 0;
            for (int v : adj.get(u)) {
                if (layer[v] == other) {
                    sum += pos[v];
                    k++;
                }
            }
            bary.put(u, k == 0 ? pos[u] : sum / k);
        }
        row.sort(Comparator.comparingDouble(bary::get));
    }

    private static Result place(List<LabGraph.Node> nodes, List<List<Integer>> order) {
        List<List<Box>> rows = new ArrayList<>();
        for (List<Integer> layer : order) {
            for (int from = 0; from < layer.size(); from += PER_ROW) {
                List<Box> row = new ArrayList<>();
                for (int i : layer.subList(from, Math.min(layer.size(), from + PER_ROW))) {
                    List<String> lines = lines(nodes.get(i));
                    int chars = lines.stream().mapToInt(String::length).max().orElse(4);
                    row.add(new Box(nodes.get(i), 0, 0, Math.ceil(chars * CHAR) + 16, lines.size() * LINE + 12, lines));
                }
                rows.add(row);
            }
        }
        double width = 0;
        for (List<Box> row : rows) {
            width = Math.max(width, rowWidth(row));
        }
        List<Box> boxes = new ArrayList<>();
        double y = 16;
        for (List<Box> row : rows) {
            double x = 16 + (width - rowWidth(row)) / 2;
            double h = 0;
            for (Box b : row) {
                boxes.add(new Box(b.node(), x, y, b.w(), b.h(), b.lines()));
                x += b.w() + GAP_X;
                h = Math.max(h, b.h());
            }
            y += h + GAP_Y;
        }
        return new Result(boxes, width + 32, y - GAP_Y + 16);
    }

    private static double rowWidth(List<Box> row) {
        double w = -GAP_X;
        for (Box b : row) {
            w += b.w() + GAP_X;
        }
        return Math.max(w, 0);
    }

    /** What a node's box says: name (network for a bridge), then each interface's name, MAC and addresses. */
    static List<String> lines(LabGraph.Node node) {
        List<String> lines = new ArrayList<>();
        switch (node.kind()) {
            case BRIDGE -> {
                lines.add(node.network() != null ? node.network() : node.name());
                lines.add((node.learns() ? "bridge " : "openvswitch ") + node.name()); // IFLA_INFO_KIND's word
                if (node.subnet() != null) {
                    lines.add(node.subnet());
                }
            }
            case ROUTER -> lines.add(node.name() + " (forwards)");
            case HOST -> lines.add(node.name());
        }
        if (node.kind() != LabGraph.Kind.BRIDGE) {
            for (LabGraph.Iface i : node.ifaces()) {
                lines.add(i.name() + " " + i.mac());
                for (String a : i.addresses()) {
                    lines.add("  " + a);
                }
            }
        } else {
            lines.add(node.ifaces().get(0).mac());
        }
        return lines;
    }
}
