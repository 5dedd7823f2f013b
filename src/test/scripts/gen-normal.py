#!/usr/bin/env python3
"""Seeded random campaigns of OVS's NORMAL action (the MAC-learning switch) against the real OVS 3.1.

Writes DIR/commands.in for record-normal.sh: br0 with 3-6 dummy ports p1..pN (tx_pcap each), OVS's clock stopped
(time/stop) so that only time/warp moves it, random VLAN configurations of the ports (access, trunk, native-tagged,
native-untagged, dot1q-tunnel, changed now and then), sometimes a small other_config:mac-table-size (eviction),
other_config:mac-aging-time and flood_vlans, a NORMAL flow with sometimes other flows above it; then frames received
on the ports (unicast, broadcast, multicast, reserved multicast, untagged, tagged, priority-tagged, ARP requests,
replies and gratuitous ARP, IPv4/UDP) with source MACs from a small pool so that they repeat and move, warps of
whole seconds (ageing), fdb/show, fdb/stats-show, fdb/flush, dpctl/dump-flows, ofproto/trace and dump-ports.
With "qinq" (seeds recorded since; the files of seeds without it are unchanged) a third stream also sets
Open_vSwitch other_config:vlan-limit (0, 1 or 2), makes ports dot1q-tunnel with cvlans and
other_config:qinq-ethtype (set and changed mid-run), and receives double-tagged frames (802.1ad or 802.1Q outer
tag over an 802.1Q one), frames with an 802.1ad tag alone, and a recent frame again from another port or VLAN (a MAC
that moves).
With "ports" (seeds recorded since) a fourth stream also sets and clears mod-port's flags (no-flood, no-forward,
no-receive, down) and the Port's protected column now and then, traces the ports' frames and shows the ports'
descriptions.
With "mcast" (seeds 901 on) a fifth stream also turns multicast snooping on (mcast_snooping_enable, sometimes its
aging time, table size and disable-flood-unregistered, ports' mcast-snooping-flood and -flood-reports, changed
mid-run), receives IGMP as hex frames (v1 and v2 reports, v2 leaves, queries, some from 0.0.0.0, v3 reports of one or
two records of each type; untagged or tagged) and UDP to the groups, and shows and flushes the table (mdb/show,
mdb/flush), so that NORMAL's snooping branch (xlate_normal()'s is_igmp() and mcast_snooping_lookup4()) meets
learning, ageing and the VLAN configurations above.
With "mcastrev" (seeds 921 on) the mcast campaign also puts each of mcast-snooping.c's other need_revalidate changes
on its own (a sixth stream): a report's new group or bundle, a leave, a query's new router port or an expiry between
two hits of another port's UDP megaflow to the group, the MACs already learned and a round waited for before it.
  src/test/scripts/gen-normal.py SEED DIR [qinq|ports|mcast|mcastrev]
"""
import os
import random
import struct
import sys

from inet import addr, csum

seed, out = int(sys.argv[1]), sys.argv[2]
r = random.Random(seed)
QINQ = sys.argv[3:] == ["qinq"]
r3 = random.Random(seed * 104729 + 3) if QINQ else None
PORTS_MODE = sys.argv[3:] == ["ports"]
r4 = random.Random(seed * 7907 + 4) if PORTS_MODE else None
MCAST_REV = sys.argv[3:] == ["mcastrev"]
MCAST_MODE = sys.argv[3:] == ["mcast"] or MCAST_REV
r5 = random.Random(seed * 7877 + 5) if MCAST_MODE else None
r6 = random.Random(seed * 7883 + 6) if MCAST_REV else None
nports = r.choice([3, 4, 5, 6])
PORTS = list(range(1, nports + 1))
VLANS = [10, 20, 30]
POOL = ["50:54:00:00:%02x:%02x" % (r.randrange(4), r.randrange(1, 250)) for _ in range(r.choice([5, 8, 12, 16]))]
IPS = {m: "10.0.%d.%d" % (i // 200, 1 + i % 200) for i, m in enumerate(POOL)}
# seeds from 15 on also draw from a second stream (the first 14 recorded campaigns stay as they were): more MACs for
# small tables to evict from, ports with other_config:priority-tags
r2 = random.Random(seed * 7919 + 1) if seed >= 15 else None
if r2 and r2.random() < 0.6:
    POOL += ["50:54:00:01:%02x:%02x" % (r2.randrange(4), r2.randrange(1, 250)) for _ in range(r2.choice([8, 16, 24]))]
MCAST = ["01:00:5e:00:00:01", "01:00:5e:7f:00:0a", "33:33:00:00:00:01"]
RESERVED = ["01:80:c2:00:00:00", "01:80:c2:00:00:0e"]
lines = ["# gen-normal.py %d%s: br0 with dummy ports p1..p%d" % (seed, " qinq" if QINQ else " ports" if PORTS_MODE
                                                                 else " mcastrev" if MCAST_REV
                                                                 else " mcast" if MCAST_MODE else "", nports),
         "ovs-appctl time/stop"]


def vlan_config():
    """ovs-vsctl set port arguments: the Port row's tag, trunks and vlan_mode (bridge.c port_configure_vlan())."""
    kind = r.choice(["none", "access", "access", "trunk", "native-tagged", "native-untagged", "dot1q-tunnel"])
    trunks = ",".join(str(v) for v in sorted(r.sample(VLANS, r.choice([1, 2]))))
    if kind == "none":
        return None
    if kind == "access":
        return "tag=%d" % r.choice(VLANS)
    if kind == "trunk":
        return "trunks=%s" % trunks
    if kind == "dot1q-tunnel":
        return "tag=%d vlan_mode=dot1q-tunnel" % r.choice(VLANS)
    return "tag=%d vlan_mode=%s" % (r.choice(VLANS), kind) + (" trunks=%s" % trunks if r.random() < 0.5 else "")


def set_vlan(p):
    c = vlan_config()
    if c is None:
        lines.append("ovs-vsctl clear port p%d tag trunks vlan_mode" % p)
    else:
        lines.append("ovs-vsctl clear port p%d tag trunks vlan_mode -- set port p%d %s" % (p, p, c))


for p in PORTS:
    if r.random() < 0.7:
        set_vlan(p)
if r2:
    for p in PORTS:
        if r2.random() < 0.35:
            lines.append("ovs-vsctl set port p%d other_config:priority-tags=%s"
                         % (p, r2.choice(["if-nonzero", "true", "always", "never"])))
    if r2.random() < 0.5:
        lines.append("ovs-vsctl set bridge br0 other_config:mac-table-size=%d" % r2.choice([1, 10, 12, 16]))
if r.random() < 0.4:
    lines.append("ovs-vsctl set bridge br0 other_config:mac-table-size=%d" % r.choice([1, 10, 10, 12, 16]))
if r.random() < 0.4:
    lines.append("ovs-vsctl set bridge br0 other_config:mac-aging-time=%d" % r.choice([5, 15, 20, 45, 120]))
if r.random() < 0.25:
    lines.append("ovs-vsctl set bridge br0 flood_vlans=%s" % ",".join(str(v) for v in r.sample([0] + VLANS, 1)))
if r.random() < 0.3:
    lines.append("ovs-vsctl set bridge br0 other_config:forward-bpdu=true")
if r.random() < 0.3:
    lines.append("ovs-ofctl add-flow br0 priority=10,dl_src=%s,actions=drop" % r.choice(POOL))
if r.random() < 0.3:
    lines.append("ovs-ofctl add-flow br0 priority=10,in_port=%d,dl_type=0x0800,actions=output:%d,NORMAL"
                 % (r.choice(PORTS), r.choice(PORTS)))
if r.random() < 0.2:
    lines.append("ovs-ofctl add-flow br0 priority=10,in_port=%d,actions=mod_vlan_vid:%d,NORMAL"
                 % (r.choice(PORTS), r.choice(VLANS)))
lines.append("ovs-ofctl add-flow br0 actions=NORMAL")


def set_tunnel(p):
    """qinq: a dot1q-tunnel port with cvlans and qinq-ethtype, or back to no VLAN configuration."""
    if r3.random() < 0.2:
        lines.append("ovs-vsctl clear port p%d tag trunks vlan_mode cvlans other_config" % p)
        return
    cfg = "tag=%d vlan_mode=dot1q-tunnel" % r3.choice(VLANS + [100])
    if r3.random() < 0.6:
        cfg += " cvlans=%s" % ",".join(str(v) for v in sorted(r3.sample(VLANS, r3.choice([1, 2]))))
    if r3.random() < 0.4:
        cfg += " other_config:qinq-ethtype=%s" % r3.choice(["802.1q", "802.1ad"])
    lines.append("ovs-vsctl clear port p%d tag trunks vlan_mode cvlans other_config -- set port p%d %s" % (p, p, cfg))


if QINQ:
    if r3.random() < 0.7:
        lines.append("ovs-vsctl set Open_vSwitch . other_config:vlan-limit=%d" % r3.choice([0, 1, 2, 2]))
    for p in r3.sample(PORTS, r3.choice([1, 2])):
        set_tunnel(p)


GROUPS = ["239.1.1.1", "239.2.2.2", "239.3.3.3", "224.1.2.3"]


def mcast_config():
    """mcast: the bridge's snooping options or a port's flood flags (bridge_configure_mcast_snooping())."""
    u = r5.random()
    if u < 0.3:
        return "ovs-vsctl set bridge br0 other_config:mcast-snooping-aging-time=%d" % r5.choice([15, 30, 60, 300])
    if u < 0.45:
        return "ovs-vsctl set bridge br0 other_config:mcast-snooping-table-size=%d" % r5.choice([10, 2048])
    if u < 0.65:
        return ("ovs-vsctl set bridge br0 other_config:mcast-snooping-disable-flood-unregistered=%s"
                % r5.choice(["true", "false"]))
    return "ovs-vsctl set port p%d other_config:mcast-snooping-%s=%s" % (
        r5.choice(PORTS), r5.choice(["flood", "flood-reports"]), r5.choice(["true", "true", "false"]))


def group_mac(g):
    b = [int(x) for x in g.split(".")]
    return "01:00:5e:%02x:%02x:%02x" % (b[1] & 0x7f, b[2], b[3])


def igmp_frame():
    """mcast: an IGMP message as a hex frame (IPv4 with ttl 1, the IGMP checksum right but now and then)."""
    src = r5.choice(POOL)
    sip = IPS.get(src, "10.0.9.9")
    g = r5.choice(GROUPS)
    u = r5.random()
    if u < 0.35:
        kind, body, dip = 0x16, struct.pack("!BBH4s", 0x16, 0, 0, addr(g)), g
    elif u < 0.45:
        kind, body, dip = 0x12, struct.pack("!BBH4s", 0x12, 0, 0, addr(g)), g
    elif u < 0.6:
        kind, body, dip = 0x17, struct.pack("!BBH4s", 0x17, 0, 0, addr(g)), "224.0.0.2"
    elif u < 0.75:
        if r5.random() < 0.3:
            sip = "0.0.0.0"
        kind, body, dip = 0x11, struct.pack("!BBH4s", 0x11, 100, 0, bytes(4)), "224.0.0.1"
    else:
        recs = b""
        n = r5.choice([1, 2])
        for _ in range(n):
            recs += struct.pack("!BBH4s", r5.choice([1, 2, 3, 4, 5, 6]), 0, 0, addr(r5.choice(GROUPS)))
        kind, body, dip = 0x22, struct.pack("!BBHHH", 0x22, 0, 0, 0, n) + recs, "224.0.0.22"
    c = csum(body)
    if r5.random() < 0.05:
        c ^= 0x1
    body = body[:2] + struct.pack("!H", c) + body[4:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(body), 0, 0, 1, 2, 0, addr(sip), addr(dip))
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    dmac = group_mac(dip)
    head = bytes.fromhex(dmac.replace(":", "") + src.replace(":", ""))
    if r5.random() < 0.3:
        head += struct.pack("!HH", 0x8100, r5.choice(VLANS))
    frame = head + b"\x08\x00" + ip + body
    return "ovs-appctl netdev-dummy/receive p%d %s" % (r5.choice(PORTS), frame.hex())


def igmp_on(port, src, kind, g):
    """mcastrev: an untagged IGMPv2 report (0x16) or leave (0x17) of group g, or a general query (0x11), on port."""
    dip = g if kind == 0x16 else "224.0.0.2" if kind == 0x17 else "224.0.0.1"
    body = struct.pack("!BBH4s", kind, 100 if kind == 0x11 else 0, 0, bytes(4) if kind == 0x11 else addr(g))
    body = body[:2] + struct.pack("!H", csum(body)) + body[4:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(body), 0, 0, 1, 2, 0, addr(IPS.get(src, "10.0.9.9")),
                     addr(dip))
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    frame = bytes.fromhex(group_mac(dip).replace(":", "") + src.replace(":", "")) + b"\x08\x00" + ip + body
    return "ovs-appctl netdev-dummy/receive p%d %s" % (port, frame.hex())


def udp_to(port, src, g):
    inner = ("eth_type(0x0800),ipv4(src=%s,dst=%s,proto=17,tos=0,ttl=64,frag=no),udp(src=1000,dst=2000)"
             % (IPS.get(src, "10.0.9.9"), g))
    return "ovs-appctl netdev-dummy/receive p%d '%s'" % (port, eth(src, group_mac(g), None, inner))


def mcast_rev_event():
    """mcastrev: one of mcast-snooping.c's need_revalidate changes on its own: two untagged trunk ports p and q, UDP
    to group g from each (q's megaflow installed, both MACs learned), a revalidator round, then on p a report of g (a
    new group or a new bundle), a leave, a query (a new router port) or a warp past the aging time (expiry), then
    q's UDP again, a hit of its megaflow, whose actions only that change's round re-translates."""
    p, q = r6.sample(PORTS, 2)
    sp, sq = r6.choice(POOL), r6.choice(POOL)
    while sq == sp:
        sq = r6.choice(POOL)
    g = r6.choice(GROUPS)
    out = ["ovs-vsctl clear port p%d tag trunks vlan_mode -- clear port p%d tag trunks vlan_mode" % (p, q),
           udp_to(q, sq, g), udp_to(p, sp, g), "ovs-appctl revalidator/wait"]
    u = r6.random()
    if u < 0.4:
        out.append(igmp_on(p, sp, 0x16, g))
    elif u < 0.6:
        out.append(igmp_on(p, sp, 0x17, g))
    elif u < 0.8:
        out.append(igmp_on(p, sp, 0x11, g))
    else:
        out.append("ovs-appctl time/warp %d" % (1000 * r6.choice([20, 40, 70, 310])))
    out.append(udp_to(q, sq, g))
    if r6.random() < 0.4:
        out.append("ovs-appctl dpctl/dump-flows")
    if r6.random() < 0.3:
        out.append("ovs-appctl mdb/show br0")
    return out


def mcast_udp():
    """mcast: UDP to a group (or a local one), untagged or tagged."""
    src = r5.choice(POOL)
    g = r5.choice(GROUPS + ["224.0.0.251"])
    inner = ("eth_type(0x0800),ipv4(src=%s,dst=%s,proto=17,tos=0,ttl=64,frag=no),udp(src=1000,dst=2000)"
             % (IPS.get(src, "10.0.9.9"), g))
    vid = None if r5.random() < 0.7 else r5.choice(VLANS)
    return "ovs-appctl netdev-dummy/receive p%d '%s'" % (r5.choice(PORTS), eth(src, group_mac(g), vid, inner))


def eth(src, dst, vid, inner):
    if vid is None:
        return "eth(src=%s,dst=%s),%s" % (src, dst, inner)
    return "eth(src=%s,dst=%s),eth_type(0x8100),vlan(vid=%d,pcp=%d),encap(%s)" % (src, dst, vid, r.randrange(8), inner)


def frame():
    src = r.choice(POOL) if r.random() < 0.95 else "03:00:00:00:00:01"
    u = r.random()
    dst = (r.choice([m for m in POOL if m != src] or POOL) if u < 0.55 else "ff:ff:ff:ff:ff:ff" if u < 0.8
           else r.choice(MCAST) if u < 0.95 else r.choice(RESERVED))
    v = r.random()
    vid = None if v < 0.5 else 0 if v < 0.6 else r.choice(VLANS + [40])
    w = r.random()
    sip, tip = IPS.get(src, "10.0.9.9"), IPS.get(dst, "10.0.9.%d" % r.randrange(1, 250))
    if w < 0.45:
        if dst == "ff:ff:ff:ff:ff:ff" and r.random() < 0.3:  # gratuitous: a request for itself or a reply
            op, tip = r.choice([1, 2]), sip
        else:
            op = 1 if dst == "ff:ff:ff:ff:ff:ff" else 2
        tha = "00:00:00:00:00:00" if op == 1 else dst
        inner = "eth_type(0x0806),arp(sip=%s,tip=%s,op=%d,sha=%s,tha=%s)" % (sip, tip, op, src, tha)
    else:
        inner = ("eth_type(0x0800),ipv4(src=%s,dst=%s,proto=17,tos=0,ttl=64,frag=no),udp(src=%d,dst=%d)"
                 % (sip, tip if dst in IPS else "224.0.0.251" if dst in MCAST else "10.0.255.255",
                    r.choice([1000, 5353]), r.choice([2000, 5353])))
    return "ovs-appctl netdev-dummy/receive p%d '%s'" % (r.choice(PORTS), eth(src, dst, vid, inner))


def qinq_frame():
    """qinq: a double-tagged frame, an 802.1ad tag alone, or a recent frame again from another port or VLAN (which
    may be a datapath hit: a revalidator round is forced after it, as for the frames received again above)."""
    frames = [l for l in lines if "netdev-dummy/receive" in l]
    u = r3.random()
    if frames and u < 0.3:
        f = r3.choice(frames[-6:])
        port, rest = f.split(" ", 3)[2], f.split(" ", 3)[3]
        if r3.random() < 0.6:
            port = "p%d" % r3.choice(PORTS)
        else:
            for v in VLANS + [40]:
                rest = rest.replace("vlan(vid=%d," % v, "vlan(vid=%d," % r3.choice(VLANS), 1)
        return ["ovs-appctl netdev-dummy/receive %s %s" % (port, rest), "ovs-appctl revalidator/wait"]
    src = r3.choice(POOL)
    w = r3.random()
    dst = r3.choice([m for m in POOL if m != src]) if w < 0.5 else "ff:ff:ff:ff:ff:ff" if w < 0.85 else \
        r3.choice(MCAST)
    sip, tip = IPS.get(src, "10.0.9.9"), IPS.get(dst, "10.0.255.255")
    if r3.random() < 0.5:
        op = 1 if dst == "ff:ff:ff:ff:ff:ff" else 2
        inner = "eth_type(0x0806),arp(sip=%s,tip=%s,op=%d,sha=%s,tha=%s)" % (
            sip, tip, op, src, "00:00:00:00:00:00" if op == 1 else dst)
    else:
        inner = "eth_type(0x0800),ipv4(src=%s,dst=%s,proto=17,tos=0,ttl=64,frag=no),udp(src=1000,dst=2000)" % (
            sip, tip if dst in IPS else "224.0.0.251" if dst in MCAST else "10.0.255.255")
    if u < 0.8:
        inner = "eth_type(0x8100),vlan(vid=%d,pcp=%d),encap(%s)" % (r3.choice(VLANS + [0]), r3.randrange(8), inner)
    outer = r3.choice([0x88a8, 0x88a8, 0x8100])
    inner = "eth_type(0x%04x),vlan(vid=%d,pcp=%d),encap(%s)" % (outer, r3.choice(VLANS + [100]), r3.randrange(8),
                                                                 inner)
    return ["ovs-appctl netdev-dummy/receive p%d 'eth(src=%s,dst=%s),%s'" % (r3.choice(PORTS), src, dst, inner)]


def port_config():
    """ports: a mod-port flag set or cleared, a port made protected or not, or a port's description."""
    p = r4.choice(PORTS)
    u = r4.random()
    if u < 0.55:
        flag = r4.choice(["flood", "flood", "forward", "receive", "down"])
        return "ovs-ofctl mod-port br0 p%d %s%s" % (p, r4.choice(["no-", "no-", ""]) if flag != "down" else "",
                                                   flag if flag != "down" else r4.choice(["down", "up"]))
    if u < 0.9:
        return "ovs-vsctl set port p%d protected=%s" % (p, r4.choice(["true", "true", "false"]))
    return "ovs-ofctl dump-ports-desc br0 p%d" % p


def trace():
    src, dst = r.choice(POOL), r.choice(POOL + ["ff:ff:ff:ff:ff:ff"])
    vlan = "" if r.random() < 0.6 else ",dl_vlan=%d" % r.choice(VLANS)
    return "ovs-appctl ofproto/trace br0 in_port=%d%s,dl_src=%s,dl_dst=%s" % (r.choice(PORTS), vlan, src, dst)


def static_entries():
    """fdb/add, fdb/del and fdb/stats-clear, drawn from the second stream (seeds from 21 on)."""
    u = r2.random()
    vlan = r2.choice([0] + VLANS)
    if u < 0.5:
        return "ovs-appctl fdb/add br0 p%d %d %s" % (r2.choice(PORTS), vlan, r2.choice(POOL))
    if u < 0.85:
        return "ovs-appctl fdb/del br0 %d %s" % (vlan, r2.choice(POOL))
    return "ovs-appctl fdb/stats-clear" + r2.choice(["", " br0"])


if MCAST_MODE:
    lines.append("ovs-vsctl set bridge br0 mcast_snooping_enable=true")
    for _ in range(r5.choice([0, 1, 2, 3])):
        lines.append(mcast_config())
for _ in range(r.randrange(60, 90)):
    if MCAST_REV and r6.random() < 0.3:
        lines += mcast_rev_event()
    if MCAST_MODE and r5.random() < 0.45:
        u = r5.random()
        lines.append(igmp_frame() if u < 0.5 else mcast_udp() if u < 0.75 else "ovs-appctl mdb/show br0" if u < 0.88
                     else mcast_config() if u < 0.96 else "ovs-appctl mdb/flush br0")
    if PORTS_MODE and r4.random() < 0.12:
        lines.append(port_config())
    if QINQ and r3.random() < 0.3:
        if r3.random() < 0.9:
            lines += qinq_frame()
        else:
            set_tunnel(r3.choice(PORTS))
    if seed >= 21 and r2.random() < 0.08:
        lines.append(static_entries())
    frames = [l for l in lines if "netdev-dummy/receive" in l]
    if seed >= 27 and frames and r2.random() < 0.15:
        # a frame again: a datapath hit, which learns when a revalidator round pushes its stats; OVS's rounds also
        # come every 500 ms of real time, so the round is forced at once to keep the recording deterministic
        lines += [r2.choice(frames[-4:]), "ovs-appctl revalidator/wait"]
    u = r.random()
    if u < 0.62:
        lines.append(frame())
    elif u < 0.72:
        lines.append("ovs-appctl time/warp %d" % (1000 * r.choice([1, 1, 2, 3, 5, 8, 11, 14, 30, 60])))
    elif u < 0.74:
        lines.append("ovs-appctl time/warp %d 10000" % (1000 * r.choice([150, 300, 310])))
    elif u < 0.82:
        lines.append("ovs-appctl fdb/show br0")
    elif u < 0.85:
        lines.append("ovs-appctl fdb/stats-show br0")
    elif u < 0.87:
        lines.append("ovs-appctl fdb/flush" + r.choice(["", " br0"]))
    elif u < 0.91:
        lines.append(trace())
    elif u < 0.93:
        lines.append("ovs-appctl dpctl/dump-flows")
    elif u < 0.94:
        lines.append("ovs-ofctl dump-ports br0")
    elif u < 0.96:
        set_vlan(r.choice(PORTS))
    elif u < 0.97 and nports > 3:
        lines.append("ovs-vsctl set bridge br0 other_config:mac-table-size=%d" % r.choice([10, 12, 2048]))
    else:
        lines.append("ovs-vsctl set bridge br0 other_config:mac-aging-time=%d" % r.choice([15, 30, 300]))
lines += ["ovs-appctl fdb/show br0", "ovs-appctl fdb/stats-show br0", "ovs-appctl dpctl/dump-flows",
          "ovs-ofctl dump-ports br0"] + (["ovs-appctl mdb/show br0"] if MCAST_MODE else [])
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "commands.in"), "w") as f:
    f.write("\n".join(lines) + "\n")
print(os.path.join(out, "commands.in"))
