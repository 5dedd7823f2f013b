package io.arplab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arplab.topo.TopologyBuilder;
import io.arplab.topo.TopologyException;
import io.arplab.topo.TopologyLoader;
import org.junit.jupiter.api.Test;

/**
 * fdb_max_learned from the command line (iproute2 6.8's bridge_parse_opt()/bridge_print_opt(): a u32, "invalid
 * fdb_max_learned" otherwise; fdb_n_learned and fdb_max_learned after gc_timer) and as a lab file's bridge option.
 */
class BridgeFdbLimitTest {
    private static long learned(Lab lab) {
        return lab.exec("host", "bridge fdb show br br0 dynamic").stdout().lines().count();
    }

    @Test
    void aLimitStopsLearningAndIpShowsIt() {
        Lab lab = BridgeRecordingTest.lab3();
        Lab.Result set = lab.exec("host", "ip link set br0 type bridge fdb_max_learned 4");
        assertThat(set.exitCode()).isZero();
        assertThat(set.stdout()).isEmpty();
        assertThat(lab.exec("n1", "macof -i eth0 -n 40").exitCode()).isZero();
        assertThat(learned(lab)).isEqualTo(4);
        String link = lab.exec("host", "ip -d link show br0").stdout();
        assertThat(link).containsPattern("gc_timer +[0-9.]+ fdb_n_learned 4 fdb_max_learned 4 group_fwd_mask 0 ");
        // 0 lifts the limit; the counters are no longer printed, as iproute2 6.1 prints nothing of them
        assertThat(lab.exec("host", "ip link set br0 type bridge fdb_max_learned 0").exitCode()).isZero();
        assertThat(lab.exec("n1", "macof -i eth0 -n 40").exitCode()).isZero();
        assertThat(learned(lab)).isGreaterThan(4);
        assertThat(lab.exec("host", "ip -d link show br0").stdout()).doesNotContain("fdb_max_learned");
    }

    @Test
    void badValuesAreIproute2sErrors() {
        Lab lab = BridgeRecordingTest.lab3();
        Lab.Result r = lab.exec("host", "ip link set br0 type bridge fdb_max_learned x");
        assertThat(r.exitCode()).isEqualTo(255);
        assertThat(r.stderr()).isEqualTo("Error: argument \"x\" is wrong: invalid fdb_max_learned\n");
        r = lab.exec("host", "ip link set br0 type bridge fdb_max_learned 4294967296");
        assertThat(r.stderr()).isEqualTo("Error: argument \"4294967296\" is wrong: invalid fdb_max_learned\n");
        r = lab.exec("host", "ip link set br0 type bridge fdb_max_learned");
        assertThat(r.exitCode()).isEqualTo(255);
        assertThat(r.stderr()).isEqualTo("Command line is not complete. Try option \"help\"\n");
        assertThat(lab.exec("host", "ip link set br0 type bridge help").stderr())
                .contains("\t\t  [ no_linklocal_learn NO_LINKLOCAL_LEARN ]\n\t\t  [ fdb_max_learned FDB_MAX_LEARNED ]\n");
    }

    private static final String LAB = "networks:\n  lan: {subnet: 172.28.0.0/16, bridge: br0, fdb_max_learned: %s}\n"
            + "hosts:\n  a: {interfaces: [{network: lan, address: 172.28.0.11}]}\n";

    @Test
    void aLabFileSetsTheLimit() {
        Lab lab = TopologyBuilder.build(TopologyLoader.parse("lab.yaml", LAB.formatted("3"), "t").topology(), 1);
        assertThat(lab.exec("a", "macof -i eth0 -n 40").exitCode()).isZero();
        assertThat(lab.exec("host", "bridge fdb show br br0 dynamic").stdout().lines().count()).isEqualTo(3);
        assertThat(lab.exec("host", "ip -d link show br0").stdout()).contains(" fdb_n_learned 3 fdb_max_learned 3 ");
    }

    @Test
    void aBadLimitInALabFileIsOneLine() {
        assertThatThrownBy(() -> TopologyLoader.parse("lab.yaml", LAB.formatted("-1"), "t"))
                .isInstanceOf(TopologyException.class)
                .hasMessage("lab.yaml:2:62: fdb_max_learned of network 'lan' is -1: expected 0 (no limit) to 4294967295");
    }
}
