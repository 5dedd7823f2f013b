package io.arplab.api;

import io.arplab.wire.filter.PacketFilter;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

/**
 * The frames one interface of a node has seen so far, in order (a snapshot: later frames are not added to it).
 * {@link #filter(String)} keeps those a pcap-filter(7) expression matches, as {@code tcpdump -r FILE EXPRESSION}
 * would; {@link #toString()} prints them as tcpdump does.
 */
public final class Capture extends AbstractList<CapturedFrame> {
    private final String node;
    private final String ifname;
    private final String filter;
    private final List<CapturedFrame> frames;

    Capture(String node, String ifname, String filter, List<CapturedFrame> frames) {
        this.node = node;
        this.ifname = ifname;
        this.filter = filter;
        this.frames = List.copyOf(frames);
    }

    /** The node whose interface this is. */
    public String node() {
        return node;
    }

    /** The interface's name. */
    public String ifname() {
        return ifname;
    }

    /** The filter expressions applied so far, joined with {@code and}; empty for every frame. */
    public String filterExpression() {
        return filter;
    }

    /**
     * The frames {@code expression} matches (the project's libpcap-compatible filter compiler).
     *
     * @throws io.arplab.wire.filter.FilterSyntaxException with tcpdump's one-line reason for a bad expression
     */
    public Capture filter(String expression) {
        PacketFilter f = PacketFilter.compile(expression);
        List<CapturedFrame> kept = new ArrayList<>();
        for (CapturedFrame c : frames) {
            if (f.matches(c.data(), c.length(), c.length())) {
                kept.add(c);
            }
        }
        String all = filter.isEmpty() ? expression : "(" + filter + ") and (" + expression + ")";
        return new Capture(node, ifname, all, kept);
    }

    /** Where the frames were seen: {@code "node1 eth0"}, with the filter if any ({@code "node1 eth0 (arp)"}). */
    public String describe() {
        return node + " " + ifname + (filter.isEmpty() ? "" : " (" + filter + ")");
    }

    @Override
    public CapturedFrame get(int index) {
        return frames.get(index);
    }

    @Override
    public int size() {
        return frames.size();
    }

    /** Every frame on its own line, as {@code tcpdump -n -r} prints them. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (CapturedFrame f : frames) {
            sb.append(f.tcpdump()).append('\n');
        }
        return sb.toString();
    }
}
