package io.arplab.stack;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;

/**
 * Coverage-guided fuzzing of HostStack.receive: a configured router (two interfaces, forwarding, sockets, the
 * defences' sysctls chosen by the input) receives the frame on either interface, twice, and runs its timers for a
 * minute; nothing may throw. The settings come from the input's last bytes, the frame is the rest.
 */
class HostStackFuzzTest {
    static final long S = NeighParams.SECOND;

    @FuzzTest
    void receivesAnyFrames(FuzzedDataProvider data) {
        int o = data.consumeInt();
        byte[] frame = data.consumeRemainingAsBytes();
        HostStack stack = new HostStack("node3", new SeededRandom(1), 0, 0);
        NetDevice eth0 = stack.addDevice("eth0", MacAddress.parse("02:42:ac:1c:00:0d"), 1500);
        NetDevice eth1 = stack.addDevice("eth1", MacAddress.parse("02:42:0a:00:00:01"), (o & 0x100) != 0 ? 576 : 1500);
        stack.addAddress(eth0, Ipv4Address.parse("172.28.0.13"), 16);
        stack.addAddress(eth1, Ipv4Address.parse("10.0.0.1"), 24);
        stack.setIpForward((o & 1) != 0);
        stack.setSysctl("conf.eth1.proxy_arp", (o >>> 1) & 1);
        stack.setSysctl("conf.all.arp_accept", (o >>> 2) & 1);
        stack.setSysctl("conf.all.arp_ignore", (o >>> 3) & 3);
        stack.setSysctl("conf.all.drop_gratuitous_arp", (o >>> 5) & 1);
        stack.setSysctl("conf.all.arp_announce", (o >>> 6) & 3);
        stack.openUdp(53, (now, from, fromPort, ttl, f, off, len) -> { });
        stack.openPing(1, new PingSocket.Listener() {
            @Override
            public void echoReply(long now, int from, int ttl, int seq, int icmpLength, byte[] f, int off, int len) {}

            @Override
            public void error(long now, int from, int type, int code, int info, int sequence) {}
        });
        long now = S;
        HostStack.Outbox out = (dev, f) -> { };
        stack.receive(now, (o & 0x200) != 0 ? eth1 : eth0, frame, out);
        now += (o >>> 10 & 0xf) * S / 4;
        stack.advance(now, out);
        stack.receive(now, (o & 0x4000) != 0 ? eth1 : eth0, frame, out);
        for (int i = 0; i < 60 && stack.nextDeadline() != Long.MAX_VALUE; i++) {
            now = Math.max(now + 1, Math.min(stack.nextDeadline(), now + 60 * S));
            stack.advance(now, out);
        }
    }
}
