package io.arplab.wire.tcpdump;

/**
 * Thrown by {@link Dissector#tcheck}: an ND_TCHECK in a printer with its own {@code trunc:} label. Only that
 * printer catches it; it prints {@code " [|proto]"} and returns normally (the link header length stays
 * counted for -x, unlike a {@link Truncated} longjmp).
 */
final class TruncLabel extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final TruncLabel INSTANCE = new TruncLabel();

    private TruncLabel() {
        super("truncated", null, false, false);
    }
}
