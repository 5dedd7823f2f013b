package io.arplab.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** should_deliver() and br_flood()'s per-port flags (net/bridge/br_forward.c): disabled ports, flood, hairpin. */
class LinuxBridgePortsTest {
    private static final long BROADCAST = 0xffff_ffff_ffffL;
    private final ThreePortBridge fixture = new ThreePortBridge();
    private final LinuxBridge br = fixture.br;
    private final List<Integer> sent = fixture.sent;
    private final Device.Output out = fixture.out;

    /** A frame from {@code src} to {@code dst} arriving on {@code port}; the ports it went out of. */
    private List<Integer> send(int port, long src, long dst) {
        byte[] f = new byte[60];
        for (int b = 0; b < 6; b++) {
            f[b] = (byte) (dst >>> (40 - 8 * b));
            f[6 + b] = (byte) (src >>> (40 - 8 * b));
        }
        sent.clear();
        br.receive(0, port, f, out);
        return List.copyOf(sent);
    }

    @Test
    void aDisabledPortGetsNoFloodNoForwardAndTakesNothingIn() {
        send(2, 0x0200_0000_0002L, BROADCAST); // learned on veth2
        br.portDisabled("veth2", 0);
        assertThat(send(1, 0x0200_0000_0001L, BROADCAST)).containsExactly(3, 0);
        assertThat(send(1, 0x0200_0000_0001L, 0x0200_0000_0002L))
                .as("its entries went with it: flooded to the ports, not up to the bridge (no local_rcv)")
                .containsExactly(3);
        assertThat(send(2, 0x0200_0000_0002L, BROADCAST)).isEmpty();
        br.portEnabled("veth2", 0);
        assertThat(send(1, 0x0200_0000_0001L, BROADCAST)).containsExactly(3, 2, 0);
    }

    @Test
    void floodOffKeepsUnknownUnicastButNotBroadcastFromThePort() {
        br.setPortFlag(3, Switch.BR_FLOOD, false);
        assertThat(send(1, 0x0200_0000_0001L, 0x0200_0000_0099L)).containsExactly(2); // not up to the bridge
        assertThat(send(1, 0x0200_0000_0001L, BROADCAST)).containsExactly(3, 2, 0);
    }

    @Test
    void bcastFloodOffSkipsThePortButNotForTheBridgesOwnFrames() {
        br.setPortFlag(3, Switch.BR_BCAST_FLOOD, false);
        assertThat(send(1, 0x0200_0000_0001L, BROADCAST)).containsExactly(2, 0);
        assertThat(send(0, 0x0242_8eff_44b3L, BROADCAST)).containsExactly(3, 2, 1);
    }

    @Test
    void hairpinSendsAFrameBackOutOfThePortItCameIn() {
        send(1, 0x0200_0000_0001L, BROADCAST);
        send(1, 0x0200_0000_0011L, BROADCAST); // both behind veth1
        assertThat(send(1, 0x0200_0000_0011L, 0x0200_0000_0001L)).isEmpty();
        br.setPortFlag(1, Switch.BR_HAIRPIN_MODE, true);
        assertThat(send(1, 0x0200_0000_0011L, 0x0200_0000_0001L)).containsExactly(1);
        assertThat(send(1, 0x0200_0000_0011L, BROADCAST)).containsExactly(3, 2, 1, 0);
    }
}
