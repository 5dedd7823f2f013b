package io.arplab.wire.filter;

import io.arplab.wire.pcap.LinkType;
import io.arplab.wire.pcap.PcapRecord;
import java.util.List;

/**
 * A pcap-filter(7) expression compiled for Ethernet (LINKTYPE_ETHERNET) frames, matching what tcpdump 4.99 / libpcap
 * 1.10 accept when reading a capture file. Works over raw bytes; never throws while matching.
 *
 * <pre>{@code
 * PacketFilter f = PacketFilter.compile("arp or icmp");
 * boolean shown = f.matches(record);
 * }</pre>
 */
public final class PacketFilter {
    /** The empty expression: every frame. */
    public static final PacketFilter ALL = new PacketFilter("", null);

    /** Deepest test tree evaluated (recursively) per frame; keeps matching well inside any thread's stack. */
    static final int MAX_DEPTH = 1000;

    private final String expression;
    private final Node root;

    private PacketFilter(String expression, Node root) {
        this.expression = expression;
        this.root = root;
    }

    /**
     * Compiles an expression for Ethernet frames.
     *
     * @throws FilterSyntaxException with a one-line message when libpcap would refuse the expression
     */
    public static PacketFilter compile(String expression) {
        Node root = Parser.parse(expression);
        if (root == null) {
            return ALL;
        }
        if (Depth.of(root) > MAX_DEPTH) {
            throw new FilterSyntaxException("filter expression too long: more than " + MAX_DEPTH
                    + " tests in a chain; split it or group it with parentheses");
        }
        if (!Satisfiability.canMatch(root)) {
            throw new FilterSyntaxException("expression rejects all packets");
        }
        return new PacketFilter(expression, root);
    }

    /** tcpdump's way: the words after the options, joined with spaces. */
    public static PacketFilter compile(List<String> words) {
        return compile(String.join(" ", words));
    }

    /** Compiles for a capture of the given link type; only Ethernet captures take a non-empty expression. */
    public static PacketFilter compile(String expression, int linkType) {
        PacketFilter f = compile(expression);
        if (f.root != null && linkType != LinkType.ETHERNET) {
            throw new FilterSyntaxException("arplab filters only " + LinkType.describe(LinkType.ETHERNET)
                    + " captures, not " + LinkType.describe(linkType));
        }
        return f;
    }

    public String expression() {
        return expression;
    }

    /** True when every frame passes (empty expression). */
    public boolean acceptsAll() {
        return root == null;
    }

    /**
     * Whether a frame passes: {@code caplen} bytes of {@code frame} were captured of a frame {@code wireLength} bytes
     * long. A test that reads past the captured bytes rejects the frame, as a BPF program does.
     */
    public boolean matches(byte[] frame, int caplen, int wireLength) {
        if (root == null) {
            return true;
        }
        try {
            return root.eval(new Packet(frame, caplen, wireLength));
        } catch (Packet.Reject r) {
            return false;
        }
    }

    /**
     * Whether the BPF program stops on this frame with its run-time return 0 (a load past the captured bytes, a
     * division by zero), whatever the expression would have said.
     */
    boolean aborts(PcapRecord r) {
        if (root == null) {
            return false;
        }
        try {
            root.eval(new Packet(r.data(), r.capturedLength(), r.originalLength()));
            return false;
        } catch (Packet.Reject e) {
            return true;
        }
    }

    public boolean matches(PcapRecord r) {
        return matches(r.data(), r.capturedLength(), r.originalLength());
    }

    @Override
    public String toString() {
        return expression;
    }
}
