package io.arplab.stack;

import io.arplab.stack.HostStack.Outbox;
import java.util.ArrayList;
import java.util.List;

/**
 * net/packet/af_packet.c: packet sockets bound to ETH_P_ARP on one device (what arping opens). packet_rcv() runs
 * from the protocol taps in __netif_receive_skb() before arp_rcv(): each socket queues its own copy of the frame
 * and the stack still processes it. packet_sendmsg() puts a tool's frame on the wire as it is.
 */
final class PacketSockets {
    private final Netns ns;
    /** Open sockets; created with the first one. */
    private List<Sock> sockets;

    private record Sock(NetDevice dev, HostStack.PacketListener listener, SocketQueue queue) {}

    PacketSockets(Netns ns) {
        this.ns = ns;
    }

    Object open(NetDevice dev, HostStack.PacketListener listener) {
        Sock s = new Sock(dev, listener, new SocketQueue());
        if (sockets == null) {
            sockets = new ArrayList<>(1);
        }
        sockets.add(s);
        ns.configChanged();
        return s;
    }

    void close(Object handle) {
        if (sockets != null && sockets.remove(handle)) {
            ((Sock) handle).queue().close();
            ns.configChanged();
        }
    }

    /** packet_rcv(): a copy of the frame (skb_clone) for every socket bound to the device it arrived on. */
    void rcv(long now, NetDevice dev, byte[] frame, int pktType) {
        for (int i = 0; sockets != null && i < sockets.size(); i++) {
            Sock s = sockets.get(i);
            if (s.dev() == dev) {
                byte[] copy = frame.clone();
                s.queue().add(frame.length, () -> s.listener().frame(now, copy, pktType), ns.readySockets());
            }
        }
    }

    /** Whether a socket is bound to {@code dev}. */
    boolean bound(NetDevice dev) {
        for (int i = 0; sockets != null && i < sockets.size(); i++) {
            if (sockets.get(i).dev() == dev) {
                return true;
            }
        }
        return false;
    }

    /** packet_sendmsg() on a SOCK_RAW packet socket: the frame leaves the device unchanged. */
    void send(NetDevice dev, byte[] frame, Outbox out) {
        out.transmit(dev, frame);
    }
}
