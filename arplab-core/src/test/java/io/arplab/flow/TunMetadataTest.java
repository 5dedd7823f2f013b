package io.arplab.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Geneve options through a TLV map (lib/tun-metadata.c) and as odp-util.c prints them, in the forms the tunnelling
 * campaigns recorded with OVS 3.1 (refdata/ovs/tnl-random-*) show.
 */
class TunMetadataTest {
    private static final byte[] OPT = {(byte) 0xff, (byte) 0xff, (byte) 0x80, 1, 0, 0, 0x12, 0x34};
    private static final byte[] UNKNOWN_CRIT = {1, 4, (byte) 0x92, 1, 0, 0, 0, 1};

    private static TunMetadata.Table table() {
        TunMetadata.Table t = new TunMetadata.Table();
        assertThat(t.mod("ADD", TunMetadata.parse("{class=0xffff,type=0x80,len=4}->tun_metadata0"), i -> false))
                .isNull();
        return t;
    }

    @Test
    void optionsAreFormattedUnderTheirMask() {
        byte[] none = new byte[8];
        byte[] exact = {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x1f, (byte) 0xff, (byte) 0xff, (byte) 0xff,
            (byte) 0xff};
        assertThat(TunMetadata.format(OPT, null, false)).isEqualTo("{class=0xffff,type=0x80,len=4,0x1234}");
        assertThat(TunMetadata.format(OPT, none, true)).isEqualTo("{class=0xffff/0,type=0x80/0,len=4/0,0x1234/0}");
        assertThat(TunMetadata.format(OPT, none, false)).isEqualTo("{}");
        assertThat(TunMetadata.format(OPT, exact, false)).isEqualTo("{class=0xffff,type=0x80,len=4,0x1234}");
    }

    @Test
    void receivedOptionsAreReadThroughTheMap() {
        long[] flow = new long[Slot.ALL.length];
        flow[Slot.TUN_FLAGS.ordinal()] = Tunnel.UDPIF;
        TunMetadata.received(flow, OPT, 0, OPT.length);
        assertThat(TunMetadata.fromUdpif(table(), flow)).isTrue();
        assertThat(flow[Slot.TUN_METADATA_PRESENT.ordinal()]).isEqualTo(1);
        assertThat(flow[Slot.TUN_METADATA0.ordinal()]).isEqualTo(0x1234);
        assertThat(TunMetadata.toGeneve(table(), flow)).isEqualTo(OPT);
    }

    @Test
    void anUnknownCriticalOptionFailsTheTranslation() {
        long[] flow = new long[Slot.ALL.length];
        flow[Slot.TUN_FLAGS.ordinal()] = Tunnel.UDPIF;
        TunMetadata.received(flow, UNKNOWN_CRIT, 0, UNKNOWN_CRIT.length);
        assertThat(TunMetadata.fromUdpif(table(), flow)).isFalse();
        assertThat(TunMetadata.critical(UNKNOWN_CRIT)).isTrue();
    }

    @Test
    void theMapRefusesWhatOvsRefuses() {
        TunMetadata.Table t = table();
        assertThat(t.mod("ADD", TunMetadata.parse("{class=0x105,type=0x1,len=4}->tun_metadata0"), i -> false))
                .isEqualTo("NXTTMFC_ALREADY_MAPPED");
        assertThat(t.mod("ADD", TunMetadata.parse("{class=0xffff,type=0x80,len=4}->tun_metadata5"), i -> false))
                .isEqualTo("NXTTMFC_DUP_ENTRY");
        assertThat(t.mod("DELETE", TunMetadata.parse("{class=0xffff,type=0x80,len=4}->tun_metadata0"), i -> true))
                .isEqualTo("NXTTMFC_INVALID_TLV_DEL");
        assertThatThrownBy(() -> TunMetadata.parse("x")).hasMessage("invalid tlv mapping");
        assertThat(t.formatReply()).endsWith(" 0xffff  0x80       4  tun_metadata0");
        assertThat(TunMetadata.parse("")).isEqualTo(List.of());
    }
}
