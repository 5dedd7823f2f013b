#!/usr/bin/env python3
"""Seeded random generic pipelines and packet sequences: the megaflows OVS 3.1 installs after them.

Writes DIR/commands.in for record-megaflows.sh SEED: br0 with 3-4 dummy ports p1..pN (tx_pcap each), OVS's clock
stopped (time/stop: no megaflow or connection idles out while the recording runs), a random pipeline of 3-5 tables
drawing on the common ovs-fields(7) matches (in_port, masked Ethernet/IPv4/IPv6/L4 fields, vlan_tci, tcp_flags,
ip_frag, ICMP/ICMPv6 and ND, ARP, registers and metadata with masks, ct_state/zone/mark/label, conjunctions) and
actions (set_field masked, load and move with bit ranges, mod_*, dec_ttl, push/pop VLAN, ct with zones, marks,
labels and NAT, learn, resubmit and goto_table, conjunction, output to ports, in_port, LOCAL, FLOOD, ALL, NORMAL,
several outputs), then packets received on the ports (odp flow strings) from small pools so that they repeat and hit
the megaflows installed before them, revalidator/wait at points, and the datapath views: dpctl/dump-flows (and -m),
dpctl/show -s, dpctl/dump-conntrack, ovs-ofctl dump-flows (counters). Not modelled, so not generated: ct() on
IPv6 (only IPv4 flows carry ct actions), fragments meeting ct (the userspace datapath's ipf holds them for
reassembly: IP fragments only come to pipelines without ct), NAT ranges of several addresses (OVS picks one with a
per-process random hash basis).
With "l3" (seeds recorded since; without it a seed's files are unchanged) the flows are added with OpenFlow 1.0, 1.3
or 1.5 (legacy actions or set_field, as the switch keeps them), the rewrites also take set_field and load of nw_tos,
ip_dscp, nw_ecn, nw_ttl, IPv6 addresses and ARP fields and move into IP fields, and the packets include IPv4 with
protocol 0 or 111 (no L4 header).
With "clone" (seeds recorded since; the files of seeds without it are unchanged) a third of the flows also put
part of their actions inside clone(...): header and register rewrites, ct() (commits, NAT, recirculations),
resubmits and outputs, sometimes nested, sometimes the flow's last action (compose_clone(): reversible actions
inline, a datapath clone() around a ct(), a trailing one flattened).
With "l4" (seeds recorded since; the files of seeds without it are unchanged) the pipelines also match ip_frag,
nw_tos, ip_dscp and ip_ecn on IPv6, every tcp_flags bit (psh, urg, ece, cwr, ns, masked), SCTP ports and ICMP
errors, and the packets include IPv6 fragments (first with its L4 header, later without), IPv4 TCP and ICMP
fragments (pipelines without ct), TCP segments with any flags, SCTP, ICMP errors and ICMPv6 errors and router
messages.
  src/test/scripts/gen-megaflows.py SEED DIR [l3|clone|l4]
"""
import os
import random
import sys

seed, out = int(sys.argv[1]), sys.argv[2]
L3 = sys.argv[3:] == ["l3"]
CLONE = sys.argv[3:] == ["clone"]
L4 = sys.argv[3:] == ["l4"]
r = random.Random(seed)
nports = r.choice([3, 4])
PORTS = list(range(1, nports + 1))
MACS = ["50:54:00:00:00:%02x" % r.randrange(1, 250) for _ in range(4)] + ["ff:ff:ff:ff:ff:ff"]
IP4 = ["10.0.%d.%d" % (r.randrange(3), r.randrange(1, 250)) for _ in range(4)] + ["192.168.1.%d" % r.randrange(1, 9)]
IP6 = ["fd00::%x" % r.randrange(1, 0xffff) for _ in range(3)] + ["fe80::%x" % r.randrange(1, 0xffff), "ff02::1"]
TPORTS = [22, 53, 80, 443, r.randrange(1024, 65536), r.randrange(1024, 65536)]
VLANS = [10, 20, 30]
ZONES = [0, r.choice([1, 5, 7]), r.choice([100, 65520])]
ntables = r.choice([3, 4, 5])
TABLES = sorted(r.sample(range(1, 30), ntables - 1))
ALL_TABLES = [0] + TABLES
HAS_CT = r.random() < 0.55
lines = ["# gen-megaflows.py %d%s: br0 with dummy ports p1..p%d" % (seed, " l3" if L3 else " clone" if CLONE else
                                                                  " l4" if L4 else "", nports),
         "ovs-appctl time/stop"]
flows = []

# protocol classes: (match prefix, fields that may be matched, L4 kind)
CLASSES = {
    "any": ("", []),
    "arp": ("arp", ["arp_op", "arp_spa", "arp_tpa", "arp_sha"]),
    "ip": ("ip", ["nw_src", "nw_dst", "nw_tos", "nw_ttl", "ip_ecn", "ip_frag", "nw_proto"]),
    "tcp": ("tcp", ["nw_src", "nw_dst", "tp_src", "tp_dst", "tcp_flags", "nw_ttl", "ip_frag"]),
    "udp": ("udp", ["nw_src", "nw_dst", "tp_src", "tp_dst", "ip_frag"]),
    "icmp": ("icmp", ["nw_src", "nw_dst", "icmp_type", "icmp_code"]),
    "ipv6": ("ipv6", ["ipv6_src", "ipv6_dst", "ipv6_label", "nw_ttl", "nw_proto"]),
    "tcp6": ("tcp6", ["ipv6_src", "ipv6_dst", "tp_src", "tp_dst", "tcp_flags"]),
    "udp6": ("udp6", ["ipv6_src", "ipv6_dst", "tp_src", "tp_dst"]),
    "icmp6": ("icmp6", ["ipv6_src", "ipv6_dst", "icmpv6_type", "icmpv6_code"]),
    "nd": ("icmp6,icmpv6_type=135", ["nd_target", "nd_sll", "ipv6_src"]),
    "na": ("icmp6,icmpv6_type=136", ["nd_target", "nd_tll"]),
}
if L4:  # IPv6 fragments and traffic class, SCTP, every TCP flag
    CLASSES["ipv6"][1].extend(["ip_frag", "nw_tos", "ip_dscp", "ip_ecn"])
    CLASSES["udp6"][1].append("ip_frag")
    CLASSES["tcp6"][1].append("ip_frag")
    CLASSES["icmp"][1].append("ip_frag")
    CLASSES["sctp"] = ("sctp", ["nw_src", "nw_dst", "tp_src", "tp_dst", "ip_frag"])
    CLASSES["sctp6"] = ("sctp6", ["ipv6_src", "ipv6_dst", "tp_src", "tp_dst"])
GENERIC = ["in_port", "dl_src", "dl_dst", "dl_dst_mcast", "dl_vlan", "vlan_tci", "dl_vlan_pcp", "reg", "metadata"]


def mask_of(bits, width):
    return ((1 << width) - 1) ^ ((1 << (width - bits)) - 1)


def field(name, cls, ct_after):
    """One match field of a flow, name=value[/mask], with values from the packets' pools."""
    if name == "in_port":
        return "in_port=%d" % r.choice(PORTS)
    if name == "dl_src":
        return "dl_src=%s" % r.choice(MACS[:4]) + r.choice(["", "", "/ff:ff:ff:ff:ff:00", "/ff:ff:00:00:00:00"])
    if name == "dl_dst":
        return "dl_dst=%s" % r.choice(MACS)
    if name == "dl_dst_mcast":
        return "dl_dst=01:00:00:00:00:00/01:00:00:00:00:00" if r.random() < 0.5 else \
            "dl_dst=00:00:00:00:00:00/01:00:00:00:00:00"
    if name == "dl_vlan":
        return "dl_vlan=%d" % r.choice(VLANS)
    if name == "vlan_tci":
        return r.choice(["vlan_tci=0x1000/0x1000", "vlan_tci=0", "vlan_tci=0x%04x/0x1fff" % (0x1000 | r.choice(VLANS))])
    if name == "dl_vlan_pcp":
        return "dl_vlan_pcp=%d" % r.randrange(4)
    if name == "reg":
        reg = r.randrange(4)
        return r.choice(["reg%d=0x%x" % (reg, r.randrange(1, 4)), "reg%d=0x%x/0x%x" % (reg, r.randrange(4) << 4, 0xf0),
                         "reg%d=0/0x1" % reg])
    if name == "metadata":
        return "metadata=0x%x" % r.randrange(0, 3) + r.choice(["", "/0xff"])
    if name in ("nw_src", "nw_dst"):
        ip = r.choice(IP4)
        return "%s=%s" % (name, r.choice([ip, ip + "/24", ip + "/16", ip.rsplit(".", 1)[0] + ".0/255.255.255.0"]))
    if name == "nw_tos":
        return "nw_tos=%d" % r.choice([0, 0, 32])
    if name == "nw_ttl":
        return "nw_ttl=%d" % r.choice([1, 64, 255])
    if name == "ip_ecn":
        return "ip_ecn=%d" % r.choice([0, 1])
    if name == "ip_frag":
        return "ip_frag=%s" % r.choice(["no", "yes", "first", "later", "not_later"])
    if name == "nw_proto":
        return "nw_proto=%d" % r.choice([6, 17, 1, 58])
    if name in ("tp_src", "tp_dst"):
        p = r.choice(TPORTS)
        return "%s=%s" % (name, r.choice([str(p), "0x%x/0xff00" % (p & 0xff00), "0x%x/0xfff0" % (p & 0xfff0)]))
    if name == "tcp_flags" and L4:
        return "tcp_flags=%s" % r.choice(["+psh", "+urg", "+ece", "-cwr", "+ns", "+psh+ack", "-syn-rst", "0x018/0x018",
                                          "+fin-ack", "0x0c0/0x0c0", "+syn-ack-urg"])
    if name == "ip_dscp":
        return "ip_dscp=%d" % r.choice([0, 8, 46])
    if name == "icmp_type" and L4:
        return "icmp_type=%d" % r.choice([0, 8, 3, 11])
    if name == "icmpv6_type" and L4:
        return "icmpv6_type=%d" % r.choice([128, 129, 1, 3, 133, 134])
    if name == "tcp_flags":
        return "tcp_flags=%s" % r.choice(["+syn", "+syn-ack", "+ack", "-ack", "+fin", "0x002/0x012", "+rst"])
    if name == "icmp_type":
        return "icmp_type=%d" % r.choice([0, 8, 3])
    if name == "icmp_code":
        return "icmp_code=0"
    if name in ("ipv6_src", "ipv6_dst"):
        ip = r.choice(IP6)
        return "%s=%s" % (name, r.choice([ip, ip + "/64", ip + "/120", "fd00::/16"]))
    if name == "ipv6_label":
        return "ipv6_label=%s" % r.choice(["0", "0x5", "0x5/0xf"])
    if name == "icmpv6_type":
        return "icmpv6_type=%d" % r.choice([128, 129, 135, 136])
    if name == "icmpv6_code":
        return "icmpv6_code=0"
    if name == "nd_target":
        return "nd_target=%s" % r.choice(IP6[:4]) + r.choice(["", "/64"])
    if name in ("nd_sll", "nd_tll"):
        return "%s=%s" % (name, r.choice(MACS[:4] + ["00:00:00:00:00:00"]))
    if name == "arp_op":
        return "arp_op=%d" % r.choice([1, 2])
    if name in ("arp_spa", "arp_tpa"):
        ip = r.choice(IP4)
        return "%s=%s" % (name, r.choice([ip, ip + "/24"]))
    if name == "arp_sha":
        return "arp_sha=%s" % r.choice(MACS[:4])
    raise ValueError(name)


def ct_fields():
    f = [r.choice(["ct_state=+trk+new", "ct_state=+trk+est", "ct_state=-trk", "ct_state=+trk+new-est",
                   "ct_state=+trk+rpl", "ct_state=+trk+inv", "ct_state=+trk"])]
    if r.random() < 0.3:
        f.append("ct_zone=%d" % r.choice(ZONES))
    if r.random() < 0.3:
        f.append("ct_mark=%s" % r.choice(["0x1", "0x2/0x2", "0"]))
    if r.random() < 0.2:
        f.append("ct_label=%s" % r.choice(["0x1", "0x10/0xf0"]))
    return f


def match(cls, ct_after):
    prefix, fields = CLASSES[cls]
    m = [prefix] if prefix else []
    for name in r.sample(fields + GENERIC, min(len(fields + GENERIC), r.choice([0, 1, 1, 2, 2, 3]))):
        if name in ("dl_vlan", "dl_vlan_pcp", "vlan_tci") and any(x.startswith(("dl_vlan", "vlan_tci")) for x in m):
            continue
        if name in ("dl_dst", "dl_dst_mcast") and any(x.startswith("dl_dst") for x in m):
            continue
        m.append(field(name, cls, ct_after))
    if ct_after and r.random() < 0.6:
        m += ct_fields()
    return m


def set_actions(cls):
    """Header and register rewrites valid for a flow of class cls."""
    a = []
    for _ in range(r.choice([0, 0, 1, 1, 2])):
        u = r.random()
        ip4 = cls in ("ip", "tcp", "udp", "icmp")
        ip6 = cls in ("ipv6", "tcp6", "udp6", "icmp6", "nd", "na")
        l4 = cls in ("tcp", "udp", "tcp6", "udp6")
        if u < 0.15:
            a.append(r.choice(["mod_dl_src:%s" % r.choice(MACS[:4]), "mod_dl_dst:%s" % r.choice(MACS[:4]),
                               "set_field:%s->eth_dst" % r.choice(MACS[:4]),
                               "set_field:00:00:00:00:00:ff/00:00:00:00:00:ff->eth_src"]))
        elif u < 0.3:
            reg = r.randrange(4)
            a.append(r.choice(["load:0x%x->NXM_NX_REG%d[]" % (r.randrange(1, 4), reg),
                               "load:0x%x->NXM_NX_REG%d[4..7]" % (r.randrange(4), reg),
                               "set_field:0x%x/0xf0->reg%d" % (r.randrange(4) << 4, reg),
                               "set_field:0x%x->metadata" % r.randrange(3),
                               "move:NXM_NX_REG%d[0..7]->NXM_NX_REG%d[8..15]" % (reg, (reg + 1) % 4),
                               "move:NXM_OF_ETH_SRC[0..15]->NXM_NX_REG%d[0..15]" % reg]))
        elif u < 0.45 and ip4:
            a.append(r.choice(["mod_nw_src:%s" % r.choice(IP4), "mod_nw_dst:%s" % r.choice(IP4), "dec_ttl",
                               "mod_nw_tos:%d" % r.choice([0, 32]), "set_field:%s->ip_dst" % r.choice(IP4),
                               "mod_nw_ttl:%d" % r.choice([2, 64]), "set_field:1->ip_ecn",
                               "move:NXM_OF_IP_SRC[]->NXM_NX_REG%d[]" % r.randrange(4)]))
        elif u < 0.55 and ip6:
            a.append(r.choice(["dec_ttl", "set_field:%s->ipv6_src" % r.choice(IP6[:3]),
                               "set_field:0x7->ipv6_label"]))
        elif u < 0.7 and l4:
            a.append(r.choice(["mod_tp_src:%d" % r.choice(TPORTS), "mod_tp_dst:%d" % r.choice(TPORTS),
                               "set_field:%d->%s_dst" % (r.choice(TPORTS), "tcp" if "tcp" in cls else "udp"),
                               "move:NXM_OF_%s_SRC[]->NXM_NX_REG%d[0..15]" % ("TCP" if "tcp" in cls else "UDP",
                                                                              r.randrange(4))]))
        elif u < 0.85:
            a.append(r.choice(["mod_vlan_vid:%d" % r.choice(VLANS), "strip_vlan", "mod_vlan_pcp:%d" % r.randrange(8),
                               "push_vlan:0x8100,set_field:%d->vlan_vid" % (0x1000 | r.choice(VLANS)),
                               "pop_vlan"]))
        elif cls == "arp":
            a.append(r.choice(["set_field:%s->arp_tpa" % r.choice(IP4), "load:0x2->NXM_OF_ARP_OP[]",
                               "move:NXM_NX_ARP_SHA[]->NXM_NX_ARP_THA[]"]))
    if L3 and r.random() < 0.5:
        a += l3_actions(cls)
    return a


def l3_actions(cls):
    """l3: the rewrites whose ofpact (legacy action or set_field) decides which fields the megaflow matches."""
    if cls in ("ip", "tcp", "udp", "icmp"):
        return [r.choice(["set_field:%d->nw_tos" % r.choice([0, 32, 64]), "set_field:%d->ip_dscp" % r.choice([0, 8]),
                          "set_field:%d->nw_ecn" % r.choice([1, 2]), "set_field:%d->nw_ttl" % r.choice([5, 64]),
                          "load:0x%x->NXM_OF_IP_TOS[]" % r.choice([0, 0x20]), "mod_nw_ecn:%d" % r.choice([1, 3]),
                          "move:NXM_NX_REG%d[]->NXM_OF_IP_DST[]" % r.randrange(4),
                          "mod_nw_tos:%d,mod_nw_tos:0" % r.choice([8, 32]),
                          "load:0x%x->NXM_OF_IP_SRC[]" % r.randrange(1, 0xffffffff)])]
    if cls in ("ipv6", "tcp6", "udp6", "icmp6", "nd", "na"):
        return [r.choice(["set_field:%s->ipv6_dst" % r.choice(IP6[:3]), "set_field:%d->nw_tos" % r.choice([0, 32]),
                          "set_field:%d->ip_dscp" % r.choice([0, 8]), "set_field:%d->nw_ttl" % r.choice([5, 64]),
                          "load:0x%x->NXM_NX_IPV6_LABEL[]" % r.randrange(1, 16)])]
    if cls == "arp":
        return [r.choice(["set_field:%s->arp_sha" % r.choice(MACS[:4]), "set_field:2->arp_op",
                          "set_field:%s->arp_spa" % r.choice(IP4), "load:0x1->NXM_OF_ARP_OP[]"])]
    return []


def outputs(table_idx):
    """The end of a flow's actions: outputs, resubmits to later tables, or drop."""
    later = ALL_TABLES[table_idx + 1:]
    u = r.random()
    if later and u < 0.45:
        t = r.choice(later)
        return [r.choice(["resubmit(,%d)" % t, "goto_table:%d" % t])]
    if later and u < 0.55:
        return ["resubmit(,%d)" % r.choice(later), "output:%d" % r.choice(PORTS)]
    if u < 0.8:
        return ["output:%d" % p for p in r.sample(PORTS, r.choice([1, 1, 2]))]
    return [r.choice(["in_port", "LOCAL", "FLOOD", "ALL", "NORMAL", "drop",
                      "output:NXM_NX_REG%d[0..15]" % r.randrange(4), "output:%d,in_port" % r.choice(PORTS)])]


def ct_action(table_idx):
    later = ALL_TABLES[table_idx + 1:]
    zone = r.choice(ZONES)
    z = "" if zone == 0 and r.random() < 0.5 else "zone=%d," % zone
    u = r.random()
    if u < 0.4 and later:
        return "ct(%stable=%d%s)" % (z, r.choice(later), r.choice(["", "", ",nat"]))
    if u < 0.7:
        ex = r.choice(["", ",exec(set_field:0x1->ct_mark)", ",exec(set_field:0x2/0x2->ct_mark)",
                       ",exec(set_field:0x10->ct_label)", ",exec(load:0x1->NXM_NX_CT_MARK[],set_field:0x1->ct_label)"])
        return "ct(commit,%s%s)" % (z.rstrip(","), ex) if z else "ct(commit%s)" % ex
    nat = r.choice(["nat(src=%s)" % r.choice(IP4), "nat(dst=%s:%d)" % (r.choice(IP4), r.choice(TPORTS)), "nat"])
    return "ct(commit,%s%s)" % (z, nat)


def clone_actions(cls, table_idx, depth=0):
    """clone: a clone(...) of rewrites, maybe a ct() (IPv4 classes), maybe a nested clone, and outputs or resubmits."""
    inner = set_actions(cls)
    if HAS_CT and cls in ("ip", "tcp", "udp", "icmp") and r.random() < 0.4:
        c = ct_action(table_idx)
        if "table=" in c:
            CT_TABLES.add(int(c.split("table=")[1].split(",")[0].rstrip(")")))
        inner.append(c)
    if depth == 0 and r.random() < 0.2:
        inner.append(clone_actions(cls, table_idx, 1))
    if r.random() < 0.8:
        inner += [a.replace("goto_table:", "resubmit(,") + (")" if a.startswith("goto_table:") else "")
                  for a in outputs(table_idx) if a != "drop"]
    return "clone(%s)" % ",".join(inner)


def add(table, prio, m, acts):
    if "drop" in acts and len(acts) > 1:
        acts = [a for a in acts if a != "drop"]
    flows.append("table=%d,priority=%d%s,actions=%s" % (table, prio, "," + ",".join(m) if m else "", ",".join(acts)))


CT_TABLES = set()  # the tables a ct(table=...) recirculates to: ct_state is matched there and after
for idx, table in enumerate(ALL_TABLES):
    ct_after = any(t <= table for t in CT_TABLES)
    for _ in range(r.randrange(3, 8)):
        cls = r.choice(list(CLASSES))
        m = match(cls, ct_after)
        acts = set_actions(cls)
        if HAS_CT and cls in ("ip", "tcp", "udp", "icmp") and r.random() < 0.35:
            c = ct_action(idx)
            if "table=" in c:
                add(table, r.randrange(1, 200), m, acts + [c])
                CT_TABLES.add(int(c.split("table=")[1].split(",")[0].rstrip(")")))
                continue
            acts.append(c)
        if CLONE and r.random() < 0.35:
            acts.insert(r.randrange(len(acts) + 1), clone_actions(cls, idx))
        if r.random() < 0.08:
            acts.append("learn(table=%d,priority=%d,NXM_OF_ETH_DST[]=NXM_OF_ETH_SRC[],output:NXM_OF_IN_PORT[])"
                        % (r.choice(ALL_TABLES), r.choice([10, 300])))
        prio = r.randrange(1, 200)
        tail = outputs(idx)
        if CLONE and r.random() < 0.15:  # a clone as the flow's last action
            tail = [a for a in tail if a != "drop" and not a.startswith("goto_table")] + [clone_actions(cls, idx)]
        add(table, prio, m, acts + tail)
    if r.random() < 0.3:  # a conjunctive match: two dimensions and the conj_id flow at one priority
        cid, prio = r.randrange(1, 100), r.randrange(1, 200)
        for k in (1, 2):
            for _ in range(r.choice([1, 2])):
                f = field(r.choice(["nw_src", "nw_dst"]) if k == 1 else r.choice(["tp_dst", "in_port"]), "tcp", False)
                add(table, prio, ["tcp", f], ["conjunction(%d,%d/2)" % (cid, k)])
        add(table, prio, ["conj_id=%d" % cid, "tcp"], set_actions("tcp") + outputs(idx))
    if idx + 1 < len(ALL_TABLES) and r.random() < 0.75:  # most tables go on to the next one
        add(table, 0, [], [r.choice(["resubmit(,%d)", "goto_table:%d"]) % ALL_TABLES[idx + 1]])
    elif idx == 0 or r.random() < 0.5:
        add(table, 0, [], r.choice([["drop"], outputs(idx), ["NORMAL"]]))
for f in flows:  # set_field of vlan_vid after push_vlan is OpenFlow 1.1+'s
    ver = "-O OpenFlow13 " if "push_vlan" in f else ""
    if L3:
        ver = r.choice([ver or "", "-O OpenFlow13 ", "-O OpenFlow15 "])
    lines.append("ovs-ofctl %sadd-flow br0 '%s'" % (ver, f))


def eth(src, dst, vid, inner):
    if vid is None:
        return "eth(src=%s,dst=%s),%s" % (src, dst, inner)
    return "eth(src=%s,dst=%s),eth_type(0x8100),vlan(vid=%d,pcp=%d),encap(%s)" % (src, dst, vid, r.randrange(4), inner)


def packet():
    src, dst = r.choice(MACS[:4]), r.choice(MACS)
    vid = None if r.random() < 0.75 else r.choice(VLANS)
    kind = r.choice(["arp", "tcp", "tcp", "udp", "icmp", "tcp6", "udp6", "icmp6", "nd", "na", "frag"])
    if L4 and r.random() < 0.5:
        return "ovs-appctl netdev-dummy/receive p%d '%s'" % (r.choice(PORTS), eth(src, dst, vid, l4_packet()))
    ttl = r.choice([64, 64, 64, 1, 255])
    tos = r.choice([0, 0, 0, 32, 1])
    sip4, dip4, sip6, dip6 = r.choice(IP4), r.choice(IP4), r.choice(IP6[:4]), r.choice(IP6)
    if kind == "frag" and HAS_CT:
        kind = "udp"
    if L3 and kind in ("tcp", "udp", "icmp") and r.random() < 0.2:
        # an IPv4 protocol with no L4 header the datapath parses
        return "ovs-appctl netdev-dummy/receive p%d '%s'" % (r.choice(PORTS), eth(src, dst, vid,
            "eth_type(0x0800),ipv4(src=%s,dst=%s,proto=%d,tos=%d,ttl=%d,frag=no)" % (sip4, dip4, r.choice([0, 111]),
                                                                                   tos, ttl)))
    if kind == "arp":
        op = r.choice([1, 2])
        inner = "eth_type(0x0806),arp(sip=%s,tip=%s,op=%d,sha=%s,tha=%s)" % (
            sip4, dip4, op, src, "00:00:00:00:00:00" if op == 1 else dst)
    elif kind in ("tcp", "udp", "icmp", "frag"):
        proto = {"tcp": 6, "udp": 17, "icmp": 1, "frag": 17}[kind]
        frag = "no" if kind != "frag" else r.choice(["first", "later"])
        inner = "eth_type(0x0800),ipv4(src=%s,dst=%s,proto=%d,tos=%d,ttl=%d,frag=%s)" % (sip4, dip4, proto, tos, ttl,
                                                                                         frag)
        if kind == "tcp":
            inner += ",tcp(src=%d,dst=%d),tcp_flags(%s)" % (r.choice(TPORTS), r.choice(TPORTS),
                                                            r.choice(["syn", "syn|ack", "ack", "fin|ack", "rst"]))
        elif kind == "icmp":
            inner += ",icmp(type=%d,code=0)" % r.choice([8, 0])
        elif frag != "later":
            inner += ",udp(src=%d,dst=%d)" % (r.choice(TPORTS), r.choice(TPORTS))
    else:
        proto = {"tcp6": 6, "udp6": 17}.get(kind, 58)
        inner = "eth_type(0x86dd),ipv6(src=%s,dst=%s,label=%d,proto=%d,tclass=%d,hlimit=%d,frag=no)" % (
            sip6, dip6, r.choice([0, 0, 5]), proto, tos, ttl)
        if kind == "tcp6":
            inner += ",tcp(src=%d,dst=%d),tcp_flags(%s)" % (r.choice(TPORTS), r.choice(TPORTS), r.choice(["syn", "ack"]))
        elif kind == "udp6":
            inner += ",udp(src=%d,dst=%d)" % (r.choice(TPORTS), r.choice(TPORTS))
        elif kind == "icmp6":
            inner += ",icmpv6(type=%d,code=0)" % r.choice([128, 129])
        elif kind == "nd":
            inner += ",icmpv6(type=135,code=0),nd(target=%s,sll=%s,tll=00:00:00:00:00:00)" % (r.choice(IP6[:4]), src)
        else:
            inner += ",icmpv6(type=136,code=0),nd(target=%s,sll=00:00:00:00:00:00,tll=%s)" % (r.choice(IP6[:4]), src)
    return "ovs-appctl netdev-dummy/receive p%d '%s'" % (r.choice(PORTS), eth(src, dst, vid, inner))


def l4_packet():
    """l4: fragments (IPv6 always, IPv4 without ct), TCP with any flags, SCTP, ICMP and ICMPv6 errors."""
    sip4, dip4, sip6, dip6 = r.choice(IP4), r.choice(IP4), r.choice(IP6[:4]), r.choice(IP6)
    tos, ttl = r.choice([0, 0, 0x20, 0xb8, 1, 3]), r.choice([64, 64, 1, 255])
    kind = r.choice(["frag6", "frag6", "frag4", "tcp", "tcp6", "sctp", "sctp6", "icmperr", "icmp6err"])
    if kind == "frag4" and HAS_CT:
        kind = "tcp"
    ports = "src=%d,dst=%d" % (r.choice(TPORTS), r.choice(TPORTS))
    flags = "tcp_flags(%s)" % r.choice(["psh|ack", "urg|ack", "fin|psh|ack", "syn|ece|cwr", "ack|ns", "syn",
                                        "rst|ack", "0", "fin|syn|rst|psh|ack|urg"])
    if kind in ("frag6", "tcp6", "sctp6", "icmp6err"):
        proto = {"tcp6": 6, "sctp6": 132, "icmp6err": 58}.get(kind) or r.choice([6, 17, 58])
        frag = r.choice(["first", "later", "first"]) if kind == "frag6" else "no"
        inner = "eth_type(0x86dd),ipv6(src=%s,dst=%s,label=%d,proto=%d,tclass=%d,hlimit=%d,frag=%s)" % (
            sip6, dip6, r.choice([0, 5]), proto, tos, ttl, frag)
        if frag == "later":
            return inner
        if proto == 6:
            return inner + ",tcp(%s),%s" % (ports, flags)
        if proto == 17:
            return inner + ",udp(%s)" % ports
        if proto == 132:
            return inner + ",sctp(%s)" % ports
        if kind == "icmp6err":
            return inner + ",icmpv6(type=%s)" % r.choice(["1,code=4", "3,code=0", "2,code=0", "133,code=0",
                                                           "134,code=0"])
        return inner + ",icmpv6(type=%d,code=0)" % r.choice([128, 129])
    proto = {"tcp": 6, "sctp": 132, "icmperr": 1}.get(kind) or r.choice([6, 1])
    frag = r.choice(["first", "later"]) if kind == "frag4" else "no"
    inner = "eth_type(0x0800),ipv4(src=%s,dst=%s,proto=%d,tos=%d,ttl=%d,frag=%s)" % (sip4, dip4, proto, tos, ttl, frag)
    if frag == "later":
        return inner
    if proto == 6:
        return inner + ",tcp(%s),%s" % (ports, flags)
    if proto == 132:
        return inner + ",sctp(%s)" % ports
    if kind == "icmperr":
        return inner + ",icmp(type=%s)" % r.choice(["3,code=3", "3,code=1", "11,code=0", "5,code=1"])
    return inner + ",icmp(type=%d,code=0)" % r.choice([8, 0])


def views():
    u = r.random()
    if u < 0.4:
        return ["ovs-appctl dpctl/dump-flows" + r.choice(["", "", " -m"])]
    if u < 0.6:
        return ["ovs-appctl revalidator/wait", "ovs-appctl dpctl/show -s"]
    if u < 0.8:
        return ["ovs-appctl revalidator/wait", "ovs-ofctl dump-flows br0"]
    return ["ovs-appctl dpctl/dump-conntrack"]


sent = []
for _ in range(r.randrange(25, 45)):
    u = r.random()
    if sent and u < 0.3:  # a packet again: a datapath hit on the megaflow it installed
        lines.append(r.choice(sent[-5:]))
    elif u < 0.85:
        sent.append(packet())
        lines.append(sent[-1])
    elif u < 0.9:
        lines.append("ovs-appctl revalidator/wait")
    else:
        lines += views()
lines += ["ovs-appctl revalidator/wait", "ovs-appctl dpctl/dump-flows", "ovs-appctl dpctl/show -s",
          "ovs-appctl dpctl/dump-conntrack", "ovs-ofctl dump-flows br0"]
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "commands.in"), "w") as f:
    f.write("\n".join(lines) + "\n")
print(os.path.join(out, "commands.in"))
