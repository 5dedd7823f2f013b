package io.arplab.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConstantsTest {
    @Test
    void etherTypeKeepsUnknownValuesAndSharesKnownOnes() {
        assertThat(EtherType.of(0x0806)).isSameAs(EtherType.ARP);
        assertThat(EtherType.of(0x88a8)).isSameAs(EtherType.QINQ);
        EtherType unknown = EtherType.of(0x88b5);
        assertThat(unknown.value()).isEqualTo(0x88b5);
        assertThat(unknown.isKnown()).isFalse();
        assertThat(unknown).hasToString("Unknown (0x88b5)");
        assertThat(EtherType.IPV4).hasToString("IPv4 (0x0800)");
        assertThat(EtherType.QINQ.name()).isEqualTo("802.1Q-QinQ");
        assertThatThrownBy(() -> EtherType.of(0x10000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void etherTypeValuesUpTo1500AreLengths() {
        assertThat(EtherType.of(1500).isLength()).isTrue();
        assertThat(EtherType.of(38).isLength()).isTrue();
        assertThat(EtherType.of(1501).isLength()).isFalse();
        assertThat(EtherType.IPV4.isLength()).isFalse();
        assertThat(EtherType.isVlanTpid(0x8100)).isTrue();
        assertThat(EtherType.isVlanTpid(0x88a8)).isTrue();
        assertThat(EtherType.isVlanTpid(0x0800)).isFalse();
    }

    @Test
    void arpOpNamesTheRfcCodesAndKeepsOthers() {
        assertThat(ArpOp.of(1)).isSameAs(ArpOp.REQUEST);
        assertThat(ArpOp.of(9)).isSameAs(ArpOp.INARP_REPLY);
        assertThat(ArpOp.of(10).name()).isEqualTo("NACK Reply");
        assertThat(ArpOp.of(4)).hasToString("Reverse Reply");
        ArpOp odd = ArpOp.of(77);
        assertThat(odd.code()).isEqualTo(77);
        assertThat(odd.isKnown()).isFalse();
        assertThat(odd).hasToString("Unknown (77)").isEqualTo(new ArpOp(77));
    }

    @Test
    void ipProtocolNeverAllocatesAndKeepsUnknownNumbers() {
        assertThat(IpProtocol.of(17)).isSameAs(IpProtocol.UDP).isSameAs(IpProtocol.of(17));
        assertThat(IpProtocol.of(253)).isSameAs(IpProtocol.of(253));
        assertThat(IpProtocol.of(253).name()).isNull();
        assertThat(IpProtocol.of(253)).hasToString("unknown (253)");
        assertThat(IpProtocol.ICMP).hasToString("ICMP (1)");
        assertThatThrownBy(() -> IpProtocol.of(256)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hardwareTypes() {
        assertThat(ArpHardwareType.of(1)).isSameAs(ArpHardwareType.ETHERNET);
        assertThat(ArpHardwareType.of(6).name()).isEqualTo("IEEE 802");
        assertThat(ArpHardwareType.of(999)).hasToString("Unknown (999)");
    }

    @Test
    void icmpErrorTypes() {
        assertThat(IcmpType.isError(IcmpType.DESTINATION_UNREACHABLE)).isTrue();
        assertThat(IcmpType.isError(IcmpType.TIME_EXCEEDED)).isTrue();
        assertThat(IcmpType.isError(IcmpType.ECHO_REQUEST)).isFalse();
        assertThat(IcmpType.hasIdentifier(IcmpType.TIMESTAMP_REPLY)).isTrue();
        assertThat(IcmpType.hasIdentifier(IcmpType.REDIRECT)).isFalse();
        assertThat(IcmpCode.Unreachable.PRECEDENCE_CUTOFF).isEqualTo(15);
    }

    @Test
    void vlanTagPacksTheTci() {
        VlanTag t = new VlanTag(0x8100, 5, true, 100);
        assertThat(t.tci()).isEqualTo(0xb064);
        assertThat(VlanTag.fromTci(0x8100, 0xb064)).isEqualTo(t);
        assertThatThrownBy(() -> new VlanTag(0x0800, 0, false, 1)).hasMessageContaining("TPID 0x0800");
        assertThatThrownBy(() -> VlanTag.dot1q(4096)).hasMessageContaining("VID");
    }
}
