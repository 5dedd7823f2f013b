package io.arplab.wire.tshark;

/** The exceptions of epan/exceptions.h a dissector throws, and what show_exception() appends to Info. */
enum Thrown {
    BOUNDS("[Packet size limited during capture]"),
    CONTAINED_BOUNDS("[Malformed Packet: length of contained item exceeds length of containing item]"),
    REPORTED_BOUNDS("[Malformed Packet]");

    final String info;

    Thrown(String info) {
        this.info = info;
    }

    DissectorError error() {
        return new DissectorError(this);
    }

    /** A thrown exception, without a stack trace: it is control flow, as in epan. */
    static final class DissectorError extends RuntimeException {
        final Thrown kind;

        DissectorError(Thrown kind) {
            super(kind.name(), null, false, false);
            this.kind = kind;
        }
    }
}
