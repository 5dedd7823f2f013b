package io.arplab.wire.filter;

/**
 * A filter expression that pcap-filter(7) rejects. The message is one line: tcpdump's words for semantic faults
 * ({@code non-network bits set in "10.1.2.3/8"}), or {@code syntax error in filter expression: unexpected 'or' at
 * column 12} for grammar faults.
 */
public final class FilterSyntaxException extends IllegalArgumentException {
    /** A token the grammar does not take: libpcap's bison parser then says only "syntax error" (pcap_error()). */
    private final boolean grammar;

    public FilterSyntaxException(String message) {
        this(message, false);
    }

    FilterSyntaxException(String message, boolean grammar) {
        super(message);
        this.grammar = grammar;
    }

    /** Whether this is a grammar fault, which pcap_compile() reports as "can't parse filter expression: syntax error". */
    public boolean grammar() {
        return grammar;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
