#!/usr/bin/env python3
"""Bad input and less common invocations of ovs-ofctl, ovs-appctl, ovs-dpctl and ovs-vsctl, for
STATUS=1 record-ovs-commands.sh cli-SEED (br0 with dummy ports p1, p2, p3; each exit status recorded).

First every form of OVS 3.1's option and argument checks (lib/command-line.c ovs_cmdl_run_command(), getopt_long's
messages, lib/util.c ovs_fatal(), ovs-appctl.c and lib/unixctl.c, lib/dpctl.c, utilities/ovs-vsctl.c) and the less
common read-only commands under each OpenFlow version; then SEED's N random invocations drawn from pools of tools,
commands, options and arguments, good and bad.
  src/test/scripts/gen-ovs-cli.py SEED N > src/test/resources/refdata/ovs/cli-SEED/commands.in
  src/test/scripts/gen-ovs-cli.py SEED N random > ...   (the setup flows, then the random invocations only)
  src/test/scripts/gen-ovs-cli.py SEED N prereq > ...   (the setup flows, then N queries and flow_mods whose match
                                                        lacks fields' prerequisites, a dump after each flow_mod)
  src/test/scripts/gen-ovs-cli.py SEED N adds > ...     (as prereq, with add-flow and OpenFlow 1.0 mod-flows too,
                                                        which leave rules with packet_type=(0,0) alone; between them
                                                        ovs-appctl commands with argument counts their
                                                        unixctl_command_register() refuses, list-commands, and
                                                        ovs-vsctl on the Bridge columns stp_enable, rstp_enable and
                                                        mcast_snooping_enable)
"""
import random
import sys

seed, n = int(sys.argv[1]), int(sys.argv[2])
n_arg = n
random_only = sys.argv[3:] == ["random"]
adds = sys.argv[3:] == ["adds"]
prereq = sys.argv[3:] == ["prereq"] or adds
r = random.Random(seed)

PROTOS = ["OpenFlow10", "OpenFlow13", "OpenFlow15"]

setup = [
    "ovs-ofctl -O OpenFlow15 add-flow br0 'priority=10,in_port=1,actions=output:2'",
    "ovs-ofctl -O OpenFlow15 add-flow br0 'priority=10,in_port=2,actions=output:1'",
    "ovs-ofctl -O OpenFlow15 add-flow br0 'table=1,priority=5,ip,nw_dst=10.0.0.2,actions=output:3'",
    "ovs-ofctl -O OpenFlow15 add-flow br0 'cookie=0x5,priority=20,arp,actions=NORMAL'",
    "ovs-ofctl -O OpenFlow15 add-flow br0 'priority=30,in_port=3,ip,actions=resubmit(,1),resubmit(,2)'",
]

# packets through the tables: an upcall each, then datapath hits whose statistics reach the tables (XC_TABLE)
ARP = ("eth(src=50:54:00:00:00:01,dst=ff:ff:ff:ff:ff:ff),eth_type(0x0806),"
       "arp(sip=10.0.0.1,tip=10.0.0.2,op=1,sha=50:54:00:00:00:01,tha=00:00:00:00:00:00)")
IP = ("eth(src=50:54:00:00:00:03,dst=50:54:00:00:00:02),eth_type(0x0800),"
      "ipv4(src=10.0.0.3,dst=10.0.0.2,proto=17,tos=0,ttl=64,frag=no),udp(src=1,dst=2)")
traffic = [
    "ovs-appctl netdev-dummy/receive p1 '%s'" % ARP,
    "ovs-appctl netdev-dummy/receive p1 '%s'" % ARP,
    "ovs-appctl netdev-dummy/receive p3 '%s'" % IP,
    "ovs-appctl netdev-dummy/receive p3 '%s'" % IP,
    "ovs-appctl netdev-dummy/receive p3 '%s'" % IP,
    "ovs-appctl netdev-dummy/receive p2 '%s'" % IP.replace("dst=10.0.0.2", "dst=10.0.0.9"),
    "ovs-appctl revalidator/wait",
    "ovs-ofctl dump-tables br0",
    "ovs-ofctl -O OpenFlow13 dump-tables br0",
    "ovs-ofctl -O OpenFlow15 dump-tables br0",
    "ovs-ofctl -O OpenFlow15 dump-ports br0 p3",
    "ovs-ofctl -O OpenFlow13 dump-ports br0 1",
]

lines = list(setup)
if not random_only and not prereq:
    lines += traffic
    lines += [
        # ovs-ofctl: commands and their argument counts (ovs_cmdl_run_command())
        "ovs-ofctl",
        "ovs-ofctl bogus br0",
        "ovs-ofctl dump-flow br0",
        "ovs-ofctl dump-flows",
        "ovs-ofctl dump-flows br0 in_port=1 extra",
        "ovs-ofctl show",
        "ovs-ofctl show br0 extra",
        "ovs-ofctl add-flow br0",
        "ovs-ofctl dump-ports",
        "ovs-ofctl dump-ports br0 p1 extra",
        "ovs-ofctl dump-tables",
        "ovs-ofctl dump-tables br0 extra",
        "ovs-ofctl dump-ports-desc",
        "ovs-ofctl dump-aggregate",
        # options (getopt_long: unknown, ambiguous abbreviations, missing arguments)
        "ovs-ofctl --bogus dump-flows br0",
        "ovs-ofctl --sorted dump-flows br0",
        "ovs-ofctl --s dump-flows br0",
        "ovs-ofctl --protocol=OpenFlow13 dump-flows br0",
        "ovs-ofctl --no-stat dump-flows br0",
        "ovs-ofctl -x dump-flows br0",
        "ovs-ofctl -Z dump-flows br0",
        "ovs-ofctl dump-flows br0 -x",
        "ovs-ofctl dump-flows -O",
        "ovs-ofctl dump-flows br0 --protocols",
        "ovs-ofctl -O bogus dump-flows br0",
        "ovs-ofctl -O OpenFlow16 dump-flows br0",
        "ovs-ofctl -O OpenFlow11 dump-flows br0",
        "ovs-ofctl -O OpenFlow10,OpenFlow13 dump-flows br0",
        "ovs-ofctl -O OpenFlow13,bogus dump-flows br0",
        "ovs-ofctl -OOpenFlow13 dump-flows br0",
        "ovs-ofctl --protocols=OpenFlow15 dump-flows br0",
        "ovs-ofctl --sort=badfield dump-flows br0",
        "ovs-ofctl --rsort=badfield dump-flows br0",
        "ovs-ofctl --sort=priority dump-flows br0",
        "ovs-ofctl --rsort dump-flows br0",
        "ovs-ofctl --sort=in_port dump-flows br0",
        "ovs-ofctl --sort=in_port dump-aggregate br0",
        "ovs-ofctl --no-stats dump-flows br0 table=1",
        "ovs-ofctl --strict dump-flows br0 priority=10,in_port=1",
        "ovs-ofctl --names dump-flows br0 in_port=p1",
        "ovs-ofctl --timeout=abc dump-flows br0",
        "ovs-ofctl -t 5 dump-flows br0 table=1",
        "ovs-ofctl -- dump-flows br0 table=1",
        # bridges and ports
        "ovs-ofctl dump-flows br9",
        "ovs-ofctl dump-flows p1",
        "ovs-ofctl dump-flows ''",
        "ovs-ofctl show br9",
        "ovs-ofctl dump-ports br9",
        "ovs-ofctl dump-tables br9",
        "ovs-ofctl dump-ports-desc br9",
        "ovs-ofctl dump-aggregate br9",
        # bad numbers and fields in a match
        "ovs-ofctl dump-flows br0 table=300",
        "ovs-ofctl dump-flows br0 table=255",
        "ovs-ofctl dump-flows br0 table=foo",
        "ovs-ofctl dump-flows br0 priority=70000",
        "ovs-ofctl --strict dump-flows br0 priority=70000",
        "ovs-ofctl dump-flows br0 out_port=foo",
        "ovs-ofctl dump-flows br0 out_port=2",
        "ovs-ofctl dump-flows br0 out_port=99",
        "ovs-ofctl dump-flows br0 in_port=foo",
        "ovs-ofctl dump-flows br0 in_port=70000",
        "ovs-ofctl dump-flows br0 cookie=0x5/-1",
        "ovs-ofctl dump-flows br0 cookie=0x5",
        "ovs-ofctl dump-flows br0 bogus=1",
        "ovs-ofctl dump-flows br0 nw_dst=10.0.0.2",
        "ovs-ofctl dump-flows br0 ip,nw_dst=10.0.0.300",
        "ovs-ofctl dump-flows br0 actions=drop",
        "ovs-ofctl dump-flows br0 idle_timeout=5",
        "ovs-ofctl add-flow br0 priority=70000,actions=drop",
        "ovs-ofctl add-flow br0 table=300,actions=drop",
        "ovs-ofctl dump-aggregate br0 table=300",
        "ovs-ofctl dump-ports br0 foo",
        "ovs-ofctl dump-ports br0 p9",
        "ovs-ofctl dump-ports br0 70000",
        "ovs-ofctl dump-ports br0 99",
        "ovs-ofctl dump-ports br0 LOCAL",
        "ovs-ofctl dump-ports br0 br0",
        "ovs-ofctl dump-ports br0 ANY",
        "ovs-ofctl dump-ports-desc br0 p9",
        "ovs-ofctl dump-ports-desc br0 99",
        "ovs-ofctl get-frags br0",
        "ovs-ofctl set-frags br0 bogus",
        "ovs-ofctl set-frags br0",
    ]
    # the read-only commands under each protocol
    for p in PROTOS:
        lines += [
            "ovs-ofctl -O %s dump-flows br0 in_port=1" % p,
            "ovs-ofctl -O %s dump-flows br0 table=1,ip" % p,
            "ovs-ofctl -O %s dump-flows br0 cookie=0x5/-1" % p,
            "ovs-ofctl -O %s dump-flows br0 out_port=1" % p,
            "ovs-ofctl -O %s dump-aggregate br0 in_port=1" % p,
            "ovs-ofctl -O %s dump-aggregate br0 table=1" % p,
            "ovs-ofctl -O %s dump-ports br0 1" % p,
            "ovs-ofctl -O %s dump-ports br0 p2" % p,
            "ovs-ofctl -O %s dump-ports br0 LOCAL" % p,
            "ovs-ofctl -O %s dump-ports-desc br0" % p,
            "ovs-ofctl -O %s dump-ports-desc br0 p3" % p,
            "ovs-ofctl -O %s dump-tables br0" % p,
            "ovs-ofctl -O %s show br0" % p,
            "ovs-ofctl -O %s get-frags br0" % p,
        ]
    lines += [
        # ovs-appctl: targets, options, unixctl argument counts
        "ovs-appctl",
        "ovs-appctl bogus",
        "ovs-appctl -t bogus list-commands",
        "ovs-appctl --target=bogus ofproto/list",
        "ovs-appctl -t",
        "ovs-appctl --bogus list-commands",
        "ovs-appctl -x list-commands",
        "ovs-appctl -T abc ofproto/list",
        "ovs-appctl --timeout=5 ofproto/list",
        "ovs-appctl -t ovs-vswitchd ofproto/list",
        "ovs-appctl list-commands extra",
        "ovs-appctl ofproto/list",
        "ovs-appctl ofproto/list extra",
        "ovs-appctl fdb/show br9",
        "ovs-appctl fdb/show",
        "ovs-appctl dpif/show extra",
        "ovs-appctl dpif/show-dp-features br9",
        "ovs-appctl upcall/show extra",
        "ovs-appctl upcall/set-flow-limit",
        "ovs-appctl upcall/set-flow-limit 1000",
        "ovs-appctl upcall/set-flow-limit abc",
        "ovs-appctl upcall/set-flow-limit 5 6",
        "ovs-appctl upcall/disable-megaflows extra",
        "ovs-appctl revalidator/wait extra",
        # dpctl/* with bad datapath names
        "ovs-appctl dpctl/show bogus@x",
        "ovs-appctl dpctl/show system@ovs-system",
        "ovs-appctl dpctl/dump-flows bogus@x",
        "ovs-appctl dpctl/dump-flows system@ovs-system",
        "ovs-appctl dpctl/del-flows bogus@x",
        "ovs-appctl dpctl/dump-conntrack bogus@x",
        "ovs-appctl dpctl/dump-conntrack system@ovs-system",
        "ovs-appctl dpctl/flush-conntrack bogus@x",
        "ovs-appctl dpctl/ct-get-nconns bogus@x",
        "ovs-appctl dpctl/ct-get-maxconns system@ovs-system",
        "ovs-appctl dpctl/ct-set-maxconns bogus@x 10",
        "ovs-appctl dpctl/get-flow bogus@x ufid:00000000-0000-0000-0000-000000000000",
        "ovs-appctl dpctl/add-dp",
        "ovs-appctl dpctl/del-dp bogus@x",
        "ovs-appctl dpctl/dump-dps",
        "ovs-appctl dpctl/dump-dps extra",
        "ovs-appctl dpctl/bogus",
        # conntrack zone limits
        "ovs-appctl dpctl/ct-get-limits",
        "ovs-appctl dpctl/ct-set-limits zone=1,limit=10",
        "ovs-appctl dpctl/ct-set-limits default=5",
        "ovs-appctl dpctl/ct-get-limits",
        "ovs-appctl dpctl/ct-get-limits zone=1",
        "ovs-appctl dpctl/ct-get-limits zone=1,2",
        "ovs-appctl dpctl/ct-get-limits zone=9",
        "ovs-appctl dpctl/ct-set-limits zone=x,limit=1",
        "ovs-appctl dpctl/ct-set-limits zone=2",
        "ovs-appctl dpctl/ct-set-limits bogus",
        "ovs-appctl dpctl/ct-set-limits",
        "ovs-appctl dpctl/ct-del-limits zone=1",
        "ovs-appctl dpctl/ct-del-limits",
        "ovs-appctl dpctl/ct-del-limits zone=x",
        "ovs-appctl dpctl/ct-get-limits",
        "ovs-appctl dpctl/ct-get-limits bogus@x",
        # userspace datapath flows by hand
        "ovs-appctl dpctl/add-flow 'in_port(1),eth(),eth_type(0x0806),arp()' 2",
        "ovs-appctl dpctl/get-flow 'in_port(1),eth(),eth_type(0x0806),arp()'",
        "ovs-appctl dpctl/mod-flow 'in_port(1),eth(),eth_type(0x0806),arp()' 3",
        "ovs-appctl dpctl/dump-flows",
        "ovs-appctl dpctl/del-flow 'in_port(1),eth(),eth_type(0x0806),arp()'",
        "ovs-appctl dpctl/del-flow 'in_port(1),eth(),eth_type(0x0806),arp()'",
        "ovs-appctl dpctl/dump-flows",
        # ovs-dpctl (no kernel datapath)
        "ovs-dpctl --bogus show",
        "ovs-dpctl -x show",
        "ovs-dpctl dump-flows system@foo",
        "ovs-dpctl dump-dps",
        "ovs-dpctl ct-get-limits",
        "ovs-dpctl show bogus@x",
        "ovs-dpctl del-dp",
        "ovs-dpctl bogus",
        # ovs-vsctl: tables, columns, records, options
        "ovs-vsctl",
        "ovs-vsctl bogus",
        "ovs-vsctl --bogus list-br",
        "ovs-vsctl -x list-br",
        "ovs-vsctl list-br extra",
        "ovs-vsctl list bogus",
        "ovs-vsctl list Brdge",
        "ovs-vsctl get Bridge br0 bogus",
        "ovs-vsctl get Bridge br9 name",
        "ovs-vsctl get bogus br0 name",
        "ovs-vsctl get Bridge br0 name",
        "ovs-vsctl get Interface p1 ofport",
        "ovs-vsctl get Interface p9 ofport",
        "ovs-vsctl set Bridge br0 bogus=1",
        "ovs-vsctl set Bridge br0 stp_enable=maybe",
        "ovs-vsctl find Bridge bogus=1",
        "ovs-vsctl br-exists br9",
        "ovs-vsctl br-exists",
        "ovs-vsctl list-ports br9",
        "ovs-vsctl list-ifaces br0",
        "ovs-vsctl port-to-br p9",
        "ovs-vsctl iface-to-br p1",
        "ovs-vsctl del-br br9",
        "ovs-vsctl --if-exists del-br br9",
        "ovs-vsctl del-port br0 p9",
        "ovs-vsctl add-br",
        "ovs-vsctl get Bridge",
        "ovs-vsctl -- list-br",
        "ovs-vsctl br-to-vlan br0",
        "ovs-vsctl br-to-parent br0",
        "ovs-vsctl br-to-vlan br9",
    ]


# random invocations: a tool, a command, options and arguments, each good or bad
BRIDGES = ["br0", "br0", "br0", "br9", "p1", "''"]
PORTS = ["1", "p1", "p2", "LOCAL", "p9", "99", "foo", "65535", "0"]
MATCHES = ["in_port=1", "table=1", "table=300", "priority=70000", "out_port=foo", "out_port=2", "ip",
           "arp,arp_tpa=10.0.0.1", "cookie=0x5/-1", "tcp,tp_dst=80", "in_port=p9", "nw_dst=10.0.0.2", "bogus=1",
           "table=1,ip,nw_dst=10.0.0.2", "dl_vlan=5000", "in_port=2,dl_src=50:54:00:00:00:01"]
OFCTL_OPTS = ["-O OpenFlow10", "-O OpenFlow13", "-O OpenFlow15", "-O OpenFlow14", "-O OpenFlow19", "--no-stats",
              "--names", "--no-names", "--sort", "--rsort=priority", "--sort=nw_dst", "--sort=bogus", "--strict",
              "--bogus", "-y", "--protocols", "--read-only", "--timeout=1", "--sort=", "-Obogus"]
OFCTL_CMDS = {"dump-flows": MATCHES, "dump-aggregate": MATCHES, "dump-ports": PORTS, "dump-ports-desc": PORTS,
              "dump-tables": [], "show": [], "get-frags": [], "dump-flws": [], "dump-table": []}
APPCTL = ["ofproto/list", "list-commands", "dpif/show", "upcall/set-flow-limit 500", "upcall/set-flow-limit x",
          "upcall/set-flow-limit", "dpctl/show bogus@x", "dpctl/dump-flows bogus@x", "dpctl/ct-get-limits",
          "dpctl/ct-set-limits zone=3,limit=7", "dpctl/ct-del-limits zone=3", "dpctl/ct-get-limits zone=3",
          "dpctl/ct-set-limits zone=70000,limit=1", "dpctl/ct-set-limits default=0", "dpctl/ct-del-limits zone=1,3",
          "fdb/show br9", "fdb/show br0", "fdb/flush br9", "dpctl/ct-get-nconns", "dpctl/ct-set-maxconns x",
          "dpctl/dump-dps", "dpctl/show system@ovs-system", "dpctl/bogus", "ofproto/lst", "dpif/dump-flows br9"]
APPCTL_OPTS = ["", "", "", "-t ovs-vswitchd", "-t bogus", "--bogus", "-q", "-T 1", "--target=ovs-vswitchd"]
VSCTL = ["list-br", "br-exists br0", "br-exists br9", "list-ports br0", "list-ports br9", "get Bridge br0 name",
         "get Bridge br0 bogus", "get Bridg br0 name", "list bogus", "get Port p1 name", "get Port p9 name",
         "port-to-br p1", "port-to-br p9", "iface-to-br p2", "br-to-vlan br0", "br-to-parent br9",
         "get Interface p2 ofport", "get Interface p2 type", "get Interface p2 bogus", "bogus-cmd", "list-ifaces br9"]
VSCTL_OPTS = ["", "", "--bogus", "-y", "--if-exists", "--timeout=abc", "--format=bogus", "--no-wait"]
DPCTL = ["show", "dump-flows", "del-flows", "dump-conntrack", "show bogus@x", "dump-dps", "bogus", "ct-get-limits",
         "dump-flows system@foo", "add-dp foo", "del-dp foo"]
DPCTL_OPTS = ["", "", "-s", "-m", "--bogus", "-x", "--names"]

# prereq: matches whose fields lack their prerequisites (no dl_type, or another one), in queries and flow_mods;
# nx_put_raw() leaves such a field out, its packet_type=(0,0) stays, and rules on in_port alone lack that
PREREQ_SETUP = [
    "ovs-ofctl -O OpenFlow15 add-flow br0 'priority=40,ipv6,actions=drop'",
    "ovs-ofctl -O OpenFlow15 add-flow br0 'priority=41,arp,arp_tpa=10.0.0.3,actions=drop'",
    "ovs-ofctl -O OpenFlow15 add-flow br0 'priority=15,dl_src=50:54:00:00:00:09,actions=drop'",
    "ovs-ofctl -O OpenFlow15 add-flow br0 'priority=1,actions=drop'",
    "ovs-ofctl add-flow br0 'table=2,priority=7,in_port=2,actions=drop'",
]
PREREQ_MATCHES = ["nw_dst=10.0.0.2", "nw_src=10.0.0.1", "tp_dst=80", "tcp_dst=80", "udp_src=1", "arp_tpa=10.0.0.2",
                  "arp_op=1", "nw_proto=17", "nw_tos=0", "ip_dscp=0", "nw_ttl=64", "icmp_type=8", "ipv6_dst=::1",
                  "nd_target=::1", "arp_sha=50:54:00:00:00:01", "mpls_label=5", "dl_src=50:54:00:00:00:09",
                  "in_port=1,nw_dst=10.0.0.2", "in_port=2,tp_src=1", "ipv6,nw_dst=10.0.0.2", "arp,tp_dst=80",
                  "ip,tp_dst=80", "table=1,nw_dst=10.0.0.2", "table=2,nw_src=10.0.0.9", "in_port=1", "ip",
                  "cookie=0x5/-1,nw_dst=10.0.0.2", "out_port=3,nw_dst=10.0.0.2", "vlan_tci=0", "eth"]
# prereq: no add-flow, no OpenFlow 1.0 modify (which may add); adds: those too (a rule left with packet_type=(0,0)
# alone sits in a subtable of its own, apart from the catch-all rules)
PREREQ_CMDS = ["dump-flows", "dump-flows", "dump-aggregate", "--strict dump-flows", "del-flows", "--strict del-flows",
               "mod-flows", "--strict mod-flows"] + (["add-flow", "add-flow", "add-flow"] if adds else [])
# adds: registered commands of ovs-vswitchd (name, min, max arguments) called with too few or too many arguments
UNIXCTL = [("bfd/show", 0, 1), ("cfm/set-fault", 1, 2), ("coverage/read-counter", 1, 1), ("dpctl/del-dp", 1, 1),
           ("dpctl/add-flow", 2, 3), ("dpctl/get-flow", 1, 2), ("dpctl/cache-set-size", 3, 3),
           ("dpctl/ct-bkts", 0, 2), ("dpctl/ipf-set-min-frag", 2, 3), ("dpctl/dump-flows", 0, 6),
           ("dpif-dummy/change-port-number", 3, 3), ("dpif-netdev/pmd-perf-show", 0, 8),
           ("dpif-netdev/subtable-lookup-prio-set", 2, 2), ("dpif-netdev/subtable-lookup-prio-get", 0, 0),
           ("bond/set-active-slave", 2, 2), ("bond/hash", 1, 3), ("revalidator/pause", 0, 0), ("exit", 0, 1),
           ("fdb/add", 4, 4), ("mdb/show", 1, 1), ("memory/show", 0, 0), ("netdev-dummy/ip6addr", 2, 2),
           ("ofproto/trace", 1, None), ("ofproto/list-tunnels", 0, 0), ("ovs/route/lookup", 1, 2),
           ("qos/show", 1, 1), ("bridge/dump-flows", 1, 2), ("stp/tcn", 0, 1), ("time/warp", 1, 2),
           ("tnl/egress_port_range", 0, 2), ("upcall/show", 0, 0), ("version", 0, 0), ("vlog/list", 0, 0),
           ("stopwatch/show", 0, 1), ("dpdk/log-list", 0, 0), ("dpctl/help", 0, None)]
BRIDGE_BOOLS = ["stp_enable", "rstp_enable", "mcast_snooping_enable"]


def adds_extra():
    k = r.randrange(4)
    if k == 0:
        name, lo, hi = r.choice(UNIXCTL)
        n = lo - 1 if lo > 0 and (hi is None or r.random() < 0.5) else (hi if hi is not None else 0) + 1
        return "ovs-appctl " + " ".join([name] + ["x%d" % i for i in range(max(n, 0))])
    if k == 1:
        return "ovs-appctl " + r.choice(["", "-t ovs-vswitchd ", "--target=ovs-vswitchd "]) + "list-commands"
    col = r.choice(BRIDGE_BOOLS)
    return r.choice(["ovs-vsctl set Bridge br0 %s=false" % col, "ovs-vsctl set Bridge br0 %s=maybe" % col,
                     "ovs-vsctl get Bridge br0 %s" % col, "ovs-vsctl clear Bridge br0 %s" % col,
                     "ovs-vsctl --columns=name,%s list Bridge br0" % col, "ovs-vsctl find Bridge %s=false" % col])

if prereq:
    lines += PREREQ_SETUP
    for _ in range(n):
        cmd = r.choice(PREREQ_CMDS)
        opts = r.choice(["", "", "-O OpenFlow13 ", "-O OpenFlow15 "] if "mod-flows" not in cmd or adds
                        else ["-O OpenFlow13 ", "-O OpenFlow15 "])
        if adds and r.random() < 0.25:
            lines.append(adds_extra())
        match = r.choice(PREREQ_MATCHES)
        if "flow" in cmd and "dump" not in cmd:
            if "strict" in cmd:
                match = "priority=%d,%s" % (r.choice([1, 5, 10, 20, 30, 40, 41, 0x8000]), match)
            if "del-flows" not in cmd:
                match += ",actions=" + r.choice(["drop", "output:2", "NORMAL"])
            lines.append("ovs-ofctl %s%s br0 '%s'" % (opts, cmd, match))
            lines.append("ovs-ofctl --no-stats dump-flows br0")
            if r.random() < 0.3:
                lines += PREREQ_SETUP + setup
        else:
            lines.append("ovs-ofctl %s%s br0 '%s'" % (opts, cmd, match))
    n = 0

for _ in range(n):
    k = r.randrange(10)
    if k < 5:
        cmd = r.choice(list(OFCTL_CMDS))
        opts = r.sample(OFCTL_OPTS, r.randrange(3))
        args = [r.choice(BRIDGES)] if r.random() < 0.95 else []
        pool = OFCTL_CMDS[cmd]
        if pool and r.random() < 0.7:
            args.append(r.choice(pool))
        if r.random() < 0.05:
            args.append("extra")
        lines.append(" ".join(["ovs-ofctl"] + opts + [cmd] + args))
    elif k < 7:
        opt = r.choice(APPCTL_OPTS)
        lines.append(" ".join(w for w in ["ovs-appctl", opt, r.choice(APPCTL)] if w))
    elif k < 9:
        opt = r.choice(VSCTL_OPTS)
        lines.append(" ".join(w for w in ["ovs-vsctl", opt, r.choice(VSCTL)] if w))
    else:
        opt = r.choice(DPCTL_OPTS)
        lines.append(" ".join(w for w in ["ovs-dpctl", opt, r.choice(DPCTL)] if w))

if prereq:
    print("# gen-ovs-cli.py %d %d %s: matches lacking their fields' prerequisites in ovs-ofctl's queries and"
          " flow_mods on br0 (p1, p2, p3)" % (seed, n_arg if adds else len(lines), sys.argv[3]))
else:
    print("# gen-ovs-cli.py %d %d%s: bad input and less common invocations of ovs-ofctl, ovs-appctl, ovs-dpctl and"
          " ovs-vsctl on br0 (p1, p2, p3)" % (seed, n, " random" if random_only else ""))
for line in lines:
    print(line)
