#!/usr/bin/env python3
"""ICMP errors for refdata/ovs/ofctl-cmds/probe-ctrelnat2.in, one hex Ethernet frame a line (p2's side of a zone-7
SNAT to 192.168.9.1 of 10.0.0.1:1000->10.0.0.2:53/udp and a DNAT of 10.0.0.1:2000->10.0.0.9:80/tcp to
10.0.0.20:8080): the error's inner header and its first 8 bytes (20 for TCP) with valid checksums."""
import struct
import sys
from inet import csum, addr


def ip(src, dst, proto, payload, ttl=64, ident=0):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, 0x4000 if proto != 1 else 0, ttl, proto, 0,
                    addr(src), addr(dst))
    return h[:10] + struct.pack("!H", csum(h)) + h[12:] + payload


def l4(proto, src, dst, sp, dp):
    if proto == 17:
        u = struct.pack("!HHHH", sp, dp, 8, 0)
        pseudo = addr(src) + addr(dst) + struct.pack("!BBH", 0, 17, 8)
        return u[:6] + struct.pack("!H", csum(pseudo + u) or 0xffff)
    t = struct.pack("!HHIIBBHHH", sp, dp, 0x11111111, 0, 5 << 4, 0x02, 8192, 0, 0)
    pseudo = addr(src) + addr(dst) + struct.pack("!BBH", 0, 6, 20)
    return t[:16] + struct.pack("!H", csum(pseudo + t)) + t[18:]


def icmp_error(frm, to, typ, code, inner, rest=0, ident=1):
    body = struct.pack("!BBHI", typ, code, 0, rest) + inner
    body = body[:2] + struct.pack("!H", csum(body)) + body[4:]
    eth = bytes.fromhex("505400000001" "505400000002" "0800")
    return (eth + ip(frm, to, 1, body, ident=ident)).hex()


def inner(proto, src, dst, sp, dp, ttl=64):
    return ip(src, dst, proto, l4(proto, src, dst, sp, dp), ttl=ttl)


out = [
    icmp_error("10.0.0.2", "192.168.9.1", 3, 3, inner(17, "192.168.9.1", "10.0.0.2", 1000, 53), ident=1),
    icmp_error("10.0.0.99", "192.168.9.1", 11, 0, inner(17, "192.168.9.1", "10.0.0.2", 1000, 53, ttl=1), ident=2),
    icmp_error("10.0.0.20", "10.0.0.1", 3, 4, inner(6, "10.0.0.1", "10.0.0.20", 2000, 8080), rest=1400, ident=3),
    icmp_error("10.0.0.30", "10.0.0.1", 3, 4, inner(6, "10.0.0.1", "10.0.0.20", 2000, 8080), rest=1400, ident=4),
    icmp_error("10.0.0.2", "192.168.9.1", 3, 3, inner(17, "192.168.9.1", "10.0.0.2", 1001, 53), ident=5),
    icmp_error("10.0.0.2", "10.0.0.1", 3, 3, inner(17, "10.0.0.1", "10.0.0.2", 1000, 53), ident=6),
]
sys.stdout.write("\n".join(out) + "\n")
