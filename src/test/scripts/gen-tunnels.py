#!/usr/bin/env python3
"""Seeded random campaigns of OVS 3.1's native tunnelling on the userspace (dummy) datapath.

Writes DIR/lab.yaml (the lab arplab replays it in), DIR/setup.sh (the same bridges and ports as ovs-vsctl lines, for
record-tunnels.sh) and DIR/commands.in: the overlay bridge br0 with the dummy ports p1, p2 and 1-3 tunnel ports
(tun1..tun3: geneve, vxlan or gre, in 1 seed of 8 over IPv6) with random options (remote_ip fixed or flow, key
absent, fixed or flow, csum, ttl, tos fixed or inherit, df_default, dst_port, local_ip, Geneve options through
add-tlv-map and tun_metadata0); the underlay bridge br-phy (hwaddr aa:55:aa:66:00:01) with the dummy port phy0, its
address (netdev-dummy/ip4addr or ip6addr), a route to the remotes (ovs/route/add, now and then missing) and
neighbours set (tnl/neigh/set), learnt from ARP replies or neighbour advertisements received on phy0, or missing;
br0's pipeline (explicit outputs to the tunnels after set_field of tun_dst/tun_id/tun_src/tun_metadata0, or NORMAL
across them; matches on tun_id/tun_src on receive, sometimes through ct()); OVS's clock stopped; then packets both
ways (from p1/p2 into the tunnels, encapsulated frames on phy0: right, wrong key, bad checksum, wrong port, unknown
remote) and the views: ofproto/trace of br0 and of br-phy with an encapsulated frame, dpctl/dump-flows [-m],
dpif/show, tnl/ports/show [-v], tnl/neigh/show, ovs/route/show, ovs-ofctl dump-flows and dump-ports.
The underlay port is phy0, a name no kernel device of the recording machine has: a remote no user route covers goes
by the kernel's default route to its device, which names no OVS port then ("native tunnel routing failed", as in a lab
without kernel routes), where an underlay port called eth0 would have taken it.
With "wide" (seeds recorded since; without it a seed's files are unchanged): in_key/out_key apart and ttl=inherit
now and then, and mid-run tnl/neigh/flush, ovs/route/del and add, tnl/arp/show, fdb/show br-phy, gratuitous ARPs
and ARP requests on phy0, dpif/set-dp-features br0 tnl_push_pop false (the kernel tunnel path) and true again.
With "tlv" too (seeds recorded since): Geneve options in every seed with a Geneve port, up to three mappings
(tun_metadata0 of 4 bytes, tun_metadata1 of 8, tun_metadata2 of a critical type), set_field of them, exact and masked
tun_metadata matches, received frames with 0-3 options (mapped, unknown, unknown critical, a mapped one of the wrong
length), dump-tlv-map, a refused add-tlv-map (an index or option already mapped) and del-tlv-map of tun_metadata2.
With "v6": the seed is over IPv6 whatever its draw (the underlay's addresses, routes and neighbours, the tunnels').
  src/test/scripts/gen-tunnels.py SEED DIR [wide] [tlv] [v6]
"""
import os
import random
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from inet import addr, csum  # noqa: E402

seed, out = int(sys.argv[1]), sys.argv[2]
WIDE = "wide" in sys.argv[3:]
TLVW = "tlv" in sys.argv[3:]
r = random.Random(seed)
V6 = r.random() < 0.125 or "v6" in sys.argv[3:]   # v6: every seed over IPv6 (the draw stays, so the rest follows)
PHY_MAC = "aa:55:aa:66:00:01"
LOCAL = "fd00:79::201" if V6 else "10.79.1.201"
REMOTES = ["fd00:79::%d" % i for i in (202, 203, 204)] if V6 else ["10.79.1.%d" % i for i in (202, 203, 204)]
OFFROUTE = "fd00:80::9" if V6 else "10.80.0.9"   # no user route covers it
STRANGER = "fd00:79::250" if V6 else "10.79.1.250"  # a sender no tunnel port names
RMAC = {a: "aa:bb:cc:00:00:%02x" % (i + 2) for i, a in enumerate(REMOTES + [OFFROUTE, STRANGER])}
HOSTS = [("p1", 1, "50:54:00:00:00:01", "10.222.1.1"), ("p2", 2, "50:54:00:00:00:02", "10.222.1.2")]
INNER_REMOTE = [("f2:32:d8:07:e2:%02x" % i, "10.222.2.%d" % i) for i in (2, 3)]
DEFAULT_PORT = {"geneve": 6081, "vxlan": 4789, "gre": None}

# tunnel ports: distinct remotes (tnl_port_add() refuses two ports with the same match)
ntun = r.choice([1, 1, 2, 2, 3])
pool = ["flow"] + REMOTES + ([OFFROUTE] if r.random() < 0.3 else [])
remotes = r.sample(pool, ntun)
tunnels = []
for i, remote in enumerate(remotes):
    typ = r.choice(["geneve", "geneve", "geneve", "vxlan", "vxlan", "gre"])
    o = {"remote_ip": remote}
    k = r.random()
    if k < 0.3:
        o["key"] = "flow"
    elif k < 0.65:
        o["key"] = str(r.randrange(1, 5000))
    if r.random() < 0.3:
        o["csum"] = "true"
    if r.random() < 0.2:
        o["ttl"] = str(r.choice([1, 9, 128, 255]))
    t = r.random()
    if t < 0.2:
        o["tos"] = "inherit"
    elif t < 0.3:
        o["tos"] = str(r.choice([4, 32, 184]))
    if r.random() < 0.2:
        o["df_default"] = "false"
    if typ != "gre" and r.random() < 0.15:
        o["dst_port"] = str(DEFAULT_PORT[typ] + 1)
    if r.random() < 0.15:
        o["local_ip"] = LOCAL
    if WIDE and r.random() < 0.2:  # the keys apart: received with in_key, sent with out_key
        o.pop("key", None)
        o["in_key"] = str(r.randrange(1, 5000))
        o["out_key"] = r.choice(["flow", str(r.randrange(1, 5000))])
    if WIDE and r.random() < 0.15:
        o["ttl"] = "inherit"
    tunnels.append({"name": "tun%d" % (i + 1), "ofport": 10 + i, "type": typ, "options": o})
TLV = any(t["type"] == "geneve" for t in tunnels) and (r.random() < 0.25 or TLVW)
# tlv: the mappings (index, class, type, len) of add-tlv-map
MAPS = [(0, 0xffff, 0x80, 4)]
if TLV and TLVW:
    if r.random() < 0.7:
        MAPS.append((1, 0x102, 0x5, 8))
    if r.random() < 0.4:
        MAPS.append((2, 0x103, 0x91, 4))
route = r.random() < 0.85
mode = r.choice(["explicit", "explicit", "explicit", "normal"])


def dst_of(t):
    """The remote a flow sends tunnel t's packets to (the flow's tun_dst when remote_ip=flow)."""
    rem = t["options"]["remote_ip"]
    return rem if rem != "flow" else r.choice(REMOTES + [OFFROUTE])


def key_of(t, opt="out_key"):
    k = t["options"].get("key", t["options"].get(opt))
    return None if k is None else (r.choice([5, 77, 4096]) if k == "flow" else int(k))


def set_fields(t, dst, key):
    a = []
    if t["options"]["remote_ip"] == "flow":
        a.append("set_field:%s->%s" % (dst, "tun_ipv6_dst" if V6 else "tun_dst"))
    if key is not None and t["options"].get("key", t["options"].get("out_key")) == "flow":
        a.append("set_field:%d->tun_id" % key)
    if not V6 and r.random() < 0.15:
        a.append("set_field:%s->tun_src" % LOCAL)
    if TLV and t["type"] == "geneve" and r.random() < 0.6:
        a.append("set_field:0x%x->tun_metadata0" % r.randrange(1, 1 << 16))
    if TLVW and TLV and t["type"] == "geneve":
        for (i, c, ty, ln) in MAPS[1:]:
            if r.random() < 0.5:
                a.append("set_field:0x%x->tun_metadata%d" % (r.randrange(1, 1 << (8 * ln)), i))
    return a


sends = {}  # overlay port -> (tunnel, remote, key) its traffic goes to
flows = []
for (name, ofp, mac, ip) in HOSTS:
    t = r.choice(tunnels)
    dst, key = dst_of(t), key_of(t)
    sends[name] = (t, dst, key)
    acts = set_fields(t, dst, key)
    if mode == "normal":
        flows.append("priority=10,in_port=%d,ip,actions=%s" % (ofp, ",".join(acts + ["NORMAL"])))
    else:
        if r.random() < 0.2:
            acts.append("mod_nw_tos:%d" % r.choice([16, 64]))
        flows.append("priority=10,in_port=%d,ip,actions=%s" % (ofp, ",".join(acts + ["output:%d" % t["ofport"]])))
if mode == "normal":
    flows.append("priority=0,actions=NORMAL")
ct = r.random() < 0.3
for t in tunnels:
    match = "in_port=%d" % t["ofport"]
    if t["options"].get("key") == "flow" and r.random() < 0.5:
        match += ",tun_id=%d" % key_of(t, "in_key")
    if not V6 and t["options"]["remote_ip"] == "flow" and r.random() < 0.4:
        match += ",tun_src=%s" % r.choice(REMOTES)
    if TLV and t["type"] == "geneve" and r.random() < (0.5 if TLVW else 0.3):
        match += ",tun_metadata0=0x1234" if not TLVW or r.random() < 0.5 else ",tun_metadata0=0x1200/0xff00"
    elif TLVW and TLV and t["type"] == "geneve" and len(MAPS) > 1 and r.random() < 0.3:
        match += ",tun_metadata1=0x1122334455667788"
    to = r.choice(HOSTS)[1]
    if ct:
        flows.append("priority=20,%s,ip,actions=ct(table=1,zone=3)" % match)
    if mode == "normal":
        flows.append("priority=15,%s,actions=NORMAL" % match)
    else:
        flows.append("priority=15,%s,actions=output:%d" % (match, to))
if ct:
    flows += ["table=1,priority=10,ip,ct_state=+trk+new,actions=ct(commit,zone=3),output:%d" % HOSTS[0][1],
              "table=1,priority=10,ip,ct_state=+trk+est,actions=output:%d" % HOSTS[0][1],
              "table=1,priority=5,actions=drop"]


# frames (bytes) -------------------------------------------------------------------------------------------------
def mac(m):
    return bytes.fromhex(m.replace(":", ""))


def ipv4(src, dst, proto, payload, tos=0, ttl=64, df=True):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, tos, 20 + len(payload), 0, 0x4000 if df else 0, ttl, proto, 0, addr(src),
                    addr(dst))
    return h[:10] + struct.pack("!H", csum(h)) + h[12:] + payload


def ipv6(src, dst, nh, payload, hlim=64):
    return struct.pack("!IHBB", 0x60000000, len(payload), nh, hlim) + addr(src) + addr(dst) + payload


def l4csum(src, dst, proto, seg):
    if ":" in src:
        pseudo = addr(src) + addr(dst) + struct.pack("!IxxxB", len(seg), proto)
    else:
        pseudo = addr(src) + addr(dst) + struct.pack("!BBH", 0, proto, len(seg))
    return csum(pseudo + seg)


def inner_frame(to_host):
    rmac, rip = r.choice(INNER_REMOTE)
    hmac, hip = to_host[2], to_host[3]
    icmp = struct.pack("!BBHHH", 0, 0, 0, 7, r.randrange(1, 9)) + bytes(range(16))
    icmp = icmp[:2] + struct.pack("!H", csum(icmp)) + icmp[4:]
    return mac(hmac) + mac(rmac) + b"\x08\x00" + ipv4(rip, hip, 1, icmp, ttl=63)


def outer(src, typ, key, payload, csum_on, bad_csum=False, port=None):
    """Ethernet/IP/(UDP+Geneve|UDP+VXLAN|GRE) from src to the local address around the inner frame payload."""
    if typ == "gre":
        flags = (0x8000 if csum_on else 0) | (0x2000 if key is not None else 0)
        h = struct.pack("!HH", flags, 0x6558)
        if csum_on:
            h += b"\0\0\0\0"
        if key is not None:
            h += struct.pack("!I", key)
        seg = h + payload
        if csum_on:
            c = csum(seg) ^ (0x1111 if bad_csum else 0)
            seg = seg[:4] + struct.pack("!H", c) + seg[6:]
        proto = 47
    else:
        if typ == "geneve":
            opts = b""
            if TLV and r.random() < 0.5:
                opts = struct.pack("!HBB", 0xffff, 0x80, 1) + struct.pack("!I", 0x1234)
            if TLVW and TLV:
                opts = geneve_options()
            h = struct.pack("!BBH", len(opts) // 4, 0, 0x6558) + struct.pack("!I", (key or 0) << 8) + opts
        else:
            h = struct.pack("!BxxxI", 0x08, (key or 0) << 8)
        dport = port or DEFAULT_PORT[typ]
        seg = struct.pack("!HHHH", r.randrange(32768, 61000), dport, 8 + len(h) + len(payload), 0) + h + payload
        if csum_on:
            c = (l4csum(src, LOCAL, 17, seg) or 0xffff) ^ (0x1111 if bad_csum else 0)
            seg = seg[:6] + struct.pack("!H", c) + seg[8:]
        proto = 17
    if V6:
        return mac(PHY_MAC) + mac(RMAC[src]) + b"\x86\xdd" + ipv6(src, LOCAL, proto, seg)
    return mac(PHY_MAC) + mac(RMAC[src]) + b"\x08\x00" + ipv4(src, LOCAL, proto, seg)


def geneve_options():
    """tlv: 0-3 options: mapped ones (right or wrong value), unknown, unknown critical, of the wrong length."""
    opts = b""
    for _ in range(r.choice([0, 1, 1, 2, 3])):
        x = r.random()
        if x < 0.4:
            opts += struct.pack("!HBBI", 0xffff, 0x80, 1, r.choice([0x1234, 0x12ab, 0x5678]))
        elif x < 0.6:
            opts += struct.pack("!HBBQ", 0x102, 0x5, 2, r.choice([0x1122334455667788, 7]))
        elif x < 0.8:
            opts += struct.pack("!HBBI", 0x104, 0x10, 1, r.randrange(1 << 32))
        elif x < 0.9:
            opts += struct.pack("!HBBI", 0x104, 0x92, 1, 1)
        else:
            opts += struct.pack("!HBBQ", 0xffff, 0x80, 2, 9)
    return opts


def neighbour_reply(ip, to=LOCAL):
    """An ARP reply (or an IPv6 neighbour advertisement) from remote ip to the underlay bridge."""
    if V6:
        na = struct.pack("!BBHI", 136, 0, 0, 0x60000000) + addr(ip) + struct.pack("!BB", 2, 1) + mac(RMAC[ip])
        na = na[:2] + struct.pack("!H", l4csum(ip, to, 58, na)) + na[4:]
        return (mac(PHY_MAC) + mac(RMAC[ip]) + b"\x86\xdd" + ipv6(ip, to, 58, na, hlim=255)).hex()
    return (mac(PHY_MAC) + mac(RMAC[ip]) + b"\x08\x06" + struct.pack("!HHBBH", 1, 0x0800, 6, 4, 2) + mac(RMAC[ip])
            + addr(ip) + mac(PHY_MAC) + addr(to)).hex()


def overlay_packet(host):
    name, ofp, hmac, hip = host
    rmac, rip = r.choice(INNER_REMOTE)
    proto = r.choice(["icmp", "udp", "tcp"])
    tos = r.choice([0, 0, 1, 2, 3, 16, 64])
    l4 = {"icmp": "icmp(type=8,code=0)", "udp": "udp(src=%d,dst=53)" % r.randrange(1024, 1100),
          "tcp": "tcp(src=%d,dst=80),tcp_flags(syn)" % r.randrange(1024, 1100)}[proto]
    return "ovs-appctl netdev-dummy/receive %s 'eth(src=%s,dst=%s),eth_type(0x0800),ipv4(src=%s,dst=%s,proto=%d," \
           "tos=%d,ttl=64,frag=no),%s'" % (name, hmac, rmac, hip, rip, {"icmp": 1, "udp": 17, "tcp": 6}[proto], tos,
                                           l4)


def overlay_trace(host):
    name, ofp, hmac, hip = host
    rmac, rip = r.choice(INNER_REMOTE)
    proto = r.choice(["icmp", "udp", "tcp"])
    f = "in_port=%d,%s,dl_src=%s,dl_dst=%s,nw_src=%s,nw_dst=%s,nw_ttl=64" % (ofp, proto, hmac, rmac, hip, rip)
    if r.random() < 0.3:
        f += ",nw_tos=%d,nw_ecn=%d" % (r.choice([0, 16, 64]), r.randrange(4))
    if proto != "icmp":
        f += ",%s_src=%d,%s_dst=%d" % (proto, r.randrange(1024, 1100), proto, r.choice([53, 80]))
    return "ovs-appctl ofproto/trace br0 %s" % f


def encapsulated():
    """An encapsulated frame for one of the tunnel ports: right, or with a wrong key/checksum/port/remote."""
    t = r.choice(tunnels)
    o = t["options"]
    src = o["remote_ip"] if o["remote_ip"] != "flow" else r.choice(REMOTES)
    if src == OFFROUTE:
        src = REMOTES[0]
    key = key_of(t, "in_key")
    csum_on = o.get("csum") == "true" or r.random() < 0.2
    port = int(o["dst_port"]) if "dst_port" in o else None
    bad = False
    x = r.random()
    if x < 0.12 and key is not None:
        key += 1
    elif x < 0.22 and csum_on:
        bad = True
    elif x < 0.3 and t["type"] != "gre":
        port = (port or DEFAULT_PORT[t["type"]]) + 9
    elif x < 0.38:
        src = STRANGER
    typ = t["type"]
    return outer(src, typ, key, inner_frame(r.choice(HOSTS)), csum_on, bad, port).hex()


lines = ["# gen-tunnels.py %d%s: %s%s, %s, route %s" % (
    seed, (" wide" if WIDE else "") + (" tlv" if TLVW else ""), "ipv6, " if V6 else "",
    ", ".join("%s (%s %s)" % (t["name"], t["type"], " ".join("%s=%s" % kv for kv in t["options"].items()))
              for t in tunnels), mode, "yes" if route else "no"),
    "ovs-appctl time/stop"]
if TLV:
    lines.append("ovs-ofctl add-tlv-map br0 '%s'" % ",".join(
        "{class=0x%x,type=0x%x,len=%d}->tun_metadata%d" % (c, t, ln, i) for (i, c, t, ln) in MAPS))
lines.append("ovs-ofctl add-flow br-phy actions=normal")
for f in flows:
    lines.append("ovs-ofctl -O OpenFlow13 add-flow br0 '%s'" % f)
if V6:
    lines.append("ovs-appctl netdev-dummy/ip6addr br-phy %s/64" % LOCAL)
else:
    lines.append("ovs-appctl netdev-dummy/ip4addr br-phy %s/24" % LOCAL)
if route:
    lines.append("ovs-appctl ovs/route/add %s br-phy" % ("fd00:79::/64" if V6 else "10.79.1.0/24"))
known = set()
for a in REMOTES:
    x = r.random()
    if x < 0.4:
        lines.append("ovs-appctl tnl/neigh/set br-phy %s %s" % (a, RMAC[a]))
        known.add(a)
    elif x < 0.7:
        lines.append("ovs-appctl netdev-dummy/receive phy0 %s" % neighbour_reply(a))
        known.add(a)


def views():
    c = r.choice(["dpctl/dump-flows", "dpctl/dump-flows -m", "dpif/show", "tnl/ports/show", "tnl/ports/show -v",
                  "tnl/neigh/show", "ovs/route/show", "dump-flows", "dump-ports", "trace", "trace", "trace-phy",
                  "neigh", "flush"] + (["tlv"] if TLVW and TLV else []))
    if c == "tlv":
        x = r.random()
        if x < 0.5:
            return ["ovs-ofctl dump-tlv-map br0"]
        if x < 0.8:  # refused: the index, or the option, already mapped
            return ["ovs-ofctl add-tlv-map br0 '%s'" % r.choice(["{class=0x105,type=0x1,len=4}->tun_metadata0",
                                                                 "{class=0xffff,type=0x80,len=4}->tun_metadata5"])]
        if len(MAPS) > 2:
            return ["ovs-ofctl del-tlv-map br0 '{class=0x103,type=0x91,len=4}->tun_metadata2'",
                    "ovs-ofctl dump-tlv-map br0"]
        return ["ovs-ofctl dump-tlv-map br0"]
    if c == "dump-flows":
        return ["ovs-appctl revalidator/wait", "ovs-ofctl -O OpenFlow13 dump-flows br0"]
    if c == "dump-ports":
        return ["ovs-appctl revalidator/wait", "ovs-ofctl dump-ports br0"]
    if c == "trace":
        return [overlay_trace(r.choice(HOSTS))]
    if c == "trace-phy":
        return ["ovs-appctl ofproto/trace br-phy in_port=1 %s" % encapsulated()]
    if c == "neigh":
        a = r.choice(REMOTES)
        if r.random() < 0.5:
            return ["ovs-appctl tnl/neigh/set br-phy %s %s" % (a, RMAC[a])]
        return ["ovs-appctl netdev-dummy/receive phy0 %s" % neighbour_reply(a)]
    if c == "flush":
        return ["ovs-appctl dpctl/del-flows"]
    if WIDE and r.random() < 0.4:
        return wide_view()
    return ["ovs-appctl " + c]


def wide_view():
    """wide: the tables changed mid-run, neighbour traffic on phy0, native tunnelling turned off and on."""
    c = r.choice(["neigh-flush", "route", "arp-show", "fdb", "garp", "arp-request", "features"])
    a = r.choice(REMOTES)
    if c == "neigh-flush":
        return ["ovs-appctl tnl/neigh/flush"]
    if c == "route":
        net = "fd00:79::/64" if V6 else "10.79.1.0/24"
        return ["ovs-appctl ovs/route/del %s" % net] + (["ovs-appctl ovs/route/add %s br-phy" % net]
                                                       if r.random() < 0.7 else [])
    if c == "arp-show":
        return ["ovs-appctl tnl/arp/show"]
    if c == "fdb":
        return ["ovs-appctl revalidator/wait", "ovs-appctl fdb/show br-phy"]
    if c == "garp" and not V6:
        return ["ovs-appctl netdev-dummy/receive phy0 %s" % (
            mac("ff:ff:ff:ff:ff:ff") + mac(RMAC[a]) + b"\x08\x06" + struct.pack("!HHBBH", 1, 0x0800, 6, 4, 1)
            + mac(RMAC[a]) + addr(a) + bytes(6) + addr(a)).hex()]
    if c == "arp-request" and not V6:
        return ["ovs-appctl netdev-dummy/receive phy0 %s" % (
            mac("ff:ff:ff:ff:ff:ff") + mac(RMAC[a]) + b"\x08\x06" + struct.pack("!HHBBH", 1, 0x0800, 6, 4, 1)
            + mac(RMAC[a]) + addr(a) + bytes(6) + addr(LOCAL)).hex()]
    if c == "features":
        return ["ovs-appctl dpif/set-dp-features br0 tnl_push_pop false", overlay_trace(r.choice(HOSTS)),
                "ovs-appctl dpif/set-dp-features br0 tnl_push_pop true"]
    return ["ovs-appctl tnl/neigh/show"]


for _ in range(r.randrange(14, 24)):
    x = r.random()
    if x < 0.35:
        lines.append(overlay_packet(r.choice(HOSTS)))
    elif x < 0.6:
        lines.append("ovs-appctl netdev-dummy/receive phy0 %s" % encapsulated())
    else:
        lines += views()
lines += ["ovs-appctl dpif/show", "ovs-appctl dpctl/dump-flows -m", "ovs-appctl tnl/ports/show -v",
          "ovs-appctl tnl/neigh/show", "ovs-appctl ovs/route/show", "ovs-appctl revalidator/wait",
          "ovs-ofctl -O OpenFlow13 dump-flows br0", "ovs-ofctl dump-ports br0"]

os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "commands.in"), "w") as fh:
    fh.write("\n".join(lines) + "\n")
yaml = ["networks:", "  br0:", "    kind: ovs", "    ports:"]
setup = []  # br0 is ovs-oracle.sh's (datapath-type=dummy, fail-mode=secure, OpenFlow10/13/15)
for (name, ofp, m, ip) in HOSTS:
    yaml.append("      %s: {ofport: %d, type: dummy, options: {tx_pcap: %s-tx.pcap}}" % (name, ofp, name))
    setup.append("ovs-vsctl add-port br0 %s -- set interface %s type=dummy ofport_request=%d options:tx_pcap=%s-tx.pcap"
                 % (name, name, ofp, name))
for t in tunnels:
    yaml.append("      %s: {ofport: %d, type: %s, options: {%s}}" % (
        t["name"], t["ofport"], t["type"], ", ".join('%s: "%s"' % kv for kv in t["options"].items())))
    setup.append("ovs-vsctl add-port br0 %s -- set interface %s type=%s ofport_request=%d %s" % (
        t["name"], t["name"], t["type"], t["ofport"],
        " ".join("options:%s=%s" % kv for kv in t["options"].items())))
yaml += ["  br-phy:", "    kind: ovs", "    fail_mode: standalone", "    hwaddr: %s" % PHY_MAC, "    ports:",
         "      phy0: {ofport: 1, type: dummy, options: {tx_pcap: phy0-tx.pcap}}"]
setup += ["ovs-vsctl add-br br-phy -- set bridge br-phy datapath_type=dummy other-config:hwaddr=%s" % PHY_MAC,
          "ovs-vsctl add-port br-phy phy0 -- set interface phy0 type=dummy ofport_request=1 "
          "options:tx_pcap=phy0-tx.pcap"]
yaml += ["hosts:", "  node: {}"]
with open(os.path.join(out, "lab.yaml"), "w") as fh:
    fh.write("\n".join(yaml) + "\n")
with open(os.path.join(out, "setup.sh"), "w") as fh:
    fh.write("\n".join(setup) + "\n")
