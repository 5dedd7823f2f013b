package io.arplab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.observe.MemoryCapture;
import io.arplab.wire.Bytes;
import org.junit.jupiter.api.Test;

class FragmentationTest {
    @Test
    void bigPingIsFragmentedWithoutDfAndReassembledForTheReply() {
        Lab lab = SeedLabs.build(1, null);
        MemoryCapture c = new MemoryCapture();
        lab.capture("node3", "eth0", c);
        Lab.Result r = lab.exec("node1", "ping -c1 -s 3000 172.28.0.13");
        assertThat(r.stdout()).contains("3008 bytes from 172.28.0.13: icmp_seq=1 ttl=64");
        // ARP request + reply, then 3 request fragments in and 3 reply fragments out
        var ip = c.records().stream().filter(rec -> Bytes.u16(rec.data(), 12) == 0x0800).toList();
        assertThat(ip).hasSize(6);
        var first = ip.get(0).data();
        assertThat(Bytes.u16(first, 14 + 2)).isEqualTo(1500);
        assertThat(Bytes.u16(first, 14 + 6)).isEqualTo(0x2000); // MF, offset 0, no DF
        var last = ip.get(2).data();
        assertThat(Bytes.u16(last, 14 + 6) & 0x2000).isZero();
        assertThat((Bytes.u16(last, 14 + 6) & 0x1fff) * 8).isEqualTo(2960);
    }
}
