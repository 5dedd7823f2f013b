#!/usr/bin/env python3
"""Writes the fifth held-out round's cases (refdata/tcpdump/heldout17/<case>/<case>.pcap) in the public corpus's
style: classic pcap, microsecond stamps from 1700000000.000000 one 1.012345 s apart, LINKTYPE_ETHERNET, the corpus's
hosts; bytes built by hand (no scapy, no randomness). What arplab's own labs put on a wire, as Linux hosts, Linux
bridges and OVS send it: ARP storms (many hosts asking for absent addresses, NUD's unicast polls, arping), RFC 5227
probes, announcements and defences, gratuitous requests and replies; ICMP errors quoting what a host sent (Linux's
576-byte quote, ports, hosts, networks, fragmentation needed, administratively prohibited, time exceeded,
reassembly, redirects, parameter problems; ICMPv6's unreachables, packet too big, hop limit, parameter problem);
UDP to closed ports and the port unreachables they draw; traceroute 2.1's UDP, ICMP and TCP probes with the
routers' answers (one with RFC 4884's MPLS extension), traceroute6, tracepath; Geneve as OVS and Antrea send it
(options of several classes, critical types, OAM and critical bits, inner ARP, IPv4, IPv6, VLAN, over IPv6);
802.1Q and QinQ traffic; LLDP from lldpd and OVS, STP and RSTP from Linux bridges and OVS; a Linux host's link-up
(MLDv2 reports behind a hop-by-hop router alert, DAD with a nonce, router solicitation, radvd's advertisement with
RDNSS, DNSSL and route information, NUD), IPv4 and IPv6 fragments of ping and UDP; and a mixed capture written at
every snaplen from 14 to 128 (`lab_mix_snaplen_N`); UDP to the Rx ports 7000-7009 (`lab_udp_rx_ports`).
record-heldout.sh 17 prints them with the real tools. Usage: gen-heldout17.py OUTDIR"""
import struct, sys

from heldout_frames import case, csum, eth, write_all

OUT = sys.argv[1] if len(sys.argv) > 1 else 'src/test/resources/refdata/tcpdump/heldout17'

GW, H11, H12, H13, H14 = (bytes.fromhex('0242ac1c00' + x) for x in ('01', '0b', '0c', '0d', '0e'))
BC = b'\xff' * 6
Z6 = bytes(6)
Z4 = bytes(4)
IGW, I11, I12, I13, I14 = (bytes([172, 28, 0, x]) for x in (1, 11, 12, 13, 14))
REM = bytes([10, 1, 2, 3])
R1, R2 = bytes([192, 0, 2, 1]), bytes([198, 51, 100, 7])
L11 = bytes.fromhex('fe800000000000000042acfffe1c000b')
L13 = bytes.fromhex('fe800000000000000042acfffe1c000d')
LGW = bytes.fromhex('fe800000000000000042acfffe1c0001')
G11 = bytes.fromhex('20010db8000000000000000000000011')
G13 = bytes.fromhex('20010db8000000000000000000000013')
GRT = bytes.fromhex('20010db8ffff00000000000000000001')
GREM = bytes.fromhex('20010db8000100000000000000000003')
ALLN = bytes.fromhex('ff020000000000000000000000000001')
ALLR = bytes.fromhex('ff020000000000000000000000000002')
MLDR = bytes.fromhex('ff020000000000000000000000000016')
UNSPEC = bytes(16)


def mc6(addr):
    return b'\x33\x33' + addr[12:]


def ip(proto, payload, src=I11, dst=I13, ttl=64, ident=0x9c41, df=True, mf=False, off=0, tos=0, tot=None):
    fl = (0x4000 if df else 0) | (0x2000 if mf else 0) | off // 8
    h = struct.pack('!BBHHHBBH4s4s', 0x45, tos, tot if tot is not None else 20 + len(payload), ident, fl, ttl, proto,
                    0, src, dst)
    return h[:10] + struct.pack('!H', csum(h)) + h[12:] + payload


def ip6(nh, payload, src=L11, dst=L13, hlim=64, flow=0):
    return struct.pack('!IHBB', 0x60000000 | flow, len(payload), nh, hlim) + src + dst + payload


def l4sum(proto, seg, src, dst):
    ph = src + dst + (struct.pack('!BBH', 0, proto, len(seg)) if len(src) == 4 else
                      struct.pack('!IxxxB', len(seg), proto))
    return csum(ph + seg)


def udp(sport, dport, data, src=I11, dst=I13, zero=False):
    h = struct.pack('!HHHH', sport, dport, 8 + len(data), 0)
    return h[:6] + struct.pack('!H', 0 if zero else (l4sum(17, h + data, src, dst) or 0xffff)) + data


def tcp(sport, dport, seq, ack, flags, src, dst, opts=b'', win=64240, data=b''):
    h = struct.pack('!HHIIBBHHH', sport, dport, seq, ack, (5 + len(opts) // 4) << 4, flags, win, 0, 0) + opts + data
    return h[:16] + struct.pack('!H', l4sum(6, h, src, dst)) + h[18:]


SYN_OPTS = bytes.fromhex('020405b40402080a') + struct.pack('!II', 0x6a1b2c3d, 0) + bytes.fromhex('01030307')


def icmp(t, c, body, rest=b'\0\0\0\0'):
    b = struct.pack('!BBH', t, c, 0) + rest + body
    return b[:2] + struct.pack('!H', csum(b)) + b[4:]


def icmp6(t, c, body, src=L11, dst=L13):
    b = struct.pack('!BBH', t, c, 0) + body
    return b[:2] + struct.pack('!H', l4sum(58, b, src, dst)) + b[4:]


def e4(proto, payload, src=I11, dst=I13, smac=H11, dmac=H13, **kw):
    return eth(dmac, smac, 0x0800, ip(proto, payload, src, dst, **kw))


def e6(nh, payload, src=L11, dst=L13, smac=H11, dmac=H13, **kw):
    return eth(dmac, smac, 0x86dd, ip6(nh, payload, src, dst, **kw))


def arp(op, sha, spa, tha, tpa, hrd=1, pro=0x0800, hln=6, pln=4):
    return struct.pack('!HHBBH', hrd, pro, hln, pln, op) + sha + spa + tha + tpa


def mac(n):
    return bytes.fromhex('0242ac1c00%02x' % n)


def ipa(n):
    return bytes([172, 28, 0, n])


def vlan(tci, etype):
    return struct.pack('!HH', tci, etype)


# ---------------------------------------------------------------- ARP as hosts send it
def arp_cases():
    frames = []
    # a storm: six hosts asking for absent neighbours, retried (Linux's mcast_solicit 3), arping's requests
    # (target hardware address all ones), NUD's unicast polls and their answers
    for rnd in range(3):
        for h in (11, 12, 13, 14, 15, 16):
            frames.append(eth(BC, mac(h), 0x0806, arp(1, mac(h), ipa(h), Z6, ipa(20 + (h + rnd) % 8))))
    for h in (11, 12, 13):
        frames.append(eth(BC, mac(h), 0x0806, arp(1, mac(h), ipa(h), BC, ipa(1))))
        frames.append(eth(mac(h), GW, 0x0806, arp(2, GW, IGW, mac(h), ipa(h))))
    for h in (12, 13, 14):
        frames.append(eth(mac(h), H11, 0x0806, arp(1, H11, I11, mac(h), ipa(h))))
        frames.append(eth(H11, mac(h), 0x0806, arp(2, mac(h), ipa(h), H11, I11)))
    frames.append(eth(BC, H11, 0x0806, arp(1, H11, I11, Z6, bytes([172, 28, 255, 255]))))
    frames.append(eth(BC, H11, 0x0806, arp(1, H11, I11, Z6, bytes([169, 254, 13, 7]))))
    frames.append(eth(BC, H11, 0x0806, arp(1, H11, I11, Z6, bytes([224, 0, 0, 251]))))
    frames.append(eth(BC, H11, 0x0806, arp(1, H11, I11, Z6, Z4)))
    case('lab_arp_storm', frames)
    # RFC 5227: three probes, a conflicting reply, two announcements, a defence, arping -D, -U and -A, a probe from a
    # link-local (RFC 3927) host, in a VLAN and QinQ
    LL = bytes([169, 254, 77, 12])
    frames = [eth(BC, H12, 0x0806, arp(1, H12, Z4, Z6, I12)) for _ in range(3)]
    frames += [eth(BC, H12, 0x0806, arp(1, H12, I12, Z6, I12)) for _ in range(2)]
    frames += [
        eth(BC, H14, 0x0806, arp(1, H14, Z4, Z6, I12)),
        eth(H14, H12, 0x0806, arp(2, H12, I12, H14, I12)),
        eth(BC, H12, 0x0806, arp(2, H12, I12, H14, I12)),
        eth(BC, H12, 0x0806, arp(1, H12, I12, H12, I12)),
        eth(BC, H13, 0x0806, arp(1, H13, Z4, BC, I13)),
        eth(BC, H13, 0x0806, arp(1, H13, I13, BC, I13)),
        eth(BC, H13, 0x0806, arp(2, H13, I13, H13, I13)),
        eth(BC, H13, 0x0806, arp(2, H13, I13, BC, I13)),
        eth(BC, H14, 0x0806, arp(1, H14, Z4, Z6, LL)),
        eth(BC, H14, 0x0806, arp(1, H14, LL, Z6, LL)),
        eth(BC, H12, 0x8100, vlan(0x000a, 0x0806) + arp(1, H12, Z4, Z6, I12)),
        eth(BC, H12, 0x8100, vlan(0xa00a, 0x0806) + arp(1, H12, I12, Z6, I12)),
        eth(BC, H12, 0x88a8, vlan(0x0064, 0x8100) + vlan(0x000a, 0x0806) + arp(1, H12, Z4, Z6, I12)),
        eth(BC, H12, 0x8100, vlan(0x0000, 0x0806) + arp(2, H12, I12, BC, I12)),
        eth(BC, H12, 0x0806, arp(1, H12, I12, Z6, I12) + b'\x5a' * 18, pad=False),
    ]
    case('lab_arp_rfc5227', frames)


# ---------------------------------------------------------------- ICMP errors as Linux's icmp_send() builds them
def icmp_err(t, c, orig, src, dst, rest=Z4, smac=GW, dmac=H11, ident=0x1f2e):
    q = orig[:548]  # 576 - 20 - 8
    return e4(1, icmp(t, c, q, rest), src, dst, smac, dmac, tos=0xc0, df=False, ident=ident)


def icmp6_err(t, c, orig, src, dst, rest=Z4, smac=GW, dmac=H11):
    q = orig[:1280 - 48]
    return e6(58, icmp6(t, c, rest + q, src, dst), src, dst, smac, dmac)


DNSQ = bytes.fromhex('4a0b01000001000000000000') + b'\x03www\x06arplab\x03net\x00\x00\x01\x00\x01'


def icmp_error_cases():
    def echo(ident, seq, src, dst, n=56):
        return ip(1, icmp(8, 0, bytes(range(0x10, 0x10 + n)), struct.pack('!HH', ident, seq)), src, dst,
                  ident=0x4000 + seq)
    u_dns = ip(17, udp(41234, 53, DNSQ, I11, I13), I11, I13, ident=0x2222)
    big = ip(17, udp(40001, 9, bytes(i & 0xff for i in range(1400)), I11, REM), I11, REM, ident=0x2323)
    syn = ip(6, tcp(51000, 443, 0x11223344, 0, 0x02, I11, REM, SYN_OPTS), I11, REM, ident=0x2424)
    frag = ip(17, udp(40002, 7, bytes(64), I11, I13)[:32], I11, I13, ident=0x2525, df=False, mf=True)
    frames = [
        eth(H13, H11, 0x0800, u_dns),
        icmp_err(3, 3, u_dns, I13, I11, smac=H13),
        icmp_err(3, 1, echo(0x0b0b, 1, I11, bytes([172, 28, 0, 99])), IGW, I11),
        icmp_err(3, 0, echo(0x0b0b, 2, I11, bytes([10, 99, 0, 1])), IGW, I11),
        icmp_err(3, 4, syn, IGW, I11, rest=struct.pack('!HH', 0, 1400)),
        icmp_err(3, 13, syn, IGW, I11),
        icmp_err(3, 10, syn, IGW, I11),
        icmp_err(3, 3, big, REM, I11, smac=GW),
        icmp_err(11, 0, echo(0x0b0c, 1, I11, REM), IGW, I11),
        icmp_err(11, 1, frag, I13, I11, smac=H13),
        icmp_err(5, 1, echo(0x0b0d, 1, I11, REM), IGW, I11, rest=bytes([172, 28, 0, 254])),
        icmp_err(5, 0, u_dns, IGW, I11, rest=bytes([172, 28, 0, 254])),
        icmp_err(12, 0, u_dns, IGW, I11, rest=b'\x14\0\0\0'),
        icmp_err(3, 2, ip(132, bytes(16), I11, I13), I13, I11, smac=H13),
        icmp_err(3, 3, ip(17, udp(33434, 33434, b'', I11, I13), I11, I13), I13, I11, smac=H13),
    ]
    # IPv6: unreachables of every code Linux sends, packet too big, hop limit, parameter problems
    u6 = ip6(17, udp(41235, 53, DNSQ, G11, G13), G11, G13)
    syn6 = ip6(6, tcp(51001, 443, 0x55667788, 0, 0x02, G11, GREM, SYN_OPTS), G11, GREM)
    e6q = ip6(58, icmp6(128, 0, struct.pack('!HH', 0x0c0c, 1) + bytes(range(56)), G11, GREM), G11, GREM)
    big6 = ip6(17, udp(40003, 9, bytes(i & 0xff for i in range(1400)), G11, GREM), G11, GREM)
    frames += [
        eth(H13, H11, 0x86dd, u6),
        icmp6_err(1, 4, u6, G13, G11, smac=H13),
        icmp6_err(1, 3, e6q, GRT, G11),
        icmp6_err(1, 0, e6q, GRT, G11),
        icmp6_err(1, 1, syn6, GRT, G11),
        icmp6_err(1, 5, syn6, GRT, G11),
        icmp6_err(1, 6, syn6, GRT, G11),
        icmp6_err(2, 0, big6, GRT, G11, rest=struct.pack('!I', 1280)),
        icmp6_err(3, 0, e6q, GRT, G11),
        icmp6_err(3, 1, ip6(44, struct.pack('!BBHI', 58, 0, 1, 0x0abc0def) + e6q[40:88], G11, G13), G13, G11,
                  smac=H13),
        icmp6_err(4, 0, u6, G13, G11, rest=struct.pack('!I', 6), smac=H13),
        icmp6_err(4, 1, ip6(253, bytes(8), G11, G13), G13, G11, rest=struct.pack('!I', 6), smac=H13),
        icmp6_err(4, 2, ip6(60, bytes([17, 0, 0x9f, 4, 0, 0, 0, 0]) + u6[40:], G11, G13), G13, G11,
                  rest=struct.pack('!I', 42), smac=H13),
    ]
    case('lab_icmp_errors', frames)
    # UDP to ports nobody listens on, each answered by a port unreachable (Linux's __udp4_lib_rcv())
    frames = []
    for i, (port, data) in enumerate([(53, DNSQ), (123, b'\xe3\x00\x06\xec' + bytes(44)), (161, bytes.fromhex(
            '302602010104067075626c6963a01902046b8b4567020100020100300b300906052b060102010500')), (514, b'<13>lab: hi'),
            (69, b'\x00\x01boot.cfg\x00octet\x00'), (9, b'discard me'), (7, b'echo?'), (5000, bytes(32)),
            (40000, b'x' * 100), (33434, b'@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_'), (4789, bytes(8) + bytes(14)),
            (6081, bytes(8)), (1900, b'M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\n\r\n')]):
        p = ip(17, udp(42000 + i, port, data, I11, I13), I11, I13, ident=0x3000 + i)
        frames += [eth(H13, H11, 0x0800, p), icmp_err(3, 3, p, I13, I11, smac=H13, ident=0x6000 + i)]
    p = ip(17, udp(42100, 7777, b'zero checksum', I11, I13, zero=True), I11, I13)
    frames += [eth(H13, H11, 0x0800, p), icmp_err(3, 3, p, I13, I11, smac=H13)]
    for i, port in enumerate((53, 123, 9, 33434)):
        p = ip6(17, udp(43000 + i, port, DNSQ if port == 53 else bytes(24), G11, G13), G11, G13)
        frames += [eth(H13, H11, 0x86dd, p), icmp6_err(1, 4, p, G13, G11, smac=H13)]
    case('lab_udp_closed_ports', frames)


# ---------------------------------------------------------------- traceroute 2.1, traceroute6, tracepath
def trace_cases():
    data = bytes(0x40 + (i & 0x3f) for i in range(32))
    frames = []
    port = 33434
    mpls_ext = None
    for ttl in (1, 2, 3, 4):
        for k in range(3):
            probe = ip(17, udp(39000 + ttl, port, data, I11, REM), I11, REM, ttl=ttl, ident=0x7100 + port - 33434,
                       df=False)
            frames.append(eth(GW, H11, 0x0800, probe))
            q = bytearray(probe)
            q[8] = 1
            q[10:12] = b'\0\0'
            q[10:12] = struct.pack('!H', csum(bytes(q[:20])))
            if ttl == 1:
                frames.append(icmp_err(11, 0, bytes(q), IGW, I11, ident=0x8000 + k))
            elif ttl == 2:
                # RFC 4884: the quote padded to 128 bytes, its length in 32-bit words, then an MPLS label stack object
                quoted = bytes(q) + bytes(128 - len(q))
                obj = struct.pack('!HBB', 8, 1, 1) + struct.pack('!I', (16005 << 12) | (0 << 9) | (1 << 8) | 1)
                ext = struct.pack('!BBH', 0x20, 0, 0) + obj
                ext = ext[:2] + struct.pack('!H', csum(ext)) + ext[4:]
                frames.append(icmp_err(11, 0, quoted + ext, R1, I11, rest=struct.pack('!BBH', 0, 32, 0),
                                       ident=0x8100 + k))
            elif ttl == 4:
                frames.append(icmp_err(3, 3, bytes(q), REM, I11, ident=0x8200 + k))
            port += 1
    # traceroute -I: echo requests with the pid as id; -T: SYNs to port 80
    for ttl in (1, 2):
        for k in range(2):
            e = ip(1, icmp(8, 0, bytes(0x40 + (i & 0x3f) for i in range(32)), struct.pack('!HH', 0x1a2b,
                                                                                          ttl * 2 + k - 1)),
                   I11, REM, ttl=ttl, ident=0x7200 + ttl * 2 + k)
            frames.append(eth(GW, H11, 0x0800, e))
            frames.append(icmp_err(11, 0, e, IGW if ttl == 1 else R1, I11))
    e = ip(1, icmp(0, 0, bytes(0x40 + (i & 0x3f) for i in range(32)), struct.pack('!HH', 0x1a2b, 5)), REM, I11,
           ttl=61, ident=0x5151)
    frames.append(eth(H11, GW, 0x0800, e))
    for ttl in (1, 2, 3):
        s = ip(6, tcp(50000 + ttl, 80, 0xa0000000 + ttl, 0, 0x02, I11, REM, SYN_OPTS, win=5840), I11, REM, ttl=ttl,
               ident=0x7300 + ttl)
        frames.append(eth(GW, H11, 0x0800, s))
        if ttl < 3:
            frames.append(icmp_err(11, 0, s, IGW if ttl == 1 else R1, I11))
        else:
            frames.append(e4(6, tcp(80, 50003, 0x5a5a0000, 0xa0000004, 0x12, REM, I11, bytes.fromhex('020405b4')),
                             REM, I11, GW, H11, ttl=61))
            frames.append(e4(6, tcp(50003, 80, 0xa0000004, 0, 0x04, I11, REM, win=0), I11, REM, H11, GW))
    # traceroute6: UDP to 33434 up, hop limits 1 to 3
    for hl in (1, 2, 3):
        probe = ip6(17, udp(39100, 33433 + hl, data, G11, GREM), G11, GREM, hlim=hl, flow=0x3c1d5)
        frames.append(eth(GW, H11, 0x86dd, probe))
        q = bytearray(probe)
        q[7] = 1
        frames.append(icmp6_err(3, 0, bytes(q), GRT, G11) if hl < 3 else icmp6_err(1, 4, bytes(q), GREM, G11))
    # tracepath: a full-sized datagram with DF, "frag needed" back with the next hop's MTU, then a smaller one
    tp = ip(17, udp(45000, 44444, bytes(1472), I11, REM), I11, REM, ttl=1, ident=0)
    frames.append(eth(GW, H11, 0x0800, tp))
    frames.append(icmp_err(3, 4, tp, IGW, I11, rest=struct.pack('!HH', 0, 1450)))
    tp = ip(17, udp(45000, 44445, bytes(1422), I11, REM), I11, REM, ttl=2, ident=0)
    frames.append(eth(GW, H11, 0x0800, tp))
    frames.append(icmp_err(11, 0, tp, R1, I11))
    case('lab_traceroute', frames)


# ---------------------------------------------------------------- Geneve as OVS and Antrea send it
def geneve(vni, inner, opts=b'', ptype=0x6558, oam=False, crit=False, ver=0):
    return struct.pack('!BBHI', (ver << 6) | (len(opts) // 4), (0x80 if oam else 0) | (0x40 if crit else 0), ptype,
                       vni << 8) + opts + inner


def gopt(cls, typ, data):
    return struct.pack('!HBB', cls, typ, len(data) // 4) + data


def geneve_cases():
    N1, N2 = bytes([192, 168, 77, 1]), bytes([192, 168, 77, 2])
    M1, M2 = bytes.fromhex('0a0000000001'), bytes.fromhex('0a0000000002')
    P1, P2 = bytes.fromhex('62a1b2c3d4e5'), bytes.fromhex('62f1e2d3c4b5')
    A1, A2 = bytes([10, 10, 1, 5]), bytes([10, 10, 2, 7])
    inner_arp = eth(BC, P1, 0x0806, arp(1, P1, A1, Z6, bytes([10, 10, 1, 1])))
    inner_rep = eth(P1, P2, 0x0806, arp(2, P2, bytes([10, 10, 1, 1]), P1, A1))
    inner_ping = eth(P2, P1, 0x0800, ip(1, icmp(8, 0, bytes(range(48)), struct.pack('!HH', 0x77, 1)), A1, A2, ttl=63))
    inner_tcp = eth(P2, P1, 0x0800, ip(6, tcp(34567, 8080, 1, 0, 0x02, A1, A2, SYN_OPTS), A1, A2))
    inner_ns = eth(mc6(bytes.fromhex('ff0200000000000000000001ff000007')), P1, 0x86dd,
                   ip6(58, icmp6(135, 0, Z4 + bytes.fromhex('fd000000000000000000000000000007') +
                                 bytes([1, 1]) + P1, bytes.fromhex('fd000000000000000000000000000005'),
                                 bytes.fromhex('ff0200000000000000000001ff000007')),
                       bytes.fromhex('fd000000000000000000000000000005'),
                       bytes.fromhex('ff0200000000000000000001ff000007'), hlim=255))
    inner_vlan = eth(BC, P1, 0x8100, vlan(0x0014, 0x0806) + arp(1, P1, A1, Z6, A2))

    def outer(g, src=N1, dst=N2, smac=M1, dmac=M2, sport=52123, zero=True):
        return e4(17, udp(sport, 6081, g, src, dst, zero=zero), src, dst, smac, dmac, ident=0, df=True)
    ovs_opt = gopt(0xffff, 0x80, struct.pack('!I', 0x0000abcd))
    frames = [
        outer(geneve(0x000005, inner_arp)),
        outer(geneve(0x000005, inner_rep), N2, N1, M2, M1, 61234),
        outer(geneve(0x000005, inner_ping)),
        outer(geneve(0x000005, inner_tcp), zero=False),
        outer(geneve(0x000005, inner_ns)),
        outer(geneve(0x000064, inner_vlan)),
        outer(geneve(0x000005, inner_arp, ovs_opt)),
        outer(geneve(0x000005, inner_ping, ovs_opt + gopt(0xffff, 0x01, struct.pack('!II', 1, 2)))),
        outer(geneve(0x000005, inner_ping, gopt(0x0104, 0x80, struct.pack('!I', 0x00010203)), crit=True)),
        outer(geneve(0x000005, inner_ping, gopt(0x0103, 0x01, bytes(12)) + gopt(0x0000, 0x7f, b''))),
        outer(geneve(0x000000, inner_arp, oam=True)),
        outer(geneve(0xffffff, inner_arp, gopt(0x0101, 0x02, bytes(range(124))))),
        outer(geneve(0x000005, ip(1, icmp(8, 0, bytes(8), struct.pack('!HH', 1, 1)), A1, A2), ptype=0x0800)),
        outer(geneve(0x000005, ip6(59, b'', bytes.fromhex('fd000000000000000000000000000005'),
                                   bytes.fromhex('fd000000000000000000000000000007')), ptype=0x86dd)),
        outer(geneve(0x000005, bytes(20), ptype=0x88b5)),
        outer(geneve(0x000005, inner_arp, ver=1)),
        outer(geneve(0x000005, inner_arp, struct.pack('!HBB', 0xffff, 0x80, 8) + bytes(4))),
        eth(M2, M1, 0x86dd, ip6(17, udp(52124, 6081, geneve(0x000005, inner_arp, ovs_opt), G11, G13), G11, G13)),
    ]
    full = frames[7]
    frames += [(full, c) for c in (42, 50, 54, 58, 62, 66, 70, 76, 90)]
    case('lab_geneve_options', frames)


# ---------------------------------------------------------------- 802.1Q and QinQ
def vlan_cases():
    req = arp(1, H11, I11, Z6, I13)
    rep = arp(2, H13, I13, H11, I11)
    echo = ip(1, icmp(8, 0, bytes(range(56)), struct.pack('!HH', 0x0d0d, 1)), I11, I13)
    reply = ip(1, icmp(0, 0, bytes(range(56)), struct.pack('!HH', 0x0d0d, 1)), I13, I11)
    ns = ip6(58, icmp6(135, 0, Z4 + L13 + bytes([1, 1]) + H11, L11, bytes.fromhex('ff0200000000000000000001ff1c000d')),
             L11, bytes.fromhex('ff0200000000000000000001ff1c000d'), hlim=255)
    frames = []
    for outer_type, t in ((0x8100, b'\x00\x0a'), (0x8100, b'\xa0\x0a'), (0x8100, b'\x10\x0a'), (0x8100, b'\0\0'),
                          (0x8100, b'\x0f\xff'), (0x88a8, vlan(0x0064, 0x8100) + b'\x00\x0a'),
                          (0x8100, vlan(0x0064, 0x8100) + b'\x00\x0a')):
        for et, body, dm, sm in ((0x0806, req, BC, H11), (0x0806, rep, H11, H13), (0x0800, echo, H13, H11),
                                 (0x0800, reply, H11, H13), (0x86dd, ns, mc6(bytes.fromhex(
                                     'ff0200000000000000000001ff1c000d')), H11)):
            frames.append(eth(dm, sm, outer_type, t + struct.pack('!H', et) + body))
    frames.append(eth(BC, H11, 0x8100, vlan(0x0064, 0x8100) + vlan(0x000a, 0x0806) + req))
    frames.append(eth(BC, H11, 0x88a8, vlan(0x0064, 0x88a8) + vlan(0x000a, 0x0806) + req))
    frames.append(eth(BC, H11, 0x88a8, vlan(0x0064, 0x0806) + req))
    case('lab_vlan_qinq', frames)


# ---------------------------------------------------------------- LLDP from lldpd and OVS
def tlv(t, body):
    return struct.pack('!H', (t << 9) | len(body)) + body


def lldp_cases():
    LLDPMC = bytes.fromhex('0180c200000e')
    BR = bytes.fromhex('0242c0a84d01')

    def lldpdu(*tlvs):
        return eth(LLDPMC, BR, 0x88cc, b''.join(tlvs) + tlv(0, b''))
    sysdesc = b'Debian GNU/Linux 12 (bookworm) Linux 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 x86_64'
    mgmt4 = tlv(8, bytes([5, 1]) + IGW + bytes([2]) + struct.pack('!I', 3) + b'\0')
    mgmt6 = tlv(8, bytes([17, 2]) + G13 + bytes([2]) + struct.pack('!I', 3) + b'\0')
    frames = [
        lldpdu(tlv(1, b'\x04' + BR), tlv(2, b'\x03' + H11), tlv(3, b'\x00\x78'), tlv(5, b'lab-sw1'), tlv(6, sysdesc),
               tlv(7, struct.pack('!HH', 0x0014, 0x0014)), mgmt4, mgmt6, tlv(4, b'veth-h11'),
               tlv(127, bytes.fromhex('0080c201') + b'\x00\x0a'),
               tlv(127, bytes.fromhex('0080c203') + b'\x00\x0a\x06' + b'vlan10'),
               tlv(127, bytes.fromhex('00120f01') + b'\x03\x6c\x03\x00\x10'),
               tlv(127, bytes.fromhex('00120f04') + b'\x05\xee')),
        lldpdu(tlv(1, b'\x04' + BR), tlv(2, b'\x05' + b'eth0'), tlv(3, b'\x00\x78'), tlv(5, b'h11'),
               tlv(7, struct.pack('!HH', 0x0080, 0x0000)),
               tlv(127, bytes.fromhex('0012bb01') + b'\x00\x33\x03'),
               tlv(127, bytes.fromhex('0012bb05') + b'lab-fw-1.2')),
        lldpdu(tlv(1, b'\x07' + b'br-int'), tlv(2, b'\x07' + b'1'), tlv(3, b'\x00\x00')),
        lldpdu(tlv(1, b'\x06' + b'ovs-br0'), tlv(2, b'\x01' + b'port1'), tlv(3, b'\x00\x78'),
               tlv(127, bytes.fromhex('0080c201') + b'\x00\x00'),
               tlv(127, bytes.fromhex('0004960e') + bytes(4))),
        lldpdu(tlv(1, b'\x05\x01' + IGW), tlv(2, b'\x02' + b'ge-0/0/1'), tlv(3, b'\xff\xff'), tlv(4, b''),
               tlv(5, b''), tlv(127, bytes.fromhex('0080c202') + b'\x01\x00\x0a')),
    ]
    frames += [(frames[0], c) for c in (20, 30, 40, 60, 100, 150, 200)]
    case('lab_lldp', frames)


# ---------------------------------------------------------------- STP and RSTP from Linux bridges and OVS
def stp_cases():
    STPMC = bytes.fromhex('0180c2000000')
    BRM = bytes.fromhex('0242c0a84d01')
    P1 = bytes.fromhex('0242c0a84d11')
    P2 = bytes.fromhex('0242c0a84d12')

    def bpdu(src, body):
        return eth(STPMC, src, len(body) + 3, b'\x42\x42\x03' + body)

    def conf(flags, root_pri, root, cost, br_pri, br, port, age=0, maxage=20, hello=2, fwd=15, ver=0, typ=0, v1=None):
        b = struct.pack('!HBBB', 0, ver, typ, flags) + struct.pack('!H', root_pri) + root + struct.pack('!I', cost) + \
            struct.pack('!H', br_pri) + br + struct.pack('!HHHHH', port, age * 256, maxage * 256, hello * 256,
                                                         fwd * 256)
        return b + (struct.pack('!B', v1) if v1 is not None else b'')
    frames = [
        bpdu(P1, conf(0, 0x8000, BRM, 0, 0x8000, BRM, 0x8001)),
        bpdu(P2, conf(0, 0x8000, BRM, 0, 0x8000, BRM, 0x8002)),
        bpdu(P1, conf(0x01, 0x8000, BRM, 0, 0x8000, BRM, 0x8001)),
        bpdu(P1, conf(0x81, 0x8000, BRM, 0, 0x8000, BRM, 0x8001)),
        bpdu(P1, conf(0x80, 0x7000, P2, 100, 0x8000, BRM, 0x8001, age=1)),
        bpdu(P2, struct.pack('!HBB', 0, 0, 0x80)),
        bpdu(P1, conf(0x3c, 0x1000, BRM, 0, 0x1000, BRM, 0x8001, ver=2, typ=2, v1=0)),
        bpdu(P1, conf(0x0e, 0x1000, BRM, 0, 0x1000, BRM, 0x8001, ver=2, typ=2, v1=0)),
        bpdu(P2, conf(0x78, 0x1000, BRM, 20000, 0x8000, P2, 0x8002, ver=2, typ=2, v1=0)),
        bpdu(P2, conf(0x7d, 0x1000, BRM, 20000, 0x8000, P2, 0x8002, ver=2, typ=2, v1=0)),
        bpdu(P1, conf(0x00, 0x8000, BRM, 0, 0x8000, BRM, 0x8001)[:30]),
        bpdu(P1, conf(0x00, 0x8000, BRM, 2000000, 0x8000, BRM, 0x8003, age=3, maxage=6, hello=1, fwd=4)),
    ]
    full = frames[6]
    frames += [(full, c) for c in (16, 18, 20, 24, 30, 40, 50)]
    case('lab_stp_rstp', frames)


# ---------------------------------------------------------------- a Linux host's link-up: MLD, DAD, RS/RA, NUD
def nd_cases():
    sn = lambda a: bytes.fromhex('ff0200000000000000000001ff') + a[13:]
    opt = lambda t, body: bytes([t, (len(body) + 2) // 8]) + body
    hbh_ra = bytes([58, 0, 5, 2, 0, 0, 1, 0])  # router alert MLD, PadN
    rec = lambda t, grp, srcs=(): struct.pack('!BBH', t, 0, len(srcs)) + grp + b''.join(srcs)
    rep2 = lambda *recs: icmp6(143, 0, struct.pack('!HH', 0, len(recs)) + b''.join(recs), UNSPEC, MLDR)
    redirected = ip6(58, icmp6(128, 0, struct.pack('!HH', 9, 1) + bytes(16), G11, G13), G11, G13)
    frames = [
        e6(0, hbh_ra + rep2(rec(4, sn(L11))), UNSPEC, MLDR, H11, mc6(MLDR), hlim=1),
        e6(58, icmp6(135, 0, Z4 + L11 + opt(14, bytes.fromhex('a1b2c3d4e5f6')), UNSPEC, sn(L11)), UNSPEC, sn(L11),
           H11, mc6(sn(L11)), hlim=255),
        e6(0, hbh_ra + icmp6(143, 0, struct.pack('!HH', 0, 2) + rec(4, sn(L11)) + rec(4, sn(G11)), L11, MLDR), L11,
           MLDR, H11, mc6(MLDR), hlim=1),
        e6(58, icmp6(133, 0, Z4 + opt(1, H11), L11, ALLR), L11, ALLR, H11, mc6(ALLR), hlim=255),
        e6(58, icmp6(134, 0, struct.pack('!BBHII', 64, 0xc8, 1800, 0, 0) + opt(1, GW) + opt(5, b'\0\0' + struct.pack(
            '!I', 1500)) + opt(3, struct.pack('!BBII', 64, 0xc0, 86400, 14400) + Z4 + bytes.fromhex(
                '20010db8000000000000000000000000')) + opt(25, b'\0\0' + struct.pack('!I', 600) + GRT) + opt(
            31, b'\0\0' + struct.pack('!I', 600) + b'\x03lab\x06arplab\x03net\x00') + opt(
            24, bytes([48, 0x08]) + struct.pack('!I', 1800) + bytes.fromhex('20010db8000100000000000000000000')),
            LGW, ALLN), LGW, ALLN, GW, mc6(ALLN), hlim=255),
        e6(58, icmp6(135, 0, Z4 + LGW + opt(1, H11), L11, sn(LGW)), L11, sn(LGW), H11, mc6(sn(LGW)), hlim=255),
        e6(58, icmp6(136, 0, struct.pack('!I', 0xe0000000) + LGW + opt(2, GW), LGW, L11), LGW, L11, GW, H11,
           hlim=255),
        e6(58, icmp6(135, 0, Z4 + L13, L11, L13), L11, L13, H11, H13, hlim=255),
        e6(58, icmp6(136, 0, struct.pack('!I', 0x40000000) + L13, L13, L11), L13, L11, H13, H11, hlim=255),
        e6(58, icmp6(136, 0, struct.pack('!I', 0x20000000) + G11 + opt(2, H11), G11, ALLN), G11, ALLN, H11, mc6(ALLN),
           hlim=255),
        e6(0, hbh_ra + icmp6(130, 0, struct.pack('!HH', 10000, 0) + UNSPEC + struct.pack('!BBH', 2, 125, 0), LGW,
                             ALLN), LGW, ALLN, GW, mc6(ALLN), hlim=1),
        e6(0, hbh_ra + icmp6(131, 0, struct.pack('!HH', 0, 0) + bytes.fromhex('ff0200000000000000000000000000fb'), L11,
                             bytes.fromhex('ff0200000000000000000000000000fb')), L11,
           bytes.fromhex('ff0200000000000000000000000000fb'), H11, mc6(bytes.fromhex(
               'ff0200000000000000000000000000fb')), hlim=1),
        e6(0, hbh_ra + rep2(rec(3, sn(L11)), rec(1, bytes.fromhex('ff0200000000000000000000000000fb'), [L13, LGW]),
                            rec(6, bytes.fromhex('ff050000000000000000000000010003'), [G13])), UNSPEC, MLDR, H11,
           mc6(MLDR), hlim=1),
        e6(58, icmp6(137, 0, Z4 + bytes.fromhex('fe800000000000000042acfffe1c00fe') + G13 + opt(2, bytes.fromhex(
            '0242ac1c00fe')) + bytes([4, 9]) + bytes(6) + redirected, LGW, L11), LGW, L11, GW, H11, hlim=255),
    ]
    # ping6 -s 3000 and a large UDP datagram, fragmented as Linux's ip6_fragment() cuts them (1448-byte pieces)
    payload = icmp6(128, 0, struct.pack('!HH', 0x0e0e, 1) + bytes(i & 0xff for i in range(3000)), G11, G13)
    ident = 0x5c3a9f01
    for off in range(0, len(payload), 1448):
        piece = payload[off:off + 1448]
        more = 1 if off + 1448 < len(payload) else 0
        frames.append(e6(44, struct.pack('!BBHI', 58, 0, off | more, ident) + piece, G11, G13, hlim=64))
    reply = icmp6(129, 0, struct.pack('!HH', 0x0e0e, 1) + bytes(i & 0xff for i in range(3000)), G13, G11)
    for off in range(0, len(reply), 1448):
        piece = reply[off:off + 1448]
        more = 1 if off + 1448 < len(reply) else 0
        frames.append(e6(44, struct.pack('!BBHI', 58, 0, off | more, ident + 1) + piece, G13, G11, H13, H11))
    ud = udp(40404, 5353 + 1, bytes(2000), G11, G13)
    for off in range(0, len(ud), 1448):
        frames.append(e6(44, struct.pack('!BBHI', 17, 0, off | (1 if off + 1448 < len(ud) else 0), 0x0badcafe)
                         + ud[off:off + 1448], G11, G13))
    frames.append(e6(44, struct.pack('!BBHI', 58, 0, 0, 0x1234) + icmp6(128, 0, struct.pack('!HH', 1, 1) + bytes(8),
                                                                         G11, G13), G11, G13))
    case('lab_ipv6_linkup', frames)
    # IPv4 fragments: ping -s 3000 and a 2000-byte UDP datagram (1480-byte pieces)
    frames = []
    for src, dst, sm, dm, t, ident in ((I11, I13, H11, H13, 8, 0x4a4a), (I13, I11, H13, H11, 0, 0x5b5b)):
        pl = icmp(t, 0, bytes(i & 0xff for i in range(3000)), struct.pack('!HH', 0x0f0f, 1))
        for off in range(0, len(pl), 1480):
            frames.append(e4(1, pl[off:off + 1480], src, dst, sm, dm, ident=ident, df=False,
                             mf=off + 1480 < len(pl), off=off, tot=20 + len(pl[off:off + 1480])))
    ud = udp(40405, 9, bytes(2000), I11, I13)
    for off in (1480, 0):
        frames.append(e4(17, ud[off:off + 1480], I11, I13, ident=0x6c6c, df=False, mf=off == 0, off=off))
    case('lab_ipv4_fragments', frames)


# ---------------------------------------------------------------- a mixed capture at every snaplen
def snaplen_cases():
    probe = ip(17, udp(39001, 33434, bytes(0x40 + i for i in range(32)), I11, REM), I11, REM, ttl=1, df=False)
    mix = [
        eth(BC, H11, 0x0806, arp(1, H11, I11, Z6, I13)),
        eth(H11, H13, 0x0806, arp(2, H13, I13, H11, I11)),
        eth(BC, H12, 0x0806, arp(1, H12, Z4, Z6, I12)),
        eth(BC, H11, 0x8100, vlan(0x200a, 0x0806) + arp(1, H11, I11, Z6, I13)),
        eth(BC, H11, 0x88a8, vlan(0x0064, 0x8100) + vlan(0x000a, 0x0806) + arp(1, H11, I11, Z6, I13)),
        e4(1, icmp(8, 0, bytes(range(56)), struct.pack('!HH', 0x0a0a, 1)), I11, I13),
        e4(17, udp(42000, 53, DNSQ, I11, I13), I11, I13),
        icmp_err(3, 3, ip(17, udp(42000, 9, b'hello', I11, I13), I11, I13), I13, I11, smac=H13),
        eth(GW, H11, 0x0800, probe),
        icmp_err(11, 0, probe, IGW, I11),
        e4(6, tcp(51000, 80, 1, 0, 0x02, I11, I13, SYN_OPTS), I11, I13),
        e4(17, udp(52123, 6081, geneve(5, eth(BC, H12, 0x0806, arp(1, H12, I12, Z6, I14)),
                                       gopt(0xffff, 0x80, Z4)), I11, I13, zero=True), I11, I13),
        e6(58, icmp6(135, 0, Z4 + L13 + bytes([1, 1]) + H11, L11, L13), L11, L13, hlim=255),
        e6(58, icmp6(128, 0, struct.pack('!HH', 1, 1) + bytes(32), G11, G13), G11, G13),
        eth(bytes.fromhex('0180c200000e'), GW, 0x88cc, tlv(1, b'\x04' + GW) + tlv(2, b'\x05eth1') + tlv(3, b'\0\x78')
            + tlv(5, b'gw') + tlv(0, b'')),
        eth(bytes.fromhex('0180c2000000'), GW, 38, b'\x42\x42\x03' + bytes(4) + struct.pack('!H', 0x8000) + GW +
            Z4 + struct.pack('!H', 0x8000) + GW + struct.pack('!HHHHH', 0x8001, 0, 5120, 512, 3840)),
    ]
    for snap in (14, 16, 18, 20, 22, 24, 28, 32, 34, 38, 42, 46, 50, 54, 58, 62, 64, 68, 74, 80, 90, 100, 128):
        case('lab_mix_snaplen_%d' % snap, mix, snaplen=snap)


# ---------------------------------------------------------------- UDP to the Rx ports 7000-7009
def rx_cases():
    """What a lab's tests send to ports 7000-7009 (text of netcat, HTTP-like lines), and Rx packets of every type
    and flag set, acknowledgements with their ranges and MTUs, cut at several places."""
    def hdr(t, flags, seq=5, sec=2, svc=1):
        return struct.pack('!IIIIIBBBBHH', 0x5a5a0001, 0xabc00010, 42, seq, 7, t, flags, 0, sec, 0, svc)
    frames = []
    for m in (b'hello\n', b'x' * 27, b'y' * 28, b'GET / HTTP/1.0\r\n\r\n' * 3, b'ping 1\n'):
        for port in (7000, 7001, 7005, 7009):
            frames.append(e4(17, udp(40000 + port % 10, port, m), I11, I13))
    for t in range(0, 15):
        for flags in (0, 1, 0x21, 0x3f):
            body = hdr(t, flags) + bytes((t * 37 + flags * 11 + i * 5) & 0xff for i in range(12))
            frames.append(e4(17, udp(7001 if t % 2 else 40000, 7000 if t % 2 == 0 else 40000, body), I11, I13))
    for n in (0, 1, 3, 5, 9):
        acks = bytes((n * 7 + i * 3) % 2 for i in range(n))
        for tail in (b'', b'\0\0\0' + struct.pack('!IIII', 1444, 1444, 32, 4),
                     b'\0\0\0' + struct.pack('!II', 1444, 1444)):
            body = hdr(2, 0x21) + struct.pack('!HHIIIBB', 10, 2, 100, 99, 77, (n + len(tail)) % 12, n) + acks + tail
            f = e4(17, udp(7003, 40000, body, I13, I11), I13, I11, H13, H11)
            frames.append(f)
            frames += [(f, c) for c in (50, 60, 70, 75) if c < len(f)]
    case('lab_udp_rx_ports', frames)


arp_cases()
icmp_error_cases()
trace_cases()
geneve_cases()
vlan_cases()
lldp_cases()
stp_cases()
nd_cases()
snaplen_cases()
rx_cases()
write_all(OUT)
