package io.arplab.stack.nft;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The conntrack table's bounds (nf_conntrack_max, gc_worker()) and its tuples: a flood of new connections fills it
 * to {@link Conntrack#MAX} and no further, later ones stay untracked, expired ones make room; a reply is
 * established, a short datagram invalid.
 */
class ConntrackTest {
    private static final long S = 1_000_000_000L;

    // an Ethernet frame with an IPv4/UDP datagram (no payload), cut to {@code length} bytes
    private static byte[] udp(int src, int dst, int sport, int dport, int length) {
        byte[] f = new byte[42];
        f[12] = 0x08;
        f[14] = 0x45;
        f[16 + 1] = 28;
        f[14 + 8] = 64;
        f[14 + 9] = 17;
        io.arplab.wire.Bytes.put32(f, 26, src);
        io.arplab.wire.Bytes.put32(f, 30, dst);
        io.arplab.wire.Bytes.put16(f, 34, sport);
        io.arplab.wire.Bytes.put16(f, 36, dport);
        return java.util.Arrays.copyOf(f, length);
    }

    private static long state(Conntrack ct, byte[] frame, long now) {
        Packet p = new Packet().set(frame, 14, "eth0", null, 0, 0x0800).at(now);
        ct.in(p);
        ct.confirm(p); // the packet leaves (ipv4_confirm())
        return p.ctState;
    }

    @Test
    void anEntryIsTheFirstPacketsAloneUntilItLeaves() {
        Conntrack ct = new Conntrack();
        byte[] first = udp(0x0a000001, 0x0a000002, 5, 6, 42);
        Packet p = new Packet().set(first, 14, "eth0", null, 0, 0x0800).at(0);
        ct.in(p);
        ct.in(p); // the same skb again at the same hook: the same entry
        assertThat(p.ctState).isEqualTo(Conntrack.NEW);
        assertThat(p.ct.status & Conntrack.CONFIRMED).isZero();
        // dropped before it left: another packet finds no entry (the reply is not established), nor does a repeat
        assertThat(state(ct, udp(0x0a000002, 0x0a000001, 6, 5, 42), 0)).isEqualTo(Conntrack.NEW);
        assertThat(ct.size()).isEqualTo(1);
        assertThat(state(ct, udp(0x0a000001, 0x0a000002, 5, 6, 42), 0)).isEqualTo(Conntrack.ESTABLISHED);
    }

    @Test
    void aFloodOfConnectionsFillsTheTableToItsMaximumOnly() {
        Conntrack ct = new Conntrack();
        int tracked = 0;
        int untracked = 0;
        for (int i = 0; i < Conntrack.MAX + 1000; i++) {
            long s = state(ct, udp(0x0a000001, 0x0a000002, 1024 + (i >>> 16), i & 0xffff, 42), 0);
            if (s == Conntrack.NEW && untracked == 0) {
                tracked++;
            } else if (s == Conntrack.INVALID) {
                untracked++;
            }
        }
        assertThat(tracked).isEqualTo(Conntrack.MAX);
        assertThat(untracked).isEqualTo(1000);
        assertThat(ct.size()).isEqualTo(Conntrack.MAX);
        // a tracked one goes on; once udp's 30 s are past, the expired entries make room again
        assertThat(state(ct, udp(0x0a000002, 0x0a000001, 7, 1024, 42), S)).isEqualTo(Conntrack.ESTABLISHED);
        assertThat(state(ct, udp(0x0a000001, 0x0a000003, 9, 9, 42), 31 * S)).isEqualTo(Conntrack.NEW);
        assertThat(ct.size()).isEqualTo(1);
    }

    @Test
    void aDatagramCutInItsTransportHeaderIsInvalid() {
        Conntrack ct = new Conntrack();
        assertThat(state(ct, udp(0x0a000001, 0x0a000002, 5, 6, 36), 0)).isEqualTo(Conntrack.INVALID);
        assertThat(ct.size()).isZero();
        assertThat(state(ct, udp(0x0a000001, 0x0a000002, 5, 6, 42), 0)).isEqualTo(Conntrack.NEW);
        assertThat(state(ct, udp(0x0a000002, 0x0a000001, 6, 5, 42), 0)).isEqualTo(Conntrack.ESTABLISHED);
        assertThat(state(ct, udp(0x0a000001, 0x0a000002, 5, 6, 42), 0)).isEqualTo(Conntrack.ESTABLISHED);
    }
}
