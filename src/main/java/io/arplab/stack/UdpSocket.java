package io.arplab.stack;

/** A bound UDP socket: datagrams to its port are handed to the listener, ICMP errors about its sends too. */
public final class UdpSocket {
    /** What the socket receives, once the stack call in which it arrived has finished (see {@link PingSocket}). */
    public interface Listener {
        void datagram(long now, int from, int fromPort, int ttl, byte[] frame, int dataOffset, int dataLength);

        /** An ICMP error about a datagram sent from this socket to {@code dstPort} (IP_RECVERR). */
        default void error(long now, int from, int type, int code, int info, int dst, int dstPort, int quotedTtl) {}
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
