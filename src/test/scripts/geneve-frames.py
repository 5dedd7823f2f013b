#!/usr/bin/env python3
"""Geneve frames as an Antrea node's kernel sends them (drivers/net/geneve.c), written offline into a classic pcap:
outer Ethernet/IPv4/UDP 6081, the Geneve header (RFC 8926 section 3.4), the inner Ethernet frame. Plain struct, no
scapy, so the bytes are exactly those written here."""
import struct
import sys


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def ip(src, dst, proto, payload, ttl=64, ident=0, df=True, tos=0):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, tos, 20 + len(payload), ident, 0x4000 if df else 0, ttl, proto, 0,
                    bytes(src), bytes(dst))
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return h + payload


def udp(src, dst, sport, dport, payload, with_csum=True, bad=False):
    h = struct.pack("!HHHH", sport, dport, 8 + len(payload), 0)
    c = 0
    if with_csum:
        pseudo = bytes(src) + bytes(dst) + struct.pack("!BBH", 0, 17, 8 + len(payload))
        c = csum(pseudo + h + payload) or 0xFFFF
        if bad:
            c ^= 0x1234
    return h[:6] + struct.pack("!H", c) + payload


def icmp_echo(ident, seq, data):
    h = struct.pack("!BBHHH", 8, 0, 0, ident, seq) + data
    return h[:2] + struct.pack("!H", csum(h)) + h[4:]


def eth(dst, src, etype, payload):
    return bytes(dst) + bytes(src) + struct.pack("!H", etype) + payload


def geneve(vni, inner, flags=0, opts=b"", proto=0x6558):
    return struct.pack("!BBH", len(opts) // 4, flags, proto) + struct.pack("!I", vni << 8) + opts + inner


W1, W2 = [10, 79, 1, 201], [10, 79, 1, 202]
W1MAC, W2MAC = [0x02, 0x79, 0x01, 0, 0x01, 0xC9], [0x02, 0x79, 0x01, 0, 0x01, 0xCA]
GW1 = [0x4E, 0x99, 0x08, 0xC1, 0x53, 0xBE]
VMAC = [0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF]
POD = [0xF2, 0x32, 0xD8, 0x07, 0xE2, 0xA6]
P1, P2 = [10, 222, 1, 2], [10, 222, 2, 2]
data = bytes(range(0x10, 0x10 + 56))
inner = eth(VMAC, GW1, 0x0800, ip(P1, P2, 1, icmp_echo(100, 1, data), ttl=63, ident=0x1234))
udp_inner = eth(VMAC, GW1, 0x0800, ip(P1, P2, 17, udp(P1, P2, 40000, 5000, b"hello\n"), ttl=63, ident=7))
arp_inner = eth([0xFF] * 6, POD, 0x0806, struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 1, bytes(POD), bytes(P1),
                                                    bytes(6), bytes(P2)))
frames = []


def outer(g, sport=51234, **kw):
    frames.append(eth(W2MAC, W1MAC, 0x0800, ip(W1, W2, 17, udp(W1, W2, sport, 6081, g, **kw), ident=0x5A1F)))


outer(geneve(0, inner))                                   # Antrea: vni 0, no options, checksum
outer(geneve(0, inner), with_csum=False)                  # csum=false
outer(geneve(0x123456, udp_inner), sport=2000, bad=True)  # a VNI, a bad outer checksum, UDP inside
outer(geneve(5, arp_inner, flags=0x40, opts=struct.pack("!HBB", 0x0104, 0x80, 1) + b"\x00\x00\x00\x2a"))  # C, option
outer(geneve(7, inner, flags=0x80))                       # O (control)
outer(geneve(1, inner, flags=0x01) [:4] + b"\x00\x00\x01\x09" + inner)  # reserved byte set
outer(geneve(0, b"\x01\x02\x03\x04", proto=0x1234))       # unknown protocol

with open(sys.argv[1], "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
    for i, fr in enumerate(frames):
        f.write(struct.pack("<IIII", 1700000000 + i, 0, len(fr), len(fr)) + fr)
