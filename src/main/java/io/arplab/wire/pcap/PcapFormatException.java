package io.arplab.wire.pcap;

/** A file that is not a capture, or a damaged one. The message is one line naming the file and the fault. */
public final class PcapFormatException extends RuntimeException {
    public PcapFormatException(String message) {
        super(message, null, false, false);
    }
}
