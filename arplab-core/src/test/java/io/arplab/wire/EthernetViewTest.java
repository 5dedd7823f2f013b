package io.arplab.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class EthernetViewTest {
    @Test
    void untaggedKernelArpRequest() {
        byte[] f = Fixtures.linuxPingNode1().get(0);
        EthernetView v = new EthernetView(f);
        assertThat(v.check()).isNull();
        assertThat(v.destination()).isEqualTo(MacAddress.BROADCAST);
        assertThat(v.sourceBits()).isEqualTo(0x0242ac1c000bL);
        assertThat(v.tagCount()).isZero();
        assertThat(v.etherType()).isSameAs(EtherType.ARP);
        assertThat(v.isLength()).isFalse();
        assertThat(v.headerLength()).isEqualTo(14);
        assertThat(v.payloadOffset()).isEqualTo(14);
        assertThat(v.payloadLength()).isEqualTo(28);
    }

    @Test
    void dot1qTagVlan10() {
        EthernetView v = new EthernetView(Fixtures.pcapFrame("arp_vlan10"));
        assertThat(v.check()).isNull();
        assertThat(v.outerTypeField()).isEqualTo(0x8100);
        assertThat(v.tagCount()).isEqualTo(1);
        assertThat(v.tagTpid(0)).isEqualTo(0x8100);
        assertThat(v.tagVid(0)).isEqualTo(10);
        assertThat(v.tagPcp(0)).isZero();
        assertThat(v.tagDei(0)).isFalse();
        assertThat(v.etherTypeValue()).isEqualTo(0x0806);
        assertThat(v.payloadOffset()).isEqualTo(18);
        assertThat(new ArpView(v.buffer(), v.payloadOffset(), v.payloadLength()).check()).isNull();
    }

    @Test
    void qinqOuterServiceTagThenCustomerTag() {
        byte[] f = Fixtures.pcapFrame("arp_qinq_88a8");
        EthernetView v = new EthernetView(f);
        assertThat(v.check()).isNull();
        assertThat(v.tagCount()).isEqualTo(2);
        assertThat(v.tagTpid(0)).isEqualTo(0x88a8);
        assertThat(v.tagVid(0)).isEqualTo(100);
        assertThat(v.tagTpid(1)).isEqualTo(0x8100);
        assertThat(v.tagVid(1)).isEqualTo(10);
        assertThat(v.etherType()).isEqualTo(EtherType.ARP);
        assertThat(v.payloadOffset()).isEqualTo(22);

        EthernetHeader h = EthernetHeader.parse(v);
        assertThat(h.tags()).containsExactly(VlanTag.dot1ad(100), VlanTag.dot1q(10));
        byte[] out = new byte[22];
        assertThat(h.emit(out, 0)).isEqualTo(22);
        assertThat(out).isEqualTo(Arrays.copyOf(f, 22));
    }

    @Test
    void tagPriorityAndDropEligibleBits() {
        EthernetHeader h = new EthernetHeader(MacAddress.BROADCAST, MacAddress.parse("02:00:00:00:00:01"),
                List.of(new VlanTag(0x8100, 6, true, 4095)), EtherType.IPV4);
        byte[] out = new byte[18];
        h.emit(out, 0);
        assertThat(Bytes.hex(out, 12, 6)).isEqualTo("8100dfff0800");
        EthernetView v = new EthernetView(out);
        assertThat(v.check()).isNull();
        assertThat(v.tagPcp(0)).isEqualTo(6);
        assertThat(v.tagDei(0)).isTrue();
        assertThat(v.tagVid(0)).isEqualTo(4095);
    }

    @Test
    void ieee8023LengthFrame() {
        EthernetView v = new EthernetView(Fixtures.pcapFrame("llc_8023_stp"));
        assertThat(v.check()).isNull();
        assertThat(v.isLength()).isTrue();
        assertThat(v.etherTypeValue()).isEqualTo(0x26);
        assertThat(v.etherType().name()).isEqualTo("Length");
    }

    @Test
    void unknownEtherTypeSurvives() {
        byte[] f = Fixtures.pcapFrame("ethertype_unknown_88b5");
        EthernetView v = new EthernetView(f);
        assertThat(v.check()).isNull();
        EthernetHeader h = EthernetHeader.parse(v);
        assertThat(h.etherType().value()).isEqualTo(0x88b5);
        byte[] out = new byte[14];
        h.emit(out, 0);
        assertThat(out).isEqualTo(Arrays.copyOf(f, 14));
    }

    @Test
    void truncation() {
        byte[] f = Fixtures.pcapFrame("arp_qinq_88a8");
        assertThat(new EthernetView(f, 0, 13).check()).isEqualTo("truncated: 13 of 14 bytes");
        assertThat(new EthernetView(f, 0, 17).check()).isEqualTo("truncated: 17 of 18 bytes");
        assertThat(new EthernetView(f, 0, 21).check()).isEqualTo("truncated: 21 of 22 bytes");
        EthernetView exact = new EthernetView(f, 0, 22);
        assertThat(exact.check()).isNull();
        assertThat(exact.payloadLength()).isZero();
        assertThat(new EthernetView(f, 40, 20).check()).contains("outside a buffer of 50 bytes");
    }

    @Test
    void wrapRepointsWithoutStaleTags() {
        EthernetView v = new EthernetView(Fixtures.pcapFrame("arp_qinq_88a8"));
        assertThat(v.check()).isNull();
        byte[] plain = Fixtures.linuxPingNode1().get(0);
        v.wrap(plain, 0, plain.length);
        assertThat(v.check()).isNull();
        assertThat(v.tagCount()).isZero();
        assertThat(v.etherType()).isEqualTo(EtherType.ARP);
    }
}
