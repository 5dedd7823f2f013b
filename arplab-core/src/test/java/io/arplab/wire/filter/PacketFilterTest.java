package io.arplab.wire.filter;

import static io.arplab.testing.Frames.BCAST;
import static io.arplab.testing.Frames.arp;
import static io.arplab.testing.Frames.eth;
import static io.arplab.testing.Frames.pad;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules worth naming on their own (the differential test covers the breadth). */
class PacketFilterTest {
    private static final byte[] ARP = pad(eth(BCAST, "02:42:ac:1c:00:0b", 0x0806,
            arp(1, "02:42:ac:1c:00:0b", "172.28.0.11", "00:00:00:00:00:00", "172.28.0.13")));
    private static final byte[] TAGGED_ARP = eth(BCAST, "02:42:ac:1c:00:0b", 0x0806,
            arp(1, "02:42:ac:1c:00:0b", "172.28.0.11", "00:00:00:00:00:00", "172.28.0.13"), 0x8100, 7);

    private static boolean matches(String expr, byte[] frame) {
        return PacketFilter.compile(expr).matches(frame, frame.length, frame.length);
    }

    @Test
    void hostMatchesArpSenderAndTargetAddresses() {
        assertThat(matches("host 172.28.0.13", ARP)).isTrue();
        assertThat(matches("src host 172.28.0.13", ARP)).isFalse();
        assertThat(matches("dst host 172.28.0.13", ARP)).isTrue();
        assertThat(matches("ip host 172.28.0.13", ARP)).isFalse();
    }

    @Test
    void untaggedPrimitivesMissTaggedFramesUntilVlanShiftsThem() {
        assertThat(matches("arp", TAGGED_ARP)).isFalse();
        assertThat(matches("vlan and arp", TAGGED_ARP)).isTrue();
        assertThat(matches("vlan 7 and host 172.28.0.11", TAGGED_ARP)).isTrue();
        assertThat(matches("vlan 8 and arp", TAGGED_ARP)).isFalse();
        // libpcap's rule: the shift applies to everything after 'vlan', even across 'or'
        assertThat(matches("vlan 99 or arp", ARP)).isFalse();
        assertThat(matches("arp or vlan 99", ARP)).isTrue();
    }

    @Test
    void bareIdsInheritTheQualifiersOnTheirLeft() {
        assertThat(matches("host 10.9.9.9 or 172.28.0.13", ARP)).isTrue();
        assertThat(matches("src host 10.9.9.9 or 172.28.0.13", ARP)).isFalse();
        assertThat(matches("host 172.28.0.11 and not 172.28.0.13", ARP)).isFalse();
    }

    @Test
    void andAndOrHaveEqualPrecedenceFromTheLeft() {
        assertThat(matches("arp or icmp and host 10.9.9.9", ARP)).isFalse(); // (arp or icmp) and host
        assertThat(matches("host 10.9.9.9 and icmp or arp", ARP)).isTrue(); // (host and icmp) or arp
    }

    @Test
    void aLoadPastTheCapturedBytesRejectsTheFrame() {
        PacketFilter f = PacketFilter.compile("not ether[100] = 1");
        assertThat(f.matches(ARP, ARP.length, ARP.length)).isFalse();
        assertThat(PacketFilter.compile("arp").matches(ARP, 13, 60)).isFalse();
        assertThat(PacketFilter.compile("less 60").matches(ARP, 0, 60)).isTrue();
    }

    @Test
    void emptyExpressionAcceptsEverything() {
        assertThat(PacketFilter.compile("  ").acceptsAll()).isTrue();
        assertThat(PacketFilter.compile(List.of()).matches(new byte[0], 0, 0)).isTrue();
    }

    @Test
    void errorsNameTheTokenAndColumn() {
        assertThatThrownBy(() -> PacketFilter.compile("arp or or ip"))
                .hasMessage("syntax error in filter expression: unexpected 'or' at column 8");
        assertThatThrownBy(() -> PacketFilter.compile("host 10.0.0.1 and"))
                .hasMessage("syntax error in filter expression: unexpected end of expression");
        assertThatThrownBy(() -> PacketFilter.compile("arp or 10.0.0.1")).hasMessageStartingWith(
                "syntax error in filter expression: '10.0.0.1' at column 8 has no qualifier");
        assertThatThrownBy(() -> PacketFilter.compile("ip # 1"))
                .hasMessage("syntax error in filter expression: illegal character '#' at column 4");
        assertThatThrownBy(() -> PacketFilter.compile("mpls 3"))
                .hasMessage("filter primitive 'mpls' is not supported by arplab");
        assertThatThrownBy(() -> PacketFilter.compile("host localhost")).hasMessage("unknown host 'localhost'");
        assertThatThrownBy(() -> PacketFilter.compile("arp", 101)).isInstanceOf(FilterSyntaxException.class);
    }

    @Test
    void hugeOrDeepExpressionsAreRefusedWithoutExhaustingTheStack() throws Exception {
        String[] refused = {"(".repeat(3000) + "arp" + ")".repeat(3000), "not ".repeat(5000) + "arp",
                            "arp or ".repeat(3000) + "arp", "1" + " + 1".repeat(3000) + " = 5"};
        String[] accepted = {"(".repeat(90) + "arp" + ")".repeat(90), "arp or ".repeat(490) + "arp",
                             "1" + " + 1".repeat(250) + " = 5 or arp"};
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                for (String e : refused) {
                    assertThatThrownBy(() -> PacketFilter.compile(e)).isInstanceOf(FilterSyntaxException.class);
                }
                for (String e : accepted) {
                    assertThat(PacketFilter.compile(e).matches(ARP, ARP.length, ARP.length)).isTrue();
                }
            } catch (Throwable x) {
                failure[0] = x;
            }
        }, "small-stack", 256 * 1024);
        t.start();
        t.join();
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
    }
}
