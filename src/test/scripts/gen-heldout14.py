#!/usr/bin/env python3
"""Writes the second held-out round's cases (refdata/tcpdump/heldout14/<case>/<case>.pcap) in the public corpus's
style: classic pcap, microsecond stamps from 1700000000.000000 one 1.012345 s apart, LINKTYPE_ETHERNET, the corpus's
hosts; bytes built by hand (no scapy; random_protocols draws bodies from random.Random(34014)). Kinds the corpora
touch little (checked with grep first): the IP protocols and UDP services whose tcpdump printers came last (GRE,
ESP, AH, OSPF, PIM, SCTP, EGP, IGRP, ISAKMP, ESP in UDP, RIPng, RADIUS, BFD, SIP, OTV) with realistic payloads, TCP
headers and options, IPv6 with extension headers and ICMPv6/ND, VLAN/QinQ with ARP and IP inside, odd Ethernet
lengths, and captures cut at every byte of a layered frame. record-heldout14.sh prints them with the real tools.
Usage: gen-heldout14.py OUTDIR"""
import os, struct, sys

from heldout_frames import CASES, T0, case, csum, eth, write_all

OUT = sys.argv[1] if len(sys.argv) > 1 else 'src/test/resources/refdata/tcpdump/heldout14'

GW, H11, H12, H13, H14 = (bytes.fromhex('0242ac1c00' + x) for x in ('01', '0b', '0c', '0d', '0e'))
BC = b'\xff' * 6
IGW, I11, I12, I13, I14 = (bytes([172, 28, 0, x]) for x in (1, 11, 12, 13, 14))
REM = bytes([10, 1, 2, 3])
L11 = bytes.fromhex('fe800000000000000042acfffe1c000b')
L13 = bytes.fromhex('fe800000000000000042acfffe1c000d')
G11 = bytes.fromhex('20010db8000000000000000000000011')
G13 = bytes.fromhex('20010db8000000000000000000000013')
ALLN = bytes.fromhex('ff020000000000000000000000000001')
ALLR = bytes.fromhex('ff020000000000000000000000000002')










def ip(proto, payload, src=I11, dst=I13, ttl=64, ident=0x9c41, flags=0, frag=0, opts=b'', tos=0, tot=None):
    hl = 20 + len(opts)
    h = struct.pack('!BBHHHBBH4s4s', 0x40 | (hl // 4), tos, tot if tot is not None else hl + len(payload), ident,
                    (flags << 13) | frag, ttl, proto, 0, src, dst) + opts
    return h[:10] + struct.pack('!H', csum(h)) + h[12:] + payload


def ip6(nh, payload, src=L11, dst=L13, hlim=64, plen=None):
    return struct.pack('!IHBB', 0x60000000, len(payload) if plen is None else plen, nh, hlim) + src + dst + payload


def l4sum(proto, seg, src, dst):
    if len(src) == 4:
        ph = src + dst + struct.pack('!BBH', 0, proto, len(seg))
    else:
        ph = src + dst + struct.pack('!IxxxB', len(seg), proto)
    return csum(ph + seg)


def udp(sport, dport, data, src=I11, dst=I13):
    h = struct.pack('!HHHH', sport, dport, 8 + len(data), 0)
    c = l4sum(17, h + data, src, dst) or 0xffff
    return h[:6] + struct.pack('!H', c) + data


def ipudp(sport, dport, data, src=I11, dst=I13, **kw):
    return ip(17, udp(sport, dport, data, src, dst), src, dst, **kw)


def e4(pkt, dst=H13, src=H11):
    return eth(dst, src, 0x0800, pkt)


def e6(pkt, dst=H13, src=H11):
    return eth(dst, src, 0x86dd, pkt)


def icmp(t, c, rest, data=b''):
    b = struct.pack('!BBH', t, c, 0) + rest + data
    return b[:2] + struct.pack('!H', csum(b)) + b[4:]


def icmp6(t, c, body, src=L11, dst=L13):
    b = struct.pack('!BBH', t, c, 0) + body
    return b[:2] + struct.pack('!H', l4sum(58, b, src, dst)) + b[4:]


def tcp(sport, dport, seq, ack, flags, data=b'', opts=b'', win=64240, urg=0, src=I11, dst=I13, ck=None):
    off = (20 + len(opts)) // 4
    h = struct.pack('!HHIIBBHHH', sport, dport, seq, ack, off << 4, flags, win, 0, urg) + opts
    c = l4sum(6, h + data, src, dst) if ck is None else ck
    return h[:16] + struct.pack('!H', c) + h[18:] + data


PING = icmp(8, 0, struct.pack('!HH', 0x4d2e, 1), bytes(range(0x10, 0x40)))


# ---------------------------------------------------------------- GRE, ESP, AH
def gre_cases():
    inner = ip(1, PING, src=bytes([192, 168, 1, 1]), dst=bytes([192, 168, 2, 2]))
    g = lambda flags, proto, extra=b'', ver=0: struct.pack('!HH', flags | ver, proto) + extra
    frames = [
        e4(ip(47, g(0, 0x0800) + inner)),
        e4(ip(47, g(0x2000, 0x0800, struct.pack('!I', 0x1234)) + inner)),
        e4(ip(47, g(0x1000, 0x0800, struct.pack('!I', 7)) + inner)),
        e4(ip(47, g(0x3000, 0x0800, struct.pack('!II', 0xabcdef01, 9)) + inner)),
        e4(ip(47, g(0x8000, 0x0800, struct.pack('!HH', 0x1a2b, 0)) + inner)),
        e4(ip(47, g(0xb000, 0x0800, struct.pack('!HHII', 0xbeef, 0, 42, 3)) + inner)),
        e4(ip(47, g(0, 0x86dd) + ip6(58, icmp6(128, 0, struct.pack('!HH', 1, 1) + b'abcd', G11, G13), G11, G13))),
        e4(ip(47, g(0x2000, 0x6558, struct.pack('!I', 100)) + eth(BC, H12, 0x0806, struct.pack(
            '!HHBBH', 1, 0x0800, 6, 4, 1) + H12 + I12 + b'\0' * 6 + I14, pad=False))),
        e4(ip(47, g(0, 0x8847) + b'\x00\x01\x41\x40' + inner)),
        e4(ip(47, g(0, 0x1234) + b'\x01\x02\x03\x04')),
        e4(ip(47, g(0x3081, 0x880b, struct.pack('!HHII', 10, 0x0007, 5, 4), ver=1) + b'\xff\x03\x00\x21' + inner)),
        e4(ip(47, g(0x2081, 0x880b, struct.pack('!HHI', 0, 0x0007, 4), ver=1))),
        e4(ip(47, g(0x4000, 0x0800, struct.pack('!HH', 0, 0) + struct.pack('!HBB', 0x0800, 0, 8) + IGW + REM
                                                + struct.pack('!HBB', 0, 0, 0)) + inner)),
        e4(ip(47, g(0x4000, 0x0800, struct.pack('!HH', 0, 0) + struct.pack('!HBB', 0xfffe, 2, 4) + b'\xfd\xe8\xfd\xe9'
                                                + struct.pack('!HBB', 0, 0, 0)) + inner)),
        e4(ip(47, g(0, 0x0800, ver=3) + inner)),
        e6(ip6(47, g(0x2000, 0x0800, struct.pack('!I', 1)) + inner, G11, G13)),
    ]
    case('gre_variants', frames)
    full = e4(ip(47, g(0x3000, 0x0800, struct.pack('!II', 0x1234, 1)) + inner))
    case('gre_cut_each_byte', [(full, n) for n in range(34, 34 + 12 + 30)])
    case('gre_short_lengths', [e4(ip(47, g(0x3000, 0x0800, struct.pack('!II', 1, 2))[:n])) for n in range(0, 13)])


def esp_ah_cases():
    esp = lambda spi, seq, body: struct.pack('!II', spi, seq) + body
    frames = [
        e4(ip(50, esp(0x1000, 1, bytes(range(48))))),
        e4(ip(50, esp(0xdeadbeef, 0x7fffffff, b'\x55' * 1))),
        e4(ip(50, esp(0x10, 2, b''))),
        e4(ip(50, esp(0x10, 3, b'')[:6])),
        e6(ip6(50, esp(0x2000, 17, bytes(64)), G11, G13)),
        e4(ip(50, esp(0x3000, 9, bytes(40)), frag=0, flags=1)),
        e4(ip(50, bytes(24), frag=4)),
    ]
    case('esp_variants', frames)
    icv = bytes(range(0xa0, 0xac))
    ah = lambda nh, body, l=4, icvb=icv: struct.pack('!BBHII', nh, l, 0, 0x100, 5) + icvb + body
    frames = [
        e4(ip(51, ah(1, PING))),
        e4(ip(51, ah(50, esp(0x1000, 5, bytes(32))))),
        e4(ip(51, ah(17, udp(5000, 53, b'\x12\x34\x01\0\0\1\0\0\0\0\0\0\x01a\0\0\1\0\1')))),
        e4(ip(51, ah(6, tcp(40000, 22, 1000, 0, 0x02, opts=b'\x02\x04\x05\xb4'), l=1, icvb=b''))),
        e4(ip(51, ah(59, b'', l=2, icvb=b'\x11\x22\x33\x44'))),
        e4(ip(51, ah(1, PING)[:10])),
        e4(ip(51, ah(1, PING)[:20])),
        e6(ip6(51, ah(58, icmp6(128, 0, struct.pack('!HH', 7, 1), G11, G13)), G11, G13)),
        e4(ip(51, ah(51, ah(1, PING)))),
    ]
    case('ah_variants', frames)


# ---------------------------------------------------------------- OSPF
def ospf(t, body, rid=I11, area=b'\0\0\0\0', auth=0, authdata=b'\0' * 8, ver=2, trailer=b''):
    h = struct.pack('!BBH4s4sHH', ver, t, 24 + len(body), rid, area, 0, auth) + authdata
    if auth != 2:
        c = csum(h[:16] + body)
        h = h[:12] + struct.pack('!H', c) + h[14:]
    return h + body + trailer


def lsahdr(t, lsid, adv, seq=0x80000001, age=10, opts=0x02, length=20):
    return struct.pack('!HBB4s4sIHH', age, opts, t, lsid, adv, seq, 0x1234, length)


def ospf_cases():
    ALLSPF = bytes([224, 0, 0, 5])
    m = lambda b, src=I11: eth(bytes.fromhex('01005e000005'), H11, 0x0800, ip(89, b, src, ALLSPF, ttl=1, tos=0xc0))
    hello = lambda nbrs=(), opts=0x02, dr=b'\0' * 4, bdr=b'\0' * 4: struct.pack(
        '!4sHBBI4s4s', bytes([255, 255, 255, 0]), 10, opts, 1, 40, dr, bdr) + b''.join(nbrs)
    rlink = lambda lid, data, typ, metric, tos=b'': struct.pack('!4s4sBBH', lid, data, typ, len(tos) // 4, metric) + tos
    router_body = struct.pack('!BBH', 0x03, 0, 3) + rlink(I13, I11, 1, 10) + rlink(
        bytes([172, 28, 0, 0]), bytes([255, 255, 255, 0]), 3, 1) + rlink(I14, I11, 2, 20, b'\x01\x00\x00\x05')
    router = lsahdr(1, I11, I11, length=20 + len(router_body)) + router_body
    net_body = bytes([255, 255, 255, 0]) + I11 + I13
    network = lsahdr(2, I13, I13, length=20 + len(net_body)) + net_body
    sumb = bytes([255, 255, 0, 0]) + struct.pack('!I', 25)
    summary = lsahdr(3, bytes([10, 1, 0, 0]), I11, length=20 + len(sumb)) + sumb
    asbr = lsahdr(4, I14, I11, length=28) + struct.pack('!II', 0, 7)
    aseb = bytes([255, 0, 0, 0]) + struct.pack('!I', 0x80000014) + IGW + struct.pack('!I', 0x11)
    ase = lsahdr(5, bytes([10, 0, 0, 0]), I11, length=20 + len(aseb)) + aseb
    nssab = bytes([255, 255, 255, 0]) + struct.pack('!I', 0x00ffffff) + b'\0' * 8
    nssa = lsahdr(7, bytes([10, 9, 0, 0]), I11, length=20 + len(nssab)) + nssab
    group = lsahdr(6, bytes([224, 1, 1, 1]), I11, length=36) + struct.pack('!I4sI4s', 1, I11, 2, I13)
    unknown = lsahdr(12, I11, I11, length=28) + b'\x01\x02\x03\x04\x05\x06\x07\x08'
    frames = [
        m(ospf(1, hello())),
        m(ospf(1, hello([I13, I14], dr=I13, bdr=I11))),
        m(ospf(1, hello([I13], opts=0x12)[:0] + hello([I13], opts=0x12), trailer=b'')),
        m(ospf(1, hello([I13]), area=bytes([0, 0, 0, 1]), auth=1, authdata=b'secret\0\0')),
        m(ospf(1, hello([I13]), auth=2, authdata=struct.pack('!HBBI', 0, 1, 16, 0x5f000001), trailer=bytes(range(16)))),
        m(ospf(2, struct.pack('!HBBI', 1500, 0x02, 0x07, 0x1000))),
        m(ospf(2, struct.pack('!HBBI', 1500, 0x42, 0x02, 0x1001) + lsahdr(1, I11, I11, length=48)
               + lsahdr(2, I13, I13, length=32) + lsahdr(10, bytes([1, 0, 0, 7]), I11, length=28))),
        m(ospf(3, struct.pack('!I4s4s', 1, I13, I13) + struct.pack('!I4s4s', 2, I14, I13)
               + struct.pack('!I4s4s', 9, bytes([4, 0, 0, 1]), I13))),
        m(ospf(4, struct.pack('!I', 2) + router + network)),
        m(ospf(4, struct.pack('!I', 5) + summary + asbr + ase + nssa + group)),
        m(ospf(4, struct.pack('!I', 1) + unknown)),
        m(ospf(4, struct.pack('!I', 3) + router)),
        m(ospf(5, lsahdr(1, I11, I11, length=48) + lsahdr(2, I13, I13, length=32))),
        m(ospf(6, b'\0' * 8)),
        m(ospf(1, hello(), ver=3)),
        m(ospf(4, struct.pack('!I', 1) + lsahdr(1, I11, I11, length=8))),
    ]
    # an LLS block after a Hello with the L bit (RFC 5613)
    hb = hello([I13], opts=0x12)
    lls = struct.pack('!HH', 0, 3) + struct.pack('!HHI', 1, 4, 1)
    pkt = ospf(1, hb) + lls
    frames.append(m(pkt))
    case('ospf_messages', frames)
    case('ospf_hello_cut', [(m(ospf(1, hello([I13, I14], dr=I13))), n) for n in range(34, 34 + 56, 3)])


# ---------------------------------------------------------------- PIM v2
def pim_msg(t, body, sub=0, ck=True):
    b = struct.pack('!BBH', 0x20 | t, sub, 0) + body
    return b[:2] + struct.pack('!H', csum(b) if ck else 0x1234) + b[4:] if ck is not None else b


def pim_cases():
    ALLPIM = bytes([224, 0, 0, 13])
    m = lambda b: eth(bytes.fromhex('01005e00000d'), H11, 0x0800, ip(103, b, I11, ALLPIM, ttl=1, tos=0xc0))
    u = lambda b: e4(ip(103, b))
    opt = lambda t, v: struct.pack('!HH', t, len(v)) + v
    ua = lambda a: b'\x01\x00' + a
    ga = lambda a, ml=32, fl=0: b'\x01\x00' + bytes([fl, ml]) + a
    sa = lambda a, ml=32, fl=4: b'\x01\x00' + bytes([fl, ml]) + a
    G = bytes([239, 1, 2, 3])
    hello = opt(1, struct.pack('!H', 105)) + opt(2, struct.pack('!HH', 500, 2500)) + opt(19, struct.pack('!I', 1)) \
        + opt(20, struct.pack('!I', 0x1a2b3c4d)) + opt(21, b'\x01\x3c\x00\x00') + opt(22, b'') + opt(24, ua(I12)) \
        + opt(99, b'\x01\x02\x03')
    frames = [
        m(pim_msg(0, hello)),
        m(pim_msg(0, opt(1, struct.pack('!H', 0xffff)) + opt(18, b''))),
        m(pim_msg(0, opt(1, b'\x00'))),
        u(pim_msg(3, ua(I13) + struct.pack('!BBH', 0, 2, 210) + ga(G) + struct.pack('!HH', 1, 1) + sa(I14)
                  + sa(I12, fl=7) + ga(bytes([239, 9, 9, 9]), ml=24, fl=0x80) + struct.pack('!HH', 1, 0)
                  + sa(REM, fl=0x0d))),
        u(pim_msg(1, struct.pack('!I', 0) + ip(1, PING, I14, G))),
        u(pim_msg(1, struct.pack('!I', 0x40000000) + b'\0' * 20)),
        u(pim_msg(2, ga(G) + ua(I14))),
        u(pim_msg(5, ga(G) + ua(I14) + struct.pack('!II', 0x80000065, 20))),
        u(pim_msg(4, struct.pack('!HBB', 0x1234, 30, 64) + ua(I13) + ga(bytes([224, 0, 0, 0]), ml=4)
                  + struct.pack('!BBH', 1, 1, 0) + ua(I14) + struct.pack('!HBB', 150, 192, 0))),
        u(pim_msg(8, struct.pack('!BBH', 1, 192, 150) + ua(I14) + ga(bytes([224, 0, 0, 0]), ml=4))),
        u(pim_msg(9, ua(I13) + ga(G) + ua(I14) + struct.pack('!H', 60))),
        u(pim_msg(10, ua(I13) + struct.pack('!II', 10, 20), sub=0x10)),
        u(pim_msg(10, ua(I13) + struct.pack('!II', 10, 20) + ua(I14) + struct.pack('!IIH', 1, 2, 100), sub=0x30)),
        u(pim_msg(6, ua(I13) + struct.pack('!BBH', 0, 1, 0) + ga(G) + struct.pack('!HH', 0, 0))),
        u(pim_msg(7, struct.pack('!BBH', 0, 0, 0))),
        u(pim_msg(12, b'\0' * 8)),
        u(pim_msg(0, hello, ck=False)),
        u(pim_msg(0, b'')),
        u(pim_msg(3, ua(I13) + struct.pack('!BBH', 0, 1, 210) + ga(G)[:3])),
        u(struct.pack('!BBH', 0x10, 0, 0) + b'\0' * 8),
        u(pim_msg(3, bytes([2, 0]) + L13 + struct.pack('!BBH', 0, 0, 60))),
    ]
    case('pim_messages', frames)


# ---------------------------------------------------------------- SCTP
def sctp(sport, dport, chunks, vtag=0x11223344):
    return struct.pack('!HHII', sport, dport, vtag, 0) + b''.join(chunks)


def chunk(t, flags, body):
    c = struct.pack('!BBH', t, flags, 4 + len(body)) + body
    return c + b'\0' * (-len(c) % 4)


def sctp_cases():
    init = chunk(1, 0, struct.pack('!IIHHI', 0xa1b2c3d4, 106496, 10, 65535, 1000) + struct.pack('!HH', 0x000c, 6)
                 + b'\0\5\0\0' + struct.pack('!HH', 0xc000, 4))
    frames = [
        e4(ip(132, sctp(40000, 36412, [init], vtag=0))),
        e4(ip(132, sctp(36412, 40000, [chunk(2, 0, struct.pack('!IIHHI', 0x5566, 106496, 10, 10, 2000)
                                              + struct.pack('!HH', 7, 12) + b'cookie!!')]), I13, I11)),
        e4(ip(132, sctp(40000, 36412, [chunk(10, 0, b'cookie!!')]))),
        e4(ip(132, sctp(36412, 40000, [chunk(11, 0, b'')]), I13, I11)),
        e4(ip(132, sctp(40000, 36412, [chunk(0, 3, struct.pack('!IHHI', 1000, 0, 0, 18) + b'hello sctp')]))),
        e4(ip(132, sctp(40000, 36412, [chunk(0, 6, struct.pack('!IHHI', 1001, 1, 7, 46) + b'ab'),
                                       chunk(0, 0, struct.pack('!IHHI', 1002, 1, 7, 99) + b'cd'),
                                       chunk(0, 5, struct.pack('!IHHI', 1003, 1, 7, 3) + b'e')]))),
        e4(ip(132, sctp(36412, 40000, [chunk(3, 0, struct.pack('!IIHH', 1003, 106000, 2, 1) + struct.pack(
            '!HHHH', 2, 3, 5, 5) + struct.pack('!I', 999))]), I13, I11)),
        e4(ip(132, sctp(40000, 36412, [chunk(4, 0, struct.pack('!HH', 1, 12) + b'hbinfo!!')]))),
        e4(ip(132, sctp(36412, 40000, [chunk(5, 0, struct.pack('!HH', 1, 12) + b'hbinfo!!')]), I13, I11)),
        e4(ip(132, sctp(40000, 36412, [chunk(6, 1, struct.pack('!HH', 1, 8) + b'\0\0\0\1')]))),
        e4(ip(132, sctp(40000, 36412, [chunk(7, 0, struct.pack('!I', 1003))]))),
        e4(ip(132, sctp(36412, 40000, [chunk(8, 0, b'')]), I13, I11)),
        e4(ip(132, sctp(40000, 36412, [chunk(14, 0, b'')]))),
        e4(ip(132, sctp(40000, 36412, [chunk(0x80, 0, b'xyz'), chunk(0xc0, 0, struct.pack('!I', 5))]))),
        e4(ip(132, sctp(40000, 36412, [chunk(0, 0, struct.pack('!IHH', 1, 0, 0))]))),
        e4(ip(132, sctp(40000, 36412, [chunk(0, 3, struct.pack('!IHHI', 1, 0, 0, 0))]))),
        e4(ip(132, sctp(40000, 36412, [struct.pack('!BBH', 0, 0, 2)]))),
        e4(ip(132, sctp(40000, 36412, [b'\x01\x00']))),
        e4(ip(132, sctp(40000, 36412, [struct.pack('!BBH', 1, 0, 200) + b'\0' * 16]))),
        e6(ip6(132, sctp(40000, 36412, [init], vtag=0), G11, G13)),
        e4(ip(132, sctp(40000, 36412, [])[:10])),
    ]
    case('sctp_chunks', frames)
    # ForCES's ports and PPIDs hand DATA to print-forces.c
    case('sctp_forces', [e4(ip(132, sctp(6704, 6705, [chunk(0, 3, struct.pack('!IHHI', 7, 0, 0, 21)
                                                              + b'\x10\x01\x00\x01')])))])
    full = e4(ip(132, sctp(40000, 36412, [init], vtag=0)))
    case('sctp_init_cut', [(full, n) for n in range(34, len(full) + 1, 2)])


# ---------------------------------------------------------------- EGP, IGRP
def egp(t, code, status, seq, handg, pands, rest=b'', ver=2):
    b = struct.pack('!BBBBHHH', ver, t, code, status, 0, 65001, seq) + handg + pands + rest
    return b[:4] + struct.pack('!H', csum(b)) + b[6:]


def egp_igrp_cases():
    frames = [
        e4(ip(8, egp(3, 0, 1, 1, struct.pack('!H', 30), struct.pack('!H', 120) + b'\0\0'))),
        e4(ip(8, egp(3, 1, 2, 1, struct.pack('!H', 30), struct.pack('!H', 120) + b'\0\0'))),
        e4(ip(8, egp(3, 3, 5, 2, b'\0\0', b'\0' * 4))),
        e4(ip(8, egp(3, 9, 0, 2, b'\0\0', b'\0' * 4))),
        e4(ip(8, egp(5, 0, 1, 3, b'\0\0', b'\0' * 4))),
        e4(ip(8, egp(5, 1, 7, 3, b'\0\0', b'\0' * 4))),
        e4(ip(8, egp(2, 0, 1, 4, b'\0\0', bytes([10, 0, 0, 0])))),
        e4(ip(8, egp(1, 0, 0x81, 4, bytes([1, 1]), bytes([10, 0, 0, 0]),
                     bytes([0, 0, 1]) + bytes([1, 2]) + bytes([10]) + bytes([128, 1]) + bytes([2, 1]) + bytes(
                         [192, 168, 5])
                     + bytes([0, 0, 2]) + bytes([0, 1]) + bytes([11])))),
        e4(ip(8, egp(1, 0, 1, 4, bytes([1, 0]), bytes([128, 5, 0, 0]), bytes([0, 9, 1, 3, 1, 10])))),
        e4(ip(8, egp(1, 0, 1, 4, bytes([1, 0]), bytes([192, 168, 1, 0]), bytes([9, 1, 3])))),
        e4(ip(8, egp(8, 0, 2, 5, struct.pack('!H', 3), b'\0' * 4))),
        e4(ip(8, egp(8, 0, 9, 5, struct.pack('!H', 30), b'\0' * 4))),
        e4(ip(8, egp(7, 0, 0, 5, b'\0\0', b'\0' * 4))),
        e4(ip(8, egp(3, 0, 0, 1, b'\0\0', b'\0' * 4, ver=3))),
        e4(ip(8, egp(3, 0, 0, 1, b'\0\0', b'\0' * 4)[:12])),
    ]
    case('egp_messages', frames)
    rte = lambda net, d, bw, mtu, rel, ld, hops: (net + struct.pack('!I', d)[1:] + struct.pack('!I', bw)[1:]
                                                   + struct.pack('!HBBB', mtu, rel, ld, hops))
    hdr = lambda op, ed, asn, ni, ns, nx: struct.pack('!BBHHHHH', 0x10 | op, ed, asn, ni, ns, nx, 0)
    upd = hdr(1, 5, 100, 1, 1, 1) + rte(bytes([28, 0, 1]), 2000, 10000, 1500, 255, 1, 0) + rte(
        bytes([10, 1, 0]), 100, 0, 1500, 255, 1, 1) + rte(bytes([192, 168, 7]), 0xffffff, 1, 576, 200, 3, 4)
    frames = [
        e4(ip(9, hdr(2, 0, 100, 0, 0, 0))),
        e4(ip(9, upd)),
        e4(ip(9, upd + b'\0' * 14)),
        e4(ip(9, hdr(1, 5, 100, 2, 0, 0) + rte(bytes([28, 0, 1]), 1, 1, 1500, 1, 1, 1))),
        e4(ip(9, hdr(7, 0, 1, 0, 0, 0) + b'\1\2\3')),
        e4(ip(9, upd[:30])),
    ]
    case('igrp_messages', frames)


# ---------------------------------------------------------------- ISAKMP, ESP in UDP
def isakmp(icookie, rcookie, np, ver, etype, flags, msgid, payloads):
    return struct.pack('!8s8sBBBBII', icookie, rcookie, np, ver, etype, flags, msgid, 28 + len(payloads)) + payloads


def gen(np, body):
    return struct.pack('!BBH', np, 0, 4 + len(body)) + body


def isakmp_cases():
    ic, rc = bytes.fromhex('1122334455667788'), bytes.fromhex('99aabbccddeeff00')
    sa1 = gen(13, struct.pack('!II', 1, 1) + gen(0, struct.pack('!BBBB', 1, 1, 0, 1) + gen(0, b'\x01\x01\0\0')))
    v2sa = gen(34, gen(0, struct.pack('!BBBB', 1, 1, 0, 1) + gen(0, b'\x01\0\0\x0c')))
    frames = [
        e4(ipudp(500, 500, isakmp(ic, b'\0' * 8, 1, 0x10, 2, 0, 0, sa1 + gen(0, b'vendor-id-bytes!')))),
        e4(ipudp(500, 500, isakmp(ic, rc, 1, 0x10, 2, 0, 0, sa1 + gen(0, b'vendor-id-bytes!')), I13, I11),
           H11, H13),
        e4(ipudp(500, 500, isakmp(ic, rc, 4, 0x10, 2, 0, 0, gen(10, b'\x42' * 32) + gen(0, b'\x07' * 16)))),
        e4(ipudp(500, 500, isakmp(ic, rc, 5, 0x10, 2, 1, 0, b'\x33' * 40))),
        e4(ipudp(500, 500, isakmp(ic, rc, 8, 0x10, 32, 3, 0x12345678, b'\x44' * 40), I13, I11), H11, H13),
        e4(ipudp(500, 500, isakmp(ic, rc, 11, 0x10, 5, 0, 0x0badcafe, gen(0, struct.pack('!IBBH', 1, 1, 16, 24)
                                                                             + ic + rc)), I14, I11)),
        e4(ipudp(500, 500, isakmp(bytes(8), b'\0' * 8, 33, 0x20, 34, 0x08, 0,
                                  v2sa + gen(0, b'\0\x13\0\0' + b'\x55' * 32)))),
        e4(ipudp(500, 500, isakmp(ic, rc, 33, 0x20, 34, 0x20, 0, v2sa), I13, I11), H11, H13),
        e4(ipudp(500, 500, isakmp(ic, rc, 46, 0x20, 35, 0x08, 1, gen(0, b'\x66' * 48)))),
        e4(ipudp(500, 500, isakmp(ic, rc, 46, 0x20, 37, 0x28, 7, gen(0, b'\x66' * 32)), I13, I11), H11, H13),
        e4(ipudp(500, 500, isakmp(ic, rc, 0, 0x30, 99, 0xc0, 2, b''))),
        e4(ipudp(500, 500, isakmp(ic, rc, 1, 0x10, 2, 0, 0, b'')[:20])),
        e4(ipudp(4500, 4500, b'\xff')),
        e4(ipudp(4500, 4500, b'\0\0\0\0' + isakmp(ic, rc, 46, 0x20, 35, 0x08, 1, gen(0, b'\x66' * 20)))),
        e4(ipudp(4500, 4500, struct.pack('!II', 0xc0ffee, 3) + bytes(36))),
        e4(ipudp(4500, 4500, b'\0\1')),
        e4(ipudp(7500, 500, isakmp(ic, rc, 0, 0x10, 4, 0, 0, b''))),
        e4(ipudp(40000, 8500, isakmp(ic, rc, 0, 0x10, 4, 0, 0, b''))),
    ]
    case('isakmp_exchanges', frames)


# ---------------------------------------------------------------- RIPng, RADIUS, BFD, SIP, OTV
def rte6(prefix, tag, plen, metric):
    return prefix + struct.pack('!HBB', tag, plen, metric)


def ripng_cases():
    P1 = bytes.fromhex('20010db8000100000000000000000000')
    P2 = bytes.fromhex('20010db8000200000000000000000000')
    m = lambda b: eth(bytes.fromhex('333300000009'), H11, 0x86dd, ip6(17, udp(521, 521, b, L11, bytes.fromhex(
        'ff020000000000000000000000000009')), L11, bytes.fromhex('ff020000000000000000000000000009'), hlim=255))
    frames = [
        m(struct.pack('!BBH', 1, 1, 0) + rte6(b'\0' * 16, 0, 0, 16)),
        m(struct.pack('!BBH', 1, 1, 0) + rte6(P1, 0, 48, 1) + rte6(P2, 5, 64, 0)),
        m(struct.pack('!BBH', 2, 1, 0) + rte6(P1, 0, 48, 1) + rte6(P2, 100, 64, 3) + rte6(
            b'\0' * 16, 0, 0, 16) + rte6(bytes.fromhex('fe800000000000000000000000000000'), 0, 0, 0xff)),
        m(struct.pack('!BBH', 2, 1, 0) + rte6(P1, 0, 48, 1) + b'\1\2\3'),
        m(struct.pack('!BBH', 2, 2, 0)),
        m(struct.pack('!BBH', 3, 1, 0) + rte6(P1, 0, 48, 1)),
        m(struct.pack('!BBH', 2, 1, 0)),
        m(struct.pack('!BBH', 1, 1, 0)[:3]),
        e4(ipudp(521, 521, struct.pack('!BBH', 2, 1, 0) + rte6(P1, 0, 48, 1))),
    ]
    case('ripng_messages', frames)


def radius_cases():
    attr = lambda t, v: struct.pack('!BB', t, 2 + len(v)) + v
    auth = bytes(range(0x20, 0x30))
    req = struct.pack('!BBH', 1, 0x2a, 0) + auth + attr(1, b'alice') + attr(2, bytes(16)) + attr(4, I13) + attr(
        5, struct.pack('!I', 7)) + attr(6, struct.pack('!I', 2)) + attr(7, struct.pack('!I', 1)) + attr(
        31, b'02-42-AC-1C-00-0B') + attr(61, struct.pack('!I', 15)) + attr(80, bytes(16)) + attr(
        87, b'eth0') + attr(30, b'ap1:corp')
    req = req[:2] + struct.pack('!H', len(req)) + req[4:]
    acc = struct.pack('!BBH', 2, 0x2a, 0) + auth + attr(8, I12) + attr(9, bytes([255, 255, 255, 0])) + attr(
        27, struct.pack('!I', 3600)) + attr(28, struct.pack('!I', 59)) + attr(25, b'class-A') + attr(
        18, b'Welcome\nhome') + attr(64, struct.pack('!I', 0x0100000d)) + attr(
        65, struct.pack('!I', 0x01000006)) + attr(
        81, b'\x01vlan10') + attr(29, struct.pack('!I', 1)) + attr(8, b'\xff\xff\xff\xfe')
    acc = acc[:2] + struct.pack('!H', len(acc)) + acc[4:]
    acct = struct.pack('!BBH', 4, 0x07, 0) + auth + attr(40, struct.pack('!I', 1)) + attr(44, b'00000001') + attr(
        55, struct.pack('!I', 1700000000)) + attr(46, struct.pack('!I', 3725)) + attr(
        42, struct.pack('!I', 12345)) + attr(
        49, struct.pack('!I', 1)) + attr(45, struct.pack('!I', 1)) + attr(41, struct.pack('!I', 600)) + attr(
        95, G11) + attr(97, b'\0\x40' + G11[:8]) + attr(123, b'\0\x38' + G11[:7]) + attr(200, b'xx')
    acct = acct[:2] + struct.pack('!H', len(acct)) + acct[4:]
    vsa = struct.pack('!BBH', 2, 1, 0) + auth + attr(26, struct.pack('!I', 9) + struct.pack('!BB', 1, 12)
                                                     + b'shell:p=15') + attr(26, struct.pack('!I', 311) + b'\x10\x04ab')
    vsa = vsa[:2] + struct.pack('!H', len(vsa)) + vsa[4:]
    bogus = struct.pack('!BBH', 3, 1, 30) + auth + attr(1, b'x') + b'\x12\x01\x00\x00' + b'\0' * 2
    frames = [
        e4(ipudp(40000, 1812, req)),
        e4(ipudp(1812, 40000, acc, I13, I11), H11, H13),
        e4(ipudp(40001, 1813, acct)),
        e4(ipudp(1812, 40000, vsa, I13, I11), H11, H13),
        e4(ipudp(1645, 40000, bogus, I13, I11), H11, H13),
        e4(ipudp(40000, 3799, struct.pack('!BBH', 43, 9, 26) + auth + attr(1, b'bob') + b'\0')),
        e4(ipudp(40000, 1700, struct.pack('!BBH', 99, 9, 20) + auth)),
        e4(ipudp(40000, 1646, struct.pack('!BBH', 5, 9, 19) + auth)),
        e4(ipudp(40000, 1812, struct.pack('!BBH', 1, 9, 200) + auth + attr(1, b'carol'))),
        e4(ipudp(40000, 1812, struct.pack('!BBH', 1, 9, 40) + auth[:10])),
        e4(ipudp(40000, 1812, struct.pack('!BBH', 1, 9, 28) + auth + attr(5, b'\0\0\1') + attr(4, b'\1\2\3'))),
    ]
    case('radius_messages', frames)


def bfd_cases():
    ctl = lambda state, flags, diag=0, ver=1, mult=3, my=1, your=0, tx=1000000, rx=1000000, echo=0, auth=b'': (
        struct.pack('!BBBBIIIII', (ver << 5) | diag, (state << 6) | flags, mult, 24 + len(auth), my, your, tx, rx,
                    echo) + auth)
    frames = [
        e4(ipudp(49152, 3784, ctl(1, 0), ttl=255)),
        e4(ipudp(49152, 3784, ctl(3, 0x08, my=0x11, your=0x22, tx=300000, rx=300000), ttl=255)),
        e4(ipudp(49153, 3784, ctl(2, 0x20, diag=1), ttl=255)),
        e4(ipudp(49152, 3784, ctl(3, 0x10, diag=3), ttl=255)),
        e4(ipudp(49152, 4784, ctl(0, 0x03, diag=7, mult=5), ttl=250)),
        e4(ipudp(49152, 6784, ctl(3, 0, diag=20), ttl=255)),
        e4(ipudp(49152, 3784, ctl(3, 0x04, auth=b'\x01\x08\x05secret'[:8]), ttl=255)),
        e4(ipudp(49152, 3784, ctl(3, 0x04, auth=struct.pack('!BBBBI', 2, 24, 1, 0, 77) + bytes(range(16))), ttl=255)),
        e4(ipudp(49152, 3784, ctl(3, 0x04, auth=struct.pack('!BBBBI', 4, 28, 2, 0, 78) + bytes(range(20))), ttl=255)),
        e4(ipudp(49152, 3784, ctl(3, 0x04, auth=struct.pack('!BBBB', 1, 30, 1, 65)), ttl=255)),
        e4(ipudp(49152, 3784, ctl(0, 0xc4, ver=0, auth=struct.pack('!BBBB', 9, 4, 1, 0)), ttl=255)),
        e4(ipudp(49152, 3784, ctl(1, 0, ver=2), ttl=255)),
        e4(ipudp(3785, 3785, b'echo-payload-1234', ttl=255)),
        e4(ipudp(49152, 3784, ctl(1, 0)[:20], ttl=255)),
        e4(ipudp(3784, 40000, ctl(1, 0), ttl=255)),
    ]
    case('bfd_packets', frames)


def sip_otv_cases():
    inv = (b'INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 172.28.0.11:5060;branch=z9hG4bK776\r\n'
           b'From: <sip:alice@example.com>;tag=1928\r\nTo: <sip:bob@example.com>\r\nCall-ID: a84b4c76e66710\r\n'
           b'CSeq: 314159 INVITE\r\nContent-Length: 0\r\n\r\n')
    ok = b'SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 172.28.0.11:5060\r\nCSeq: 314159 INVITE\r\nContent-Length: 0\r\n\r\n'
    frames = [
        e4(ipudp(5060, 5060, inv)),
        e4(ipudp(5060, 5060, ok, I13, I11), H11, H13),
        e4(ipudp(5060, 5060, b'register sip:example.com SIP/2.0\nMax-Forwards: 70\n')),
        e4(ipudp(5060, 5060, b'SIP/2.0 180 Ringing\r\n')),
        e4(ipudp(5060, 5060, b'HELLO world\r\n')),
        e4(ipudp(5060, 5060, b'OPTIONS sip:x SIP/2.0\r\nBad\x01line\r\n')),
        e4(ipudp(5060, 5060, b'BYE sip:x SIP/2.0\r\nNo-end-of-line')),
        e4(ipudp(5060, 5060, b'ACK\tsip:x SIP/2.0\rX\n')),
        e4(ipudp(5060, 5060, b'\r\n\r\n')),
        e4(ipudp(40000, 5060, b'SIP/2.0 4044 Too long\r\n')),
    ]
    case('sip_messages', frames)
    arp = eth(BC, H12, 0x0806, struct.pack('!HHBBH', 1, 0x0800, 6, 4, 1) + H12 + I12 + b'\0' * 6 + I14, pad=False)
    icmpf = eth(H14, H12, 0x0800, ip(1, PING, I12, I14), pad=False)
    otv = lambda flags, vni, inner: struct.pack('!BBBB', flags, 0, 0, 0) + struct.pack('!I', vni << 8) + inner
    frames = [
        e4(ipudp(51000, 8472, otv(0x08, 42, arp))),
        e4(ipudp(51001, 8472, otv(0x08, 42, icmpf))),
        e4(ipudp(51002, 8472, struct.pack('!II', 0x08000100, 0x00030000) + icmpf)),
        e4(ipudp(51003, 8472, otv(0x00, 1, arp[:20]))),
        e4(ipudp(51004, 8472, otv(0x08, 5, b''))),
        e4(ipudp(51005, 8472, b'\x08\0\0')),
    ]
    case('otv_linux_vxlan', frames)


# ---------------------------------------------------------------- TCP, IPv6/ICMPv6, VLAN, lengths, cuts
def tcp_cases():
    syn_opts = b'\x02\x04\x05\xb4\x04\x02\x08\x0a\x00\x01\x02\x03\x00\x00\x00\x00\x01\x03\x03\x07'
    frames = [
        e4(ip(6, tcp(43210, 80, 1000, 0, 0x02, opts=syn_opts), flags=2)),
        e4(ip(6, tcp(80, 43210, 5000, 1001, 0x12, opts=b'\x02\x04\x05\xb4\x01\x01\x04\x02\x01\x03\x03\x07',
                     src=I13, dst=I11), I13, I11, flags=2), H11, H13),
        e4(ip(6, tcp(43210, 80, 1001, 5001, 0x10, win=502), flags=2)),
        e4(ip(6, tcp(43210, 80, 1001, 5001, 0x18, b'GET / HTTP/1.1\r\nHost: x\r\n\r\n', win=502), flags=2)),
        e4(ip(6, tcp(80, 43210, 5001, 1029, 0x18, b'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi', src=I13,
                     dst=I11), I13, I11, flags=2), H11, H13),
        e4(ip(6, tcp(43210, 80, 1029, 5041, 0x11, win=502), flags=2)),
        e4(ip(6, tcp(80, 43210, 5041, 1030, 0x11, src=I13, dst=I11), I13, I11, flags=2), H11, H13),
        e4(ip(6, tcp(43210, 80, 1030, 5042, 0x10), flags=2)),
        e4(ip(6, tcp(43211, 23, 77, 0, 0x04, win=0))),
        e4(ip(6, tcp(43212, 22, 1, 2, 0x14, ck=0x1234))),
        e4(ip(6, tcp(43213, 22, 1, 2, 0x38, b'!', urg=1))),
        e4(ip(6, tcp(43214, 22, 1, 2, 0xc2, opts=b'\x05\x0a\x00\x00\x00\x10\x00\x00\x00\x20\x01\x01'))),
        e4(ip(6, tcp(43215, 22, 1, 2, 0x02, opts=b'\x02\x03\x05\x00'))),
        e4(ip(6, tcp(43217, 22, 1, 2, 0x00))),
        e4(ip(6, tcp(43218, 22, 1, 2, 0x02)[:12])),
        e4(ip(6, struct.pack('!HHIIBBHHH', 43219, 22, 1, 2, 0x40, 0x02, 100, 0, 0))),
        e6(ip6(6, tcp(43220, 443, 9, 0, 0x02, opts=syn_opts, src=G11, dst=G13), G11, G13)),
    ]
    case('tcp_headers', frames)
    # an MPTCP option (print-mptcp.c) then an MD5 signature
    mp = lambda sub, body: bytes([30, 3 + len(body), sub]) + body
    key = bytes.fromhex('0123456789abcdef')
    opts = [(0x02, b'\x1e\x06\x00\x01\x02\x03\x13\x12' + bytes(16) + b'\x00\x00'),
            (0x02, mp(0x01, b'\x81' + key)), (0x10, mp(0x01, b'\x01' + key + key[::-1])),
            (0x02, mp(0x00, b'\x00')), (0x10, mp(0x02, b'\x00')),
            (0x02, mp(0x10, b'\x02' + struct.pack('!II', 0xabcdef, 0x1234))),
            (0x12, mp(0x11, b'\x02' + key + struct.pack('!I', 77))),
            (0x10, mp(0x10, b'\x00' + bytes(range(20)))),
            (0x10, mp(0x20, b'\x15' + struct.pack('!QIIHH', 10 ** 12, 99, 5, 100, 0xbeef))),
            (0x10, mp(0x20, b'\x05' + struct.pack('!IIIH', 500, 7, 1, 10))),
            (0x10, mp(0x20, b'\x01' + struct.pack('!I', 42))),
            (0x10, mp(0x20, b'\x03' + struct.pack('!I', 42))),
            (0x10, mp(0x30, b'\x03' + I14 + b'\x1f\x90')), (0x10, mp(0x31, b'\x04' + I14 + key)),
            (0x10, mp(0x30, b'\x05' + G13)), (0x10, mp(0x40, b'\x01\x02\x03')),
            (0x10, mp(0x51, b'\x07')), (0x10, mp(0x50, b'')),
            (0x10, mp(0x60, b'\x00' + key)), (0x10, mp(0x70, b'\x00' + key)), (0x10, mp(0x90, b'\x00')),
            (0x10, mp(0x70, b'\x00' + key[:4]))]
    frames = []
    for fl, o in opts:
        o += b'\x01' * (-len(o) % 4)
        frames.append(e4(ip(6, tcp(43216, 22, 1, 2, fl, opts=o))))
    case('tcp_mptcp_option', frames)


def ipv6_cases():
    mac_opt = lambda t, mac: struct.pack('!BB', t, 1) + mac
    pref = struct.pack('!BBBBIII', 3, 4, 64, 0xc0, 86400, 14400, 0) + G11[:8] + b'\0' * 8
    mtu = struct.pack('!BBHI', 5, 1, 0, 1500)
    rdnss = struct.pack('!BBHI', 25, 3, 0, 600) + G13
    frames = [
        e6(ip6(58, icmp6(133, 0, b'\0' * 4 + mac_opt(1, H11), L11, ALLR), L11, ALLR, hlim=255), bytes.fromhex(
            '333300000002')),
        e6(ip6(58, icmp6(134, 0, struct.pack('!BBHII', 64, 0x80, 1800, 0, 0) + mac_opt(1, GW) + mtu + pref + rdnss,
                         L13, ALLN), L13, ALLN, hlim=255), bytes.fromhex('333300000001'), GW),
        e6(ip6(58, icmp6(135, 0, b'\0' * 4 + G13 + mac_opt(1, H11), G11, bytes.fromhex(
            'ff0200000000000000000001ff000013')), G11, bytes.fromhex('ff0200000000000000000001ff000013'), hlim=255)),
        e6(ip6(58, icmp6(136, 0, struct.pack('!I', 0x60000000) + G13 + mac_opt(2, H13), G13, G11), G13, G11,
               hlim=255), H11, H13),
        e6(ip6(58, icmp6(137, 0, b'\0' * 4 + G13 + L13 + mac_opt(2, H13), L11, L13), L11, L13, hlim=255)),
        e6(ip6(58, icmp6(128, 0, struct.pack('!HH', 0x77, 1) + b'ping6data', G11, G13), G11, G13)),
        e6(ip6(58, icmp6(129, 0, struct.pack('!HH', 0x77, 1) + b'ping6data', G13, G11), G13, G11), H11, H13),
        e6(ip6(58, icmp6(1, 4, b'\0' * 4 + ip6(17, udp(40000, 33434, b'x' * 8, G11, G13), G11, G13), G13, G11), G13,
               G11), H11, H13),
        e6(ip6(58, icmp6(2, 0, struct.pack('!I', 1280) + ip6(58, b'\x80\0\0\0' * 4, G11, G13), G13, G11), G13, G11),
           H11, H13),
        e6(ip6(58, icmp6(3, 0, b'\0' * 4 + ip6(17, udp(40000, 33434, b'', G11, G13), G11, G13, hlim=1), G13, G11),
               G13, G11), H11, H13),
        e6(ip6(58, icmp6(143, 0, struct.pack('!HH', 0, 1) + struct.pack('!BBH', 4, 0, 0) + bytes.fromhex(
            'ff0200000000000000000001ff000013'), L11, bytes.fromhex('ff020000000000000000000000000016')), L11,
               bytes.fromhex('ff020000000000000000000000000016'), hlim=1)),
        e6(ip6(0, b'\x3a\x00\x05\x02\x00\x00\x01\x00' + icmp6(143, 0, struct.pack('!HH', 0, 0), L11, ALLN), L11, ALLN,
               hlim=1)),
        e6(ip6(44, struct.pack('!BBHI', 17, 0, 1, 0xabcd) + udp(40000, 53, b'\0' * 24, G11, G13)[:24], G11, G13)),
        e6(ip6(44, struct.pack('!BBHI', 17, 0, 24, 0xabcd) + b'\0' * 16, G11, G13)),
        e6(ip6(60, b'\x3b\x00\x01\x04\x00\x00\x00\x00', G11, G13)),
        e6(ip6(43, b'\x3a\x02\x00\x01\x00\x00\x00\x00' + G13 + icmp6(128, 0, b'\0\1\0\1', G11, G13), G11, G13)),
        e6(ip6(59, b'', G11, G13)),
        e6(ip6(58, icmp6(200, 0, b'\1\2\3\4', G11, G13), G11, G13)),
        e6(ip6(17, udp(546, 547, b'\x01\x00\x12\x34', L11, bytes.fromhex('ff020000000000000000000000010002')), L11,
               bytes.fromhex('ff020000000000000000000000010002'))),
    ]
    case('ipv6_icmpv6_nd', frames)


def vlan_cases():
    arpreq = struct.pack('!HHBBH', 1, 0x0800, 6, 4, 1) + H11 + I11 + b'\0' * 6 + I13
    tag = lambda tpid, tci, etype: struct.pack('!HH', tci, etype)
    frames = [
        eth(BC, H11, 0x8100, tag(0, (3 << 13) | 100, 0x0806) + arpreq),
        eth(BC, H11, 0x88a8, tag(0, 200, 0x8100) + tag(0, (1 << 12) | 10, 0x0806) + arpreq),
        eth(H13, H11, 0x8100, tag(0, 20, 0x0800) + ip(1, PING)),
        eth(H13, H11, 0x88a8, tag(0, 300, 0x8100) + tag(0, 30, 0x0800)
            + ip(17, udp(40000, 53, b'\x12\x34\x01\0\0\1\0\0\0\0\0\0\x01a\0\0\1\0\1'))),
        eth(H13, H11, 0x8100, tag(0, 40, 0x86dd) + ip6(58, icmp6(135, 0, b'\0' * 4 + L13 + b'\x01\x01' + H11, L11, L13),
                                                        L11, L13, hlim=255)),
        eth(BC, H11, 0x9100, tag(0, 7, 0x8100) + tag(0, 8, 0x0806) + arpreq),
        eth(BC, H11, 0x8100, tag(0, 50, 0x0026) + b'\x42\x42\x03' + b'\0\0\0\0\0' + b'\0' * 30),
        eth(BC, H11, 0x8100, tag(0, 60, 0x0800) + ip(1, PING)[:10], pad=False),
        eth(BC, H11, 0x8100, b'\x00', pad=False),
        eth(BC, H11, 0x88a8, tag(0, 300, 0x8100) + b'\0\x1e', pad=False),
        eth(BC, H11, 0x8100, tag(0, 4095, 0x8035) + struct.pack('!HHBBH', 1, 0x0800, 6, 4, 3) + H11 + b'\0' * 4
            + H11 + b'\0' * 4),
        eth(H13, H11, 0x8100, tag(0, 0, 0x0800) + ip(47, struct.pack('!HH', 0, 0x0800) + ip(1, PING, REM, I14))),
    ]
    case('vlan_qinq_payloads', frames)


def length_cases():
    arpreq = struct.pack('!HHBBH', 1, 0x0800, 6, 4, 1) + H11 + I11 + b'\0' * 6 + I13
    frames = [
        eth(BC, H11, 0x0806, b'', pad=False),
        eth(BC, H11, 0x0806, arpreq[:1], pad=False),
        eth(BC, H11, 0x0806, arpreq + b'\xde\xad\xbe\xef' * 8, pad=False),
        eth(BC, H11, 0x0806, arpreq + b'\x01' * 18, pad=False),
        eth(H13, H11, 0x0800, ip(1, PING) + b'\x00' * 3, pad=False),
        eth(H13, H11, 0x0800, ip(17, udp(40000, 50000, bytes(1472))), pad=False),
        eth(H13, H11, 0x0800, ip(17, udp(40000, 50000, bytes(8972))), pad=False),
        eth(BC, H11, 1500, b'\xe0\xe0\x03' + bytes(1497), pad=False),
        eth(BC, H11, 1501, b'\xe0\xe0\x03' + bytes(20)),
        eth(BC, H11, 1535, b'\xe0\xe0\x03' + bytes(20)),
        eth(BC, H11, 1536, bytes(46)),
        eth(BC, H11, 0, b'\xaa\xaa\x03' + bytes(43)),
        eth(BC, H11, 3, b'\x42\x42\x03' + bytes(43)),
        BC[:5],
        BC + H11,
        BC + H11 + b'\x08',
    ]
    case('ethernet_odd_lengths', frames)


def cut_cases():
    syn = e4(ip(6, tcp(43210, 80, 1000, 0, 0x02, opts=b'\x02\x04\x05\xb4\x04\x02\x08\x0a\x00\x01\x02\x03\0\0\0\0'
                                                        b'\x01\x03\x03\x07'), flags=2))
    case('cut_tcp_syn_each_byte', [(syn, n) for n in range(0, len(syn) + 1)])
    ns = eth(H13, H11, 0x8100, struct.pack('!HH', 40, 0x86dd) + ip6(58, icmp6(135, 0, b'\0' * 4 + L13 + b'\x01\x01'
                                                                             + H11, L11, L13), L11, L13, hlim=255))
    case('cut_vlan_ipv6_ns_each_byte', [(ns, n) for n in range(0, len(ns) + 1)])
    otvf = e4(ipudp(51001, 8472, struct.pack('!II', 0x08000000, 42 << 8) + eth(
        H14, H12, 0x0800, ip(1, PING, I12, I14), pad=False)))
    case('cut_otv_inner_each_byte', [(otvf, n) for n in range(40, len(otvf) + 1, 2)])
    rad = e4(ipudp(40000, 1812, struct.pack('!BBH', 1, 1, 44) + bytes(16) + b'\x01\x07alice\x04\x06' + I13
                   + b'\x05\x06\0\0\0\7'))
    case('cut_radius_each_byte', [(rad, n) for n in range(42, len(rad) + 1)])
    bfd = e4(ipudp(49152, 3784, struct.pack('!BBBBIIIII', 0x20, 0xc4, 3, 48, 1, 2, 1000000, 1000000, 0)
                   + struct.pack('!BBBBI', 2, 24, 1, 0, 77) + bytes(range(16)), ttl=255))
    case('cut_bfd_each_byte', [(bfd, n) for n in range(42, len(bfd) + 1)])
    pim = eth(bytes.fromhex('01005e00000d'), H11, 0x0800, ip(103, pim_msg(3, b'\x01\x00' + I13 + struct.pack(
        '!BBH', 0, 1, 210) + b'\x01\x00\x00\x20' + bytes([239, 1, 2, 3]) + struct.pack('!HH', 1, 0)
        + b'\x01\x00\x04\x20' + I14), I11, bytes([224, 0, 0, 13]), ttl=1))
    case('cut_pim_join_each_byte', [(pim, n) for n in range(34, len(pim) + 1)])


def random_cases():
    """Frames of the protocols above with seeded random bodies (random.Random(34014)), lengths and capture cuts: what
    no hand-made case thought of. AH's next header is drawn from the protocols this round covers."""
    import random
    r = random.Random(34014)
    protos = [47, 50, 51, 89, 103, 132, 8, 9]
    ports = [500, 4500, 7500, 521, 1812, 1813, 3799, 3784, 3785, 4784, 5060, 8472, 49152]
    frames = []
    for i in range(1500):
        pay = bytearray(r.getrandbits(8) for _ in range(r.randrange(120)))
        v6 = r.randrange(5) == 0
        src, dst = (G11, G13) if v6 else (I11, I13)
        if r.randrange(2):
            proto = r.choice(protos)
            if pay and r.randrange(3) == 0:
                pay[0] = (r.randrange(8) << 4) | r.randrange(16)
            if proto == 51 and pay:
                pay[0] = r.choice([1, 6, 17, 47, 50, 59] + protos)
            l4 = bytes(pay)
        else:
            proto = 17
            port = r.choice(ports)
            sp, dp = port, 40000 + r.randrange(100)
            if r.randrange(2):
                sp, dp = dp, sp
            ul = r.randrange(200) if r.randrange(10) == 0 else 8 + len(pay)
            l4 = struct.pack('!HHHH', sp, dp, ul, 0) + bytes(pay)
        if v6:
            pkt = ip6(proto, l4, src, dst)
            f = eth(H13, H11, 0x86dd, pkt, pad=False)
        else:
            pkt = ip(proto, l4, src, dst)
            if r.randrange(10) == 0:
                tl = r.randrange(300)
                pkt = pkt[:2] + struct.pack('!H', tl) + pkt[4:10] + b'\0\0' + pkt[12:]
                pkt = pkt[:10] + struct.pack('!H', csum(pkt[:20])) + pkt[12:]
            f = eth(H13, H11, 0x0800, pkt, pad=False)
        cap = r.randrange(len(f) + 1) if r.randrange(4) == 0 else len(f)
        frames.append((f, max(cap, 14)))
    case('random_protocols', frames)


gre_cases()
esp_ah_cases()
ospf_cases()
pim_cases()
sctp_cases()
egp_igrp_cases()
isakmp_cases()
ripng_cases()
radius_cases()
bfd_cases()
sip_otv_cases()
tcp_cases()
ipv6_cases()
vlan_cases()
length_cases()
cut_cases()
random_cases()
write_all(OUT)
