#!/usr/bin/env python3
"""The odd frames of refdata/ovs/ofctl-cmds/probe-oddframes.in, one "NAME HEX" a line: headers the flow extractor
(miniflow_extract()) finds cut short, too long, or not what the Ethertype says. probe-oddframes.in traces each
(`ofproto/trace br0 in_port=1 HEX`) and then receives each on p1, in this order."""
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
for name, f in FRAMES:
    print(name, f.hex())
