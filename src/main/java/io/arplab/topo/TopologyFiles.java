package io.arplab.topo;

import io.arplab.lab.Lab;
import java.nio.file.Path;
import java.util.List;

/** TEMPORARY stub until the topo branch lands. */
public final class TopologyFiles {
    public static Lab load(Path file, long seed, long epochNanos, List<String> notes) {
        throw new TopologyException(file + ": topology loading not available yet");
    }
}
