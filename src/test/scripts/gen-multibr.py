#!/usr/bin/env python3
"""Seeded random campaigns of several bridges in one ovs-vswitchd (all on the one dummy datapath) against OVS 3.1.

Writes DIR/lab.yaml (the lab arplab replays it in), DIR/setup.sh (the same bridges and ports as ovs-vsctl lines, for
record-multibr.sh) and DIR/commands.in: 2-3 bridges br0, br1[, br2] with 1-3 dummy ports each (p*, q*, r*: names
whose digits collide, so that dpif-netdev's choose_port() falls back to the first free datapath port), sometimes
patch ports between neighbouring bridges (type patch, options:peer), pipelines of NORMAL, ct(table=1,zone=Z) with
ct(commit,zone=Z) and ct_mark, or explicit outputs through the patch port, in zones that often collide across the
bridges (one conntrack per datapath); OVS's clock stopped; then packets (ICMP echo, UDP, TCP SYN and replies)
between hosts on the bridges' ports, and the datapath views: dpctl/show [-s], dpif/show, dpctl/dump-flows [-m],
dpif/dump-flows BR, dpctl/dump-conntrack [zone=Z], fdb/show BR, ofproto/trace (across the patch ports),
ovs-ofctl dump-flows BR.
With "wide" (seeds recorded since; without it a seed's files are unchanged): bridges that SNAT in their zone
(ct(nat) then ct(commit,nat(src=IP)), replies sent to the translated address), rewrite headers before NORMAL
(mod_dl_src, mod_nw_tos, dec_ttl) or send through a group (all, select, indirect) of NORMAL and port buckets; VLANs on
the ports (access tags on dummy ports, trunks or tags on patch ports, set with ovs-vsctl at the start and changed
mid-run); tagged frames, broadcasts and unicasts to unknown MACs; flows added and deleted mid-run (a revalidation
across the bridges), fdb/flush, traces with dl_vlan and --ct-next.
  src/test/scripts/gen-multibr.py SEED DIR [wide]
"""
import os
import random
import sys

seed, out = int(sys.argv[1]), sys.argv[2]
WIDE = sys.argv[3:] == ["wide"]
r = random.Random(seed)
nbr = r.choice([2, 2, 3])
BRS = ["br%d" % i for i in range(nbr)]
LETTER = {"br0": "p", "br1": "q", "br2": "r"}
ports = {}  # bridge -> [(name, ofport, type, peer)]
for b in BRS:
    n = r.choice([1, 2, 2, 3])
    ports[b] = [("%s%d" % (LETTER[b], i), i, "dummy", None) for i in range(1, n + 1)]
patched = r.random() < 0.75
links = []
if patched:
    for a, b in zip(BRS, BRS[1:]):
        if b == BRS[-1] and nbr == 3 and r.random() < 0.3:
            continue  # br2 stays apart now and then
        links.append((a, b))
        # interface names are unique across bridges: BR-PEERBR on BR
        ports[a].append(("%s-%s" % (a, b), len(ports[a]) + 1, "patch", "%s-%s" % (b, a)))
        ports[b].append(("%s-%s" % (b, a), len(ports[b]) + 1, "patch", "%s-%s" % (a, b)))
ZONES = [1, 1, 2, 5]
zone = {b: r.choice(ZONES) for b in BRS}
kind = {b: r.choice(["normal", "ct", "ct", "commit", "explicit"]) for b in BRS}
if WIDE:
    for b in BRS:
        if r.random() < 0.6:
            kind[b] = r.choice(["nat", "nat", "rewrite", "group"])
VLANS = [10, 20]

# hosts: one per dummy port
hosts = []
for b in BRS:
    for (name, ofp, typ, _) in ports[b]:
        if typ == "dummy":
            i = len(hosts) + 1
            hosts.append({"br": b, "port": name, "mac": "50:54:00:00:%02x:%02x" % (BRS.index(b), i),
                          "ip": "10.0.0.%d" % i})
# wide: the address a "nat" bridge SNATs its hosts' connections to
SNAT = {b: "10.0.1.%d" % (BRS.index(b) + 1) for b in BRS}


def flows(b):
    z = zone[b]
    dummies = [p for p in ports[b] if p[2] == "dummy"]
    patches = [p for p in ports[b] if p[2] == "patch"]
    k = kind[b]
    f = ["priority=0,actions=NORMAL"] if k != "explicit" else []
    if k == "ct":
        mark = r.choice([None, r.randrange(1, 16)])
        commit = "ct(commit,zone=%d%s)" % (z, ",exec(set_field:%d->ct_mark)" % mark if mark else "")
        f += ["table=0,priority=10,ip,ct_state=-trk,actions=ct(table=1,zone=%d)" % z,
              "table=1,priority=10,ip,ct_state=+trk+new,actions=%s,NORMAL" % commit,
              "table=1,priority=10,ip,ct_state=+trk+est,actions=NORMAL",
              "table=1,priority=5,actions=drop"]
        if mark and r.random() < 0.5:
            f.append("table=1,priority=20,ip,ct_state=+trk+est,ct_mark=%d,actions=NORMAL" % mark)
    elif k == "commit":
        f += ["priority=10,ip,actions=ct(commit,zone=%d),NORMAL" % z]
    elif k == "nat":
        f += ["table=0,priority=10,ip,ct_state=-trk,actions=ct(table=1,zone=%d,nat)" % z,
              "table=1,priority=10,ip,ct_state=+trk+new,actions=ct(commit,zone=%d,nat(src=%s)),NORMAL" % (z, SNAT[b]),
              "table=1,priority=10,ip,ct_state=+trk+est,actions=NORMAL",
              "table=1,priority=10,ip,ct_state=+trk+rel,actions=NORMAL",
              "table=1,priority=5,actions=drop"]
    elif k == "rewrite":
        acts = r.sample(["mod_dl_src:50:54:00:00:0f:%02x" % BRS.index(b), "mod_nw_tos:%d" % r.choice([4, 32, 184]),
                         "dec_ttl", "mod_nw_ttl:%d" % r.choice([1, 2, 9])], r.choice([1, 2]))
        f += ["priority=10,ip,actions=%s,NORMAL" % ",".join(acts)]
        if r.random() < 0.5:
            f.append("priority=20,icmp,actions=NORMAL")
    elif k == "group":
        typ = r.choice(["all", "select", "indirect"])
        outs = [p for p in ports[b]]
        buckets = ["bucket=actions=NORMAL"] if typ == "indirect" else \
            ["bucket=actions=output:%d" % p[1] for p in r.sample(outs, min(len(outs), r.choice([1, 2])))]
        if typ == "all" and r.random() < 0.5:
            buckets.append("bucket=actions=mod_nw_tos:8,NORMAL")
        groups[b] = "group_id=%d,type=%s,%s" % (BRS.index(b) + 1, typ, ",".join(buckets))
        f += ["priority=10,ip,actions=group:%d" % (BRS.index(b) + 1)]
    elif k == "explicit":
        # every dummy port to the patch port (else the next dummy port), the patch port back to the first
        outs = patches + dummies
        for p in dummies:
            o = [x for x in outs if x[0] != p[0]]
            if not o:
                continue
            act = "output:%d" % o[0][1]
            if r.random() < 0.5:
                act = "ct(commit,zone=%d),%s" % (z, act)
            f.append("priority=10,in_port=%d,actions=%s" % (p[1], act))
        for p in patches:
            if dummies:
                f.append("priority=10,in_port=%d,actions=%s" % (p[1], ",".join("output:%d" % d[1] for d in dummies)))
        f.append("priority=5,arp,actions=NORMAL")
    return f


groups = {}  # wide: bridge -> its group

def frame(src, dst, proto, reply=False, flags=None, sport=None, dport=None, dip=None, dmac=None, vid=None):
    eth = "eth(src=%s,dst=%s)" % (src["mac"], dmac or dst["mac"])
    ip = "ipv4(src=%s,dst=%s,proto=%d,tos=0,ttl=64,frag=no)" % (src["ip"], dip or dst["ip"],
                                                                {"icmp": 1, "udp": 17, "tcp": 6}[proto])
    if proto == "icmp":
        l4 = "icmp(type=%d,code=0)" % (0 if reply else 8)
    elif proto == "udp":
        l4 = "udp(src=%d,dst=%d)" % (sport, dport)
    else:
        l4 = "tcp(src=%d,dst=%d),tcp_flags(%s)" % (sport, dport, flags)
    if vid is not None:
        return "ovs-appctl netdev-dummy/receive %s '%s,eth_type(0x8100),vlan(vid=%d,pcp=0),encap(eth_type(0x0800),%s,%s)'" \
            % (src["port"], eth, vid, ip, l4)
    return "ovs-appctl netdev-dummy/receive %s '%s,eth_type(0x0800),%s,%s'" % (src["port"], eth, ip, l4)


def arp(src, dst):
    return ("ovs-appctl netdev-dummy/receive %s 'eth(src=%s,dst=ff:ff:ff:ff:ff:ff),eth_type(0x0806),"
            "arp(sip=%s,tip=%s,op=1,sha=%s,tha=00:00:00:00:00:00)'" % (src["port"], src["mac"], src["ip"], dst["ip"],
                                                                    src["mac"]))


def views():
    c = r.choice(["dpctl/show", "dpctl/show -s", "dpif/show", "dpctl/dump-flows", "dpctl/dump-flows -m",
                  "dpif/dump-flows", "dpctl/dump-conntrack", "dpctl/dump-conntrack zone", "fdb/show", "dump-flows",
                  "trace"] + (["change", "vlan", "flush", "dump-ports", "dump-groups"] if WIDE else []))
    b = r.choice(BRS)
    if c == "dpif/dump-flows":
        return ["ovs-appctl dpif/dump-flows %s" % b]
    if c == "dpctl/dump-conntrack zone":
        return ["ovs-appctl dpctl/dump-conntrack zone=%d" % r.choice(sorted(set(zone.values())))]
    if c == "fdb/show":
        return ["ovs-appctl revalidator/wait", "ovs-appctl fdb/show %s" % b]
    if c == "dump-flows":
        # rules count a datapath hit when a revalidator round pushes its stats
        return ["ovs-appctl revalidator/wait", "ovs-ofctl dump-flows %s" % b]
    if c == "trace":
        return [trace()]
    if c == "change":
        return change()
    if c == "vlan":
        return [vlan_config(r.choice([p for x in BRS for p in ports[x]])[0])]
    if c == "flush":
        return ["ovs-appctl fdb/flush %s" % b]
    if c == "dump-ports":
        return ["ovs-appctl revalidator/wait", "ovs-ofctl dump-ports %s" % b]
    if c == "dump-groups":
        return ["ovs-appctl revalidator/wait", "ovs-ofctl -O OpenFlow15 dump-group-stats %s" % b]
    return ["ovs-appctl " + c]


def change():
    """wide: a flow added or deleted mid-run on one bridge; the megaflows that crossed it are revalidated."""
    b = r.choice(BRS)
    h = r.choice(hosts)
    x = r.random()
    if x < 0.4:
        return ["ovs-ofctl add-flow %s 'priority=50,ip,nw_dst=%s,actions=drop'" % (b, h["ip"])]
    if x < 0.6:
        return ["ovs-ofctl add-flow %s 'priority=50,ip,dl_src=%s,actions=mod_nw_tos:%d,NORMAL'"
                % (b, h["mac"], r.choice([16, 64]))]
    if x < 0.8:
        return ["ovs-ofctl del-flows %s 'priority=50,ip,nw_dst=%s'" % (b, h["ip"])]
    return ["ovs-ofctl --strict del-flows %s 'priority=10,ip'" % b]


def vlan_config(port):
    """wide: ovs-vsctl set port: an access tag on a dummy port, a tag or trunks on a patch port, or none."""
    patch = port.count("-") == 1
    x = r.random()
    if x < 0.25:
        return "ovs-vsctl clear port %s tag trunks vlan_mode" % port
    if patch and x < 0.6:
        return "ovs-vsctl clear port %s tag trunks vlan_mode -- set port %s trunks=%s" % (
            port, port, ",".join(str(v) for v in r.sample(VLANS, r.choice([1, 2]))))
    return "ovs-vsctl clear port %s tag trunks vlan_mode -- set port %s tag=%d" % (port, port, r.choice(VLANS))


def trace():
    s, d = r.sample(hosts, 2) if len(hosts) > 1 else (hosts[0], hosts[0])
    proto = r.choice(["icmp", "udp", "tcp"])
    f = "in_port=%s,%s,dl_src=%s,dl_dst=%s,nw_src=%s,nw_dst=%s" % (s["port"], proto, s["mac"], d["mac"], s["ip"],
                                                                  d["ip"])
    if proto != "icmp":
        f += ",tp_src=%d,tp_dst=%d" % (r.randrange(1024, 1100), r.choice([53, 80, 443]))
    ctnext = " --ct-next 'trk,est'" if r.random() < 0.2 else ""
    if WIDE and r.random() < 0.3:
        f = f.replace(",dl_src=", ",dl_vlan=%d,dl_src=" % r.choice(VLANS))
    if WIDE and r.random() < 0.2:
        ctnext = " --ct-next '%s'" % r.choice(["trk,new", "trk,est,snat", "trk,rel", "trk,inv"])
    return "ovs-appctl ofproto/trace%s %s %s" % (ctnext, s["br"], f)


lines = ["# gen-multibr.py %d%s: %s" % (seed, " wide" if WIDE else "", ", ".join(
    "%s (%s)" % (b, " ".join(p[0] for p in ports[b])) for b in BRS)), "ovs-appctl time/stop"]
allflows = {b: flows(b) for b in BRS}
for b in BRS:
    if b in groups:
        lines.append("ovs-ofctl -O OpenFlow15 add-group %s '%s'" % (b, groups[b]))
    for f in allflows[b]:
        lines.append("ovs-ofctl add-flow %s '%s'" % (b, f))
if WIDE:
    for b in BRS:
        for p in ports[b]:
            if r.random() < 0.3:
                lines.append(vlan_config(p[0]))
for _ in range(r.randrange(12, 22) + (10 if WIDE else 0)):
    x = r.random()
    if x < 0.55 and len(hosts) > 1:
        s, d = r.sample(hosts, 2)
        proto = r.choice(["icmp", "udp", "tcp"])
        sport, dport = r.randrange(1024, 1100), r.choice([53, 80, 443])
        # wide: replies to the address a "nat" bridge translated the source to, sometimes a tag, another MAC
        dip = SNAT[s["br"]] if WIDE and kind[s["br"]] == "nat" and r.random() < 0.8 else None
        vid = r.choice(VLANS) if WIDE and r.random() < 0.15 else None
        dmac = r.choice(["ff:ff:ff:ff:ff:ff", "50:54:00:00:0e:01"]) if WIDE and r.random() < 0.1 else None
        if proto == "tcp":
            lines.append(frame(s, d, proto, flags="syn", sport=sport, dport=dport, dmac=dmac, vid=vid))
            if r.random() < 0.7:
                lines.append(frame(d, s, proto, flags="syn|ack", sport=dport, dport=sport, dip=dip))
                if r.random() < 0.6:
                    lines.append(frame(s, d, proto, flags="ack", sport=sport, dport=dport, vid=vid))
        else:
            lines.append(frame(s, d, proto, sport=sport, dport=dport, dmac=dmac, vid=vid))
            if r.random() < 0.7:
                lines.append(frame(d, s, proto, reply=True, sport=dport, dport=sport, dip=dip))
    elif x < 0.65 and len(hosts) > 1:
        s, d = r.sample(hosts, 2)
        lines.append(arp(s, d))
    else:
        lines += views()
lines += ["ovs-appctl dpctl/show", "ovs-appctl dpif/show", "ovs-appctl dpctl/dump-flows -m",
          "ovs-appctl dpctl/dump-conntrack", "ovs-appctl revalidator/wait"]
lines += ["ovs-appctl fdb/show %s" % b for b in BRS]

os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "commands.in"), "w") as fh:
    fh.write("\n".join(lines) + "\n")
yaml = ["networks:"]
setup = []  # br0 is ovs-oracle.sh's (datapath-type=dummy, fail-mode=secure, OpenFlow10/13/15)
for b in BRS:
    yaml += ["  %s:" % b, "    kind: ovs", "    ports:"]
    if b != "br0":
        setup.append("ovs-vsctl add-br %s -- set bridge %s datapath-type=dummy fail-mode=secure "
                     "protocols=OpenFlow10,OpenFlow13,OpenFlow15" % (b, b))
    for (name, ofp, typ, peer) in ports[b]:
        if typ == "patch":
            yaml.append("      %s: {ofport: %d, type: patch, options: {peer: %s}}" % (name, ofp, peer))
            setup.append("ovs-vsctl add-port %s %s -- set interface %s type=patch options:peer=%s ofport_request=%d"
                         % (b, name, name, peer, ofp))
        else:
            yaml.append("      %s: {ofport: %d, type: dummy, options: {tx_pcap: %s-tx.pcap}}" % (name, ofp, name))
            setup.append("ovs-vsctl add-port %s %s -- set interface %s type=dummy ofport_request=%d "
                         "options:tx_pcap=%s-tx.pcap" % (b, name, name, ofp, name))
yaml += ["hosts:", "  node: {}"]
with open(os.path.join(out, "lab.yaml"), "w") as fh:
    fh.write("\n".join(yaml) + "\n")
with open(os.path.join(out, "setup.sh"), "w") as fh:
    fh.write("\n".join(setup) + "\n")
