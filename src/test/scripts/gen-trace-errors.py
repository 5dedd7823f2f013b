#!/usr/bin/env python3
"""Malformed and odd invocations of ofproto/trace, ofproto/trace-packet-out and the datapath commands, for
record-ovs-commands.sh trace-errors (br0 with dummy ports p1, p2, p3; STATUS=1 records each exit status).

First every syntax form of OVS 3.1's parse_flow_and_packet() (ofproto/ofproto-dpif-trace.c), odp_flow_from_string()
(lib/odp-util.c), dpctl.c's commands and unixctl.c's argument counts, each with its odd variants; then SEED's N random
mutations of valid invocations (a character dropped or doubled, a field renamed, a hex packet cut short).
  src/test/scripts/gen-trace-errors.py SEED N > src/test/resources/refdata/ovs/trace-errors/commands.in
  src/test/scripts/gen-trace-errors.py SEED N mutations > .../trace-errors/mutations-SEED.in   (the flows, then the
  mutations only)
  src/test/scripts/gen-trace-errors.py SEED N recirc > .../trace-errors/recirc-SEED.in   (the flows, then N steps
  that allocate recirculation ids (ct() traces, packets received) and trace flows with recirc_id(K))

Recirculation ids (ofproto-dpif-rid.c): a trace's ids are released when it ends, a received packet's are held by its
ukeys (for the whole file: it lasts under max-idle's 10 s); a released id stays findable until recirc_run() has run
twice more (rounds 500 ms apart), so a trace of recirc_id(K) is only generated 1-2 commands after K's release (found)
or 6 and more (gone), never in between, where OVS's answer depends on when its revalidator woke.
"""
import random
import sys

seed, n = int(sys.argv[1]), int(sys.argv[2])
mutations_only = sys.argv[3:] == ["mutations"]
recirc_only = sys.argv[3:] == ["recirc"]
r = random.Random(seed)

ARP_HEX = "ffffffffffff505400000001080600010800060400015054000000010a0000010000000000000a000002"
TCP_HEX = ("505400000002505400000001080045000028000100004006f9c10a0000010a000002"
           "04d20050000000000000000050022000e3640000")
ODP_TCP = ("in_port(1),eth(src=50:54:00:00:00:01,dst=50:54:00:00:00:02),eth_type(0x0800),"
           "ipv4(src=10.0.0.1,dst=10.0.0.2,proto=6,tos=0,ttl=64,frag=no),tcp(src=1234,dst=80)")
ODP_ARP = ("in_port(2),eth(src=50:54:00:00:00:02,dst=ff:ff:ff:ff:ff:ff),eth_type(0x0806),"
           "arp(sip=10.0.0.2,tip=10.0.0.1,op=1,sha=50:54:00:00:00:02,tha=00:00:00:00:00:00)")
OF_TCP = "in_port=1,tcp,dl_src=50:54:00:00:00:01,dl_dst=50:54:00:00:00:02,nw_src=10.0.0.1,nw_dst=10.0.0.2,tp_dst=80"


def received(k):
    """Frames for netdev-dummy/receive, new ones for each group: the same exact flow again after dpctl/del-flows
    finds its ukey and installs nothing."""
    return (ODP_TCP.replace("in_port(1),", "").replace("src=1234", "src=%d" % (1234 + k)),
            ODP_ARP.replace("in_port(2),", "").replace("sip=10.0.0.2", "sip=10.0.0.%d" % (20 + k)))


def q(s):
    return "'" + s + "'"


def trace(*args):
    return "ovs-appctl ofproto/trace " + " ".join(args)


lines = [
    "ovs-ofctl -O OpenFlow15 add-flow br0 'priority=10,in_port=1,actions=output:2'",
    "ovs-ofctl -O OpenFlow15 add-flow br0 'priority=10,in_port=2,actions=output:1'",
    "ovs-ofctl -O OpenFlow15 add-flow br0 'priority=20,tcp,tp_dst=80,actions=ct(table=1,zone=1)'",
    "ovs-ofctl -O OpenFlow15 add-flow br0 'table=1,priority=0,actions=output:3'",
    # argument counts (unixctl.c) and unknown commands
    "ovs-appctl ofproto/trace",
    "ovs-appctl ofproto/trace-packet-out",
    "ovs-appctl ofproto/trace-packet-out br0",
    "ovs-appctl ofproto/tracer br0 in_port=1",
    "ovs-appctl dpctl/bogus",
    "ovs-appctl bogus",
    "ovs-appctl dpif/bogus br0",
    # the one-argument form: a datapath flow alone, else "(or the bridge name was omitted)"
    trace("br0"),
    trace(q("in_port=1")),
    trace(q(ODP_TCP)),
    trace(q(ODP_ARP)),
    trace(q("in_port(p1),eth_type(0x0806)")),
    trace(q("in_port(9),eth_type(0x0806)")),
    trace(q("in_port(1),eth(src=50:54:00:00:00:01,dst=zz)")),
    trace(q("in_port(1),eth_type(0x0800),ipv4(src=10.0.0.1")),
    trace(q("in_port(1),bogus(1)")),
    trace(q("eth_type(0x0806)")),
    trace(q("in_port(1)")),
    trace(q("recirc_id(0),in_port(1),eth_type(0x0800),ipv4(src=10.0.0.1,dst=10.0.0.2,proto=17,tos=0,ttl=64,frag=no),udp(src=1,dst=2)")),
    # neither eth() nor eth_type(): an Ethernet packet of the type its L3 key implies (parse_ethertype())
    trace(q("in_port(1),ipv4(src=10.0.0.1,dst=10.0.0.2,proto=6,tos=0,ttl=64,frag=no),tcp(src=1234,dst=80)")),
    trace(q("in_port(2),ipv4(src=10.0.0.2,dst=10.0.0.1,proto=17,tos=0,ttl=64,frag=no),udp(src=53,dst=53)")),
    trace(q("in_port(2),ipv6(src=fe80::1,dst=fe80::2,label=0,proto=58,tclass=0,hlimit=255,frag=no),"
            "icmpv6(type=135,code=0),nd(target=fe80::2)")),
    trace(q("in_port(1),mpls(label=5,tc=0,ttl=64,bos=1)")),
    trace(q("in_port(1),arp(sip=10.0.0.1,tip=10.0.0.2,op=1,sha=50:54:00:00:00:01,tha=00:00:00:00:00:00)")),
    trace(q("in_port(1),vlan(vid=5,pcp=0),encap(eth_type(0x0800))")),
    trace("ovs-dummy", q("in_port(2),ipv4(src=10.0.0.2,dst=10.0.0.1,proto=1,tos=0,ttl=64,frag=no),icmp(type=8,code=0)")),
    # a datapath name before a datapath flow
    trace("ovs-dummy", q(ODP_TCP)),
    trace("dummy", q(ODP_TCP)),
    trace("ovs-system", q(ODP_TCP)),
    trace("netdev@ovs-netdev", q(ODP_TCP)),
    trace("br0", q(ODP_TCP)),
    trace("ovs-dummy", q("in_port=1,tcp")),
    trace("ovs-dummy", q(ODP_ARP), ARP_HEX),
    trace(q(ODP_TCP), TCP_HEX),
    trace("ovs-dummy", q(ODP_TCP), "-generate"),
    trace("--ct-next", "trk,new", "ovs-dummy", q(ODP_TCP)),
    # options
    trace("--names", "br0", q(OF_TCP)),
    trace("-names", "br0", q(OF_TCP)),
    trace("--no-names", "br0", q(OF_TCP)),
    trace("--consistent", "br0", q(OF_TCP)),
    trace("-generate", "br0", q(OF_TCP)),
    trace("--generate", "br0", q("in_port=1,udp,nw_dst=10.0.0.9,tp_dst=53")),
    trace("br0", q(OF_TCP), "-generate"),
    trace("--l7", "0102", "br0", q(OF_TCP), "-generate"),
    trace("--l7", "01x2", "br0", q(OF_TCP)),
    trace("--l7", "0102", "br0", q(OF_TCP)),
    trace("br0", q(OF_TCP), "--l7"),
    trace("--l7-len", "10", "br0", q(OF_TCP)),
    trace("--l7-len", "70000", "br0", q(OF_TCP)),
    trace("br0", q(OF_TCP), "--l7-len"),
    trace("br0", q(OF_TCP), "--ct-next"),
    trace("--ct-next", "bogus", "br0", q(OF_TCP)),
    trace("--ct-next", "new", "br0", q(OF_TCP)),
    trace("--ct-next", "+trk", "br0", q(OF_TCP)),
    trace("--ct-next", "trk,new,est", "br0", q(OF_TCP)),
    trace("--ct-next", "trk,inv,new", "br0", q(OF_TCP)),
    trace("--ct-next", "trk,rpl", "br0", q(OF_TCP)),
    trace("--ct-next", "0x21", "br0", q(OF_TCP)),
    trace("--ct-next", q("trk|est"), "br0", q(OF_TCP)),
    trace("--bogus", "br0", q(OF_TCP)),
    trace("-x", "br0", q(OF_TCP)),
    trace("br0", q(OF_TCP), "-"),
    trace("br0", q(OF_TCP), TCP_HEX, "extra"),
    trace("br0", q(OF_TCP), "extra"),
    trace("br0", "in_port=1", "zz"),
    # bridges and OpenFlow flows (parse_ofp_exact_flow())
    trace("br9", q(OF_TCP)),
    trace("p1", q(OF_TCP)),
    trace("br0", q("in_port=p1,tcp")),
    trace("br0", q("in_port=p9,tcp")),
    trace("br0", q("in_port=LOCAL,arp")),
    trace("br0", q("in_port=99,arp")),
    trace("br0", q("in_port=1,foo=1")),
    trace("br0", q("in_port=1,tcp,nw_src=10.0.0.x")),
    trace("br0", q("in_port=1,tcp,ip")),
    trace("br0", q("in_port=1,tcp,udp")),
    trace("br0", q("in_port=1,tp_dst=80")),
    trace("br0", q("in_port=1,ip,nw_src=10.0.0.0/24")),
    trace("br0", q("in_port=1,in_port=2")),
    trace("br0", q("in_port=1,dl_type=0x0800,nw_proto=6,tp_dst=80")),
    trace("br0", q("in_port=1,actions=drop")),
    trace("br0", q("in_port=1,priority=5")),
    trace("br0", q("in_port=1,dl_vlan=4096")),
    trace("br0", q("in_port=1,dl_src=50:54:00:00:00")),
    trace("br0", q("")),
    trace("br0", q("in_port=1,ipv6,ipv6_src=::1/64")),
    trace("br0", q("in_port=1,icmp6,icmp_type=135,nd_target=fe80::1")),
    trace("br0", q("in_port=1,nd_target=fe80::1")),
    trace("br0", q("in_port=1,tcp,tcp_flags=+syn")),
    trace("br0", q("in_port=1,ct_state=+trk")),
    trace("br0", q("in_port=1,,tcp")),
    trace("br0", q("in_port=1 tcp")),
    # hex packets: odd lengths, bad digits, short frames, truncated headers
    trace("br0", "in_port=1", ARP_HEX),
    trace("br0", "in_port=1", ARP_HEX[:-1]),
    trace("br0", "in_port=1", ARP_HEX[:27]),
    trace("br0", "in_port=1", ARP_HEX[:28]),
    trace("br0", "in_port=1", ARP_HEX[:30]),
    trace("br0", "in_port=1", ARP_HEX[:50]),
    trace("br0", "in_port=1", TCP_HEX[:40]),
    trace("br0", "in_port=1", TCP_HEX[:70]),
    trace("br0", "in_port=1", TCP_HEX[:80]),
    trace("br0", "in_port=1", TCP_HEX + "00"),
    trace("br0", "in_port=1", "g" + ARP_HEX[1:]),
    trace("br0", "in_port=1", q(ARP_HEX[:12] + " " + ARP_HEX[12:24] + " " + ARP_HEX[24:])),
    trace("br0", "in_port=2", ARP_HEX),
    trace("br0", "in_port=1,tcp,tp_dst=80", TCP_HEX),
    trace("br0", "in_port=1", "0x" + ARP_HEX),
    trace("br0", q("in_port=1"), q("")),
    # trace-packet-out: actions last
    "ovs-appctl ofproto/trace-packet-out br0 in_port=1 output:2",
    "ovs-appctl ofproto/trace-packet-out br0 in_port=1,tcp 'ct(commit),output:3'",
    "ovs-appctl ofproto/trace-packet-out -consistent br0 in_port=1,tcp 'mod_tp_dst:8080,output:2'",
    "ovs-appctl ofproto/trace-packet-out -consistent br0 in_port=1,arp 'mod_tp_dst:8080,output:2'",
    "ovs-appctl ofproto/trace-packet-out br0 in_port=1 bogus",
    "ovs-appctl ofproto/trace-packet-out br0 in_port=1 output:99",
    "ovs-appctl ofproto/trace-packet-out br0 in_port=100 output:2",
    "ovs-appctl ofproto/trace-packet-out br0 in_port=1 goto_table:1",
    "ovs-appctl ofproto/trace-packet-out br9 in_port=1 output:2",
    "ovs-appctl ofproto/trace-packet-out br0 in_port=1 %s output:2" % ARP_HEX,
    "ovs-appctl ofproto/trace-packet-out %s output:2" % q(ODP_ARP),
    # datapath views with odd arguments
    "ovs-appctl dpctl/del-flows",
    "ovs-appctl netdev-dummy/receive p1 %s" % q(received(0)[0]),
    "ovs-appctl netdev-dummy/receive p2 %s" % q(received(0)[1]),
    "ovs-appctl netdev-dummy/receive p1 'ipv4(src=10.0.0.1,dst=10.0.0.9,proto=17,tos=0,ttl=64,frag=no),udp(src=1,dst=2)'",
    "ovs-appctl dpctl/dump-flows dummy@ovs-dummy",
    "ovs-appctl dpctl/dump-flows ovs-dummy",
    "ovs-appctl dpctl/dump-flows system@ovs-system",
    "ovs-appctl dpctl/dump-flows foo@bar",
    "ovs-appctl dpctl/dump-flows type=ovs",
    "ovs-appctl dpctl/dump-flows type=offloaded",
    "ovs-appctl dpctl/dump-flows type=dpdk",
    "ovs-appctl dpctl/dump-flows type=partially-offloaded",
    "ovs-appctl dpctl/dump-flows type=non-offloaded",
    "ovs-appctl dpctl/dump-flows type=bogus",
    "ovs-appctl dpctl/dump-flows type=all",
    "ovs-appctl dpctl/del-flows",
    "ovs-appctl netdev-dummy/receive p1 %s" % q(received(1)[0]),
    "ovs-appctl netdev-dummy/receive p2 %s" % q(received(1)[1]),
    "ovs-appctl dpctl/dump-flows 'in_port(1)'",
    "ovs-appctl dpctl/dump-flows filter='in_port(1)'",
    "ovs-appctl dpctl/dump-flows filter='in_port(p2)'",
    "ovs-appctl dpctl/dump-flows filter='eth_type(0x0806)'",
    "ovs-appctl dpctl/dump-flows filter='tcp(dst=80)'",
    "ovs-appctl dpctl/dump-flows filter='bogus'",
    "ovs-appctl dpctl/dump-flows filter=in_port=1",
    "ovs-appctl dpctl/dump-flows dummy@ovs-dummy filter='in_port(2)'",
    "ovs-appctl dpctl/del-flows",
    "ovs-appctl netdev-dummy/receive p1 %s" % q(received(2)[0]),
    "ovs-appctl netdev-dummy/receive p2 %s" % q(received(2)[1]),
    "ovs-appctl dpctl/dump-flows a b c",
    "ovs-appctl dpctl/dump-flows -x",
    "ovs-appctl dpctl/dump-flows --bogus",
    "ovs-appctl dpctl/dump-flows -s",
    "ovs-appctl dpctl/dump-flows --more",
    "ovs-appctl dpctl/dump-flows -m --no-names",
    "ovs-appctl dpctl/dump-flows --names",
    "ovs-appctl dpctl/dump-flows -m type=ovs filter='in_port(1)'",
    "ovs-appctl dpctl/del-flows",
    "ovs-appctl netdev-dummy/receive p1 %s" % q(received(3)[0]),
    "ovs-appctl netdev-dummy/receive p2 %s" % q(received(3)[1]),
    "ovs-appctl dpctl/show dummy@ovs-dummy",
    "ovs-appctl dpctl/show ovs-dummy",
    "ovs-appctl dpctl/show foo",
    "ovs-appctl dpctl/show system@ovs-system",
    "ovs-appctl dpctl/show -s dummy@ovs-dummy",
    "ovs-appctl dpctl/show -x",
    "ovs-appctl dpctl/show a b",
    "ovs-appctl dpctl/del-flows",
    "ovs-appctl netdev-dummy/receive p1 %s" % q(received(4)[0]),
    "ovs-appctl netdev-dummy/receive p2 %s" % q(received(4)[1]),
    "ovs-appctl dpif/dump-flows br9",
    "ovs-appctl dpif/dump-flows",
    "ovs-appctl dpif/dump-flows br0 br0",
    "ovs-appctl dpif/dump-flows -m br0",
    "ovs-appctl dpif/dump-flows br0 -m",
    "ovs-appctl dpif/dump-flows --bogus br0",
    "ovs-appctl dpif/show br0",
    "ovs-appctl dpctl/get-flow",
    "ovs-appctl dpctl/get-flow ufid:00000000-0000-0000-0000-000000000000",
    "ovs-appctl dpctl/get-flow bogus",
    "ovs-appctl dpctl/add-flow",
    "ovs-appctl dpctl/add-flow 'in_port(1),eth_type(0x0806)'",
    "ovs-appctl dpctl/add-flow 'in_port(1),eth_type(0x0806)' 2",
    "ovs-appctl dpctl/add-flow 'in_port(1),eth_type(0x0806)' 2",
    "ovs-appctl dpctl/add-flow 'in_port(1),eth_type(0x0806)' bogus",
    "ovs-appctl dpctl/add-flow 'in_port(9),eth_type(0x0806)' 2",
    "ovs-appctl dpctl/add-flow 'in_port(p3),eth_type(0x86dd)' drop",
    "ovs-appctl dpctl/add-flow 'bogus(1)' 2",
    "ovs-appctl dpctl/add-flow 'in_port(1),eth_type(0x0800),ipv4(src=10.0.0.1/255.255.255.0,frag=no)' 3",
    "ovs-appctl dpctl/add-flow dummy@ovs-dummy 'in_port(2),eth_type(0x0800)' 1",
    "ovs-appctl dpctl/add-flow foo@bar 'in_port(2),eth_type(0x0800)' 1",
    "ovs-appctl dpctl/add-flow 'in_port(2),ipv4(src=10.0.0.2,dst=10.0.0.1,proto=17,tos=0,ttl=64,frag=no),udp(src=1,dst=2)' 1",
    "ovs-appctl dpctl/mod-flow 'in_port(1),eth_type(0x0806)' 3",
    "ovs-appctl dpctl/mod-flow 'in_port(1),eth_type(0x0800)' 3",
    "ovs-appctl dpctl/mod-flow --may-create 'in_port(1),eth_type(0x0800)' 3",
    "ovs-appctl dpctl/mod-flow --clear 'in_port(1),eth_type(0x0806)' 3",
    "ovs-appctl dpctl/mod-flow -s 'in_port(1),eth_type(0x0806)' 2",
    "ovs-appctl dpctl/del-flow 'in_port(1),eth_type(0x0806)'",
    "ovs-appctl dpctl/del-flow 'in_port(1),eth_type(0x0806)'",
    "ovs-appctl dpctl/del-flow 'in_port(1),eth_type(0x0800),ipv4(src=10.0.0.1/255.255.255.0,frag=no)' extra",
    "ovs-appctl dpctl/del-flow 'bogus(1)'",
    "ovs-appctl dpctl/del-flow",
    "ovs-appctl dpctl/del-flows foo@bar",
    "ovs-appctl dpctl/del-flows dummy@ovs-dummy",
]

if mutations_only or recirc_only:
    lines = lines[:4]


def recirc_steps():
    """N steps on recirculation ids, simulating their allocation: ct(table=1) freezes in_port, so one id per in_port
    while a ukey holds it, else a new id per trace."""
    held = {}      # in_port -> id a ukey references
    released = {}  # id -> index of the command that released it
    next_id = [1]
    out = []

    def freeze(port, keep):
        if port in held:
            return
        released.pop(next_id[0], None)
        if keep:
            held[port] = next_id[0]
        else:
            released[next_id[0]] = len(lines) + len(out)
        next_id[0] += 1

    sport = 2000
    for _ in range(n):
        k = r.randrange(10)
        port = r.choice([1, 2])
        if k < 3:  # a trace through ct(): its id released when it ends
            if r.random() < 0.5:
                out.append(trace("br0", q(OF_TCP.replace("in_port=1", "in_port=%d" % port))))
            else:
                out.append(trace(*(["ovs-dummy"] if r.random() < 0.5 else []),
                                 q(ODP_TCP.replace("in_port(1)", "in_port(%d)" % port))))
            freeze(port, False)
        elif k < 4:  # a packet: its ukeys hold the id
            sport += 1
            out.append("ovs-appctl netdev-dummy/receive p%d %s"
                       % (port, q(ODP_TCP.replace("in_port(1),", "").replace("src=1234", "src=%d" % sport))))
            freeze(port, True)
        elif k < 8:  # a trace given recirc_id(K)
            now = len(lines) + len(out)
            ok = [i for i in range(1, next_id[0] + 2)
                  if i not in released or now - released[i] <= 2 or now - released[i] >= 6]
            rid = r.choice(ok)
            form = r.randrange(5)
            if form == 0:
                out.append(trace("br0", q(OF_TCP.replace("in_port=1", "in_port=%d" % port) + ",recirc_id(%d)" % rid)))
            elif form == 1:
                out.append(trace("br0", q("in_port=%d,arp,arp_spa=10.0.0.2,arp_tpa=10.0.0.1,arp_op=1,recirc_id(%d)"
                                          % (port, rid))))
            elif form == 2:
                out.append(trace(q(ODP_TCP.replace("in_port(1)", "in_port(%d)" % port) + ",recirc_id(%d)" % rid)))
            elif form == 3:
                out.append(trace("ovs-dummy", q("recirc_id(%d),%s" % (rid, ODP_ARP.replace(
                    "in_port(2)", "in_port(%d)" % port)))))
            else:  # actions given: a found id conflicts with them
                out.append("ovs-appctl ofproto/trace-packet-out br0 %s output:3"
                           % q("in_port=%d,udp,recirc_id(%d)" % (port, rid)))
        elif k < 9:
            out.append(r.choice(["ovs-appctl dpctl/dump-flows", "ovs-appctl dpctl/del-flows"]))
        else:  # time passes
            out.append(trace("br0", q("in_port=%d,udp,nw_src=10.0.0.1,tp_src=53" % port)))
    return out


if recirc_only:
    lines += recirc_steps()
    n = 0

# mutations of valid invocations
VALID = [("br0", OF_TCP), ("br0", "in_port=2,arp,arp_spa=10.0.0.2,arp_tpa=10.0.0.1,arp_op=1"),
         (None, ODP_TCP), ("ovs-dummy", ODP_ARP), ("br0", "in_port=1,udp,nw_src=10.0.0.1,tp_src=53")]
FIELDS = ["nw_src", "tp_dst", "arp_tpa", "dl_src", "in_port", "ipv4", "eth", "tcp", "udp", "arp"]
for _ in range(n):
    br, fl = r.choice(VALID)
    k = r.randrange(6)
    if k == 0:
        i = r.randrange(len(fl))
        fl = fl[:i] + fl[i + 1:]
    elif k == 1:
        i = r.randrange(len(fl))
        fl = fl[:i] + fl[i] + fl[i:]
    elif k == 2:
        f = r.choice([f for f in FIELDS if f in fl] or ["in_port"])
        fl = fl.replace(f, f + r.choice(["x", "_", "2"]), 1)
    elif k == 3:
        fl = fl[:r.randrange(len(fl))]
    elif k == 4:
        fl = fl + "," + r.choice(["nw_ttl=300", "tp_src=70000", "dl_vlan=5", "ip_dscp=64", "vlan_tci=0x1005",
                                  "eth_type(0x0800)", "arp_op=1", "ct_mark=0x1", "recirc_id(1)", "tunnel(tun_id=0x5)"])
    else:
        hexs = r.choice([ARP_HEX, TCP_HEX])
        cut = r.randrange(20, len(hexs))
        lines.append(trace("br0", "in_port=%d" % r.choice([1, 2]), hexs[:cut]))
        continue
    lines.append(trace(*([br] if br else []), q(fl)))

print("# gen-trace-errors.py %d %d%s: odd ofproto/trace, trace-packet-out and datapath commands on br0 (p1, p2, p3)"
      % (seed, int(sys.argv[2]), " " + sys.argv[3] if sys.argv[3:] else ""))
for line in lines:
    print(line)
