#!/usr/bin/env python3
"""Seeded random Antrea-shaped pipelines and packet sequences for the differential campaign against the real OVS 3.1.

Writes DIR/pipeline.flows and DIR/commands.in for record-antrea.sh: br-int with the geneve port antrea-tun0 (ofport
1, remote_ip=flow, key=flow), the gateway antrea-gw0 (2) and 2-4 pod ports p3..p6 (dummy, tx_pcap). The pipeline has
Antrea's tables: 0 classifier (reg0 marks), 10 spoof guard, 20 ARP responder, 30 conntrack, 31 ct state, 40-50
policies (conjunctions), 70 L3 forwarding (routing to pods, tunnel to remote nodes), 80 L2 forwarding (dst MAC ->
reg1), 90 ingress policy, 105 ct commit, 110 output. Then packets received on the ports (ARP for the gateway and for
pods, spoofed ARP, TCP handshakes and FIN, UDP, ICMP echo and reply, TTL 1), ofproto/trace with and without
--ct-next, and the datapath, conntrack, fdb and OpenFlow views after them.
With --wide (seeds 15 on; without it a seed's files are what they always were): 4-7 pods, always a service, a second
zone Z2 for egress SNAT (ct(commit,nat(src=IP[:PORT]))) and its un-SNAT (table 29), a NodePort DNAT from the gateway,
hairpin (an endpoint reaching itself through the service: SNAT to a virtual IP in Z2, IN_PORT), policy drops of
ct_state=+new only (established bypass), ct_label set at commit and matched in table 31, and ICMP errors (time
exceeded from a router, port unreachable from a pod) carrying a tracked packet (+rel). IP fragments are left out:
the userspace datapath's ipf (lib/ipf.c, enabled by default) holds them for reassembly, which arplab does not model.
With --svc (seeds 94 on): always a service, and AntreaProxy-like flows on the conntrack original tuple: table 31
marks established service connections by ct_nw_dst/ct_nw_proto/ct_tp_dst (or moves them into reg3/reg4) and replies
by a ct_nw_dst prefix, table 45 learns an affinity flow into table 36 from the tuple, table 70 may match ct_nw_src.
  src/test/scripts/gen-antrea.py SEED DIR [--wide] [--svc]
"""
import os
import random
import sys

seed, out = int(sys.argv[1]), sys.argv[2]
WIDE = "--wide" in sys.argv[3:]
SVC = "--svc" in sys.argv[3:]  # the original tuple matched as Antrea's proxy flows do (implies a service)
r = random.Random(seed)
rw = random.Random(seed * 104729 + 2)  # --wide's own stream
GW_VMAC = "aa:bb:cc:dd:ee:ff"  # Antrea's global virtual MAC
NET = r.choice([10, 20, 30, 222])
GW_IP = "10.%d.1.1" % NET
GW_MAC = "aa:55:aa:55:00:02"  # netdev-dummy's MAC of the second port it creates
npods = r.choice([2, 3, 4])
if WIDE:
    npods = rw.choice([4, 5, 6, 7])
PODS = []  # (ofport, mac, ip)
for k in range(npods):
    mac = "%02x:%02x:%02x:%02x:%02x:%02x" % tuple([r.randrange(256) & 0xfe | 2] + [r.randrange(256) for _ in range(5)])
    PODS.append((3 + k, mac, "10.%d.1.%d" % (NET, r.randrange(2, 250))))
REMOTE = ["10.%d.2.%d" % (NET, r.randrange(2, 250)) for _ in range(2)]  # pods behind the tunnel
NODES = ["192.168.77.%d" % r.randrange(2, 250) for _ in range(2)]
EXTERNAL = "172.16.%d.%d" % (r.randrange(256), r.randrange(1, 250))
ZONE = r.choice([65520, 65521, 7])
NAT = r.choice(["", ",nat"])
MARK = r.choice([0x20, 0x2, 0x40])
ZONE2 = rw.choice([z for z in (65521, 65522, 9) if z != ZONE])
NODE_IP = "192.168.77.1"  # this node: the egress SNAT address and the NodePort's
HAIRPIN_IP = "169.254.169.252"  # Antrea's virtual IP a hairpinned connection is SNAT'ed to
EGRESS = "172.17.%d.%d" % (rw.randrange(256), rw.randrange(1, 250))  # external, SNAT'ed to NODE_IP
SNAT_PORT = rw.choice([None, None, rw.randrange(20000, 30000)])
SNAT = "nat(src=%s%s%s)" % (NODE_IP, "" if SNAT_PORT is None else rw.choice([":%d" % SNAT_PORT, ":%d-%d" % (
    SNAT_PORT, SNAT_PORT)]), rw.choice(["", "", ",random", ",persistent", ",hash"]))
NODEPORT = rw.randrange(30000, 32768)
flows = []


def add(table, prio, match, actions):
    flows.append("table=%d, priority=%d%s actions=%s" % (table, prio, "," + match if match else "", actions))


def load_or_set(value_hex, field_nxm, field_of, text):
    return r.choice(["load:%s->%s" % (value_hex, field_nxm), "set_field:%s->%s" % (text, field_of)])


# 0 classifier (pipeline_classifier): the port's kind in reg0[0..15]; from the tunnel reg0[19] and straight to ct
add(0, 200, "in_port=1", "load:0x1->NXM_NX_REG0[0..15],load:0x1->NXM_NX_REG0[19],goto_table:30")
add(0, 200, "in_port=2", "load:0x2->NXM_NX_REG0[0..15],goto_table:10")
for port, mac, ip in PODS:
    add(0, 190, "in_port=%d" % port, "load:0x3->NXM_NX_REG0[0..15],goto_table:10")
add(0, 0, "", "drop")
# 10 spoof guard
add(10, 200, "ip,in_port=2", "goto_table:%d" % (29 if WIDE else 30))
add(10, 200, "arp,in_port=2,arp_spa=%s,arp_sha=%s" % (GW_IP, GW_MAC), "goto_table:20")
for port, mac, ip in PODS:
    add(10, 200, "arp,in_port=%d,arp_spa=%s,arp_sha=%s" % (port, ip, mac), "goto_table:20")
    add(10, 200, "ip,in_port=%d,dl_src=%s,nw_src=%s" % (port, mac, ip), "goto_table:%d" % (29 if WIDE else 30))
add(10, 0, "", "drop")
# 20 ARP responder: the reply built in place and sent back IN_PORT
responders = [(GW_IP, GW_VMAC)] + [(ip, GW_VMAC) for ip in REMOTE[:r.choice([0, 1, 2])]]
for ip, mac in responders:
    a, b, c, d = (int(x) for x in ip.split("."))
    acts = ["move:NXM_OF_ETH_SRC[]->NXM_OF_ETH_DST[]",
            r.choice(["mod_dl_src:%s" % mac, "set_field:%s->eth_src" % mac]),
            load_or_set("0x2", "NXM_OF_ARP_OP[]", "arp_op", "2"),
            "move:NXM_NX_ARP_SHA[]->NXM_NX_ARP_THA[]",
            load_or_set("0x" + mac.replace(":", ""), "NXM_NX_ARP_SHA[]", "arp_sha", mac),
            "move:NXM_OF_ARP_SPA[]->NXM_OF_ARP_TPA[]",
            load_or_set("0x%x" % (a << 24 | b << 16 | c << 8 | d), "NXM_OF_ARP_SPA[]", "arp_spa", ip),
            "IN_PORT"]
    add(20, 200, "arp,arp_tpa=%s,arp_op=1" % ip, ",".join(acts))
add(20, 190, "arp", r.choice(["NORMAL", "NORMAL", "goto_table:80"]))
add(20, 0, "", "drop")
# 29 un-SNAT in the second zone: replies to the node's address and to the hairpin address
if WIDE:
    add(29, 200, "ip,nw_dst=%s" % NODE_IP, "ct(table=30,zone=%d,nat)" % ZONE2)
    add(29, 200, "ip,nw_dst=%s" % HAIRPIN_IP, "load:0x1->NXM_NX_REG0[18],ct(table=30,zone=%d,nat)" % ZONE2)
    add(29, 0, "", "goto_table:30")
# 30 conntrack, 31 its state
add(30, 200, "ip", "ct(table=31,zone=%d%s)" % (ZONE, NAT))
add(30, 0, "", "goto_table:31")
add(31, 210, "ct_state=-new+trk,ct_mark=0x%x,ip,reg0=0x2/0xffff" % MARK, "goto_table:40")
add(31, 200, "ct_state=+inv+trk,ip", "drop")
add(31, 200, "ct_state=-new+trk,ct_mark=0x%x,ip" % MARK,
    load_or_set("0x" + GW_MAC.replace(":", ""), "NXM_OF_ETH_DST[]", "eth_dst", GW_MAC) + ",goto_table:40")
if r.random() < 0.5:
    add(31, 190, "ct_state=-new+trk,ct_label=0x1/0x1,ip", "goto_table:70")
LABELLED = rw.choice(PODS)  # connections from this pod get its port in ct_label[32..47], matched when established
if WIDE:
    add(31, 195, "ct_state=+est+trk,ct_label=0x%x00000000/0xffff00000000,ip" % LABELLED[0],
        "load:0x%x->NXM_NX_REG2[],goto_table:%d" % (LABELLED[0], rw.choice([40, 70])))
    add(31, 196, "ct_state=+rel+trk,ip", rw.choice(["goto_table:70", "load:0x1->NXM_NX_REG2[8],goto_table:40"]))
# 35 service load balancing (a ClusterIP with a select group of pod endpoints), 42 the endpoint's DNAT; its own
# random stream, so that the rest of the pipeline does not depend on whether there is one
rs = random.Random(seed * 7919 + 1)
SERVICE = None
if rs.random() < 0.6 or WIDE or SVC:
    SERVICE = ("10.96.%d.%d" % (rs.randrange(256), rs.randrange(1, 255)), rs.choice([80, 443, 53]),
               rs.sample(PODS, rs.choice([1, 2])), rs.choice([8080, 80]))
    add(31, 0, "", "goto_table:35")
    svc_ip, svc_port, eps, ep_port = SERVICE
    add(35, 200, "tcp,nw_dst=%s,tp_dst=%d" % (svc_ip, svc_port), "group:1")
    if WIDE:  # a NodePort from the gateway, straight to its endpoint's DNAT
        nport, nmac, nip = eps[0]
        a, b, c, d = (int(x) for x in nip.split("."))
        add(35, 200, "tcp,reg0=0x2/0xffff,nw_dst=%s,tp_dst=%d" % (NODE_IP, NODEPORT),
            "load:0x%x->NXM_NX_REG3[],load:0x%x->NXM_NX_REG4[0..15],goto_table:42" % (a << 24 | b << 16 | c << 8 | d,
                                                                                        ep_port))
    add(35, 0, "", "goto_table:40")
    for port, mac, ip in eps:
        a, b, c, d = (int(x) for x in ip.split("."))
        add(42, 200, "tcp,reg3=0x%x,reg4=0x%x/0xffff" % (a << 24 | b << 16 | c << 8 | d, ep_port),
            "ct(commit,table=45,zone=%d,nat(dst=%s:%d),exec(load:0x21->NXM_NX_CT_MARK[]))" % (ZONE, ip, ep_port))
    add(42, 0, "", "goto_table:45")
    add(45, 0, "", "goto_table:70")
    if SVC:  # its own stream: established service connections by their original tuple (AntreaProxy's
        # MatchCTDstIP/MatchCTDstPort/MatchCTProtocol), read into registers, and learned from for affinity
        rv = random.Random(seed * 6007 + 3)
        a, b, c, d = (int(x) for x in svc_ip.split("."))
        add(31, 205, "ct_state=+est+trk,ct_nw_dst=%s,ct_nw_proto=6,ct_tp_dst=%d,ip" % (svc_ip, svc_port),
            rv.choice(["load:0x1->NXM_NX_REG4[19],goto_table:%d" % rv.choice([40, 70]),
                       "move:NXM_NX_CT_NW_DST[]->NXM_NX_REG3[],move:NXM_NX_CT_TP_DST[]->NXM_NX_REG4[0..15],"
                       "goto_table:%d" % rv.choice([40, 70])]))
        add(31, 204, "ct_state=+rpl+trk,ct_nw_dst=%s/%d,ip" % (svc_ip, rv.choice([32, 24, 16])),
            "load:0x1->NXM_NX_REG4[20],goto_table:70")
        if rv.random() < 0.7:
            add(45, 100, "ct_state=+new+trk,tcp,ct_nw_proto=6,ct_tp_dst=%d" % svc_port,
                "learn(table=36,idle_timeout=%d,priority=200,cookie=0x%x,eth_type=0x800,nw_proto=6,"
                "NXM_OF_IP_SRC[],NXM_OF_IP_DST[]=NXM_NX_CT_NW_DST[],NXM_OF_TCP_DST[]=NXM_NX_CT_TP_DST[],"
                "load:NXM_NX_REG3[]->NXM_NX_REG3[],load:NXM_NX_REG4[0..15]->NXM_NX_REG4[0..15]),goto_table:70"
                % (rv.choice([30, 300]), rv.randrange(1, 0xffff)))
        add(36, 0, "", "goto_table:40")
        if rv.random() < 0.5:
            add(70, 195, "ct_state=+est+trk,ct_nw_src=%s,ip" % rv.choice(PODS)[2],
                "load:0x1->NXM_NX_REG4[21],goto_table:80")
    NAT = ",nat"
else:
    add(31, 0, "", "goto_table:40")


def policy(table, nxt, cid):
    """A conjunctive rule of Antrea's NetworkPolicy shape: from these addresses, to these, on these ports."""
    prio = r.choice([14000, 14900, 200])
    ips = [p[2] for p in PODS] + REMOTE + [EXTERNAL, GW_IP]
    dims = r.sample(["nw_src", "nw_dst", "tp_dst"], r.choice([2, 3]))
    for k, d in enumerate(dims):
        for _ in range(r.choice([1, 2])):
            if d == "tp_dst":
                m = "%s,tp_dst=%d" % (r.choice(["tcp", "udp"]), r.choice([80, 53, 443, 8080]))
            else:
                m = "ip,%s=%s" % (d, r.choice(ips))
            add(table, prio, m, "conjunction(%d,%d/%d)" % (cid, k + 1, len(dims)))
    act = r.choice(["drop", "load:0x%x->NXM_NX_REG3[],goto_table:%d" % (cid, nxt),
                    "ct(commit,table=%d,zone=%d,exec(load:0x1->NXM_NX_CT_LABEL[0..31]))" % (nxt, ZONE)])
    add(table, prio, "conj_id=%d,ip" % cid, act)
    if r.random() < 0.4:  # a plain drop next to the conjunction
        add(table, prio - 1, "ip,nw_src=%s" % r.choice(ips), "drop")


# 40-50 egress policies; with --wide, established connections bypass them and one pod takes no new ones
if WIDE:
    add(40, 15000, "ct_state=-new+est+trk,ip", "goto_table:50")
    DENIED = rw.choice(PODS)
    add(40, 14999, "ct_state=+new+trk,ip,nw_dst=%s" % DENIED[2], "drop")
policy(40, 50, 1)
add(40, 0, "", "goto_table:50")
if r.random() < 0.6:
    policy(50, 70, 2)
add(50, 0, "", "goto_table:70")
# 70 L3 forwarding: to local pods through the gateway MAC, to remote nodes through the tunnel
for port, mac, ip in PODS:
    if r.random() < 0.8:
        add(70, 200, "ip,dl_dst=%s,nw_dst=%s" % (GW_VMAC, ip),
            "mod_dl_src:%s,mod_dl_dst:%s,dec_ttl,goto_table:80" % (GW_MAC, mac))
for k, ip in enumerate(REMOTE):
    node = NODES[k % len(NODES)]
    tun = r.choice(["set_field:%s->tun_dst" % node, "load:0x%s->NXM_NX_TUN_IPV4_DST[]" % "".join(
        "%02x" % int(x) for x in node.split("."))])
    key = r.choice(["", ",set_field:0x%x->tun_id" % r.randrange(1, 4096)])
    add(70, 200, "ip,reg0=0x3/0xffff,nw_dst=%s/32" % ip if r.random() < 0.5 else "ip,nw_dst=%s" % ip,
        "mod_dl_src:%s,mod_dl_dst:%s,dec_ttl,%s%s,goto_table:80" % (GW_MAC, GW_VMAC, tun, key))
add(70, 190, "ip,reg0=0x3/0xffff,nw_dst=%s" % EXTERNAL, "mod_dl_dst:%s,goto_table:80" % GW_MAC)
if WIDE:
    add(70, 190, "ip,reg0=0x3/0xffff,nw_dst=%s" % EGRESS, "mod_dl_dst:%s,goto_table:80" % GW_MAC)
    for port, mac, ip in PODS:  # hairpin: the endpoint is the client
        add(70, 210, "ip,nw_src=%s,nw_dst=%s" % (ip, ip), "mod_dl_src:%s,mod_dl_dst:%s,load:0x1->NXM_NX_REG0[18],"
            "ct(commit,table=80,zone=%d,nat(src=%s))" % (GW_MAC, mac, ZONE2, HAIRPIN_IP))
add(70, 0, "", "goto_table:80")
# 80 L2 forwarding: destination MAC -> reg1, reg0[16] = known
for port, mac, ip in PODS:
    add(80, 200, "dl_dst=%s" % mac, "load:0x%x->NXM_NX_REG1[],load:0x1->NXM_NX_REG0[16],goto_table:90" % port)
add(80, 200, "dl_dst=%s" % GW_MAC, "load:0x2->NXM_NX_REG1[],load:0x1->NXM_NX_REG0[16],goto_table:90")
add(80, 200, "dl_dst=%s" % GW_VMAC, "load:0x1->NXM_NX_REG1[],load:0x1->NXM_NX_REG0[16],goto_table:90")
add(80, 0, "", r.choice(["goto_table:90", "NORMAL"]))
# 90 ingress policy
if r.random() < 0.7:
    policy(90, 105, 3)
if r.random() < 0.5:
    add(90, 100, "ip,reg1=0x%x" % r.choice(PODS)[0], "drop")
add(90, 0, "", "goto_table:105")
# 105 ct commit: connections from the gateway get the mark
add(105, 200, "ct_state=+new+trk,ip,reg0=0x2/0xffff",
    "ct(commit,table=110,zone=%d%s,exec(load:0x%x->NXM_NX_CT_MARK[]))" % (ZONE, NAT, MARK))
if WIDE:
    add(105, 195, "ct_state=+new+trk,ip,in_port=%d" % LABELLED[0], "ct(commit,table=108,zone=%d%s,exec(%s))" % (
        ZONE, NAT, rw.choice(["load:0x%x->NXM_NX_CT_LABEL[32..47]" % LABELLED[0],
                              "move:NXM_OF_IN_PORT[]->NXM_NX_CT_LABEL[32..47]",
                              "set_field:0x%x00000000/0xffff00000000->ct_label" % LABELLED[0]])))
add(105, 190, "ct_state=+new+trk,ip", "ct(commit,table=%d,zone=%d%s)" % (108 if WIDE else 110, ZONE, NAT))
add(105, 0, "", "goto_table:%d" % (108 if WIDE else 110))
# 108 egress SNAT in the second zone: new connections committed with nat(src=...), the rest translated
if WIDE:
    add(108, 200, "ct_state=+new+trk,ip,nw_dst=%s" % EGRESS, "ct(commit,table=110,zone=%d,%s)" % (ZONE2, SNAT))
    add(108, 190, "ip,nw_dst=%s" % EGRESS, "ct(table=110,zone=%d,nat)" % ZONE2)
    add(108, 0, "", "goto_table:110")
    add(110, 210, "ip,reg0=0x40000/0x40000", "IN_PORT")
# 110 output
add(110, 200, "ip,reg0=0x10000/0x10000", "output:NXM_NX_REG1[]")
add(110, 190, "reg0=0x10000/0x10000", "output:NXM_NX_REG1[]")
add(110, 0, "", r.choice(["drop", "NORMAL"]))


def eth(src, dst):
    return "eth(src=%s,dst=%s)" % (src, dst)


def arp(src_mac, sip, tip, op=1, dst="ff:ff:ff:ff:ff:ff", tha="00:00:00:00:00:00"):
    return "%s,eth_type(0x0806),arp(sip=%s,tip=%s,op=%d,sha=%s,tha=%s)" % (eth(src_mac, dst), sip, tip, op, src_mac,
                                                                         tha)


def ipv4(src_mac, dst_mac, sip, dip, proto, ttl, l4):
    return "%s,eth_type(0x0800),ipv4(src=%s,dst=%s,proto=%d,tos=0,ttl=%d,frag=no),%s" % (
        eth(src_mac, dst_mac), sip, dip, proto, ttl, l4)


def tcp(sp, dp, flags):
    return "tcp(src=%d,dst=%d),tcp_flags(%s)" % (sp, dp, flags)


if SERVICE:  # the reply of a DNAT'ed connection needs ct(nat) to be translated back
    flows[:] = [f.replace("ct(table=31,zone=%d)" % ZONE, "ct(table=31,zone=%d,nat)" % ZONE) for f in flows]


def endpoints():
    """A source (port, mac, ip) and a destination ip with the MAC a sender would use for it."""
    src = r.choice(PODS + [(2, GW_MAC, r.choice([GW_IP, EXTERNAL]))])
    kind = r.choice(["pod", "pod", "remote", "external"])
    if kind == "pod":
        dst = r.choice([p for p in PODS if p != src] or PODS)
        return src, dst[2], r.choice([dst[1], GW_VMAC])
    if kind == "remote":
        return src, r.choice(REMOTE), GW_VMAC
    return src, EXTERNAL, r.choice([GW_MAC, GW_VMAC])


cmds = ["ovs-ofctl %sadd-flows br-int pipeline.flows" % r.choice(["-O OpenFlow15 ", "-O OpenFlow15 ",
                                                                   "-O OpenFlow13 "])]
if SERVICE:
    svc_ip, svc_port, eps, ep_port = SERVICE
    buckets = []
    for k, (port, mac, ip) in enumerate(eps):
        a, b, c, d = (int(x) for x in ip.split("."))
        buckets.append("bucket=bucket_id:%d,weight:100,actions=load:0x%x->NXM_NX_REG3[],load:0x%x->NXM_NX_REG4[0..15],"
                       "resubmit(,42)" % (k, a << 24 | b << 16 | c << 8 | d, ep_port))
    cmds.insert(0, "ovs-ofctl -O OpenFlow15 add-group br-int 'group_id=1,type=select,%s'" % ",".join(buckets))


def service_event():
    """A client pod's TCP connection to the service, the endpoint's reply, the client's ACK."""
    svc_ip, svc_port, eps, ep_port = SERVICE
    port, smac, sip = rs.choice(PODS)
    if WIDE and rw.random() < 0.4:  # hairpin: the endpoint itself is the client
        port, smac, sip = rw.choice(eps)
    sp = rs.randrange(32768, 61000)
    receive(port, ipv4(smac, GW_VMAC, sip, svc_ip, 6, 64, tcp(sp, svc_port, "syn")))
    if len(eps) == 1:
        eport, emac, eip = eps[0]
        receive(eport, ipv4(emac, GW_VMAC, eip, sip, 6, 64, tcp(ep_port, sp, "syn|ack")))
    receive(port, ipv4(smac, GW_VMAC, sip, svc_ip, 6, 64, tcp(sp, svc_port, "ack")))
    if rs.random() < 0.5:
        cmds.append("ovs-appctl ofproto/trace %sbr-int 'in_port=%d,tcp,dl_src=%s,dl_dst=%s,nw_src=%s,nw_dst=%s,"
                    "nw_ttl=64,tp_src=%d,tp_dst=%d'" % (rs.choice(["", "--ct-next 'trk,new' --ct-next 'trk,new' "]),
                                                         port, smac, GW_VMAC, sip, svc_ip, sp, svc_port))


def csum(b):
    if len(b) % 2:
        b += b"\0"
    t = sum(int.from_bytes(b[i:i + 2], "big") for i in range(0, len(b), 2))
    while t >> 16:
        t = (t & 0xffff) + (t >> 16)
    return (~t & 0xffff).to_bytes(2, "big")


def ip_bytes(a):
    return bytes(int(x) for x in a.split("."))


def ip_packet(sip, dip, proto, ttl, l4):
    h = bytes([0x45, 0, 0, 0]) + bytes(4) + bytes([ttl, proto, 0, 0]) + ip_bytes(sip) + ip_bytes(dip)
    h = h[:2] + (20 + len(l4)).to_bytes(2, "big") + h[4:]
    return h[:10] + csum(h) + h[12:] + l4


def l4_ports(sip, dip, proto, sp, dp):
    """The first 8 bytes of a TCP (SYN, seq 0) or UDP header, checksummed, as an ICMP error carries them; from seed
    184 on a TCP header's whole 20: OVS 3.1's nat_inner_packet() rewrites a quoted TCP segment's checksum (bytes 16-17,
    packet_set_tcp_port()) whatever the quote's length, past the end of a frame quoting 8 (antrea-sound-183 crashed)."""
    if proto == 17:
        u = sp.to_bytes(2, "big") + dp.to_bytes(2, "big") + (8).to_bytes(2, "big") + bytes(2)
        c = csum(ip_bytes(sip) + ip_bytes(dip) + bytes([0, 17]) + (8).to_bytes(2, "big") + u)
        return u[:6] + c
    t = sp.to_bytes(2, "big") + dp.to_bytes(2, "big") + bytes(8) + bytes([0x50, 0x02]) + bytes(6)
    c = csum(ip_bytes(sip) + ip_bytes(dip) + bytes([0, 6]) + (20).to_bytes(2, "big") + t)
    return (t[:16] + c + t[18:])[:TCP_QUOTE]


TCP_QUOTE = 20 if seed >= 184 else 8


def icmp_error(smac, dmac, sip, dip, typ, code, inner):
    """An ICMP error from sip to dip carrying {@code inner}: an IP header and its first L4 bytes (hex for receive)."""
    body = bytes([typ, code, 0, 0]) + bytes(4) + inner
    body = body[:2] + csum(body) + body[4:]
    eth = bytes.fromhex(dmac.replace(":", "")) + bytes.fromhex(smac.replace(":", "")) + b"\x08\x00"
    return (eth + ip_packet(sip, dip, 1, 64, body)).hex()


def wide_event():
    """--wide's packets: egress SNAT and its reply, a NodePort, ICMP errors relating to a connection."""
    k = rw.randrange(5)
    port, smac, sip = rw.choice(PODS)
    if k in (0, 1):  # egress to the SNAT'ed external address, the reply to the node's address and port
        proto = rw.choice([6, 6, 17])
        sp, dp = rw.randrange(32768, 61000), rw.choice([80, 443, 53])
        others = [e for e in EGRESS_SEEN if e[0] != port]
        if others and rw.random() < 0.5:  # another pod's source port and destination: the SNAT'ed tuple collides
            _, sp, dp, proto = rw.choice(others)
        taken = sum(1 for e in EGRESS_SEEN if e[1:] == (sp, dp, proto))
        EGRESS_SEEN.append((port, sp, dp, proto))
        nsp = SNAT_PORT or sp + taken  # nat_get_unique_l4(): the next free port (a single port: the first's)
        first = tcp(sp, dp, "syn") if proto == 6 else "udp(src=%d,dst=%d)" % (sp, dp)
        receive(port, ipv4(smac, GW_VMAC, sip, EGRESS, proto, 64, first))
        back = tcp(dp, nsp, "syn|ack") if proto == 6 else "udp(src=%d,dst=%d)" % (dp, nsp)
        receive(2, ipv4(GW_MAC, GW_VMAC, EGRESS, NODE_IP, proto, 64, back))
        if proto == 6:
            receive(port, ipv4(smac, GW_VMAC, sip, EGRESS, 6, 64, tcp(sp, dp, "ack")))
        if rw.random() < 0.5:  # the router on the way: time exceeded, to the pod (its packet unSNAT'ed)
            inner = ip_packet(sip, EGRESS, proto, 1, l4_ports(sip, EGRESS, proto, sp, dp))
            receive(2, icmp_error(GW_MAC, GW_VMAC, "10.%d.0.1" % NET, sip, 11, 0, inner))
        elif rw.random() < 0.6:  # or to the node, carrying the SNAT'ed packet: un-SNAT'ed as related, inner too
            inner = ip_packet(NODE_IP, EGRESS, proto, 1, l4_ports(NODE_IP, EGRESS, proto, nsp, dp))
            receive(2, icmp_error(GW_MAC, GW_VMAC, "10.%d.0.1" % NET, NODE_IP, rw.choice([11, 3]), 0, inner))
    elif k == 2:  # a NodePort connection from outside through the gateway
        sp = rw.randrange(32768, 61000)
        receive(2, ipv4(GW_MAC, GW_VMAC, EXTERNAL, NODE_IP, 6, 64, tcp(sp, NODEPORT, "syn")))
        eport, emac, eip = SERVICE[2][0]
        receive(eport, ipv4(emac, GW_VMAC, eip, EXTERNAL, 6, 64, tcp(SERVICE[3], sp, "syn|ack")))
        receive(2, ipv4(GW_MAC, GW_VMAC, EXTERNAL, NODE_IP, 6, 64, tcp(sp, NODEPORT, "ack")))
    else:  # UDP to a pod, its port unreachable; or a TCP SYN to the external address, time exceeded on the way
        dst = rw.choice([p for p in PODS if p != (port, smac, sip)])
        sp, dp = rw.randrange(1024, 65536), rw.choice([53, 8080, 9999])
        if k == 3:
            receive(port, ipv4(smac, GW_VMAC, sip, dst[2], 17, 64, "udp(src=%d,dst=%d)" % (sp, dp)))
            inner = ip_packet(sip, dst[2], 17, 63, l4_ports(sip, dst[2], 17, sp, dp))
            receive(dst[0], icmp_error(dst[1], GW_VMAC, dst[2], sip, 3, 3, inner))
        else:
            receive(port, ipv4(smac, GW_VMAC, sip, EXTERNAL, 6, 64, tcp(sp, dp, "syn")))
            inner = ip_packet(sip, EXTERNAL, 6, 1, l4_ports(sip, EXTERNAL, 6, sp, dp))
            receive(2, icmp_error(GW_MAC, GW_VMAC, "10.%d.0.1" % NET, sip, 11, 0, inner))
    if rw.random() < 0.3:
        cmds.append("ovs-appctl dpctl/dump-conntrack zone=%d" % rw.choice([ZONE, ZONE2]))


EGRESS_SEEN = []


def receive(port, frame):
    name = {2: "antrea-gw0"}.get(port, "p%d" % port)
    cmds.append("ovs-appctl netdev-dummy/receive %s '%s'" % (name, frame))


def trace(port, frame, ct=""):
    cmds.append("ovs-appctl ofproto/trace %sbr-int 'in_port=%d,%s'" % (ct, port, frame))


def event():
    k = r.randrange(16)
    src, dip, dmac = endpoints()
    port, smac, sip = src
    if k == 0:
        receive(port, arp(smac, sip, GW_IP))
    elif k == 1:
        receive(port, arp(smac, sip, r.choice(PODS)[2] if r.random() < 0.7 else r.choice(REMOTE)))
    elif k == 2:  # spoofed: a sender address that is not the port's
        receive(port, arp(smac, r.choice(REMOTE + [EXTERNAL]), GW_IP))
    elif k in (3, 4, 5):  # a TCP connection, SYN, SYN-ACK, ACK and sometimes FIN
        sp, dp = r.randrange(32768, 61000), r.choice([80, 443, 8080, 53])
        back = [p for p in PODS if p[2] == dip]
        receive(port, ipv4(smac, dmac, sip, dip, 6, 64, tcp(sp, dp, "syn")))
        if back:
            bport, bmac, _ = back[0]
            receive(bport, ipv4(bmac, r.choice([smac, GW_VMAC]), dip, sip, 6, 64, tcp(dp, sp, "syn|ack")))
        receive(port, ipv4(smac, dmac, sip, dip, 6, 64, tcp(sp, dp, "ack")))
        if r.random() < 0.5:
            receive(port, ipv4(smac, dmac, sip, dip, 6, 64, tcp(sp, dp, "fin|ack")))
    elif k == 6:
        receive(port, ipv4(smac, dmac, sip, dip, 17, r.choice([64, 1]), "udp(src=%d,dst=53)" % r.randrange(1024, 65536)))
    elif k == 7:
        receive(port, ipv4(smac, dmac, sip, dip, 1, r.choice([64, 64, 1]), "icmp(type=8,code=0)"))
        back = [p for p in PODS if p[2] == dip]
        if back:
            receive(back[0][0], ipv4(back[0][1], GW_VMAC, dip, sip, 1, 64, "icmp(type=0,code=0)"))
    elif k == 8:
        receive(port, ipv4(smac, dmac, sip, dip, 6, 1, tcp(40000, 80, "syn")))
    elif k == 9:
        ct = r.choice(["", "--ct-next 'trk,new' ", "--ct-next 'trk,est' ", "--ct-next 'trk,inv' ",
                       "--ct-next 'trk,new' --ct-next 'trk,new' ", "--ct-next 'trk,est' --ct-next 'trk,est' "])
        trace(port, "tcp,dl_src=%s,dl_dst=%s,nw_src=%s,nw_dst=%s,nw_ttl=64,tp_src=%d,tp_dst=%d" % (
            smac, dmac, sip, dip, r.randrange(1024, 65536), r.choice([80, 443])), ct)
    elif k == 10:
        trace(port, "arp,dl_src=%s,dl_dst=ff:ff:ff:ff:ff:ff,arp_spa=%s,arp_tpa=%s,arp_op=1,arp_sha=%s" % (
            smac, sip, r.choice([GW_IP] + REMOTE + [p[2] for p in PODS]), smac))
    elif k == 12:  # an ARP reply to a pod, unicast (NORMAL learns and forwards)
        dst = r.choice([p for p in PODS if p != src] or PODS)
        receive(port, arp(smac, sip, dst[2], op=2, dst=dst[1], tha=dst[1]))
    elif k == 13:  # a UDP exchange, the reply from the pod
        sp = r.randrange(1024, 65536)
        receive(port, ipv4(smac, dmac, sip, dip, 17, 64, "udp(src=%d,dst=53)" % sp))
        back = [p for p in PODS if p[2] == dip]
        if back:
            receive(back[0][0], ipv4(back[0][1], r.choice([smac, GW_VMAC]), dip, sip, 17, 64, "udp(src=53,dst=%d)" % sp))
    elif k == 14:  # a reset, or a segment of no connection
        receive(port, ipv4(smac, dmac, sip, dip, 6, 64, tcp(r.randrange(1024, 65536), 80, r.choice(["rst", "ack", "rst|ack"]))))
    elif k == 15:  # the tables' or the datapath's state mid-sequence
        cmds.append(r.choice(["ovs-appctl dpctl/dump-conntrack zone=%d" % ZONE, "ovs-appctl dpctl/flush-conntrack",
                              "ovs-ofctl dump-flows br-int table=%d" % r.choice([0, 10, 20, 31, 70, 80, 105, 110]),
                              "ovs-appctl fdb/flush br-int", "ovs-ofctl dump-aggregate br-int",
                              "ovs-appctl dpctl/dump-flows -m"]))
        if WIDE and cmds[-1].startswith("ovs-ofctl"):  # the megaflow hits' counts reach the rules at a revalidation
            cmds.insert(len(cmds) - 1, "ovs-appctl revalidator/wait")
    else:  # from the tunnel: a remote pod to a local one
        dst = r.choice(PODS)
        ct = r.choice(["", "--ct-next 'trk,new' ", "--ct-next 'trk,est' "])
        cmds.append("ovs-appctl ofproto/trace %sbr-int 'in_port=1,tun_id=0x%x,tun_src=%s,tun_dst=%s,icmp,dl_src=%s,"
                    "dl_dst=%s,nw_src=%s,nw_dst=%s,nw_ttl=64,icmp_type=8'" % (
                        ct, r.randrange(4096), r.choice(NODES), "192.168.77.1", GW_VMAC, GW_VMAC, r.choice(REMOTE),
                        dst[2]))


def views(final):
    cmds.append("ovs-appctl revalidator/wait")
    cmds.append("ovs-appctl dpctl/dump-flows")
    if final:
        cmds.append("ovs-appctl dpctl/dump-flows -m")
        cmds.append("ovs-appctl dpif/dump-flows br-int")
        cmds.append("ovs-appctl dpctl/show -s")
        cmds.append("ovs-ofctl %sdump-flows br-int" % r.choice(["", "-O OpenFlow13 ", "-O OpenFlow15 "]))
        cmds.append("ovs-ofctl dump-ports br-int")
    else:
        cmds.append("ovs-appctl dpctl/show")
    cmds.append("ovs-appctl dpctl/dump-conntrack")
    cmds.append("ovs-appctl fdb/show br-int")
    if SERVICE and final:
        cmds.append("ovs-ofctl -O OpenFlow15 dump-group-stats br-int")


for _ in range(r.choice([6, 8, 10])):
    event()
    if SERVICE and rs.random() < 0.25:
        service_event()
    if WIDE and rw.random() < 0.6:
        wide_event()
views(False)
cmds.append("ovs-appctl dpctl/del-flows")
for _ in range(r.choice([6, 8, 10])):
    event()
    if SERVICE and rs.random() < 0.25:
        service_event()
    if WIDE and rw.random() < 0.6:
        wide_event()
views(True)

os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "pipeline.flows"), "w") as f:
    f.write("# gen-antrea.py %d: pods %s, remote %s via %s, zone %d\n" % (
        seed, " ".join("%d=%s/%s" % p for p in PODS), " ".join(REMOTE), " ".join(NODES), ZONE))
    f.write("\n".join(flows) + "\n")
with open(os.path.join(out, "commands.in"), "w") as f:
    f.write("# gen-antrea.py %d%s: Antrea-shaped pipeline on br-int (antrea-tun0, antrea-gw0, p3..p%d)\n" % (
        seed, " --wide" if WIDE else "", 2 + npods))
    f.write("\n".join(cmds) + "\n")
print(" ".join("p%d" % p[0] for p in PODS))
