package io.arplab.api;

import io.arplab.wire.ArpView;
import io.arplab.wire.EthernetView;
import io.arplab.wire.filter.PacketFilter;
import io.arplab.wire.pcap.PcapRecord;
import io.arplab.wire.tcpdump.TcpdumpOptions;
import io.arplab.wire.tcpdump.TcpdumpPrinter;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * One frame as a capture point saw it: when (virtual time since the lab started), where (node and interface) and
 * its bytes. {@link #toString()} is the line {@code tcpdump -n -r} prints for it.
 */
public final class CapturedFrame {
    private final Duration time;
    private final long epochNanos;
    private final String node;
    private final String ifname;
    private final byte[] data;

    CapturedFrame(long virtualNanos, long epochNanos, String node, String ifname, byte[] data) {
        this.time = Duration.ofNanos(virtualNanos);
        this.epochNanos = epochNanos;
        this.node = node;
        this.ifname = ifname;
        this.data = data;
    }

    /** Virtual time since the lab started. */
    public Duration time() {
        return time;
    }

    /** The wall-clock time the capture stamped (Unix epoch, ns): the lab's epoch plus {@link #time()}. */
    public long epochNanos() {
        return epochNanos;
    }

    /** The node whose interface saw the frame. */
    public String node() {
        return node;
    }

    /** The interface that saw the frame. */
    public String ifname() {
        return ifname;
    }

    /** The frame's bytes (a copy). */
    public byte[] bytes() {
        return data.clone();
    }

    /** The frame's length in bytes. */
    public int length() {
        return data.length;
    }

    /** The Ethernet header over the frame's bytes (call {@link EthernetView#check()} before trusting it). */
    public EthernetView ethernet() {
        return new EthernetView(data.clone());
    }

    /** The ARP packet of an untagged Ethernet/IPv4 ARP frame, else empty. */
    public Optional<ArpView> arp() {
        if (data.length < 14 + ArpView.ETHERNET_IPV4_LENGTH || (data[12] & 0xff) != 0x08 || (data[13] & 0xff) != 0x06) {
            return Optional.empty();
        }
        ArpView v = new ArpView(data.clone(), 14, data.length - 14);
        return v.check() == null && v.isEthernetIpv4() ? Optional.of(v) : Optional.empty();
    }

    /** Whether a pcap-filter(7) expression ({@code "arp or icmp"}) matches the frame, as tcpdump's filter would. */
    public boolean matches(String filter) {
        return PacketFilter.compile(filter).matches(data, data.length, data.length);
    }

    /** What {@code tcpdump -n -r} prints for the frame: time of day (UTC) and the decoded line. */
    public String tcpdump() {
        StringBuilder sb = new StringBuilder();
        new TcpdumpPrinter(TcpdumpOptions.numericUtc()).print(PcapRecord.of(epochNanos, data), sb);
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == '\n') {
            end--;
        }
        return sb.substring(0, end);
    }

    byte[] data() {
        return data;
    }

    /** The frame as {@code tcpdump -n -r} prints it. */
    @Override
    public String toString() {
        return tcpdump();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CapturedFrame f && f.epochNanos == epochNanos && f.node.equals(node)
                && f.ifname.equals(ifname) && Arrays.equals(f.data, data);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(epochNanos) * 31 + Arrays.hashCode(data);
    }
}
