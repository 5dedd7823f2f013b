#!/usr/bin/env python3
"""Writes the ninth held-out round's cases (refdata/tcpdump/heldout21/<case>/<case>.pcap) in the public corpus's
style: classic pcap, microsecond stamps from 1700000000.000000 one 1.012345 s apart, LINKTYPE_ETHERNET, the corpus's
hosts; bytes built by hand (no scapy, no randomness). What the corpora held none or little of (grep first: VXLAN-GPE,
NSH, MPLS in UDP and L2TP only in round 18's two cases each, PTP only in round 16's 21 frames, no MPLS over Ethernet
with a reserved label, no L2TPv3 over UDP beyond a header, no AODV, OLSR, Babel, LDP, LISP or LSP ping message, only
text to their ports): OVS's VXLAN-GPE with every payload it carries (`lab_ovs_vxlan_gpe`) and every flag and next
protocol (`vxlan_gpe_flags`); an NSH service function chain over Ethernet and VXLAN-GPE (`lab_nsh_sfc`), MD type 2
TLVs (`nsh_md2_tlvs`) and NSH headers every way odd (`nsh_odd`); an L3VPN over MPLS in UDP (`lab_mpls_udp_vpn`), the
reserved labels, entropy labels and deep stacks (`mpls_udp_labels`), odd stacks and payloads (`mpls_udp_odd`) and the
same over Ethernet (`mpls_ethertype`); an xl2tpd LAC's session with PPP inside (`lab_l2tp_lac`), L2TPv3 over UDP
(`l2tpv3_udp`) and L2TP headers every way odd (`l2tp_headers_odd`); ptp4l's end-to-end exchange over UDP
(`lab_ptp_udp`), the peer-to-peer one over Ethernet with signaling and management (`ptp_l2_p2p`) and PTP every way odd
(`ptp_odd`); AODV route discovery (`lab_aodv`), OLSR and Babel (`lab_olsr_babel`), LDP, LISP and LSP ping
(`lab_ldp_lisp_lspping`); and a mix of those cut at each snaplen from 42 to 130 (`tunnels21_snaplen_N`).
record-heldout.sh 21 prints them with the real tools. Usage: gen-heldout21.py OUTDIR"""
import struct, sys

from heldout_frames import (BC, G11, G13, GW, H11, H12, H13, H14, I11, I12, I13, I14, IGW, L11, L13, R1, R2, R3,
                            Z6, case, csum, eth, eu, eu6, ip, ip6, l4sum, tcp_syn, u16, u32, udp, write_all)

OUT = sys.argv[1] if len(sys.argv) > 1 else 'src/test/resources/refdata/tcpdump/heldout21'


def arp(op, sha, spa, tha, tpa):
    return struct.pack('!HHBBH', 1, 0x0800, 6, 4, op) + sha + spa + tha + tpa


def icmp_echo(ident, seq, data=b'abcdefgh', t=8):
    b = struct.pack('!BBHHH', t, 0, 0, ident, seq) + data
    return b[:2] + struct.pack('!H', csum(b)) + b[4:]


def icmp6(t, c, body, src=L11, dst=L13):
    m = bytes([t, c, 0, 0]) + body
    return m[:2] + struct.pack('!H', l4sum(58, m, src, dst)) + m[4:]


ARP_REQ = eth(BC, H12, 0x0806, arp(1, H12, I12, Z6, I14), pad=False)
ARP_REP = eth(H12, H14, 0x0806, arp(2, H14, I14, H12, I12), pad=False)
PING = ip(1, icmp_echo(0x91, 1), I12, I14)
PONG = ip(1, icmp_echo(0x91, 1, t=0), I14, I12)
PING6 = ip6(58, icmp6(128, 0, struct.pack('!HH', 0x91, 2) + b'abcdefgh', G11, G13), G11, G13)
DNSQ = ip(17, udp(40001, 53, bytes.fromhex('1a2b01000001000000000000') + b'\x03www\x07example\x00\x00\x01\x00\x01',
                  I12, I14), I12, I14)
SYN = ip(6, tcp_syn(40002, 443, I12, I14), I12, I14)
NS6 = ip6(58, icmp6(135, 0, bytes(4) + L13 + b'\x01\x01' + H11, L11, bytes.fromhex('ff0200000000000000000001ff1c000d')),
          L11, bytes.fromhex('ff0200000000000000000001ff1c000d'), hlim=255)
E_PING = eth(H14, H12, 0x0800, PING, pad=False)
E_PING6 = eth(H14, H12, 0x86dd, PING6, pad=False)


# ---------------------------------------------------------------- VXLAN-GPE
def gpe(vni, np, inner, flags=0x0c, rsv=0, rsv1=0):
    return struct.pack('!BHB', flags, rsv1, np) + u32((vni << 8) | rsv) + inner


def lab_ovs_vxlan_gpe():
    G = lambda data, sport=52000, **kw: eu(sport, 4790, data, **kw)
    f = [
        G(gpe(1000, 3, ARP_REQ)), G(gpe(1000, 3, ARP_REP), 52001, src=I13, dst=I11, smac=H13, dmac=H11),
        G(gpe(1000, 3, E_PING)), G(gpe(1000, 3, eth(H12, H14, 0x0800, PONG, pad=False)), 52003),
        G(gpe(1000, 3, E_PING6)), G(gpe(1000, 3, eth(bytes.fromhex('3333ff1c000d'), H11, 0x86dd, NS6, pad=False))),
        G(gpe(2000, 1, PING)), G(gpe(2000, 1, PONG), 52005), G(gpe(2000, 1, DNSQ)), G(gpe(2000, 1, SYN)),
        G(gpe(3000, 2, PING6)), G(gpe(3000, 2, ip6(17, udp(5353, 5353, b'\0' * 12, G11, G13), G11, G13))),
        G(gpe(4000, 3, eth(H14, H12, 0x8100, u16(0x0064) + u16(0x0800) + PING, pad=False))),
        eu6(52010, 4790, gpe(1000, 3, ARP_REQ), G11, G13), eu6(52011, 4790, gpe(2000, 1, PING), G11, G13),
        eu(4790, 4790, gpe(1000, 3, E_PING)), eu(4790, 52012, gpe(2000, 1, PONG)),
    ]
    case('lab_ovs_vxlan_gpe', f)


def vxlan_gpe_flags():
    G = lambda data: eu(52100 + len(data) % 11, 4790, data)
    f = [G(gpe(7, 1, PING, flags=fl)) for fl in (0x00, 0x04, 0x08, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x20, 0x30, 0x3c,
                                                  0xc0, 0xff)]
    f += [G(gpe(7, npr, PING if npr == 1 else b'\0' * 20)) for npr in (0, 4, 5, 6, 7, 0x80, 0x81, 0xff)]
    f += [G(gpe(0, 1, PING)), G(gpe(0xffffff, 1, PING, rsv=0xff, rsv1=0xffff)), G(gpe(5, 1, b'')),
          G(gpe(5, 2, b'')), G(gpe(5, 3, b'')), G(gpe(5, 3, ARP_REQ[:10])), G(gpe(5, 1, PING[:12]))]
    f += [G(gpe(9, 1, PING)[:n]) for n in range(1, 8)]
    case('vxlan_gpe_flags', f)


# ---------------------------------------------------------------- NSH
def nsh(np, inner, md=1, ctx=None, ttl=63, spi=0x123, si=255, oam=False, ver=0, length=None, ubit=0):
    if ctx is None:
        ctx = b''.join(u32(0x1000 + i) for i in range(4)) if md == 1 else b''
    ln = length if length is not None else 2 + len(ctx) // 4
    base = (ver << 30) | (0x20000000 if oam else 0) | (ubit << 28) | (ttl << 22) | (ln << 16) | (md << 8) | np
    return u32(base) + u32((spi << 8) | si) + ctx + inner


def md2tlv(cls, t, val, ln=None):
    return struct.pack('!HBB', cls, t, len(val) if ln is None else ln) + val + b'\0' * (-len(val) % 4)


def lab_nsh_sfc():
    ctx = lambda *v: b''.join(u32(x) for x in v)
    G = lambda data, sport=52200: eu(sport, 4790, data)
    f = []
    # the classifier, two service functions and the last one's decapsulation: SI 255, 254, 253
    for si, ttl in ((255, 63), (254, 62), (253, 61)):
        f.append(G(gpe(10, 4, nsh(1, PING, ctx=ctx(0xac1c000c, 0, 0x64, 0x1), spi=0x42, si=si, ttl=ttl))))
        f.append(eth(H13, H11, 0x894f, nsh(3, E_PING, ctx=ctx(0xac1c000c, 0, 0x64, 0x1), spi=0x42, si=si, ttl=ttl)))
    f += [
        G(gpe(10, 4, nsh(2, PING6, spi=0x43, si=200))), G(gpe(10, 4, nsh(3, ARP_REQ, spi=0xffffff, si=0))),
        G(gpe(10, 4, nsh(4, nsh(1, PING, spi=7), spi=8))), G(gpe(10, 4, nsh(5, u32((100 << 12) | 0x140) + PING))),
        eth(H13, H11, 0x894f, nsh(1, PING, spi=0x44, si=1)), eth(H13, H11, 0x894f, nsh(2, PING6, spi=0x44)),
        eth(H13, H11, 0x894f, nsh(4, nsh(3, ARP_REP))), eth(H13, H11, 0x894f, nsh(1, PING, oam=True)),
        eth(H13, H11, 0x894f, nsh(1, PING, md=2, ctx=md2tlv(0x0000, 1, ctx(0x11223344)))),
        eth(H13, H11, 0x8100, u16(0x0064) + u16(0x894f) + nsh(1, PING)),
        eu6(52201, 4790, gpe(10, 4, nsh(2, PING6)), G11, G13),
    ]
    case('lab_nsh_sfc', f)


def nsh_md2_tlvs():
    N = lambda c, inner=PING, np=1, **kw: eth(H13, H11, 0x894f, nsh(np, inner, md=2, ctx=c, **kw))
    f = [
        N(b''), N(md2tlv(0x0101, 1, b'\xaa\xbb\xcc\xdd')), N(md2tlv(0x0101, 1, b'\xaa') + md2tlv(0x0102, 2, b'\xbb' * 7)),
        N(md2tlv(0xffff, 0xff, b'')), N(md2tlv(0x0001, 0x80, b'\x01\x02\x03\x04' * 3) + md2tlv(2, 3, b'x')),
        N(b''.join(md2tlv(i, i, bytes([i]) * 4) for i in range(1, 5))),
        N(md2tlv(5, 5, b'\0' * 4, ln=12)), N(md2tlv(5, 5, b'\0' * 8, ln=1)), N(md2tlv(5, 5, b'\0' * 4, ln=127)),
        N(md2tlv(5, 5, b''), length=1), N(md2tlv(5, 5, b'12345678'), length=3), N(b'\0\1\2', length=3),
        N(md2tlv(6, 6, b'abcd'), inner=ARP_REQ, np=3), N(md2tlv(6, 6, b'abcd'), inner=PING6, np=2),
        eu(52300, 4790, gpe(11, 4, nsh(1, PING, md=2, ctx=md2tlv(0x0107, 0x81, b'\xde\xad\xbe\xef')))),
    ]
    case('nsh_md2_tlvs', f)


def nsh_odd():
    N = lambda inner=PING, np=1, **kw: eth(H13, H11, 0x894f, nsh(np, inner, **kw))
    f = [N(ver=v) for v in (1, 2, 3)]
    f += [N(ttl=t) for t in (0, 1, 32)] + [N(ubit=1), N(oam=True, ubit=1, ttl=0)]
    f += [N(length=n, ctx=b'\0' * 16) for n in (0, 1, 2, 3, 5, 6, 7, 63)]
    f += [N(md=m, ctx=b'\0' * 8, length=4) for m in (0, 3, 4, 0xe, 0xf)]
    f += [N(np=n, inner=b'\x45' + b'\0' * 19) for n in (0, 6, 7, 0x40, 0xfe, 0xff)]
    f += [N(inner=b''), N(np=3, inner=b'\0' * 10), N(np=2, inner=b'\x60\0\0')]
    full = nsh(1, PING)
    f += [eth(H13, H11, 0x894f, full[:n], pad=False) for n in (0, 1, 4, 7, 8, 12, 23)]
    case('nsh_odd', f)


# ---------------------------------------------------------------- MPLS in UDP (RFC 7510) and over Ethernet
def lse(label, tc=0, s=False, ttl=64):
    return u32((label << 12) | (tc << 9) | (0x100 if s else 0) | ttl)


def lab_mpls_udp_vpn():
    M = lambda data, sport=49200, src=R1, dst=R2: eu(sport, 6635, data, src, dst)
    f = [
        M(lse(16001) + lse(24001, s=True) + PING), M(lse(16002) + lse(24001, s=True) + PONG, 49201, src=R2, dst=R1),
        M(lse(16001) + lse(24002, s=True) + DNSQ), M(lse(16001) + lse(24002, s=True) + SYN),
        M(lse(16001) + lse(24003, s=True) + PING6), M(lse(24001, s=True, ttl=63) + PING),
        M(lse(3, s=True) + PING), M(lse(0, s=True, ttl=1) + PING), M(lse(2, s=True) + PING6),
        M(lse(16001, tc=5) + lse(24010, tc=5, s=True) + b'\0\0\0\0' + E_PING),
        M(lse(16001) + lse(24011, s=True) + b'\0\0\0\x07' + ARP_REQ),
        eu6(49202, 6635, lse(16001) + lse(24003, s=True) + PING6, G11, G13),
        eu(6635, 6635, lse(24001, s=True) + PING, R1, R2),
    ]
    case('lab_mpls_udp_vpn', f)


def mpls_udp_labels():
    M = lambda data: eu(49300 + len(data) % 5, 6635, data, R1, R2)
    f = [M(lse(lb, s=True) + (PING6 if lb == 2 else PING)) for lb in range(16)]
    f += [
        M(lse(16001) + lse(7) + lse(0x12345) + lse(24001, s=True) + PING),
        M(lse(16001) + lse(13, s=True) + bytes.fromhex('10000021') + b'\0' * 16),
        M(lse(13, s=True) + bytes.fromhex('10007ffa') + b'\0' * 8),
        M(lse(14, s=True) + bytes.fromhex('10000007') + b'\0' * 8),
        M(b''.join(lse(100 + i) for i in range(5)) + lse(200, s=True) + PING),
        M(lse(16001, tc=7, ttl=255) + lse(24001, tc=1, s=True, ttl=0) + PING),
        M(lse(0xfffff, s=True) + PING),
    ]
    case('mpls_udp_labels', f)


def mpls_udp_odd():
    M = lambda data: eu(49400 + len(data) % 5, 6635, data, R1, R2)
    f = [M(lse(24001, s=True) + bytes([n << 4]) + b'\0' * 23) for n in (0, 1, 2, 3, 5, 7, 8, 9, 0xf)]
    f += [M(lse(24001, s=True) + b'\0\0\0\0' + bytes(14)), M(lse(24001, s=True) + b'\x10\0\0\0'),
          M(lse(24001) + lse(24002)), M(lse(24001)), M(b'\0'), M(b'\0\0\x01'), M(lse(24001, s=True)),
          M(lse(24001, s=True) + b'\x45'), M(lse(24001, s=True) + b'\x60\0'),
          M(lse(24001, s=True) + b'\0\0\0\0'), M(lse(24001, s=True) + b'\0\0\0\0' + b'\x02\x42'),
          eu(6635, 40000, lse(24001, s=True) + PING, R1, R2), eu(40000, 6635, lse(1, s=True) + PING, R1, R2)]
    case('mpls_udp_odd', f)


def mpls_ethertype():
    E = lambda data, t=0x8847: eth(H13, H11, t, data)
    f = [E(lse(16001) + lse(24001, s=True) + PING), E(lse(0, s=True) + PING), E(lse(2, s=True) + PING6),
         E(lse(24001, s=True) + b'\0\0\0\0' + E_PING), E(lse(24001, s=True) + ARP_REQ),
         E(lse(13, s=True) + bytes.fromhex('10000021') + b'\0' * 8), E(lse(24001, s=True) + b'\x15' + b'\0' * 10),
         E(lse(1) + lse(24001, s=True) + PING), E(lse(24001)), E(b'\0\0'),
         E(lse(16001) + lse(24001, s=True) + PING, 0x8848), E(lse(3, s=True) + PING6, 0x8848),
         eth(H13, H11, 0x8100, u16(0x00c8) + u16(0x8847) + lse(24001, s=True) + PING)]
    case('mpls_ethertype', f)


# ---------------------------------------------------------------- L2TP
def avp(t, val, m=True, h=False, vendor=0):
    return struct.pack('!HHH', (0x8000 if m else 0) | (0x4000 if h else 0) | (6 + len(val)), vendor, t) + val


def l2tp_ctl(tid, sid, ns, nr, avps, ver=2):
    body = struct.pack('!HH', tid, sid) + struct.pack('!HH', ns, nr) + avps
    return struct.pack('!HH', 0xc800 | ver, 4 + len(body)) + body


def l2tp_data(tid, sid, ppp, flags=0x0002, seq=None, offset=None, length=False):
    if seq is not None:
        flags |= 0x0800
    if offset is not None:
        flags |= 0x0200
    if length:
        flags |= 0x4000
    body = struct.pack('!HH', tid, sid)
    if seq is not None:
        body += struct.pack('!HH', *seq)
    if offset is not None:
        body += struct.pack('!H', offset) + b'\0' * offset
    body += ppp
    if length:
        return struct.pack('!HH', flags, 4 + len(body)) + body
    return struct.pack('!H', flags) + body


def lab_l2tp_lac():
    S = lambda *a, **kw: eu(1701, 1701, l2tp_ctl(*a, **kw), I11, I13)
    R = lambda *a, **kw: eu(1701, 1701, l2tp_ctl(*a, **kw), I13, I11, H13, H11)
    D = lambda ppp, **kw: eu(1701, 1701, l2tp_data(0x3e, 0x51, ppp, **kw), I11, I13)
    f = [
        S(0, 0, 0, 0, avp(0, u16(1)) + avp(2, u16(0x0100)) + avp(3, u32(3)) + avp(4, u32(0)) + avp(6, u16(0x0690),
                                                                                                     False)
          + avp(7, b'lac1') + avp(8, b'xl2tpd', False) + avp(9, u16(0x2f)) + avp(10, u16(4))),
        R(0x2f, 0, 0, 1, avp(0, u16(2)) + avp(2, u16(0x0100)) + avp(3, u32(3)) + avp(7, b'lns1') + avp(9, u16(0x3e))
          + avp(10, u16(4))),
        S(0x3e, 0, 1, 1, avp(0, u16(3))), R(0x2f, 0, 1, 2, b''),
        S(0x3e, 0, 2, 1, avp(0, u16(10)) + avp(14, u16(0x17)) + avp(15, u32(1))),
        R(0x2f, 0x17, 2, 3, avp(0, u16(11)) + avp(14, u16(0x51))),
        S(0x3e, 0x51, 3, 2, avp(0, u16(12)) + avp(24, u32(10000000)) + avp(19, u32(2))),
        R(0x2f, 0x17, 3, 4, b''),
        D(bytes.fromhex('ff03c021010100130104057805060a0b0c0d030305c22305')),
        eu(1701, 1701, l2tp_data(0x2f, 0x17, bytes.fromhex('ff03c021020100130104057805060a0b0c0d030305c22305')),
           I13, I11, H13, H11),
        D(bytes.fromhex('ff03c22301010015107f00112233445566778899aabbccddeeff')),
        eu(1701, 1701, l2tp_data(0x2f, 0x17, bytes.fromhex('ff03c223030100040000')), I13, I11, H13, H11),
        D(bytes.fromhex('ff038021010100100306000000008106ac1c0001')),
        D(b'\xff\x03\x00\x21' + PING),
        D(b'\x00\x21' + PONG, seq=(4, 5)), D(b'\xff\x03\x00\x57' + PING6, length=True),
        S(0x3e, 0, 4, 4, avp(0, u16(6))), R(0x2f, 0, 4, 5, b''),
        S(0x3e, 0x51, 5, 4, avp(0, u16(14)) + avp(1, u16(3) + u16(0) + b'idle')),
        S(0x3e, 0, 6, 4, avp(0, u16(4)) + avp(9, u16(0x2f)) + avp(1, u16(1) + u16(0))),
        R(0x2f, 0, 5, 7, b''),
    ]
    case('lab_l2tp_lac', f)


def l2tpv3_udp():
    # RFC 3931 over UDP: a control message (T, L and S set, version 3, a connection ID), a data message (a
    # session ID of 0 is a control message's mark, else the session header and an Ethernet pseudowire)
    C = lambda ccid, ns, nr, avps: struct.pack('!HHIHH', 0xc803, 12 + len(avps), ccid, ns, nr) + avps
    U = lambda data, sport=1701, dport=1701: eu(sport, dport, data, R1, R2)
    f = [
        U(C(0, 0, 0, avp(0, u16(1)) + avp(2, u16(0x0100)) + avp(7, b'lcce1') + avp(61, u32(0x1234))
                     + avp(62, u16(5) + u16(4)))),
        U(C(0x1234, 0, 1, avp(0, u16(2)) + avp(7, b'lcce2') + avp(61, u32(0x5678)))),
        U(C(0x5678, 1, 1, avp(0, u16(3)))), U(C(0x1234, 1, 2, b'')),
        U(C(0x5678, 2, 1, avp(0, u16(10)) + avp(63, u32(0xabc)) + avp(68, u16(5)))),
        U(u32(0xabc) + E_PING), U(u32(0xabc) + b'\x40\0\0\x01' + E_PING), U(u32(0xabc) + ARP_REQ),
        U(u32(0) + struct.pack('!HHIHH', 0xc803, 12, 0x1234, 3, 2)),
        U(u32(0xabc)), U(b'\0\0'),
        U(C(0, 0, 0, avp(0, u16(1)))[:10]),
        U(struct.pack('!HHIHH', 0xc803, 40, 1, 0, 0)),
        U(struct.pack('!HHIHH', 0x8803, 12, 1, 0, 0)),
    ]
    case('l2tpv3_udp', f)


def l2tp_headers_odd():
    U = lambda data: eu(1701, 1701, data, I11, I13)
    f = []
    # each of the data header's flag combinations (T clear): L, S, O, P and their reserved bits
    for fl in (0x0002, 0x4002, 0x0802, 0x0202, 0x0102, 0x4a02, 0x4b02, 0x2002, 0x1002, 0x0402, 0x00f2):
        body = u16(0x11) + u16(0x22)
        if fl & 0x0800:
            body += u16(1) + u16(2)
        if fl & 0x0200:
            body += u16(2) + b'\0\0'
        body += b'\xff\x03\x00\x21' + PING
        f.append(U(u16(fl) + (u16(4 + len(body)) if fl & 0x4000 else b'') + body))
    f += [U(l2tp_ctl(1, 2, 3, 4, avp(0, u16(t)))) for t in (0, 5, 7, 8, 9, 13, 15, 16, 17, 20, 0xffff)]
    f += [U(l2tp_ctl(1, 2, 3, 4, b'')), U(l2tp_ctl(1, 2, 3, 4, avp(0, b'\0'))),
          U(u16(0xc802) + u16(8) + b'\0\1\0\2'), U(u16(0xc002) + u16(12) + b'\0' * 8),
          U(u16(0x8802) + u16(0) + b'\0' * 8), U(u16(0x0202) + u16(1) + u16(2) + u16(500) + b'\0' * 10)]
    f += [U(l2tp_data(1, 2, b'\xff\x03\x00\x21' + PING)[:n]) for n in (1, 2, 3, 5)]
    case('l2tp_headers_odd', f)


# ---------------------------------------------------------------- PTP
PTPM4 = bytes([224, 0, 1, 129])
PTPP4 = bytes([224, 0, 0, 107])
PTPM6 = bytes.fromhex('ff0e0000000000000000000000000181')


def clk(x):
    return bytes.fromhex('0242acfffe1c00') + bytes([x])


def pid(x, port=1):
    return clk(x) + u16(port)


def ts(s, n):
    return struct.pack('!HIi', s >> 32, s & 0xffffffff, n)


def ptp_hdr(mt, ln, flags, seq, control, lmi, corr=0, domain=0, ver=2, src=0x0b, port=1, sdo=0, minor=0):
    return struct.pack('!BBHBBH', (sdo << 4) | mt, (minor << 4) | ver, ln, domain, 0, flags) + \
        struct.pack('!q', corr << 16) + b'\0' * 4 + pid(src, port) + struct.pack('!HBb', seq, control, lmi)


def ptp(mt, body, flags=0, seq=1, control=5, lmi=0x7f, **kw):
    return ptp_hdr(mt, 34 + len(body), flags, seq, control, lmi, **kw) + body


def announce(gm, prio1=128, cls=248, acc=0xfe, var=0xffff, prio2=128, steps=0, src=0xa0, tlvs=b''):
    return ts(0, 0) + struct.pack('!hBBBBHB', 37, 0, prio1, cls, acc, var, prio2) + clk(gm) + \
        struct.pack('!HB', steps, src) + tlvs


def lab_ptp_udp():
    P = lambda sport, m, src=I11, smac=H11: eu(sport, sport, m, src, PTPM4, smac, bytes.fromhex('01005e000181'), 1)
    f = []
    for i in range(3):
        f.append(P(320, ptp(0xb, announce(0x0b, tlvs=struct.pack('!HH', 8, 8) + clk(0x0b)), flags=0x0008,
                            seq=10 + i, lmi=1)))
        f.append(P(319, ptp(0x0, ts(0, 0), flags=0x0200, seq=20 + i, control=0, lmi=0)))
        f.append(P(320, ptp(0x8, ts(1700000000 + i, 500000 + i), seq=20 + i, control=2, lmi=0, corr=17)))
        f.append(P(319, ptp(0x1, ts(0, 0), seq=30 + i, control=1, lmi=0x7f, src=0x0d), I13, H13))
        f.append(P(320, ptp(0x9, ts(1700000000 + i, 900000 + i) + pid(0x0d), seq=30 + i, control=3, lmi=0)))
    f += [
        P(320, ptp(0xb, announce(0x0d, prio1=255, cls=255), seq=1, lmi=1, src=0x0d), I13, H13),
        P(319, ptp(0x0, ts(1700000003, 1), seq=23, control=0, lmi=0)),
        eu6(319, 319, ptp(0x0, ts(0, 0), flags=0x0200, seq=40, control=0, lmi=0), L11, PTPM6, H11,
            bytes.fromhex('333300000181')),
        eu6(320, 320, ptp(0x8, ts(1700000004, 4), seq=40, control=2, lmi=0), L11, PTPM6, H11,
            bytes.fromhex('333300000181')),
        eu6(320, 320, ptp(0xb, announce(0x0b, cls=6, acc=0x21, var=0x4e5d), seq=41, lmi=1), L11, PTPM6, H11,
            bytes.fromhex('333300000181')),
        eu(319, 319, ptp(0x1, ts(0, 0), seq=50, control=1, lmi=0x7f, src=0x0d), I13, I11, H13, H11),
        eu(320, 320, ptp(0x9, ts(1700000005, 5) + pid(0x0d), seq=50, control=3, lmi=0), I11, I13),
    ]
    case('lab_ptp_udp', f)


def ptp_l2_p2p():
    E = lambda m, smac=H11, dst=bytes.fromhex('0180c200000e'): eth(dst, smac, 0x88f7, m)
    F = lambda m, smac=H11: E(m, smac, bytes.fromhex('011b19000000'))
    tlv = lambda t, v: u16(t) + u16(len(v)) + v
    f = [
        E(ptp(0x2, ts(0, 0) + bytes(10), seq=1, control=5, lmi=0)),
        E(ptp(0x3, ts(1700000000, 100) + pid(0x0d), flags=0x0200, seq=1, control=5, lmi=0x7f, src=0x0d), H13),
        E(ptp(0xa, ts(1700000000, 200) + pid(0x0b), seq=1, control=5, lmi=0x7f, src=0x0d, corr=250), H13),
        F(ptp(0x0, ts(1700000001, 0), seq=2, control=0, lmi=0)),
        F(ptp(0xb, announce(0x0b, tlvs=tlv(8, clk(0x0b) + clk(0x0c))), flags=0x0008, seq=3, lmi=1)),
        # signaling: unicast negotiation request, grant, cancel and acknowledgement
        F(ptp(0xc, pid(0x0d) + tlv(4, bytes([0xb0, 1]) + u32(300)), seq=4)),
        F(ptp(0xc, pid(0x0b) + tlv(5, bytes([0xb0, 1]) + u32(300) + b'\0\x01'), seq=4, src=0x0d), H13),
        F(ptp(0xc, pid(0x0d) + tlv(6, bytes([0x00, 0])), seq=5)),
        F(ptp(0xc, pid(0x0b) + tlv(7, bytes([0x00, 0])), seq=5, src=0x0d), H13),
        F(ptp(0xc, pid(0xff, 0xffff) + tlv(0x8000, b'\x00\x1b\x19' + b'\x00\x00\x01' + b'ab') + tlv(3, b'ab'), seq=6)),
        # management: GET default data set, a response, SET priority1, an error status
        F(ptp(0xd, pid(0xff, 0xffff) + bytes([1, 1, 0, 0]) + tlv(1, u16(0x2000)), seq=7, control=4)),
        F(ptp(0xd, pid(0x0b) + bytes([0, 0, 2, 0]) + tlv(1, u16(0x2000) + bytes([3, 0]) + u16(1) + bytes([128, 248,
                                                                                                          0xfe])
                                                           + u16(0xffff) + bytes([128]) + clk(0x0d) + bytes([0, 0])),
              seq=7, control=4, src=0x0d), H13),
        F(ptp(0xd, pid(0x0d) + bytes([1, 1, 0, 1]) + tlv(1, u16(0x2005) + bytes([100, 0])), seq=8, control=4)),
        F(ptp(0xd, pid(0x0b) + bytes([0, 0, 2, 0]) + tlv(2, u16(2) + u16(0x2005) + u32(0) + b'\x03bad\0'), seq=8,
              control=4, src=0x0d), H13),
        F(ptp(0xd, pid(0xff, 0xffff) + bytes([1, 1, 0, 0]) + tlv(1, u16(0x0000)), seq=9, control=4)),
        F(ptp(0xd, pid(0xff, 0xffff) + bytes([1, 1, 0, 0]) + tlv(1, u16(0x6000)), seq=10, control=4)),
        eth(bytes.fromhex('011b19000000'), H11, 0x8100, u16(0x6000) + u16(0x88f7) + ptp(0x0, ts(5, 5), seq=11,
                                                                                           control=0, lmi=0)),
    ]
    case('ptp_l2_p2p', f)


def ptp_odd():
    P = lambda sport, m, dport=None: eu(sport, dport or sport, m, I11, PTPM4, H11, bytes.fromhex('01005e000181'), 1)
    f = [P(319, ptp(mt, b'\0' * 10, seq=mt, control=5, lmi=0)) for mt in (4, 5, 6, 7, 0xe, 0xf)]
    f += [P(319, ptp(0x0, ts(1, 2), flags=fl, control=0, lmi=0)) for fl in (0x0001, 0x0002, 0x0004, 0x0010, 0x0020,
                                                                          0x0100, 0x0400, 0x2000, 0x4000, 0x8000,
                                                                          0xffff)]
    f += [P(319, ptp(0x0, ts(1, 2), control=0, lmi=lmi)) for lmi in (-128, -7, 0, 4, 127)]
    f += [P(319, ptp(0x0, ts(1, 2), control=0, lmi=0, domain=d)) for d in (1, 127, 128, 255)]
    f += [P(319, ptp(0x0, ts(1, 2), control=0, lmi=0, corr=c)) for c in (-1, 1 << 40)]
    f += [P(319, ptp(0x0, ts(1, 2), control=0, lmi=0, minor=1)), P(319, ptp(0x0, ts(1, 2), control=0, lmi=0, sdo=1)),
          P(319, ptp(0x0, ts(1, 2), control=0, lmi=0, sdo=0xf))]
    f += [P(319, ptp_hdr(0x0, 44, 0, 1, 0, 0, ver=v) + bytes(10)) for v in (0, 1, 3, 15)]
    f += [P(319, ptp_hdr(0x0, ln, 0, 1, 0, 0) + bytes(10)) for ln in (0, 10, 34, 43, 45, 200)]
    f += [P(319, ptp(0x0, ts(1, 2), control=0, lmi=0)[:n]) for n in (1, 2, 4, 10, 33, 34, 40)]
    f += [P(320, ptp(0xb, announce(0x0b)[:n], lmi=1)) for n in (10, 20, 29)]
    f += [P(319, ptp(0x0, ts(1, 2), control=0, lmi=0), 12345), P(44444, ptp(0x8, ts(1, 2), control=2, lmi=0), 320)]
    case('ptp_odd', f)


# ---------------------------------------------------------------- AODV, OLSR, Babel, LDP, LISP, LSP ping
def lab_aodv():
    A = lambda data, src=I11, dst=bytes([255, 255, 255, 255]), dmac=BC, smac=H11, ttl=1: \
        eu(654, 654, data, src, dst, smac, dmac, ttl)
    rreq = lambda fl, hops, rid, dst, dseq, org, oseq: struct.pack('!BBBBI4sI4sI', 1, fl, 0, hops, rid, dst, dseq,
                                                                  org, oseq)
    rrep = lambda fl, ps, hops, dst, dseq, org, life: struct.pack('!BBBBI4sI4sI', 2, fl, ps, hops, 0, dst, dseq,
                                                                  org, life)[:4] + struct.pack('!4sI4sI', dst, dseq,
                                                                                               org, life)
    f = [
        A(rreq(0x00, 0, 1, I14, 0, I11, 1)), A(rreq(0x10, 1, 1, I14, 0, I11, 1), I12, smac=H12, ttl=2),
        A(rreq(0x00, 2, 1, I14, 5, I11, 1), I13, smac=H13),
        A(rrep(0, 0, 1, I14, 6, I11, 6000), I14, I12, H12, H14, 64),
        A(rrep(0, 0, 1, I14, 6, I11, 6000), I12, I11, H11, H12, 64),
        A(rrep(0, 0, 0, I11, 2, I11, 2000)),
        A(rrep(0x40, 0, 1, I14, 6, I11, 6000), I12, I11, H11, H12, 64), A(bytes([4, 0]), I11, I12, H12, H11, 64),
        A(struct.pack('!BBBB4sI', 3, 0, 0, 1, I14, 7)),
        A(struct.pack('!BBBB4sI4sI', 3, 0x80, 0, 2, I14, 7, I13, 9)),
        A(rreq(0xf8, 0, 2, I14, 0, I11, 3) + bytes([1, 4]) + u32(1000)),
        A(rrep(0, 0, 0, I11, 2, I11, 2000) + bytes([1, 4]) + u32(1000) + bytes([7, 2, 0, 0])),
        A(bytes([1, 0, 0, 0, 0, 0])), A(bytes([2, 0, 0])), A(bytes([3, 0, 0, 3]) + I14 + u32(1)),
        A(bytes([9, 1, 2, 3])), A(b''), A(bytes([4])), A(bytes([4, 0, 0])),
    ]
    case('lab_aodv', f)


def lab_olsr_babel():
    O = lambda data, seq=1: eu(698, 698, u16(4 + len(data)) + u16(seq) + data, I11, bytes([172, 28, 255, 255]),
                               H11, BC, 1)
    msg = lambda t, body, org=I11, ttl=1, hops=0, mseq=1, vt=0x86: struct.pack('!BBH4sBBH', t, vt, 12 + len(body),
                                                                               org, ttl, hops, mseq) + body
    lnk = lambda code, addrs: struct.pack('!BBH', code, 0, 4 + 4 * len(addrs)) + b''.join(addrs)
    f = [
        O(msg(1, struct.pack('!HBB', 0, 0x05, 3))),
        O(msg(1, struct.pack('!HBB', 0, 0x05, 3) + lnk(0x06, [I12, I13]) + lnk(0x0a, [I14]), mseq=2), 2),
        O(msg(2, struct.pack('!HH', 7, 0) + I12 + I13, ttl=255, mseq=3), 3),
        O(msg(3, bytes([10, 0, 0, 11]) + bytes([192, 168, 1, 11]), ttl=255, mseq=4), 4),
        O(msg(4, bytes([10, 1, 0, 0, 255, 255, 0, 0]) + bytes([0, 0, 0, 0, 0, 0, 0, 0]), ttl=255, mseq=5), 5),
        O(msg(1, struct.pack('!HBB', 0, 0x05, 3)) + msg(2, struct.pack('!HH', 8, 0) + I12, mseq=6), 6),
        O(msg(201, b'abcd', mseq=7), 7), O(b'', 8), O(msg(1, b'\0\0')[:8], 9),
    ]
    BM = bytes.fromhex('ff020000000000000000000000010006')
    B = lambda tlvs, src=L11: eth(bytes.fromhex('333300010006'), H11, 0x86dd,
                                 ip6(17, udp(6696, 6696, bytes([42, 2]) + u16(len(tlvs)) + tlvs, src, BM), src, BM, 1))
    t = lambda typ, body: bytes([typ, len(body)]) + body
    f += [
        B(t(4, u16(0) + u16(1) + u16(400))), B(t(4, u16(0x8000) + u16(2) + u16(400)) + t(1, b'\0\0')),
        B(t(5, bytes([3, 0]) + u16(1200) + L13[8:])), B(t(5, bytes([1, 0]) + u16(1200) + I13)),
        B(t(6, b'\0\0' + clk(0x0b)) + t(7, bytes([1, 0]) + I11)
          + t(8, bytes([1, 0x40, 24, 0]) + u16(1600) + u16(5) + u16(96) + bytes([172, 28, 0]))),
        B(t(8, bytes([2, 0x80, 64, 0]) + u16(1600) + u16(6) + u16(0xffff) + G11[:8])),
        B(t(9, bytes([1, 24]) + bytes([172, 28, 0])) + t(10, bytes([2, 64]) + u16(7) + bytes([16, 0]) + clk(0x0d)
                                                        + G13[:8])),
        B(t(2, b'\0\0' + u16(0x1234) + u16(100)) + t(3, u16(0x1234)) + t(0, b'')[:1]),
        B(t(200, b'xyz')), B(b''), B(t(4, b'\0\0')),
    ]
    case('lab_olsr_babel', f)


def lab_ldp_lisp_lspping():
    tlv = lambda typ, v: u16(typ) + u16(len(v)) + v
    ldp_msg = lambda typ, mid, tlvs: u16(typ) + u16(4 + len(tlvs)) + u32(mid) + tlvs
    ldp = lambda msgs, lsr=R1: u16(1) + u16(6 + len(msgs)) + lsr + u16(0) + msgs
    f = [
        eu(646, 646, ldp(ldp_msg(0x0100, 1, tlv(0x0400, u16(15) + u16(0)) + tlv(0x0401, R1))), R1,
           bytes([224, 0, 0, 2]), H11, bytes.fromhex('01005e000002'), 1),
        eu(646, 646, ldp(ldp_msg(0x0100, 2, tlv(0x0400, u16(45) + u16(0xc000)) + tlv(0x0402, u32(9))), R2), R2, R1,
           H13, H11),
        eu(646, 646, ldp(ldp_msg(0x0100, 3, tlv(0x0400, u16(15) + u16(0))) + ldp_msg(0x3e00, 4, b'')), R1,
           bytes([224, 0, 0, 2]), H11, bytes.fromhex('01005e000002'), 1),
        eu(646, 646, u16(2) + u16(10) + R1 + u16(0) + b'\0\0\0\0', R1, R2),
        eu(646, 646, b'\0\1', R1, R2),
    ]
    # LISP: a Map-Register with one record and locator, its Map-Notify, a Map-Request and its Map-Reply
    rec = lambda eid, mask, locs: u32(1440) + bytes([len(locs), mask, 0x00, 0]) + u16(0) + u16(1) + eid + b''.join(
        bytes([1, 100, 255, 0]) + u16(0x0005) + u16(1) + lc for lc in locs)
    nonce = bytes.fromhex('0123456789abcdef')
    f += [
        eu(4342, 4342, bytes([0x30, 0, 1, 1]) + nonce + u16(1) + u16(20) + bytes(20) + rec(bytes([10, 9, 0, 0]), 16,
                                                                                           [R1]), R1, R2),
        eu(4342, 4342, bytes([0x40, 0, 0, 1]) + nonce + u16(1) + u16(20) + bytes(20) + rec(bytes([10, 9, 0, 0]), 16,
                                                                                           [R1]), R2, R1, H13, H11),
        eu(4342, 4342, bytes([0x10, 0, 0, 1]) + nonce + u16(1) + R1 + u16(1) + R1 + bytes([0, 32]) + u16(1)
           + bytes([10, 9, 1, 1]), R1, R2),
        eu(4342, 4342, bytes([0x20, 0, 0, 1]) + nonce + rec(bytes([10, 9, 0, 0]), 16, [R2, R3]), R2, R1, H13, H11),
        eu(4342, 4342, bytes([0x80, 0, 0, 0]) + b'\0' * 8, R1, R2), eu(4342, 4342, b'\x30', R1, R2),
    ]
    # LSP ping: an echo request for an LDP IPv4 FEC and its reply
    fec = tlv(1, tlv(1, R3 + bytes([32]) + b'\0\0\0'))
    echo = lambda mt, mode, rc, seq: u16(1) + u16(0) + bytes([mt, mode, rc, 0]) + u32(0x77) + u32(seq) + ts(0, 0)[2:] \
        + b'\0' * 8
    f += [
        eu(49152, 3503, echo(1, 2, 0, 1) + fec, R1, bytes([127, 0, 0, 1]), ttl=1),
        eu(3503, 49152, echo(2, 2, 3, 1), R3, R1, H13, H11),
        eu(49152, 3503, echo(1, 2, 0, 2) + tlv(2, u16(1500) + bytes([1, 0]) + R2 + R2 + u16(1) + u16(0)), R1, R2),
        eu(49152, 3503, echo(9, 9, 9, 3), R1, R2), eu(49152, 3503, b'\0\1\0', R1, R2),
    ]
    case('lab_ldp_lisp_lspping', f)


def snaplen_cases():
    mix = [
        eu(52000, 4790, gpe(1000, 3, ARP_REQ)),
        eu(52200, 4790, gpe(10, 4, nsh(1, PING, spi=0x42, si=254))),
        eth(H13, H11, 0x894f, nsh(1, PING, md=2, ctx=md2tlv(0x0101, 1, b'\xaa\xbb\xcc\xdd'))),
        eu(49200, 6635, lse(16001) + lse(24001, s=True) + PING, R1, R2),
        eth(H13, H11, 0x8847, lse(16001) + lse(24001, s=True) + PING6),
        eu(1701, 1701, l2tp_data(0x3e, 0x51, b'\xff\x03\x00\x21' + PING, seq=(4, 5))),
        eu(1701, 1701, struct.pack('!HHIHH', 0xc803, 20, 0, 0, 0) + avp(0, u16(1)) + b'\0\0', R1, R2),
        eu(320, 320, ptp(0xb, announce(0x0b), seq=1, lmi=1), I11, PTPM4, H11, bytes.fromhex('01005e000181'), 1),
        eth(bytes.fromhex('0180c200000e'), H11, 0x88f7, ptp(0x2, ts(0, 0) + bytes(10), seq=1, control=5, lmi=0)),
        ARP_REQ,
    ]
    for snap in range(42, 131, 8):
        case('tunnels21_snaplen_%d' % snap, mix, snaplen=snap)


lab_ovs_vxlan_gpe()
vxlan_gpe_flags()
lab_nsh_sfc()
nsh_md2_tlvs()
nsh_odd()
lab_mpls_udp_vpn()
mpls_udp_labels()
mpls_udp_odd()
mpls_ethertype()
lab_l2tp_lac()
l2tpv3_udp()
l2tp_headers_odd()
lab_ptp_udp()
ptp_l2_p2p()
ptp_odd()
lab_aodv()
lab_olsr_babel()
lab_ldp_lisp_lspping()
snaplen_cases()
write_all(OUT)
