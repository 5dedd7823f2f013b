package io.arplab.tools;

import io.arplab.stack.HostStack;
import io.arplab.stack.NetDevice;
import io.arplab.wire.pcap.LinkType;

/**
 * The Linux cooked header libpcap puts before a frame captured on the "any" device (pcap-linux.c
 * pcap_handle_packet_mmap(): sll_header / sll2_header from the sockaddr_ll the kernel's packet_rcv() fills in).
 */
final class CookedHeader {
    private static final int ARPHRD_ETHER = 1;
    private static final int ETH_P_802_2 = 0x0004;
    static final int PACKET_OUTGOING = 4;

    private CookedHeader() {}

    /** sll_pkttype: PACKET_OUTGOING for what the device sent, else by the destination (eth_type_trans()). */
    static int packetType(NetDevice dev, byte[] frame) {
        long src = mac(frame, 6);
        long dst = mac(frame, 0);
        if (src == dev.macBits()) {
            return PACKET_OUTGOING;
        }
        return HostStack.pktType(dst, dev.macBits());
    }

    /** The frame without its Ethernet header, behind a LINUX_SLL (16-byte) or LINUX_SLL2 (20-byte) header. */
    static byte[] of(int linkType, NetDevice dev, byte[] frame) {
        int type = ((frame[12] & 0xff) << 8) | (frame[13] & 0xff);
        int protocol = type <= 1500 ? ETH_P_802_2 : type; // an 802.3 length field: skb->protocol is ETH_P_802_2
        int pktType = packetType(dev, frame);
        boolean v2 = linkType == LinkType.LINUX_SLL2;
        int head = v2 ? 20 : 16;
        byte[] out = new byte[head + frame.length - 14];
        if (v2) {
            put16(out, 0, protocol);
            put16(out, 4, dev.ifindex >>> 16);
            put16(out, 6, dev.ifindex);
            put16(out, 8, ARPHRD_ETHER);
            out[10] = (byte) pktType;
            out[11] = 6;
            System.arraycopy(frame, 6, out, 12, 6);
        } else {
            put16(out, 0, pktType);
            put16(out, 2, ARPHRD_ETHER);
            put16(out, 4, 6);
            System.arraycopy(frame, 6, out, 6, 6);
            put16(out, 14, protocol);
        }
        System.arraycopy(frame, 14, out, head, frame.length - 14);
        return out;
    }

    private static long mac(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = v << 8 | (b[off + i] & 0xff);
        }
        return v;
    }

    private static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }
}
