package io.arplab.device;

/**
 * A node of the network with numbered ports: a host, a bridge, a switch. Sans-I/O like the stack below it: frames
 * and the current time come in, frames go out through {@link Output}, and {@link #nextDeadline()} says when it
 * next needs {@link #advance}.
 */
public interface Device {
    String name();

    /** Number of ports; ports are 0..portCount()-1. */
    int portCount();

    /** The name of a port's interface as captures and tools show it (eth0, veth-node1 ...). */
    String portName(int port);

    /** A frame arrived on {@code port}; the array is shared and must not be modified. */
    void receive(long now, int port, byte[] frame, Output out);

    /**
     * Whether a frame arriving on {@code port} gets into the device at all, so that a capture there sees it: a veth
     * passes nothing to a peer without carrier, nor a frame longer than the peer's MTU allows (veth_xmit() →
     * __dev_forward_skb() → is_skb_forwardable() drops it before netif_rx(), where packet sockets would see it).
     */
    default boolean admits(int port, byte[] frame) {
        return true;
    }

    /** Runs timers due by {@code now}. */
    void advance(long now, Output out);

    /** The earliest time {@link #advance} has work, or Long.MAX_VALUE. */
    long nextDeadline();

    /** Where a device's frames go. */
    interface Output {
        /** Sends {@code frame} out of {@code port}; ownership passes on (the frame must not be modified later). */
        void transmit(int port, byte[] frame);

        /**
         * Sends {@code frame} out of every port but {@code exceptPort}, newest port first (a bridge's flood: br_flood
         * walks br->port_list, to whose head br_add_if adds a port).
         */
        default void flood(int exceptPort, byte[] frame) {
            for (int p = portCount() - 1; p >= 0; p--) {
                if (p != exceptPort) {
                    transmit(p, frame);
                }
            }
        }

        /** The number of ports of the device this output belongs to. */
        int portCount();

        /** A frame seen by a capture point inside the device (a bridge's own interface in promiscuous mode). */
        default void tap(byte[] frame) {}

        /**
         * local_bh_enable() inside a system call: do_softirq() carries what the call has sent so far before the call
         * goes on (nothing in softirq context, where bottom halves are off already).
         */
        default void doSoftirq() {}
    }
}
