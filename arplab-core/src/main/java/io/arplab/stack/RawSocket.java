package io.arplab.stack;

/**
 * A raw IPv4 socket of one protocol other than ICMP (socket(AF_INET, SOCK_RAW, proto)), connected to a remote
 * address, with IP_RECVERR: a copy of each packet of its protocol from that address, and the ICMP errors quoting
 * what it sent there (net/ipv4/raw.c). traceroute's tcp module sends its SYN probes through one.
 */
public final class RawSocket {
    /** What the socket receives, once the stack call in which it arrived has finished (see {@link PingSocket}). */
    public interface Listener {
        /** raw_rcv(): the packet from {@code from}; {@code l4} is its payload past the IPv4 header, a copy. */
        void packet(long now, int from, int ttl, byte[] l4);

        /**
         * raw_err() → ip_icmp_error(): MSG_ERRQUEUE's error from {@code from}, with the quoted datagram's payload
         * past its IPv4 header ({@code quoted}, as much as the ICMP message carried).
         */
        void error(long now, int from, int type, int code, int info, byte[] quoted);
    }

    final int protocol;
    final int raddr;
    /** bind(): the source address (0: the route's, chosen at each send). */
    final int laddr;
    final Listener listener;
    final SocketQueue queue = new SocketQueue();
    /** IP_TTL (0: net.ipv4.ip_default_ttl). */
    int ttl;

    RawSocket(int protocol, int laddr, int raddr, Listener listener) {
        this.protocol = protocol;
        this.laddr = laddr;
        this.raddr = raddr;
        this.listener = listener;
    }

    /** setsockopt(IP_TTL). */
    public void setTtl(int ttl) {
        this.ttl = ttl;
    }
}
