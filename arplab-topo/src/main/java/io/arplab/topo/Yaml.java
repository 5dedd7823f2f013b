package io.arplab.topo;

import io.arplab.topo.Topology.Where;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML document as a small tree whose every node knows its line and column: SnakeYAML composes the node graph
 * (syntax, anchors and aliases, implicit types); this class only copies it into records, applies merge keys
 * ({@code <<: *defaults}) and refuses duplicate keys, so the readers can point at the exact spot of a mistake.
 */
final class Yaml {
    /** More nodes than this (aliases can multiply a small file) is refused. */
    static final int MAX_NODES = 200_000;

    private Yaml() {}

    enum Kind { STRING, INT, FLOAT, BOOL, NULL }

    sealed interface Node permits MapNode, ListNode, Scalar {
        Where where();

        /** "a map", "a list", "a string" ... for "expected X, found Y". */
        String describe();
    }

    record Scalar(String text, Kind kind, Where where) implements Node {
        @Override
        public String describe() {
            return switch (kind) {
                case NULL -> "nothing";
                case BOOL -> "'" + text + "' (true/false)";
                case INT, FLOAT -> "the number " + text;
                case STRING -> "'" + text + "'";
            };
        }

        boolean isNull() {
            return kind == Kind.NULL;
        }
    }

    record ListNode(List<Node> items, Where where) implements Node {
        @Override
        public String describe() {
            return "a list";
        }
    }

    record Entry(Scalar key, Node value) {}

    record MapNode(Map<String, Entry> entries, Where where) implements Node {
        @Override
        public String describe() {
            return "a map";
        }

        Node get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }

        Entry entry(String key) {
            return entries.get(key);
        }

        boolean has(String key) {
            return entries.containsKey(key);
        }
    }

    /** Parses one document; null when the text holds none (empty, only comments). */
    static Node parse(String file, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // refused below, with both places
        options.setMaxAliasesForCollections(1000);
        options.setAllowRecursiveKeys(false);
        org.yaml.snakeyaml.nodes.Node root;
        try {
            root = new org.yaml.snakeyaml.Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            Where w = m == null ? new Where(file, 1, 1) : new Where(file, m.getLine() + 1, m.getColumn() + 1);
            String context = e.getContext() != null && e.getContextMark() != null && e.getContextMark() != m
                    ? " (" + oneLine(e.getContext()) + " started at line " + (e.getContextMark().getLine() + 1) + ")" : "";
            throw new TopologyException(w, "invalid YAML: " + oneLine(e.getProblem()) + context);
        } catch (YAMLException e) {
            throw new TopologyException(new Where(file, 1, 1), "invalid YAML: " + oneLine(e.getMessage()));
        }
        if (root == null) {
            return null;
        }
        return new Copier(file).copy(root);
    }

    private static String oneLine(String s) {
        return s == null ? "unreadable document" : s.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    static Where where(String file, org.yaml.snakeyaml.nodes.Node n) {
        Mark m = n.getStartMark();
        return new Where(file, m.getLine() + 1, m.getColumn() + 1);
    }

    private static final class Copier {
        private final String file;
        private final Set<org.yaml.snakeyaml.nodes.Node> path = Collections.newSetFromMap(new IdentityHashMap<>());
        private int count;

        Copier(String file) {
            this.file = file;
        }

        Node copy(org.yaml.snakeyaml.nodes.Node n) {
            Where w = where(file, n);
            if (++count > MAX_NODES) {
                throw new TopologyException(w, "document too large: more than " + MAX_NODES + " nodes once aliases are expanded");
            }
            if (!path.add(n)) {
                throw new TopologyException(w, "an alias refers to a node that contains it");
            }
            try {
                if (n instanceof ScalarNode s) {
                    return new Scalar(s.getValue(), kind(s), w);
                }
                if (n instanceof SequenceNode s) {
                    List<Node> items = new ArrayList<>(s.getValue().size());
                    for (org.yaml.snakeyaml.nodes.Node item : s.getValue()) {
                        items.add(copy(item));
                    }
                    return new ListNode(items, w);
                }
                MappingNode m = (MappingNode) n;
                Map<String, Entry> entries = new LinkedHashMap<>();
                List<MapNode> merged = new ArrayList<>();
                for (NodeTuple t : m.getValue()) {
                    org.yaml.snakeyaml.nodes.Node k = t.getKeyNode();
                    if (!(k instanceof ScalarNode ks)) {
                        throw new TopologyException(where(file, k), "a key must be a plain word, not " + (k instanceof SequenceNode ? "a list" : "a map"));
                    }
                    if (ks.getTag().equals(Tag.MERGE)) {
                        merged.addAll(mergeSources(t.getValueNode()));
                        continue;
                    }
                    Scalar key = new Scalar(ks.getValue(), kind(ks), where(file, ks));
                    Entry previous = entries.get(key.text());
                    if (previous != null) {
                        throw new TopologyException(key.where(), "duplicate key '" + key.text() + "' (first at line "
                                + previous.key().where().line() + ")");
                    }
                    entries.put(key.text(), new Entry(key, copy(t.getValueNode())));
                }
                // YAML merge keys: explicit keys win, then earlier sources over later ones
                for (MapNode source : merged) {
                    for (Entry e : source.entries().values()) {
                        entries.putIfAbsent(e.key().text(), e);
                    }
                }
                return new MapNode(entries, w);
            } finally {
                path.remove(n);
            }
        }

        private List<MapNode> mergeSources(org.yaml.snakeyaml.nodes.Node v) {
            List<MapNode> out = new ArrayList<>();
            if (v instanceof SequenceNode s) {
                for (org.yaml.snakeyaml.nodes.Node item : s.getValue()) {
                    out.addAll(mergeSources(item));
                }
                return out;
            }
            Node c = copy(v);
            if (!(c instanceof MapNode mm)) {
                throw new TopologyException(c.where(), "'<<' merges a map (or a list of maps), not " + c.describe());
            }
            out.add(mm);
            return out;
        }

        private static Kind kind(ScalarNode s) {
            Tag t = s.getTag();
            if (t.equals(Tag.NULL)) {
                return Kind.NULL;
            }
            if (t.equals(Tag.BOOL)) {
                return Kind.BOOL;
            }
            if (t.equals(Tag.INT)) {
                return Kind.INT;
            }
            if (t.equals(Tag.FLOAT)) {
                return Kind.FLOAT;
            }
            return Kind.STRING;
        }
    }
}
