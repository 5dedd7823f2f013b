package io.arplab.topo;

/**
 * A lab file that cannot be built, told in one line: {@code FILE:LINE:COL: what (did you mean 'x'?)}, or just
 * {@code what} for a topology made in code. An {@link IllegalArgumentException}, so the CLI prints it as it is,
 * without a stack trace.
 */
public final class TopologyException extends IllegalArgumentException {
    private final transient Topology.Where where;
    private final String problem;

    public TopologyException(Topology.Where where, String problem) {
        super(where == null ? problem : where + ": " + problem);
        this.where = where;
        this.problem = problem;
    }

    /** Where in which file, or null. */
    public Topology.Where where() {
        return where;
    }

    /** The message without its location. */
    public String problem() {
        return problem;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // a user error: the message says it all
    }
}
