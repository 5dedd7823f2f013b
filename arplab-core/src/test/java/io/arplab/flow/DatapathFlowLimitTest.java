package io.arplab.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import org.junit.jupiter.api.Test;

/**
 * udpif's dynamic flow limit (ofproto-dpif-upcall.c): udpif_create() starts it at MIN(ofproto_flow_limit, 10000),
 * should_install_flow() installs nothing once the datapath holds that many flows (handle_packet_upcall()'s ENOSPC:
 * the packet is still executed and counted lost), and each revalidation round whose dump was quick raises it by
 * 1000 while the flows it saw would fill it, up to ofproto_flow_limit (200000). It bounds the megaflow cache under a
 * flood of distinct flows.
 */
class DatapathFlowLimitTest {
    @Test
    void aFloodOfDistinctFlowsStopsAtTheFlowLimitWhichTheRevalidatorsRaise() {
        Ofproto br = new Ofproto("br0", 0xaabbccddee01L, 1);
        br.addPort("p1", "dummy", 1, 0xaa55aa550001L, new HashMap<>());
        br.addPort("p2", "dummy", 2, 0xaa55aa550002L, new HashMap<>());
        // the pipeline reads dl_src whole, so every source MAC makes a megaflow of its own
        br.tables.apply(FlowParser.parse("priority=10,dl_src=00:00:00:00:00:01,actions=drop", FlowMod.Command.ADD,
                br.portMap()), OfVersion.OF13, 0);
        br.tables.apply(FlowParser.parse("priority=0,actions=output:2", FlowMod.Command.ADD, br.portMap()),
                OfVersion.OF13, 0);
        for (int i = 0; i < 12_000; i++) {
            assertThat(br.receive(0, 1, frame(i))).hasSize(1); // a packet past the limit is still forwarded
        }
        assertThat(br.datapath.flows()).hasSize(10_000);
        assertThat(br.datapath.missed).isEqualTo(10_000);
        assertThat(br.datapath.lost).isEqualTo(2_000);
        // a revalidation round (at most every 500 ms) raises the limit to 11000
        for (int i = 12_000; i < 14_000; i++) {
            br.receive(600_000_000L, 1, frame(i));
        }
        assertThat(br.datapath.flows()).hasSize(11_000);
        assertThat(br.datapath.lost).isEqualTo(3_000);
    }

    private static byte[] frame(int i) {
        return FlowCompose.compose(String.format("eth(src=02:00:00:%02x:%02x:%02x,dst=50:54:00:00:00:07),"
                + "eth_type(0x0800),ipv4(src=192.168.0.1,dst=10.0.0.1,proto=17,tos=0,ttl=64,frag=no),"
                + "udp(src=1000,dst=53)", i >> 16 & 0xff, i >> 8 & 0xff, i & 0xff), 0);
    }
}
