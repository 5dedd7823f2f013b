package io.arplab.stack;

/** A bound UDP socket: datagrams to its port are handed to the listener, ICMP errors about its sends too. */
public final class UdpSocket {
    /** What the socket receives, once the stack call in which it arrived has finished (see {@link PingSocket}). */
    public interface Listener {
        void datagram(long now, int from, int fromPort, int ttl, byte[] frame, int dataOffset, int dataLength);

        /** An ICMP error about a datagram sent from this socket to {@code dstPort} (IP_RECVERR). */
        default void error(long now, int from, int type, int code, int info, int dst, int dstPort, int quotedTtl) {}

        /**
         * The same error as MSG_ERRQUEUE reads it with IP_RECVTTL: {@code ttl} of the ICMP packet itself and the quoted
         * UDP payload ({@code payload}, as much as the ICMP message carried).
         */
        default void error(long now, int from, int ttl, int type, int code, int info, int dst, int dstPort,
                           int quotedTtl, byte[] payload) {
            error(now, from, type, code, info, dst, dstPort, quotedTtl);
        }

        /** A local error (SO_EE_ORIGIN_LOCAL) about a send to {@code dst}: EMSGSIZE with the route's MTU as info. */
        default void localError(long now, Errno errno, int info, int dst, int dstPort) {}
    }

    final int port;
    final Listener listener;
    final SocketQueue queue = new SocketQueue();

    UdpSocket(int port, Listener listener) {
        this.port = port;
        this.listener = listener;
    }

    public int port() {
        return port;
    }
}
