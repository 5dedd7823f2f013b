package io.arplab.device;

import io.arplab.flow.Ofproto;
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
        return ports.size() - 1;
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
        out.tap(frame);
        Ofproto.Port in = ports.get(port);
        if (ofproto.port(in.ofport) != in) {
            return; // a deleted port: the datapath no longer polls it
        }
        transmit(now, ofproto.receive(now, in.ofport, frame), out);
        ofproto.datapath.udpif.revalidate(now); // the revalidators' round after the packet (udpif_revalidator())
        transmit(now, ofproto.takeSent(), out);
    }

    // netdev_dummy_send(): the tx_pcap sees each frame, the wire takes it
    private void transmit(long now, List<Ofproto.Output> outputs, Output out) {
        List<Ofproto.Output> replies = null;
        for (Ofproto.Output o : outputs) {
            byte[] reply = ofproto.dummyArpReply(o.ofport(), o.frame());
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
            transmit(now, ofproto.receive(now, replies.get(i).ofport(), replies.get(i).frame()), out);
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
