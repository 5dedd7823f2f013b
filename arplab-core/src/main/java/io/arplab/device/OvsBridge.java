package io.arplab.device;

import io.arplab.flow.Ofproto;
import io.arplab.wire.Bytes;
import io.arplab.wire.InternetChecksum;
import io.arplab.wire.MacAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An Open vSwitch bridge as a device of the network: its ports are the bridge's local port (device port 0, the
 * owner's br-int interface) and the ports added to it (internal, veth ends, dummy, tunnels), each with its OpenFlow
 * number; every frame goes through the OpenFlow pipeline of {@link Ofproto}.
 */
public final class OvsBridge implements Switch {
    private final Ofproto ofproto;
    /** The bridge as a node of the lab: its own name, or "NODE.br-int" when several machines have a br-int. */
    private final String nodeName;
    /** The OpenFlow port behind each device port; a deleted port's slot keeps its last one, dead. */
    private final List<Ofproto.Port> ports = new ArrayList<>();
    private final Map<Long, Pcap> rxqPcaps = new java.util.HashMap<>();
    private final Map<Long, Pcap> txPcaps = new java.util.HashMap<>();
    /** The tx pcaps of deleted ports, by port name. */
    private final Map<String, Pcap> closedTxPcaps = new java.util.HashMap<>();
    private long epochNanos;

    /** Where a port's pcap frames go, with their wall-clock time (Unix epoch, ns). */
    public interface Pcap {
        void record(long epochNanos, byte[] frame);
    }

    /**
     * The pcap files a dummy port's options name, opened as ovs_pcap_open(NAME, "ab") opens them relative to
     * ovs-vswitchd's directory (the lab's --pcap-dir): one file named twice is appended to by both.
     */
    public interface PcapFiles {
        Pcap open(String name);
    }

    private PcapFiles pcapFiles;

    public OvsBridge(Ofproto ofproto) {
        this(ofproto, ofproto.name);
    }

    public OvsBridge(Ofproto ofproto, String nodeName) {
        this.ofproto = ofproto;
        this.nodeName = nodeName;
        ports.add(ofproto.port(io.arplab.flow.Ports.LOCAL));
    }

    public Ofproto ofproto() {
        return ofproto;
    }

    /** ovs-vsctl add-port ({@code ofport} -1: the next free number); returns the device port. */
    public int addPort(String portName, String type, long ofport, MacAddress mac, Map<String, String> options) {
        Ofproto.Port p = ofproto.addPort(portName, type, ofport, mac.bits(), options);
        ports.add(p);
        reopenTxPcap(p, options);
        setConfig(p);
        return ports.size() - 1;
    }

    /** Writes the dummy ports' pcaps into {@code files} from now on, as their options name them. */
    public void pcapFiles(PcapFiles files, long epochNanos) {
        this.pcapFiles = files;
        this.epochNanos = epochNanos;
        for (Ofproto.Port p : ofproto.ports()) {
            setConfig(p);
        }
    }

    /**
     * netdev_dummy_set_config() at each reconfiguration (and a port's creation): a dummy or internal port's pcaps
     * closed and opened again as its options now say, {@code pcap} for both directions, else {@code rxq_pcap} and
     * {@code tx_pcap} (files already written are appended to).
     */
    public void setConfig(Ofproto.Port p) {
        if (pcapFiles == null || !(p.type.equals("dummy") || p.type.equals("internal"))) {
            return;
        }
        String both = p.options.get("pcap");
        String rxq = both != null ? both : p.options.get("rxq_pcap");
        String tx = both != null ? both : p.options.get("tx_pcap");
        rxqPcaps.remove(p.ofport);
        txPcaps.remove(p.ofport);
        if (rxq != null) {
            rxqPcaps.put(p.ofport, pcapFiles.open(rxq));
        }
        if (tx != null) {
            txPcaps.put(p.ofport, pcapFiles.open(tx));
        }
    }

    // netdev_dummy_set_config(): a port added again with options:tx_pcap writes its file again
    private void reopenTxPcap(Ofproto.Port p, Map<String, String> options) {
        Pcap tx = closedTxPcaps.remove(p.name);
        if (tx != null && options.containsKey("tx_pcap")) {
            txPcaps.put(p.ofport, tx);
        }
    }

    /** ovs-vsctl del-port: the OpenFlow port goes; its device port stays wired, dead, until a port revives it. */
    public void removePort(String portName, long now) {
        Ofproto.Port p = ofproto.port(portName);
        if (p != null && p.ofport != io.arplab.flow.Ports.LOCAL) {
            ofproto.removePort(p, now);
            rxqPcaps.remove(p.ofport);
            Pcap tx = txPcaps.remove(p.ofport);
            if (tx != null) {
                closedTxPcaps.put(p.name, tx);
            }
        }
    }

    /**
     * The dead device port named {@code portName} (a deleted port wired to a device of the owner, such as an
     * internal port's), or -1.
     */
    public int deadPort(String portName) {
        for (int i = 0; i < ports.size(); i++) {
            Ofproto.Port p = ports.get(i);
            if (p.name.equals(portName) && ofproto.port(p.ofport) != p) {
                return i;
            }
        }
        return -1;
    }

    /** A port added again on a dead device port (an internal port re-added keeps its device and wire). */
    public void revive(int devicePort, String type, long ofport, MacAddress mac, Map<String, String> options) {
        ports.set(devicePort, ofproto.addPort(ports.get(devicePort).name, type, ofport, mac.bits(), options));
        reopenTxPcap(ports.get(devicePort), options);
        setConfig(ports.get(devicePort));
    }

    /**
     * Where a dummy port's frames go as its rxq_pcap (what netdev-dummy/receive queues on it) and tx_pcap (what the
     * datapath sends out of it), as netdev_dummy_queue_packet() and netdev_dummy_send() write them; either may be
     * null. {@code epochNanos}: the wall clock at virtual time 0.
     */
    public void pcaps(long ofport, Pcap rxq, Pcap tx, long epochNanos) {
        this.epochNanos = epochNanos;
        if (rxq != null) {
            rxqPcaps.put(ofport, rxq);
        }
        if (tx != null) {
            txPcaps.put(ofport, tx);
        }
    }

    /** netdev-dummy/receive: the frame is queued on dummy port {@code ofport} (its rxq_pcap sees it first). */
    public void queued(long now, long ofport, byte[] frame) {
        Pcap s = rxqPcaps.get(ofport);
        if (s != null) {
            s.record(epochNanos + now, frame);
        }
    }

    /** The device port of OpenFlow port {@code ofport}, or -1. */
    public int devicePort(long ofport) {
        Ofproto.Port p = ofproto.port(ofport);
        return p == null ? -1 : ports.indexOf(p);
    }

    public long ofport(int devicePort) {
        return ports.get(devicePort).ofport;
    }

    @Override
    public String name() {
        return nodeName;
    }

    /** The bridge's name as ovs-vsctl knows it (br-int). */
    public String bridgeName() {
        return ofproto.name;
    }

    @Override
    public String kind() {
        return "openvswitch";
    }

    @Override
    public MacAddress mac() {
        return MacAddress.of(ofproto.hwaddr);
    }

    @Override
    public MacAddress portMac(int port) {
        return MacAddress.of(ports.get(port).mac);
    }

    @Override
    public Fdb fdb() {
        return null;
    }

    @Override
    public int portCount() {
        return ports.size();
    }

    @Override
    public String portName(int port) {
        return ports.get(port).name;
    }

    @Override
    public void receive(long now, int port, byte[] frame, Output out) {
        Ofproto.Port in = ports.get(port);
        if (in.isLinux() && ofproto.datapath.userspace) { // the kernel's datapath keeps the skb's ip_summed
            frame = offloadedChecksum(frame);
        }
        out.tap(frame);
        if (ofproto.port(in.ofport) != in) {
            return; // a deleted port: the datapath no longer polls it
        }
        transmit(now, ofproto.receive(now, in.ofport, frame), out);
        ofproto.datapath.udpif.revalidate(now); // the revalidators' round after the packet (udpif_revalidator())
        transmit(now, ofproto.takeSent(), out);
    }

    /**
     * A UDP datagram a host's socket sent out of its veth is CHECKSUM_PARTIAL (the veth offers NETIF_F_HW_CSUM):
     * udp4_hwcsum() leaves in the field only the pseudo-header's sum, ~csum_tcpudp_magic(), for the hardware to
     * complete; a Linux bridge or the peer veth keeps ip_summed and trusts it, but netdev-linux reads the frame's bytes
     * from an AF_PACKET socket and sends them out as they are, so the host at the other end, whose skb is
     * CHECKSUM_NONE, finds the checksum wrong (__udp4_lib_rcv(): dropped, InCsumErrors). Only an unfragmented
     * datagram with a checksum is so (__ip_append_data() sums a fragmented one in software); the rewrite gives the
     * same bytes again for a datagram already rewritten. The kernel's datapath (datapath_type system) takes the skb
     * itself, ip_summed kept. TCP's segments (__tcp_v4_send_check()) are not emulated.
     */
    static byte[] offloadedChecksum(byte[] frame) {
        int eth = 14;
        if (frame.length < eth + 20 + 8 || Bytes.u16(frame, 12) != 0x0800 || (frame[eth] & 0xf0) != 0x40
                || Bytes.u8(frame, eth + 9) != 17 || (Bytes.u16(frame, eth + 6) & 0x3fff) != 0) { // MF, offset
            return frame;
        }
        int udp = eth + (frame[eth] & 0x0f) * 4;
        if (udp + 8 > frame.length || Bytes.u16(frame, udp + 6) == 0) {
            return frame; // 0: no checksum (sk_no_check_tx)
        }
        long sum = InternetChecksum.pseudoHeader(Bytes.i32(frame, eth + 12), Bytes.i32(frame, eth + 16), 17,
                Bytes.u16(frame, udp + 4));
        byte[] f = frame.clone();
        Bytes.put16(f, udp + 6, InternetChecksum.fold(sum));
        return f;
    }

    // netdev_dummy_send(): the tx_pcap sees each frame, the wire takes it
    private void transmit(long now, List<Ofproto.Output> outputs, Output out) {
        List<Ofproto.Output> replies = null;
        for (Ofproto.Output o : outputs) {
            byte[] reply = io.arplab.flow.NativeTunnel.dummyArpReply(ofproto, o.ofport(), o.frame());
            if (reply != null) {
                if (replies == null) {
                    replies = new java.util.ArrayList<>(1);
                }
                replies.add(new Ofproto.Output(o.ofport(), reply));
            }
            int dp = devicePort(o.ofport());
            Pcap tx = txPcaps.get(o.ofport());
            if (tx != null) {
                tx.record(epochNanos + now, o.frame());
            }
            if (dp >= 0) {
                out.transmit(dp, o.frame());
            }
        }
        for (int i = 0; replies != null && i < replies.size(); i++) { // netdev_dummy_queue_packet(): received next
            transmit(now, ofproto.receiveQueued(now, replies.get(i).ofport(), replies.get(i).frame()), out);
            ofproto.datapath.udpif.revalidate(now);
            transmit(now, ofproto.takeSent(), out);
        }
    }

    /** The frames the bridge sent outside a frame it received (another bridge's translation gave them). */
    public void transmitSent(long now, Output out) {
        transmit(now, ofproto.takeSent(), out);
    }

    /** A frame injected on OpenFlow port {@code ofport} (netdev-dummy/receive). */
    public void inject(long now, long ofport, byte[] frame, Output out) {
        int dp = devicePort(ofport);
        if (dp >= 0) {
            receive(now, dp, frame, out);
        }
    }

    @Override
    public void advance(long now, Output out) {
        transmit(now, ofproto.takeSent(), out);
        ofproto.advance(now);
    }

    @Override
    public long nextDeadline() {
        if (ofproto.hasSent()) {
            return 0; // frames the bridge sent on its own (a native tunnel's) leave at once
        }
        return ofproto.nextDeadline();
    }
}
