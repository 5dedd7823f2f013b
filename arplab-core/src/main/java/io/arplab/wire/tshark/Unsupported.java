package io.arplab.wire.tshark;

/**
 * A dissector Wireshark has and this package does not: the frame's line is printed as far as it got and
 * {@link TsharkPrinter#lastUndecoded()} names what was missing.
 */
final class Unsupported extends RuntimeException {
    Unsupported(String what) {
        super(what, null, false, false);
    }
}
