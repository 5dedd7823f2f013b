package io.arplab.lab;

import io.arplab.device.Device;
import io.arplab.device.LinuxBridge;
import io.arplab.wire.MacAddress;

/**
 * One bridge learns {@code macs} source addresses (one frame each, 1 µs apart, as from a MAC flood) and ages them all
 * out: the wall time of the ageing runs, which br_fdb_cleanup's rule makes cost what they remove.
 */
public final class FdbAgeingBench {
    public record Result(int learned, int left, long ageingRuns, long wallNanos) {}

    private FdbAgeingBench() {}

    public static Result run(int macs) {
        LinuxBridge br = new LinuxBridge("br0", MacAddress.parse("02:42:8e:ff:44:b3"), 0);
        br.addPort("veth0", MacAddress.parse("ee:00:00:00:00:01"), 0);
        br.addPort("veth1", MacAddress.parse("ee:00:00:00:00:02"), 0);
        Device.Output drop = new Device.Output() {
            @Override
            public void transmit(int port, byte[] frame) {}

            @Override
            public int portCount() {
                return br.portCount();
            }
        };
        byte[] frame = new byte[60];
        long now = 0;
        for (int i = 0; i < macs; i++) {
            long src = 0x0200_0000_0000L | i;
            for (int b = 0; b < 6; b++) {
                frame[6 + b] = (byte) (src >>> (40 - 8 * b));
                frame[b] = (byte) 0xff;
            }
            br.receive(now += 1_000, 1, frame, drop);
        }
        int learned = br.learnedCount();
        long runs = 0;
        long t0 = System.nanoTime();
        for (long d = br.nextDeadline(); d != Long.MAX_VALUE; d = br.nextDeadline()) {
            br.advance(d, drop);
            runs++;
        }
        return new Result(learned, br.learnedCount(), runs, System.nanoTime() - t0);
    }
}
