package io.arplab.stack;

import java.util.ArrayDeque;
import java.util.List;

/**
 * A socket's receive queue (include/net/sock.h sk_receive_queue, charged to sk_rmem_alloc and bounded by sk_rcvbuf
 * as __sock_queue_rcv_skb() does in net/core/sock.c). The stack queues deliveries while it processes a frame; the
 * socket's listener (the tool that reads it) runs when the stack call ends, see {@link HostStack#receive}.
 */
final class SocketQueue {
    /** net.core.rmem_default: every socket's sk_rcvbuf. */
    static final int RCVBUF = 212_992;

    /** One queued delivery: what it costs against sk_rcvbuf, and the listener call it becomes. */
    private record Skb(int truesize, Runnable deliver, boolean errorQueue) {}

    private ArrayDeque<Skb> queue;
    private int rmemAlloc;
    private long drops;
    private boolean closed;

    /**
     * __sock_queue_rcv_skb(): queues a delivery of a {@code frameLength}-byte packet unless sk_rmem_alloc has reached
     * sk_rcvbuf (then it counts in sk_drops). A queue that was empty joins {@code ready}, in arrival order.
     */
    void add(int frameLength, Runnable deliver, List<SocketQueue> ready) {
        add(frameLength, deliver, ready, false);
    }

    /**
     * sock_queue_err_skb(): an ICMP error (ip_icmp_error()) or a local one (ip_local_error()) goes to
     * sk_error_queue and sets sk_err, so the reader takes it before what the receive queue holds (drain()).
     */
    void addError(Runnable deliver, List<SocketQueue> ready) {
        add(0, deliver, ready, true);
    }

    private void add(int frameLength, Runnable deliver, List<SocketQueue> ready, boolean errorQueue) {
        if (closed) {
            return;
        }
        if (rmemAlloc >= RCVBUF) {
            drops++;
            return;
        }
        if (queue == null) {
            queue = new ArrayDeque<>(2);
        }
        if (queue.isEmpty()) {
            ready.add(this);
        }
        int truesize = SkbTruesize.of(frameLength);
        rmemAlloc += truesize;
        queue.addLast(new Skb(truesize, deliver, errorQueue));
    }

    /**
     * The reader's recvmsg() loop: every queued delivery, until the queue is empty or the socket closed; the error
     * queue's first while it holds one (__skb_try_recv_datagram()'s sock_error() fails a recvmsg() before the receive
     * queue is looked at, and ip_recv_error() sets sk_err again for the next queued error; poll()'s POLLERR).
     */
    void drain() {
        while (!closed && queue != null && !queue.isEmpty()) {
            Skb skb = next();
            rmemAlloc -= skb.truesize();
            skb.deliver().run();
        }
    }

    private Skb next() {
        for (java.util.Iterator<Skb> it = queue.iterator(); it.hasNext(); ) {
            Skb skb = it.next();
            if (skb.errorQueue()) {
                it.remove();
                return skb;
            }
        }
        return queue.pollFirst();
    }

    /** sk_drops: deliveries refused because the queue was full. */
    long drops() {
        return drops;
    }

    /** The socket is closed: what is queued is freed, nothing more is delivered. */
    void close() {
        closed = true;
        queue = null;
        rmemAlloc = 0;
    }
}
