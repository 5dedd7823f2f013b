package io.arplab.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arplab.wire.ArpFrames;
import io.arplab.wire.ArpOp;
import io.arplab.wire.ArpPacket;
import io.arplab.wire.ArpView;
import io.arplab.wire.EtherType;
import io.arplab.wire.EthernetHeader;
import io.arplab.wire.EthernetView;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A TAP against the real kernel, inside a namespace of its own; skipped without root and /dev/net/tun. */
class TapDeviceTest {
    static final MacAddress OURS = MacAddress.parse("02:00:00:00:00:02");
    static final Ipv4Address KERNEL_IP = Ipv4Address.parse("10.0.0.1");
    static final Ipv4Address OUR_IP = Ipv4Address.parse("10.0.0.2");

    @RegisterExtension
    final NetnsFixture netns = new NetnsFixture();

    /** Opens a TAP and moves it into the test's namespace at once: nothing of it stays in this one. */
    TapDevice tapInNamespace() {
        TapDevice tap = netns.closeAfter(TapDevice.open(NetnsFixture.uniqueTapName()));
        tap.moveToNetns(netns.name());
        return tap;
    }

    /** A TAP in the namespace, its kernel side up as 10.0.0.1/24. */
    TapDevice kernelAt10001() {
        TapDevice tap = tapInNamespace();
        IpCommand.addAddress(netns.name(), tap.name(), "10.0.0.1/24");
        IpCommand.setUp(netns.name(), tap.name());
        return tap;
    }

    static void writeWhoHasKernelTellUs(TapDevice tap) {
        byte[] request = new byte[ArpFrames.FRAME_LENGTH];
        int n = EthernetHeader.of(MacAddress.BROADCAST, OURS, EtherType.ARP).emit(request, 0);
        ArpPacket.request(OURS, OUR_IP, KERNEL_IP).emit(request, n);
        tap.write(request, 0, request.length);
    }

    /**
     * Reads until an ARP frame arrives (at most 5 s) and returns its length in {@code buf}: on link up the kernel
     * also sends IPv6 router solicitations and MLD reports.
     */
    static int readArp(TapDevice tap, byte[] buf) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            long left = deadline - System.nanoTime();
            assertThat(left).as("no ARP frame within 5 s").isPositive();
            int len = tap.read(buf, left);
            if (len >= EthernetView.HEADER_LENGTH && (buf[12] & 0xff) == 0x08 && (buf[13] & 0xff) == 0x06) {
                return len;
            }
        }
    }

    @Test
    void theKernelAnswersAnArpRequestWrittenToTheTap() {
        TapDevice tap = kernelAt10001();
        IpCommand.Result sys = netns.exec("cat", "/sys/class/net/" + tap.name() + "/address");
        assertThat(sys.ok()).as(sys.stderr()).isTrue();
        MacAddress kernelMac = MacAddress.parse(sys.stdout().strip());

        writeWhoHasKernelTellUs(tap);
        byte[] buf = new byte[TapDevice.MAX_FRAME];
        int len = readArp(tap, buf);
        EthernetView eth = new EthernetView(buf, 0, len);
        assertThat(eth.check()).isNull();
        assertThat(eth.destination()).isEqualTo(OURS);
        assertThat(eth.source()).isEqualTo(kernelMac);
        ArpView arp = new ArpView(buf, eth.payloadOffset(), eth.payloadLength());
        assertThat(arp.check()).isNull();
        ArpPacket reply = ArpPacket.parse(arp);
        assertThat(reply.operation()).isEqualTo(ArpOp.REPLY);
        assertThat(reply.senderProtocolAddress()).isEqualTo(KERNEL_IP);
        assertThat(reply.senderHardwareAddress()).isEqualTo(kernelMac);
        assertThat(reply.targetProtocolAddress()).isEqualTo(OUR_IP);
        assertThat(reply.targetHardwareAddress()).isEqualTo(OURS);
    }

    @Test
    void aFrameLongerThanTheBufferIsTruncated() {
        TapDevice tap = kernelAt10001();
        writeWhoHasKernelTellUs(tap);
        byte[] buf = new byte[20];
        assertThat(readArp(tap, buf)).isEqualTo(20);
        assertThat(MacAddress.read(buf, 0)).isEqualTo(OURS);
    }

    @Test
    void readReturnsZeroWhenNothingArrivesInTime() {
        TapDevice tap = tapInNamespace();
        long start = System.nanoTime();
        assertThat(tap.read(new byte[TapDevice.MAX_FRAME], TimeUnit.MILLISECONDS.toNanos(200))).isZero();
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(took).isBetween(200L, 2_000L);
    }

    @Test
    void closeWakesABlockedReader() throws Exception {
        TapDevice tap = tapInNamespace();
        CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(
                () -> tap.read(new byte[TapDevice.MAX_FRAME], TimeUnit.SECONDS.toNanos(60)));
        Thread.sleep(200);
        assertThat(reader).isNotDone();
        long start = System.nanoTime();
        tap.close();
        assertThat(reader.get(2, TimeUnit.SECONDS)).isEqualTo(-1);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2_000L);
        assertThat(tap.read(new byte[64], -1)).isEqualTo(-1);
        tap.close(); // idempotent
    }

    @Test
    void closingRemovesTheInterfaceFromTheNamespace() {
        TapDevice tap = tapInNamespace();
        assertThat(netns.ip("link", "show", tap.name()).ok()).isTrue();
        tap.close();
        IpCommand.Result gone = netns.ip("link", "show", tap.name());
        assertThat(gone.ok()).isFalse();
        assertThat(gone.stderr()).contains("does not exist");
    }

    @Test
    void writingAfterCloseIsAnError() {
        TapDevice tap = tapInNamespace();
        tap.close();
        assertThatThrownBy(() -> tap.write(new byte[60], 0, 60)).isInstanceOf(LiveException.class)
                .hasMessage("write " + tap.name() + ": device is closed");
    }

    @Test
    void aSecondTapOfTheSameNameIsRefusedInOneLine() {
        // Both stay down in this namespace only for the moment of the second open: down, they send nothing.
        TapDevice first = netns.closeAfter(TapDevice.open(NetnsFixture.uniqueTapName()));
        assertThatThrownBy(() -> TapDevice.open(first.name())).isInstanceOf(LiveException.class)
                .hasMessage("TUNSETIFF " + first.name() + ": Device or resource busy");
        first.moveToNetns(netns.name());
    }

    @Test
    void theKernelNumbersAPatternName() {
        TapDevice tap = netns.closeAfter(TapDevice.open("arpt%d"));
        tap.moveToNetns(netns.name());
        assertThat(tap.name()).matches("arpt\\d+");
        assertThat(netns.ip("link", "show", tap.name()).ok()).isTrue();
    }

    @Test
    void badNamesAndIpFailuresAreOneLine() {
        assertThatThrownBy(() -> TapDevice.open("a-name-of-16-chr")).isInstanceOf(LiveException.class)
                .hasMessage("TAP name 'a-name-of-16-chr' is longer than 15 bytes");
        TapDevice tap = tapInNamespace();
        assertThatThrownBy(() -> tap.moveToNetns("arplab-no-such-netns")).isInstanceOf(LiveException.class)
                .hasMessageStartingWith("ip link set dev " + tap.name() + " netns arplab-no-such-netns: ")
                .hasMessageNotContaining("\n");
    }
}
