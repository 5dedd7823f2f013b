#!/usr/bin/env python3
"""The odd frames of refdata/ovs/ofctl-cmds/probe-oddframes.in, one "NAME HEX" a line: headers the flow extractor
(miniflow_extract()) finds cut short, too long, or not what the Ethertype says. probe-oddframes.in traces each
(`ofproto/trace br0 in_port=1 HEX`) and then receives each on p1, in this order. With the argument `ct`, the frames
of probe-ctodd.in, each received on p1 through ct(): checksums, lengths and headers conntrack reads or refuses."""
import struct

def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xffff)
    s += s >> 16
    return (~s) & 0xffff

ETH = bytes.fromhex("505400000002505400000001")  # to 50:54:00:00:00:02 from :01

def ip4(proto, payload, ihl=5, tot=None, opts=b"", frag=0, ttl=64):
    h = bytearray(struct.pack("!BBHHHBBH4s4s", (4 << 4) | ihl, 0, 20 + len(opts) + len(payload) if tot is None else tot,
                              1, frag, ttl, proto, 0, bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2]))) + opts
    h[10:12] = struct.pack("!H", csum(bytes(h)))
    return bytes(h) + payload

TCP = struct.pack("!HHIIBBHHH", 1234, 80, 1, 0, 5 << 4, 2, 8192, 0, 0)
UDP = struct.pack("!HHHH", 53, 5353, 8, 0)
FRAMES = [
    ("ip-short", ETH + b"\x08\x00" + ip4(17, UDP)[:15]),
    ("ip-ihl4", ETH + b"\x08\x00" + ip4(17, UDP, ihl=4)),
    ("ip-totlen-long", ETH + b"\x08\x00" + ip4(17, UDP, tot=200)),
    ("ip-totlen-short", ETH + b"\x08\x00" + ip4(17, UDP, tot=10)),
    ("ip-opts", ETH + b"\x08\x00" + ip4(6, TCP, ihl=6, opts=b"\x01\x01\x01\x00")),
    ("tcp-short", ETH + b"\x08\x00" + ip4(6, TCP[:10])),
    ("tcp-doff3", ETH + b"\x08\x00" + ip4(6, TCP[:12] + bytes([3 << 4]) + TCP[13:])),
    ("udp-short", ETH + b"\x08\x00" + ip4(17, UDP[:4])),
    ("icmp-short", ETH + b"\x08\x00" + ip4(1, b"\x08")),
    ("ip-later-frag", ETH + b"\x08\x00" + ip4(6, TCP, frag=0x0010)),
    ("arp-short", ETH + b"\x08\x06" + bytes.fromhex("0001080006040001505400000001")),
    ("arp-hlen8", ETH + b"\x08\x06" + bytes.fromhex(
        "000108000804000150540000000100000a000001000000000000000000000a000002")),
    ("llc", ETH + b"\x00\x26" + bytes.fromhex("424203") + b"\0" * 35),
    ("snap", ETH + b"\x00\x30" + bytes.fromhex("aaaa03000000") + b"\x08\x00" + ip4(17, UDP)),
    ("ip6-short", ETH + b"\x86\xdd" + bytes.fromhex("6000000000081140") + b"\0" * 10),
    ("ip-v6inv4", ETH + b"\x08\x00" + bytes.fromhex("6000000000081140") + b"\0" * 32),
    ("ttl0", ETH + b"\x08\x00" + ip4(17, UDP, ttl=0)),
]

def l4sum(proto, l4, src=bytes([10, 0, 0, 1]), dst=bytes([10, 0, 0, 2])):
    return csum(src + dst + struct.pack("!BBH", 0, proto, len(l4)) + l4)

def udp(sp=1000, dp=2000, n=4, length=None, cs=None):
    h = struct.pack("!HHHH", sp, dp, 8 + n if length is None else length, 0) + b"x" * n
    c = (l4sum(17, h) or 0xffff) if cs is None else cs
    return h[:6] + struct.pack("!H", c) + h[8:]

def icmp(t, code=0, rest=b"\0\0\0\0"):
    h = struct.pack("!BBH", t, code, 0) + rest
    return h[:2] + struct.pack("!H", csum(h)) + h[4:]

V6SRC, V6DST = bytes.fromhex("20010db8000000000000000000000001"), bytes.fromhex("20010db8000000000000000000000002")

def ip6(nh, payload):
    return ETH + b"\x86\xdd" + struct.pack("!IHBB16s16s", 0x60000000, len(payload), nh, 64, V6SRC, V6DST) + payload

def udp6(cs=None):
    h = struct.pack("!HHHH", 1000, 2000, 12, 0) + b"yyyy"
    c = csum(V6SRC + V6DST + struct.pack("!IxxxB", len(h), 17) + h) if cs is None else cs
    return h[:6] + struct.pack("!H", c) + h[8:]

def badsum(frame):  # the IPv4 header's checksum off by one
    b = bytearray(frame)
    b[24] ^= 1
    return bytes(b)

# probe-ctodd.in: the same kinds of frames through ct(), from 10.0.0.1 to 10.0.0.2 (UDP 1000 -> 2000)
CT_FRAMES = [
    ("udp", ETH + b"\x08\x00" + ip4(17, udp())),
    ("ip-badcsum", badsum(ETH + b"\x08\x00" + ip4(17, udp()))),
    ("udp-badcsum", ETH + b"\x08\x00" + ip4(17, udp(cs=0x1234))),
    ("udp-zerocsum", ETH + b"\x08\x00" + ip4(17, udp(sp=1001, cs=0))),
    ("udp-len-long", ETH + b"\x08\x00" + ip4(17, udp(sp=1002, length=40, cs=0))),
    ("udp-len-short", ETH + b"\x08\x00" + ip4(17, udp(sp=1003, length=4, cs=0))),
    ("tcp-cut", ETH + b"\x08\x00" + ip4(6, TCP[:10])),
    ("tcp-doff3", ETH + b"\x08\x00" + ip4(6, TCP[:12] + bytes([3 << 4]) + TCP[13:])),
    ("icmp-echo-cut", ETH + b"\x08\x00" + ip4(1, icmp(8, rest=b""))),
    ("icmp-echo", ETH + b"\x08\x00" + ip4(1, icmp(8, rest=b"\0\x07\0\x01"))),
    ("icmp-timestamp", ETH + b"\x08\x00" + ip4(1, icmp(13, rest=b"\0\x08\0\x01" + b"\0" * 12))),
    ("icmp-type99", ETH + b"\x08\x00" + ip4(1, icmp(99))),
    ("udp-ipopts", ETH + b"\x08\x00" + ip4(17, udp(sp=1004), ihl=6, opts=b"\x01\x01\x01\x00")),
    ("udp-frag-first", ETH + b"\x08\x00" + ip4(17, udp(sp=1005), frag=0x2000)),
    ("udp-frag-later", ETH + b"\x08\x00" + ip4(17, udp(sp=1006), frag=0x0010)),
    ("udp-ttl0", ETH + b"\x08\x00" + ip4(17, udp(sp=1007), ttl=0)),
    ("udp6", ip6(17, udp6())),
    ("udp6-zerocsum", ip6(17, udp6(cs=0))),
    ("udp6-hbh", ip6(0, bytes([17, 0, 1, 4, 0, 0, 0, 0]) + udp6())),
    ("ip6-cut", ETH + b"\x86\xdd" + bytes.fromhex("6000000000081140") + b"\0" * 10),
]
import sys
for name, f in CT_FRAMES if sys.argv[1:] == ["ct"] else FRAMES:
    print(name, f.hex())
