#!/usr/bin/env python3
"""Seeded random pipelines and packets for the ofproto/trace differential campaign against the real OVS 3.1.

Writes a commands.in for record-megaflows.sh (br0 with dummy ports p1 and p2): per block, the flows of a small
random pipeline (tables 0-3, matches on ports, protocols, addresses out of a small pool so that rules hit and miss,
registers; actions that resubmit, write registers and headers, output, run ct(), write the action set; conjunctive
policies of two or three dimensions), then ofproto/trace of random packets, packets received on p1 and the megaflows
they leave.
  src/test/scripts/gen-traces.py SEED BLOCKS [wide [clone|l4]] [ofver] > src/test/resources/refdata/ovs/trace-random-SEED/commands.in
With "wide" (seeds 5-12) the rules also match IPv6, ICMPv6 and ND fields and VLANs, the packets include IPv6
TCP/UDP, ICMPv6 echo, neighbor solicitations and advertisements, VLAN-tagged and QinQ frames (received as flows),
and each block ends with dpctl/dump-flows -m as well.
With "clone" after it ("wide clone", seeds recorded since; the files of seeds without it are unchanged) a third of
the flows also put some actions inside clone(...), sometimes nested (compose_clone(): reversible actions inline with
the flow restored, a ct() in a datapath clone(), a trailing one flattened).
With "l4" after it ("wide l4", seeds recorded since; the files of seeds without it are unchanged) the rules also
match ip_frag, tcp_flags, nw_tos, ip_dscp and ip_ecn and SCTP ports, and the packets include IPv4 and IPv6 fragments
(first with ports, later without), TCP segments with flags, SCTP and non-zero ToS and ECN bits.
With "ofver" last, br0 allows OpenFlow 1.0 to 1.5 and each flow is added in one of them, drawn from a second random
stream (the pipelines and packets are those of the same seed without it): the switch keeps what each version's
flow_mod carried (ofp10_match, ofp11_match, NXM, OXM; each version's own actions), which the traces print.
"""
import random
import sys

seed, blocks = int(sys.argv[1]), int(sys.argv[2])
ofver = sys.argv[-1] == "ofver"
modes = sys.argv[3:-1] if ofver else sys.argv[3:]
wide = modes in (["wide"], ["wide", "clone"], ["wide", "l4"])
clone = modes == ["wide", "clone"]
l4 = modes == ["wide", "l4"]
r = random.Random(seed)
rv = random.Random(seed * 7919 + 1)
VERSIONS = ["OpenFlow10", "OpenFlow11", "OpenFlow12", "OpenFlow13", "OpenFlow14", "OpenFlow15"]


def add_flow(f):
    v = rv.choice(VERSIONS) if ofver else "OpenFlow15"
    print("ovs-ofctl -O %s add-flow br0 '%s'" % (v, f))
IP6S = ["fe80::1", "2001:db8::1", "2001:db8::2", "2001:db8:1::7"]
IPS = ["10.0.0.1", "10.0.0.2", "10.0.1.7", "192.168.1.1"]
MACS = ["50:54:00:00:00:01", "50:54:00:00:00:02", "50:54:00:00:00:03"]


def match6(table):
    """An IPv6/ICMPv6/ND or VLAN match (wide mode)."""
    proto = r.choice(["ipv6", "tcp6", "udp6", "icmp6", "nd", "vlan"])
    parts = []
    if proto == "vlan":
        parts.append(r.choice(["dl_vlan=10", "dl_vlan=20", "vlan_tci=0x1000/0x1000", "dl_vlan_pcp=3", "vlan_tci=0"]))
        if r.random() < 0.5:
            parts.append(r.choice(["ip", "ipv6", "arp"]))
        return parts[-1] if parts[-1] in ("ip", "ipv6", "arp") else "", parts
    if proto == "nd":
        parts += ["icmp6", "icmp_type=%d" % r.choice([135, 136]), "icmp_code=0"]
        if r.random() < 0.6:
            parts.append("nd_target=%s" % r.choice(IP6S))
        return "icmp6", parts
    parts.append(proto)
    if r.random() < 0.4:
        parts.append("in_port=%d" % r.choice([1, 2]))
    if r.random() < 0.6:
        parts.append("ipv6_%s=%s%s" % (r.choice(["src", "dst"]), r.choice(IP6S), r.choice(["", "/64", "/32", "/127"])))
    if proto in ("tcp6", "udp6") and r.random() < 0.5:
        parts.append("tp_dst=%s" % r.choice(["80", "53", "0x1000/0xf000"]))
    if proto == "icmp6" and r.random() < 0.5:
        parts.append("icmp_type=%d" % r.choice([128, 129]))
    if r.random() < 0.2:
        parts.append(r.choice(["ipv6_label=0x12345", "nw_tos=16", "nw_ttl=1"]))
    return proto, parts


def match_l4():
    """An IP match on fragments, TCP flags, ToS and ECN, or SCTP ports (l4 mode)."""
    proto = r.choice(["ip", "tcp", "udp", "sctp", "tcp6", "udp6", "ipv6"])
    parts = [proto]
    if r.random() < 0.6:
        parts.append("ip_frag=%s" % r.choice(["no", "yes", "first", "later", "not_later"]))
    if proto in ("tcp", "tcp6") and r.random() < 0.6:
        parts.append("tcp_flags=%s" % r.choice(["+syn", "+syn-ack", "+ack", "-ack", "+fin", "+psh", "+rst+ack",
                                                "0x002/0x012"]))
    if proto in ("tcp", "udp", "sctp", "tcp6", "udp6") and r.random() < 0.4:
        parts.append("tp_%s=%s" % (r.choice(["src", "dst"]), r.choice(["80", "53", "1234", "0x1000/0xf000"])))
    if r.random() < 0.4:
        parts.append(r.choice(["nw_tos=32", "ip_dscp=8", "ip_ecn=1", "ip_ecn=3", "nw_tos=0"]))
    if r.random() < 0.3:
        parts.append("in_port=%d" % r.choice([1, 2]))
    return proto, parts


def match(table):
    if l4 and r.random() < 0.35:
        return match_l4()
    if wide and r.random() < 0.4:
        return match6(table)
    parts = []
    proto = r.choice(["", "ip", "tcp", "udp", "icmp", "arp"])
    if proto:
        parts.append(proto)
    if r.random() < 0.4:
        parts.append("in_port=%d" % r.choice([1, 2]))
    if proto in ("ip", "tcp", "udp", "icmp") and r.random() < 0.6:
        parts.append("nw_%s=%s%s" % (r.choice(["src", "dst"]), r.choice(IPS), r.choice(["", "/24", "/16", "/31"])))
    if proto in ("tcp", "udp") and r.random() < 0.5:
        parts.append("tp_dst=%s" % r.choice(["80", "53", "0x1000/0xf000", "1024/0xfc00"]))
    if proto == "arp" and r.random() < 0.5:
        parts.append("arp_tpa=%s" % r.choice(IPS))
    if r.random() < 0.2:
        parts.append("dl_dst=%s" % r.choice(MACS))
    if r.random() < 0.1:
        parts.append(r.choice(["dl_vlan=10", "vlan_tci=0/0x1000", "pkt_mark=0x7"]))
    if table > 0 and r.random() < 0.4:
        parts.append("reg0=%d" % r.choice([1, 2, 3]))
    if table > 0 and r.random() < 0.2:
        parts.append("metadata=0x%x" % r.choice([1, 2]))
    if r.random() < 0.15 and proto in ("ip", "tcp", "udp"):
        parts.append("ct_state=%s" % r.choice(["+trk+new", "+trk+est", "-trk"]))
    return proto, parts


def action(table, proto):
    if wide and proto in ("ipv6", "tcp6", "udp6", "icmp6") and r.random() < 0.3:
        return r.choice(["dec_ttl", "set_field:%s->ipv6_src" % r.choice(IP6S), "mod_nw_tos:16",
                         "set_field:0x5->ipv6_label", "output:%d" % r.choice([1, 2])])
    if wide and r.random() < 0.05:
        return r.choice(["push_vlan:0x8100,set_field:4106->vlan_vid", "mod_vlan_vid:20"])
    ip = proto in ("ip", "tcp", "udp", "icmp")
    later = [t for t in range(table + 1, 4)]
    k = r.randrange(24)
    if k < 3 and later:
        return "resubmit(,%d)" % r.choice(later)
    if k < 4 and later:
        return "goto_table:%d" % r.choice(later)
    if k < 6:
        return "output:%d" % r.choice([1, 2])
    if k == 6:
        return "load:%d->NXM_NX_REG0[]" % r.choice([1, 2, 3])
    if k == 7:
        return "set_field:%d->reg1" % r.choice([1, 2])
    if k == 8:
        return "move:NXM_OF_ETH_SRC[]->NXM_OF_ETH_DST[]"
    if k == 9:
        return "mod_dl_src:%s" % r.choice(MACS)
    if k == 10 and ip:
        return r.choice(["mod_nw_dst:%s" % r.choice(IPS), "dec_ttl", "mod_nw_tos:16", "set_field:%s->ip_src" % r.choice(IPS)])
    if k == 11:
        return "output:NXM_NX_REG1[0..15]"
    if k == 12 and ip and later:
        return "ct(table=%d,zone=%d)" % (r.choice(later), r.choice([0, 5]))
    if k == 13 and ip:
        return "ct(commit,zone=%d%s)" % (r.choice([0, 5]), r.choice(["", ",exec(set_field:0x1->ct_mark)"]))
    if k == 14:
        return r.choice(["LOCAL", "IN_PORT", "exit", "ct_clear", "write_metadata:0x1/0x1" if later else "drop"])
    if k == 15 and proto == "tcp":
        return "mod_tp_dst:%d" % r.choice([80, 8080])
    if k == 16:
        return "load:0x%x->NXM_NX_REG2[8..15]" % r.choice([1, 0xff])
    if k == 17:
        return "move:NXM_NX_REG0[0..15]->NXM_NX_REG1[0..15]"
    if k == 20:
        return r.choice(["NORMAL", "FLOOD", "ALL"])
    if k == 21:
        return r.choice(["mod_vlan_vid:10", "strip_vlan", "mod_vlan_pcp:3"])  # no push_vlan: QinQ is not modelled
    if k == 22:
        return r.choice(["controller(reason=no_match)", "controller:64", "set_field:0x5->tun_id",
                         "load:0x7->NXM_NX_PKT_MARK[]"])
    if k == 23 and proto in ("tcp", "udp"):
        return r.choice(["mod_tp_src:999", "set_field:7->%s_dst" % proto])
    return "output:%d" % r.choice([1, 2])


def clone_of(table, proto, depth=0):
    """clone mode: clone(...) of 1-3 actions (no instruction: goto_table is a resubmit there), maybe nested."""
    inner = []
    for _ in range(r.choice([1, 2, 2, 3])):
        a = action(table, proto)
        if a.startswith("goto_table"):
            a = "resubmit(,%s)" % a.split(":")[1]
        if not a.startswith("write_metadata"):
            inner.append(a)
    if depth == 0 and r.random() < 0.2:
        inner.insert(r.randrange(len(inner) + 1), clone_of(table, proto, 1))
    return "clone(%s)" % ",".join(inner)


def flow(table):
    proto, parts = match(table)
    acts = []
    for _ in range(r.choice([1, 1, 2, 3])):
        a = action(table, proto)
        if a.startswith("goto_table"):
            acts.append(a)
            break
        acts.append(a)
    if clone and r.random() < 0.35:
        n = len(acts) - (1 if acts[-1].startswith("goto_table") else 0)
        acts.insert(r.randrange(n + 1), clone_of(table, proto))
    if r.random() < 0.25:  # instructions in OpenFlow 1.1+ order, before write_metadata and goto_table
        tail = [a for a in acts if a.startswith("write_metadata") or a.startswith("goto_table")]
        acts = [a for a in acts if a not in tail] + r.choice([["clear_actions"], [], []]) + [
            "write_actions(%s)" % ",".join(r.sample(["output:%d" % r.choice([1, 2]), "set_field:%d->reg1" % r.choice(
                [1, 2]), "mod_dl_dst:%s" % r.choice(MACS), "dec_ttl" if proto in ("ip", "tcp", "udp", "icmp")
                else "LOCAL"], r.choice([1, 2])))] + tail
    if any(a.startswith("write_metadata") for a in acts):
        acts = [a for a in acts if not a.startswith("write_metadata")] + [next(a for a in acts if a.startswith("write_metadata"))]
        gotos = [a for a in acts if a.startswith("goto_table")]
        acts = [a for a in acts if not a.startswith("goto_table")] + gotos
    head = ["table=%d" % table, "priority=%d" % r.choice([0, 10, 20, 100])]
    return ",".join(head + parts + ["actions=" + ",".join(acts)])


def conjunction(table, cid):
    """A conjunctive policy: clause flows of 2 or 3 dimensions (addresses, ports, in_port), the conj_id flow."""
    prio = r.choice([10, 20, 100, 200])
    dims = r.sample(["nw_src", "nw_dst", "tp_dst", "in_port"], r.choice([2, 2, 3]))
    out = []
    for k, d in enumerate(dims):
        for _ in range(r.choice([1, 2])):
            if d in ("nw_src", "nw_dst"):
                m = "ip,%s=%s%s" % (d, r.choice(IPS), r.choice(["", "/24"]))
            elif d == "tp_dst":
                m = "%s,tp_dst=%s" % (r.choice(["tcp", "udp"]), r.choice(["80", "53", "1030"]))
            else:
                m = "in_port=%d" % r.choice([1, 2])
            out.append("table=%d,priority=%d,%s,actions=conjunction(%d,%d/%d)" % (table, prio, m, cid, k + 1,
                                                                                   len(dims)))
    later = [t for t in range(table + 1, 4)]
    act = r.choice(["output:%d" % r.choice([1, 2]), "load:%d->NXM_NX_REG0[]" % cid] +
                   (["resubmit(,%d)" % r.choice(later)] if later else []))
    out.append("table=%d,priority=%d,conj_id=%d,actions=%s" % (table, r.choice([prio, prio, 5]), cid, act))
    return out


def packet6():
    """An IPv6 packet in ofproto/trace syntax (wide mode)."""
    proto = r.choice(["tcp6", "udp6", "icmp6", "ns", "na"])
    f = ["in_port=%d" % r.choice([1, 2]), "icmp6" if proto in ("ns", "na") else proto,
         "dl_src=%s" % r.choice(MACS), "dl_dst=%s" % r.choice(MACS)]
    if r.random() < 0.2:
        f.insert(1, "dl_vlan=%d" % r.choice([10, 20]))
    f += ["ipv6_src=%s" % r.choice(IP6S), "ipv6_dst=%s" % r.choice(IP6S), "nw_ttl=%d" % r.choice([64, 1, 255])]
    if proto in ("tcp6", "udp6"):
        f += ["tp_src=%d" % r.choice([1234, 53]), "tp_dst=%d" % r.choice([80, 53, 0x1234])]
    elif proto == "icmp6":
        f += ["icmp_type=%d" % r.choice([128, 129]), "icmp_code=0"]
    else:
        f += ["icmp_type=%d" % (135 if proto == "ns" else 136), "icmp_code=0", "nd_target=%s" % r.choice(IP6S)]
        f.append("nd_sll=%s" % f[2][7:] if proto == "ns" else "nd_tll=%s" % f[2][7:])
    return ",".join(f)


def packet_l4():
    """An IPv4 or IPv6 fragment, a TCP segment with flags or an SCTP packet, maybe with ToS and ECN (l4 mode)."""
    proto = r.choice(["tcp", "udp", "sctp", "tcp6", "udp6"])
    frag = r.choice(["no", "no", "first", "later"])
    f = ["in_port=%d" % r.choice([1, 2]), proto, "dl_src=%s" % r.choice(MACS), "dl_dst=%s" % r.choice(MACS)]
    if proto.endswith("6"):
        f += ["ipv6_src=%s" % r.choice(IP6S), "ipv6_dst=%s" % r.choice(IP6S)]
    else:
        f += ["nw_src=%s" % r.choice(IPS), "nw_dst=%s" % r.choice(IPS)]
    f += ["nw_ttl=%d" % r.choice([64, 1]), "nw_tos=%d" % r.choice([0, 0, 32, 8]), "nw_ecn=%d" % r.choice([0, 1, 3]),
          "ip_frag=%s" % frag]
    if frag != "later":  # tp_src and tp_dst are tcp_src and tcp_dst in a trace's flow
        l4name = proto.rstrip("6")
        f += ["%s_src=%d" % (l4name, r.choice([1234, 53])), "%s_dst=%d" % (l4name, r.choice([80, 53, 0x1234]))]
        if proto.startswith("tcp"):
            f.append("tcp_flags=0x%03x" % r.choice([0x002, 0x012, 0x010, 0x011, 0x004, 0x018]))
    return ",".join(f)


def frame_l4(d, proto):
    """The datapath key of packet_l4()'s packet."""
    frag = d["ip_frag"]
    tos = int(d["nw_tos"]) | int(d["nw_ecn"])
    num = {"tcp": 6, "udp": 17, "sctp": 132}[proto.rstrip("6")]
    if proto.endswith("6"):
        s = "eth_type(0x86dd),ipv6(src=%s,dst=%s,label=0,proto=%d,tclass=%d,hlimit=%s,frag=%s)" % (
            d["ipv6_src"], d["ipv6_dst"], num, tos, d["nw_ttl"], frag)
    else:
        s = "eth_type(0x0800),ipv4(src=%s,dst=%s,proto=%d,tos=%d,ttl=%s,frag=%s)" % (
            d["nw_src"], d["nw_dst"], num, tos, d["nw_ttl"], frag)
    if frag == "later":
        return s
    l4name = proto.rstrip("6")
    s += ",%s(src=%s,dst=%s)" % (l4name, d[l4name + "_src"], d[l4name + "_dst"])
    if "tcp_flags" in d:
        s += ",tcp_flags(0x%03x)" % int(d["tcp_flags"], 16)
    return s


def packet():
    if l4 and r.random() < 0.35:
        return packet_l4()
    if wide and r.random() < 0.45:
        return packet6()
    proto = r.choice(["tcp", "udp", "icmp", "arp", "ip"])
    f = ["in_port=%d" % r.choice([1, 2]), proto, "dl_src=%s" % r.choice(MACS), "dl_dst=%s" % r.choice(MACS)]
    if r.random() < 0.15:
        f.insert(1, "dl_vlan=10")
    if proto == "arp":
        f += ["arp_spa=%s" % r.choice(IPS), "arp_tpa=%s" % r.choice(IPS), "arp_op=1"]
    else:
        f += ["nw_src=%s" % r.choice(IPS), "nw_dst=%s" % r.choice(IPS), "nw_ttl=%d" % r.choice([64, 1, 2])]
        if proto in ("tcp", "udp"):
            f += ["tp_src=%d" % r.choice([1234, 53]), "tp_dst=%d" % r.choice([80, 53, 0x1234, 1030])]
    return ",".join(f)


def vlans(d, inner):
    """The tags around 'inner' (an eth_type(..),... key): the packet's dl_vlan, sometimes QinQ (wide mode)."""
    if "dl_vlan" not in d:
        return inner
    tag = "eth_type(0x8100),vlan(vid=%s,pcp=0),encap(%s)" % (d["dl_vlan"], inner)
    if r.random() < 0.4:
        return "eth_type(0x88a8),vlan(vid=%d,pcp=0),encap(%s)" % (r.choice([100, 200]), tag)
    return tag


def frame6(d, proto):
    num = {"tcp6": 6, "udp6": 17, "icmp6": 58}[proto]
    s = "eth_type(0x86dd),ipv6(src=%s,dst=%s,label=0,proto=%d,tclass=0,hlimit=%s,frag=no)" % (
        d["ipv6_src"], d["ipv6_dst"], num, d["nw_ttl"])
    if proto != "icmp6":
        return s + ",%s(src=%s,dst=%s)" % (proto[:3], d["tp_src"], d["tp_dst"])
    s += ",icmpv6(type=%s,code=0)" % d["icmp_type"]
    if "nd_target" in d:
        s += ",nd(target=%s,%s)" % (d["nd_target"], "sll=" + d["nd_sll"] if "nd_sll" in d else "tll=" + d["nd_tll"])
    return s


def frame(p):
    if not wide:
        return frame4(p)
    d = dict(kv.split("=") for kv in p.split(",") if "=" in kv)
    proto = [kv for kv in p.split(",") if "=" not in kv][0]
    if "ip_frag" in d:
        return "eth(src=%s,dst=%s),%s" % (d["dl_src"], d["dl_dst"], frame_l4(d, proto))
    inner = frame6(d, proto) if proto in ("tcp6", "udp6", "icmp6") else frame4(
        ",".join(kv for kv in p.split(",") if not kv.startswith("dl_vlan"))).split(",", 2)[2]
    return "eth(src=%s,dst=%s),%s" % (d["dl_src"], d["dl_dst"], vlans(d, inner))


def frame4(p):
    d = dict(kv.split("=") for kv in p.split(",") if "=" in kv)
    proto = [kv for kv in p.split(",") if "=" not in kv][0]
    eth = "eth(src=%s,dst=%s)" % (d["dl_src"], d["dl_dst"])
    if proto == "arp":
        return "%s,eth_type(0x0806),arp(sip=%s,tip=%s,op=1,sha=%s,tha=00:00:00:00:00:00)" % (
            eth, d["arp_spa"], d["arp_tpa"], d["dl_src"])
    num = {"tcp": 6, "udp": 17, "icmp": 1, "ip": 6}[proto]
    s = "%s,eth_type(0x0800),ipv4(src=%s,dst=%s,proto=%d,tos=0,ttl=%s,frag=no)" % (
        eth, d["nw_src"], d["nw_dst"], num, d["nw_ttl"])
    if proto in ("tcp", "udp", "ip"):
        s += ",%s(src=%s,dst=%s)" % ("udp" if proto == "udp" else "tcp", d.get("tp_src", 1234), d.get("tp_dst", 80))
    else:
        s += ",icmp(type=8,code=0)"
    return s


print("# gen-traces.py %d %d%s%s: random pipelines on br0 (dummy ports p1, p2), traced and received" % (seed, blocks,
      " wide clone" if clone else " wide l4" if l4 else "", " ofver" if ofver else ""))
if ofver:
    print("ovs-vsctl set bridge br0 protocols=" + ",".join(VERSIONS))
for b in range(blocks):
    print("ovs-ofctl del-flows br0")
    print("ovs-appctl dpctl/del-flows")
    for t in range(4):
        for _ in range(r.choice([1, 2, 3, 4])):
            add_flow(flow(t))
        if r.random() < 0.5:
            for f in conjunction(t, r.choice([1, 2, 3])):
                add_flow(f)
    for _ in range(r.choice([3, 4, 5])):
        p = packet()
        ct = " ".join("--ct-next '%s'" % r.choice(["trk,new", "trk,est", "trk,est,rpl"]) for _ in range(r.choice([0, 0, 1, 2])))
        print("ovs-appctl ofproto/trace %sbr0 '%s'" % (ct + " " if ct else "", p))
    for _ in range(r.choice([1, 2]) + (2 if wide else 0)):
        p = packet()
        if "in_port=1" in p:
            print("ovs-appctl netdev-dummy/receive p1 '%s'" % frame(p))
    print("ovs-appctl dpctl/dump-flows")
    if wide:
        print("ovs-appctl dpctl/dump-flows -m")
