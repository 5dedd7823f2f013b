package io.arplab.topo;

/** TEMPORARY stub until the topo branch lands. */
public final class TopologyException extends RuntimeException {
    public TopologyException(String m) {
        super(m);
    }
}
