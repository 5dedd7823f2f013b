package io.arplab.tools.iproute;

import io.arplab.lab.Lab;
import io.arplab.lab.ReferenceLab;
import org.junit.jupiter.api.Test;

class ScratchTest {
    @Test
    void show() {
        Lab lab = ReferenceLab.build(1);
        lab.runFor(2_500_000_000L);
        var mon = ReferenceLab.start(lab, "host", "ip monitor neigh");
        var mon3 = ReferenceLab.start(lab, "node3", "ip -ts monitor neigh");
        lab.runFor(1_018_000_000L);
        var ping = ReferenceLab.start(lab, "node1", "ping -c3 172.28.0.13");
        lab.runFor(2_100_000_000L);
        for (String c : new String[] {"ip -s neigh", "arp -an", "arp", "arp -a", "ip a", "ip -br a", "ip -br l",
                "ip r", "ip route get 172.18.0.2", "ip ntable show dev eth0", "bridge fdb show"}) {
            System.out.println("node1$ " + c);
            Lab.Result r = lab.exec("node1", c);
            System.out.print(r.stdout() + r.stderr());
        }
        for (String c : new String[] {"ip -s neigh", "bridge -s fdb show br br-arp_lan", "bridge link", "ip -d link show br-arp_lan", "ip -d l show veth-node1"}) {
            System.out.println("host$ " + c);
            Lab.Result r = lab.exec("host", c);
            System.out.print(r.stdout() + r.stderr());
        }
        System.out.println("host monitor:\n" + mon.stop());
        lab.runFor(60_000_000_000L);
        System.out.println("node3 monitor:\n" + mon3.stop());
        System.out.print(lab.exec("node3", "ip -s n").stdout());
    }
}
