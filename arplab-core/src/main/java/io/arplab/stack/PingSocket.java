package io.arplab.stack;

/**
 * An ICMP echo socket (what iputils ping opens): sends echo requests with its identifier and is handed the echo
 * replies and ICMP errors that belong to them.
 */
public final class PingSocket {
    /**
     * What the socket receives. Called at the virtual time of arrival, once the stack has finished the call in
     * which the packet arrived (the deliveries wait in the socket's receive queue until then).
     */
    public interface Listener {
        /** An echo reply: {@code ttl} of the reply's IP header, {@code icmpLength} its ICMP length. */
        void echoReply(long now, int from, int ttl, int sequence, int icmpLength, byte[] frame, int dataOffset, int dataLength);

        /** An ICMP error about one of our requests: {@code from} sent it; {@code sequence} is the quoted request's. */
        void error(long now, int from, int type, int code, int info, int sequence);

        /** The same error as MSG_ERRQUEUE reads it with IP_RECVTTL: {@code ttl} of the ICMP packet itself. */
        default void error(long now, int from, int ttl, int type, int code, int info, int sequence) {
            error(now, from, type, code, info, sequence);
        }

        /**
         * An ICMP error about one of our requests that only the raw socket's receive path matched (raw_v4_input()),
         * not its error queue (raw_icmp_error() matches the device the error came in on: lo, for a local one).
         */
        default void errorPacket(long now, int type, int sequence) { }
    }

    final int identifier;
    final Listener listener;
    final SocketQueue queue = new SocketQueue();
    boolean closed;
    /** SO_BINDTODEVICE: only ICMP arriving on this device is delivered (null: any). */
    NetDevice boundDevice;
    /** IP_OPTIONS: what every datagram of the socket carries (null: none). */
    IpOptions options;
    /** sk_sndbuf: net.core.wmem_default (sock_init_data()) until SO_SNDBUF sets it. */
    private int sndbuf = WMEM_DEFAULT;

    /** SOCK_MIN_SNDBUF: 2 * (2048 + sizeof(struct sk_buff), aligned). */
    private static final int SOCK_MIN_SNDBUF = 2 * (2048 + 256);
    /** net.core.wmem_default's and wmem_max's defaults (the latter caps SO_SNDBUF). */
    private static final int WMEM_DEFAULT = 212_992;
    private static final int WMEM_MAX = 212_992;

    private final Netns ns;

    PingSocket(Netns ns, int identifier, Listener listener) {
        this.ns = ns;
        this.identifier = identifier;
        this.listener = listener;
    }

    public int identifier() {
        return identifier;
    }

    /** setsockopt(SO_SNDBUF): sk_setsockopt() doubles the value, capped by wmem_max, at least SOCK_MIN_SNDBUF. */
    public void setSendBuffer(int bytes) {
        sndbuf = (int) Math.max(2L * Math.min(Integer.toUnsignedLong(bytes), WMEM_MAX), SOCK_MIN_SNDBUF);
    }

    /**
     * __ip_append_data() for a raw socket (no transport header: alloc_skb() under the socket's own limit) refuses a
     * new skb with ENOBUFS once sk_wmem_alloc (1 at creation, plus each skb not yet freed or orphaned) passes twice
     * sk_sndbuf: the requests queued on an unresolved neighbour stay charged (a veth orphans the ones it sends).
     */
    public boolean sendBufferFull() {
        return 1 + ns.neighbours().queuedTruesize(this) > 2 * sndbuf;
    }

    /**
     * setsockopt(IP_OPTIONS): the options every request carries (ip_options_get(): padded and compiled; an empty
     * array clears them). Returns 0, or -EINVAL for options the kernel refuses.
     */
    public int setIpOptions(byte[] raw) {
        if (raw.length == 0) {
            options = null;
            return 0;
        }
        IpOptions o = IpOptions.get(raw, ns);
        if (o == null) {
            return Errno.EINVAL.negative();
        }
        options = o;
        return 0;
    }

    /** The length of the options the socket's datagrams carry (struct ip_options optlen). */
    public int ipOptionsLength() {
        return options == null ? 0 : options.optlen();
    }

    /** SO_BINDTODEVICE (null unbinds): sends leave through it and only ICMP arriving on it is delivered. */
    public void bindToDevice(NetDevice dev) {
        this.boundDevice = dev;
    }
}
