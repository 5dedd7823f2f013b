package io.arplab.wire.pcap;

/**
 * A file that is not a capture, or a damaged one. The message is one line: the file's name, then the fault in
 * libpcap's words (e.g. {@code f.pcap: truncated dump file; tried to read 42 captured bytes, only got 37 (packet 9 at
 * offset 412)}).
 */
public final class PcapFormatException extends RuntimeException {
    private final String source;
    private final String detail;
    private final String location;
    private final boolean opening;

    public PcapFormatException(String message) {
        super(message, null, false, false);
        this.source = null;
        this.detail = message;
        this.location = null;
        this.opening = false;
    }

    public PcapFormatException(String source, String detail) {
        this(source, detail, null, false);
    }

    /** A fault at {@code location} ("packet 4 at offset 228"), which libpcap does not name. */
    PcapFormatException(String source, String detail, String location, boolean opening) {
        super(source + ": " + detail + (location == null ? "" : " (" + location + ")"), null, false, false);
        this.source = source;
        this.detail = detail;
        this.location = location;
        this.opening = opening;
    }

    /** The file could not be opened (fopen()'s error): libpcap names the file, "f.pcap: No such file or directory". */
    static PcapFormatException cannotOpen(String source, String strerror) {
        return new PcapFormatException(source, strerror, null, true);
    }

    /** The file name as given, or null. */
    public String source() {
        return source;
    }

    /** The fault without the file name, in libpcap's words where it has some, with where it is in the file. */
    public String detail() {
        return location == null ? detail : detail + " (" + location + ")";
    }

    /** True when the file could not be opened at all (libpcap then names it). */
    public boolean cannotOpen() {
        return opening;
    }

    /** What libpcap's errbuf holds: the file's name only when it could not be opened, never the fault's location. */
    public String libpcapMessage() {
        return opening ? source + ": " + detail : detail;
    }
}
