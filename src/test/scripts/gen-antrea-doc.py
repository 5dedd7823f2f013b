#!/usr/bin/env python3
"""Antrea's own pipeline, as its design document shows it, with seeded packet sequences, for the differential
campaign against the real OVS 3.1.

refdata/ovs/antrea-doc/pipeline-doc.flows and groups-doc.txt are every flow and group listed in Antrea's
docs/design/ovs-pipeline.md (antrea-io/antrea at fc70f2bb7, Apache-2.0), as `dump-flows --names` prints them, one per
line (continuation lines joined). This script writes DIR/pipeline.flows and DIR/commands.in for
record-antrea-doc.sh: the tables numbered in pipeline order as Antrea numbers them (PipelineRootClassifier 0,
ARPSpoofGuard 1, ...), the flow learned by SessionAffinity left out (the traffic learns it), the groups the document
names but does not list (12, 14, 16, 17, 18) made like its group 10, the meter 256 its packet-in flows use, and the
ports at the OpenFlow numbers its registers hold (reg1 0x24-0x26 for the pods, reg9 0x22 and 0x27 for the traffic
control ports). Then, in a seeded order, packets received on the ports (ARP for the gateway, a remote gateway and a
pod, spoofed ARP, TCP handshakes between pods and through ClusterIP, NodePort and LoadBalancer services with and
without session affinity, a service without endpoints, policy-allowed and policy-dropped connections, ICMP echo,
a tagged frame from the L7 tap, traffic from the gateway and to remote pods), ofproto/trace of some of them (with
and without --ct-next), and at the end the datapath, conntrack, fdb and OpenFlow views.
With --wide (seeds 20 on; without it a seed's files are what they always were): the packet sequence received a
second time (megaflow hits, conntrack's established state, the learned affinity flow used), an ARP responder flow
changed with mod-flows and the learned flows deleted by their cookie between the passes, and more views: every
table's dump in OpenFlow 1.0, 1.3 and 1.5 with and without --names, dump-aggregate, dpif/dump-flows, dpctl/dump-flows
-m, dump-ports and revalidator/wait.
  src/test/scripts/gen-antrea-doc.py SEED DIR [--wide]
"""
import os
import random
import re
import sys

seed, out = int(sys.argv[1]), sys.argv[2]
WIDE = "--wide" in sys.argv[3:]
r = random.Random(seed)
rw = random.Random(seed * 7919 + 5)  # --wide's own stream
here = os.path.dirname(os.path.abspath(__file__))
doc = os.path.join(here, "..", "resources", "refdata", "ovs", "antrea-doc")

# name -> (ofport, type); the document's pod ports and the ofports its L2ForwardingCalc and TrafficControl use
PORTS = [("antrea-tun0", 1, "geneve"), ("antrea-gw0", 2, "dummy"), ("antrea-tc-tap0", 34, "dummy"),
         ("antrea-tc-tap2", 35, "dummy"), ("client-6-3353ef", 36, "dummy"), ("web-7975-274540", 37, "dummy"),
         ("db-755c6-5080e3", 38, "dummy"), ("antrea-tc-tap1", 39, "dummy"), ("antrea-l7-tap0", 40, "dummy"),
         ("antrea-l7-tap1", 41, "dummy")]
OFPORT = {n: p for n, p, _ in PORTS}
GW = ("antrea-gw0", "ba:5e:d1:55:aa:c0", "10.10.0.1")
CLIENT = ("client-6-3353ef", "5e:b5:e3:a6:90:b7", "10.10.0.26")
WEB = ("web-7975-274540", "fa:b7:53:74:21:a6", "10.10.0.24")
DB = ("db-755c6-5080e3", "36:48:21:a2:9d:b4", "10.10.0.25")
PODS = [CLIENT, WEB, DB]
VMAC = "aa:bb:cc:dd:ee:ff"
REMOTE_POD = "10.10.1.6"

lines = [l.rstrip("\n") for l in open(os.path.join(doc, "pipeline-doc.flows")) if l.strip()]
tables = []
for l in lines:
    t = re.match(r"table=([A-Za-z0-9]+),", l).group(1)
    if t not in tables:
        tables.append(t)
TABLE = {t: i for i, t in enumerate(tables)}


def numbered(s):
    s = re.sub(r"(table=|goto_table:|resubmit\(,)([A-Z][A-Za-z0-9]+)", lambda m: m.group(1) + str(TABLE[m.group(2)]), s)
    return s


flows = [numbered(l) for l in lines if not l.startswith("table=SessionAffinity, hard_timeout")]
groups = [numbered(g.rstrip("\n")) for g in open(os.path.join(doc, "groups-doc.txt")) if g.strip()]
g10 = next(g for g in groups if g.startswith("group_id=10,"))
for gid in (12, 14, 16, 17, 18):
    groups.append(g10.replace("group_id=10,", "group_id=%d," % gid, 1))
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "pipeline.flows"), "w") as f:
    f.write("".join(x + "\n" for x in flows))

cmds = []
proto = r.choice(["OpenFlow15", "OpenFlow15", "OpenFlow13"])
cmds.append("ovs-ofctl -O OpenFlow15 add-meter br-int meter=256,pktps,bands=type=drop,rate=100")
for g in groups:
    cmds.append("ovs-ofctl -O OpenFlow15 add-group br-int '%s'" % g)
cmds.append("ovs-ofctl -O %s add-flows br-int pipeline.flows" % proto)


def eth(src, dst, rest):
    return "eth(src=%s,dst=%s),%s" % (src, dst, rest)


def arp(port, sha, spa, tpa):
    return ("netdev-dummy", port, eth(sha, "ff:ff:ff:ff:ff:ff", "eth_type(0x0806),arp(sip=%s,tip=%s,op=1,sha=%s,"
                                      "tha=00:00:00:00:00:00)" % (spa, tpa, sha)))


def ip4(src, dst, proto, ttl=64):
    return "eth_type(0x0800),ipv4(src=%s,dst=%s,proto=%d,tos=0,ttl=%d,frag=no)" % (src, dst, proto, ttl)


def tcp(port, smac, dmac, sip, dip, sp, dp, flags):
    return ("netdev-dummy", port, eth(smac, dmac, ip4(sip, dip, 6) + ",tcp(src=%d,dst=%d),tcp_flags(%s)"
                                      % (sp, dp, flags)))


def icmp(port, smac, dmac, sip, dip, typ, ident):
    return ("netdev-dummy", port, eth(smac, dmac, ip4(sip, dip, 1) + ",icmp(type=%d,code=0)" % typ))


def trace(port, smac, dmac, sip, dip, sp, dp, ct=None):
    f = "in_port=%d,tcp,dl_src=%s,dl_dst=%s,nw_src=%s,nw_dst=%s,nw_ttl=64,tp_src=%d,tp_dst=%d,tcp_flags=syn" % (
        OFPORT[port], smac, dmac, sip, dip, sp, dp)
    return ("trace", ct, f)


def handshake(client, server_ip, dport, reply_from, reply_ip, via_gw=True):
    """A TCP handshake from pod `client` to server_ip:dport, answered by the pod `reply_from` from reply_ip."""
    sp = r.randrange(32768, 61000)
    dmac = GW[1] if via_gw else reply_from[1]
    out = [tcp(client[0], client[1], dmac, client[2], server_ip, sp, dport, "syn")]
    if reply_from is not None:
        out.append(tcp(reply_from[0], reply_from[1], r.choice([client[1], GW[1]]), reply_ip, client[2], dport, sp,
                       "syn|ack"))
    out.append(tcp(client[0], client[1], dmac, client[2], server_ip, sp, dport, "ack"))
    if r.random() < 0.3:
        out.append(tcp(client[0], client[1], dmac, client[2], server_ip, sp, dport, "fin|ack"))
    if r.random() < 0.4:
        out.append(trace(client[0], client[1], dmac, client[2], server_ip, sp, dport,
                         r.choice([None, "trk,new", "trk,est"])))
    return out


def scenarios():
    s = []
    pod = r.choice(PODS)
    s.append([arp(pod[0], pod[1], pod[2], GW[2])])  # the gateway: NORMAL
    s.append([arp(pod[0], pod[1], pod[2], "10.10.1.1")])  # a remote gateway: the ARP responder
    a, b = r.sample(PODS, 2)
    s.append([arp(a[0], a[1], a[2], b[2])])  # a pod: NORMAL floods it
    s.append([arp(a[0], a[1], "10.10.0.%d" % r.randrange(40, 250), GW[2])])  # spoofed: dropped
    s.append([arp(GW[0], GW[1], GW[2], r.choice(PODS)[2])])
    s.append(handshake(CLIENT, WEB[2], r.choice([80, 8080, 443]), WEB, WEB[2], via_gw=False))  # ingress policies
    s.append(handshake(WEB, DB[2], r.choice([3306, 3306, 5432]), DB, DB[2], via_gw=False))  # egress conjunction
    s.append(handshake(CLIENT, DB[2], r.choice([3306, 80]), DB, DB[2], via_gw=False))
    s.append(handshake(WEB, CLIENT[2], 80, CLIENT, CLIENT[2], via_gw=False))  # web's egress default drop
    ep = r.choice([WEB, None])  # a ClusterIP with two endpoints: the local web pod or a remote one
    s.append(handshake(CLIENT, "10.105.31.235", 80, ep, WEB[2]))
    s.append(handshake(r.choice([CLIENT, DB]), "10.96.76.15", 80, WEB, WEB[2]))  # session affinity: learns
    s.append(handshake(CLIENT, "10.101.255.29", 80, None, None))  # no endpoints: controller(userdata=04)
    s.append([icmp(a[0], a[1], b[1], a[2], b[2], 8, 1), icmp(b[0], b[1], a[1], b[2], a[2], 0, 1)])
    s.append([tcp(GW[0], "aa:55:aa:55:00:02", GW[1] if r.random() < 0.5 else CLIENT[1],
                  r.choice(["192.168.77.%d" % r.randrange(2, 250), "172.16.%d.%d" % (r.randrange(256),
                                                                                   r.randrange(1, 250))]),
                  r.choice(["192.168.77.102", "192.168.77.150", "192.168.77.151", CLIENT[2]]),
                  r.randrange(1024, 65535), r.choice([80, 30004]), "syn")])  # NodePort, LoadBalancer, direct
    s.append([tcp(a[0], a[1], GW[1], a[2], "10.10.1.%d" % r.randrange(2, 250), r.randrange(1024, 65535),
                  r.choice([80, 8080]), "syn")])  # to a remote pod: tunnel
    s.append([tcp(a[0], a[1], GW[1], a[2], "8.8.%d.%d" % (r.randrange(256), r.randrange(1, 255)),
                  r.randrange(1024, 65535), 443, "syn")])  # egress through the gateway
    s.append([("netdev-dummy", "antrea-l7-tap1", "eth(src=%s,dst=%s),eth_type(0x8100),vlan(vid=%d,pcp=0),"
               "encap(%s,tcp(src=%d,dst=80),tcp_flags(ack))" % (CLIENT[1], WEB[1], r.randrange(1, 4095),
                                                                ip4(CLIENT[2], WEB[2], 6),
                                                                r.randrange(1024, 65535)))])
    s.append([("trace", None, "in_port=1,tun_id=0,tun_src=192.168.77.103,tun_dst=192.168.77.102,tcp,"
               "dl_src=%s,dl_dst=%s,nw_src=%s,nw_dst=%s,nw_ttl=63,tp_src=%d,tp_dst=80" % (
                   VMAC, r.choice([WEB[1], VMAC]), REMOTE_POD, WEB[2], r.randrange(1024, 65535)))])
    r.shuffle(s)
    return s[:r.randrange(10, len(s) + 1)]


picked = scenarios()


def run(scs):
    for sc in scs:
        for kind, a, b in sc:
            if kind == "netdev-dummy":
                cmds.append("ovs-appctl netdev-dummy/receive %s '%s'" % (a, b))
            else:
                cmds.append("ovs-appctl ofproto/trace %sbr-int '%s'" % ("--ct-next '%s' " % a if a else "", b))


run(picked)
if WIDE:
    cmds.append("ovs-appctl revalidator/wait")
    cmds.append("ovs-ofctl -O OpenFlow15 dump-aggregate br-int table=%d" % TABLE[rw.choice(tables)])
    resp = TABLE["ARPResponder"]
    cmds.append("ovs-ofctl -O %s mod-flows br-int 'table=%d,arp,arp_tpa=10.10.1.1,actions=%s'" % (
        rw.choice(["OpenFlow13", "OpenFlow15"]), resp, rw.choice(["drop", "NORMAL", "goto_table:%d" % (resp + 1)])))
    if rw.random() < 0.5:
        cmds.append("ovs-ofctl -O OpenFlow15 del-flows br-int 'cookie=0x203000000000a/-1'")
    rw.shuffle(picked)
    run(picked[:rw.randrange(4, len(picked) + 1)])
    cmds.append("ovs-appctl revalidator/wait")
    cmds.append("ovs-appctl dpif/dump-flows br-int")
    cmds.append("ovs-appctl dpctl/dump-flows -m")
    cmds.append("ovs-ofctl -O OpenFlow13 dump-ports br-int %d" % rw.choice([2, 36, 37, 38]))
    for t in tables:
        cmds.append("ovs-ofctl -O %s%s dump-flows br-int table=%d" % (
            rw.choice(["OpenFlow10", "OpenFlow13", "OpenFlow15"]), rw.choice(["", " --names", " --no-stats"]),
            TABLE[t]))
# the learned affinity flow, the datapath and the rest
cmds.append("ovs-ofctl -O OpenFlow15 dump-flows br-int table=%d" % TABLE["SessionAffinity"])
cmds.append("ovs-appctl dpctl/dump-flows")
cmds.append("ovs-appctl dpctl/dump-conntrack")
cmds.append("ovs-appctl fdb/show br-int")
for t in r.sample(tables, 4):
    cmds.append("ovs-ofctl -O %s dump-flows br-int table=%d" % (r.choice(["OpenFlow13", "OpenFlow15"]), TABLE[t]))
cmds.append("ovs-ofctl -O OpenFlow15 --names --no-stats dump-flows br-int")
cmds.append("ovs-ofctl -O OpenFlow15 dump-group-stats br-int")
cmds.append("ovs-appctl dpctl/show -s")
with open(os.path.join(out, "commands.in"), "w") as f:
    f.write("# gen-antrea-doc.py %d%s: Antrea's documented pipeline on br-int; ports %s\n" % (
        seed, " --wide" if WIDE else "", " ".join("%s=%d%s" % (n, p, "" if t == "dummy" else ":" + t) for n, p, t in PORTS)))
    f.write("".join(c + "\n" for c in cmds))
