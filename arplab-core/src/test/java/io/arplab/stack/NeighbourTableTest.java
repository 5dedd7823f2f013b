package io.arplab.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The kernel's NUD state machine, one test per transition, with a manual clock (gVisor style). */
class NeighbourTableTest {
    static final long S = NeighParams.SECOND;
    static final long MS = NeighParams.MS;
    static final int PEER = Ipv4Address.parse("172.28.0.13").bits();
    static final long PEER_MAC = MacAddress.parse("02:42:ac:1c:00:0d").bits();
    static final long OTHER_MAC = MacAddress.parse("02:42:ac:1c:00:0e").bits();

    /** What the table asked of the protocol. */
    record Call(String what, long now, long dst, byte[] frame) {}

    /** The table hands its frames to the Ops above; nothing reaches this outbox. */
    static final HostStack.Outbox OUT = (dev, frame) -> { throw new AssertionError(); };

    final List<Call> calls = new ArrayList<>();
    NetDevice dev;
    NeighbourTable table;
    long now;

    @BeforeEach
    void setUp() {
        dev = new NetDevice(2, "eth0", MacAddress.parse("02:42:ac:1c:00:0b").bits(), 1500, false,
                NeighParams.linuxDefaults(), new DevConf());
        table = new NeighbourTable(NeighbourTable.GcConfig.linuxDefaults(), new NeighbourTable.Ops() {
            @Override
            public void solicit(long t, NeighbourEntry n, byte[] queued, HostStack.Outbox out) {
                // arp_solicit: unicast while probes < ucast_solicit, else broadcast
                boolean unicast = n.probes - n.parms.ucastProbes < 0;
                calls.add(new Call(unicast ? "unicast-probe" : "broadcast-probe", t, unicast ? n.lladdr : -1, queued));
            }

            @Override
            public void errorReport(long t, NeighbourEntry n, byte[] frame, Route via, NetDevice iif, HostStack.Outbox out) {
                calls.add(new Call("error", t, 0, frame));
            }

            @Override
            public void transmit(long t, NeighbourEntry n, byte[] frame, HostStack.Outbox out) {
                calls.add(new Call("transmit", t, n.lladdr, frame));
            }
        }, new SeededRandom(7), 0);
        table.addParms(dev.arpParms());
        dev.arpParms().reachableTime = 30 * S; // pin the randomised value
    }

    void advanceTo(long t) {
        now = t;
        table.advance(t, OUT);
    }

    NeighbourEntry entry() {
        return table.lookup(dev, PEER);
    }

    NeighbourEntry resolved() {
        NeighbourEntry n = table.lookupOrCreate(now, dev, PEER);
        table.output(now, n, new byte[98], OUT);
        table.update(now, n, PEER_MAC, NudState.REACHABLE.bits, 0, OUT);
        calls.clear();
        return n;
    }

    NeighbourEntry learnedStale() {
        NeighbourEntry n = table.eventNs(now, dev, PEER, PEER_MAC, OUT);
        calls.clear();
        return n;
    }

    @Test
    void noneToIncompleteOnFirstSendQueuesAndBroadcastsAtOnce() {
        NeighbourEntry n = table.lookupOrCreate(now, dev, PEER);
        assertThat(n.state()).isEqualTo(NudState.NONE);
        byte[] packet = new byte[98];
        table.output(now, n, packet, OUT);
        assertThat(n.state()).isEqualTo(NudState.INCOMPLETE);
        assertThat(n.queuedPackets()).isEqualTo(1);
        assertThat(calls).singleElement().satisfies(c -> {
            assertThat(c.what()).isEqualTo("broadcast-probe");
            assertThat(c.frame()).isSameAs(packet); // the solicitation names the queued packet's source
        });
        assertThat(n.probes()).isEqualTo(4); // starts at ucast_solicit, one broadcast sent
        assertThat(table.nextDeadline()).isEqualTo(S);
    }

    @Test
    void incompleteToReachableOnUnicastReplyFlushesTheQueueInOrder() {
        NeighbourEntry n = table.lookupOrCreate(now, dev, PEER);
        byte[] first = new byte[98];
        byte[] second = new byte[98];
        table.output(now, n, first, OUT);
        table.output(now, n, second, OUT);
        calls.clear();
        now = 100 * MS;
        table.update(now, n, PEER_MAC, NudState.REACHABLE.bits, 0, OUT);
        assertThat(n.state()).isEqualTo(NudState.REACHABLE);
        assertThat(n.confirmed()).isEqualTo(now);
        assertThat(calls).extracting(Call::what).containsExactly("transmit", "transmit");
        assertThat(calls.get(0).frame()).isSameAs(first);
        assertThat(calls.get(1).dst()).isEqualTo(PEER_MAC);
        assertThat(n.queuedPackets()).isZero();
    }

    @Test
    void incompleteRetransmitsEachRetransTimeThenFailsAndReportsEveryQueuedPacket() {
        NeighbourEntry n = table.lookupOrCreate(now, dev, PEER);
        table.output(now, n, new byte[98], OUT);
        advanceTo(S);
        table.output(now, n, new byte[98], OUT);
        advanceTo(2 * S);
        assertThat(calls).extracting(Call::what, Call::now).containsExactly(
                org.assertj.core.groups.Tuple.tuple("broadcast-probe", 0L),
                org.assertj.core.groups.Tuple.tuple("broadcast-probe", S),
                org.assertj.core.groups.Tuple.tuple("broadcast-probe", 2 * S));
        calls.clear();
        advanceTo(3 * S);
        assertThat(n.state()).isEqualTo(NudState.FAILED);
        assertThat(calls).extracting(Call::what).containsExactly("error", "error");
        assertThat(table.nextDeadline()).isGreaterThan(3 * S); // no timer left for a FAILED entry
    }

    @Test
    void failedRestartsResolutionImmediatelyOnTheNextPacket() {
        NeighbourEntry n = table.lookupOrCreate(now, dev, PEER);
        table.output(now, n, new byte[98], OUT);
        advanceTo(3 * S);
        calls.clear();
        now = 3 * S + 500 * MS;
        table.output(now, n, new byte[98], OUT);
        assertThat(n.state()).isEqualTo(NudState.INCOMPLETE);
        assertThat(calls).extracting(Call::what).containsExactly("broadcast-probe");
    }

    @Test
    void queueOverflowDropsTheOldestPacket() {
        dev.arpParms().queueLenBytes = 3 * SkbTruesize.of(98);
        NeighbourEntry n = table.lookupOrCreate(now, dev, PEER);
        byte[][] packets = new byte[5][];
        for (int i = 0; i < 5; i++) {
            packets[i] = new byte[98];
            table.output(now, n, packets[i], OUT);
        }
        assertThat(n.queuedPackets()).isEqualTo(3);
        calls.clear();
        table.update(now, n, PEER_MAC, NudState.REACHABLE.bits, 0, OUT);
        assertThat(calls).extracting(Call::frame).containsExactly(packets[2], packets[3], packets[4]);
    }

    @Test
    void truesizeOfAPingIs832AndUnresQlenIs101() {
        // a small head from skb_small_head_cache (576) plus the sk_buff: refdata/local/tools/host-rules-19.out's counts
        assertThat(SkbTruesize.of(98)).isEqualTo(832);
        assertThat(SkbTruesize.of(1042)).isEqualTo(2304);
        assertThat(NeighParams.linuxDefaults().unresQlen()).isEqualTo(101);
    }

    @Test
    void reachableToStaleAfterReachableTimeWhenUnused() {
        NeighbourEntry n = resolved();
        advanceTo(30 * S - MS);
        assertThat(n.state()).isEqualTo(NudState.REACHABLE);
        advanceTo(30 * S);
        assertThat(n.state()).isEqualTo(NudState.STALE);
        assertThat(calls).isEmpty();
        assertThat(n.refs()).isZero(); // no timer: `ip -s neigh` shows no "ref"
    }

    @Test
    void reachableTimerGoesToDelayWhenUsedWithinDelayFirstProbeTime() {
        NeighbourEntry n = table.lookupOrCreate(now, dev, PEER);
        table.output(now, n, new byte[98], OUT);
        table.update(now, n, PEER_MAC, NudState.REACHABLE.bits, 0, OUT);
        // a send through a connected entry does not refresh "used"; eventSend (resolve path) does
        table.eventSend(28 * S, n, null, OUT);
        advanceTo(31 * S);
        assertThat(n.state()).isEqualTo(NudState.DELAY);
    }

    @Test
    void staleToDelayOnUseSendsWithTheCachedAddressAtOnce() {
        NeighbourEntry n = learnedStale();
        assertThat(n.state()).isEqualTo(NudState.STALE);
        assertThat(n.confirmed()).isEqualTo(now - 60 * S);
        byte[] packet = new byte[98];
        table.output(now, n, packet, OUT);
        assertThat(n.state()).isEqualTo(NudState.DELAY);
        assertThat(calls).singleElement().satisfies(c -> {
            assertThat(c.what()).isEqualTo("transmit");
            assertThat(c.dst()).isEqualTo(PEER_MAC);
        });
    }

    @Test
    void delayToProbeAfterDelayFirstProbeTimeWithAUnicastProbe() {
        NeighbourEntry n = learnedStale();
        table.output(now, n, new byte[98], OUT);
        table.output(2 * S, n, new byte[98], OUT); // more traffic in DELAY does not restart the timer
        calls.clear();
        advanceTo(5 * S);
        assertThat(n.state()).isEqualTo(NudState.PROBE);
        assertThat(calls).singleElement().satisfies(c -> {
            assertThat(c.what()).isEqualTo("unicast-probe");
            assertThat(c.dst()).isEqualTo(PEER_MAC);
            assertThat(c.now()).isEqualTo(5 * S);
        });
        assertThat(n.probes()).isEqualTo(1);
    }

    @Test
    void delayToReachableWhenConfirmedMeanwhile() {
        NeighbourEntry n = learnedStale();
        table.output(now, n, new byte[98], OUT);
        table.update(2 * S, n, PEER_MAC, NudState.REACHABLE.bits, 0, OUT); // a unicast reply
        assertThat(n.state()).isEqualTo(NudState.REACHABLE);
    }

    @Test
    void probeToReachableOnReply() {
        NeighbourEntry n = learnedStale();
        table.output(now, n, new byte[98], OUT);
        advanceTo(5 * S);
        table.update(5 * S + MS, n, PEER_MAC, NudState.REACHABLE.bits, 0, OUT);
        assertThat(n.state()).isEqualTo(NudState.REACHABLE);
        assertThat(n.probes()).isEqualTo(1);
    }

    @Test
    void probeToFailedAfterUcastSolicitUnansweredProbes() {
        NeighbourEntry n = learnedStale();
        table.output(now, n, new byte[98], OUT);
        calls.clear();
        advanceTo(5 * S);
        advanceTo(6 * S);
        advanceTo(7 * S);
        assertThat(n.state()).isEqualTo(NudState.PROBE);
        advanceTo(8 * S);
        assertThat(n.state()).isEqualTo(NudState.FAILED);
        assertThat(calls).extracting(Call::what).containsExactly("unicast-probe", "unicast-probe", "unicast-probe");
    }

    @Test
    void staleHintWithTheSameAddressDoesNotDowngradeReachable() {
        NeighbourEntry n = resolved();
        long confirmed = n.confirmed();
        table.update(5 * S, n, PEER_MAC, NudState.STALE.bits, NeighbourTable.F_OVERRIDE, OUT);
        assertThat(n.state()).isEqualTo(NudState.REACHABLE);
        assertThat(n.confirmed()).isEqualTo(confirmed);
    }

    @Test
    void differentAddressWithoutOverrideIsIgnoredWhileValid() {
        NeighbourEntry n = resolved();
        table.update(100 * MS, n, OTHER_MAC, NudState.REACHABLE.bits, 0, OUT); // second reply within locktime
        assertThat(n.lladdrBits()).isEqualTo(PEER_MAC);
    }

    @Test
    void differentAddressWithOverrideReplacesAndGoesStale() {
        NeighbourEntry n = resolved();
        table.update(5 * S, n, OTHER_MAC, NudState.STALE.bits, NeighbourTable.F_OVERRIDE, OUT);
        assertThat(n.lladdrBits()).isEqualTo(OTHER_MAC);
        assertThat(n.state()).isEqualTo(NudState.STALE);
        assertThat(n.confirmed()).isEqualTo(5 * S - 60 * S);
    }

    @Test
    void permanentEntriesIgnoreProtocolUpdates() {
        NeighbourEntry n = table.create(now, dev, PEER, true);
        table.update(now, n, PEER_MAC, NudState.PERMANENT.bits, NeighbourTable.F_OVERRIDE | NeighbourTable.F_ADMIN, OUT);
        assertThat(table.update(S, n, OTHER_MAC, NudState.STALE.bits, NeighbourTable.F_OVERRIDE, OUT)).isNegative();
        assertThat(n.lladdrBits()).isEqualTo(PEER_MAC);
        assertThat(n.state()).isEqualTo(NudState.PERMANENT);
    }

    @Test
    void floodOfDistinctSendersStaysWithinGcThresh3() {
        int created = 0;
        for (int i = 0; i < 1_000_000; i++) {
            long t = i * 1_000L; // one ARP request per microsecond: 1 s of flood
            if (table.eventNs(t, dev, 0x0a00_0000 + i, 0x0200_0000_0000L + i, OUT) != null) {
                created++;
            }
            assertThat(table.size()).isLessThanOrEqualTo(1024);
        }
        assertThat(created).isEqualTo(1024);
        assertThat(table.tableFulls()).isEqualTo(1_000_000 - 1024);
        // 5 s later the forced GC may reclaim entries not updated for 5 s
        assertThat(table.eventNs(7 * S, dev, 0x0b00_0001, 0x0200_1000_0000L, OUT)).isNotNull();
        assertThat(table.size()).isLessThanOrEqualTo(1024);
    }

    @Test
    void entriesFlushedInBulkAreGoneAndTheRestStillFound() {
        table.setGcConfig(new NeighbourTable.GcConfig(4096, 8192, 16384, 30 * S));
        for (int i = 0; i < 3000; i++) {
            table.create(now, dev, 0x0a00_0000 + i, false);
        }
        for (int i = 0; i < 3000; i++) {
            if (i % 1000 != 7) {
                table.delete(now, table.lookup(dev, 0x0a00_0000 + i), OUT); // neigh_flush_dev(), one by one
            }
        }
        assertThat(table.size()).isEqualTo(3);
        for (int i = 0; i < 3000; i++) {
            assertThat(table.lookup(dev, 0x0a00_0000 + i) != null).as("10.0.%d.%d", i >> 8, i & 255).isEqualTo(i % 1000 == 7);
        }
        assertThat(table.create(now, dev, 0x0a00_0000, false)).isSameAs(table.lookup(dev, 0x0a00_0000));
    }
}
