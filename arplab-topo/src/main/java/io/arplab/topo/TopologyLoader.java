package io.arplab.topo;

import io.arplab.topo.Topology.Where;
import io.arplab.topo.Yaml.MapNode;
import io.arplab.topo.Yaml.Node;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a lab file: a docker-compose file (it has {@code services:}) or arplab's own format (see {@link LabFormat}),
 * checks it ({@link TopologyValidator}) and returns the topology with notes on what was ignored. Every problem is
 * a {@link TopologyException} with one line, {@code FILE:LINE:COL: what}.
 * <pre>
 * TopologyLoader.Loaded l = TopologyLoader.load(Path.of("examples/arp-lab/docker-compose.yml"));
 * Lab lab = TopologyBuilder.build(l.topology(), seed);
 * </pre>
 */
public final class TopologyLoader {
    /** Larger files are refused before parsing. */
    static final int MAX_BYTES = 4 << 20;
    private static final Pattern COMPOSE_NAME = Pattern.compile("(docker-)?compose([.-][^/]*)?\\.ya?ml");

    private TopologyLoader() {}

    public enum Format { LAB, COMPOSE }

    /**
     * A checked topology and the notes a verbose run prints ("FILE:LINE:COL: key 'image' ... ignored").
     */
    public record Loaded(Topology topology, Format format, List<String> notes) {
        public Loaded {
            notes = List.copyOf(notes);
        }
    }

    /** Reads {@code file}; it is named in messages as given. */
    public static Loaded load(Path file) {
        String shown = file.toString();
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new TopologyException(null, shown + ": file too large (more than " + (MAX_BYTES >> 20) + " MiB)");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TopologyException(null, shown + ": no such file");
        } catch (IOException e) {
            throw new TopologyException(null, shown + ": cannot read: " + e.getMessage());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new TopologyException(new Where(shown, 1, 1), "not a text file (invalid UTF-8)");
        }
        Path abs = file.toAbsolutePath().normalize();
        String dir = abs.getParent() == null || abs.getParent().getFileName() == null ? ""
                : abs.getParent().getFileName().toString();
        return parse(shown, text, dir);
    }

    /**
     * Reads a lab from text. {@code fileName} names it in messages (and, for compose, tells a compose file by its
     * name); {@code directoryName} gives a compose project its default name.
     */
    public static Loaded parse(String fileName, String text, String directoryName) {
        List<String> notes = new ArrayList<>();
        Node root = Yaml.parse(fileName, text.startsWith("\uFEFF") ? text.substring(1) : text);
        String base = fileName.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        boolean composeName = COMPOSE_NAME.matcher(base).matches();
        if (root == null) {
            throw new TopologyException(new Where(fileName, 1, 1), composeName ? "empty file: a compose file needs services:"
                    : "empty file: expected a lab (networks:, hosts:) or a docker-compose file (services:)");
        }
        if (!(root instanceof MapNode map)) {
            throw Fields.error(root, "expected a map at the top of the file (networks:, hosts: ... or services: ...), found "
                    + root.describe());
        }
        Topology t;
        Format format;
        if (map.has("cluster") && !composeName) {
            return new Loaded(ClusterFormat.read(map), Format.LAB, notes);
        }
        if (map.has("services") || composeName) {
            format = Format.COMPOSE;
            t = ComposeFormat.read(fileName, directoryName, map, notes);
        } else {
            format = Format.LAB;
            t = LabFormat.read(fileName, map, notes);
        }
        TopologyValidator.validate(t);
        return new Loaded(t, format, notes);
    }
}
