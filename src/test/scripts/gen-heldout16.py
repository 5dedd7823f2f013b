#!/usr/bin/env python3
"""Writes the fourth held-out round's cases (refdata/tcpdump/heldout16/<case>/<case>.pcap) in the public corpus's
style: classic pcap, microsecond stamps from 1700000000.000000 one 1.012345 s apart, LINKTYPE_ETHERNET, the corpus's
hosts; bytes built by hand (no scapy, no randomness). Kinds the corpora touch little (grep first): ISAKMP exchanges
as strongSwan and racoon send them (NAT-D, fragmentation and DPD vendor IDs, notify data, delete lists, IKEv2 with
several proposals and an encrypted payload, over IPv6 and NAT-T), ISAKMP payload lengths wrong in every place;
DHCP through relays and to PXE/CPE clients with options 43, 60, 61, 77, 81, 82, 90, 93, 94, 97, 119, 121, 124, 125,
249 and their sub-options, bad sub-option lengths; ARP variants (probe, announcement, gratuitous reply, unicast poll,
hardware types 6 and 15 with other lengths, RARP requests and replies, InARP), in VLAN and QinQ with padding, FCS-like
trailers, cut at each snaplen of a tagged request; IPv6 extension headers (jumbo, PadN, RPL and SRH routing
headers, fragments of ICMPv6, no next header with bytes after it), ICMPv6/ND (DAD, NA flags, RA preference and
flags, route information of each length, link-layer options of odd lengths, nonce, redirect, inverse ND, MLDv2
records, errors of each code); 802.3/LLC/SNAP (STP, RSTP and TCN BPDUs, CDP, SNAP with AppleTalk, AARP, IPv6 and
ARP, LLC with group and response bits, odd 802.3 lengths); odd Ethernet lengths around 60 and 64; CDP neighbours
(every TLV, bad lengths, cut every seventh byte), AppleTalk ARP over Ethernet II, SNAP and a VLAN, and PTP as
linuxptp sends it.
record-heldout.sh 16 prints them with the real tools. Usage: gen-heldout16.py OUTDIR"""
import struct, sys

from heldout_frames import case, csum, eth, write_all

OUT = sys.argv[1] if len(sys.argv) > 1 else 'src/test/resources/refdata/tcpdump/heldout16'

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
UNSPEC = bytes(16)


def ip(proto, payload, src=I11, dst=I13, ttl=64, ident=0x9c41, flags=0, tot=None):
    h = struct.pack('!BBHHHBBH4s4s', 0x45, 0, tot if tot is not None else 20 + len(payload), ident, flags << 13, ttl,
                    proto, 0, src, dst)
    return h[:10] + struct.pack('!H', csum(h)) + h[12:] + payload


def ip6(nh, payload, src=L11, dst=L13, hlim=64, plen=None):
    return struct.pack('!IHBB', 0x60000000, len(payload) if plen is None else plen, nh, hlim) + src + dst + payload


def l4sum(proto, seg, src, dst):
    ph = src + dst + (struct.pack('!BBH', 0, proto, len(seg)) if len(src) == 4 else struct.pack('!IxxxB', len(seg),
                                                                                                  proto))
    return csum(ph + seg)


def udp(sport, dport, data, src=I11, dst=I13):
    h = struct.pack('!HHHH', sport, dport, 8 + len(data), 0)
    return h[:6] + struct.pack('!H', l4sum(17, h + data, src, dst) or 0xffff) + data


def u4(sport, dport, data, src=I11, dst=I13, dmac=H13, smac=H11):
    return eth(dmac, smac, 0x0800, ip(17, udp(sport, dport, data, src, dst), src, dst))


def u6(sport, dport, data, src=G11, dst=G13, dmac=H13, smac=H11):
    return eth(dmac, smac, 0x86dd, ip6(17, udp(sport, dport, data, src, dst), src, dst))


def icmp6(t, c, body, src=L11, dst=L13):
    b = struct.pack('!BBH', t, c, 0) + body
    return b[:2] + struct.pack('!H', l4sum(58, b, src, dst)) + b[4:]


def e6icmp(t, c, body, src=L11, dst=L13, dmac=H13, smac=H11, hlim=255):
    return eth(dmac, smac, 0x86dd, ip6(58, icmp6(t, c, body, src, dst), src, dst, hlim))


# ---------------------------------------------------------------- ISAKMP as IKE daemons send it
def isakmp(icookie, rcookie, np, ver, etype, flags, msgid, payloads, length=None):
    return struct.pack('!8s8sBBBBII', icookie, rcookie, np, ver, etype, flags, msgid,
                       28 + len(payloads) if length is None else length) + payloads


def gen(np, body, crit=0, length=None):
    return struct.pack('!BBH', np, crit, 4 + len(body) if length is None else length) + body


def isakmp_cases():
    ic, rc = bytes.fromhex('0c3a5e7d91b2c4f6'), bytes.fromhex('77e1d2c3b4a59687')
    attr = lambda t, v: struct.pack('!HH', 0x8000 | t, v)
    lattr = lambda t, v: struct.pack('!HH', t, len(v)) + v
    # strongSwan's main mode: four transforms (AES-CBC-256/SHA2-256/modp2048 ... 3DES/MD5/modp1024), vendor IDs
    # for XAUTH, DPD, NAT-T RFC 3947, IKE fragmentation
    tfs = [(7, 256, 4, 14), (7, 128, 2, 14), (5, 0, 2, 2), (1, 0, 1, 1)]
    trans = b''
    for i, (enc, kl, h, g) in enumerate(tfs):
        a = attr(1, enc) + (attr(14, kl) if kl else b'') + attr(2, h) + attr(3, 1) + attr(4, g) + attr(11, 1) + \
            lattr(12, b'\0\0\x70\x80')
        trans += gen(3 if i < len(tfs) - 1 else 0, struct.pack('!BBH', i + 1, 1, 0) + a)
    sa = struct.pack('!II', 1, 1) + gen(0, struct.pack('!BBBB', 1, 1, 0, len(tfs)) + trans)
    vids = [bytes.fromhex('09002689dfd6b712'), bytes.fromhex('afcad71368a1f1c96b8696fc77570100'),
            bytes.fromhex('4a131c81070358455c5728f20e95452f'), bytes.fromhex('4048b7d56ebce88525e7de7f00d6c2d3')]
    vp = b''.join(gen(13 if i < len(vids) - 1 else 0, v) for i, v in enumerate(vids))
    ke = bytes((i * 7) & 0xff for i in range(256))
    natd = lambda x: gen(20, bytes([x]) * 20)
    mm = [
        isakmp(ic, bytes(8), 1, 0x10, 2, 0, 0, gen(13, sa) + vp),
        isakmp(ic, rc, 1, 0x10, 2, 0, 0, gen(13, sa[:8] + gen(0, struct.pack('!BBBB', 1, 1, 0, 1) + trans[-36:]))
               + vp),
        isakmp(ic, rc, 4, 0x10, 2, 0, 0, gen(10, ke) + gen(20, b'\x5c' * 32) + natd(0xa1)[:0] + gen(20, b'\xa1' * 20)
               + gen(0, b'\xa2' * 20)),
        isakmp(ic, rc, 4, 0x10, 2, 0, 0, gen(10, ke[::-1]) + gen(20, b'\x5d' * 32) + gen(20, b'\xb1' * 20)
               + gen(0, b'\xb2' * 20)),
        isakmp(ic, rc, 5, 0x10, 2, 1, 0, b'\x3e' * 76),
        isakmp(ic, rc, 5, 0x10, 2, 1, 0, b'\x3f' * 60),
        isakmp(ic, rc, 8, 0x10, 32, 1, 0x3b9aca07, b'\x40' * 172),
        isakmp(ic, rc, 8, 0x10, 5, 1, 0x7f000001, b'\x41' * 76),
    ]
    case('isakmp_main_mode', [u4(500, 500, m) if i % 2 == 0 else u4(500, 500, m, I13, I11, H11, H13)
                              for i, m in enumerate(mm)])
    # quick mode in the clear (racoon with no encryption, the E bit clear), the identities of every IPsec DOI
    # type, responder lifetime and replay status notifications, deletes of several SPIs, INITIAL-CONTACT
    esp_t = gen(3, struct.pack('!BBH', 1, 12, 0) + attr(1, 1) + attr(2, 3600) + lattr(2, b'\0\x46\x50\0') +
                attr(4, 1) + attr(5, 2) + attr(6, 256)) + gen(0, struct.pack('!BBH', 2, 3, 0) + attr(4, 2) + attr(5, 1))
    ah_p = gen(0, struct.pack('!BBBB', 2, 2, 4, 1) + b'\x0a\x0b\x0c\x0d' + gen(0, struct.pack('!BBH', 1, 3, 0) +
                                                                              attr(5, 2) + attr(7, 3)))
    qsa = struct.pack('!II', 1, 1) + gen(2, struct.pack('!BBBB', 1, 3, 4, 2) + b'\xc0\xff\xee\x01' + esp_t) + ah_p
    ipcomp = struct.pack('!II', 1, 1) + gen(0, struct.pack('!BBBB', 1, 4, 2, 1) + b'\x12\x34' + gen(
        0, struct.pack('!BBH', 1, 2, 0) + attr(1, 1) + attr(8, 4)))
    ids = [struct.pack('!BBH', 1, 17, 500) + I11, struct.pack('!BBH', 4, 6, 80) + bytes([10, 2, 0, 0, 255, 255, 0, 0]),
           struct.pack('!BBH', 7, 0, 0) + bytes([10, 3, 0, 1, 10, 3, 0, 99]), struct.pack('!BBH', 5, 58, 0) + G11,
           struct.pack('!BBH', 6, 0, 0) + G11 + b'\xff' * 8 + b'\0' * 8, struct.pack('!BBH', 8, 0, 0) + G11 + G13,
           struct.pack('!BBH', 3, 0, 0) + b'bob@lab.arplab.net', struct.pack('!BBH', 9, 0, 0) + bytes.fromhex(
               '3011310f300d06035504030c06676174657761'), struct.pack('!BBH', 11, 0, 0) + b'key-0042',
           struct.pack('!BBH', 10, 0, 0) + b'\x82\x03abc', struct.pack('!BBH', 12, 0, 0) + b'zz',
           struct.pack('!BBH', 1, 0, 0) + b'\x0a\x01', struct.pack('!BBH', 4, 0, 0) + b'\x0a\x01\x00\x00',
           struct.pack('!BBH', 5, 0, 0) + G11[:8], struct.pack('!BBH', 2, 1, 0) + b'gw\x01\x7f\xc3\xa9.example']
    qm = [isakmp(ic, rc, 8, 0x10, 32, 0, 0x01020304, gen(1, b'\x50' * 20) + gen(10, qsa) + gen(5, b'\x51' * 24) +
                 gen(5, ids[0]) + gen(0, ids[1]))]
    for i in range(0, len(ids) - 1, 2):
        qm.append(isakmp(ic, rc, 8, 0x10, 32, 0, 0x01020305 + i, gen(5, b'\x52' * 20) + gen(5, ids[i]) +
                         gen(0, ids[i + 1])))
    qm.append(isakmp(ic, rc, 8, 0x10, 32, 0, 0x01020400, gen(1, b'\x53' * 20) + gen(0, ipcomp)))
    nt = lambda t, spi, data, doi=1, proto=3: struct.pack('!IBBH', doi, proto, len(spi), t) + spi + data
    notes = [nt(24576, b'\xc0\xff\xee\x01', attr(11, 1) + lattr(12, b'\0\0\x0e\x10')),
             nt(24577, b'\xc0\xff\xee\x01', b'\0\0\0\1'), nt(24577, b'\xc0\xff\xee\x02', b'\0\0\0\0'),
             nt(24578, ic + rc, b'', proto=1), nt(14, b'', b''), nt(16, b'', b'some-data-that-is-long-enough-to-cut!'),
             nt(30, b'', b''), nt(31, b'', b''), nt(8192, b'', b''), nt(8193, b'', b''), nt(16384, b'', b''),
             nt(16385, b'', b''), nt(24579, b'', b''), nt(32768, b'', b'\1\2'), nt(36136, ic + rc, b'\0\0\0\x2a', proto=1),
             nt(36137, ic + rc, b'\0\0\0\x2a', proto=1), nt(16384, b'', b'', doi=0), nt(24576, b'\1\2', b'', doi=2),
             nt(24576, b'\1\2\3\4', attr(11, 2) + lattr(12, b'\0\x01\0\0') + attr(99, 1) + lattr(44, b'\xaa'), proto=3),
             nt(24577, b'', b'\0\0')]
    info = [isakmp(ic, rc, 8, 0x10, 5, 0, 0x0a000000 + i, gen(11, b'\x60' * 20) + gen(0, n)) for i, n in
            enumerate(notes)]
    dels = [struct.pack('!IBBH', 1, 3, 4, 3) + b'\xc0\xff\xee\x01\xc0\xff\xee\x02\xc0\xff\xee\x03',
            struct.pack('!IBBH', 1, 1, 16, 1) + ic + rc, struct.pack('!IBBH', 1, 2, 4, 0),
            struct.pack('!IBBH', 0, 3, 4, 1) + b'\1\2\3\4', struct.pack('!IBBH', 1, 4, 2, 2) + b'\x12\x34\x56\x78',
            struct.pack('!IBBH', 1, 3, 4, 5) + b'\x01\x02\x03\x04']
    info += [isakmp(ic, rc, 8, 0x10, 5, 0, 0x0b000000 + i, gen(12, b'\x61' * 20) + gen(0, d)) for i, d in
             enumerate(dels)]
    case('isakmp_quick_info', [u4(500, 500, m) for m in qm + info])
    # IKEv2 as strongSwan sends it: two proposals, AES-GCM with key lengths, PRFs, DH groups 14, 19, 31, ESN; NAT
    # detection, fragmentation and signature hash notifies, a cookie exchange; IKE_AUTH and CREATE_CHILD_SA in E
    tr2 = lambda t, i, a=b'', more=3: struct.pack('!BBHBBH', more, 0, 8 + len(a), t, 0, i) + a
    prop = lambda n, pid, spi, ts: gen(2 if n == 1 else 0, struct.pack('!BBBB', n, pid, len(spi), len(ts)) + spi +
                                       b''.join(t if i < len(ts) - 1 else b'\0' + t[1:] for i, t in enumerate(ts)))
    p1 = prop(1, 1, b'', [tr2(1, 12, attr(14, 256)), tr2(1, 12, attr(14, 128)), tr2(3, 12), tr2(3, 14), tr2(2, 5),
                          tr2(2, 7), tr2(4, 14), tr2(4, 19), tr2(4, 31)])
    p2 = prop(2, 1, b'', [tr2(1, 20, attr(14, 256)), tr2(2, 7), tr2(4, 19), tr2(4, 21), tr2(4, 99), tr2(9, 3)])
    notify = lambda t, data=b'', spi=b'', pid=0: struct.pack('!BBH', pid, len(spi), t) + spi + data
    init = gen(34, p1 + p2) + gen(40, struct.pack('!HH', 14, 0) + ke) + gen(41, bytes(range(32))) + \
        gen(41, notify(16388, b'\xc1' * 20)) + gen(41, notify(16389, b'\xc2' * 20)) + gen(41, notify(16430)) + \
        gen(43, notify(16431, b'\0\2\0\3\0\4')) + gen(0, b'strongSwan')
    v2 = [
        isakmp(ic, bytes(8), 33, 0x20, 34, 0x08, 0, init),
        isakmp(ic, bytes(8), 41, 0x20, 34, 0x20, 0, gen(0, notify(16390, b'\x9c' * 20))),
        isakmp(ic, bytes(8), 41, 0x20, 34, 0x08, 0, gen(33, notify(16390, b'\x9c' * 20)) + init),
        isakmp(ic, rc, 33, 0x20, 34, 0x20, 0, gen(34, prop(1, 1, b'', [tr2(1, 12, attr(14, 256)), tr2(3, 12),
                                                                      tr2(2, 5), tr2(4, 14)])) +
               gen(40, struct.pack('!HH', 14, 0) + ke[::-1]) + gen(38, bytes(range(32, 64))) + gen(0, b'\x04' + bytes(40))),
        isakmp(ic, rc, 46, 0x20, 35, 0x08, 1, gen(35, b'\x71' * 16 + b'\x72' * 200 + b'\x73' * 16)),
        isakmp(ic, rc, 46, 0x20, 35, 0x20, 1, gen(36, b'\x74' * 150)),
        isakmp(ic, rc, 46, 0x20, 36, 0x08, 2, gen(33, b'\x75' * 120, crit=0x80)),
        isakmp(ic, rc, 46, 0x20, 37, 0x28, 3, gen(0, b'\x76' * 48)),
        isakmp(ic, rc, 53, 0x20, 35, 0x08, 1, gen(0, struct.pack('!HH', 1, 2) + b'\x77' * 100)),
        isakmp(ic, rc, 35, 0x20, 35, 0x08, 1, gen(36, struct.pack('!BBH', 1, 0, 0) + I11) +
               gen(39, struct.pack('!BBH', 3, 0, 0) + b'CN=gw') + gen(41, struct.pack('!BBH', 1, 0, 0) + b'\x78' * 32) +
               gen(47, struct.pack('!BBH', 1, 0, 0) + b'\0\1\0\0\0\3\0\0') +
               gen(33, gen(0, struct.pack('!BBBB', 1, 3, 4, 1) + b'\xc0\xff\xee\x09' + tr2(1, 12, attr(14, 128), 0))) +
               gen(44, b'\x01\0\0\0' + struct.pack('!BBHHH', 7, 0, 16, 0, 65535) + IGW + I14) +
               gen(45, b'\x02\0\0\0' + struct.pack('!BBHHH', 8, 17, 40, 500, 500) + G11 + G11 +
                   struct.pack('!BBHHH', 7, 6, 16, 80, 80) + I13 + I13) + gen(42, b'\x01\x08\0\x01' + b'\x79' * 8) +
               gen(48, b'\x01\x07\x00\x09\x01alice') + gen(37, b'\x04' + b'\x7a' * 40) + gen(0, b'\x04' + b'\x7b' * 20)),
        isakmp(ic, rc, 35, 0x20, 35, 0x08, 1, gen(36, struct.pack('!BBH', 2, 0, 0) + b'gw.example.net') +
               gen(39, struct.pack('!BBH', 5, 0, 0) + G11) + gen(0, struct.pack('!BBH', 11, 0, 0) + b'\x01\x02')),
        isakmp(ic, rc, 35, 0x20, 35, 0x08, 1, gen(36, struct.pack('!BBH', 3, 0, 0) + b'al\x01ce@ex') +
               gen(39, struct.pack('!BBH', 9, 0, 0) + b'\x30\x00') + gen(0, struct.pack('!BBH', 10, 0, 0))),
        isakmp(ic, rc, 41, 0x20, 37, 0x20, 4, gen(41, notify(1, b'\x2e')) + gen(41, notify(4, b'', b'\1' * 8, 1)) +
               gen(41, notify(5, b'\x20')) + gen(41, notify(7)) + gen(41, notify(9, b'\0\0\0\x07')) +
               gen(41, notify(11, b'', b'\xc0\xff\xee\x09', 3)) + gen(41, notify(14)) + gen(41, notify(17, b'\0\x13')) +
               gen(41, notify(24)) + gen(41, notify(34)) + gen(41, notify(35)) + gen(41, notify(36)) +
               gen(41, notify(37)) + gen(41, notify(39)) + gen(41, notify(16384)) + gen(41, notify(16385, b'\0\0\0\x0a'))
               + gen(41, notify(16386)) + gen(41, notify(16387, b'\x12\x34\x02')) + gen(41, notify(16391)) +
               gen(41, notify(16392)) + gen(41, notify(16393, b'', b'\xc0\xff\xee\x0a', 3)) + gen(41, notify(16394)) +
               gen(41, notify(16395)) + gen(41, notify(8200)) + gen(41, notify(40000)) + gen(41, notify(50000)) +
               gen(0, notify(16390, b'\x7c' * 40))),
    ]
    case('ikev2_exchanges', [u4(500, 500, m) if i % 2 == 0 else u4(500, 500, m, I13, I11, H11, H13)
                             for i, m in enumerate(v2)])
    # the same over IPv6 and behind NAT (UDP 4500 with the non-ESP marker), keep-alives, ESP in UDP
    case('isakmp_ipv6_natt', [u6(500, 500, mm[0]), u6(500, 500, mm[1], G13, G11, H11, H13), u6(500, 500, v2[0]),
                              u4(4500, 4500, b'\0\0\0\0' + mm[4]), u4(4500, 4500, b'\0\0\0\0' + v2[4], I13, I11, H11,
                                                                         H13),
                              u4(4500, 4500, b'\xff'), u4(4500, 4500, b'\0\0\0\0'), u4(4500, 4500, b'\0\0\0'),
                              u4(4500, 4500, b'\xc0\xff\xee\x09\0\0\0\x01' + b'\x80' * 40),
                              u6(4500, 4500, b'\0\0\0\0' + qm[0]), u4(4500, 4500, b'\0\0\0\0' + bytes(20))])
    # lengths wrong in every place: the header's, each payload's (0, 4, 5, past the datagram), a proposal's and
    # a transform's, an attribute's, an SPI size past the payload; and the exchange cut at every fifth byte
    bad = [
        isakmp(ic, bytes(8), 1, 0x10, 2, 0, 0, gen(13, sa) + vp, length=500),
        isakmp(ic, bytes(8), 1, 0x10, 2, 0, 0, gen(13, sa) + vp, length=28),
        isakmp(ic, rc, 1, 0x10, 2, 0, 0, gen(0, sa, length=4)),
        isakmp(ic, rc, 1, 0x10, 2, 0, 0, gen(0, sa, length=0)),
        isakmp(ic, rc, 1, 0x10, 2, 0, 0, gen(0, sa, length=400)),
        isakmp(ic, rc, 1, 0x10, 2, 0, 0, gen(0, sa[:8] + gen(0, struct.pack('!BBBB', 1, 1, 0, 1) + trans[-36:],
                                                             length=5))),
        isakmp(ic, rc, 1, 0x10, 2, 0, 0, gen(0, sa[:8] + gen(0, struct.pack('!BBBB', 1, 1, 30, 1) + trans[-36:]))),
        isakmp(ic, rc, 1, 0x10, 2, 0, 0, gen(0, sa[:8] + gen(0, struct.pack('!BBBB', 1, 1, 0, 1) +
                                                             gen(0, struct.pack('!BBH', 1, 1, 0) + lattr(12, b'\0\1'),
                                                                 length=30)))),
        isakmp(ic, rc, 1, 0x10, 2, 0, 0, gen(0, sa[:8] + gen(0, struct.pack('!BBBB', 1, 1, 0, 1) +
                                                             gen(0, struct.pack('!BBH', 1, 1, 0) + struct.pack(
                                                                 '!HH', 12, 20) + b'\0\1')))),
        isakmp(ic, rc, 1, 0x10, 2, 0, 0, gen(0, struct.pack('!II', 1, 2) + gen(0, struct.pack('!BBBB', 1, 1, 0, 1)))),
        isakmp(ic, rc, 1, 0x10, 2, 0, 0, gen(0, struct.pack('!II', 1, 0) + gen(0, struct.pack('!BBBB', 1, 1, 0, 1)))),
        isakmp(ic, rc, 1, 0x10, 2, 0, 0, gen(0, struct.pack('!II', 2, 1))),
        isakmp(ic, rc, 11, 0x10, 5, 0, 1, gen(0, struct.pack('!IBBH', 1, 3, 40, 24577) + b'\1\2')),
        isakmp(ic, rc, 12, 0x10, 5, 0, 1, gen(0, struct.pack('!IBBH', 1, 3, 4, 9) + b'\1\2\3\4')),
        isakmp(ic, rc, 5, 0x10, 2, 0, 0, gen(0, struct.pack('!BBH', 1, 0, 0) + b'\1\2')),
        isakmp(ic, rc, 33, 0x20, 34, 0x08, 0, gen(0, p1[:8], length=4)),
        isakmp(ic, rc, 33, 0x20, 34, 0x08, 0, gen(0, gen(0, struct.pack('!BBBB', 1, 1, 9, 1), length=8))),
        isakmp(ic, rc, 33, 0x20, 34, 0x08, 0, gen(0, gen(0, struct.pack('!BBBB', 1, 1, 0, 1) + tr2(1, 12, b'', 0),
                                                        length=40))),
        isakmp(ic, rc, 33, 0x20, 34, 0x08, 0, gen(0, gen(0, struct.pack('!BBBB', 1, 1, 0, 1) +
                                                        struct.pack('!BBHBBH', 0, 0, 4, 1, 0, 12)))),
        isakmp(ic, rc, 34, 0x20, 34, 0x08, 0, gen(0, b'\0\x0e')),
        isakmp(ic, rc, 34, 0x20, 34, 0x08, 0, gen(0, b'\0\x0e\0\0', length=6)),
        isakmp(ic, rc, 39, 0x20, 35, 0x08, 1, gen(0, b'\x02', length=5)),
        isakmp(ic, rc, 35, 0x20, 35, 0x08, 1, gen(0, b'\x02\0\0', length=7)),
        isakmp(ic, rc, 43, 0x20, 35, 0x08, 1, gen(0, b'', length=5)),
        isakmp(ic, rc, 41, 0x20, 37, 0x08, 1, gen(0, notify(16390, b'', b'\1' * 30), length=12)),
        isakmp(ic, rc, 0, 0x20, 37, 0x08, 1, b''),
        isakmp(ic, rc, 14, 0x10, 5, 0, 1, gen(0, b'abc')),
        isakmp(ic, rc, 60, 0x20, 37, 0x08, 1, gen(0, b'abc')),
        isakmp(ic, rc, 1, 0x30, 2, 0, 0, gen(0, sa)),
        isakmp(ic, rc, 1, 0x10, 2, 0x06, 0, gen(0, sa)),
        isakmp(ic, rc, 33, 0x20, 34, 0x37, 0, gen(0, p1)),
    ]
    full = u4(500, 500, mm[0])
    cuts = [(full, c) for c in range(42 + 28, len(full), 5)]
    full2 = u4(500, 500, v2[0], I13, I11, H11, H13)
    cuts += [(full2, c) for c in range(42 + 28, len(full2), 9)]
    case('isakmp_bad_lengths', [u4(500, 500, m) for m in bad] + cuts)


# ---------------------------------------------------------------- DHCP through relays, PXE and CPE clients
def dhcp_cases():
    def bootp(op, xid, ciaddr, yiaddr, giaddr, opts, hops=0, flags=0x8000, chaddr=H11, sname=b'', file=b''):
        return struct.pack('!BBBBIHH4s4s4s4s', op, 1, 6, hops, xid, 4, flags, ciaddr, yiaddr, Z4, giaddr) + \
            chaddr + b'\0' * 10 + sname.ljust(64, b'\0') + file.ljust(128, b'\0') + b'\x63\x82\x53\x63' + opts + \
            b'\xff'
    o = lambda t, v: bytes([t, len(v)]) + v
    ent = lambda n, d: struct.pack('!IB', n, len(d)) + d
    relay = o(82, o(1, b'\x00\x04\x00\x64\x00\x03') + o(2, b'\x00\x06' + H12) + o(5, bytes([10, 20, 30, 0])) +
              o(11, IGW) + o(151, b'\x00blue') + o(9, ent(9, b'\x01\x02ab') + ent(3561, b'\x01\x04CPE1')) +
              o(12, b'relay-7') + o(152, IGW) + o(10, b'\x01'))
    pxe = o(60, b'PXEClient:Arch:00007:UNDI:003016') + o(93, b'\x00\x07') + o(94, b'\x01\x03\x10') + \
        o(97, b'\x00' + bytes(range(16))) + o(55, bytes([1, 3, 6, 12, 15, 28, 42, 43, 60, 66, 67, 119, 121, 128]))
    cpe = o(60, b'dslforum.org') + o(124, ent(3561, b'dslforum.org')) + \
        o(125, ent(3561, o(1, b'00A0BC') + o(2, b'SN0001') + o(3, b'HGW') + o(4, b'00A0BD') + o(5, b'GW01') +
                   o(6, b'HGW2')) + ent(9, o(1, b'ios') + o(2, b'c1111')))
    common = o(1, b'\xff\xff\xff\0') + o(3, IGW) + o(6, IGW + I14) + o(15, b'lab.arplab.net') + o(28, bytes(
        [172, 28, 0, 255])) + o(42, I14) + o(44, I14) + o(46, b'\x08') + o(47, b'scope1') + o(51, b'\0\1\x51\x80') + \
        o(58, b'\0\0\xa8\xc0') + o(59, b'\0\1\x27\x50') + o(54, IGW)
    x1, x2, x3 = 0x5e5e0001, 0x5e5e0002, 0x5e5e0003
    frames = [
        # a PXE client through a relay: DISCOVER, OFFER with PXE vendor options, REQUEST, ACK
        u4(67, 67, bootp(1, x1, Z4, Z4, IGW, o(53, b'\1') + o(57, b'\x05\xc0') + pxe + relay, hops=1), IGW, I13,
           H13, GW),
        u4(67, 67, bootp(2, x1, Z4, I12, IGW, o(53, b'\2') + common + o(43, o(6, b'\x08') + o(8, b'\x00\x01\x01' + I13) +
                                                                        o(9, b'\x00\x01\x05Linux') +
                                                                        o(10, b'\x05boot>') + b'\xff') + o(60,
                                                                                                            b'PXEClient')
                           + o(66, b'172.28.0.13') + o(67, b'pxelinux.0') + relay, sname=b'tftp1',
                           file=b'pxelinux.0'), I13, IGW, GW, H13),
        u4(67, 67, bootp(1, x1, Z4, Z4, IGW, o(53, b'\3') + o(50, I12) + o(54, IGW) + pxe + relay, hops=1), IGW, I13,
           H13, GW),
        u4(67, 67, bootp(2, x1, Z4, I12, IGW, o(53, b'\5') + common + o(121, b'\x18\x0a\x01\x02' + IGW + b'\x00' + IGW)
                           + o(249, b'\x10\xc0\xa8' + IGW) + o(119, b'\x03lab\x06arplab\x03net\x00\xc0\x04') + relay),
           I13, IGW, GW, H13),
        # a CPE (TR-111) and a Windows client
        u4(68, 67, bootp(1, x2, Z4, Z4, Z4, o(53, b'\1') + o(61, b'\x01' + H14) + cpe + o(55, bytes([1, 3, 6, 125]))),
           Z4, b'\xff' * 4, BC, H14),
        u4(67, 68, bootp(2, x2, Z4, I14, Z4, o(53, b'\2') + common + cpe), IGW, b'\xff' * 4, BC, GW),
        u4(68, 67, bootp(1, x3, Z4, Z4, Z4, o(53, b'\3') + o(61, b'\x01' + H12) + o(50, I12) + o(12, b'WIN-7F3K') +
                         o(81, b'\x00\x00\x00WIN-7F3K.lab.arplab.net') + o(60, b'MSFT 5.0') +
                         o(77, b'RRAS.Microsoft') + o(55, bytes([1, 3, 6, 15, 31, 33, 43, 44, 46, 47, 119, 121, 249, 252]))
                         , flags=0, chaddr=H12), Z4, b'\xff' * 4, BC, H12),
        u4(68, 67, bootp(1, x3, I12, Z4, Z4, o(53, b'\x08') + o(61, b'\xff\x00\x00\x00\x01\x00\x01\x2a\x3b\x4c\x5d' + H12)
                         + o(90, b'\x01\x01\x00' + b'\0' * 8) + o(60, b'MSFT 5.0'), flags=0, chaddr=H12), I12, IGW,
           GW, H12),
        u4(67, 68, bootp(2, x3, I12, Z4, Z4, o(53, b'\5') + o(54, IGW) + o(1, b'\xff\xff\xff\0') + o(81, b'\x03\xff\xff') +
                         o(252, b'http://wpad.lab/wpad.dat\0'), flags=0, chaddr=H12), IGW, I12, H12, GW),
        # a lease query and force renew, option overload of sname and file
        u4(67, 67, bootp(1, 0x5e5e0004, I12, Z4, IGW, o(53, b'\x0a') + o(55, bytes([51, 61, 82]))), IGW, IGW, GW, GW),
        u4(67, 68, bootp(2, 0x5e5e0005, I12, Z4, Z4, o(53, b'\x09') + o(54, IGW)), IGW, I12, H12, GW),
        u4(67, 68, bootp(2, 0x5e5e0006, Z4, I12, Z4, o(53, b'\5') + o(52, b'\x03') + o(54, IGW),
                         sname=o(15, b'lab') + b'\xff', file=o(3, IGW) + b'\xff'), IGW, I12, H12, GW),
    ]
    case('dhcp_relay_pxe_cpe', frames)
    # sub-options whose lengths run past their option: relay agent, V-I vendor class and information, NetWare/IP,
    # location, client network interface, an empty user class, a route wider than the option
    bad = [o(82, b'\x01\x07ab'), o(82, o(9, ent(9, b'abcdef')[:5] + b'abcdef')[:9]), o(82, o(9, b'\0\0\0\x09\x05ab')),
           o(82, b'\x01'), o(82, o(9, ent(9, b'ab')) + b'\x02'), o(124, ent(3561, b'abc')[:4] + b'\x20abc'),
           o(124, b'\x01'), o(124, ent(3561, b'abc') + b'\x01\x02\x03'), o(125, ent(3561, o(1, b'ab'))[:4] + b'\x09' +
                                                                           o(1, b'ab')),
           o(125, ent(3561, o(1, b'abcdef'))), o(125, ent(3561, b'\x01')), o(125, ent(77, o(1, b'ab'))[:4] + b'\x08' +
                                                                              o(1, b'ab')),
           o(125, b'\0\0\0'), o(63, b'\x05\x09a'), o(63, o(11, b'\1\2\3\4')), o(94, b''), o(94, b'\x01\x02'),
           o(79, b''), o(123, b'\x01\x05ab'), o(121, b'\x18\x0a\x01'), o(249, b'\x08\x0a\x01\x02\x03\x04\x05'),
           o(121, b'\x21\0\0\0\0'), o(77, b'\x09corp'), o(43, b'\x3a\x02\0\x05'), o(119, b'\x03lab'),
           o(120, b'\x01\x0a\0\0\x01'), o(81, b'\x04\0\0\x03lab\0'), o(61, b'\xff\0\0\0\1\0\3\0\1' + H11)]
    case('dhcp_bad_suboptions', [u4(68, 67, bootp(1, 0x5e5e1000 + i, Z4, Z4, Z4, o(53, b'\1') + b), Z4, b'\xff' * 4,
                                    BC, H11) for i, b in enumerate(bad)])
    # a DHCP exchange in a VLAN and a QinQ tag
    d = ip(17, udp(68, 67, bootp(1, 0x5e5e2000, Z4, Z4, Z4, o(53, b'\1') + relay), Z4, b'\xff' * 4), Z4, b'\xff' * 4)
    case('dhcp_tagged', [eth(BC, H11, 0x8100, struct.pack('!HH', 0x2064, 0x0800) + d),
                         eth(BC, H11, 0x88a8, struct.pack('!HHHH', 0x0c8, 0x8100, 0x0064, 0x0800) + d)])


# ---------------------------------------------------------------- ARP as hosts send it
def arp(op, sha, spa, tha, tpa, hrd=1, pro=0x0800, hln=6, pln=4):
    return struct.pack('!HHBBH', hrd, pro, hln, pln, op) + sha + spa + tha + tpa


def arp_cases():
    Z6 = bytes(6)
    frames = [
        eth(BC, H11, 0x0806, arp(1, H11, Z4, Z6, I12)),                         # RFC 5227 probe
        eth(BC, H11, 0x0806, arp(1, H11, I12, Z6, I12)),                        # announcement
        eth(BC, H11, 0x0806, arp(2, H11, I12, BC, I12)),                        # gratuitous reply
        eth(BC, H11, 0x0806, arp(2, H11, I12, H11, I12)),
        eth(H13, H11, 0x0806, arp(1, H11, I11, H13, I13)),                      # unicast poll (NUD)
        eth(H11, H13, 0x0806, arp(2, H13, I13, H11, I11)),
        eth(H11, H13, 0x0806, arp(2, H13, I13, BC, I11)),
        eth(BC, H11, 0x0806, arp(1, H11, I11, BC, I13)),
        eth(BC, H11, 0x0806, arp(1, H11, I11, Z6, I11)),
        eth(BC, H11, 0x0806, arp(1, H11 + b'\1\2', I11, Z6 + b'\0\0', I13, hrd=6, hln=8)),
        eth(BC, H11, 0x0806, arp(1, H11, I11, Z6, I13, hrd=6)),
        eth(BC, H11, 0x0806, arp(8, b'\x10\x21', I11, b'\0\0', Z4, hrd=15, hln=2)),
        eth(BC, H11, 0x0806, arp(9, b'\x10\x22', I13, b'\x10\x21', I11, hrd=15, hln=2)),
        eth(BC, H11, 0x0806, arp(8, H11, I11, H13, Z4)),
        eth(H11, H13, 0x0806, arp(9, H13, I13, H11, I11)),
        eth(BC, H11, 0x8035, arp(3, H11, Z4, H11, Z4)),
        eth(H11, GW, 0x8035, arp(4, GW, IGW, H11, I11)),
        eth(BC, H11, 0x8035, arp(3, H11, I11, H11, Z4)),
        eth(BC, H11, 0x8035, arp(1, H11, I11, Z6, I13)),
        eth(BC, H11, 0x0806, arp(1, H11, I11, Z6, I13, pln=6, pro=0x0800)[:8] + H11 + I11 + b'\0\0' + Z6 + I13 + b'\0\0'),
        eth(BC, H11, 0x0806, arp(1, H11, I11, Z6, I13, hrd=0x0001, pro=0x86dd, pln=16)[:8] + H11 + L11 + Z6 + L13),
        eth(BC, H11, 0x0806, arp(1, H11, b'', Z6, b'', pln=0)),
        eth(BC, H11, 0x0806, arp(1, b'', I11, b'', I13, hln=0)),
        eth(BC, H11, 0x0806, arp(0x0101, H11, I11, Z6, I13)),
        eth(BC, H11, 0x0806, arp(1, H11, I11, Z6, I13, hrd=0x0100)),
        eth(BC, H11, 0x0806, arp(1, H11, I11, Z6, I13, pro=0x0008)),
    ]
    case('arp_host_behaviour', frames)
    req = arp(1, H11, I11, bytes(6), I13)
    rep = arp(2, H13, I13, H11, I11)
    frames = [
        eth(BC, H11, 0x0806, req + b'\xde\xad\xbe\xef' * 4 + b'\x11\x22'),                 # 60 with non-zero pad
        eth(BC, H11, 0x0806, req + bytes(18) + b'\x9a\x3c\x51\x07', pad=False),            # 64 with an FCS
        eth(H11, H13, 0x0806, rep + bytes(18) + b'\xc7\x04\xdd\x7b', pad=False),
        eth(BC, H11, 0x0806, req + bytes(14), pad=False),                                   # 56
        eth(BC, H11, 0x0806, req, pad=False),                                               # 42, no padding
        eth(BC, H11, 0x0806, req + bytes(50), pad=False),                                   # 92
        eth(BC, H11, 0x8100, struct.pack('!HH', 0x0064, 0x0806) + req + bytes(14)),         # VLAN, 60
        eth(BC, H11, 0x8100, struct.pack('!HH', 0x0064, 0x0806) + req + bytes(18), pad=False),   # VLAN, 64
        eth(BC, H11, 0x8100, struct.pack('!HH', 0xe064, 0x0806) + req + bytes(14) + b'\x01\x02\x03\x04', pad=False),
        eth(BC, H11, 0x88a8, struct.pack('!HHHH', 0x00c8, 0x8100, 0x0064, 0x0806) + req + bytes(10)),
        eth(BC, H11, 0x88a8, struct.pack('!HHHH', 0x00c8, 0x8100, 0x0064, 0x0806) + req + bytes(18), pad=False),
        eth(BC, H11, 0x8100, struct.pack('!HHHH', 0x00c8, 0x8100, 0x0064, 0x0806) + req + bytes(10)),
        eth(BC, H11, 0x9100, struct.pack('!HHHH', 0x00c8, 0x8100, 0x0064, 0x0806) + req + bytes(10)),
        eth(BC, H11, 0x88a8, struct.pack('!HH', 0x00c8, 0x0806) + req + bytes(14)),
        eth(H11, H13, 0x8100, struct.pack('!HH', 0x0064, 0x8035) + arp(4, H13, I13, H11, I11) + bytes(14)),
        eth(BC, H11, 0x8100, struct.pack('!HH', 0x0064, 0x0806) + req[:20]),
        eth(BC, H11, 0x0806, req[:27] + b'\xff' * 33, pad=False),
        eth(BC, H11, 0x0806, arp(1, H11, I11, bytes(6), I13, hln=7)[:8] + H11 + b'\x01' + I11 + bytes(7) + I13),
    ]
    case('arp_padding_tags', frames)
    tagged = eth(BC, H11, 0x88a8, struct.pack('!HHHH', 0x00c8, 0x8100, 0x0064, 0x0806) + req + bytes(10))
    for snap in (16, 18, 20, 22, 24, 26, 30, 34, 38, 46, 50, 56):
        case('arp_qinq_snaplen_%d' % snap, [tagged, eth(H11, H13, 0x8100, struct.pack('!HH', 0x0064, 0x0806) + rep +
                                                        bytes(14))], snaplen=snap)


# ---------------------------------------------------------------- IPv6 extension headers
def ext_cases():
    echo = icmp6(128, 0, struct.pack('!HH', 0x4242, 1) + b'abcdefgh', G11, G13)
    u = udp(5000, 53, b'\x12\x34\x01\x00\0\1\0\0\0\0\0\0\x03www\x07example\x03com\0\0\x1c\0\1', G11, G13)
    hbh = lambda nh, opts: bytes([nh, (len(opts) + 2) // 8 - 1]) + opts
    frames = [
        eth(H13, H11, 0x86dd, ip6(0, hbh(58, b'\xc2\x04\0\1\0\0' + b'\1\0' * 0 + b'\0' * 0)[:2] + b'\xc2\x04\0\0\x00\x30'
                                 + echo, G11, G13, plen=0)),
        eth(H13, H11, 0x86dd, ip6(0, hbh(58, b'\x01\x04\0\0\0\0') + echo, G11, G13)),
        eth(H13, H11, 0x86dd, ip6(0, hbh(58, b'\x01\x0c' + bytes(12)) + echo, G11, G13)),
        eth(H13, H11, 0x86dd, ip6(0, hbh(58, b'\x00\x00\x01\x02\0\0') + echo, G11, G13)),
        eth(H13, H11, 0x86dd, ip6(0, hbh(58, b'\x05\x02\0\0\x01\x00') + echo, G11, G13)),
        eth(H13, H11, 0x86dd, ip6(0, hbh(58, b'\x07\x04\0\0\0\0') + echo, G11, G13)),
        eth(H13, H11, 0x86dd, ip6(0, hbh(58, b'\x1e\x04\0\0\0\0') + echo, G11, G13)),
        eth(H13, H11, 0x86dd, ip6(0, hbh(58, b'\x26\x04\0\0\0\0') + echo, G11, G13)),
        eth(H13, H11, 0x86dd, ip6(0, hbh(58, b'\x6d\x04\x01\x02\x03\x04') + echo, G11, G13)),
        eth(H13, H11, 0x86dd, ip6(0, hbh(58, b'\xc2\x06' + bytes(6) + b'\x01\x00') + echo, G11, G13)),
        eth(H13, H11, 0x86dd, ip6(60, bytes([43, 0]) + b'\x04\x01\x00\x01\x00\x00' + bytes([58, 2, 3, 1, 0x0f, 0xf0, 0,
                                                                                         0]) + bytes(8) + echo, G11,
                                  G13)),
        eth(H13, H11, 0x86dd, ip6(43, bytes([58, 4, 4, 1, 1, 0, 0, 0]) + G13 + G13[:8] + bytes(8) + echo, G11, G13)),
        eth(H13, H11, 0x86dd, ip6(43, bytes([58, 6, 4, 0, 1, 0, 0, 0]) + G13 + b'\x01\x02\0\0' + b'\x05\x02\0\0' +
                                  bytes(8) + echo, G11, G13)),
        eth(H13, H11, 0x86dd, ip6(44, struct.pack('!BBHI', 58, 0, 1, 0x11223344) + echo[:8], G11, G13)),
        eth(H13, H11, 0x86dd, ip6(44, struct.pack('!BBHI', 58, 0, 0x0010, 0x11223344) + echo[8:], G11, G13)),
        eth(H13, H11, 0x86dd, ip6(44, struct.pack('!BBHI', 17, 0, 0x0001, 0x55667788) + u[:16], G11, G13)),
        eth(H13, H11, 0x86dd, ip6(44, struct.pack('!BBHI', 17, 0, 0x0010, 0x55667788) + u[16:], G11, G13)),
        eth(H13, H11, 0x86dd, ip6(44, struct.pack('!BBHI', 17, 0, 0, 0x55667789) + u, G11, G13)),
        eth(H13, H11, 0x86dd, ip6(59, b'trailing bytes after no next header', G11, G13)),
        eth(H13, H11, 0x86dd, ip6(60, bytes([59, 0, 1, 4, 0, 0, 0, 0]) + b'junk', G11, G13)),
        eth(H13, H11, 0x86dd, ip6(60, bytes([60, 0, 1, 4, 0, 0, 0, 0, 17, 0, 1, 4, 0, 0, 0, 0]) + u, G11, G13)),
        eth(H13, H11, 0x86dd, ip6(0, hbh(60, b'\x01\x04\0\0\0\0') + bytes([43, 0, 1, 4, 0, 0, 0, 0]), G11, G13)),
        eth(H13, H11, 0x86dd, ip6(0, hbh(0, b'\x01\x04\0\0\0\0') + hbh(58, b'\x01\x04\0\0\0\0') + echo, G11, G13)),
        eth(H13, H11, 0x86dd, ip6(135, bytes([59, 1, 0, 0, 0, 0]) + bytes(10), G11, G13)),
        eth(H13, H11, 0x86dd, ip6(139, bytes([59, 0, 0, 0]) + bytes(4), G11, G13)),
        eth(H13, H11, 0x86dd, ip6(140, bytes([59, 0, 0, 0]) + bytes(4), G11, G13)),
        eth(H13, H11, 0x86dd, ip6(253, b'\x3b\0' + bytes(14), G11, G13)),
    ]
    case('ipv6_ext_more', frames)
    chain = frames[10]
    case('ipv6_srh_cut', [(chain, c) for c in range(54, len(chain), 3)])


# ---------------------------------------------------------------- ICMPv6 and ND as hosts send it
def nd_cases():
    sn13 = bytes.fromhex('ff0200000000000000000001ff1c000d')
    mc13 = bytes.fromhex('3333ff1c000d')
    opt = lambda t, body: bytes([t, (len(body) + 2) // 8]) + body
    slla, tlla = opt(1, H11), opt(2, H13)
    pfx = lambda plen, fl, a: opt(3, struct.pack('!BBIII', plen, fl, 86400, 14400, 0) + a)
    rio = lambda ln, plen, prf, a: bytes([24, ln, plen, prf << 3]) + struct.pack('!I', 1800) + a
    ra = lambda fl, lifetime, opts: struct.pack('!BBHII', 64, fl, lifetime, 0, 0) + opts
    frames = [
        e6icmp(135, 0, b'\0' * 4 + L11, UNSPEC, sn13, mc13),                       # DAD
        e6icmp(135, 0, b'\0' * 4 + L11 + opt(14, b'\x01\x02\x03\x04\x05\x06'), UNSPEC, sn13, mc13),
        e6icmp(135, 0, b'\0' * 4 + L13 + slla, L11, sn13, mc13),
        e6icmp(135, 0, b'\0' * 4 + L13 + slla, L11, L13),
        e6icmp(136, 0, b'\x60\0\0\0' + L13 + tlla, L13, L11, H11, H13),
        e6icmp(136, 0, b'\xe0\0\0\0' + L13 + tlla, L13, L11, H11, H13),
        e6icmp(136, 0, b'\x20\0\0\0' + L13 + tlla, L13, ALLN, b'\x33\x33\0\0\0\1', H13),
        e6icmp(136, 0, b'\x80\0\0\0' + L13, L13, L11, H11, H13),
        e6icmp(136, 0, b'\x40\0\0\0' + L13 + opt(2, H13 + bytes(8)), L13, L11, H11, H13),
        e6icmp(133, 0, b'\0' * 4 + slla, L11, bytes.fromhex('ff020000000000000000000000000002'), b'\x33\x33\0\0\0\2'),
        e6icmp(133, 0, b'\0' * 4, UNSPEC, bytes.fromhex('ff020000000000000000000000000002'), b'\x33\x33\0\0\0\2'),
        e6icmp(134, 0, ra(0xc8, 1800, opt(1, GW) + opt(5, b'\0\0\0\0\x05\xdc') +
                          pfx(64, 0xc0, G11[:8] + bytes(8)) + pfx(64, 0x40, bytes.fromhex('fd00000000000001') + bytes(8))
                          + pfx(48, 0x80, G13[:6] + bytes(10)) + bytes(rio(1, 0, 3, b'')) + bytes(rio(2, 48, 1, G13[:8]))
                          + bytes(rio(3, 64, 0, G13)) + opt(25, b'\0\0\0\0\x0e\x10' + G11) +
                          opt(31, b'\0\0\0\0\x0e\x10\x03lab\x06arplab\x03net\0\0\0\0')), L11, ALLN,
               b'\x33\x33\0\0\0\1', GW),
        e6icmp(134, 0, ra(0x18, 0, b''), L11, ALLN, b'\x33\x33\0\0\0\1', GW),
        e6icmp(134, 0, ra(0x08, 65535, opt(1, GW + b'\0\0')), L11, ALLN, b'\x33\x33\0\0\0\1', GW),
        e6icmp(134, 0, ra(0x04, 600, bytes(rio(0, 64, 1, G13[:8])) + bytes(rio(1, 129, 1, b'')) + bytes(rio(4, 64, 2, G13 +
                                                                                                          bytes(8)))),
               L11, ALLN, b'\x33\x33\0\0\0\1', GW),
        e6icmp(134, 0, ra(0x00, 600, pfx(129, 0xc0, G11) + pfx(0, 0, bytes(16))), L11, ALLN, b'\x33\x33\0\0\0\1', GW),
        e6icmp(137, 0, b'\0' * 4 + L13 + G13 + opt(2, H13) + opt(4, bytes(6) + ip6(58, echo6 := icmp6(
            128, 0, b'\0\1\0\1abcd', G11, G13), G11, G13)[:40]), L11, L13),
        e6icmp(137, 0, b'\0' * 4 + L13 + G13 + opt(4, bytes(6) + bytes(8)), L11, L13),
        e6icmp(141, 0, b'\0' * 4 + slla + tlla, L11, ALLN),
        e6icmp(142, 0, b'\0' * 4 + slla + tlla + opt(10, bytes(6) + G13), L13, L11),
        e6icmp(143, 0, b'\0\0\0\x03' + struct.pack('!BBH', 4, 0, 0) + bytes.fromhex('ff020000000000000000000000010003') +
               struct.pack('!BBH', 3, 0, 2) + bytes.fromhex('ff0e0000000000000000000000000101') + G11 + G13 +
               struct.pack('!BBH', 1, 2, 1) + bytes.fromhex('ff050000000000000000000000000fb0') + G11 + b'\0\0\0\1\0\0\0\2',
               L11, bytes.fromhex('ff020000000000000000000000000016'), b'\x33\x33\0\0\0\x16'),
        e6icmp(130, 0, b'\x27\x10\0\0' + bytes(16) + b'\x02\x7d\0\0', L11, ALLN),
        e6icmp(131, 0, b'\0\0\0\0' + bytes.fromhex('ff020000000000000000000000010003'), L11,
               bytes.fromhex('ff020000000000000000000000010003')),
        e6icmp(132, 0, b'\0\0\0\0' + bytes.fromhex('ff020000000000000000000000010003'), L11,
               bytes.fromhex('ff020000000000000000000000000002')),
    ]
    inner = ip6(17, udp(40000, 33434, b'\0' * 12, G11, G13), G11, G13, 1)
    for t, codes in ((1, range(0, 9)), (2, (0, 1)), (3, (0, 1, 2)), (4, (0, 1, 2, 3, 4))):
        for c in codes:
            body = (b'\0\0\x05\xdc' if t == 2 else b'\0\0\0\x30' if t == 4 else b'\0' * 4) + inner
            frames.append(e6icmp(t, c, body, G13, G11, H11, H13, 64))
    frames.append(e6icmp(128, 0, b'\x12\x34\0\1' + bytes(range(256)) * 4, G11, G13, hlim=64))
    frames.append(e6icmp(129, 0, b'\x12\x34\0\1' + b'x' * 56, G13, G11, H11, H13, 64))
    frames.append(e6icmp(139, 0, b'\0\x02\0\0' + bytes(8) + L13, L11, L13))
    frames.append(e6icmp(140, 0, b'\0\x02\0\0' + bytes(8) + b'\x04host', L13, L11, H11, H13))
    case('icmpv6_nd_hosts', frames)


# ---------------------------------------------------------------- 802.3, LLC and SNAP
def llc_cases():
    d = lambda dst, src, payload: eth(dst, src, len(payload), payload)
    stp_mc = bytes.fromhex('0180c2000000')
    bpdu = struct.pack('!HBBB', 0, 0, 0, 0x01) + bytes.fromhex('8000' + '0242ac1c0001') + struct.pack('!I', 4) + \
        bytes.fromhex('8000' + '0242ac1c000b') + struct.pack('!HHHHH', 0x8001, 256, 5120, 512, 3840)
    rstp = struct.pack('!HBBB', 0, 2, 2, 0x3c) + bpdu[5:] + b'\0'
    cdp = b'\x02\xb4\0\0' + struct.pack('!HH', 1, 9) + b'sw1' + b'\0\0' + struct.pack('!HH', 3, 14) + b'Gi0/1\0\0\0\0\0'
    frames = [
        d(stp_mc, H11, b'\x42\x42\x03' + bpdu),
        d(stp_mc, H11, b'\x42\x42\x03' + rstp),
        d(stp_mc, H11, b'\x42\x42\x03' + struct.pack('!HBB', 0, 0, 0x80)),
        d(stp_mc, H11, b'\x42\x42\x03' + struct.pack('!HBB', 0, 3, 2) + bytes(20)),
        d(bytes.fromhex('01000ccccccc'), H11, b'\xaa\xaa\x03\x00\x00\x0c\x20\x00' + cdp),
        d(bytes.fromhex('01000ccccccd'), H11, b'\xaa\xaa\x03\x00\x00\x0c\x01\x0b' + bpdu),
        d(BC, H11, b'\xaa\xaa\x03\x08\x00\x07\x80\x9b' + bytes(20)),
        d(BC, H11, b'\xaa\xaa\x03\x00\x00\x00\x80\xf3' + struct.pack('!HHBBH', 1, 0x809b, 6, 4, 1) + H11 +
          b'\0\xff\x01\x02' + bytes(6) + b'\0\xff\x01\x03'),
        d(BC, H11, b'\xaa\xaa\x03\x00\x00\x00\x08\x06' + arp(1, H11, I11, bytes(6), I13)),
        d(H13, H11, b'\xaa\xaa\x03\x00\x00\x00\x86\xdd' + ip6(59, b'', L11, L13)),
        d(H13, H11, b'\xaa\xaa\x03\x00\x00\x00\x08\x00' + ip(1, b'\x08\x00\xf7\xff\0\0\0\0')),
        d(BC, H11, b'\xaa\xab\x03\x00\x00\x00\x08\x06' + arp(1, H11, I11, bytes(6), I13)),
        d(BC, H11, b'\xab\xaa\x03\x00\x00\x00\x08\x06' + arp(1, H11, I11, bytes(6), I13)),
        d(BC, H11, b'\xaa\xaa\xf3' + bytes(10)),
        d(BC, H11, b'\xaa\xaa\xaf\x81\x01\x00'),
        d(BC, H11, b'\x00\x01\xbf' + b'\x81\x01\x02'),
        d(BC, H11, b'\x42\x43\xe3' + b'test data'),
        d(BC, H11, b'\xe0\xe0\x03\xff\xff\x00\x1e\x00\x04' + bytes(12) + b'\xff' * 6 + b'\x04\x52' + bytes(12)),
        d(BC, H11, b'\xf0\xf1\x00\x02' + b'netbios-i-frame'),
        d(BC, H11, b'\xfe\xfe\x03\x81\x05' + bytes(10)),
        d(BC, H11, b'\x06\x06\x03' + ip(1, b'\x08\x00\xf7\xff\0\0\0\0')),
        d(BC, H11, b'\x98\x98\x03' + arp(1, H11, I11, bytes(6), I13)),
        eth(BC, H11, 3, b'\x42\x42\x03' + bpdu),
        eth(BC, H11, 0, bytes(46)),
        eth(BC, H11, 46, b'\xaa\xaa\x03\x00\x00\x00\x08\x06' + arp(1, H11, I11, bytes(6), I13), pad=False),
        eth(BC, H11, 1500, b'\xaa\xaa\x03\x00\x00\x00\x08\x00' + ip(17, udp(1, 2, bytes(1464))), pad=False),
        eth(BC, H11, 0x8870, b'\xaa\xaa\x03\x00\x00\x00\x08\x00' + ip(1, b'\x08\x00\xf7\xff\0\0\0\0'), pad=False),
        eth(BC, H11, 0x8100, struct.pack('!HH', 0x0064, 39) + b'\x42\x42\x03' + bpdu),
    ]
    # AppleTalk DDP and AARP over SNAP, and CLNP over LLC, need print-atalk.c and print-isoclns.c's clnp_print()
    other = [frames[i] for i in (6, 7, 19)]
    case('llc_snap_more', [f for i, f in enumerate(frames) if i not in (6, 7, 19)])
    case('llc_atalk_clnp', other)


# ---------------------------------------------------------------- Ethernet lengths around 60 and 64
def eth_cases():
    ping = ip(1, b'\x08\x00\xf7\xfe\0\0\0\1')
    frames = [
        eth(H13, H11, 0x0800, ping, pad=False),
        eth(H13, H11, 0x0800, ping + b'\xff' * 18, pad=False),
        eth(H13, H11, 0x0800, ping + bytes(18) + b'\x12\x34\x56\x78', pad=False),
        eth(H13, H11, 0x0800, ping + bytes(17), pad=False),
        eth(H13, H11, 0x0800, ping + bytes(19), pad=False),
        eth(H13, H11, 0x0800, ip(1, b'\x08\x00\xf7\xfe\0\0\0\1', tot=26) + bytes(18), pad=False),
        eth(H13, H11, 0x0800, ip(1, b'\x08\x00\xf7\xfe\0\0\0\1' + bytes(20), tot=28) + bytes(4), pad=False),
        eth(H13, H11, 0x86dd, ip6(59, b'', L11, L13) + bytes(6) + b'\xaa\xbb\xcc\xdd', pad=False),
        eth(H13, H11, 0x86dd, ip6(58, icmp6(128, 0, b'\0\1\0\1'), L11, L13) + b'\x01\x02', pad=False),
        eth(H13, H11, 0x0800, ip(17, udp(1000, 2000, b'x')) + bytes(17) + b'\x0f\x0e\x0d\x0c', pad=False),
        eth(H13, H11, 0x8100, struct.pack('!HH', 0x0064, 0x0800) + ping + bytes(14), pad=False),
        eth(H13, H11, 0x8100, struct.pack('!HH', 0x0064, 0x0800) + ping + bytes(18), pad=False),
        eth(H13, H11, 0x8100, struct.pack('!HH', 0x0064, 0x0800) + ping + bytes(22), pad=False),
        eth(H13, H11, 0x0800, ip(17, udp(1000, 2000, bytes(8958))), pad=False),
    ]
    case('ethernet_lengths_64', frames)


# ---------------------------------------------------------------- CDP and AARP, the link-layer neighbours of ARP
def cdp_aarp_cases():
    def cdp_frame(body, ttl=180, version=2):
        llc = b'\xaa\xaa\x03\x00\x00\x0c\x20\x00' + struct.pack('!BBH', version, ttl, 0x1234) + body
        return eth(bytes.fromhex('01000ccccccc'), H11, len(llc), llc)
    tl = lambda t, v: struct.pack('!HH', t, len(v) + 4) + v
    addrs = struct.pack('!I', 3) + b'\x01\x01\xcc\x00\x04' + IGW + b'\x02\x08\xaa\xaa\x03\x00\x00\x00\x86\xdd\x00\x10' + \
        G11 + b'\x01\x01\x81\x00\x02\xab\xcd'
    full = (tl(1, b'sw1.lab.arplab.net') + tl(2, addrs) + tl(3, b'GigabitEthernet1/0/24') + tl(4, b'\0\0\0\x29') +
            tl(5, b'Cisco IOS Software, C2960X Software\nVersion 15.2(7)E4\nCopyright (c) 1986-2021') +
            tl(6, b'cisco WS-C2960X-48FPD-L') + tl(7, bytes([10, 0, 0, 0, 8, 172, 28, 0, 0, 16])) +
            tl(8, b'\0\0\x0c\x01\x12\0\0\0\0\xff\xff\xff\xff\x01\x02\x20\xff\0\0\0\0\0\0') + tl(9, b'LAB') +
            tl(10, b'\0\x64') + tl(11, b'\1') + tl(14, b'\1\0\x64') + tl(15, b'\x20\0') + tl(16, b'\x3a\x98') +
            tl(17, b'\0\0\x05\xdc') + tl(18, b'\0') + tl(19, b'\0') + tl(20, b'sw1') + tl(21, b'\x06\x08+\x06\x01') +
            tl(22, addrs) + tl(23, b'\x01Rack 4, row B') + tl(0, b'') + tl(12, b'\1\2') + tl(0x1001, b'?'))
    frames = [cdp_frame(full), cdp_frame(tl(1, b'R1') + tl(3, b'Fa0/0'), ttl=10, version=1),
              cdp_frame(tl(1, b'R1') + struct.pack('!HH', 3, 2)), cdp_frame(tl(1, b'R1') + struct.pack('!HH', 3, 90) +
                                                                            b'Fa0/0'),
              cdp_frame(tl(4, b'\0\0\x29') + tl(10, b'\0') + tl(11, b'\1\2') + tl(16, b'\1\2\3\4') + tl(17, b'\0')),
              cdp_frame(tl(2, b'\0\0') + tl(2, struct.pack('!I', 1) + b'\x01') + tl(2, struct.pack('!I', 2) +
                                                                               b'\x01\x01\xcc\x00\x04' + IGW) +
                        tl(22, struct.pack('!I', 1) + b'\x01\x01\xcc\x00\x04\xac\x1c')),
              cdp_frame(tl(7, bytes(7)) + tl(16, b'\x07') + tl(16, b'\x00\x01\x02') + tl(23, b'\x02')),
              cdp_frame(b'\0\x01\0'), cdp_frame(b'')[:0] + eth(bytes.fromhex('01000ccccccc'), H11, 10,
                                                                  b'\xaa\xaa\x03\x00\x00\x0c\x20\x00\x02\xb4')]
    big = frames[0]
    frames += [(big, c) for c in range(22, len(big), 7)]
    case('cdp_neighbours', frames)
    aarp = lambda op, ht=1, pt=0x809b, hl=6, pl=4, s=(0xff01, 2), d=(0xff01, 3), tha=bytes(6): \
        struct.pack('!HHBBH', ht, pt, hl, pl, op) + H11 + struct.pack('!BHB', 0, *s) + tha + struct.pack('!BHB', 0, *d)
    snap = lambda a: eth(BC, H11, 8 + len(a), b'\xaa\xaa\x03\x00\x00\x00\x80\xf3' + a)
    frames = [eth(BC, H11, 0x80f3, aarp(1)), eth(H13, H11, 0x80f3, aarp(2, tha=H13)), eth(BC, H11, 0x80f3, aarp(3)),
              eth(BC, H11, 0x80f3, aarp(1, s=(0x0001, 255), d=(0x0002, 255))), eth(BC, H11, 0x80f3, aarp(4)),
              eth(BC, H11, 0x80f3, aarp(1, ht=6)), eth(BC, H11, 0x80f3, aarp(1, pt=0x0800)),
              eth(BC, H11, 0x80f3, aarp(2, pt=0)), eth(BC, H11, 0x80f3, aarp(1, hl=8)),
              eth(BC, H11, 0x80f3, aarp(1)[:20]), snap(aarp(1)), snap(aarp(2)), snap(aarp(3)[:27]),
              eth(BC, H11, 0x8100, struct.pack('!HH', 0x0064, 0x80f3) + aarp(1)),
              (eth(BC, H11, 0x80f3, aarp(1)), 30), (eth(BC, H11, 0x80f3, aarp(1)), 41)]
    case('aarp_messages', frames)


# ---------------------------------------------------------------- PTP (IEEE 1588) as linuxptp sends it
def ptp_cases():
    PTPM = bytes([224, 0, 1, 129])
    PTPMAC = bytes.fromhex('01005e000181')
    clk = lambda x: bytes.fromhex('0242acfffe1c00') + bytes([x])
    def hdr(mt, ln, flags, seq, control, lmi, corr=0, domain=0, ver=2, src=0x0b):
        return struct.pack('!BBHBBH', mt, ver, ln, domain, 0, flags) + struct.pack('!Q', corr << 16)[:8] + \
            b'\0' * 4 + clk(src) + struct.pack('!HHBb', 1, seq, control, lmi)
    ts = lambda s, n: struct.pack('!HIi', s >> 32, s & 0xffffffff, n)
    pid = lambda x: clk(x) + b'\0\x01'
    def msg(mt, body, flags=0, seq=1, control=5, lmi=0x7f, **kw):
        return hdr(mt, 34 + len(body), flags, seq, control, lmi, **kw) + body
    p = lambda sport, dport, m, src=I11: u4(sport, dport, m, src, PTPM, PTPMAC)
    frames = [
        p(320, 320, msg(0xb, ts(0, 0) + struct.pack('!hBBBBHB', 37, 0, 128, 248, 0xfe, 0xffff, 128) + clk(0x0b) +
                        struct.pack('!HB', 0, 0xa0), flags=0x0008, control=5, lmi=1)),
        p(319, 319, msg(0x0, ts(1700000000, 123456789), flags=0x0200, seq=7, control=0, lmi=0)),
        p(320, 320, msg(0x8, ts(1700000000, 123460000), seq=7, control=2, lmi=0, corr=1234)),
        p(319, 319, msg(0x1, ts(0, 0), seq=3, control=1, lmi=0x7f, src=0x0d), I13),
        p(320, 320, msg(0x9, ts(1700000001, 5000) + pid(0x0d), seq=3, control=3, lmi=0)),
        p(319, 319, msg(0x2, ts(0, 0) + bytes(10), seq=9, control=5, lmi=0x7f, src=0x0d), I13),
        p(319, 319, msg(0x3, ts(1700000002, 42) + pid(0x0d), flags=0x0200, seq=9, control=5, lmi=0x7f)),
        p(320, 320, msg(0xa, ts(1700000002, 99) + pid(0x0d), seq=9, control=5, lmi=0x7f)),
        p(320, 320, msg(0xc, pid(0x0d) + struct.pack('!HH', 1, 6) + b'\0\0\0\0\x01\x02', control=5, lmi=0x7f)),
        p(320, 320, msg(0xd, pid(0xff) + bytes([1, 1, 0, 0]) + struct.pack('!HHH', 1, 2, 0x2000), control=4,
                        lmi=0x7f)),
        p(320, 320, msg(0xb, ts(0, 0) + bytes(20), flags=0x18c0 | 0x3f, control=5, lmi=1, domain=24)),
        p(320, 320, msg(0x4, b'', control=6, lmi=0)),
        p(320, 320, msg(0xe, b'abcd', control=5, lmi=0)),
        p(320, 320, msg(0x10, ts(0, 0), control=0, lmi=0)),
        p(319, 319, hdr(0x0, 44, 0, 1, 0, 0, ver=1) + bytes(10)),
        p(319, 319, hdr(0x0, 44, 0, 1, 0, 0, ver=3) + bytes(10)),
        p(319, 319, hdr(0x0, 44, 0, 1, 0, 0)[:30]),
        p(319, 40000, msg(0x0, ts(5, 6), seq=8, control=0, lmi=0)),
        p(40000, 320, msg(0x0, ts(5, 6), seq=8, control=0, lmi=0)),
        p(320, 320, msg(0xb, ts(0, 0) + bytes(12), control=5, lmi=1)),
        p(319, 319, msg(0x3, ts(1, 2), control=5, lmi=0x7f)),
    ]
    full = frames[0]
    frames += [(full, c) for c in range(42 + 34 - 20, len(full), 3)]
    case('ptp_messages', frames)


isakmp_cases()
dhcp_cases()
arp_cases()
ext_cases()
nd_cases()
llc_cases()
eth_cases()
cdp_aarp_cases()
ptp_cases()
write_all(OUT)
