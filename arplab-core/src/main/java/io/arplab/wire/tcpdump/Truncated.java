package io.arplab.wire.tcpdump;

/**
 * Thrown by a bounds-checked read past the captured bytes: tcpdump's GET_ macros longjmp to the top of
 * pretty_print_packet(), which prints {@code " [|proto]"}. Never escapes {@link TcpdumpPrinter#print}.
 */
final class Truncated extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Truncated INSTANCE = new Truncated();

    private Truncated() {
        super("truncated", null, false, false);
    }
}
