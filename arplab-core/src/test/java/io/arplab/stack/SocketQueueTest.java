package io.arplab.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A socket's queues: drained in order (the error queue first), bounded by sk_rcvbuf, emptied by close. */
class SocketQueueTest {
    final List<SocketQueue> ready = new ArrayList<>();
    final List<Integer> delivered = new ArrayList<>();

    @Test
    void deliversInArrivalOrderOnlyWhenDrained() {
        SocketQueue q = new SocketQueue();
        q.add(98, () -> delivered.add(1), ready);
        q.add(98, () -> delivered.add(2), ready);
        assertThat(delivered).isEmpty();
        assertThat(ready).containsExactly(q); // joins the ready list once
        q.drain();
        assertThat(delivered).containsExactly(1, 2);
    }

    /** sock_error() fails a recvmsg() before the receive queue is read: refdata/local/random seed-1774's ping. */
    @Test
    void readsTheErrorQueueFirst() {
        SocketQueue q = new SocketQueue();
        q.add(126, () -> delivered.add(1), ready); // a redirect: a packet only
        q.addError(() -> delivered.add(2), ready); // a Time Exceeded
        q.add(98, () -> delivered.add(3), ready);
        q.addError(() -> delivered.add(4), ready);
        assertThat(ready).containsExactly(q);
        q.drain();
        assertThat(delivered).containsExactly(2, 4, 1, 3);
    }

    @Test
    void dropsOnceRmemAllocReachesRcvbuf() {
        SocketQueue q = new SocketQueue();
        int fits = 0;
        while (q.drops() == 0) {
            q.add(1514, () -> delivered.add(0), ready);
            fits++;
        }
        // __sock_queue_rcv_skb(): refused when sk_rmem_alloc >= sk_rcvbuf before charging the new skb
        assertThat((long) (fits - 1) * SkbTruesize.of(1514)).isGreaterThanOrEqualTo(SocketQueue.RCVBUF);
        assertThat((long) (fits - 2) * SkbTruesize.of(1514)).isLessThan(SocketQueue.RCVBUF);
        q.drain();
        assertThat(delivered).hasSize(fits - 1);
    }

    @Test
    void closingFreesWhatIsQueued() {
        SocketQueue q = new SocketQueue();
        q.add(98, () -> delivered.add(1), ready);
        q.close();
        q.add(98, () -> delivered.add(2), ready);
        q.drain();
        assertThat(delivered).isEmpty();
    }

    @Test
    void errnoKeepsGlibcTexts() {
        assertThat(Errno.strerror(-101)).isEqualTo("Network is unreachable");
        assertThat(Errno.of(90)).isEqualTo(Errno.EMSGSIZE);
        assertThat(Errno.strerror(200)).isEqualTo("Unknown error 200");
    }
}
