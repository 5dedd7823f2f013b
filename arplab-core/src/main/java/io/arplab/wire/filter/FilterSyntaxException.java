package io.arplab.wire.filter;

/**
 * A filter expression that pcap-filter(7) rejects. The message is one line: tcpdump's words for semantic faults
 * ({@code non-network bits set in "10.1.2.3/8"}), or {@code syntax error in filter expression: unexpected 'or' at
 * column 12} for grammar faults.
 */
public final class FilterSyntaxException extends IllegalArgumentException {
    public FilterSyntaxException(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
