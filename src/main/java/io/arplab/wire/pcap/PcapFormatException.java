package io.arplab.wire.pcap;

/**
 * A file that is not a capture, or a damaged one. The message is one line: the file's name, then the fault in
 * libpcap's words (e.g. {@code f.pcap: truncated dump file; tried to read 42 captured bytes, only got 37 (packet 9 at
 * offset 412)}).
 */
public final class PcapFormatException extends RuntimeException {
    private final String source;
    private final String detail;

    public PcapFormatException(String message) {
        super(message, null, false, false);
        this.source = null;
        this.detail = message;
    }

    public PcapFormatException(String source, String detail) {
        super(source + ": " + detail, null, false, false);
        this.source = source;
        this.detail = detail;
    }

    /** The file name as given, or null. */
    public String source() {
        return source;
    }

    /** The fault without the file name, in libpcap's words where it has some. */
    public String detail() {
        return detail;
    }
}
