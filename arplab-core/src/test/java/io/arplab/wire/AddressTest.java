package io.arplab.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class AddressTest {
    @Test
    void macParsesAndPrintsLikeIproute2() {
        MacAddress m = MacAddress.parse("02:42:AC:1c:0:b");
        assertThat(m.toString()).isEqualTo("02:42:ac:1c:00:0b");
        assertThat(m.toHexString()).isEqualTo("0242ac1c000b");
        assertThat(m.isUnicast()).isTrue();
        assertThat(m.isLocallyAdministered()).isTrue();
        assertThat(MacAddress.BROADCAST.isBroadcast()).isTrue();
        assertThat(MacAddress.parse("01:00:5e:00:00:01").isMulticast()).isTrue();
        assertThat(MacAddress.parse("33:33:00:00:00:01").isMulticast()).isTrue();
    }

    @Test
    void badMacNamesTheText() {
        assertThatThrownBy(() -> MacAddress.parse("02:42:ac:1c:00")).hasMessageContaining("'02:42:ac:1c:00'");
        assertThatThrownBy(() -> MacAddress.parse("02:42:ac:1c:00:zz")).hasMessageContaining("bad octet 'zz'");
    }

    @Test
    void sharedIpv4AddressIsTheValueAskedForEvenWhenItsSlotHeldAnother() {
        // 10.255.255.255 and 10.0.0.0 repeat in every host of a /8 lab; addresses whose slots collide alternate
        int[] values = {0x0aff_ffff, 0x0a00_0000, 0x0aff_ffff ^ 0x4000_0000, 0x0a00_0000 ^ 0x0100_0000, 0x0aff_ffff};
        for (int v : values) {
            assertThat(Ipv4Address.shared(v)).isEqualTo(Ipv4Address.of(v));
        }
        assertThat(Ipv4Address.shared(0x0aff_ffff)).isSameAs(Ipv4Address.shared(0x0aff_ffff));
    }

    @Test
    void ipv4ParsesStrictly() {
        assertThat(Ipv4Address.parse("172.28.0.13").bits()).isEqualTo(0xac1c000d);
        assertThat(Ipv4Address.tryParse("172.28.0")).isNull();
        assertThat(Ipv4Address.tryParse("172.28.0.256")).isNull();
        assertThat(Ipv4Address.tryParse("172.28..1")).isNull();
        assertThat(Ipv4Address.tryParse("1.2.3.4.5")).isNull();
        assertThat(Ipv4Address.parse("172.28.0.13").inSubnet(Ipv4Address.parse("172.28.0.0"), 16)).isTrue();
        assertThat(Ipv4Address.parse("172.18.0.2").inSubnet(Ipv4Address.parse("172.28.0.0"), 16)).isFalse();
        assertThat(Ipv4Address.parse("255.255.255.255").compareTo(Ipv4Address.parse("1.0.0.0"))).isPositive();
    }

    @Property
    void macTextRoundTrips(@ForAll @LongRange(min = 0, max = 0xffff_ffff_ffffL) long bits) {
        MacAddress m = MacAddress.of(bits);
        assertThat(MacAddress.parse(m.toString())).isEqualTo(m);
        byte[] b = new byte[8];
        m.write(b, 1);
        assertThat(MacAddress.read(b, 1)).isEqualTo(m);
    }

    @Property
    void ipv4TextRoundTrips(@ForAll int bits) {
        Ipv4Address a = Ipv4Address.of(bits);
        assertThat(Ipv4Address.parse(a.toString())).isEqualTo(a);
    }
}
