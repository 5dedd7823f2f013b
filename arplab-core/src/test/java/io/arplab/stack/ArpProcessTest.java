package io.arplab.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.wire.ArpFrames;
import io.arplab.wire.ArpView;
import io.arplab.wire.Bytes;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** net/ipv4/arp.c arp_process() rules, driven through the host stack with real frames. */
class ArpProcessTest {
    static final long S = NeighParams.SECOND;
    static final long MY_MAC = MacAddress.parse("02:42:ac:1c:00:0d").bits();
    static final int MY_IP = Ipv4Address.parse("172.28.0.13").bits();
    static final long PEER_MAC = MacAddress.parse("02:42:ac:1c:00:0b").bits();
    static final long NEW_MAC = MacAddress.parse("02:42:ac:1c:00:99").bits();
    static final int PEER_IP = Ipv4Address.parse("172.28.0.11").bits();
    static final int OTHER_IP = Ipv4Address.parse("172.28.0.12").bits();
    static final long BCAST = 0xffff_ffff_ffffL;

    HostStack stack;
    NetDevice eth0;
    final List<byte[]> sent = new ArrayList<>();
    final HostStack.Outbox out = (dev, frame) -> sent.add(frame);

    @BeforeEach
    void setUp() {
        stack = new HostStack("node3", new SeededRandom(1), 0, 0);
        eth0 = stack.addDevice("eth0", MacAddress.of(MY_MAC), 1500);
        stack.addAddress(eth0, Ipv4Address.of(MY_IP), 16);
    }

    static byte[] arp(long ethDst, long ethSrc, int op, long sha, int spa, long tha, int tpa) {
        byte[] f = new byte[42];
        ArpFrames.write(f, 0, ethDst, ethSrc, op, sha, spa, tha, tpa);
        return f;
    }

    NeighbourEntry entry(int ip) {
        return stack.neighbours().lookup(eth0, ip);
    }

    @Test
    void requestForUsCreatesStaleEntryAndRepliesUnicast() {
        stack.receive(S, eth0, arp(BCAST, PEER_MAC, 1, PEER_MAC, PEER_IP, 0, MY_IP), out);
        NeighbourEntry n = entry(PEER_IP);
        assertThat(n.state()).isEqualTo(NudState.STALE);
        assertThat(n.lladdrBits()).isEqualTo(PEER_MAC);
        assertThat(n.confirmed()).isEqualTo(S - 60 * S);
        assertThat(sent).singleElement().satisfies(f -> {
            ArpView v = new ArpView(f, 14, 28);
            assertThat(Bytes.u48(f, 0)).isEqualTo(PEER_MAC);
            assertThat(v.operationCode()).isEqualTo(2);
            assertThat(v.senderHardwareAddressBits()).isEqualTo(MY_MAC);
            assertThat(v.senderProtocolAddressBits()).isEqualTo(MY_IP);
            assertThat(v.targetHardwareAddressBits()).isEqualTo(PEER_MAC);
            assertThat(v.targetProtocolAddressBits()).isEqualTo(PEER_IP);
        });
    }

    @Test
    void requestForSomeoneElseCreatesNothingAndIsNotAnswered() {
        stack.receive(S, eth0, arp(BCAST, PEER_MAC, 1, PEER_MAC, PEER_IP, 0, OTHER_IP), out);
        assertThat(entry(PEER_IP)).isNull();
        assertThat(sent).isEmpty();
    }

    @Test
    void unicastReplyConfirmsReachable() {
        resolveStart();
        stack.receive(S, eth0, arp(MY_MAC, PEER_MAC, 2, PEER_MAC, PEER_IP, MY_MAC, MY_IP), out);
        assertThat(entry(PEER_IP).state()).isEqualTo(NudState.REACHABLE);
    }

    @Test
    void broadcastReplyDoesNotConfirmReachability() {
        resolveStart();
        stack.receive(S, eth0, arp(BCAST, PEER_MAC, 2, PEER_MAC, PEER_IP, MY_MAC, MY_IP), out);
        // STALE, not REACHABLE; the queued datagram then leaves through the STALE entry, which moves it to DELAY
        assertThat(entry(PEER_IP).state()).isEqualTo(NudState.DELAY);
        assertThat(entry(PEER_IP).confirmed()).isEqualTo(S - 60 * S);
        assertThat(sent).hasSize(1);
    }

    @Test
    void firstReplyWinsWithinLocktime() {
        resolveStart();
        stack.receive(S, eth0, arp(MY_MAC, PEER_MAC, 2, PEER_MAC, PEER_IP, MY_MAC, MY_IP), out);
        stack.receive(S + 500_000_000L, eth0, arp(MY_MAC, NEW_MAC, 2, NEW_MAC, PEER_IP, MY_MAC, MY_IP), out);
        assertThat(entry(PEER_IP).lladdrBits()).isEqualTo(PEER_MAC);
        // after locktime a different reply overrides
        stack.receive(S + 1_500_000_000L, eth0, arp(MY_MAC, NEW_MAC, 2, NEW_MAC, PEER_IP, MY_MAC, MY_IP), out);
        assertThat(entry(PEER_IP).lladdrBits()).isEqualTo(NEW_MAC);
        assertThat(entry(PEER_IP).state()).isEqualTo(NudState.REACHABLE);
    }

    @Test
    void gratuitousRequestMovesAnExistingEntryToTheNewMacAsStaleEvenFromReachable() {
        resolveStart();
        stack.receive(S, eth0, arp(MY_MAC, PEER_MAC, 2, PEER_MAC, PEER_IP, MY_MAC, MY_IP), out);
        stack.receive(S + 100_000_000L, eth0, arp(BCAST, NEW_MAC, 1, NEW_MAC, PEER_IP, 0, PEER_IP), out);
        NeighbourEntry n = entry(PEER_IP);
        assertThat(n.lladdrBits()).isEqualTo(NEW_MAC);
        assertThat(n.state()).isEqualTo(NudState.STALE);
    }

    @Test
    void gratuitousArpCreatesNothingWithArpAcceptZeroButStaleWithArpAcceptOne() {
        stack.receive(S, eth0, arp(BCAST, PEER_MAC, 1, PEER_MAC, PEER_IP, 0, PEER_IP), out);
        assertThat(entry(PEER_IP)).isNull();
        eth0.conf().set(DevConf.ARP_ACCEPT, 1);
        stack.receive(2 * S, eth0, arp(BCAST, PEER_MAC, 1, PEER_MAC, PEER_IP, 0, PEER_IP), out);
        assertThat(entry(PEER_IP).state()).isEqualTo(NudState.STALE);
    }

    @Test
    void unsolicitedReplyIsIgnoredWithoutAnEntry() {
        stack.receive(S, eth0, arp(MY_MAC, PEER_MAC, 2, PEER_MAC, PEER_IP, MY_MAC, MY_IP), out);
        assertThat(entry(PEER_IP)).isNull();
    }

    @Test
    void duplicateAddressProbeForUsIsAnsweredWithoutLearning() {
        stack.receive(S, eth0, arp(BCAST, PEER_MAC, 1, PEER_MAC, 0, 0, MY_IP), out);
        assertThat(entry(0)).isNull();
        assertThat(sent).singleElement().satisfies(f -> assertThat(new ArpView(f, 14, 28).targetProtocolAddressBits()).isZero());
    }

    @Test
    void framesForAnotherMacAreIgnored() {
        stack.receive(S, eth0, arp(NEW_MAC, PEER_MAC, 1, PEER_MAC, PEER_IP, 0, MY_IP), out);
        assertThat(entry(PEER_IP)).isNull();
        assertThat(sent).isEmpty();
    }

    @Test
    void arpIgnoreOneAnswersOnlyForAddressesOfTheIncomingDevice() {
        NetDevice eth1 = stack.addDevice("eth1", MacAddress.parse("02:42:ac:1c:01:0d"), 1500);
        stack.addAddress(eth1, Ipv4Address.parse("10.0.0.13"), 24);
        stack.receive(S, eth0, arp(BCAST, PEER_MAC, 1, PEER_MAC, PEER_IP, 0, Ipv4Address.parse("10.0.0.13").bits()), out);
        assertThat(sent).hasSize(1); // arp_ignore=0: any local address
        eth0.conf().set(DevConf.ARP_IGNORE, 1);
        stack.receive(2 * S, eth0, arp(BCAST, PEER_MAC, 1, PEER_MAC, PEER_IP, 0, Ipv4Address.parse("10.0.0.13").bits()), out);
        assertThat(sent).hasSize(1);
    }

    @Test
    void floodOfRequestsFromAMillionSendersStaysBoundedAndStopsAnsweringWhenFull() {
        byte[] f = arp(BCAST, PEER_MAC, 1, PEER_MAC, PEER_IP, 0, MY_IP);
        int replies = 0;
        for (int i = 0; i < 1_000_000; i++) {
            Bytes.put48(f, 6, 0x0200_0000_0000L + i);
            Bytes.put48(f, 22, 0x0200_0000_0000L + i);
            Bytes.put32(f, 28, 0x0a00_0000 + i);
            sent.clear();
            stack.receive(i * 1000L, eth0, f.clone(), out);
            replies += sent.size();
        }
        assertThat(stack.neighbours().size()).isLessThanOrEqualTo(1024);
        assertThat(replies).isEqualTo(1024); // no entry, no reply (arp_process: neigh_event_ns returned NULL)
    }

    private void resolveStart() {
        UdpSocket s = stack.openUdp(0, (now, from, port, ttl, frame, off, len) -> { });
        assertThat(stack.sendUdp(0, s, Ipv4Address.of(PEER_IP), 9, new byte[4], 64, null, out)).isZero();
        assertThat(entry(PEER_IP).state()).isEqualTo(NudState.INCOMPLETE);
        sent.clear();
    }
}
