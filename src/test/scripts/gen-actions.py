#!/usr/bin/env python3
"""Seeded random pipelines of the OpenFlow actions the other campaigns rarely execute: what OVS 3.1 does with them.

Writes DIR/commands.in for record-actions.sh SEED: br0 with dummy ports p1..p3 (tx_pcap each), OVS's clock stopped
(time/stop), 2-4 groups (all, select with the default method, dp_hash or hash with fields, indirect, fast_failover
watching ports; weights, bucket actions, a bucket calling an earlier group), 0-2 meters (pktps/kbps drop bands,
burst), then a table-0 classifier that sends each protocol to a flow of one action family: group, bundle() and
bundle_load() (active_backup, hrw; each field set), multipath() (each algorithm), learn() (timeouts, fin_timeout,
delete_learned, limit, result_dst), meter, check_pkt_larger, dec_ttl (with controller ids) at ttl 0/1/64, MPLS
push/set/pop, clone, a resubmit loop past the depth limit, set_tunnel, enqueue/set_queue, controller() and sample()
with no controller, conjunctions. Packets are received on the ports (odp flow strings) from small pools so that
they repeat; between them groups are modified or deleted and ports taken down and up; a few are traced; at the end
dpctl/dump-flows, the OpenFlow flows, group and meter stats.
  src/test/scripts/gen-actions.py SEED DIR [prereq|learnover]
prereq: the groups' buckets set fields of every prerequisite (ARP, IPv4, IPv6, any IP, TCP/UDP/SCTP, ICMPv4,
ICMPv6, ND, VLAN, MPLS) and run header actions (push/pop of VLAN and MPLS tags, dec_ttl) whatever the packet is,
which no match checks there; table 0 sends more protocols to the groups, and the packets add IPv6 (UDP, ICMPv6 echo,
neighbor solicitations) and 802.1Q-tagged IPv4.
learnover: table 0 sends more protocols to learn(), and between the packets ovs-ofctl adds flows to the learned
tables with the match and priority a learn makes (eth_dst, IPv4 destination or VLAN and eth_dst of the pools) and
timeouts, cookie, importance, flags or actions that may differ from the learn's, so that learns meet flows they are
not (ofproto_flow_mod_init_for_learn()'s comparison: a modify) or are (a refresh).
"""
import os
import random
import re
import sys

seed, out = int(sys.argv[1]), sys.argv[2]
PREREQ = sys.argv[3:] == ["prereq"]
LEARNOVER = sys.argv[3:] == ["learnover"]
r = random.Random(seed)
PORTS = [1, 2, 3]
MACS = ["50:54:00:00:00:%02x" % r.randrange(1, 250) for _ in range(4)] + ["ff:ff:ff:ff:ff:ff"]
IP4 = ["10.0.%d.%d" % (r.randrange(3), r.randrange(1, 250)) for _ in range(4)]
TPORTS = [22, 53, 80, r.randrange(1024, 65536)]
O13 = "-O OpenFlow13 "
O15 = "-O OpenFlow15 "
lines = ["# gen-actions.py %d: br0 with dummy ports p1..p3" % seed, "ovs-appctl time/stop"]

# groups
HASH_FIELDS = ["ip_src", "ip_dst", "eth_src", "tcp_dst", "udp_src", "nw_proto"]
groups = []


# a bucket's actions in prereq mode: set_field of each prerequisite class, legacy set actions, tag pushes and pops
PREREQ_ACTS = ["set_field:10.0.2.9->arp_tpa", "set_field:2->arp_op", "set_field:50:54:00:00:00:aa->arp_sha",
               "set_field:10.0.1.7->ip_dst", "set_field:10.0.0.3->ip_src", "set_field:fd00::9->ipv6_dst",
               "set_field:0x5->ipv6_label", "set_field:9->nw_ttl", "set_field:12->ip_dscp", "set_field:1->nw_ecn",
               "set_field:8080->tcp_dst", "set_field:5353->udp_src", "set_field:99->sctp_dst",
               "set_field:0->icmp_type", "set_field:3->icmp_code", "set_field:129->icmpv6_type",
               "set_field:fd00::7->nd_target", "set_field:50:54:00:00:00:bb->nd_sll", "set_field:4107->vlan_vid",
               "set_field:5->vlan_pcp", "set_field:77->mpls_label", "mod_nw_dst:10.0.0.8", "mod_tp_dst:443",
               "mod_nw_tos:16", "mod_vlan_vid:30", "mod_vlan_pcp:2", "strip_vlan", "push_vlan:0x8100",
               "push_mpls:0x8847", "pop_mpls:0x0800", "dec_ttl", "set_mpls_ttl:3"]


def bucket_actions(gid):
    acts = []
    if PREREQ and r.random() < 0.7:
        acts += r.sample(PREREQ_ACTS, r.choice([1, 1, 2]))
    elif r.random() < 0.3:
        acts.append(r.choice(["mod_dl_src:%s" % r.choice(MACS[:4]), "set_field:%s->ip_dst" % r.choice(IP4),
                              "load:0x%x->NXM_NX_REG0[]" % r.randrange(1, 9), "dec_ttl"]))
    earlier = [g for g, t in groups if t != "ff"]
    if earlier and r.random() < 0.25:
        acts.append("group:%d" % r.choice(earlier))
    else:
        acts.append("output:%d" % r.choice(PORTS))
    return ",".join(acts)


def group_spec(gid, typ):
    n = 1 if typ == "indirect" else r.choice([2, 2, 3])
    spec = "group_id=%d,type=%s" % (gid, typ)
    ver = O13
    if typ == "select":
        method = r.choice(["", "dp_hash", "hash"])
        if method:
            ver = O15
            spec += ",selection_method=%s" % method
            if method == "hash":
                spec += ",fields(%s)" % ",".join(r.sample(HASH_FIELDS, r.choice([1, 2])))
            if r.random() < 0.3:
                spec += ",selection_method_param=%d" % r.randrange(1, 100)
    for i in range(n):
        b = ",bucket="
        if ver == O15:
            b += "bucket_id:%d," % i
        if typ == "select":
            b += "weight:%d," % r.choice([1, 10, 50, 100])
        if typ == "ff":
            b += "watch_port:%d," % r.choice(PORTS)
        spec += b + "actions=" + bucket_actions(gid)
    return ver, spec


for gid in range(1, r.choice([3, 4, 5])):
    typ = r.choice(["all", "select", "select", "indirect", "ff"])
    ver, spec = group_spec(gid, typ)
    groups.append((gid, typ))
    lines.append("ovs-ofctl %sadd-group br0 '%s'" % (ver, spec))
meters = []
for mid in range(1, r.choice([1, 2, 3])):
    unit = r.choice(["pktps", "kbps"])
    burst = r.random() < 0.5
    rate = r.choice([1, 2, 5]) if unit == "pktps" else r.choice([1, 8, 64])
    spec = "meter=%d,%s%s,band=type=drop,rate=%d" % (mid, unit, ",burst" if burst else "", rate)
    if burst:
        spec += ",burst_size=%d" % r.choice([1, 2, 4, 16])
    meters.append(mid)
    lines.append("ovs-ofctl %sadd-meter br0 '%s'" % (O13, spec))

FIELDS_B = ["eth_src", "symmetric_l4", "symmetric_l3l4", "symmetric_l3l4+udp", "nw_src", "nw_dst", "symmetric_l3"]


learns = []  # the learn() specs drawn, for learnover's flows


def family():
    """One action family's actions (the flow's whole action list) and whether it needs OpenFlow 1.3."""
    k = r.choice(["group", "group", "bundle", "multipath", "learn", "learn", "meter", "cpl", "dec_ttl", "mpls",
                  "clone", "loop", "tunnel", "queue", "controller", "sample"])
    if PREREQ and r.random() < 0.5:
        k = "group"
    if LEARNOVER and r.random() < 0.5:
        k = "learn"
    out_ = "output:%d" % r.choice(PORTS)
    if k == "group":
        return ["group:%d" % r.choice([g for g, _ in groups] + [groups[0][0]])], True
    if k == "bundle":
        members = ",".join(str(p) for p in r.sample(PORTS, r.choice([2, 3])))
        f, alg, basis = r.choice(FIELDS_B), r.choice(["active_backup", "hrw"]), r.choice([0, 50])
        if r.random() < 0.5:
            return ["bundle(%s,%d,%s,ofport,members:%s)" % (f, basis, alg, members)], False
        return ["bundle_load(%s,%d,%s,ofport,NXM_NX_REG1[0..15],members:%s)" % (f, basis, alg, members),
                "output:NXM_NX_REG1[0..15]"], False
    if k == "multipath":
        f = r.choice(FIELDS_B)
        alg = r.choice(["modulo_n", "hash_threshold", "hrw", "iter_hash"])
        n = r.choice([2, 3, 4])
        return ["multipath(%s,%d,%s,%d,%d,NXM_NX_REG1[0..1])" % (f, r.choice([0, 50]), alg, n, r.choice([0, 1])),
                "resubmit(,5)"], False
    if k == "learn":
        spec = ["table=%d" % r.choice([6, 7]), "priority=%d" % r.choice([10, 300])]
        if r.random() < 0.5:
            spec.append("idle_timeout=%d" % r.choice([10, 60]))
        if r.random() < 0.4:
            spec.append("hard_timeout=%d" % r.choice([20, 120]))
        if r.random() < 0.3:
            spec.append("fin_idle_timeout=%d" % r.choice([1, 5]))
        if r.random() < 0.3:
            spec.append("fin_hard_timeout=%d" % r.choice([2, 9]))
        if r.random() < 0.3:
            spec.append("delete_learned")
        if r.random() < 0.3:
            spec.append("cookie=0x%x" % r.randrange(1, 99))
        if r.random() < 0.3:
            spec.append("limit=%d" % r.choice([1, 2]))
            if r.random() < 0.5:
                spec.append("result_dst=NXM_NX_REG2[0]")
        spec.append(r.choice(["NXM_OF_ETH_DST[]=NXM_OF_ETH_SRC[]", "eth_type=0x800,NXM_OF_IP_DST[]=NXM_OF_IP_SRC[]",
                              "NXM_OF_VLAN_TCI[0..11],NXM_OF_ETH_DST[]=NXM_OF_ETH_SRC[]"]))
        spec.append(r.choice(["output:NXM_OF_IN_PORT[]", "load:NXM_OF_IN_PORT[]->NXM_NX_REG0[0..15]",
                              "load:0x%x->NXM_NX_REG3[]" % r.randrange(1, 99)]))
        learns.append(spec)
        return ["learn(%s)" % ",".join(spec), "resubmit(,%d)" % r.choice([6, 7]), out_], False
    if k == "meter" and meters:
        return ["meter:%d" % r.choice(meters), out_], True
    if k == "cpl":
        return ["check_pkt_larger(%d)->NXM_NX_REG4[0]" % r.choice([64, 100, 200]), "resubmit(,4)"], False
    if k == "dec_ttl":
        ids = r.choice(["", "", "(1)", "(1,2)"])
        return ["dec_ttl" + ids, out_], False
    if k == "mpls":
        acts = ["push_mpls:0x8847", "set_mpls_label:%d" % r.randrange(1, 1000)]
        if r.random() < 0.5:
            acts.append("set_mpls_ttl:%d" % r.choice([1, 5]))
        if r.random() < 0.5:
            acts.append("dec_mpls_ttl")
        if r.random() < 0.4:
            acts.append("pop_mpls:0x0800")
        return acts + [out_], False
    if k == "clone":
        inner = r.choice(["mod_dl_dst:%s" % r.choice(MACS[:4]), "set_field:%s->ip_src" % r.choice(IP4),
                          "push_vlan:0x8100,set_field:4106->vlan_vid"])
        return ["clone(%s,output:%d)" % (inner, r.choice(PORTS)), out_], True
    if k == "loop":
        return ["resubmit(,8)"], False
    if k == "tunnel":
        return [r.choice(["set_tunnel:0x%x" % r.randrange(1, 99), "set_field:0x%x->tun_id" % r.randrange(1, 99),
                          "set_tunnel64:0x1234"]), out_], False
    if k == "queue":
        return [r.choice(["enqueue:%d:%d" % (r.choice(PORTS), r.randrange(3)), "set_queue:%d" % r.randrange(3)]),
                out_], False
    if k == "controller":
        return [r.choice(["controller", "controller(reason=no_match)", "controller(max_len=64,id=3)",
                          "controller:100"]), out_], False
    return ["sample(probability=%d,collector_set_id=%d,obs_domain_id=%d,obs_point_id=%d)"
            % (r.choice([1, 65535]), r.randrange(3), r.randrange(5), r.randrange(9)), out_], False


flows = []


def add(ver, table, prio, match, acts):
    m = ",".join(["table=%d" % table, "priority=%d" % prio] + match)
    flows.append("ovs-ofctl %sadd-flow br0 '%s,actions=%s'" % (ver, m, ",".join(acts)))


# table 0: each protocol (and in_port) to one family
MATCHES = [["arp"], ["tcp"], ["udp"], ["icmp"], ["in_port=1"], ["in_port=2", "ip"], ["tcp", "tp_dst=80"],
           ["udp", "nw_ttl=1"], ["ip", "nw_ttl=0"], ["dl_dst=ff:ff:ff:ff:ff:ff"]]
if PREREQ:
    MATCHES += [["ipv6"], ["icmp6"], ["dl_vlan=10"], ["vlan_tci=0x1000/0x1000", "ip"]]
for match in r.sample(MATCHES, r.choice([4, 5, 6]) + (2 if PREREQ else 0)):
    acts, of13 = family()
    add(O13 if of13 else "", 0, r.randrange(10, 200), match, acts)
if r.random() < 0.4:  # a conjunctive match in table 0
    cid, prio = r.randrange(1, 100), 250
    add("", 0, prio, ["tcp", "nw_src=%s" % r.choice(IP4)], ["conjunction(%d,1/2)" % cid])
    add("", 0, prio, ["tcp", "tp_dst=%d" % r.choice(TPORTS)], ["conjunction(%d,2/2)" % cid])
    acts, of13 = family()
    add(O13 if of13 else "", 0, prio, ["conj_id=%d" % cid, "tcp"], acts)
add("", 0, 0, [], [r.choice(["NORMAL", "drop", "output:%d" % r.choice(PORTS)])])
# table 4: check_pkt_larger's result; 5: multipath's link; 6/7: learned flows' tables; 8: a loop
add("", 4, 10, ["reg4=0x1/0x1"], ["output:%d" % r.choice(PORTS)])
add("", 4, 0, [], ["output:%d" % r.choice(PORTS)])
for link in range(4):
    add("", 5, 10, ["reg1=%d" % link], ["output:%d" % PORTS[link % 3]])
add("", 6, 0, [], [r.choice(["drop", "NORMAL"])])
add("", 8, 0, [], ["resubmit(,8)"] if r.random() < 0.7 else ["load:0x1->NXM_NX_REG5[]", "resubmit(,8)", "output:1"])
lines += flows


def packet():
    """A packet received on a port (odp flow string) and the same as an OpenFlow flow for ofproto/trace."""
    port, src, dst = r.choice(PORTS), r.choice(MACS[:4]), r.choice(MACS)
    kind = r.choice(["arp", "tcp", "tcp", "udp", "icmp"] + (["udp6", "icmp6", "ns", "vlan"] if PREREQ else []))
    ttl = r.choice([64, 64, 1, 0, 255])
    sip4, dip4 = r.choice(IP4), r.choice(IP4)
    of = "in_port=%d,dl_src=%s,dl_dst=%s," % (port, src, dst)
    if kind in ("udp6", "icmp6", "ns"):
        sip6, dip6 = "fd00::%x" % r.randrange(1, 9), "fd00::%x" % r.randrange(1, 9)
        if kind == "ns":
            dip6 = "ff02::1:ff00:%x" % r.randrange(1, 9)
        proto = 17 if kind == "udp6" else 58
        inner = ("eth_type(0x86dd),ipv6(src=%s,dst=%s,label=0,proto=%d,tclass=0,hlimit=%d,frag=no)"
                 % (sip6, dip6, proto, ttl))
        of += "%s,ipv6_src=%s,ipv6_dst=%s,nw_ttl=%d" % ("udp6" if kind == "udp6" else "icmp6", sip6, dip6, ttl)
        if kind == "udp6":
            sp, dp = r.choice(TPORTS), r.choice(TPORTS)
            inner += ",udp(src=%d,dst=%d)" % (sp, dp)
            of += ",tp_src=%d,tp_dst=%d" % (sp, dp)
        elif kind == "icmp6":
            inner += ",icmpv6(type=128,code=0)"
            of += ",icmp_type=128,icmp_code=0"
        else:
            target = "fd00::%x" % r.randrange(1, 9)
            inner += ",icmpv6(type=135,code=0),nd(target=%s,sll=%s,tll=00:00:00:00:00:00)" % (target, src)
            of += ",icmp_type=135,icmp_code=0,nd_target=%s,nd_sll=%s" % (target, src)
    elif kind == "vlan":
        vid, sp, dp = r.choice([10, 20]), r.choice(TPORTS), r.choice(TPORTS)
        inner = ("eth_type(0x8100),vlan(vid=%d,pcp=0),encap(eth_type(0x0800),ipv4(src=%s,dst=%s,proto=6,tos=0,ttl=%d,"
                 "frag=no),tcp(src=%d,dst=%d),tcp_flags(syn))" % (vid, sip4, dip4, ttl, sp, dp))
        of += "dl_vlan=%d,tcp,nw_src=%s,nw_dst=%s,nw_ttl=%d,tp_src=%d,tp_dst=%d,tcp_flags=0x002" % (
            vid, sip4, dip4, ttl, sp, dp)
    elif kind == "arp":
        op = r.choice([1, 2])
        tha = "00:00:00:00:00:00" if op == 1 else dst
        inner = "eth_type(0x0806),arp(sip=%s,tip=%s,op=%d,sha=%s,tha=%s)" % (sip4, dip4, op, src, tha)
        of += "arp,arp_spa=%s,arp_tpa=%s,arp_op=%d,arp_sha=%s,arp_tha=%s" % (sip4, dip4, op, src, tha)
    else:
        proto = {"tcp": 6, "udp": 17, "icmp": 1}[kind]
        inner = "eth_type(0x0800),ipv4(src=%s,dst=%s,proto=%d,tos=0,ttl=%d,frag=no)" % (sip4, dip4, proto, ttl)
        of += "%s,nw_src=%s,nw_dst=%s,nw_ttl=%d" % (kind, sip4, dip4, ttl)
        if kind == "tcp":
            sp, dp, flags = r.choice(TPORTS), r.choice(TPORTS), r.choice(["syn", "ack", "fin|ack", "rst"])
            inner += ",tcp(src=%d,dst=%d),tcp_flags(%s)" % (sp, dp, flags)
            of += ",tp_src=%d,tp_dst=%d,tcp_flags=0x%03x" % (sp, dp, {"syn": 2, "ack": 0x10, "fin|ack": 0x11, "rst": 4}[flags])
        elif kind == "icmp":
            inner += ",icmp(type=8,code=0)"
            of += ",icmp_type=8,icmp_code=0"
        else:
            sp, dp = r.choice(TPORTS), r.choice(TPORTS)
            inner += ",udp(src=%d,dst=%d)" % (sp, dp)
            of += ",tp_src=%d,tp_dst=%d" % (sp, dp)
    return ("ovs-appctl netdev-dummy/receive p%d 'eth(src=%s,dst=%s),%s'" % (port, src, dst, inner),
            "ovs-appctl ofproto/trace br0 '%s'" % of)


def learned_over(spec, recent):
    """An ovs-ofctl add-flow of the flow a learn() of spec makes of the packet recent (or of the pools' addresses),
    its other attributes the learn's or not."""
    table, prio = spec[0], spec[1]
    attrs = [a for a in spec[2:] if a.split("=")[0] in ("idle_timeout", "hard_timeout", "cookie")]
    if r.random() < 0.5:  # one attribute changed, dropped or added
        attrs = [a for a in attrs if r.random() < 0.7] + r.sample(
            ["idle_timeout=60", "hard_timeout=20", "cookie=0x5", "send_flow_rem"], 1)
    match, act = spec[-2], spec[-1]
    mac = re.search(r"eth\(src=([0-9a-f:]+)", recent or "")
    ip4 = re.search(r"ipv4\(src=([0-9.]+)", recent or "")
    src = mac.group(1) if mac else r.choice(MACS[:4])
    if match.startswith("eth_type"):
        m = "ip,nw_dst=%s" % (ip4.group(1) if ip4 else r.choice(IP4))
    elif match.startswith("NXM_OF_VLAN"):
        m = "vlan_tci=0x%04x/0x0fff,dl_dst=%s" % (r.choice([0, 10, 20]), src)
    else:
        m = "dl_dst=%s" % src
    fin = [a.replace("fin_idle_timeout", "idle_timeout").replace("fin_hard_timeout", "hard_timeout")
           for a in spec[2:] if a.startswith("fin_")]
    acts = ["fin_timeout(%s)" % ",".join(fin)] if fin else []
    if act.startswith("output"):
        acts.append("output:%d" % r.choice(PORTS))
    elif act.startswith("load:NXM_OF_IN_PORT"):
        acts.append("load:%d->NXM_NX_REG0[0..15]" % r.choice(PORTS))
    else:
        acts.append(act if r.random() < 0.7 else "load:0x%x->NXM_NX_REG3[]" % r.randrange(1, 99))
    ver = r.choice(["", O13, O15]) if not fin else ""  # fin_timeout has no OpenFlow 1.1+ flow_mod (OpenFlow10 or NXM)
    if ver == O15 and r.random() < 0.3:
        attrs.append("importance=%d" % r.choice([0, 5]))
    return "ovs-ofctl %sadd-flow br0 '%s'" % (ver, ",".join([table, prio] + attrs + [m, "actions=" + ",".join(acts)]))


sent = []
for _ in range(r.randrange(25, 40)):
    if LEARNOVER and learns and r.random() < 0.2:  # the flow, then the packet learning it again
        recent = r.choice(sent[-5:])[0] if sent else None
        lines.append(learned_over(r.choice(learns), recent))
        if recent:
            lines.append(recent)
        continue
    u = r.random()
    if sent and u < 0.3:
        lines.append(r.choice(sent[-5:])[0])
    elif u < 0.78:
        sent.append(packet())
        lines.append(sent[-1][0])
    elif u < 0.84 and sent:
        lines.append(r.choice(sent)[1])
    elif u < 0.88:
        gid, typ = r.choice(groups)
        if r.random() < 0.3:
            lines.append("ovs-ofctl %sdel-groups br0 group_id=%d" % (O13, gid))
        else:
            ver, spec = group_spec(gid, typ)
            lines.append("ovs-ofctl %smod-group br0 '%s'" % (ver, spec))
    elif u < 0.92:
        lines.append("ovs-ofctl mod-port br0 p%d %s" % (r.choice(PORTS), r.choice(["down", "up"])))
    elif u < 0.95:
        lines.append("ovs-appctl time/warp %d" % r.choice([500, 1000, 6000]))
    else:
        lines += ["ovs-appctl revalidator/wait", r.choice(["ovs-appctl dpctl/dump-flows",
                                                          "ovs-ofctl %sdump-group-stats br0" % O13,
                                                          "ovs-ofctl %smeter-stats br0" % O13])]
lines += ["ovs-appctl revalidator/wait", "ovs-appctl dpctl/dump-flows", "ovs-ofctl dump-flows br0",
          "ovs-ofctl %sdump-groups br0" % O13, "ovs-ofctl %sdump-group-stats br0" % O13,
          "ovs-ofctl %smeter-stats br0" % O13]
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "commands.in"), "w") as f:
    f.write("\n".join(lines) + "\n")
print(os.path.join(out, "commands.in"))
