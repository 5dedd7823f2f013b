package io.arplab.flow;

import java.util.List;

/**
 * A flow or action that ovs-ofctl refuses; the message is OVS's own text (without the "ovs-ofctl: " prefix), and
 * {@link #log} the log lines OVS wrote before it (module|LEVEL|text).
 */
public final class FlowParseException extends RuntimeException {
    public final List<String> log;
    /** The strerror() of the errno behind it, where a caller prints one (E2BIG for an oversized Netlink attribute). */
    public final String strerror;

    public FlowParseException(String message) {
        this(message, List.of());
    }

    public FlowParseException(String message, List<String> log) {
        this(message, log, "Invalid argument");
    }

    public FlowParseException(String message, List<String> log, String strerror) {
        super(message, null, false, false);
        this.log = log;
        this.strerror = strerror;
    }
}
