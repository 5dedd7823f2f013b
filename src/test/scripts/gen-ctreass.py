#!/usr/bin/env python3
"""IP fragment lists made whole in the userspace datapath's conntrack (lib/ipf.c), for record-frames.sh.

Writes refdata/ovs/ctreass/commands.in: br0 with dummy ports p1..p3 (tx_pcap), the minimum fragment sizes lowered to
400 so that fragments stay short. p1's IP and IPv6 go through ct(zone=5,table=1); p3's through
ct(commit,zone=7,table=1,nat(src=...)) (the reassembled datagram committed and SNAT'ed: its addresses and L4 header
copied to the fragments); p2's through ct(zone=9,table=1), then a +new one in zone 9 through
ct(commit,zone=9,exec(set_field mark)) in line (a second list, keyed by the recirculation id). Table 1 marks the
frame with an Ethernet source per state and outputs it. UDP datagrams cut in two or three fragments, sent in order,
out of order, with a fragment sent twice (overlapped), with one overlapping another, one too small, the same
datagram's fragments in two zones, IPv4 and IPv6; then a datagram like the first (its fragments hit the megaflows),
one whose later fragment comes from another Ethernet source (its upcall runs before the first fragment's megaflow
hit), a whole packet hitting its megaflows while an expired list goes with it (the expired fragment's upcall first);
lists expiring with OVS's clock warped: sent on invalid with the next packet meeting ct() (15 s), or purged (25 s);
then datagrams made whole and whole packets with a wrong UDP checksum, none, or a UDP length past their end.
dpctl/ipf-get-status -m, dump-conntrack and dump-flows along the way.
With "second" (refdata/ovs/ctreass2): p2's traffic in zone 5 as p1's, p3's DNAT'ed to port 5353, and
second()'s cases.
With "big" (refdata/ovs/ctreass3): big()'s datagrams of more fragments than a batch holds.
  src/test/scripts/gen-ctreass.py DIR [second|big]
"""
import os
import struct
import sys

from inet import addr, csum

out = sys.argv[1]
SECOND = "second" in sys.argv[2:]
BIG = "big" in sys.argv[2:]
MAC = {1: "505400000001", 2: "505400000002", 3: "505400000003"}
IP4 = {1: "10.0.0.1", 2: "10.0.0.2", 3: "10.0.0.3"}
IP6 = {1: "fd00::1", 2: "fd00::2", 3: "fd00::3"}
cmds = ["ovs-appctl time/stop", "ovs-vsctl set Open_vSwitch . other_config:max-idle=3600000",
        "ovs-appctl dpctl/ipf-set-min-frag v4 400", "ovs-appctl dpctl/ipf-set-min-frag v6 400"]
flows = [
    "table=0,priority=100,ip,in_port=1,actions=ct(zone=5,table=1)",
    "table=0,priority=100,ipv6,in_port=1,actions=ct(zone=5,table=1)",
    "table=0,priority=100,ip,in_port=3,actions=ct(commit,zone=7,table=1,nat(src=10.0.0.100))",
    "table=0,priority=100,ipv6,in_port=3,actions=ct(commit,zone=7,table=1,nat(src=[fd00::100]))",
    "table=0,priority=100,ip,in_port=2,actions=ct(zone=9,table=1)",
    "table=0,priority=100,ipv6,in_port=2,actions=ct(zone=9,table=1)",
    "table=1,priority=110,ct_state=+new+trk,ct_zone=9,ip,actions=ct(commit,zone=9,exec(set_field:0x7->ct_mark)),"
    "mod_dl_src:02:00:00:00:00:09,output:3",
    "table=1,priority=110,ct_state=+new+trk,ct_zone=9,ipv6,actions=ct(commit,zone=9,exec(set_field:0x7->ct_mark)),"
    "mod_dl_src:02:00:00:00:00:09,output:3",
    "table=1,priority=100,ct_state=+inv+trk,actions=mod_dl_src:02:00:00:00:00:04,output:3",
    "table=1,priority=100,ct_state=+new+trk,actions=mod_dl_src:02:00:00:00:00:01,output:2",
    "table=1,priority=100,ct_state=+est+trk,actions=mod_dl_src:02:00:00:00:00:02,output:2",
    "table=1,priority=0,actions=mod_dl_src:02:00:00:00:00:0f,output:2",
]
if SECOND:  # p2's IP in zone 5 as p1's; p3's DNAT'ed to B's port 5353
    flows = flows[:2] + [
        "table=0,priority=100,ip,in_port=2,actions=ct(zone=5,table=1)",
        "table=0,priority=100,ipv6,in_port=2,actions=ct(zone=5,table=1)",
        "table=0,priority=100,ip,in_port=3,actions=ct(commit,zone=7,table=1,nat(dst=10.0.0.2:5353))",
        "table=0,priority=100,ipv6,in_port=3,actions=ct(commit,zone=7,table=1,nat(dst=[fd00::2]:5353))",
    ] + flows[8:]
for f in flows:
    cmds.append("ovs-ofctl -O OpenFlow15 add-flow br0 '%s'" % f)


def datagram(sa, da, sp, dp, size, ident, check="ok", proto=17, tcp=None):
    """A UDP datagram of size bytes (header included), its checksum computed ("ok"), 0 ("zero"), wrong ("bad"), or
    its length field 8 bytes past its end ("long"); with proto 6, a TCP segment (tcp: seq, ack, flags)."""
    hdr = 20 if proto == 6 else 8
    payload = bytes((i * 7 + ident) & 0xff for i in range(size - hdr))
    if proto == 6:
        u = struct.pack("!HHIIBBHHH", sp, dp, tcp[0], tcp[1], 5 << 4, tcp[2], 64240, 0, 0) + payload
    else:
        u = struct.pack("!HHHH", sp, dp, size + (8 if check == "long" else 0), 0) + payload
    if ":" in sa:
        ph = addr(sa) + addr(da) + struct.pack("!IxxxB", size, proto)
    else:
        ph = addr(sa) + addr(da) + struct.pack("!BBH", 0, proto, size)
    at = 16 if proto == 6 else 6
    c = 0 if check == "zero" else (csum(ph + u) or 0xffff) ^ (0x0101 if check == "bad" else 0)
    return u[:at] + struct.pack("!H", c) + u[at + 2:]


def frag(port, sa, da, ident, data, off, more, mac=None, proto=17, hbh=False):
    """A fragment of data (the datagram's bytes from off) from port's host to B (IPv6: after a hop-by-hop header)."""
    if ":" in sa:
        fh = struct.pack("!BBHI", proto, 0, off | (1 if more else 0), ident)
        opts = struct.pack("!BB6x", 44, 0) if hbh else b""
        l3 = (struct.pack("!IHBB", 0x60000000, 8 + len(opts) + len(data), 0 if hbh else 44, 64) + addr(sa) + addr(da)
              + opts + fh + data)
        et = "86dd"
    else:
        h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(data), ident, (0x2000 if more else 0) | off // 8, 64,
                        proto, 0, addr(sa), addr(da))
        l3 = h[:10] + struct.pack("!H", csum(h)) + h[12:] + data
        et = "0800"
    cmds.append("ovs-appctl netdev-dummy/receive p%d %s%s%s%s" % (port, MAC[2], mac or MAC[port], et, l3.hex()))


def send(port, v6, ident, cuts, order, size=1000, sp=1234, dp=53, dst=2, src=None, macs=None, check="ok",
         ports=None, proto=17, tcp=None, hbh=False):
    """A datagram of size bytes cut at byte offsets cuts (multiples of 8), its fragments sent in order (indexes;
    a tuple (start, end) sends bytes start..end instead), fragment i from Ethernet source macs[i] and port ports[i]
    if given."""
    ips = IP6 if v6 else IP4
    sa, da = src or ips[port], ips[dst]
    d = datagram(sa, da, sp, dp, size, ident, check, proto, tcp)
    bounds = [0] + cuts + [size]
    for i in order:
        if isinstance(i, tuple):
            frag(port, sa, da, ident, d[i[0]:i[1]], i[0], i[1] < size, proto=proto, hbh=hbh)
        else:
            frag((ports or {}).get(i, port), sa, da, ident, d[bounds[i]:bounds[i + 1]], bounds[i],
                 i + 2 < len(bounds), (macs or {}).get(i), proto, hbh)


def status():
    cmds.append("ovs-appctl dpctl/ipf-get-status -m")


def first():
    status()
    send(1, False, 0x101, [480], [0, 1])  # in order
    status()
    cmds.append("ovs-appctl dpctl/dump-conntrack")
    cmds.append("ovs-appctl dpctl/dump-flows")
    send(1, False, 0x102, [400, 800], [2, 1, 0], size=1100)  # out of order
    send(1, False, 0x103, [480], [0, 0, 1])  # a duplicate: overlapped, invalid
    send(1, False, 0x104, [480], [0, (472, 960), 1])  # overlapping the first one
    send(1, False, 0x105, [304], [0, 1], size=600)  # too small: invalid, the last held alone
    status()
    send(1, False, 0x106, [480], [0])  # the first one in zone 5 ...
    send(3, False, 0x106, [480], [1], src=IP4[1])  # ... the last in zone 7: two lists
    status()
    send(3, False, 0x107, [480], [1, 0], sp=4000)  # committed and SNAT'ed
    send(2, False, 0x108, [480], [0, 1], dst=3, sp=5000)  # ct, then ct(commit) on the fragments
    send(1, True, 0x201, [480], [0, 1])
    send(1, True, 0x202, [400, 800], [1, 2, 0], size=1100)
    send(1, True, 0x203, [480], [1, 1, 0])
    send(3, True, 0x204, [480], [0, 1], sp=4001)
    send(2, True, 0x205, [480], [1, 0], dst=3, sp=5001)
    status()
    cmds.append("ovs-appctl dpctl/dump-conntrack")
    cmds.append("ovs-appctl dpctl/dump-conntrack -m")
    cmds.append("ovs-appctl dpctl/dump-flows")
    send(1, False, 0x109, [480], [0, 1])  # like the first: the megaflows
    send(1, True, 0x206, [480], [0, 1])
    cmds.append("ovs-appctl dpctl/dump-flows")
    # the later fragment from another Ethernet source: its recirculated pass is an upcall, which runs before the first
    # fragment's megaflow hit
    send(1, False, 0x10e, [480], [0, 1], macs={1: "505400000009"})
    send(1, False, 0x10f, [], [0], size=200, sp=7000)  # whole: its megaflows, which the one after the warp hits
    cmds.append("ovs-appctl time/warp 10000")
    status()
    cmds.append("ovs-appctl time/warp 6000")
    status()
    send(1, False, 0x10a, [], [0], size=200, sp=7000)  # whole: the oldest expired list goes with it, invalid
    status()
    send(1, True, 0x207, [], [0], size=200, sp=7001)
    status()
    send(1, False, 0x10b, [480], [0])
    cmds.append("ovs-appctl time/warp 26000")
    send(1, False, 0x10c, [], [0], size=200, sp=7002)  # past the purge time: purged
    status()
    send(1, False, 0x10d, [], [0], size=200, sp=7003)
    status()
    # conn_key_extract()'s L4 checks on the datagram made whole, and on whole packets: a wrong UDP checksum, none (IPv4:
    # not checked; IPv6: wrong), a UDP length past the end
    send(1, False, 0x110, [480], [0, 1], sp=8000, check="bad")
    send(1, False, 0x111, [480], [1, 0], sp=8001, check="zero")
    send(1, True, 0x208, [480], [0, 1], sp=8002, check="zero")
    send(1, False, 0x112, [480], [0, 1], sp=8003, check="long")
    send(1, False, 0x113, [], [0], size=200, sp=8004, check="bad")
    send(1, True, 0x209, [], [0], size=200, sp=8005, check="zero")
    send(1, False, 0x114, [], [0], size=200, sp=8006, check="long")
    status()
    cmds.append("ovs-appctl dpctl/dump-conntrack")
    cmds.append("ovs-appctl dpctl/dump-flows")
    cmds.append("ovs-appctl revalidator/wait")
    cmds.append("ovs-ofctl dump-flows br0")


def second():
    """Fragments of one list through two ports, TCP and ICMP made whole, DNAT with a port, a hop-by-hop header,
    ipf-set-max-nfrags and ipf-set-disabled with lists held, a list made whole across a warp."""
    status()
    send(1, False, 0x301, [480], [0, 1], ports={1: 2})  # one list, two ports: each fragment its in_port
    send(1, True, 0x401, [480], [1, 0], ports={1: 2})
    isn = 0x12345678
    send(1, False, 0x302, [480], [1, 0], proto=6, sp=40000, dp=80, tcp=(isn, 0, 2))  # a SYN with data
    frag(2, IP4[2], IP4[1], 0x303, datagram(IP4[2], IP4[1], 80, 40000, 20, 0x303, proto=6,
                                            tcp=(0x1000, isn + 981, 0x12)), 0, False)
    send(1, False, 0x304, [480], [0, 1], proto=6, sp=40000, dp=80, tcp=(isn + 981, 0x1001, 0x10))
    send(3, False, 0x305, [480], [1, 0], sp=4100)  # DNAT'ed to port 5353: the first fragment's port and checksum
    send(3, True, 0x402, [480], [0, 1], sp=4101)
    send(1, True, 0x403, [480], [0, 1], hbh=True)  # a hop-by-hop header before the fragment header
    status()
    cmds.append("ovs-appctl dpctl/dump-conntrack")
    cmds.append("ovs-appctl dpctl/ipf-set-max-nfrags 2")
    send(1, False, 0x306, [480], [0])
    send(1, False, 0x307, [480], [0])
    send(1, False, 0x306, [480], [1])  # the maximum held: to conntrack, invalid
    cmds.append("ovs-appctl dpctl/ipf-set-max-nfrags 1000")
    send(1, False, 0x306, [480], [1])  # now the list is made whole
    cmds.append("ovs-appctl dpctl/ipf-set-disabled v4")
    send(1, False, 0x307, [480], [1])  # v4 off: to conntrack, invalid; its list stays
    status()
    send(1, False, 0x308, [480], [0])
    cmds.append("ovs-appctl time/warp 10000")
    send(1, True, 0x404, [480], [0])
    cmds.append("ovs-appctl time/warp 6000")
    send(1, True, 0x404, [480], [1])  # made whole after 16 s; 0x307's list (v4, off) goes with it, expired
    status()
    cmds.append("ovs-appctl dpctl/ipf-set-enabled v4")
    send(1, False, 0x308, [480], [1])  # made whole after 16 s: not expired yet
    send(1, False, 0x309, [], [0], size=200, sp=7000)
    status()
    cmds.append("ovs-appctl dpctl/dump-conntrack")
    cmds.append("ovs-appctl dpctl/dump-flows")
    cmds.append("ovs-appctl revalidator/wait")
    cmds.append("ovs-ofctl dump-flows br0")


def big():
    """Datagrams of more fragments than a batch holds (NETDEV_MAX_BURST, 32): 1480 bytes of data each, in order and
    out of order, IPv4 and IPv6; whole packets meeting ct() after them."""
    status()
    size = 1480 * 33 + 600
    send(1, False, 0x501, [1480 * i for i in range(1, 34)], list(range(34)), size=size)
    status()
    send(1, False, 0x502, [], [0], size=200, sp=7000)
    status()
    send(1, True, 0x601, [1480 * i for i in range(1, 34)], list(range(33, -1, -1)), size=size)
    status()
    send(1, False, 0x503, [], [0], size=200, sp=7000)
    send(1, False, 0x504, [1480 * i for i in range(1, 40)], list(range(40)), size=1480 * 39 + 100)
    send(1, True, 0x602, [], [0], size=200, sp=7001)
    send(1, True, 0x603, [], [0], size=200, sp=7001)
    status()
    cmds.append("ovs-appctl dpctl/dump-flows")


big() if BIG else second() if SECOND else first()
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "commands.in"), "w") as f:
    f.write("# gen-ctreass.py%s: IP fragment lists made whole, expiring and purged (lib/ipf.c); br0 with dummy ports "
            "p1..p3\n" % (" big" if BIG else " second" if SECOND else ""))
    f.write("\n".join(cmds) + "\n")
