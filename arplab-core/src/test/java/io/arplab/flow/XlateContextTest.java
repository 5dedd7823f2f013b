package io.arplab.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A bridge reuses one translation context for its upcalls: after translations that touched conntrack, recirculation,
 * the action set, learning, VLAN tags and NORMAL, {@link Xlate#init} leaves every field as a new context has it.
 */
class XlateContextTest {
    private static final String[] PIPELINE = {
        "table=0,priority=10,ip,actions=ct(table=1,zone=5)",
        "table=0,priority=5,arp,actions=NORMAL",
        "table=1,priority=10,ct_state=+trk+new,ip,actions=ct(commit,exec(set_field:0x3->ct_mark)),"
                + "set_field:7->reg0,resubmit(,2),write_actions(output:2)",
        "table=1,priority=5,actions=push_vlan:0x8100,set_field:4100->vlan_vid,"
                + "learn(table=3,NXM_OF_ETH_DST[]=NXM_OF_ETH_SRC[],output:NXM_OF_IN_PORT[]),goto_table:2",
        "table=2,priority=1,reg0=7,actions=mod_nw_ttl:9,output:2",
        "table=2,priority=0,actions=drop",
    };

    private static final String[] PACKETS = {
        "eth(src=50:54:00:00:00:05,dst=50:54:00:00:00:07),eth_type(0x0800),"
                + "ipv4(src=10.0.0.1,dst=10.0.0.2,proto=6,tos=0,ttl=64,frag=no),tcp(src=1000,dst=80)",
        "eth(src=50:54:00:00:00:05,dst=50:54:00:00:00:07),eth_type(0x0800),"
                + "ipv4(src=10.0.0.1,dst=10.0.0.2,proto=6,tos=0,ttl=64,frag=no),tcp(src=1000,dst=80)",
        "eth(src=50:54:00:00:00:05,dst=ff:ff:ff:ff:ff:ff),eth_type(0x0806),"
                + "arp(sip=10.0.0.1,tip=10.0.0.2,op=1,sha=50:54:00:00:00:05,tha=00:00:00:00:00:00)",
        "eth(src=50:54:00:00:00:09,dst=50:54:00:00:00:05),eth_type(0x0800),"
                + "ipv4(src=10.0.0.2,dst=10.0.0.1,proto=17,tos=0,ttl=64,frag=no),udp(src=53,dst=5353)",
    };

    @Test
    void aReusedContextHasEveryFieldOfANewOne() throws Exception {
        Ofproto br = bridge();
        long now = 1_000_000_000L;
        for (String p : PACKETS) {
            br.receive(now += 1_000_000, 1, FlowCompose.compose(p, 0));
        }
        Field context = Ofproto.class.getDeclaredField("upcallContext");
        context.setAccessible(true);
        Xlate used = (Xlate) context.get(br);
        assertThat(used).as("the bridge's upcall context").isNotNull();

        byte[] frame = FlowCompose.compose(PACKETS[3], 0);
        long[] key = Packet.extract(frame, 1);
        used.init(now, key, frame, true);
        Xlate fresh = new Xlate(br, now, key, frame, null, List.of(), true);
        for (Field f : OdpCommit.class.getDeclaredFields()) {
            assertThat(Modifier.isStatic(f.getModifiers()) || Modifier.isFinal(f.getModifiers()))
                    .as("OdpCommit.%s: a committer keeps no state of its own", f.getName()).isTrue();
        }
        for (Field f : Xlate.class.getDeclaredFields()) {
            // initialWords: the array each section copies its key into before reading it, whatever it held
            if (Modifier.isStatic(f.getModifiers()) || f.getName().equals("initialWords")) {
                continue;
            }
            f.setAccessible(true);
            assertThat(state(f.get(used))).as("Xlate.%s after init()", f.getName()).isEqualTo(state(f.get(fresh)));
        }
    }

    @Test
    void upcallsThroughOneContextGiveWhatNewContextsGive() throws Exception {
        // the same packets through a bridge reusing its context and through one whose context is never free (each
        // upcall then takes a new one): the same outputs and megaflows
        Ofproto reusing = bridge(), renewing = bridge();
        Field lent = Ofproto.class.getDeclaredField("upcallContextLent");
        lent.setAccessible(true);
        lent.set(renewing, true);
        long now = 1_000_000_000L;
        for (String p : PACKETS) {
            now += 1_000_000;
            byte[] frame = FlowCompose.compose(p, 0);
            assertThat(frames(reusing.receive(now, 1, frame))).isEqualTo(frames(renewing.receive(now, 1, frame)));
        }
        assertThat(reusing.datapath.dumpFlows(null, now)).isEqualTo(renewing.datapath.dumpFlows(null, now))
                .contains("ct(commit,mark=0x3/0xffffffff)", "recirc(0x1)", "actions:100,2");
    }

    private static List<String> frames(List<Ofproto.Output> outputs) {
        return outputs.stream().map(o -> o.ofport() + ":" + Arrays.toString(o.frame())).toList();
    }

    private static Ofproto bridge() {
        Ofproto br = new Ofproto("br0", 0xaabbccddee01L, 1);
        br.addPort("p1", "dummy", 1, 0xaa55aa550001L, new HashMap<>());
        br.addPort("p2", "dummy", 2, 0xaa55aa550002L, new HashMap<>());
        for (String flow : PIPELINE) {
            br.tables.apply(FlowParser.parse(flow, FlowMod.Command.ADD, br.portMap()), OfVersion.OF13, 0);
        }
        return br;
    }

    // a field's value as compared: contents of arrays, lists, maps and builders; identity of the rest
    private static Object state(Object v) {
        if (v instanceof long[] a) {
            return Arrays.toString(a);
        }
        if (v instanceof byte[] a) {
            return Arrays.toString(a);
        }
        if (v instanceof CharSequence || v instanceof java.util.Collection<?> || v instanceof java.util.Map<?, ?>) {
            return String.valueOf(v);
        }
        if (v instanceof XlateStack s) {
            return Arrays.toString(s.bytes());
        }
        if (v instanceof OdpCommit) {
            return "OdpCommit"; // its one field, final, is its context
        }
        if (v == null || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        return v.getClass().getName() + "@" + System.identityHashCode(v);
    }
}
