package io.arplab.flow;

/** A flow or action that ovs-ofctl refuses; the message is OVS's own text (without the "ovs-ofctl: " prefix). */
public final class FlowParseException extends RuntimeException {
    public FlowParseException(String message) {
        super(message, null, false, false);
    }
}
