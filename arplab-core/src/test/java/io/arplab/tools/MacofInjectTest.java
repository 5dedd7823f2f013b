package io.arplab.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.lab.Lab;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** macof against the recording's usage texts and the bridge's FDB; inject replaying the gratuitous-ARP takeover. */
class MacofInjectTest {
    @Test
    void macofBadOptionsGiveDsniffsUsage() throws IOException {
        SecurityLab s = new SecurityLab();
        StringBuilder want = new StringBuilder();
        for (String block : SecurityLab.recorded("usage.out").split("(?=\\$ n2: )")) {
            String title = block.substring(6, block.indexOf('\n'));
            if (title.startsWith("macof")) {
                s.run("n2", title);
                want.append(block);
            }
        }
        assertThat(s.transcript()).isEqualTo(want.toString());
    }

    @Test
    void macofFillsTheFdbWithItsUnicastSources() {
        SecurityLab s = new SecurityLab();
        Lab.Result r = s.lab.exec("n2", "macof -i eth0 -n 50");
        List<String> lines = r.stderr().lines().toList();
        assertThat(r.exitCode()).isZero();
        assertThat(lines).hasSize(50).allMatch(l -> l.matches(
                "(?:[0-9a-f]{1,2}:){5}[0-9a-f]{1,2} (?:[0-9a-f]{1,2}:){5}[0-9a-f]{1,2} 0\\.0\\.0\\.0\\.[0-9]+ > "
                        + "0\\.0\\.0\\.0\\.[0-9]+: S ([0-9]+):\\1\\(0\\) win 512"));
        // a bridge learns only unicast sources (br_fdb_update skips multicast ones)
        long unicast = lines.stream().filter(l -> (Integer.parseInt(l.substring(0, l.indexOf(':')), 16) & 1) == 0).count();
        String fdb = s.lab.exec("host", "bridge fdb show br br0 dynamic").stdout();
        long learned = fdb.lines().filter(l -> l.contains("dev veth-n2") && !l.startsWith("02:42:ac")).count();
        assertThat(learned).isEqualTo(unicast).isPositive();
        // the same lab and commands give the same flood
        assertThat(new SecurityLab().lab.exec("n2", "macof -i eth0 -n 50").stderr()).isEqualTo(r.stderr());
    }

    @Test
    void macofFramesAreShapedAsTheRealOnes() throws IOException {
        SecurityLab s = new SecurityLab();
        Lab.Result r = s.lab.exec("n2", "macof -i eth0 -n 5");
        s.sleep(0.1);
        // the random destinations are unknown to the bridge: flooded to the victim, but for the frames with a
        // multicast source, which a bridge drops (br_handle_frame: !is_valid_ether_addr(h_source))
        long unicast = r.stderr().lines().filter(l -> (Integer.parseInt(l.substring(0, l.indexOf(':')), 16) & 1) == 0)
                .count();
        String shape = "(?:[0-9a-f]{2}:){5}[0-9a-f]{2} > (?:[0-9a-f]{2}:){5}[0-9a-f]{2}, ethertype IPv4 \\(0x0800\\), "
                + "length 54: (?:[0-9]{1,3}\\.){3}[0-9]{1,3} > (?:[0-9]{1,3}\\.){3}[0-9]{1,3}: \\[\\|tcp\\]";
        List<String> real = SecurityLab.recorded("macof.tcpdump").lines().filter(l -> !l.startsWith("\t"))
                .map(l -> l.substring(l.indexOf(' ') + 1)).toList();
        List<String> got = s.n1Frames().stream().map(l -> l.substring(l.indexOf(' ') + 1))
                .filter(l -> l.contains("IPv4")).toList();
        assertThat(real).hasSize(5).allMatch(l -> l.matches(shape));
        // past the bridge, br_netfilter's br_validate_ipv4() has trimmed each to its IPv4 total length (20):
        // record-bridged.sh's capture behind a bridge on the same kernel
        String bridged = shape.replace("length 54", "length 34");
        List<String> realBridged = SecurityLab.recorded("macof_bridged.tcpdump").lines()
                .filter(l -> !l.startsWith("#")).toList();
        assertThat(realBridged).isNotEmpty().allMatch(l -> l.matches(bridged));
        assertThat(got).hasSize((int) unicast).allMatch(l -> l.matches(bridged));
    }

    @Test
    void injectedGratuitousArpTakesOverTheGatewayUnlessDropped() throws IOException {
        // record.sh sends the same frame with arping -U -s 172.28.0.1 (nonlocal bind); compare the tables it left
        String garp = "inject -i eth0 arp request spa=172.28.0.1 tpa=172.28.0.1";
        SecurityLab s = new SecurityLab();
        s.run("n1", "ping -c1 -W1 -q 172.28.0.1").run("n3", "ip neigh show 172.28.0.1");
        assertThat(s.lab.exec("n2", garp).stdout()).isEqualTo(".\nSent 1 packets.\n");
        s.sleep(0.1);
        s.run("n1", "ip neigh show 172.28.0.1").run("n3", "ip neigh show 172.28.0.1")
                .run("n1", "ip neigh flush all").run("n1", "ping -c1 -W1 -q 172.28.0.1")
                .run("n1", "sysctl -w net.ipv4.conf.eth0.drop_gratuitous_arp=1");
        s.lab.exec("n2", garp);
        s.sleep(0.1).run("n1", "ip neigh show 172.28.0.1").run("n3", "sysctl -w net.ipv4.conf.eth0.arp_accept=1");
        s.lab.exec("n2", garp);
        s.sleep(0.1).run("n3", "ip neigh show 172.28.0.1");
        String want = SecurityLab.recorded("garp.out").replaceAll(
                "\\$ n2: arping[^\n]*\n(?:[^$\n][^\n]*\n)*?\\[exit 0\\]\n", "");
        assertThat(SecurityLab.mask(s.transcript())).isEqualTo(SecurityLab.mask(want));
    }

    @Test
    void injectRefusesWhatItCannotSend() {
        SecurityLab s = new SecurityLab();
        assertThat(s.lab.exec("n2", "inject -i eth9 ff").stderr()).isEqualTo("inject: eth9: No such device\n");
        Lab.Result r = s.lab.exec("n2", "inject -i eth0 arp bogus");
        assertThat(r.stderr()).isEqualTo("inject: arp needs 'request' or 'reply'\n");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(s.lab.exec("n2", "inject -i eth0 arp request spa=1.2.3").stderr()).startsWith("inject: spa: ");
        assertThat(s.lab.exec("n2", "inject").exitCode()).isEqualTo(2);
        Lab.Result hex = s.lab.exec("n2", "inject -i eth0 -c 3 -t 0.5 ffffffffffff 02:42:ac:1c:00:0c 0806"
                + " 0001080006040001 02:42:ac:1c:00:0c ac1c000c 000000000000 ac1c000b");
        assertThat(hex.stdout()).isEqualTo("...\nSent 3 packets.\n");
    }

    @Test
    void ctrlCStopsTheFloodsAndScans() {
        SecurityLab s = new SecurityLab();
        for (String cmd : List.of("macof -i eth0", "inject -i eth0 -c 100 -t 1 arp request tpa=172.28.0.1",
                "arp-scan -I eth0 172.28.0.0/24", "arpspoof -i eth0 -t 172.28.0.99 172.28.0.1")) {
            ToolContext ctx = s.lab.start("n2", CommandLineSplitter.split(cmd), new java.io.PrintWriter(
                    new java.io.StringWriter()), new java.io.PrintWriter(new java.io.StringWriter()));
            s.sleep(0.5);
            ctx.interrupt();
            assertThat(ctx.exitCode()).as(cmd).isEqualTo(130);
        }
        int before = s.n1Frames().size();
        s.sleep(5);
        // after Ctrl-C only the kernels' own probes remain (n2 still resolving 172.28.0.99 for arp_force's
        // datagram): no flood, scan or forged frame
        assertThat(s.n1Frames().subList(before, s.n1Frames().size())).filteredOn(l -> !l.contains("who-has 172.28.0.99"))
                .noneMatch(l -> l.contains("[|tcp]") || l.contains("> ff:ff:ff:ff:ff:ff") || l.contains("Reply"));
    }
}
