package io.arplab.device;

import io.arplab.wire.MacAddress;
import java.util.ArrayList;
import java.util.List;

/** A bridge br0 with ports veth1-3 (ee:00:00:00:00:0N) whose output records the ports it transmits on. */
final class ThreePortBridge {
    final LinuxBridge br = new LinuxBridge("br0", MacAddress.parse("02:42:8e:ff:44:b3"), 0);
    final List<Integer> sent = new ArrayList<>();
    final Device.Output out = new Device.Output() {
        @Override
        public void transmit(int port, byte[] frame) {
            sent.add(port);
        }

        @Override
        public int portCount() {
            return br.portCount();
        }
    };

    ThreePortBridge() {
        for (int p = 1; p <= 3; p++) {
            br.addPort("veth" + p, MacAddress.parse("ee:00:00:00:00:0" + p), 0);
        }
    }
}
