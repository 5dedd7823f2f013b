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
    /** skb->mark: what meta mark set wrote (a hook's walk starts at 0: arplab keeps no mark on its frames). */
    public long mark;
    /** The virtual time of the hook (limit's clock). */
    long now;
    /** The conntrack entry (skb->_nfct), null when untracked, and the ct state bit nft_ct sees. */
    Conntrack.Entry ct;
    long ctState;
    /** Whether the packet is of the entry's reply direction (CTINFO2DIR()). */
    boolean ctReply;
    /** A reject statement's verdict for the hook's caller to act on: null, "icmp" (code) or "tcp reset". */
    public String reject;
    public int rejectCode;

    /** Where skb->data is: the network header, or the link header where the hook sees it pushed (arp_xmit()). */
    int data;

    /** Fills the packet in place; {@code iif}/{@code oif} are null where the hook has none. */
    public Packet set(byte[] frame, int network, String iif, String oif, int pktType, int protocol) {
        this.frame = frame;
        this.network = network;
        this.iif = iif;
        this.oif = oif;
        this.pktType = pktType;
        this.protocol = protocol;
        this.data = network;
        this.mark = 0;
        this.reject = null;
        this.ct = null;
        this.ctState = Conntrack.INVALID;
        return this;
    }

    /** The hook's time, for the statements that keep time (limit). */
    /** The time the packet is seen (a limit's clock). */
    public long now() {
        return now;
    }

    public Packet at(long now) {
        this.now = now;
        return this;
    }

    /** skb->data at {@code at} instead of the network header. */
    public Packet dataAt(int at) {
        this.data = at;
        return this;
    }

    public byte[] frame() {
        return frame;
    }

    public int network() {
        return network;
    }

    public String iif() {
        return iif;
    }

    public String oif() {
        return oif;
    }

    /** skb->len at the hook: from skb->data on (what counters and meta length see). */
    int length() {
        return frame.length - data;
    }
}
