#!/usr/bin/env python3
"""Writes the third held-out round's cases (refdata/tcpdump/heldout15/<case>/<case>.pcap) in the public corpus's
style: classic pcap, microsecond stamps from 1700000000.000000 one 1.012345 s apart, LINKTYPE_ETHERNET, the corpus's
hosts; bytes built by hand (no scapy, no randomness). Kinds the corpora touch little (grep first): ISAKMP payloads
(IKEv1 and IKEv2 SA, KE, nonce, ID, hash, notify, delete, vendor ID), EIGRP, OSPFv3 bodies, PPPoE discovery and
sessions with LCP, IPCP, IPv6CP, PAP and CHAP, DNS over TCP, SNMP v1/v2c/v3, TFTP transfers, NetBIOS name and
datagram services, NTP control and private modes, DHCP with relay-agent and vendor options, IPX in its four
framings, Kerberos; ARP variants (odd hardware/protocol types and lengths, in VLAN/QinQ, RARP/InARP, cut at each
byte and at snaplens), IPv6 extension headers, ICMPv6/ND with options, odd Ethernet lengths. record-heldout.sh 15
prints them with the real tools. Usage: gen-heldout15.py OUTDIR"""
import struct, sys

from heldout_frames import case, csum, eth, write_all

OUT = sys.argv[1] if len(sys.argv) > 1 else 'src/test/resources/refdata/tcpdump/heldout15'

GW, H11, H12, H13, H14 = (bytes.fromhex('0242ac1c00' + x) for x in ('01', '0b', '0c', '0d', '0e'))
BC = b'\xff' * 6
IGW, I11, I12, I13, I14 = (bytes([172, 28, 0, x]) for x in (1, 11, 12, 13, 14))
REM = bytes([10, 1, 2, 3])
Z4 = b'\0' * 4
L11 = bytes.fromhex('fe800000000000000042acfffe1c000b')
L13 = bytes.fromhex('fe800000000000000042acfffe1c000d')
G11 = bytes.fromhex('20010db8000000000000000000000011')
G13 = bytes.fromhex('20010db8000000000000000000000013')
ALLN = bytes.fromhex('ff020000000000000000000000000001')
ALLR = bytes.fromhex('ff020000000000000000000000000002')


def ip(proto, payload, src=I11, dst=I13, ttl=64, ident=0x9c41, flags=0, tot=None):
    h = struct.pack('!BBHHHBBH4s4s', 0x45, 0, tot if tot is not None else 20 + len(payload), ident, flags << 13, ttl,
                    proto, 0, src, dst)
    return h[:10] + struct.pack('!H', csum(h)) + h[12:] + payload


def ip6(nh, payload, src=L11, dst=L13, hlim=64):
    return struct.pack('!IHBB', 0x60000000, len(payload), nh, hlim) + src + dst + payload


def l4sum(proto, seg, src, dst):
    ph = src + dst + (struct.pack('!BBH', 0, proto, len(seg)) if len(src) == 4 else struct.pack('!IxxxB', len(seg),
                                                                                                  proto))
    return csum(ph + seg)


def udp(sport, dport, data, src=I11, dst=I13):
    h = struct.pack('!HHHH', sport, dport, 8 + len(data), 0)
    return h[:6] + struct.pack('!H', l4sum(17, h + data, src, dst) or 0xffff) + data


def tcp(sport, dport, seq, ack, flags, data=b'', src=I11, dst=I13):
    h = struct.pack('!HHIIBBHHH', sport, dport, seq, ack, 5 << 4, flags, 64240, 0, 0)
    return h[:16] + struct.pack('!H', l4sum(6, h + data, src, dst)) + h[18:] + data


def e4(pkt, dst=H13, src=H11):
    return eth(dst, src, 0x0800, pkt)


def e6(pkt, dst=H13, src=H11):
    return eth(dst, src, 0x86dd, pkt)


def u4(sport, dport, data, src=I11, dst=I13, dmac=H13, smac=H11, **kw):
    return e4(ip(17, udp(sport, dport, data, src, dst), src, dst, **kw), dmac, smac)


def icmp6(t, c, body, src=L11, dst=L13):
    b = struct.pack('!BBH', t, c, 0) + body
    return b[:2] + struct.pack('!H', l4sum(58, b, src, dst)) + b[4:]


def tlv(t, v, tfmt='!HH', extra=0):
    return struct.pack(tfmt, t, len(v) + extra) + v


# ---------------------------------------------------------------- ISAKMP payloads (shown with -v)
def isakmp(icookie, rcookie, np, ver, etype, flags, msgid, payloads):
    return struct.pack('!8s8sBBBBII', icookie, rcookie, np, ver, etype, flags, msgid, 28 + len(payloads)) + payloads


def gen(np, body, crit=0):
    return struct.pack('!BBH', np, crit, 4 + len(body)) + body


def isakmp_cases():
    ic, rc = bytes.fromhex('5f1d2c3b4a596877'), bytes.fromhex('a1b2c3d4e5f60718')
    attr = lambda t, v: struct.pack('!HH', 0x8000 | t, v)
    lattr = lambda t, v: struct.pack('!HH', t, len(v)) + v
    t1 = attr(1, 7) + attr(14, 128) + attr(2, 2) + attr(3, 1) + attr(4, 2) + attr(11, 1) + lattr(12, b'\0\1\x51\x80')
    t2 = attr(1, 5) + attr(2, 1) + attr(3, 65001) + attr(4, 14) + attr(11, 1) + attr(12, 28800)
    trans = gen(3, struct.pack('!BBH', 1, 1, 0) + t1) + gen(0, struct.pack('!BBH', 2, 1, 0) + t2)
    prop = gen(0, struct.pack('!BBBB', 1, 1, 0, 2) + trans)
    sa = struct.pack('!II', 1, 1) + prop
    ke = b'\x5a' * 128
    ipsec_prop = gen(0, struct.pack('!BBBB', 1, 3, 4, 1) + b'\xca\xfe\xba\xbe' + gen(0, struct.pack(
        '!BBH', 1, 12, 0) + attr(1, 1) + attr(2, 3600) + attr(4, 1) + attr(5, 2) + attr(6, 256)))
    v1 = [
        isakmp(ic, bytes(8), 1, 0x10, 2, 0, 0, gen(13, sa) + gen(13, bytes.fromhex('4a131c81070358455c5728f20e95452f'))
               + gen(0, bytes.fromhex('afcad71368a1f1c96b8696fc77570100'))),
        isakmp(ic, rc, 1, 0x10, 2, 0, 0, gen(13, sa) + gen(0, bytes.fromhex('90cb80913ebb696e086381b5ec427b1f'))),
        isakmp(ic, rc, 4, 0x10, 2, 0, 0, gen(10, ke) + gen(20, b'\x11' * 24) + gen(20, b'\x77' * 20)
               + gen(0, b'\x78' * 20)),
        isakmp(ic, rc, 4, 0x10, 2, 0, 0, gen(10, ke) + gen(0, b'\x22' * 24)),
        isakmp(ic, rc, 5, 0x10, 2, 1, 0, b'\x33' * 44),
        isakmp(ic, rc, 1, 0x10, 4, 0, 0, gen(4, sa) + gen(10, ke) + gen(5, b'\x12' * 16)
               + gen(0, struct.pack('!BBH', 2, 17, 500) + b'vpn.example.com')),
        isakmp(ic, rc, 8, 0x10, 32, 0, 0x5a5a0001, gen(1, b'\x99' * 20) + gen(10, struct.pack('!II', 1, 1) + ipsec_prop)
               + gen(5, b'\x44' * 16) + gen(5, struct.pack('!BBH', 4, 0, 0) + bytes([10, 1, 0, 0, 255, 255, 0, 0]))
               + gen(0, struct.pack('!BBH', 1, 0, 0) + I11)),
        isakmp(ic, rc, 8, 0x10, 5, 0, 0x0badcafe, gen(11, b'\x98' * 20) + gen(0, struct.pack('!IBBH', 1, 1, 4, 24578)
                                                                          + b'\xca\xfe\xba\xbe' + b'\x3c' * 8)),
        isakmp(ic, rc, 8, 0x10, 5, 0, 0x0badcaff, gen(12, b'\x97' * 20) + gen(0, struct.pack('!IBBH', 1, 3, 4, 1)
                                                                          + b'\xca\xfe\xba\xbe')),
        isakmp(ic, rc, 8, 0x10, 5, 0, 0x12, gen(11, b'\x96' * 20) + gen(0, struct.pack('!IBBH', 1, 1, 16, 36136)
                                                                    + ic + rc + struct.pack('!I', 7))),
        isakmp(ic, rc, 1, 0x10, 2, 0, 0, gen(0, struct.pack('!II', 1, 1) + gen(0, struct.pack(
            '!BBBB', 1, 1, 0, 1) + gen(0, struct.pack('!BBH', 1, 1, 0) + attr(1, 7) + struct.pack('!HH', 14, 40))))),
        isakmp(ic, rc, 1, 0x10, 2, 0, 0, gen(0, struct.pack('!II', 1, 1) + gen(0, b'\x01\x01'))),
        isakmp(ic, rc, 5, 0x10, 2, 0, 0, gen(0, struct.pack('!BBH', 11, 0, 0) + bytes([192, 0, 2, 1, 192, 0, 2, 9]))),
    ]
    tr2 = lambda t, i, a=b'': struct.pack('!BBHBBH', 3, 0, 8 + len(a), t, 0, i) + a
    last = lambda b: b[:0] + bytes([0]) + b[1:]
    p2 = gen(0, struct.pack('!BBBB', 1, 1, 0, 4) + tr2(1, 12, attr(14, 256)) + tr2(2, 2) + tr2(3, 12)
             + last(tr2(4, 19)))
    p2b = gen(0, struct.pack('!BBBB', 1, 3, 4, 2) + b'\x01\x02\x03\x04' + tr2(1, 20, attr(14, 128)) + last(tr2(5, 0)))
    ts = struct.pack('!BBHBBHHH', 1, 0, 0, 7, 0, 16, 0, 65535) + I11 + I11
    v2 = [
        isakmp(ic, bytes(8), 33, 0x20, 34, 0x08, 0, gen(34, p2) + gen(40, struct.pack('!HH', 19, 0) + b'\x61' * 64)
               + gen(41, b'\x62' * 32) + gen(41, struct.pack('!BBH', 0, 0, 16388) + b'\x63' * 20)
               + gen(0, struct.pack('!BBH', 0, 0, 16389) + b'\x64' * 20)),
        isakmp(ic, rc, 33, 0x20, 34, 0x20, 0, gen(34, p2) + gen(40, struct.pack('!HH', 19, 0) + b'\x65' * 64)
               + gen(0, b'\x66' * 32)),
        isakmp(ic, rc, 41, 0x20, 34, 0x20, 0, gen(0, struct.pack('!BBH', 0, 0, 17) + struct.pack('!H', 19))),
        isakmp(ic, rc, 35, 0x20, 35, 0x08, 1, gen(36, struct.pack('!BBH', 2, 0, 0) + b'alice@example.com')
               + gen(39, struct.pack('!BBH', 2, 0, 0) + b'\x67' * 20) + gen(33, struct.pack('!BBH', 1, 0, 0) + b'\x68'
                                                                            * 16)
               + gen(44, p2b) + gen(45, struct.pack('!BBH', 1, 0, 0) + ts) + gen(0, struct.pack('!BBH', 1, 0, 0) + ts)),
        isakmp(ic, rc, 46, 0x20, 35, 0x28, 1, gen(36, b'\x69' * 60)),
        isakmp(ic, rc, 42, 0x20, 37, 0x08, 2, gen(0, struct.pack('!BBH', 3, 4, 1) + b'\x01\x02\x03\x04')),
        isakmp(ic, rc, 43, 0x20, 36, 0x08, 3, gen(0, bytes.fromhex('4048b7d56ebce88525e7de7f00d6c2d3'))),
        isakmp(ic, rc, 41, 0x20, 37, 0x20, 4, gen(0, struct.pack('!BBH', 0, 0, 24))),
        isakmp(ic, rc, 34, 0x20, 34, 0x08, 0, gen(0, gen(0, struct.pack('!BBBB', 1, 1, 0, 1)) + b'\x00', crit=0x80)),
    ]
    case('isakmp_payloads', [u4(500, 500, m) for m in v1] + [u4(500, 500, m, I13, I11, H11, H13) for m in v2])
    full = u4(500, 500, v1[0])
    case('isakmp_sa_cut', [(full, n) for n in range(42 + 28, len(full) + 1, 3)])


# ---------------------------------------------------------------- EIGRP
def eigrp(op, tlvs, flags=0, seq=0, ack=0, asn=100, ver=2):
    h = struct.pack('!BBHIIII', ver, op, 0, flags, seq, ack, asn) + tlvs
    return h[:2] + struct.pack('!H', csum(h)) + h[4:]


def eigrp_cases():
    par = tlv(1, struct.pack('!BBBBBBH', 1, 0, 1, 0, 0, 0, 15))
    sw = tlv(4, bytes([12, 4, 1, 2]))
    seq = tlv(3, bytes([4]) + I13)
    mc = tlv(5, struct.pack('!I', 3))
    auth = tlv(2, struct.pack('!HHII', 2, 16, 1, 0) + bytes(8) + b'\x5e' * 16)
    intr = lambda nh, plen, dest, delay=2560000: tlv(0x102, nh + struct.pack('!IIBHBBBHB', delay, 256000, 0, 1500,
                                                                            0, 255, 1, 0, plen) + dest)
    ext = tlv(0x103, Z4 + REM + struct.pack('!IIIHBBIIBHBBBHB', 65001, 0, 0, 0, 2, 0, 2560000, 2560, 0, 1500, 1, 255,
                                                1, 0, 16) + b'\xc0\xa8')
    dst = bytes([224, 0, 0, 10])
    m = lambda op, t, **k: eth(bytes.fromhex('01005e00000a'), H11, 0x0800, ip(88, eigrp(op, t, **k), I11, dst, ttl=2))
    frames = [
        m(5, par + sw),
        m(5, par + sw + auth),
        m(1, intr(Z4, 24, bytes([10, 1, 2])) + intr(Z4, 32, REM, 0xffffffff) + intr(Z4, 8, bytes([10]))
          + intr(I12, 0, b''), flags=1, seq=7),
        m(1, ext, seq=8),
        m(3, intr(Z4, 24, bytes([10, 1, 2])), seq=9),
        e4(ip(88, eigrp(4, intr(Z4, 24, bytes([10, 1, 2])), seq=10, ack=9), I13, I11), H11, H13),
        e4(ip(88, eigrp(5, b'', ack=10), I13, I11), H11, H13),
        m(5, par + seq + mc, flags=2),
        m(10, intr(Z4, 24, bytes([10, 1, 2])), seq=11),
        m(11, tlv(0x102, b'\0' * 10), seq=12),
        m(6, b''),
        m(5, par, ver=1),
        m(5, tlv(1, b'\1\0')),
        m(5, tlv(0x602, b'\0' * 12)),
        m(5, par + struct.pack('!HH', 4, 2)),
    ]
    case('eigrp_messages', frames)
    case('eigrp_update_cut', [(frames[2], n) for n in range(34, len(frames[2]) + 1, 4)])


# ---------------------------------------------------------------- OSPFv3 bodies
def ospf6(t, body, rid=I11, area=Z4, inst=0):
    return struct.pack('!BBH4s4sHBB', 3, t, 16 + len(body), rid, area, 0, inst, 0) + body


def lsa6(t, lsid, adv, body=b'', seq=0x80000001, age=1):
    return struct.pack('!HH4s4sIHH', age, t, lsid, adv, seq, 0x1234, 20 + len(body)) + body


def ospf6_cases():
    a5 = bytes.fromhex('ff020000000000000000000000000005')
    m = lambda t, b, **k: eth(bytes.fromhex('333300000005'), H11, 0x86dd, ip6(89, ospf6(t, b, **k), L11, a5, 1))
    hello = struct.pack('!IBBHHH4s4s', 5, 1, 0, 0x13, 10, 40, I13, I11) + I13
    lsah = lsa6(0x2001, Z4, I11, b'\0' * 4) + lsa6(0x0008, bytes([0, 0, 0, 5]), I11) + lsa6(0x4005, bytes(
        [0, 0, 0, 1]), I13, seq=0x80000009, age=0x8010)
    rtr = lsa6(0x2001, Z4, I11, struct.pack('!BBH', 0x03, 0, 0x33) + struct.pack('!BBHII4s', 1, 0, 10, 5, 6, I13)
               + struct.pack('!BBHII4s', 2, 0, 1, 5, 5, I13) + struct.pack('!BBHII4s', 4, 0, 7, 5, 9, I14))
    net = lsa6(0x2002, bytes([0, 0, 0, 5]), I13, struct.pack('!BBH', 0, 0, 0x33) + I13 + I11)
    iap = lsa6(0x2003, bytes([0, 0, 0, 2]), I11, struct.pack('!I', 20) + struct.pack('!BBH', 64, 0, 0) + G11[:8])
    iar = lsa6(0x2004, bytes([0, 0, 0, 3]), I11, struct.pack('!BBHI4s', 0, 0, 0x13, 30, I14))
    ext = lsa6(0x4005, bytes([0, 0, 0, 1]), I13, struct.pack('!BBHBBH', 0x07, 0, 20, 48, 0x02, 0) + G13[:8]
               + G13 + struct.pack('!I', 77))
    link = lsa6(0x0008, bytes([0, 0, 0, 5]), I11, struct.pack('!BBH', 1, 0, 0x13) + L11 + struct.pack('!I', 2)
                + struct.pack('!BBH', 64, 0, 0) + G11[:8] + struct.pack('!BBH', 128, 0x10, 0) + G11)
    intra = lsa6(0x2009, bytes([0, 0, 0, 0]), I11, struct.pack('!HH4s4s', 2, 0x2001, Z4, I11)
                 + struct.pack('!BBH', 64, 0, 10) + G11[:8] + struct.pack('!BBH', 0, 0, 1))
    unk = lsa6(0x200a, bytes([0, 0, 0, 7]), I11, b'\xab' * 8)
    frames = [
        m(1, hello),
        m(1, struct.pack('!IBBHHH4s4s', 5, 1, 0, 0x13, 10, 40, Z4, Z4)),
        m(2, struct.pack('!BBHHBBI', 0, 0, 0x13, 1500, 0, 7, 0x1000) ),
        m(2, struct.pack('!BBHHBBI', 0, 0, 0x13, 1500, 0, 1, 0x1001) + lsah),
        m(3, struct.pack('!HH4s4s', 0, 0x2001, Z4, I13) + struct.pack('!HH4s4s', 0, 0x0008, bytes([0, 0, 0, 5]), I13)),
        m(4, struct.pack('!I', 8) + rtr + net + iap + iar + ext + link + intra + unk),
        m(5, lsah),
        m(1, hello, area=bytes([0, 0, 0, 1]), inst=3),
        m(7, b'\0' * 8),
        m(4, struct.pack('!I', 2) + rtr),
    ]
    case('ospf6_bodies', frames)
    case('ospf6_update_cut', [(frames[5], n) for n in range(70, len(frames[5]) + 1, 7)])


# ---------------------------------------------------------------- PPPoE, LCP, IPCP, IPv6CP, PAP, CHAP
def pppoe_cases():
    AC = bytes.fromhex('0242ac1c00fe')
    disc = lambda code, sid, tags: struct.pack('!BBHH', 0x11, code, sid, len(tags)) + tags
    t = lambda ty, v: struct.pack('!HH', ty, len(v)) + v
    sess = lambda proto, body, sid=0x1a2b: struct.pack('!BBHHH', 0x11, 0, sid, 2 + len(body), proto) + body
    cp = lambda code, ident, opts: struct.pack('!BBH', code, ident, 4 + len(opts)) + opts
    o = lambda ty, v: bytes([ty, 2 + len(v)]) + v
    lcpopts = o(1, b'\x05\xd4') + o(3, b'\xc2\x23\x05') + o(5, b'\x1e\x2f\x3a\x4b') + o(7, b'') + o(8, b'')
    d = lambda dst, src, body: eth(dst, src, 0x8863, body)
    s = lambda dst, src, body: eth(dst, src, 0x8864, body)
    frames = [
        d(BC, H11, disc(0x09, 0, t(0x0101, b'') + t(0x0103, b'\x12\x34\x56\x78'))),
        d(H11, AC, disc(0x07, 0, t(0x0101, b'') + t(0x0102, b'bras-01') + t(0x0104, b'\xc0\x0c\x1e' * 6)
                         + t(0x0103, b'\x12\x34\x56\x78') + t(0x0105, b'\0\0\x0d\xe9\x01\x02'))),
        d(AC, H11, disc(0x19, 0, t(0x0101, b'isp') + t(0x0103, b'\x12\x34\x56\x78') + t(0x0104, b'\xc0\x0c\x1e' * 6))),
        d(H11, AC, disc(0x65, 0x1a2b, t(0x0101, b'isp') + t(0x0103, b'\x12\x34\x56\x78'))),
        d(H11, AC, disc(0xa7, 0x1a2b, t(0x0203, b'session closed'))),
        d(BC, H11, disc(0x09, 0, t(0x0201, b'no such service') + t(0x0110, b'\1\2') + t(0x0000, b''))),
        d(BC, H11, disc(0x09, 0, b'\x01\x01\x00\x10ab')),
        d(BC, H11, disc(0x55, 0, b'')),
        s(AC, H11, sess(0xc021, cp(1, 1, lcpopts))),
        s(H11, AC, sess(0xc021, cp(1, 7, o(1, b'\x05\xd4') + o(3, b'\xc0\x23') + o(5, b'\x01\x02\x03\x04')))),
        s(AC, H11, sess(0xc021, cp(3, 7, o(3, b'\xc2\x23\x05')))),
        s(H11, AC, sess(0xc021, cp(4, 1, o(7, b'') + o(8, b'')))),
        s(H11, AC, sess(0xc021, cp(2, 1, o(1, b'\x05\xd4') + o(3, b'\xc2\x23\x05') + o(5, b'\x1e\x2f\x3a\x4b')))),
        s(AC, H11, sess(0xc021, cp(2, 7, o(1, b'\x05\xd4') + o(3, b'\xc0\x23') + o(5, b'\x01\x02\x03\x04')))),
        s(H11, AC, sess(0xc223, struct.pack('!BBHB', 1, 1, 21 + 7, 16) + b'\x9a' * 16 + b'bras-01')),
        s(AC, H11, sess(0xc223, struct.pack('!BBHB', 2, 1, 21 + 5, 16) + b'\x9b' * 16 + b'alice')),
        s(H11, AC, sess(0xc223, struct.pack('!BBH', 3, 1, 4 + 10) + b'Welcome!!!')),
        s(H11, AC, sess(0xc223, struct.pack('!BBH', 4, 2, 4 + 6) + b'denied')),
        s(AC, H11, sess(0xc023, struct.pack('!BBHB', 1, 1, 4 + 1 + 5 + 1 + 6, 5) + b'alice' + b'\x06secret')),
        s(H11, AC, sess(0xc023, struct.pack('!BBHB', 2, 1, 4 + 1 + 2, 2) + b'ok')),
        s(AC, H11, sess(0x8021, cp(1, 1, o(3, Z4) + o(129, Z4) + o(131, Z4)))),
        s(H11, AC, sess(0x8021, cp(3, 1, o(3, bytes([100, 64, 0, 7])) + o(129, bytes([8, 8, 8, 8]))
                                   + o(131, bytes([8, 8, 4, 4]))))),
        s(H11, AC, sess(0x8021, cp(1, 1, o(3, bytes([100, 64, 0, 1]))))),
        s(AC, H11, sess(0x8021, cp(4, 2, o(2, b'\x00\x2d\x0f\x01') + o(130, Z4)))),
        s(AC, H11, sess(0x8057, cp(1, 1, o(1, bytes.fromhex('0042acfffe1c000b'))))),
        s(H11, AC, sess(0x8057, cp(2, 1, o(1, bytes.fromhex('0042acfffe1c000b'))))),
        s(AC, H11, sess(0xc021, cp(9, 3, b'\x1e\x2f\x3a\x4b'))),
        s(H11, AC, sess(0xc021, cp(10, 3, b'\x01\x02\x03\x04' + b'keepalive'))),
        s(H11, AC, sess(0xc021, cp(8, 4, b'\x80\xfd' + cp(1, 1, o(26, b'\0\0'))))),
        s(H11, AC, sess(0xc021, cp(7, 5, b'\x0e\x01\x02\x03'))),
        s(AC, H11, sess(0xc021, cp(11, 6, b'\x1e\x2f\x3a\x4b'))),
        s(AC, H11, sess(0x0021, ip(1, struct.pack('!BBHHH', 8, 0, 0xf7fe, 1, 0), bytes([100, 64, 0, 7]), REM))),
        s(AC, H11, sess(0x0057, ip6(58, icmp6(133, 0, Z4, L11, ALLR), L11, ALLR, 255))),
        s(AC, H11, sess(0xc021, cp(5, 8, b'bye'))),
        s(H11, AC, sess(0xc021, cp(6, 8, b''))),
        s(AC, H11, sess(0xc021, cp(1, 9, o(1, b'\x05') + o(0x55, b'\1\2') + o(13, b'\x06') + o(17, b'\x05\xea')
                                  + o(19, b'\1' + H11)))),
        s(AC, H11, sess(0xc021, cp(1, 10, b'\x01\x00\x05\xd4'))),
        s(AC, H11, sess(0xc021, b'\x01\x0b\x00\x40' + o(1, b'\x05\xd4'))),
        s(AC, H11, sess(0x80fd, cp(1, 1, o(26, b'\x11\x02')))),
        s(AC, H11, sess(0x1234, b'\xde\xad')),
        s(AC, H11, sess(0xc021, cp(1, 12, b''), sid=0xffff)),
    ]
    case('pppoe_sessions', frames)
    case('pppoe_lcp_cut', [(frames[8], n) for n in range(14, len(frames[8]) + 1)])


# ---------------------------------------------------------------- DNS over TCP
def dname(n):
    return b''.join(bytes([len(p)]) + p.encode() for p in n.split('.') if p) + b'\0'


def dns_tcp_cases():
    q = struct.pack('!HHHHHH', 0x3c5d, 0x0100, 1, 0, 0, 0) + dname('example.com') + struct.pack('!HH', 1, 1)
    r = struct.pack('!HHHHHH', 0x3c5d, 0x8180, 1, 2, 0, 0) + dname('example.com') + struct.pack('!HH', 1, 1) + \
        b'\xc0\x0c' + struct.pack('!HHIH', 1, 1, 300, 4) + bytes([192, 0, 2, 10]) + \
        b'\xc0\x0c' + struct.pack('!HHIH', 1, 1, 300, 4) + bytes([192, 0, 2, 11])
    axfr = struct.pack('!HHHHHH', 0x0001, 0x0000, 1, 0, 0, 0) + dname('example.com') + struct.pack('!HH', 252, 1)
    soa = struct.pack('!HHHHHH', 0x0001, 0x8400, 1, 1, 0, 0) + dname('example.com') + struct.pack('!HH', 252, 1) + \
        b'\xc0\x0c' + struct.pack('!HHIH', 6, 1, 3600, 40) + dname('ns1.example.com')[:-1] + b'\0' + \
        b'\x0ahostmaster\xc0\x0c' + struct.pack('!IIIII', 2023111401, 7200, 3600, 1209600, 300)
    soa = soa[:12 + 17 + 10] + struct.pack('!H', len(soa) - (12 + 17 + 12)) + soa[12 + 17 + 12:]
    pre = lambda m: struct.pack('!H', len(m)) + m
    c = lambda sp, dp, seq, ack, fl, data, rev=False: (e4(ip(6, tcp(sp, dp, seq, ack, fl, data, I13, I11), I13, I11),
                                                          H11, H13) if rev else
                                                       e4(ip(6, tcp(sp, dp, seq, ack, fl, data))))
    frames = [
        c(41000, 53, 1000, 5000, 0x18, pre(q)),
        c(53, 41000, 5000, 1000 + len(q) + 2, 0x18, pre(r), True),
        c(41001, 53, 2000, 6000, 0x18, pre(axfr)),
        c(53, 41001, 6000, 2000 + len(axfr) + 2, 0x18, pre(soa), True),
        c(41002, 53, 3000, 7000, 0x18, pre(q) + pre(q)),
        c(41002, 53, 3000, 7000, 0x18, struct.pack('!H', 99) + q),
        c(41002, 53, 3000, 7000, 0x18, b'\x00'),
        c(41002, 53, 3000, 7000, 0x18, b'\x00\x05hello'[:7]),
        c(41002, 53, 3000, 7000, 0x18, pre(q[:8])),
        c(41002, 53, 3000, 7000, 0x18, b'\x00\x00'),
        c(53, 41003, 3000, 7000, 0x18, pre(struct.pack('!HHHHHH', 7, 0x8183, 1, 0, 0, 0) + dname('nx.example')
                                            + struct.pack('!HH', 28, 1)), True),
    ]
    case('dns_over_tcp', frames)
    case('dns_over_tcp_cut', [(frames[1], n) for n in range(54, len(frames[1]) + 1, 3)])


# ---------------------------------------------------------------- SNMP
def ber(tag, v):
    n = len(v)
    ln = bytes([n]) if n < 128 else (bytes([0x81, n]) if n < 256 else bytes([0x82, n >> 8, n & 255]))
    return bytes([tag]) + ln + v


def bint(v, tag=2):
    """A BER integer (or an application type of one: Counter32, Gauge32, TimeTicks, Counter64), shortest form."""
    return ber(tag, v.to_bytes(max(1, (v.bit_length() + 8) // 8), 'big', signed=True))


def oid(s):
    p = [int(x) for x in s.split('.')]
    out = bytes([p[0] * 40 + p[1]])
    for x in p[2:]:
        enc = [x & 0x7f]
        x >>= 7
        while x:
            enc.insert(0, 0x80 | (x & 0x7f))
            x >>= 7
        out += bytes(enc)
    return ber(6, out)


def snmp_cases():
    seq = lambda *a: ber(0x30, b''.join(a))
    vb = lambda o, v: seq(oid(o), v)
    null = b'\x05\x00'
    pdu = lambda t, rid, vbs, e=0, i=0: ber(t, bint(rid) + bint(e) + bint(i) + seq(*vbs))
    msg = lambda ver, comm, p: seq(bint(ver), ber(4, comm), p)
    sysdescr = '1.3.6.1.2.1.1.1.0'
    frames = [
        u4(40161, 161, msg(0, b'public', pdu(0xa0, 1, [vb(sysdescr, null), vb('1.3.6.1.2.1.1.3.0', null)]))),
        u4(161, 40161, msg(0, b'public', pdu(0xa2, 1, [vb(sysdescr, ber(4, b'Linux arplab 6.1.0')),
                                                       vb('1.3.6.1.2.1.1.3.0', bint(123456, 0x43))])),
           I13, I11, H11, H13),
        u4(40162, 161, msg(1, b'public', pdu(0xa1, 2, [vb('1.3.6.1.2.1.2.2.1.2', null)]))),
        u4(161, 40162, msg(1, b'public', pdu(0xa2, 2, [vb('1.3.6.1.2.1.2.2.1.2.1', ber(4, b'lo'))])), I13, I11, H11,
           H13),
        u4(40163, 161, msg(1, b'private', pdu(0xa3, 3, [vb('1.3.6.1.2.1.1.5.0', ber(4, b'router-1'))]))),
        u4(161, 40163, msg(1, b'private', pdu(0xa2, 3, [vb('1.3.6.1.2.1.1.5.0', null)], 17, 1)), I13, I11, H11, H13),
        u4(40164, 161, msg(1, b'public', pdu(0xa5, 4, [vb('1.3.6.1.2.1.2.2.1', null)], 0, 10))),
        u4(161, 40164, msg(1, b'public', pdu(0xa2, 4, [vb('1.3.6.1.2.1.2.2.1.10.1', bint(4000000000, 0x41)),
                                                       vb('1.3.6.1.2.1.2.2.1.5.1', bint(1000000000, 0x42)),
                                                       vb('1.3.6.1.2.1.31.1.1.1.6.1', bint(2 ** 40, 0x46)),
                                                       vb('1.3.6.1.2.1.4.20.1.1.172.28.0.13', ber(0x40, I13)),
                                                       vb('1.3.6.1.2.1.2.2.1.11.9', b'\x80\x00')])),
           I13, I11, H11, H13),
        u4(40165, 162, msg(0, b'public', ber(0xa4, oid('1.3.6.1.4.1.8072.3.2.10') + ber(0x40, I13) + bint(2) + bint(0)
                                             + bint(4242, 0x43) + seq(vb('1.3.6.1.2.1.2.2.1.1.2', bint(2))))),
           I13, IGW, GW, H13),
        u4(40166, 162, msg(1, b'public', pdu(0xa7, 5, [vb('1.3.6.1.2.1.1.3.0', bint(4343, 0x43)),
                                                       vb('1.3.6.1.6.3.1.1.4.1.0', oid('1.3.6.1.6.3.1.1.5.3')[0:]),
                                                       vb('1.3.6.1.2.1.2.2.1.1.2', bint(2))])), I13, IGW, GW, H13),
        u4(40167, 162, msg(1, b'public', pdu(0xa6, 6, [vb('1.3.6.1.2.1.1.3.0', bint(4444, 0x43))])), I13, IGW, GW,
           H13),
        u4(40168, 161, seq(bint(3), seq(bint(821), bint(65507), ber(4, b'\x04'), bint(3)),
                           ber(4, seq(ber(4, b''), bint(0), bint(0), ber(4, b''), ber(4, b''), ber(4, b''))),
                           seq(ber(4, b''), ber(4, b''), pdu(0xa0, 7, [])))),
        u4(161, 40168, seq(bint(3), seq(bint(821), bint(65507), ber(4, b'\x00'), bint(3)),
                           ber(4, seq(ber(4, bytes.fromhex('80001f888059dc486145a26356')), bint(5), bint(1234),
                                      ber(4, b''), ber(4, b''), ber(4, b''))),
                           seq(ber(4, bytes.fromhex('80001f888059dc486145a26356')), ber(4, b''),
                               pdu(0xa8, 7, [vb('1.3.6.1.6.3.15.1.1.4.0', bint(7, 0x41))]))), I13, I11, H11, H13),
        u4(40169, 161, msg(1, b'public', pdu(0xa0, 8, [vb(sysdescr, null)]))[:20]),
        u4(40170, 161, b'\x30\x03\x02\x01'),
        u4(40171, 161, msg(7, b'public', pdu(0xa0, 9, [vb(sysdescr, null)]))),
        u4(40172, 161, msg(1, b'public', ber(0xaf, b'\x02\x01\x00'))),
    ]
    case('snmp_messages', frames)

    # the names Info shows for OIDs (oids.c's tree without MIBs), traps of several enterprises, error values,
    # every value type, bad lengths and tags, an encrypted v3 message, bytes after a message
    gets = [u4(40200 + i, 161, msg(1, b'public', pdu(0xa0, 100 + i, [vb(o, null)])))
            for i, o in enumerate(['1.3.6.1.2.1.2.2.1.8.3', '1.3.6.1.4.1.9.9.13.1.3.1.3.1', '1.3.6.1.4.1.2021.10.1.3.1',
                                   '1.3.6.1.4.1.311.1.1.3.1.1', '1.3.6.1.6.3.10.2.1.3.0', '1.3.6.1.2.1.25.3.3.1.2.196608',
                                   '1.3.6.1.3.99', '1.3.6.1.5.5.7', '1.3.6.1', '1.3', '1.99', '2.5.4.3', '0.9.2342',
                                   '1.2.840.113549.1.1.1', '1.3.6.1.2.1.4294967295', '1.3.6.1.4.1.8072.3.2.10'])]
    traps = [u4(40300 + i, 162, msg(0, b'public', ber(0xa4, oid(e) + ber(0x40, I13) + bint(g) + bint(s)
                                                       + bint(77, 0x43) + seq())), I13, IGW, GW, H13)
             for i, (e, g, s) in enumerate([('1.3.6.1.4.1.9.1.516', 6, 1), ('1.3.6.1.4.1.311.1.1.3.1.2', 6, 1003),
                                            ('1.3.6.1.6.3.1.1.5', 0, 0), ('1.3.6.1.2.1.11', 4, 0),
                                            ('1.3.6.1.4.1.2021.251.1', 6, 2), ('1.3.6.1', 1, 0)])]
    vals = [ber(0x80, b''), ber(0x81, b''), ber(0x82, b''), ber(0x80, b'\x00'), ber(0x83, b''), bint(-5),
            ber(2, b'\x00\x00\x00\x00\x01'), ber(2, b''), ber(5, b'\x01'), ber(0x44, b'\x9f\x78\x04\x41\x20\x00\x00'),
            ber(0x45, b'\x47\x00\x00\x00'), ber(0x40, bytes(16)), ber(0x40, b'\x0a\x00'), ber(0x46, bytes(9)),
            ber(0x46, b'\x01' + bytes(8)), ber(0x46, b''), ber(0x41, b''), ber(6, b''), oid('1.3.6.1.6.3.1.1.5.1'),
            ber(0x24, ber(4, b'x')), ber(0x47, b'\x01'), ber(3, b'\x00\xff')]
    values = [u4(40400 + i, 161, msg(1, b'public', pdu(0xa2, 200 + i, [vb('1.3.6.1.2.1.1.%d.0' % (i % 9 + 1), v)])),
                 I13, I11, H11, H13) for i, v in enumerate(vals)]
    good = msg(1, b'public', pdu(0xa0, 300, [vb(sysdescr, null)]))
    odd = [
        u4(40500, 161, good + good),
        u4(40501, 161, good + b'\x00\x00'),
        u4(40502, 161, b'\x30\x81' + bytes([len(good) - 2]) + good[2:]),
        u4(40503, 161, seq(bint(1), ber(4, b'public'), pdu(0xa0, 301, [vb(sysdescr, null)]), b'\x05\x00')),
        u4(40504, 161, seq(bint(1), ber(4, b'public'), pdu(0xa0, 302, [seq(bint(1), null)]))),
        u4(40505, 161, seq(bint(1), bint(1), pdu(0xa0, 303, [vb(sysdescr, null)]))),
        u4(40506, 161, seq(bint(1), ber(4, b'public'), ber(0xa0, bint(304) + bint(0) + seq(vb(sysdescr, null))))),
        u4(40507, 161, seq(bint(1), ber(4, b'public'))),
        u4(40508, 161, seq(bint(1))),
        u4(40509, 161, seq(bint(2), ber(4, b'public'), pdu(0xa0, 305, [vb(sysdescr, null)]))),
        u4(40510, 161, seq(bint(256), ber(4, b'public'), pdu(0xa0, 306, [vb(sysdescr, null)]))),
        u4(40511, 161, b'\x31\x03\x02\x01\x01'),
        u4(40512, 161, b'\x30\x03\x04\x01\x01'),
        u4(40513, 161, b'\x30\x80\x02\x01\x01\x00\x00'),
        u4(40514, 161, b'\x30'),
        u4(40515, 161, seq(bint(3), seq(bint(822), bint(65507), ber(4, b'\x07'), bint(3)),
                           ber(4, seq(ber(4, bytes.fromhex('80001f888059dc486145a26356')), bint(5), bint(1234),
                                      ber(4, b'admin'), ber(4, bytes(12)), ber(4, bytes(8)))),
                           ber(4, bytes(40)))),
        u4(40516, 161, seq(bint(3), seq(bint(823), bint(65507), ber(4, b'\x01'), bint(3)),
                           ber(4, seq(ber(4, bytes.fromhex('80001f888059dc486145a26356')), bint(5), bint(1234),
                                      ber(4, b'admin'), ber(4, bytes(12)), ber(4, b''))),
                           seq(ber(4, bytes.fromhex('80001f888059dc486145a26356')), ber(4, b'ctx'),
                               pdu(0xa3, 8, [vb('1.3.6.1.2.1.1.6.0', ber(4, b'lab'))])))),
        u4(40517, 161, seq(bint(3), seq(bint(824), bint(65507), ber(4, b'\x04'), bint(1)),
                           ber(4, b''), seq(ber(4, b''), ber(4, b''), pdu(0xa0, 9, [])))),
        u4(40518, 8161, good),
        u4(161, 162, good, I13, I11, H11, H13),
        u4(40519, 161, msg(1, b'public', pdu(0xa5, 400, [vb('1.3.6.1.2.1.31.1.1.1.%d' % i, null) for i in range(1, 9)],
                                             0, 20))),
    ]
    case('snmp_oids_values', gets + traps + values + odd)


# ---------------------------------------------------------------- TFTP
def tftp_cases():
    rrq = struct.pack('!H', 1) + b'pxelinux.0\0octet\0blksize\x001428\0tsize\x000\0'
    oack = struct.pack('!H', 6) + b'blksize\x001428\0tsize\x002048\0'
    frames = [
        u4(43000, 69, rrq, I11, IGW, GW),
        u4(51111, 43000, oack, IGW, I11, H11, GW),
        u4(43000, 51111, struct.pack('!HH', 4, 0), I11, IGW, GW),
        u4(51111, 43000, struct.pack('!HH', 3, 1) + bytes(range(256)) * 5 + bytes(148), IGW, I11, H11, GW),
        u4(43000, 51111, struct.pack('!HH', 4, 1), I11, IGW, GW),
        u4(51111, 43000, struct.pack('!HH', 3, 2) + b'\x55' * 620, IGW, I11, H11, GW),
        u4(43000, 51111, struct.pack('!HH', 4, 2), I11, IGW, GW),
        u4(43001, 69, struct.pack('!H', 2) + b'upload.txt\0netascii\0', I11, IGW, GW),
        u4(51112, 43001, struct.pack('!HH', 4, 0), IGW, I11, H11, GW),
        u4(43001, 51112, struct.pack('!HH', 3, 1) + b'hello tftp\r\n', I11, IGW, GW),
        u4(51112, 43001, struct.pack('!HH', 4, 1), IGW, I11, H11, GW),
        u4(43002, 69, struct.pack('!H', 1) + b'missing.bin\0octet\0', I11, IGW, GW),
        u4(51113, 43002, struct.pack('!HH', 5, 1) + b'File not found\0', IGW, I11, H11, GW),
        u4(43003, 69, struct.pack('!H', 1) + b'big.img\0octet\0blksize\x0065464\0windowsize\x0016\0', I11, IGW, GW),
        u4(51114, 43003, struct.pack('!HH', 5, 8) + b'Option negotiation failed\0', IGW, I11, H11, GW),
        u4(43004, 69, struct.pack('!H', 1) + b'noterm', I11, IGW, GW),
        u4(43005, 69, struct.pack('!H', 9) + b'x\0', I11, IGW, GW),
        u4(43006, 69, struct.pack('!H', 5) + b'\0\0', I11, IGW, GW),
    ]
    case('tftp_transfers', frames)


# ---------------------------------------------------------------- NetBIOS name and datagram services
def nbname(name, suffix, scope=b'', fill=' '):
    raw = name.upper().ljust(15, fill).encode() + bytes([suffix])
    enc = b''.join(bytes([0x41 + (c >> 4), 0x41 + (c & 15)]) for c in raw)
    return b'\x20' + enc + scope + b'\0'


def netbios_cases():
    BC4 = bytes([172, 28, 255, 255])
    nq = lambda tid, flags, qd, an, ns, ar, body: struct.pack('!HHHHHH', tid, flags, qd, an, ns, ar) + body
    rr = lambda name, t, ttl, rdata: name + struct.pack('!HHIH', t, 1, ttl, len(rdata)) + rdata
    names = b''.join(n.ljust(15).encode() + bytes([s]) + struct.pack('!H', f) for n, s, f in (
        ('HOST11', 0x00, 0x0400), ('WORKGROUP', 0x00, 0x8400), ('HOST11', 0x20, 0x0400)))
    stat = bytes([3]) + names + H11 + bytes(40)
    frames = [
        u4(137, 137, nq(0x8a01, 0x0110, 1, 0, 0, 0, nbname('FILESERVER', 0x20) + struct.pack('!HH', 0x20, 1)), I11,
           BC4, BC),
        u4(137, 137, nq(0x8a01, 0x8500, 0, 1, 0, 0, rr(nbname('FILESERVER', 0x20), 0x20, 300000,
                                                       struct.pack('!H', 0) + I13)), I13, I11, H11, H13),
        u4(137, 137, nq(0x8a02, 0x2910, 1, 0, 0, 1, nbname('HOST11', 0x00) + struct.pack('!HH', 0x20, 1)
                        + b'\xc0\x0c' + struct.pack('!HHIH', 0x20, 1, 300000, 6) + struct.pack('!H', 0x6000) + I11),
           I11, BC4, BC),
        u4(137, 137, nq(0x8a03, 0x0000, 1, 0, 0, 0, nbname('*', 0x00, fill='\0')
                        + struct.pack('!HH', 0x21, 1)), I11, I13),
        u4(137, 137, nq(0x8a03, 0x8400, 0, 1, 0, 0, rr(nbname('*', 0x00, fill='\0'), 0x21, 0, stat)), I13, I11, H11,
           H13),
        u4(137, 137, nq(0x8a04, 0x8503, 0, 0, 0, 0, b''), I13, I11, H11, H13),
        u4(137, 137, nq(0x8a05, 0x3010, 0, 0, 0, 1, nbname('HOST11', 0x00) + struct.pack('!HHIH', 0x20, 1, 0, 6)
                        + struct.pack('!H', 0) + I11), I11, BC4, BC),
        u4(137, 137, nq(0x8a06, 0x0110, 1, 0, 0, 0, nbname('SCOPED', 0x20, b'\x07example\x03com')
                        + struct.pack('!HH', 0x20, 1)), I11, BC4, BC),
        u4(137, 137, nq(0x8a07, 0x0110, 1, 0, 0, 0, nbname('TRUNC', 0x20)[:20])),
    ]
    browser = b'\x01\x00' + struct.pack('<I', 720000) + b'HOST11'.ljust(16, b'\0') + bytes([6, 1]) + \
        struct.pack('<IBBH', 0x00051003, 15, 1, 0xaa55) + b'arplab host\0'
    smb = b'\xffSMB\x25' + bytes(27) + bytes([17]) + struct.pack('<HHHHBBHIHHHHHHH', 0, len(browser), 0, 0, 0, 0,
                                                                 0, 1000, 0, 0, len(browser), 92, 0, 0, 3) + \
        struct.pack('<HHHH', 1, 1, 2, len(browser) + 17) + b'\\MAILSLOT\\BROWSE\0' + browser
    dg = lambda t, flags, did, data: struct.pack('!BBH4sHHH', t, flags, did, I11, 138, len(data), 0) + data
    frames += [
        u4(138, 138, dg(0x11, 0x02, 0x1001, nbname('HOST11', 0x00) + nbname('WORKGROUP', 0x1d) + smb), I11, BC4, BC),
        u4(138, 138, dg(0x10, 0x0e, 0x1002, nbname('HOST11', 0x00) + nbname('HOST13', 0x20) + b'hello'), I11, I13),
        u4(138, 138, dg(0x12, 0x02, 0x1003, nbname('HOST11', 0x00) + nbname('WORKGROUP', 0x00) + b'bcast'), I11, BC4,
           BC),
        u4(138, 138, struct.pack('!BBH4sHB', 0x13, 0x02, 0x1004, I13, 138, 0x82), I13, I11, H11, H13),
        u4(138, 138, struct.pack('!BBH4sH', 0x14, 0x02, 0x1005, I11, 138) + nbname('NOBODY', 0x20), I11, I13),
        u4(138, 138, dg(0x11, 0x02, 0x1006, nbname('HOST11', 0x00)[:10])),
    ]
    case('netbios_ns_dgm', frames)

    # every opcode and error code, answers of one and two addresses, WACK, names with odd bytes and scopes,
    # pointers, questions in responses; datagrams of every type, SMB and SMB2 payloads, unknown types
    q = lambda name, t=0x20: name + struct.pack('!HH', t, 1)
    nb = lambda *ips: b''.join(struct.pack('!H', 0x6000) + ip for ip in ips)
    more = [u4(137, 137, nq(0x9000 + op, op << 11 | 0x0110, 1, 0, 0, 0, q(nbname('HOST%d' % op, 0x00))), I11, BC4, BC)
            for op in (0, 1, 5, 6, 7, 8, 9, 15)]
    more += [u4(137, 137, nq(0x9100 + rc, 0x8500 | rc, 0, 1, 0, 0, rr(nbname('HOST11', 0x00), 0x20, 0, nb(I11))),
                I13, I11, H11, H13) for rc in range(0, 9)]
    more += [
        u4(137, 137, nq(0x9200, 0xad80, 0, 1, 0, 0, rr(nbname('HOST11', 0x00), 0x20, 300000, nb(I11))), I13, I11,
           H11, H13),
        u4(137, 137, nq(0x9201, 0xbc00, 0, 1, 0, 0, rr(nbname('HOST11', 0x00), 0x20, 2, struct.pack('!H', 0x2910))),
           I13, I11, H11, H13),
        u4(137, 137, nq(0x9202, 0x8500, 0, 1, 0, 0, rr(nbname('GROUP', 0x1c), 0x20, 300000, nb(I11, I13))), I13, I11,
           H11, H13),
        u4(137, 137, nq(0x9203, 0x8500, 1, 1, 0, 0, q(nbname('HOST13', 0x20)) + rr(nbname('HOST13', 0x20), 0x20, 60,
                                                                                      nb(I13))), I13, I11, H11, H13),
        u4(137, 137, nq(0x9204, 0x0110, 1, 0, 0, 0, q(nbname('lower\x01case', 0x03))), I11, BC4, BC),
        u4(137, 137, nq(0x9205, 0x0110, 1, 0, 0, 0, q(nbname('MSBROWSE', 0x01, fill='\x02'))), I11, BC4, BC),
        u4(137, 137, nq(0x9206, 0x0110, 1, 0, 0, 0, q(nbname('A B', 0x20, b'\x03lab\x07arplab\x03net'))), I11, BC4,
           BC),
        u4(137, 137, nq(0x9207, 0x0110, 2, 0, 0, 0, q(nbname('ONE', 0x20)) + q(nbname('TWO', 0x00))), I11, BC4, BC),
        u4(137, 137, nq(0x9208, 0x0110, 2, 0, 0, 0, q(nbname('ONE', 0x20)) + q(b'\xc0\x0c')), I11, BC4, BC),
        u4(137, 137, nq(0x9209, 0x0110, 1, 0, 0, 0, q(nbname('SHORT', 0x20)[:-3] + b'\0')), I11, BC4, BC),
        u4(137, 137, nq(0x920a, 0x0110, 1, 0, 0, 0, q(b'\x04ABCD\0')), I11, BC4, BC),
        u4(137, 137, nq(0x920b, 0x0110, 1, 0, 0, 0, q(nbname('TYPE', 0x20), 0x0a)), I11, BC4, BC),
        u4(137, 137, nq(0x920c, 0x0110, 1, 0, 0, 0, q(nbname('HOST', 0x20)) + b'\x00\x01'), I11, BC4, BC),
        u4(137, 137, nq(0x920d, 0x2910, 1, 0, 0, 1, q(nbname('REG', 0x00)) + rr(b'\xc0\x0c', 0x20, 300000, nb(I11))),
           I11, BC4, BC),
        u4(137, 137, nq(0x920e, 0x0110, 0, 0, 0, 0, b''), I11, BC4, BC),
        u4(40600, 137, nq(0x920f, 0x0000, 1, 0, 0, 0, q(nbname('*', 0x00, fill='\0'), 0x21)), I11, I13),
    ]
    smb2 = b'\xfeSMB' + bytes(60)
    for t in range(0x10, 0x18):
        body = (nbname('HOST11', 0x00) + nbname('HOST13', 0x03) + b'note') if t <= 0x12 else \
            (bytes([0x82]) if t == 0x13 else nbname('HOST13', 0x20))
        more.append(u4(138, 138, struct.pack('!BBH4sH', t, 0x02, 0x2000 + t, I11, 138)
                       + (struct.pack('!HH', len(body), 0) if t <= 0x12 else b'') + body, I11, I13))
    more += [
        u4(138, 138, dg(0x10, 0x02, 0x2100, nbname('HOST11', 0x00) + nbname('HOST13', 0x20) + smb2), I11, I13),
        u4(138, 138, dg(0x10, 0x02, 0x2101, nbname('HOST11', 0x00) + nbname('HOST13', 0x20)), I11, I13),
        u4(138, 138, dg(0x12, 0x02, 0x2102, nbname('HOST11', 0x00, b'\x03lab') + nbname('*', 0x00, fill='\0')
                        + b'\x01\x02'), I11, BC4, BC),
    ]
    case('netbios_more', more)


# ---------------------------------------------------------------- NTP control (mode 6) and private (mode 7)
def ntp_cases():
    ctl = lambda b1, seq, status, assoc, off, data, vn=2: struct.pack('!BBHHHHH', (vn << 3) | 6, b1, seq, status, assoc,
                                                                       off, len(data)) + data
    vars_ = b'version="ntpd 4.2.8p15", processor="x86_64", system="Linux", leap=00, stratum=2, precision=-23'
    pad = lambda d: d + b'\0' * (-len(d) % 4)
    priv = lambda b0, b1, impl, req, err_n, mbz_size, data: struct.pack('!BBBBHH', b0, b1, impl, req, err_n,
                                                                         mbz_size) + data
    frames = [
        u4(40123, 123, ctl(0x01, 1, 0, 0, 0, b'')),
        u4(40123, 123, ctl(0x02, 2, 0, 0, 0, b'')),
        u4(123, 40123, ctl(0x82, 2, 0x0618, 0, 0, pad(vars_)), I13, I11, H11, H13),
        u4(40123, 123, ctl(0x01, 3, 0, 0, 0, b'', vn=4)),
        u4(123, 40123, ctl(0x81, 3, 0x0618, 0, 0, struct.pack('!HHHH', 0xd3e1, 0x9614, 0xd3e2, 0x8011), vn=4),
           I13, I11, H11, H13),
        u4(123, 40123, ctl(0xa2, 4, 0x0618, 0, 0, pad(vars_[:40])), I13, I11, H11, H13),
        u4(123, 40123, ctl(0xc2, 5, 0x0005, 0, 0, b''), I13, I11, H11, H13),
        u4(40123, 123, ctl(0x02, 6, 0, 0xd3e1, 0, b'') + b'\0' * 4 + struct.pack('!I', 1) + b'\xaa' * 16),
        u4(40124, 123, priv(0x17, 0x00, 3, 42, 0, 0, b'\0' * 40)),
        u4(123, 40124, priv(0x97, 0x00, 3, 42, 1, 72, bytes(72)), I13, I11, H11, H13),
        u4(40124, 123, priv(0x27, 0x80, 3, 1, 0, 0, b'\0' * 40 + b'\1\2\3\4' + b'\x11' * 16)),
        u4(123, 40124, priv(0x97, 0x00, 3, 42, 0x4000, 0, b''), I13, I11, H11, H13),
        u4(40124, 123, priv(0x17, 0x00, 2, 0, 0, 0, b'')),
        u4(40124, 123, b'\x16\x02\x00'),
        u4(40124, 123, b'\x17'),
    ]
    case('ntp_control_private', frames)

    # dissect_ntp_priv()'s Info for every request code and a few past the table, requests and responses,
    # implementations 0, 2 and 3, versions 1 to 4, the more and error bits, no items
    more = [u4(40125, 123, priv((vn << 3) | 7 | (0x80 if resp else 0) | (0x40 if code % 5 == 0 else 0), code % 128,
                                (0, 2, 3)[code % 3], code, (code % 7) << 12 if resp else 0, 0, b'\0' * (code % 3) * 8),
                *((I13, I11, H11, H13) if resp else ()))
            for code in list(range(0, 48)) + [60, 127, 200, 255]
            for vn, resp in ((1 + code % 4, False), (2 + code % 3, True))]
    case('ntp_private_codes', more)

    # monlist (MON_GETLIST_1) responses: 1 to 6 entries of 72 bytes, IPv4 and IPv6 ones, entries the datagram
    # cuts or sizes other than 72, and MON_GETLIST's
    ent = lambda i, v6: struct.pack('!IIIIIIIHBBII', 10 + i, 20 + i, 0, 100 + i, 0xac1c0000 + i, 0xac1c000d, 0, 123,
                                    3, 4, 1 if v6 else 0, 0) + (bytes(15) + b'\1') * 2
    mon = [u4(123, 40126, priv(0x97 | (0x40 if n < 6 else 0), 0x00, 3, 42, n, 72,
                               b''.join(ent(i, i % 2 == 1) for i in range(n))), I13, I11, H11, H13)
           for n in range(1, 7)]
    mon += [
        u4(123, 40126, priv(0x97, 0x00, 3, 42, 3, 72, b''.join(ent(i, False) for i in range(2))), I13, I11, H11, H13),
        u4(123, 40126, priv(0x97, 0x00, 3, 42, 1, 72, ent(0, False)[:40]), I13, I11, H11, H13),
        u4(123, 40126, priv(0x97, 0x00, 3, 42, 2, 40, bytes(80)), I13, I11, H11, H13),
        u4(123, 40126, priv(0x97, 0x00, 3, 20, 1, 32, bytes(32)), I13, I11, H11, H13),
        u4(123, 40126, priv(0x97, 0x00, 2, 42, 1, 72, ent(0, False)), I13, I11, H11, H13),
    ]
    case('ntp_monlist', mon)


# ---------------------------------------------------------------- DHCP relay-agent and vendor options
def dhcp_cases():
    def bootp(op, xid, ciaddr, yiaddr, giaddr, opts, hops=0, flags=0x8000):
        return struct.pack('!BBBBIHH4s4s4s4s', op, 1, 6, hops, xid, 0, flags, ciaddr, yiaddr, Z4, giaddr) + \
            H11 + b'\0' * 10 + b'\0' * 64 + b'\0' * 128 + b'\x63\x82\x53\x63' + opts + b'\xff'
    o = lambda t, v: bytes([t, len(v)]) + v
    relay = o(82, o(1, b'eth0/1/3:100') + o(2, H11) + o(5, bytes([172, 28, 0, 0])) + o(9, struct.pack(
        '!IB', 3561, 4) + b'\x01\x02\x03\x04') + o(151, b'\0vpn1') + o(12, b'relay1'))
    vend43 = o(43, o(1, b'\x0a\x00\x00\x01') + o(2, b'pxe') + o(6, b'\x08') + o(255, b''))
    viv = o(125, struct.pack('!IB', 3561, 14) + o(1, b'00A0BC') + o(2, b'SN123456') + o(3, b'CPE'))
    vivc = o(124, struct.pack('!IB', 4491, 9) + b'docsis3.0')
    disc = o(53, b'\1') + o(61, b'\1' + H11) + o(60, b'PXEClient:Arch:00000:UNDI:002001') + o(93, b'\0\0') + \
        o(94, b'\1\2\1') + o(97, b'\0' + bytes(range(16))) + vivc + o(55, bytes([1, 3, 43, 60, 66, 67, 125])) + \
        relay
    offer = o(53, b'\2') + o(54, IGW) + o(51, b'\0\0\x0e\x10') + o(1, b'\xff\xff\xff\0') + o(3, IGW) + vend43 + \
        o(66, b'tftp.example') + o(67, b'pxelinux.0') + viv + relay
    req = o(53, b'\3') + o(50, I11) + o(54, IGW) + o(77, b'\x04corp\x03lab') + o(90, b'\1\1\0' + b'\0' * 8 + b'\x11'
                                                                               * 8) + relay
    ack = o(53, b'\5') + o(54, IGW) + o(51, b'\0\0\x0e\x10') + o(43, b'\x01\x04\xc0\xa8\x01\x01\x02\x02ab') + \
        o(120, b'\0\x03sip\x07example\x03com\0') + o(249, b'\x18\x0a\x01\x02' + IGW) + o(119, b'\x03lab\0') + relay
    inform = o(53, b'\x08') + o(82, o(1, b'')) + o(43, b'\xff')
    frames = [
        u4(67, 67, bootp(1, 0x1badcafe, Z4, Z4, IGW, disc, hops=1), IGW, I13, H13, GW),
        u4(67, 67, bootp(2, 0x1badcafe, Z4, I11, IGW, offer, hops=0), I13, IGW, GW, H13),
        u4(67, 67, bootp(1, 0x1badcafe, Z4, Z4, IGW, req, hops=1), IGW, I13, H13, GW),
        u4(67, 67, bootp(2, 0x1badcafe, Z4, I11, IGW, ack), I13, IGW, GW, H13),
        u4(68, 67, bootp(1, 0x2badcafe, I11, Z4, Z4, inform, flags=0), I11, IGW, GW),
        u4(68, 67, bootp(1, 0x3badcafe, Z4, Z4, Z4, o(53, b'\1') + o(82, b'\x01\x09ab') + o(125, b'\0\0')), Z4,
           b'\xff' * 4, BC),
    ]
    case('dhcp_relay_vendor', frames)


# ---------------------------------------------------------------- IPX in its four framings
def ipx_cases():
    NET1, NET2 = b'\0\0\0\x01', b'\0\0\0\x02'
    ipx = lambda ptype, dnet, dnode, dsock, snet, snode, ssock, data, ck=0xffff: struct.pack(
        '!HHBB4s6sH4s6sH', ck, 30 + len(data), 0, ptype, dnet, dnode, dsock, snet, snode, ssock) + data
    rip = ipx(1, Z4, BC, 0x453, Z4, H11, 0x453, struct.pack('!H', 1) + b'\xff' * 4 + struct.pack('!HH', 0xffff, 0xffff))
    ripr = ipx(1, Z4, H11, 0x453, NET1, GW, 0x453, struct.pack('!H', 2) + NET2 + struct.pack('!HH', 1, 2)
               + bytes([0, 0, 0, 3]) + struct.pack('!HH', 2, 3))
    sap = ipx(4, Z4, BC, 0x452, Z4, H11, 0x4000, struct.pack('!HH', 1, 4))
    sapr = ipx(4, Z4, H11, 0x452, NET1, GW, 0x452, struct.pack('!HH', 2, 4) + b'FS1'.ljust(48, b'\0') + NET1 + GW
               + struct.pack('!HH', 0x451, 1))
    ncp = ipx(17, NET1, GW, 0x451, NET2, H11, 0x4003, b'\x11\x11\x00\x00\x01\x00')
    frames = [
        eth(BC, H11, 0x8137, rip),
        eth(H11, GW, 0x8137, ripr),
        eth(BC, H11, len(sap), sap),
        eth(H11, GW, len(sapr), sapr),
        eth(GW, H11, 3 + len(ncp), b'\xe0\xe0\x03' + ncp),
        eth(GW, H11, 8 + len(ncp), b'\xaa\xaa\x03\0\0\0\x81\x37' + ncp),
        eth(BC, H11, 0x8137, ipx(20, Z4, BC, 0x455, NET1, H11, 0x455, b'\x01\x02' * 10)),
        eth(BC, H11, 0x8137, rip[:20]),
    ]
    case('ipx_framings', frames)


# ---------------------------------------------------------------- Kerberos (UDP 88 and 750)
def krb_cases():
    """print-krb.c: Kerberos 4's message types in both byte orders, other versions, names cut by the capture."""
    msgs = [b'\x04\x02alice\0\0EXAMPLE.ORG\0\x00\x00\x00\x01\x60krbtgt\0EXAMPLE.ORG\0',
            b'\x04\x03alice\0\0EXAMPLE.ORG\0' + b'\0' * 10 + b'\x34\x12',
            b'\x04\x04alice\0\0EXAMPLE.ORG\0' + b'\0' * 10 + b'\x12\x34',
            b'\x04\x06\x05\x01EXAMPLE.ORG\0\x07\x08',
            b'\x04\x0aalice\0\0EXAMPLE.ORG\0' + b'\0' * 4 + b'\x00\x08\0\0' + b'unknown principal\0',
            b'\x04\x0bbob\0x\0R\0\0\0\0\0\x09\0\0\0msg\0',
            b'\x04\x0ealice\0', b'\x04\x7e', b'\x04\x10', b'\x05\x02', b'\x6a\x81\x00', b'\x6b', b'\x02', b'\x09\x09',
            b'\x04\x02alice', b'\x04\x02alice\0inst', b'']
    frames = []
    for m in msgs:
        frames.append(u4(40000, 88, m))
        frames.append(u4(750, 40001, m, I13, I11, H11, H13))
    full = u4(40000, 88, msgs[0])
    case('krb_messages', frames + [(full, n) for n in range(42, len(full) + 1, 3)])


# ---------------------------------------------------------------- ARP variants
def arp(hrd, pro, hln, pln, op, sha, spa, tha, tpa):
    return struct.pack('!HHBBH', hrd, pro, hln, pln, op) + sha + spa + tha + tpa


def arp_cases():
    req = arp(1, 0x0800, 6, 4, 1, H11, I11, b'\0' * 6, I13)
    rep = arp(1, 0x0800, 6, 4, 2, H13, I13, H11, I11)
    tag = lambda tci, et: struct.pack('!HH', tci, et)
    frames = [
        eth(BC, H11, 0x88a8, tag(100, 0x8100) + tag(10, 0x0806) + req),
        eth(H11, H13, 0x88a8, tag(100, 0x8100) + tag((6 << 13) | 10, 0x0806) + rep),
        eth(BC, H11, 0x8100, tag(7, 0x8100) + tag(8, 0x8100) + tag(9, 0x0806) + req),
        eth(BC, H11, 0x8100, tag(11, 0x8035) + arp(1, 0x0800, 6, 4, 3, H11, Z4, H11, Z4)),
        eth(H11, GW, 0x8100, tag(11, 0x8035) + arp(1, 0x0800, 6, 4, 4, GW, IGW, H11, I11)),
        eth(BC, H11, 0x8100, tag(12, 0x0806) + arp(6, 0x0800, 6, 4, 1, H11, I11, BC, I13)),
        eth(BC, H11, 0x8100, tag(13, 36) + b'\xaa\xaa\x03\0\0\0\x08\x06' + req),
        eth(H13, H11, 0x0806, arp(15, 0x0800, 2, 4, 8, b'\x04\x01', I11, b'\x04\x02', Z4)),
        eth(H11, H13, 0x0806, arp(15, 0x0800, 2, 4, 9, b'\x04\x02', I13, b'\x04\x01', I11)),
        eth(H13, H11, 0x0806, arp(1, 0x0800, 6, 4, 8, H11, I11, H13, Z4)),
        eth(BC, H11, 0x0806, arp(1, 0x86dd, 6, 16, 1, H11, L11, b'\0' * 6, L13)),
        eth(BC, H11, 0x0806, arp(1, 0x0800, 6, 4, 1, H11, I11, b'\0' * 6, I13) + b'\xde\xad\xbe\xef' * 4 + b'\x55\xaa'),
        eth(BC, H11, 0x0806, arp(0x0100, 0x0800, 6, 4, 1, H11, I11, b'\0' * 6, I13)),
        eth(BC, H11, 0x0806, arp(1, 0x0008, 6, 4, 0x0100, H11, I11, b'\0' * 6, I13)),
        eth(BC, H11, 0x0806, arp(1, 0x0800, 4, 6, 1, H11[:4], I11 + b'\0\0', b'\0' * 4, I13 + b'\0\0')),
        eth(BC, H11, 0x0806, arp(1, 0x0800, 255, 255, 1, b'', b'', b'', b'') + bytes(18)),
        eth(BC, H11, 0x0806, arp(1, 0x0800, 6, 4, 2, H13, I13, BC, I13)),
        eth(BC, H11, 0x0806, arp(1, 0x0800, 6, 4, 1, H11, I11, b'\0' * 6, I11)),
        eth(BC, H11, 0x0806, arp(1, 0x0800, 6, 4, 1, b'\0' * 6, Z4, b'\0' * 6, Z4)),
        eth(BC, H11, 0x0806, arp(20, 0x0800, 6, 4, 1, H11, I11, b'\0' * 6, I13)),
        eth(BC, H11, 0x0806, arp(17, 0x0800, 1, 4, 1, b'\x07', I11, b'\0', I13)),
    ]
    case('arp_variants', frames)
    vreq = eth(BC, H11, 0x8100, tag(10, 0x0806) + req, pad=False)
    case('arp_vlan_cut_each_byte', [(vreq, n) for n in range(0, len(vreq) + 1)])
    qreq = eth(BC, H11, 0x88a8, tag(100, 0x8100) + tag(10, 0x0806) + rep, pad=False)
    case('arp_qinq_cut_each_byte', [(qreq, n) for n in range(14, len(qreq) + 1)])
    frames = [eth(BC, H11, 0x0806, req), eth(H11, H13, 0x0806, rep), eth(BC, H11, 0x8100, tag(10, 0x0806) + req),
              eth(BC, H11, 0x8035, arp(1, 0x0800, 6, 4, 3, H11, Z4, H11, Z4))]
    for snap in (14, 16, 22, 28, 33, 38, 41):
        case('arp_snaplen_%d' % snap, frames, snaplen=snap)


# ---------------------------------------------------------------- IPv6 extension headers
def ext_cases():
    ping = lambda s, d: icmp6(128, 0, struct.pack('!HH', 0x77, 1) + b'ping6data', s, d)
    opts = lambda nh, body: bytes([nh, (len(body) + 2) // 8 - 1]) + body
    frames = [
        e6(ip6(0, opts(58, b'\x05\x02\x00\x00\x01\x00') + icmp6(143, 0, struct.pack('!HH', 0, 0), L11, ALLN), L11,
               ALLN, 1), bytes.fromhex('333300000016')),
        e6(ip6(0, opts(60, b'\x01\x04\0\0\0\0') + opts(58, b'\x1e\x04\xde\xad\xbe\xef') + ping(G11, G13), G11, G13)),
        e6(ip6(60, opts(58, b'\xc9\x10' + G11 + b'\x01\x04\0\0\0\0') + ping(G11, G13), G11, G13)),
        e6(ip6(60, opts(58, b'\x04\x01\x05\x01\x01\x00') + ping(G11, G13), G11, G13)),
        e6(ip6(60, opts(58, b'\x8b\x04\x00\x00\x00\x00') + ping(G11, G13), G11, G13)),
        e6(ip6(43, bytes([58, 4, 0, 1, 0, 0, 0, 0]) + G13 + G11 + ping(G11, G13), G11, G13)),
        e6(ip6(43, bytes([58, 2, 2, 1, 0, 0, 0, 0]) + G13 + ping(G11, G13), G11, G13)),
        e6(ip6(43, bytes([58, 4, 4, 1, 1, 0, 0, 0]) + G13 + G11 + ping(G11, G13), G11, G13)),
        e6(ip6(43, bytes([58, 2, 3, 1, 0x88, 0, 0, 0]) + G13[8:] + b'\0' * 8 + ping(G11, G13), G11, G13)),
        e6(ip6(43, bytes([58, 0, 0, 0, 0, 0, 0, 0]) + ping(G11, G13), G11, G13)),
        e6(ip6(44, struct.pack('!BBHI', 58, 0, 1, 0x01020304) + ping(G11, G13)[:8], G11, G13)),
        e6(ip6(44, struct.pack('!BBHI', 58, 0, (8 << 3), 0x01020304) + b'ping6data', G11, G13)),
        e6(ip6(44, struct.pack('!BBHI', 17, 0, 0, 0x01020305) + udp(40000, 50000, b'atomic', G11, G13), G11, G13)),
        e6(ip6(0, opts(43, b'\x01\x04\0\0\0\0') + bytes([44, 2, 0, 1, 0, 0, 0, 0]) + G13 + struct.pack(
            '!BBHI', 60, 0, 1, 7) + opts(59, b'\x01\x04\0\0\0\0'), G11, G13)),
        e6(ip6(51, struct.pack('!BBHII', 58, 4, 0, 0x100, 3) + b'\x0a' * 12 + ping(G11, G13), G11, G13)),
        e6(ip6(50, struct.pack('!II', 0x200, 5) + b'\x0b' * 32, G11, G13)),
        e6(ip6(135, bytes([59, 1, 5, 0, 0, 0, 0x12, 0x34, 0, 0, 0, 0, 0, 0, 0, 0]), G11, G13)),
        e6(ip6(0, opts(58, b'\xc2\x04\x00\x01\x00\x00') + ping(G11, G13), G11, G13)),
        e6(ip6(0, opts(58, b'\x00' * 6)[:4], G11, G13)),
        e6(ip6(0, bytes([60, 0, 1, 4, 0, 0, 0, 0]) + bytes([0, 0, 1, 4, 0, 0, 0, 0]) + ping(G11, G13), G11, G13)),
        e6(ip6(4, ip(1, struct.pack('!BBHHH', 8, 0, 0xf7fe, 1, 0), I11, I13), G11, G13)),
        e6(ip6(41, ip6(58, ping(L11, L13), L11, L13), G11, G13)),
        e6(ip6(60, opts(6, b'\x01\x04\0\0\0\0') + tcp(40000, 80, 1, 0, 2, b'', G11, G13), G11, G13)),
    ]
    case('ipv6_extension_headers', frames)
    full = frames[13]
    case('ipv6_ext_chain_cut', [(full, n) for n in range(54, len(full) + 1, 2)])


# ---------------------------------------------------------------- ICMPv6 / ND with options
def nd_cases():
    o = lambda t, body: bytes([t, (len(body) + 2) // 8]) + body
    sll = o(1, H11)
    pref = o(3, struct.pack('!BBIII', 64, 0xe0, 2592000, 604800, 0) + G11[:8] + b'\0' * 8)
    mtu = o(5, struct.pack('!HI', 0, 9000))
    rdnss = o(25, struct.pack('!HI', 0, 1200) + G13 + G11)
    dnssl = o(31, struct.pack('!HI', 0, 1200) + b'\x07example\x03com\0\x03lab\0\0\0\0\0\0')
    rio = o(24, struct.pack('!BBI', 48, 0x08, 1800) + G13[:8])
    rio0 = o(24, struct.pack('!BBI', 0, 0x18, 600))
    nonce = o(14, b'\x01\x02\x03\x04\x05\x06')
    adv = o(7, struct.pack('!HI', 0, 1000))
    hai = o(8, struct.pack('!HHH', 0, 10, 1800))
    captive = o(37, b'https://portal.example/\0')
    pref64 = o(38, struct.pack('!H', 0x0708) + bytes.fromhex('0064ff9b00000000') + b'\0\0\0\0')
    m = lambda t, c, body, s=L13, d=ALLN, dm=bytes.fromhex('333300000001'), sm=GW: e6(ip6(58, icmp6(t, c, body, s, d),
                                                                                       s, d, 255), dm, sm)
    ra = struct.pack('!BBHII', 64, 0xc8, 1800, 30000, 1000)
    redir_hdr = o(4, b'\0' * 6 + ip6(17, udp(40000, 53, b'q' * 8, G11, G13), G11, G13)[:48 - 8])
    frames = [
        m(134, 0, ra + o(1, GW) + mtu + pref + rdnss + dnssl + rio + rio0 + adv + hai + captive + pref64),
        m(134, 0, ra + o(1, GW) + pref[:2] + pref[2:]),
        m(133, 0, Z4 + sll, L11, ALLR, bytes.fromhex('333300000002'), H11),
        m(135, 0, Z4 + G13 + sll + nonce, G11, bytes.fromhex('ff0200000000000000000001ff000013'),
          bytes.fromhex('3333ff000013'), H11),
        m(135, 0, Z4 + G13 + nonce, bytes(16), bytes.fromhex('ff0200000000000000000001ff000013'),
          bytes.fromhex('3333ff000013'), H11),
        m(136, 0, struct.pack('!I', 0xe0000000) + G13 + o(2, H13), G13, G11, H11, H13),
        m(136, 0, struct.pack('!I', 0x20000000) + G13 + o(2, H13) + o(0, b'\0' * 6), G13, ALLN),
        m(137, 0, Z4 + G13 + L13 + o(2, H13) + redir_hdr, L11, L13, H13, H11),
        m(134, 0, ra + o(99, b'\1\2\3\4\5\6') + o(3, b'\0' * 14)),
        m(134, 0, ra + bytes([1, 0]) + H11),
        m(134, 0, ra + o(1, GW)[:5]),
        m(135, 0, Z4 + G13 + o(1, H11 + b'\0' * 8), G11, G13, H13, H11),
        m(139, 0, struct.pack('!HH', 0x0004, 0) + b'\x01' * 8 + b'\0', G11, G13, H13, H11),
        m(140, 0, struct.pack('!HH', 0x0000, 0) + b'\x01' * 8 + G13, G13, G11, H11, H13),
        m(4, 1, struct.pack('!I', 40) + ip6(60, b'\x3b\x00\xff\x04\x00\x00\x00\x00', G11, G13), G13, G11, H11, H13),
        m(1, 3, Z4 + ip6(17, udp(40000, 33434, b'', G11, G13), G11, G13, 1), G13, G11, H11, H13),
        m(1, 5, Z4 + ip6(6, tcp(40000, 443, 1, 0, 2, b'', G11, G13), G11, G13), G13, G11, H11, H13),
        m(1, 6, Z4, G13, G11, H11, H13),
        m(3, 1, Z4 + ip6(44, struct.pack('!BBHI', 17, 0, 1, 9) + b'\0' * 16, G11, G13), G13, G11, H11, H13),
        m(130, 0, struct.pack('!HH', 1000, 0) + b'\0' * 16 + struct.pack('!BBH', 0x0a, 125, 2) + G13 + G11, L13,
          ALLN),
        m(131, 0, struct.pack('!HH', 0, 0) + bytes.fromhex('ff0200000000000000000001ff000013'), L11,
          bytes.fromhex('ff0200000000000000000001ff000013')),
        m(132, 0, struct.pack('!HH', 0, 0) + bytes.fromhex('ff0200000000000000000001ff000013'), L11, ALLR),
        m(143, 0, struct.pack('!HH', 0, 2) + struct.pack('!BBH', 1, 0, 1) + bytes.fromhex(
            'ff0e0000000000000000000000000123') + G13 + struct.pack('!BBH', 6, 0, 0) + bytes.fromhex(
            'ff050000000000000000000000000002'), L11, bytes.fromhex('ff020000000000000000000000000016')),
        m(128, 0, struct.pack('!HH', 0x1234, 0xffff) + bytes(range(56)), G11, G13, H13, H11),
    ]
    case('icmpv6_nd_options', frames)
    case('icmpv6_ra_cut', [(frames[0], n) for n in range(54, len(frames[0]) + 1, 5)])


# ---------------------------------------------------------------- odd Ethernet lengths
def eth_cases():
    arpreq = arp(1, 0x0800, 6, 4, 1, H11, I11, b'\0' * 6, I13)
    ping = ip(1, struct.pack('!BBHHH', 8, 0, 0xf7fe, 1, 0) + b'x' * 20)
    frames = [
        eth(BC, H11, 0x0806, arpreq + bytes(30), pad=False),
        eth(BC, H11, 0x0806, arpreq + bytes(1500 - 28), pad=False),
        eth(H13, H11, 0x0800, ping + bytes(1), pad=False),
        eth(H13, H11, 0x0800, ping, pad=False)[:-5],
        eth(H13, H11, 0x0800, ping[:14], pad=False),
        eth(BC, H11, 46, b'\xaa\xaa\x03\0\0\0\x08\x06' + arpreq + bytes(10)),
        eth(BC, H11, 100, b'\xaa\xaa\x03\0\0\0\x08\x06' + arpreq),
        eth(BC, H11, 20, b'\xaa\xaa\x03\0\0\0\x08\x00' + ping),
        eth(BC, H11, 1500, b'\xf0\xf0\x03' + bytes(1497), pad=False),
        eth(BC, H11, 1499, b'\xf0\xf0\x03' + bytes(1497), pad=False),
        eth(BC, H11, 2, b'\xe0\xe0'),
        eth(BC, H11, 1, b'\xe0'),
        eth(BC, H11, 0x0600, bytes(46)),
        eth(BC, H11, 0x05ff, bytes(46)),
        eth(BC, H11, 0x86dd, b'\x60', pad=False),
        eth(BC, H11, 0x0800, b'\x45\x00', pad=False),
        eth(H13, H11, 0x0800, ip(17, udp(40000, 50000, bytes(1000)), tot=60)[:60] + bytes(20), pad=False),
        eth(H13, H11, 0x8100, struct.pack('!HH', 0, 0x0800) + ping + bytes(30), pad=False),
        eth(BC, H11, 0x8100, struct.pack('!HH', 5, 30) + b'\xaa\xaa\x03\0\0\0\x08\x06' + arpreq[:22]),
    ]
    case('ethernet_lengths', frames)


isakmp_cases()
eigrp_cases()
ospf6_cases()
pppoe_cases()
dns_tcp_cases()
snmp_cases()
tftp_cases()
netbios_cases()
ntp_cases()
dhcp_cases()
ipx_cases()
krb_cases()
arp_cases()
ext_cases()
nd_cases()
eth_cases()
write_all(OUT)
