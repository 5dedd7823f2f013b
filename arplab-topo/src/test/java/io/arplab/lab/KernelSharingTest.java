package io.arplab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.arplab.device.Host;
import io.arplab.device.LinuxBridge;
import io.arplab.stack.TraceEvent;
import io.arplab.topo.TopologyBuilder;
import io.arplab.topo.TopologyLoader;
import io.arplab.wire.MacAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whose arp_tbl it is: in a shared-kernel lab the bridge host and its containers count their entries in one table
 * (gc_thresh3 limits them together, net.ipv4.neigh.default.gc_* only on the host); in a per-host lab each host is a
 * machine with its own table and sysctls.
 */
class KernelSharingTest {

    /** host with br0 172.28.0.1/16, n1..n3 at .11-.13. */
    static Lab lab(Lab.Kernel kernel) {
        Lab lab = new Lab(9);
        lab.setKernel(kernel);
        Host host = lab.addHost("host");
        LinuxBridge br0 = lab.addBridge("br0", MacAddress.parse("02:42:8e:ff:44:b3"), host, "172.28.0.1/16");
        for (int i = 0; i < 3; i++) {
            String n = "n" + (i + 1);
            lab.attach(lab.addHost(n), "eth0", MacAddress.of(0x0242_ac1c_000bL + i), "172.28.0." + (11 + i) + "/16",
                    br0, "veth-" + n, MacAddress.of(0xeeee_ac1c_000bL + i));
        }
        lab.runFor(2_000_000_000L);
        return lab;
    }

    /** The host allows 3 entries; n1 and n2 each resolve the host, which must learn them back to answer. */
    private static Lab fillTo3(Lab.Kernel kernel) {
        Lab lab = lab(kernel);
        Lab.Result set = lab.exec("host", "sysctl -w net.ipv4.neigh.default.gc_thresh2=2 net.ipv4.neigh.default.gc_thresh3=3");
        assertThat(set.stdout()).isEqualTo("net.ipv4.neigh.default.gc_thresh2 = 2\nnet.ipv4.neigh.default.gc_thresh3 = 3\n");
        assertThat(lab.exec("n1", "ping -c1 -q 172.28.0.1").exitCode()).isZero();
        return lab;
    }

    @Test
    void gcThresh3CountsEveryNamespacesEntriesOnASharedKernel() {
        Lab lab = fillTo3(Lab.Kernel.SHARED);
        // n1's entry for the host and the host's for n1 are two; n2's for the host the third: the host's entry for
        // n2 finds the table full (neigh_alloc), so it cannot answer n2's request
        assertThat(lab.exec("n2", "ping -c1 -q 172.28.0.1").exitCode()).isEqualTo(1);
        assertThat(lab.exec("host", "ip neigh show 172.28.0.12").stdout()).isEmpty();
        assertThat(lab.host("host").stack().neighbours().tableFulls()).isPositive();
        assertThat(lab.host("n3").stack().neighbours().tbl()).isSameAs(lab.host("host").stack().neighbours().tbl());
    }

    @Test
    void gcThresh3CountsOneMachinesEntriesPerHost() {
        Lab lab = fillTo3(Lab.Kernel.PER_HOST);
        assertThat(lab.exec("n2", "ping -c1 -q 172.28.0.1").exitCode()).isZero();
        assertThat(lab.exec("host", "ip neigh show 172.28.0.12").stdout()).contains("lladdr 02:42:ac:1c:00:0c");
        assertThat(lab.host("host").stack().neighbours().tableFulls()).isZero();
    }

    @Test
    void neighDefaultGcSysctlsExistOnlyInTheInitialNamespace() {
        Lab shared = lab(Lab.Kernel.SHARED);
        assertThat(shared.exec("host", "sysctl net.ipv4.neigh.default.gc_thresh3").stdout())
                .isEqualTo("net.ipv4.neigh.default.gc_thresh3 = 1024\n");
        Lab.Result n1 = shared.exec("n1", "sysctl net.ipv4.neigh.default.gc_thresh3");
        assertThat(n1.stderr())
                .isEqualTo("sysctl: cannot stat /proc/sys/net/ipv4/neigh/default/gc_thresh3: No such file or directory\n");
        assertThat(n1.exitCode()).isEqualTo(1);
        // the host's write is the table's: every namespace of the machine is limited by it
        shared.exec("host", "sysctl -w net.ipv4.neigh.default.gc_thresh3=2048");
        assertThat(shared.host("n1").stack().neighbours().gcConfig().thresh3()).isEqualTo(2048);
        assertThat(shared.exec("host", "sysctl -a").stdout()).contains("net.ipv4.neigh.default.gc_interval = 30\n");

        Lab perHost = lab(Lab.Kernel.PER_HOST);
        assertThat(perHost.exec("n1", "sysctl -w net.ipv4.neigh.default.gc_thresh3=64").exitCode()).isZero();
        assertThat(perHost.exec("n1", "sysctl -n net.ipv4.neigh.default.gc_thresh3").stdout()).isEqualTo("64\n");
        assertThat(perHost.exec("n2", "sysctl -n net.ipv4.neigh.default.gc_thresh3").stdout()).isEqualTo("1024\n");
    }

    /**
     * refdata/linux s1: node1 pings node3; node1's entry for node3 and node3's for node1 are consecutive counts of one
     * table (4, 5 there: the recording machine held entries of its own), not a first entry twice.
     */
    @Test
    void theSeedsNeighCreateEntriesCountOneTable() {
        Lab lab = ReferenceLab.build(1);
        List<String> got = new ArrayList<>();
        lab.setTraceLog((comm, pid, now, e) -> {
            if (e instanceof TraceEvent.NeighCreate c) {
                StringBuilder sb = new StringBuilder();
                c.appendFields(sb);
                got.add(sb.toString());
            }
        });
        assertThat(lab.exec("node1", "ping -c1 -q 172.28.0.13").exitCode()).isZero();
        List<String> want = ReferenceLab.read("s1_ping_node3/tracepoints.txt").lines()
                .filter(l -> l.contains("neigh:neigh_create")).map(l -> l.replaceFirst(".*neigh:neigh_create\\s+", ""))
                .toList();
        assertThat(got).hasSameSizeAs(want);
        int outside = entries(want.get(0)) - entries(got.get(0));
        assertThat(outside).isNotNegative();
        for (int i = 0; i < want.size(); i++) {
            assertThat(got.get(i).replaceFirst(" entries \\d+", " entries " + (entries(got.get(i)) + outside)))
                    .isEqualTo(want.get(i));
        }
    }

    private static int entries(String fields) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(" entries (\\d+) ").matcher(fields);
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void theKernelIsChosenBeforeTheFirstHost() {
        Lab lab = new Lab(1);
        lab.addHost("a");
        assertThatThrownBy(() -> lab.setKernel(Lab.Kernel.PER_HOST)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void labFilesSayWhichTheyModel(@TempDir Path dir) throws IOException {
        String body = "networks:\n  lan: {subnet: 172.28.0.0/16}\nhosts:\n"
                + "  n1:\n    interfaces: [{network: lan}]\n    sysctls: {net.ipv4.neigh.default.gc_thresh3: 64}\n"
                + "  n2: {interfaces: [{network: lan}]}\n";
        Path perHost = Files.writeString(dir.resolve("per-host.yaml"), "kernel: per-host\n" + body);
        Lab lab = TopologyBuilder.build(TopologyLoader.load(perHost).topology(), 1);
        assertThat(lab.kernel()).isEqualTo(Lab.Kernel.PER_HOST);
        assertThat(lab.host("n1").stack().neighbours().gcConfig().thresh3()).isEqualTo(64);
        assertThat(lab.host("n2").stack().neighbours().gcConfig().thresh3()).isEqualTo(1024);

        Path shared = Files.writeString(dir.resolve("shared.yaml"), "networks:\n  lan: {subnet: 172.28.0.0/16}\n"
                + "host: {sysctls: {net.ipv4.neigh.default.gc_thresh3: 64}}\nhosts:\n  n1: {interfaces: [{network: lan}]}\n");
        Lab s = TopologyBuilder.build(TopologyLoader.load(shared).topology(), 1);
        assertThat(s.kernel()).isEqualTo(Lab.Kernel.SHARED);
        assertThat(s.initialHost().name()).isEqualTo("host");
        assertThat(s.host("n1").stack().neighbours().gcConfig().thresh3()).isEqualTo(64);

        Lab compose = TopologyBuilder.build(TopologyLoader.load(Path.of("examples/arp-lab/docker-compose.yml"))
                .topology(), 1);
        assertThat(compose.kernel()).isEqualTo(Lab.Kernel.SHARED);
    }
    /**
     * refdata/local/sysctl/neigh_default.out: in the initial namespace net.ipv4.neigh.default.* is arp_tbl.parms. A
     * write reaches that namespace's devices whose own file was never written (neigh_copy_dflt_parms), and every
     * device created afterwards in any namespace (neigh_parms_alloc copies it); devices of other namespaces made
     * before keep their values, and those namespaces have no neigh.default.
     */
    @Test
    void neighDefaultInTheInitialNamespaceAsRecorded() throws IOException {
        Lab lab = new Lab(3);
        Host root = lab.addHost("root");
        lab.setInitialHost(root);
        root.stack().addDevice("sy-nd0", MacAddress.parse("02:00:00:00:00:01"), 1500);
        root.stack().addDevice("sy-nd1", MacAddress.parse("02:00:00:00:00:02"), 1500);
        lab.addHost("sy-nd-old").stack().addDevice("eth0", MacAddress.parse("02:00:00:00:00:03"), 1500);
        String recorded = Files.readString(Path.of("src/test/resources/refdata/local/sysctl/neigh_default.out"));
        StringBuilder got = new StringBuilder();
        for (String block : recorded.split("(?m)^(?=\\$ )")) {
            String header = block.lines().findFirst().orElseThrow();
            String where = header.substring(2, header.indexOf(':'));
            String command = header.substring(header.indexOf(':') + 2);
            if (!lab.hosts().containsKey(where)) {
                // created by the script right before its first use, after the root's write
                lab.addHost(where).stack().addDevice("eth0", MacAddress.parse("02:00:00:00:00:04"), 1500);
            }
            Lab.Result r = lab.exec(where, command);
            got.append(header).append('\n').append(r.stdout()).append(r.stderr()).append("[exit ").append(r.exitCode())
                    .append("]\n");
        }
        assertThat(got.toString()).isEqualTo(recorded);
    }

    /** A per-host lab's machines booted apart: each has its own jiffies and tick phase; a shared lab's hosts one. */
    @Test
    void eachMachineOfAPerHostLabHasItsOwnJiffies() {
        Lab perHost = lab(Lab.Kernel.PER_HOST);
        io.arplab.stack.TimerWheel n1 = perHost.host("n1").stack().timerWheel();
        io.arplab.stack.TimerWheel n2 = perHost.host("n2").stack().timerWheel();
        assertThat(n1.jiffies(0)).isNotEqualTo(n2.jiffies(0));
        assertThat(lab(Lab.Kernel.PER_HOST).host("n1").stack().timerWheel().jiffies(123_456_789L))
                .isEqualTo(n1.jiffies(123_456_789L));
        Lab shared = lab(Lab.Kernel.SHARED);
        assertThat(shared.host("n1").stack().timerWheel()).isSameAs(shared.host("n2").stack().timerWheel());
        // a machine's timers round on its own ticks: the same 1 s ping interval ends at different instants
        long at = 10_000_000L;
        assertThat(n1.scheduleTimeout(at, 250) - n1.tickTime(n1.jiffies(at)))
                .isNotEqualTo(n2.scheduleTimeout(at, 250) - n2.tickTime(n2.jiffies(at)));
        // and its tracepoints print its own jiffies: an entry's confirmed/updated/used lie between jiffies a minute
        // ago (a new entry's confirmed) and jiffies now, on that machine's clock
        List<String> wrong = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        java.util.regex.Pattern times = java.util.regex.Pattern.compile(" (confirmed|updated|used) (\\d+)");
        perHost.setTraceLog((comm, pid, now, e) -> {
            if (e instanceof TraceEvent.NeighUpdate || e instanceof TraceEvent.NeighDone) {
                StringBuilder sb = new StringBuilder();
                e.appendFields(sb);
                long j = perHost.host(comm).stack().timerWheel().jiffies(now);
                seen.add(comm);
                java.util.regex.Matcher m = times.matcher(sb);
                while (m.find()) {
                    long v = Long.parseLong(m.group(2));
                    if (v > j || v < j - 61 * io.arplab.stack.Jiffies.HZ) {
                        wrong.add(comm + " at jiffies " + j + ": " + m.group());
                    }
                }
            }
        });
        assertThat(perHost.exec("n1", "ping -c1 -q 172.28.0.12").exitCode()).isZero();
        assertThat(seen).contains("n1", "n2");
        assertThat(wrong).isEmpty();
    }
}
