package io.arplab.stack.nft;

/**
 * What a hook hands the rules (struct nft_pktinfo): the frame with its link header, where the network header starts,
 * the input and output interfaces' names, skb->pkt_type and skb->protocol. One instance is reused per hook caller.
 */
public final class Packet {
    public static final int PACKET_HOST = 0;
    public static final int PACKET_BROADCAST = 1;
    public static final int PACKET_MULTICAST = 2;
    public static final int PACKET_OTHERHOST = 3;

    byte[] frame;
    int network;
    String iif;
    String oif;
    int pktType;
    int protocol;

    /** Fills the packet in place; {@code iif}/{@code oif} are null where the hook has none. */
    public Packet set(byte[] frame, int network, String iif, String oif, int pktType, int protocol) {
        this.frame = frame;
        this.network = network;
        this.iif = iif;
        this.oif = oif;
        this.pktType = pktType;
        this.protocol = protocol;
        return this;
    }

    /** skb->len at the hook: from the network header on (what counters add). */
    int length() {
        return frame.length - network;
    }
}
