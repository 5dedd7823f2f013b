package io.arplab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.arplab.lab.Lab;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of inject's frame spec (HEX or "arp request|reply" with fields), sent on a LAN whose
 * hosts receive what it builds: any words end in dots and exit 0, or one line and exit 1 or 2; nothing escapes.
 */
class InjectFuzzTest {
    private static final Lab LAB = lab();

    private static Lab lab() {
        Lab lab = new Lab(14);
        io.arplab.device.Host host = lab.addHost("host");
        io.arplab.device.LinuxBridge br = lab.addBridge("br0", MacAddress.parse("02:42:8e:ff:44:b3"), host,
                "172.28.0.1/16");
        for (int i = 1; i <= 2; i++) {
            io.arplab.device.Host h = lab.addHost("n" + i);
            lab.attach(h, "eth0", MacAddress.parse("02:42:ac:1c:00:0" + i), "172.28.0.1" + i + "/16", br, "veth-n" + i,
                    MacAddress.parse("ee:42:ac:1c:00:0" + i));
            lab.defaultRoute(h, Ipv4Address.parse("172.28.0.1"));
        }
        return lab;
    }

    @FuzzTest
    void buildsOrRefuses(byte[] bytes) {
        List<String> words = new ArrayList<>(List.of("inject", "-i", "eth0", "--"));
        for (String w : new String(bytes, StandardCharsets.UTF_8).split("[ \n]+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int rc = LAB.exec("n1", words, new PrintWriter(o), new PrintWriter(e));
        assertThat(rc).as(words.toString()).isBetween(0, 2);
        if (rc == 0) {
            assertThat(o.toString()).startsWith(".");
        } else {
            assertThat(e.toString().strip()).as(words.toString()).isNotEmpty().doesNotContain("Exception");
        }
    }
}
