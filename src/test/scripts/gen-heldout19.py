#!/usr/bin/env python3
"""Writes the seventh held-out round's cases (refdata/tcpdump/heldout19/<case>/<case>.pcap) in the public corpus's
style: classic pcap, microsecond stamps from 1700000000.000000 one 1.012345 s apart, LINKTYPE_ETHERNET, the corpus's
hosts; bytes built by hand (no scapy, no randomness). What the corpora held little of (grep first: one ICMP error with
an MPLS extension, none with RFC 4884's length in ICMPv6, no interface information or identification object, no
RFC 8335 PROBE exchange, one inverse ND exchange, no multicast router discovery, locator update or home agent reply):
traceroute through an MPLS core and past routers sending RFC 4884/4950/5837 extensions, over IPv4 and IPv6
(`icmp_mpls_traceroute`), extension structures every way wrong (`icmp_ext_bad`), Linux's PROBE (`ping -e`) requests
and replies by name, index and address (`icmp_probe_rfc8335`), ICMPv6's informational types other than echo, MLD and
ND (`icmpv6_info_more`), RFC 4884's length in every error type and a redirect whose gateway's second byte reads as
one (`icmp_errors_rfc4884`), and a mix of those cut at each snaplen from 42 to 210 (`icmp_ext_snaplen_N`).
record-heldout.sh 19 prints them with the real tools. Usage: gen-heldout19.py OUTDIR"""
import struct, sys

from heldout_frames import case, csum, eth, write_all

OUT = sys.argv[1] if len(sys.argv) > 1 else 'src/test/resources/refdata/tcpdump/heldout19'

GW, H11, H13 = (bytes.fromhex('0242ac1c00' + x) for x in ('01', '0b', '0d'))
IGW, I11, I13 = (bytes([172, 28, 0, x]) for x in (1, 11, 13))
REM = bytes([10, 1, 2, 3])
ROUTERS = [bytes([10, 0, n, 1]) for n in range(1, 8)]
L11 = bytes.fromhex('fe800000000000000042acfffe1c000b')
LGW = bytes.fromhex('fe800000000000000042acfffe1c0001')
G11 = bytes.fromhex('20010db8000000000000000000000011')
G99 = bytes.fromhex('20010db8000900000000000000000099')
R6 = [bytes.fromhex('20010db800000000000000000000ff0%d' % n) for n in range(1, 8)]
ALL_NODES = bytes.fromhex('ff020000000000000000000000000001')
ALL_ROUTERS = bytes.fromhex('ff020000000000000000000000000002')
ALL_SNOOPERS = bytes.fromhex('ff02000000000000000000000000006a')


def ip(proto, payload, src=I11, dst=I13, ttl=64, ident=0x4d21, df=True, tos=0):
    h = struct.pack('!BBHHHBBH4s4s', 0x45, tos, 20 + len(payload), ident, 0x4000 if df else 0, ttl, proto, 0, src,
                    dst)
    return h[:10] + struct.pack('!H', csum(h)) + h[12:] + payload


def ip6(nh, payload, src=L11, dst=LGW, hlim=64):
    return struct.pack('!IHBB', 0x60000000, len(payload), nh, hlim) + src + dst + payload


def l4sum(proto, seg, src, dst):
    ph = src + dst + (struct.pack('!BBH', 0, proto, len(seg)) if len(src) == 4 else
                      struct.pack('!IxxxB', len(seg), proto))
    return csum(ph + seg)


def udp(sport, dport, data, src=I11, dst=REM):
    h = struct.pack('!HHHH', sport, dport, 8 + len(data), 0)
    return h[:6] + struct.pack('!H', l4sum(17, h + data, src, dst) or 0xffff) + data


def icmp(t, c, word, body):
    m = bytes([t, c, 0, 0]) + word + body
    return m[:2] + struct.pack('!H', csum(m)) + m[4:]


def icmp6(t, c, body, src, dst):
    m = bytes([t, c, 0, 0]) + body
    return m[:2] + struct.pack('!H', l4sum(58, m, src, dst)) + m[4:]


def e4(payload, smac=GW, dmac=H11):
    return eth(dmac, smac, 0x0800, payload)


def e6(payload, smac=GW, dmac=H11):
    return eth(dmac, smac, 0x86dd, payload)


# ---------------------------------------------------------------- RFC 4884 extension structures
def ext(objs, version=2, checksum=True):
    h = bytes([version << 4, 0, 0, 0]) + b''.join(objs)
    return h[:2] + struct.pack('!H', csum(h)) + h[4:] if checksum else h


def obj(cls, ctype, data, length=None):
    return struct.pack('!HBB', 4 + len(data) if length is None else length, cls, ctype) + data


def lse(label, exp=0, s=False, ttl=1):
    return struct.pack('!I', (label << 12) | (exp << 9) | (0x100 if s else 0) | ttl)


def mpls_obj(*labels):
    return obj(1, 1, b''.join(lse(l, i % 8, i == len(labels) - 1, 1 + i) for i, l in enumerate(labels)))


def ifname(name):
    n = 1 + len(name)
    n += (-n) % 4
    return bytes([n]) + name + bytes(n - 1 - len(name))


def int_info(role, ifindex=None, addr=None, name=None, mtu=None):
    """RFC 5837's interface information object: the c-type's role and which sub-objects follow."""
    ct, data = role << 6, b''
    if ifindex is not None:
        ct |= 8
        data += struct.pack('!I', ifindex)
    if addr is not None:
        ct |= 4
        data += struct.pack('!HH', 1 if len(addr) == 4 else 2, 0) + addr
    if name is not None:
        ct |= 2
        data += ifname(name)
    if mtu is not None:
        ct |= 1
        data += struct.pack('!I', mtu)
    return obj(2, ct, data)


def probe4(ttl, n=32, sport=41000, dport=33434, src=I11):
    data = bytes((0x40 + i) & 0xff for i in range(n))
    return ip(17, udp(sport, dport + ttl, data, src, REM), src, REM, ttl=1, df=False, ident=0x7000 + ttl)


def probe6(hlim, n=24, src=G11):
    u = struct.pack('!HHHH', 41000, 33434 + hlim, 8 + n, 0) + bytes((0x40 + i) & 0xff for i in range(n))
    u = u[:6] + struct.pack('!H', l4sum(17, u, src, G99)) + u[8:]
    return ip6(17, u, src, G99, hlim=1)


def err4(router, t, c, quote, lf=None, extension=b'', pad_to=128, word=None):
    """An ICMP error quoting `quote`: with `lf` RFC 4884's length (the quote padded to 32-bit words), without it the
    quote padded to 128 bytes when an extension follows (the pre-RFC 4884 layout)."""
    if extension and lf is None:
        quote = quote + bytes(max(0, pad_to - len(quote)))
    elif lf is not None:
        quote = quote + bytes((-len(quote)) % 4)
    if word is None:
        word = bytes([0, lf or 0, 0, 0])
    return e4(ip(1, icmp(t, c, word, quote + extension), router, I11, ttl=254, ident=0x1000 + t))


def err6(router, t, c, quote, lf=0, extension=b'', word=None):
    if lf:
        quote = quote + bytes(lf * 8 - len(quote)) if lf * 8 >= len(quote) else quote
    body = (word if word is not None else bytes([lf, 0, 0, 0])) + quote + extension
    return e6(ip6(58, icmp6(t, c, body, router, G11), router, G11, hlim=63))


def mpls_traceroute():
    f = []
    labels = [(299776,), (299792, 16003), (24001, 16004), (3,), ()]
    for ttl in range(1, 7):
        p = probe4(ttl)
        f.append(e4(p, H11, GW))
        r = ROUTERS[ttl - 1]
        if ttl == 1:
            f.append(err4(r, 11, 0, p[:28]))  # Linux: 28 bytes, no length
        elif ttl < 6:
            stack = labels[ttl - 2]
            objs = [mpls_obj(*stack)] if stack else []
            objs.append(int_info(0, 3 + ttl, r, b'ge-0/0/%d' % ttl, 1500))
            objs.append(int_info(2, 10 + ttl, None, b'xe-1/1/%d.%d' % (ttl, ttl * 100)))
            f.append(err4(r, 11, 0, p, lf=32 if ttl % 2 else None, extension=ext(objs)))
        else:
            f.append(err4(REM, 3, 3, p, lf=len(p) // 4 + 1, extension=ext([int_info(1, 2, REM, b'eth0', 9000)])))
    # traceroute -I and -T through the same core
    for ttl in (2, 3):
        echo = icmp(8, 0, struct.pack('!HH', 0x2a2a, ttl), bytes(range(56)))
        p = ip(1, echo, I11, REM, ttl=ttl)
        f.append(e4(p, H11, GW))
        f.append(err4(ROUTERS[ttl - 1], 11, 0, p, lf=32, extension=ext([mpls_obj(299776 + ttl)])))
    syn = struct.pack('!HHIIBBHHH', 40000, 80, 0x11223344, 0, 0x50, 0x02, 64240, 0, 0)
    p = ip(6, syn, I11, REM, ttl=3)
    f.append(e4(p, H11, GW))
    f.append(err4(ROUTERS[2], 11, 0, p, extension=ext([mpls_obj(16003, 16004)])))
    # fragmentation needed with the next hop's MTU and an extension
    big = ip(17, udp(41000, 9, bytes(1400)), I11, REM, ttl=9)
    f.append(err4(ROUTERS[3], 3, 4, big[:128], lf=32, word=struct.pack('!BBH', 0, 32, 1400),
                  extension=ext([int_info(0, 7, ROUTERS[3], b'gre1', 1400)])))
    # traceroute6 through the core
    for hlim in range(1, 6):
        p = probe6(hlim)
        f.append(e6(p, H11, GW))
        r = R6[hlim - 1]
        if hlim == 1:
            f.append(err6(r, 3, 0, p))
        elif hlim < 5:
            objs = [mpls_obj(299776 + hlim, 3)] if hlim % 2 == 0 else []
            objs.append(int_info(0, hlim, r, b'eth%d' % hlim, 1500))
            f.append(err6(r, 3, 0, p, lf=16, extension=ext(objs)))
        else:
            f.append(err6(G99, 1, 4, p, lf=len(p) // 8 + 1, extension=ext([int_info(1, 9, G99, None, 1500)])))
    case('icmp_mpls_traceroute', f)


def ext_bad():
    f = []
    p = probe4(4)
    good = mpls_obj(16004)
    variants = [
        ext([good], version=1), ext([good], version=0), ext([good], version=15), ext([good], checksum=False),
        ext([]), ext([good])[:3], ext([obj(1, 1, lse(5, s=True), 2)]), ext([obj(1, 1, lse(5, s=True), 3)]),
        ext([obj(1, 1, lse(5, s=True), 200)]), ext([obj(1, 1, lse(5, s=True) + b'\1\2')]), ext([obj(1, 2, bytes(8))]),
        ext([obj(0, 1, p[:40])]), ext([obj(0, 2, bytes(4))]), ext([obj(4, 1, bytes(8))]), ext([obj(255, 0, b'')]),
        ext([good, good, good]), ext([int_info(0, 1)] * 6),
        ext([obj(2, 0x04, struct.pack('!HH', 3, 0) + bytes(8))]),
        ext([obj(2, 0x04, struct.pack('!HH', 2, 0) + bytes(8))]),
        ext([obj(2, 0x04, struct.pack('!HH', 1, 0) + bytes(2))]), ext([obj(2, 0x02, bytes([0]))]),
        ext([obj(2, 0x02, bytes([40]) + b'eth0')]), ext([obj(2, 0x02, bytes([4]) + b'eth')]), ext([obj(2, 0x01, b'')]),
        ext([obj(2, 0x09, struct.pack('!I', 7))]), ext([obj(2, 0x0f, bytes(4))]), ext([obj(2, 0xcf, bytes(40))]),
        ext([obj(3, 1, b'eth0')]), ext([obj(3, 2, struct.pack('!I', 2))]), ext([obj(3, 3, bytes([0, 1, 4, 0]) + REM)]),
        ext([obj(3, 3, bytes([0, 2, 16, 0]) + G99)]), ext([obj(3, 3, bytes([0, 1, 12, 0]) + REM)]),
        ext([obj(3, 3, bytes([0, 7, 4, 0]) + REM)]), ext([obj(3, 9, b'')]), ext([obj(3, 1, b'')]),
        b'\x20', b'\x20\x00', b'\x20\x00\x00\x00',
    ]
    for i, x in enumerate(variants):
        lf = (None, 32, 8, 33)[i % 4]
        f.append(err4(ROUTERS[3], 11, 0, p, lf=lf, extension=x))
    # a length pointing past the packet, shorter than the quote, a quote longer than 128 bytes without one
    long_probe = probe4(5, n=140)
    f.append(err4(ROUTERS[4], 11, 0, long_probe, extension=ext([good])))
    f.append(err4(ROUTERS[4], 11, 0, long_probe, lf=36, extension=ext([good])))
    f.append(err4(ROUTERS[4], 11, 0, long_probe[:128], lf=50, extension=ext([good])))
    f.append(err4(ROUTERS[4], 11, 0, long_probe[:128], lf=4, extension=ext([good])))
    f.append(err4(ROUTERS[4], 3, 1, p[:28], lf=7, extension=ext([good]) * 4))
    # ICMPv6 lengths past the packet and extensions every way wrong
    q6 = probe6(3)
    for i, x in enumerate(variants[::3]):
        f.append(err6(R6[2], 3, 0, q6, lf=(16, 17, 11, 30)[i % 4], extension=x))
    case('icmp_ext_bad', f)


def probe_rfc8335():
    """Linux's PROBE (net.ipv4.icmp_echo_enable_probe, `ping -e`): an extended echo request carrying one interface
    identification object (by name, index or address), its reply's state bits and codes."""
    f = []
    reqs = [obj(3, 1, b'eth0'), obj(3, 1, b'br-lab0\0'), obj(3, 2, struct.pack('!I', 2)),
            obj(3, 3, bytes([0, 1, 4, 0]) + I13), obj(3, 3, bytes([0, 2, 16, 0]) + G99)]
    for seq, o in enumerate(reqs):
        word = struct.pack('!HBB', 0x5151, seq, 1 if seq % 2 else 0)
        f.append(e4(ip(1, icmp(42, 0, word, ext([o])), I11, I13), H11, H13))
        state = (seq << 5) | (4 if seq != 1 else 0) | 2
        f.append(e4(ip(1, icmp(43, seq % 5, struct.pack('!HBB', 0x5151, seq, state), b''), I13, I11), H13, H11))
    for c in (0, 1, 2, 3, 4, 5):
        f.append(e4(ip(1, icmp(43, c, struct.pack('!HBB', 7, c, 0xe6), b''), I13, I11), H13, H11))
    f.append(e4(ip(1, icmp(42, 1, struct.pack('!HBB', 7, 9, 0), ext([obj(3, 1, b'lo')])), I11, I13), H11, H13))
    f.append(e4(ip(1, icmp(42, 0, struct.pack('!HBB', 7, 9, 0), b''), I11, I13), H11, H13))
    for seq, o in enumerate(reqs):
        body = struct.pack('!HBB', 0x6262, seq, 0) + ext([o])
        f.append(e6(ip6(58, icmp6(160, 0, body, G11, G99), G11, G99), H11, GW))
        body = struct.pack('!HBB', 0x6262, seq, (seq << 5) | 5)
        f.append(e6(ip6(58, icmp6(161, seq, body, G99, G11), G99, G11), GW, H11))
    f.append(e6(ip6(58, icmp6(161, 7, bytes(4), G99, G11), G99, G11), GW, H11))
    case('icmp_probe_rfc8335', f)


def info_more():
    f = []
    sll = bytes([1, 1]) + H11
    tll = bytes([2, 1]) + GW
    mtu = bytes([5, 1, 0, 0]) + struct.pack('!I', 1500)
    # inverse neighbour discovery (RFC 3122) as a frame relay-less lab host answers it
    f.append(e6(ip6(58, icmp6(141, 0, bytes(4) + sll + tll, L11, ALL_NODES), L11, ALL_NODES, 255), H11,
                bytes.fromhex('333300000001')))
    f.append(e6(ip6(58, icmp6(142, 0, bytes(4) + tll + sll + mtu, LGW, L11), LGW, L11, 255)))
    f.append(e6(ip6(58, icmp6(142, 0, bytes(4) + tll + bytes(2), LGW, L11), LGW, L11, 255)))
    # home agent address discovery and mobile prefix solicitation/advertisement (RFC 6275)
    f.append(e6(ip6(58, icmp6(144, 0, struct.pack('!HH', 0x1234, 0), G11, G99), G11, G99), H11, GW))
    f.append(e6(ip6(58, icmp6(145, 0, struct.pack('!HH', 0x1234, 0) + R6[0] + R6[1], G99, G11), G99, G11)))
    f.append(e6(ip6(58, icmp6(145, 0, struct.pack('!HH', 0x1234, 0) + R6[0][:10], G99, G11), G99, G11)))
    f.append(e6(ip6(58, icmp6(146, 0, struct.pack('!HH', 0x4321, 0), G11, G99), G11, G99), H11, GW))
    pfx = bytes([3, 4, 64, 0xc0]) + struct.pack('!II', 86400, 14400) + bytes(4) + G99[:8] + bytes(8)
    f.append(e6(ip6(58, icmp6(147, 0, struct.pack('!HH', 0x4321, 0x8000) + pfx, G99, G11), G99, G11)))
    f.append(e6(ip6(58, icmp6(147, 0, struct.pack('!HH', 0x4321, 0x4000) + sll + pfx[:20], G99, G11), G99, G11)))
    # multicast router discovery (RFC 4286): advertisement, solicitation, termination
    f.append(e6(ip6(58, icmp6(151, 20, struct.pack('!HH', 125, 2), LGW, ALL_SNOOPERS), LGW, ALL_SNOOPERS, 1), GW,
                bytes.fromhex('33330000006a')))
    f.append(e6(ip6(58, icmp6(152, 0, b'', L11, ALL_ROUTERS), L11, ALL_ROUTERS, 1), H11, bytes.fromhex('333300000002')))
    f.append(e6(ip6(58, icmp6(153, 0, b'', LGW, ALL_SNOOPERS), LGW, ALL_SNOOPERS, 1), GW,
                bytes.fromhex('33330000006a')))
    f.append(e6(ip6(58, icmp6(151, 20, struct.pack('!H', 125), LGW, ALL_SNOOPERS), LGW, ALL_SNOOPERS, 1), GW,
                bytes.fromhex('33330000006a')))
    # locator update (RFC 6743), private experimentation and unassigned types, short bodies
    f.append(e6(ip6(58, icmp6(156, 0, struct.pack('!BBH', 2, 0, 0) + bytes(16), L11, LGW), L11, LGW), H11, GW))
    for t in (0, 5, 99, 100, 101, 127, 162, 199, 200, 201, 255):
        f.append(e6(ip6(58, icmp6(t, t % 3, b'lab!' * (t % 4), L11, LGW), L11, LGW), H11, GW))
    for t in (144, 146, 151, 156, 160, 161):
        f.append(e6(ip6(58, icmp6(t, 0, b'\1\2', L11, LGW), L11, LGW), H11, GW))
    case('icmpv6_info_more', f)


def errors_rfc4884():
    f = []
    p = probe4(7, n=80)
    ping = ip(1, icmp(8, 0, struct.pack('!HH', 0x99, 1), bytes(range(64))), I11, REM, ttl=7)
    for c in range(16):
        f.append(err4(ROUTERS[c % 7], 3, c, p, lf=32 if c % 2 else 0, extension=ext([mpls_obj(100 + c)])))
    for c in (0, 1, 2):
        f.append(err4(ROUTERS[5], 12, c, ping, lf=32, word=struct.pack('!BBH', 20, 32, 0),
                      extension=ext([int_info(3, 1, ROUTERS[5])])))
    f.append(err4(ROUTERS[5], 12, 0, ping[:28], word=struct.pack('!BBH', 20, 0, 0)))
    f.append(err4(ROUTERS[5], 4, 0, ping, lf=32, extension=ext([mpls_obj(4)])))
    f.append(err4(ROUTERS[5], 11, 1, ping, lf=32, extension=ext([mpls_obj(5)])))
    # redirects: byte 5 is the gateway's second byte, read as RFC 4884's length all the same
    for gw in (IGW, bytes([10, 32, 0, 1]), bytes([10, 0, 0, 1])):
        f.append(err4(IGW, 5, 1, ping, word=gw, extension=ext([mpls_obj(6)])))
        f.append(err4(IGW, 5, 1, ping[:28], word=gw))
    # ICMPv6: the length in unreachables and time exceeded; packet too big and parameter problem have none
    q = probe6(2, n=200)
    for t, c, lf in ((1, 0, 16), (1, 3, 16), (1, 4, 0), (1, 5, 10), (3, 0, 16), (3, 1, 16), (3, 0, 0)):
        f.append(err6(R6[1], t, c, q[:128] if lf else q, lf=lf, extension=ext([mpls_obj(7)]) if lf else b''))
    f.append(err6(R6[1], 2, 0, q[:128], word=struct.pack('!I', 1280), extension=ext([mpls_obj(8)])))
    f.append(err6(R6[1], 4, 1, q[:128], word=struct.pack('!I', 6), extension=ext([mpls_obj(9)])))
    case('icmp_errors_rfc4884', f)


def snaplen_cases():
    p = probe4(3)
    p6 = probe6(3)
    mix = [
        err4(ROUTERS[2], 11, 0, p, lf=32, extension=ext([mpls_obj(299776, 16003), int_info(0, 3, ROUTERS[2],
                                                                                          b'ge-0/0/3', 1500)])),
        err4(ROUTERS[2], 11, 0, p, extension=ext([mpls_obj(16003)])),
        err6(R6[2], 3, 0, p6, lf=16, extension=ext([mpls_obj(299779, 3), int_info(0, 3, R6[2], b'eth3')])),
        e4(ip(1, icmp(42, 0, struct.pack('!HBB', 0x5151, 1, 0), ext([obj(3, 1, b'eth0')])), I11, I13), H11, H13),
        e6(ip6(58, icmp6(160, 0, struct.pack('!HBB', 0x6262, 1, 0) + ext([obj(3, 3, bytes([0, 2, 16, 0]) + G99)]),
                         G11, G99), G11, G99), H11, GW),
        e6(ip6(58, icmp6(141, 0, bytes(4) + bytes([1, 1]) + H11 + bytes([2, 1]) + GW, L11, ALL_NODES), L11,
               ALL_NODES, 255), H11, bytes.fromhex('333300000001')),
        eth(BC, H11, 0x0806, struct.pack('!HHBBH6s4s6s4s', 1, 0x0800, 6, 4, 1, H11, I11, bytes(6), IGW)),
    ]
    for snap in range(42, 211, 8):
        case('icmp_ext_snaplen_%d' % snap, mix, snaplen=snap)


BC = b'\xff' * 6
mpls_traceroute()
ext_bad()
probe_rfc8335()
info_more()
errors_rfc4884()
snaplen_cases()
write_all(OUT)
