#!/usr/bin/env python3
"""Writes the tshark probe captures: frames made to find where TShark 4.0.17 reads a cut-off frame (the Ethernet
padding, trailer and FCS; the eth.trailer heuristics; ICMP router advertisements; 802.3/LLC payloads; UDP with
no captured payload; ICMPv6 errors' quoted packets). Each family is one pcap (ARP's duplicate-address table and
ICMP's request table are per capture). `record.sh` prints each with the real tshark into NAME.tshark."""
import struct, sys

def pcap(frames, path):
    with open(path, 'wb') as f:
        f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1))
        for i, (data, length) in enumerate(frames):
            f.write(struct.pack('<IIII', i + 1, 0, len(data), length))
            f.write(data)

ARP_BODY = '0001080006040001' + '0242ac1c000b' + 'ac1c000b' + '000000000000' + 'ac1c000d'
ARP = bytes.fromhex('ffffffffffff0242ac1c000b0806' + ARP_BODY)

def ipv4(proto, payload, src=(10, 0, 0, 1), dst=(10, 0, 0, 2)):
    return struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(payload), 1, 0, 64, proto, 0, bytes(src), bytes(dst)) + payload

def trailers():
    """An ARP request (untagged, 802.1Q, 802.1ad, in VXLAN) and an 802.3 frame with trailers of every length and
    content, cut at many places."""
    out = []
    for L in (50, 59, 60, 61, 62, 63, 64, 65, 66, 70, 91):
        for fill in ('00', 'ab', 'mix'):
            for cut in (1, 2, 3, 4, 5, 8, 18):
                C, T = L - cut, L - 42
                if C < 42:
                    continue
                tr = bytes([0] * min(T, 5) + [0xab] * (T - min(T, 5))) if fill == 'mix' else bytes.fromhex(fill * T)
                out.append(((ARP + tr)[:C], L))
    for T in range(1, 18):
        for fill in ('00', 'ab', 'ts'):
            for cut in range(1, T + 1):
                tr = bytes.fromhex('00000001' '00000001' + 'ab' * 16)[:T] if fill == 'ts' else bytes.fromhex(fill * T)
                out.append(((ARP + tr)[:42 + T - cut], 42 + T))
    kinds = [bytes.fromhex('ffffffffffff0242ac1c000b8100000a0806' + ARP_BODY),
             bytes.fromhex('ffffffffffff0242ac1c000b88a80064' + '0806' + ARP_BODY),
             bytes.fromhex('ffffffffffff0242ac1c000b0008' + 'aaaa03' + 'f0f003' + '0102030405')]
    for base in kinds:
        B = len(base)
        for L in sorted({B + 8, B + 9, B + 12, B + 13, B + 10, 59, 60, 61, 63, 64, 65, 66, 68, 70, 72, 80, 91}):
            for fill in ('00', 'ab'):
                for cut in (1, 2, 4, 5, 8, 9, 30):
                    if L - B > 0 and L - cut > B:
                        out.append(((base + bytes.fromhex(fill * (L - B)))[:L - cut], L))
    for T in (4, 8, 9, 12, 13, 17, 18, 19, 20, 22, 30):
        for fill in ('00', 'ab'):
            inner = ARP + bytes.fromhex(fill * T)
            udp = struct.pack('!HHHH', 12345, 4789, 16 + len(inner), 0) + bytes.fromhex('0800000000000100') + inner
            f = bytes.fromhex('0242ac1c000d0242ac1c000b0800') + ipv4(17, udp)
            for cut in (0, 1, 3, 6, 9, 12, 17):
                if cut < T:
                    out.append((f[:len(f) - cut], len(f)))
    return out

def rtradvert():
    """ICMP router advertisements: codes 0, 16 and 5, address counts and entry sizes, mobility extensions, every cut."""
    out = []
    for code in (0, 16, 5):
        for n, size in ((0, 2), (1, 2), (2, 2), (1, 3), (2, 0)):
            for ext in ('', '10060001000a8000', '100a0001000a8000c0a80001', '00', '1302181800', '0000'):
                body = bytes([9, code, 0, 0, n, size]) + b'\x00\x1e' + bytes.fromhex('0a00000100000000') * n + bytes.fromhex(ext)
                f = bytes.fromhex('01005e0000010242ac1c000b0800') + ipv4(1, body, dst=(224, 0, 0, 1))
                for cut in range(0, len(body) - 1):
                    out.append((f[:len(f) - cut], len(f)))
    return out

def llc():
    """802.3 frames: U frames with and without the poll bit, SAPs with and without dissectors, SNAP, cut in the
    payload, at its end and in the trailer."""
    out = []
    for dsap in (0x06, 0x42, 0xf0, 0x80, 0xe0):
        for control in (0x03, 0x13, 0xe3, 0xf3, 0x43, 0x63):
            for plen in (0, 1, 6, 20):
                body = bytes([dsap, dsap, control]) + bytes(range(1, plen + 1))
                f = bytes.fromhex('0180c20000000242ac1c000b') + struct.pack('!H', len(body)) + body
                f = f + bytes(max(0, 60 - len(f)))
                for cut in (0, 1, 3, 8, 15):
                    if len(f) - cut >= 17:
                        out.append((f[:len(f) - cut], len(f)))
    stp = bytes.fromhex('000000000080000242ac1c000100000000800002426c1c00018001000014000200020000')
    for dsap, control, pl in ((0x42, 0x03, stp), (0xaa, 0x03, bytes.fromhex('00000088b5') + bytes(20)),
                              (0x06, 0x03, bytes.fromhex('4500') + bytes(18)), (0x42, 0x13, bytes(20))):
        body = bytes([dsap, dsap, control]) + pl
        for tr in (0, 10, 30):
            f = bytes.fromhex('0180c20000000242ac1c000b') + struct.pack('!H', len(body)) + body + bytes(tr)
            end = 14 + len(body)
            for C in sorted({len(f), len(f) - 1, end, end - 1, end + 1, 20, 30}):
                if 17 <= C <= len(f):
                    out.append((f[:C], len(f)))
    return out

def udp_empty():
    """UDP to ports with and without dissectors, none, some or all of the payload captured."""
    out = []
    dns = bytes.fromhex('12340100000100000000000003777777076578616d706c6503636f6d0000010001')
    for dport in (53, 4789, 6081, 33434, 5353):
        for plen in (0, 4, 26):
            pl = dns[:plen] if dport in (53, 5353) else bytes(range(plen))
            udp = struct.pack('!HHHH', 33533, dport, 8 + len(pl), 0) + pl
            f = bytes.fromhex('0000000000000242ac1c00110800') + ipv4(17, udp, (172, 28, 0, 14), (10, 165, 89, 88))
            for C in sorted({42, 43, len(f) - 1, len(f)}):
                if C <= len(f):
                    out.append((f[:C], len(f)))
    return out

def icmpv6_quotes():
    """ICMPv6 errors (types 1 to 4) quoting nothing, part of an IPv6 header, a whole packet, or IPv4; cut."""
    out = []
    inner = bytes.fromhex('6000000000083a40') + bytes(15) + b'\x02' + bytes(15) + b'\x01' + bytes.fromhex('80000000000100010000000000000000')
    for typ, code in ((1, 4), (2, 0), (3, 0), (4, 1)):
        for q in (0, 1, 5, 7, 8, 20, 48, 'v4'):
            quoted = bytes.fromhex('4500001c') + bytes(24) if q == 'v4' else inner[:q]
            icmp = bytes([typ, code, 0, 0]) + bytes.fromhex('000005dc') + quoted
            ip6 = struct.pack('!IHBB', 0x60000000, len(icmp), 58, 64) + bytes(15) + b'\x01' + bytes(15) + b'\x02'
            f = bytes.fromhex('0242ac1c000d0242ac1c000b86dd') + ip6 + icmp
            for cut in (0, 1, 3):
                if not cut or len(quoted) >= cut:
                    out.append((f[:len(f) - cut], len(f)))
    return out

def ipv6_options():
    """Hop-by-hop and destination options headers: options whose length runs past the header (into what follows)
    or past the packet, router alerts and RPL options of every length, Pad1 and PadN at the header's end, headers
    with nothing after them."""
    out = []
    echo = bytes.fromhex('8000f00f00010001')
    def frame(nh, hdr, tail):
        payload = hdr + tail
        ip6 = struct.pack('!IHBB', 0x60000000, len(payload), nh, 64) + bytes(15) + b'\x01' + bytes(15) + b'\x02'
        return bytes.fromhex('0242ac1c0011ffffffffffff86dd') + ip6 + payload
    headers = ['3a00' + '1004aabbccdd', '3a00' + '1005aabbccdd', '3a00' + '10feaabbccdd', '3a00' + '010500000000',
               '3a00' + '010400000000', '3a00' + '050300000100', '3a00' + '050200000000', '3a00' + '050100000000',
               '3a01' + '050400000000' + '00' * 8, '3a01' + '6303be4ae6630199000000000000',
               '3a01' + '6303be4ae6' + '00' * 9, '3a01' + '6303000000630100' + '00' * 6,
               '3a01' + '630100630100' + '00' * 8, '3a00' + '05fe00000000', '3a00' + '63fe00000000',
               '3a00' + '050001000000', '3a00' + '630000000102', '3a00' + '000000000001', '3a00' + '000000000001',
               '3a00' + '000000000103', '3a01' + '6303000000' + '3e0100' + '00' * 6]
    for nh in (0, 60):
        for h in headers:
            f = frame(nh, bytes.fromhex(h), echo)
            out.append((f, len(f)))
        for h, tail in (('c800' + '0005022781' + '00', ''), ('c800' + '0005022781' + '00', '00112233'),
                        ('c800' + '000000000000', ''), ('3b00' + '000000000000', ''), ('3a00' + '000000000000', ''),
                        ('1100' + '000000000000', '')):
            f = frame(nh, bytes.fromhex(h), bytes.fromhex(tail))
            out.append((f, len(f)))
    return out

def snap_cut():
    """dissect_802_3()'s trailer made after the 802.3 length: SNAP/IPv4 ICMP payloads (types whose dissector reads
    the whole message, only the header, or nothing) and LLC UI data, with and without padding, cut at many places."""
    out = []
    for t, n in ((7, 27), (99, 27), (8, 27), (13, 20), (3, 36), (9, 16)):
        body = bytes([t, 0, 0, 0]) + bytes(range(4, n))
        for pad in (0, 6):
            p = b'\xaa\xaa\x03\x00\x00\x00\x08\x00' + ipv4(1, body)
            f = bytes.fromhex('0242ac1c000d0242ac1c000b') + struct.pack('!H', len(p)) + p + bytes(pad)
            for cut in (0, 1, 3, 5, 10, n - 4, n):
                if len(f) - cut > 22 + 20:
                    out.append((f[:len(f) - cut], len(f)))
    for plen in (3, 20):
        p = bytes([0x80, 0x80, 0x03]) + bytes(range(1, plen + 1))
        f = bytes.fromhex('0242ac1c000d0242ac1c000b') + struct.pack('!H', len(p)) + p
        for cut in (0, 1, 2, 3):
            out.append((f[:len(f) - cut], len(f)))
    return out

def syslog():
    """packet-syslog.c (4.0): the priority's three digits at most, '<' or '>' at the end of the payload, an empty
    message, and format_text()'s escapes and UTF-8 handling in Info."""
    msgs = [b'<34>Oct 11 22:14:15 host11 su: bad su', b'<13>hello', b'<191>x', b'<999>bad', b'<1234>x', b'no pri',
            b'<', b'<0>', b'<13', b'<a>x', b'<>x', b'12 <13>x', b'<13>1 2003-10-11T22:14:15.003Z host app - - - m',
            b'a\\b', b'a\x7fb', b'a\xc2\x85b', b'a\xc3b', b'a\xe2\x80\x8bb', b'a\x00b', b'msg\n', b'x\x1b[0m',
            b'\xef\xbb\xbfbom', b'a\xf0\x9f\x98\x80b', b'a\xed\xa0\x80b', b'a\xc2\xa0b', b'a\xe2\x80\xa8b',
            b'a\x0b\x0c\x07\x08\rb', b'a\xc0\x80b', b'\xff', b'\x80x', b'<13>\xe2\x82', b'<23>msu=0102']
    out = []
    for m in msgs:
        u = struct.pack('!HHHH', 514, 514, 8 + len(m), 0) + m
        f = bytes.fromhex('0242ac1c000d0242ac1c000b0800') + ipv4(17, u)
        f = f + bytes(max(0, 60 - len(f)))
        out.append((f, len(f)))
        if len(m) > 2:
            out.append((f[:42 + 2], len(f)))
    return out

def udp_frame(sport, dport, m, dst=(10, 0, 0, 2)):
    u = struct.pack('!HHHH', sport, dport, 8 + len(m), 0) + m
    f = bytes.fromhex('0242ac1c000d0242ac1c000b0800') + ipv4(17, u, dst=dst)
    return f + bytes(max(0, 60 - len(f)))

def with_cuts(frames, cuts):
    """Each frame whole, then cut by the capture to each length in cuts (bytes of UDP payload) it goes past."""
    out = []
    for f in frames:
        out.append((f, len(f)))
        for c in cuts:
            if 42 + c < len(f):
                out.append((f[:42 + c], len(f)))
    return out

def ntp():
    """packet-ntp.c (4.0): versions and modes in Info, the standard header's 48 bytes, extension fields, the control
    header's 12 bytes and its count, every length, cut by the capture."""
    fr = []
    for vn in range(8):
        for mode in range(7):
            fr.append(udp_frame(123, 123, bytes([(vn << 3) | mode]) + bytes(47)))
    for mode in (3, 4, 6, 1):
        for n in (1, 2, 4, 8, 11, 12, 16, 20, 24, 40, 44, 47, 48, 52, 60, 68, 120):
            fr.append(udp_frame(123, 123, bytes([(4 << 3) | mode]) + bytes(range(1, n))))
    hdr = bytes([0x23]) + bytes(47)
    for ext in (b'\0\1\0\x10' + bytes(12), b'\0\1\0\x04' + bytes(28), b'\x01\x04\x00\x20' + bytes(28), bytes(20),
                bytes(25), b'\0\1\0\x1c' + bytes(24) + b'\0\0\0\1' + bytes(16)):
        fr.append(udp_frame(123, 123, hdr + ext))
    for op in (0, 1, 2, 6, 7, 13, 31):
        for cnt, data in ((0, b''), (4, b'ab=1'), (8, b'a=1,b="x')):
            fr.append(udp_frame(123, 123, bytes([0x26, op, 0, 1, 0, 0, 0, 0, 0, 0]) + struct.pack('!H', cnt) + data))
    fr.append(udp_frame(40000, 123, bytes([0x23]) + bytes(47)))
    out = with_cuts(fr, (0, 1, 5, 12, 30, 47))
    # the authenticator (key id and digest) or extension fields after the header, cut at each byte
    for extra in (0, 1, 3, 4, 5, 8, 20, 24, 25, 28, 40):
        f = udp_frame(123, 123, bytes([0x1b]) + bytes(47) + bytes(range(1, extra + 1)))
        for cut in range(1, extra + 3):
            out.append((f[:len(f) - cut], len(f)))
    return out

def rip():
    """packet-rip.c (4.0): versions, commands, entries of each family read while the reported length lasts, the
    authentication entry, cut by the capture."""
    fr = []
    e = lambda fam, addr=b'\x0a\x00\x00\x00', metric=1: struct.pack('!HH4s4s4sI', fam, 0, addr, b'\xff\0\0\0', bytes(4),
                                                                  metric)
    for vers in (0, 1, 2, 3):
        for cmd in (0, 1, 2, 3, 4, 5, 6, 9):
            fr.append(udp_frame(520, 520, bytes([cmd, vers, 0, 0]) + e(2)))
    for body in (b'', e(0, metric=16), e(2) + e(2), e(2) + e(7), e(2)[:10], e(2)[:16], e(2)[:19], e(2) + b'\0\2',
                 b'\xff\xff\0\2' + b'secret'.ljust(16, b'\0') + e(2), b'\xff\xff\0\1' + bytes(16),
                 e(2) + b'\xff\xff\0\2' + bytes(16), b'\xff\xff\0\2' + bytes(10), b'\0\x09' + bytes(18)):
        fr.append(udp_frame(520, 520, bytes([2, 2, 0, 0]) + body))
    fr.append(udp_frame(520, 520, bytes([1])))
    return with_cuts(fr, (0, 1, 2, 4, 6, 20, 23, 25))

def mdns():
    """packet-dns.c for mDNS (5353: "QU"/"QM" questions, cache-flush records) and LLMNR (5355), cut by the capture."""
    dname = lambda n: b''.join(bytes([len(l)]) + l.encode() for l in n.split('.')) + b'\0'
    q = lambda i, fl, qs, rrs=b'', n=0: struct.pack('!HHHHHH', i, fl, len(qs), n, 0, 0) + b''.join(qs) + rrs
    rr = lambda nm, t, c, d: nm + struct.pack('!HHIH', t, c, 120, len(d)) + d
    msgs = [q(0, 0, [dname('_http._tcp.local') + b'\0\x0c\x80\x01']),
            q(0, 0, [dname('_http._tcp.local') + b'\0\x0c\0\x01', dname('host11.local') + b'\0\x01\x80\x01']),
            q(0, 0x8400, [], rr(dname('host11.local'), 1, 0x8001, bytes([172, 28, 0, 11])), 1),
            q(0, 0x8400, [], rr(dname('host11.local'), 1, 1, bytes([172, 28, 0, 11])) + rr(b'\xc0\x0c', 28, 0x8001,
                                                                                            bytes(16)), 2),
            q(0, 0x8400, [], rr(dname('_http._tcp.local'), 12, 1, dname('web._http._tcp.local')), 1),
            q(7, 0x0100, [dname('host11.local') + b'\0\x1c\0\x01'])]
    fr = []
    for m in msgs:
        fr.append(udp_frame(5353, 5353, m, dst=(224, 0, 0, 251)))
    for m in (q(0x4321, 0, [dname('host13') + b'\0\x01\0\x01']),
              q(0x4321, 0x8000, [dname('host13') + b'\0\x01\0\x01'], rr(b'\xc0\x0c', 1, 1, bytes([172, 28, 0, 13])), 1)):
        fr.append(udp_frame(51000, 5355, m, dst=(224, 0, 0, 252)))
    return with_cuts(fr, (0, 5, 12, 20, 30))

def dhcp():
    """packet-dhcp.c (4.0): "Boot Request from MAC (name)" / "Boot Reply" / the DHCP message type with the
    transaction id; options walked to End, cut by the capture, running past the datagram, without End, padded."""
    mac = bytes.fromhex('0242ac1c000b')
    def bootp(op, opts, htype=1, hlen=6, cookie=b'\x63\x82\x53\x63'):
        return struct.pack('!BBBBIHH', op, htype, hlen, 0, 0x3903f326, 3, 0x8000) + bytes(16) + mac + bytes(10) + \
            bytes(192) + cookie + opts
    o = lambda t, v: bytes([t, len(v)]) + v
    ip = bytes([172, 28, 0, 1])
    opts = [o(53, b'\1') + o(61, b'\1' + mac) + o(12, b'host11') + o(55, bytes([1, 3, 6, 15])) + b'\xff',
            o(53, b'\2') + o(54, ip) + o(51, b'\0\0\x0e\x10') + o(1, b'\xff\xff\xff\0') + o(3, ip) + o(6, ip * 2) +
            o(15, b'example.com') + o(58, b'\0\0\7\x08') + o(59, b'\0\0\x0c\x4e') + o(28, ip) + b'\xff',
            o(53, b'\3') + o(50, ip) + o(54, ip) + o(60, b'MSFT 5.0') + b'\0\0\xff',
            o(53, b'\5') + o(54, ip) + o(51, b'\xff\xff\xff\xff') + b'\xff' + bytes(20),
            o(53, b'\6') + o(56, b'wrong network') + b'\xff', o(53, b'\7') + b'\xff', o(53, b'\x08') + b'\xff',
            o(53, b'\4') + b'\xff', o(53, b'\x12') + b'\xff', o(53, b'\x13') + b'\xff', o(53, b'\0') + b'\xff',
            o(53, b'') + b'\xff', o(53, b'\1\2') + b'\xff', o(53, b'\1'), o(53, b'\1') + b'\x0c',
            o(53, b'\1') + b'\x0c\x09ab', o(12, b'x') + o(53, b'\3') + b'\xff', b'\xff', b'', b'\0\0\0',
            o(53, b'\1') + o(1, b'\xff\xff') + b'\xff', o(53, b'\1') + o(50, b'\1\2') + b'\xff',
            o(53, b'\1') + o(12, b'') + b'\xff', o(53, b'\1') + o(55, b'') + b'\xff']
    fr = []
    for i, op_ in enumerate(opts):
        fr.append(udp_frame(68 if i % 2 == 0 else 67, 67 if i % 2 == 0 else 68, bootp(1 + i % 2, op_),
                            dst=(255, 255, 255, 255)))
    for op_, ht, hl in ((1, 6, 6), (1, 1, 8), (1, 1, 0), (1, 32, 20), (3, 1, 6), (2, 1, 16)):
        fr.append(udp_frame(68, 67, bootp(op_, o(53, b'\1') + b'\xff', ht, hl), dst=(255, 255, 255, 255)))
    fr.append(udp_frame(68, 67, bootp(1, b'', cookie=b''), dst=(255, 255, 255, 255)))
    fr.append(udp_frame(68, 67, bootp(1, bytes(64), cookie=b''), dst=(255, 255, 255, 255)))
    out = with_cuts(fr, (0, 1, 3, 20, 27, 33, 34, 100, 235, 236, 239, 240, 241, 242, 243, 245, 250, 260))
    return out

def dhcp_options():
    """packet-dhcp.c's option dissectors (4.0): each option with a dissector of its own at lengths 0 to 7 of three
    contents, options 82 (relay agent: sub-option lengths, vendor-specific enterprises), 124 and 125 (V-I vendor
    class and information: TR-111, CableLabs and other enterprises, lengths past the option), 63, 94, 123 and 43
    with and without a vendor class; every fifth option value cut by the capture."""
    mac = bytes.fromhex('0242ac1c000b')
    def bootp(opts):
        return struct.pack('!BBBBIHH', 1, 1, 6, 0, 0x3903f327, 0, 0x8000) + bytes(16) + mac + bytes(10) + \
            bytes(192) + b'\x63\x82\x53\x63' + b'\x35\x01\x01' + opts + b'\xff'
    o = lambda t, v: bytes([t, len(v)]) + v
    e = lambda n, d: struct.pack('!IB', n, len(d)) + d
    vals = []
    for code in (21, 33, 43, 55, 60, 61, 63, 77, 78, 79, 81, 82, 85, 90, 93, 94, 97, 99, 117, 121, 123, 124, 125,
                 145, 151, 152, 154, 155, 158, 159, 160, 212, 249, 62, 95, 122, 200):
        for ln in range(0, 8):
            for fill in (b'\0', b'\1', b'\xff'):
                vals.append(o(code, (fill * ln) if fill != b'\1' else bytes(range(1, ln + 1))))
    vals += [o(82, v) for v in (o(1, b'abc'), b'\x01\x09ab', b'\x01', e(3561, b'abcd')[:0] + o(9, e(3561, b'abcd')),
                                 o(9, e(3561, b'abcd')[:5] + b'\x09abcd'), o(9, e(9, b'ab')) + o(1, b'x' * 10),
                                 o(9, e(9, b'ab')[:4] + b'\x14ab') + o(1, b'x' * 10), o(9, b'\0\0\x11'),
                                 o(9, e(9, b'')), o(9, e(9, b'a') + e(7, b'bc')), o(9, e(9, b'a') + b'\0\0'),
                                 o(151, b'\x01'), o(151, b'vrf'), o(151, b'\0' * 7), o(5, b'\1\2'), o(4, b'\1'),
                                 o(10, b'\1\2'), o(0, b'') + o(200, b'zz'), b'\x02\x00', b'\x01\x00\x09')]
    vals += [o(124, v) for v in (b'\x01', e(4491, b'abc'), e(4491, b'abc')[:4] + b'\x09abc', e(4491, b'abc') + b'\1\2',
                                  e(4491, b'') + e(9, b'x'), b'\0' * 5, b'\0' * 4 + b'\x05')]
    vals += [o(125, v) for v in (b'\0\0', e(3561, o(1, b'ab')), e(3561, o(1, b'abcdef'))[:5] + o(1, b'abcdef'),
                                  e(3561, o(1, b'ab'))[:4] + b'\x0a' + o(1, b'ab'), e(9, o(1, b'ab')),
                                  e(9, o(1, b'abcd')), e(9, o(1, b'ab'))[:4] + b'\x06' + o(1, b'ab'),
                                  e(4491, o(2, b'ab')), e(4491, o(2, b'\1\2\3\4')), e(4491, o(4, b'\1')),
                                  e(3561, b'\x01'), e(3561, b'\x01\x05a'), e(3561, o(1, b'00A0BC') + o(2, b'SN1') +
                                  o(3, b'CPE'))[:4] + b'\x0e' + o(1, b'00A0BC') + o(2, b'SN1') + o(3, b'CPE'),
                                  e(3561, o(1, b'a')) + e(9, o(7, b'b')) + e(4491, o(1, b'\1\2')), e(0, b''),
                                  e(3561, b'') + b'\1', e(9, b'\1') + b'\0\0\0\0')]
    vals += [o(63, v) for v in (o(1, b''), b'\x05\x09a', b'\x05', o(6, b'\1\2\3\4\5'), o(11, b'\1'))]
    vals += [o(123, v) for v in (b'\x01\x05ab', b'\x01\x02ab\x01\x09', b'\x01\x02ab\x01\x01c', b'\0' * 16,
                                  b'\0' * 69)]
    vals += [o(60, b'MSFT 5.0') + o(43, b'\x01\x09ab'), o(43, b'\x3a\x02\0\x05'), o(43, b'\x3a\x09'),
             o(43, b'\x43\x03sip\xff'), o(61, b'\0abc'), o(61, b'\x01' + mac), o(61, b'\0' + bytes(16)),
             o(81, b'\0\0\0host'), o(81, b'\x01\0\0'), o(94, b'\x01\x02\x03'), o(77, b'iPXE'), o(77, b'\x09corp'),
             o(77, b'RRAS.Microsoft'), o(97, b'\0' + bytes(16)), o(97, b'\x01' + mac), o(249, b'\x18\x0a\1\2\1\2\3\4'),
             o(249, b'\x21\1\2\3\4\5'), o(249, b'\x18\x0a\1\2\1\2'), o(121, b'\0\1\2\3\4'), o(99, b'\0US\x01\x09a')]
    fr = [udp_frame(68, 67, bootp(v), dst=(255, 255, 255, 255)) for v in vals]
    out = [(f, len(f)) for f in fr]
    for i, f in enumerate(fr):
        if i % 5 == 0 and len(vals[i]) > 2:
            out.append((f[:len(f) - 2], len(f)))
    return out

def aarp():
    """packet-aarp.c (4.0): AppleTalk ARP over SNAP of every opcode (and one past them), hardware types 1 and 6,
    protocol types AppleTalk and IPv4, protocol lengths 4 and 6, cut by the 802.3 length at every second byte and by
    the capture every third byte below it: which address 4.0.17 reads first decides the capture's cut or a
    malformed packet."""
    import itertools
    h = bytes.fromhex('0242ac1c000b')
    out = []
    for hrd, pro, pln, op in itertools.product((1, 6), (0x809b, 0x800), (4, 6), (1, 2, 3, 4)):
        a = struct.pack('!HHBBH', hrd, pro, 6, pln, op) + bytes(range(1, 13 + 2 * pln))
        for r in range(10, len(a) + 1, 2):
            for c in range(9, r + 1, 3):
                llc = b'\xaa\xaa\x03\x00\x00\x00\x80\xf3' + a[:r]
                f = b'\xff' * 6 + h + struct.pack('!H', len(llc)) + llc
                f += bytes(max(0, 60 - len(f)))
                out.append((f[:min(len(f), 22 + c)], len(f)))
    return out

def lldp_port():
    """packet-lldp.c (4.0): the TLV after the chassis ID, of every type class and length, whole, a byte to far more
    short of the frame, in runt and padded frames; the frames of seeds 33009 and 33010 that settled the rule."""
    eth = bytes.fromhex('0180c200000e0242ac1c000b88cc')
    out = []
    for ch in (bytes.fromhex('0203035040'), bytes.fromhex('0206023e5a73433a')):
        for t in (126, 36, 2, 3, 0):
            for ln in (0, 1, 2, 5, 9, 10, 11, 12, 13, 20, 262):
                for tail in (9, 12, 43):
                    f = eth + ch + struct.pack('!H', (t << 9) | ln) + bytes(range(1, tail + 1))
                    out.append((f, len(f)))
    for h in ('00049fff214c0180c2b4f82588cc020303504cfc0995644c5bfb6b97',
              '0242ac1c00090242ac1c000888cc0206023e5a73433a4906026e7e0e04003b00f70602616c080e3fe3457d397b5f357921544d'
              '7643fc04ceccf34c0602ffff0000'):
        f = bytes.fromhex(h)
        out.append((f, len(f)))
    return out

def atmarp():
    """ATMARP (hardware type 19): every opcode, NSAP numbers and subaddresses of several lengths, IPv4 and other
    protocol addresses, datagrams cut by the capture at each of their bytes and shorter than their lengths."""
    eth = bytes.fromhex('ffffffffffff0242ac1c000b0806')
    def atm(op, shtl=20, sstl=0, spln=4, thtl=20, tstl=0, tpln=4, pro=0x0800):
        b = struct.pack('!HHBBHBBBB', 19, pro, shtl, sstl, op, spln, thtl, tstl, tpln)
        b += bytes(range(1, 1 + (shtl & 0x3f))) + bytes(range(0x40, 0x40 + (sstl & 0x3f)))
        b += bytes([172, 28, 0, 11, 9, 9, 9, 9][:spln] + [7] * max(0, spln - 8))
        b += bytes(range(0x80, 0x80 + (thtl & 0x3f))) + bytes(range(0xc0, 0xc0 + (tstl & 0x3f)))
        b += bytes([172, 28, 0, 13, 8, 8, 8, 8][:tpln] + [6] * max(0, tpln - 8))
        return b
    out = []
    for op in list(range(0, 27)) + [255, 256, 65535]:
        f = eth + atm(op)
        out.append((f, len(f)))
    for kw in ({'shtl': 0}, {'thtl': 0}, {'sstl': 5}, {'tstl': 7}, {'sstl': 5, 'tstl': 3}, {'shtl': 7, 'thtl': 45},
               {'spln': 0}, {'tpln': 0}, {'spln': 16, 'tpln': 16, 'pro': 0x86dd}, {'spln': 6, 'tpln': 6},
               {'pro': 0x0806}, {'sstl': 0x80 | 4}, {'shtl': 0x80 | 20}):
        for op in (1, 2, 8, 9, 10, 11):
            f = eth + atm(op, **kw)
            out.append((f, len(f)))
    whole = eth + atm(2, sstl=4, tstl=4)
    for n in range(14, len(whole) + 1):
        short = whole[:n] + bytes(max(0, 60 - n))
        out.append((short, len(short)))
        out.append((whole[:n], len(whole)))
    return out

def ipv6_pad1():
    """Options headers ending in Pad1 or PadN, with and without anything after them and with each next header: a
    Pad1 reads the byte after it (as every option's length byte is read first)."""
    out = []
    def frame(nh, hdr, tail):
        payload = hdr + tail
        ip6 = struct.pack('!IHBB', 0x60000000, len(payload), nh, 64) + bytes(15) + b'\x01' + bytes(15) + b'\x02'
        return bytes.fromhex('0242ac1c0011ffffffffffff86dd') + ip6 + payload
    echo = bytes.fromhex('8000f00f00010001')
    for nh in (0, 60):
        for nxt in ('3b', '3a', '11', 'c8', '06'):
            for opts in ('000000000000', '010400000000', '000000000100', '000103000000', '010200000000'):
                for tail in (b'', echo, b'\x00'):
                    f = frame(nh, bytes.fromhex(nxt + '00' + opts), tail)
                    out.append((f, len(f)))
    return out

def eth_length_type():
    """Type/length fields around 1500 and 1536 (neither a length nor a type in between), with and without payload."""
    out = []
    for t in (1499, 1500, 1501, 1502, 1535, 1536, 1537, 0x0000, 0x05dd):
        for body in (bytes(46), b'\xe0\xe0\x03' + bytes(43), bytes.fromhex('aaaa0300000008060001')):
            f = bytes.fromhex('ffffffffffff0242ac1c000b') + struct.pack('!H', t) + body
            out.append((f, len(f)))
    return out

def lldp_ttl():
    """The third TLV when it is not a TTL: every type class, lengths inside, at and past the frame's end, and a header
    cut by the frame."""
    eth = bytes.fromhex('0180c200000e0242ac1c000b88cc')
    chassis = bytes.fromhex('020704' + '0242ac1c000b')
    port = bytes.fromhex('04050565746830')
    out = []
    for t in (0, 1, 2, 3, 4, 5, 8, 57, 127):
        for ln in (0, 1, 2, 4, 20, 64):
            f = eth + chassis + port + struct.pack('!H', (t << 9) | ln) + bytes(range(1, 9)) + bytes.fromhex('0000')
            out.append((f, len(f)))
    for tail in ('06', '', '0602'):
        f = eth + chassis + port + bytes.fromhex(tail)
        out.append((f, len(f)))
    return out

def bootp_short():
    """BOOTP datagrams shorter than the fixed 236-byte header, whole and cut by the capture: each fixed field is an
    item of its own, so the first one the capture or the datagram cuts decides what shows."""
    mac = bytes.fromhex('0242ac1c000b')
    full = struct.pack('!BBBBIHH', 2, 1, 6, 0, 0x3903f326, 3, 0x8000) + bytes(16) + mac + bytes(10) + b'srv' + \
        bytes(61) + b'boot' + bytes(124)
    out = []
    for n in (1, 4, 8, 12, 20, 27, 28, 30, 33, 34, 40, 44, 45, 60, 107, 108, 109, 150, 235):
        for op in (2, 1):
            m = bytes([op]) + full[1:n]
            f = udp_frame(67, 68, m, dst=(255, 255, 255, 255))
            out.append((f, len(f)))
            for c in (1, 4, 13, 29, 34, 40, 50, 100, 120, 200):
                if 42 + c < len(f) and c < n:
                    out.append((f[:42 + c], len(f)))
    return out

def dns_dso():
    """DNS Stateful Operations (opcode 6) with zero counts: nothing, 1 to 3 bytes, keepalive, retry delay and padding
    TLVs, unknown TLVs, a TLV past the datagram, responses, and captures cut inside."""
    out = []
    hdr = lambda flags=0x3000: struct.pack('!HHHHHH', 0x1234, flags, 0, 0, 0, 0)
    bodies = [b'', b'\x00', b'\x00\x01', b'\x00\x01\x00', struct.pack('!HHII', 1, 8, 1000, 2000),
              struct.pack('!HHI', 2, 4, 5), struct.pack('!HH', 3, 2) + b'\0\0', struct.pack('!HH', 0x46d, 0x6169),
              struct.pack('!HHII', 1, 8, 1000, 2000) + struct.pack('!HHI', 2, 4, 5) + b'\x00\x03',
              struct.pack('!HH', 0x4000, 3) + b'abc', struct.pack('!HH', 0x4000, 4) + b'abc',
              struct.pack('!HH', 0, 0), struct.pack('!HH', 0xffff, 1) + b'z' + struct.pack('!HH', 3, 0)]
    for flags in (0x3000, 0xb000, 0x3100):
        for b in bodies:
            f = udp_frame(40000, 53, hdr(flags) + b)
            out.append((f, len(f)))
            for c in (13, 14, 16, 20):
                if 42 + c < len(f) and c < 12 + len(b):
                    out.append((f[:42 + c], len(f)))
    return out

def icmp_redirect_cut():
    """ICMP redirects (every code) quoting a TCP or UDP datagram, cut by the capture at each part of the quote, next
    to unreachables cut the same way: a redirect's quoted datagram shows no capture cut."""
    out = []
    tcp = struct.pack('!HHIIBBHHH', 44334, 80, 0x913715de, 0xc15e349a, 0x80, 0x18, 100, 0, 0) + bytes(12)
    udp = struct.pack('!HHHH', 44334, 53, 20, 0) + bytes(12)
    for proto, l4 in ((6, tcp), (17, udp)):
        q = ipv4(proto, l4, src=(79, 156, 30, 198), dst=(10, 1, 2, 3))
        for t, c in ((5, 0), (5, 1), (5, 2), (5, 3), (3, 3), (11, 0)):
            ic = struct.pack('!BBH', t, c, 0) + bytes([172, 28, 0, 74]) + q
            f = bytes.fromhex('0242ac1c000f0242ac1c000e0800') + ipv4(1, ic, src=(172, 28, 0, 14), dst=(172, 28, 0, 1))
            out.append((f, len(f)))
            for n in (40, 42, 43, 50, 54, 61, 62, 63, 66, 67, 68, 69, 70, 71, 75, 80, 90):
                out.append((f[:n], len(f)))
    return out

def dns_trailing():
    """DNS, mDNS and LLMNR messages with bytes after their records (none, one question, an answer), whole and cut by
    the capture at each byte from inside the last record to past the extra bytes: TShark reads them to the message's
    end."""
    dname = lambda n: b''.join(bytes([len(l)]) + l.encode() for l in n.split('.')) + b'\0'
    q = lambda i, fl, qs, rrs=b'', n=0: struct.pack('!HHHHHH', i, fl, len(qs), n, 0, 0) + b''.join(qs) + rrs
    rr = lambda nm, t, c, d: nm + struct.pack('!HHIH', t, c, 120, len(d)) + d
    msgs = [q(0x6325, 0x0100, []) + dname('local.abcd'),
            q(0x6325, 0x0100, [dname('a') + b'\0\x01\0\x01']) + b'extra-bytes!',
            q(0x6326, 0x8180, [dname('a') + b'\0\x01\0\x01'], rr(b'\xc0\x0c', 1, 1, bytes([192, 0, 2, 1])), 1) + b'\0'
            * 3]
    out = []
    for sport, dport, dst in ((40000, 53, (10, 0, 0, 2)), (5353, 5353, (224, 0, 0, 251)),
                              (51000, 5355, (224, 0, 0, 252))):
        for m in msgs:
            f = udp_frame(sport, dport, m, dst=dst)
            out.append((f, len(f)))
            for c in range(max(12, len(m) - 20), len(m)):
                out.append((f[:42 + c], len(f)))
    return out

def _csum(b):
    b += b'\0' * (len(b) % 2)
    v = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    while v >> 16:
        v = (v & 0xffff) + (v >> 16)
    return ~v & 0xffff

G11 = bytes.fromhex('20010db8000000000000000000000011')
G13 = bytes.fromhex('20010db8000000000000000000000013')
LL11 = bytes.fromhex('fe800000000000000042acfffe1c000b')
ALL_NODES = bytes.fromhex('ff020000000000000000000000000001')

def _l4v6(proto, seg, src, dst):
    return _csum(src + dst + struct.pack('!IxxxB', len(seg), proto) + seg)

def _e6(nh, payload, src=G11, dst=G13, plen=None, smac='0242ac1c000b', dmac='0242ac1c000d'):
    f = bytes.fromhex(dmac + smac + '86dd') + struct.pack('!IHBB', 0x60000000, len(payload) if plen is None else plen,
                                                          nh, 64) + src + dst + payload
    return f + bytes(max(0, 60 - len(f)))

def ipv6_frag():
    """IPv6 fragments of ICMPv6 and UDP: reassembled in order, out of order, duplicated, overlapping; a piece cut by
    the capture, an empty piece, a fragment header cut, atomic fragments, the same identification from the other
    address, behind a destination options header, and quoted by ICMPv6 errors."""
    def echo(n):
        b = struct.pack('!BBHHH', 128, 0, 0, 7, 1) + bytes(range(n))
        return b[:2] + struct.pack('!H', _l4v6(58, b, G11, G13)) + b[4:]
    def udp(d):
        h = struct.pack('!HHHH', 4000, 9, 8 + len(d), 0)
        return h[:6] + struct.pack('!H', _l4v6(17, h + d, G11, G13) or 0xffff) + d
    def fr(nh, off, more, ident, data, pre=b'', prenh=None):
        return _e6(44 if prenh is None else prenh, pre + struct.pack('!BBHI', nh, 0, off | more, ident) + data)
    u, e = udp(bytes(100)), echo(100)
    # a pair is a frame and the bytes the capture kept of it
    out = [(fr(17, 0, 1, 1, u[:56]), 70), fr(17, 56, 0, 1, u[56:]), fr(17, 0, 1, 2, u[:56]), (fr(17, 56, 0, 2, u[56:]), 70),
           fr(58, 64, 0, 3, e[64:]), fr(58, 32, 1, 3, e[32:64]), fr(58, 0, 1, 3, e[:32]),
           fr(58, 0, 1, 4, e[:56]), fr(58, 0, 1, 4, e[:56]), fr(58, 56, 0, 4, e[56:]),
           fr(58, 0, 1, 5, e[:56], bytes([44, 0, 1, 4, 0, 0, 0, 0]), 60),
           fr(58, 56, 0, 5, e[56:], bytes([44, 0, 1, 4, 0, 0, 0, 0]), 60),
           (fr(58, 0, 1, 6, e[:56]), 58), fr(58, 8, 1, 7, b''), fr(58, 0, 1, 8, e[:64]), fr(58, 56, 0, 8, e[56:]),
           fr(59, 0, 0, 9, b'abc'), fr(6, 0, 1, 10, bytes(24)), fr(17, 0, 1, 11, u[:8]), fr(17, 8, 0, 11, u[8:]),
           fr(58, 0, 1, 12, b''), fr(58, 8, 0, 13, b''), fr(17, 8, 1, 14, b''), fr(17, 0, 1, 15, b''),
           fr(59, 8, 1, 16, b''), fr(58, 0, 0, 17, b''), fr(58, 0, 1, 0x80, e[:56]),
           _e6(44, struct.pack('!BBHI', 58, 0, 56, 0x80) + e[56:], G13, G11)]
    for nh, off, data in ((58, 1, e[:48]), (17, 1, u[:48]), (17, 8 * 4, u[32:48])):
        q = struct.pack('!IHBB', 0x60000000, 8 + len(data), 44, 64) + G11 + G13 + struct.pack('!BBHI', nh, 0, off, 0x77) + data
        b = struct.pack('!BBHI', 3, 1, 0, 0) + q
        out.append(_e6(58, b[:2] + struct.pack('!H', _l4v6(58, b, G13, G11)) + b[4:], G13, G11))
    return [(f[0][:f[1]], len(f[0])) if isinstance(f, tuple) else (f, len(f)) for f in out]

def nd_options():
    """Router advertisements carrying one option each (link-layer addresses of 8, 16, 24 and 32 bytes, prefix
    information of 24, 32 and 40, MTU, RDNSS of 8 to 40, DNSSL with padding, route information of each length,
    nonce, advertisement interval, home agent, captive portal, PREF64, a redirected header, an unknown type, a zero
    length, an option past the packet), whole and cut at each byte; NS, NA, RS and redirects with 8- and 16-byte
    link-layer address options."""
    def ra(opt, t=134, fixed=None):
        b = (fixed if fixed is not None else struct.pack('!BBHBBHII', t, 0, 0, 64, 0, 1800, 0, 0)) + opt
        b = b[:2] + struct.pack('!H', _l4v6(58, b, LL11, ALL_NODES)) + b[4:]
        return _e6(58, b, LL11, ALL_NODES, dmac='333300000001')
    opt = lambda t, body: bytes([t, (len(body) + 2) // 8]) + body
    mac = bytes.fromhex('0242ac1c000b')
    dn = lambda *ns: b''.join(b''.join(bytes([len(l)]) + l.encode() for l in n.split('.')) + b'\0' for n in ns)
    opts = [opt(1, mac), opt(1, mac + bytes(8)), opt(1, mac + bytes(16)), opt(1, mac + bytes(24)), opt(2, mac),
            opt(3, bytes(22)), opt(3, struct.pack('!BBIII', 64, 0xc0, 86400, 14400, 0) + G11), opt(3, bytes(38)),
            opt(5, b'\0\0' + struct.pack('!I', 1500)), opt(5, bytes(14)), opt(25, bytes(6)), opt(25, bytes(22)),
            opt(25, bytes(30)), opt(25, b'\0\0' + struct.pack('!I', 600) + G11 + G13),
            opt(31, b'\0\0' + struct.pack('!I', 600) + dn('lab.arplab.net')),
            opt(31, b'\0\0' + struct.pack('!I', 600) + dn('lab.arplab.net', 'corp') + bytes(2)),
            opt(31, b'\0\0' + struct.pack('!I', 600) + dn('a') + bytes(5)),
            opt(24, bytes([0, 8]) + struct.pack('!I', 1800)), opt(24, bytes([48, 8]) + struct.pack('!I', 1800) + bytes(8)),
            opt(24, bytes([64, 0x18]) + struct.pack('!I', 1800) + G13), opt(14, bytes.fromhex('a1b2c3d4e5f6')),
            opt(14, bytes(14)), opt(7, b'\0\0' + struct.pack('!I', 5000)), opt(8, b'\0\0' + struct.pack('!HH', 10, 1800)),
            opt(37, b'https://portal.example/' + bytes(7)), opt(38, struct.pack('!H', (600 << 3) | 1) + bytes(12)),
            opt(38, struct.pack('!H', 600 << 3) + bytes(12)), opt(38, struct.pack('!H', (600 << 3) | 5) + bytes(12)),
            bytes([4, 7]) + bytes(6) + struct.pack('!IHBB', 0x60000000, 8, 58, 64) + LL11 + G13 + bytes(8),
            opt(200, bytes(6)), opt(100, bytes(range(1, 23))), bytes([25, 0]) + bytes(6), bytes([1, 4]) + mac]
    out = []
    for o in opts:
        f = ra(o)
        out.append((f, len(f)))
        for c in range(1, len(o)):
            if 70 + c < len(f):
                out.append((f[:70 + c], len(f)))
    tgt = LL11[:15] + b'\x0d'
    for t in (1, 2):
        for n in (6, 14):
            o = bytes([t, (n + 2) // 8]) + mac + bytes(n - 6)
            for fixed in (struct.pack('!BBHI', 135, 0, 0, 0) + tgt, struct.pack('!BBHI', 136, 0, 0, 0x60000000) + tgt,
                          struct.pack('!BBHI', 133, 0, 0, 0), struct.pack('!BBHI', 137, 0, 0, 0) + tgt + tgt):
                f = ra(o, fixed=fixed)
                out.append((f, len(f)))
    return out

def lldp_cut():
    """An LLDPDU of chassis ID, port ID, TTL, system name, port description and End, cut at every byte: a cut at a TLV's
    end after the TTL shows no capture cut."""
    tlv = lambda t, b: struct.pack('!H', (t << 9) | len(b)) + b
    mac = bytes.fromhex('0242ac1c0001')
    f = bytes.fromhex('0180c200000e') + mac + b'\x88\xcc' + tlv(1, b'\x04' + mac) + tlv(2, b'\x05eth1') + \
        tlv(3, b'\0\x78') + tlv(5, b'gw') + tlv(4, b'port') + tlv(0, b'')
    f += bytes(max(0, 60 - len(f)))
    return [(f[:c], len(f)) for c in range(30, len(f) + 1)]

def lldp_dup():
    """LLDPDUs with a second chassis ID, port ID or TTL TLV (of lengths 0, 1 and more, before and after a system
    name, before End), and one whose second port ID TLV is followed by a system name, cut at every byte."""
    tlv = lambda t, b: struct.pack('!H', (t << 9) | len(b)) + b
    mac = bytes.fromhex('0242ac1c000b')
    head = bytes.fromhex('0180c200000e') + mac + b'\x88\xcc'
    base = tlv(1, b'\x04' + mac) + tlv(2, b'\x05eth0') + tlv(3, b'\x00\x78')
    out = []
    for extra in (tlv(1, b'\x04\x02\x42\xac\x1c\x00\x0c'), tlv(2, b'\x05eth1'), tlv(3, b'\x00\x10'), tlv(1, b'\x04'),
                  tlv(2, b'\x05'), tlv(2, b''), tlv(3, b'\x01'), tlv(3, b''), tlv(1, b''), tlv(5, b'sw1') + tlv(2, b'\x05eth1'),
                  tlv(2, b'\x05eth1') + tlv(5, b'sw1'), tlv(2, b'\x05eth1') + tlv(0, b''), tlv(2, b'\x03' + mac),
                  tlv(1, b'\x06ab\x00'), tlv(3, b'\x00\x10\x00')):
        f = head + base + extra
        f += bytes(max(0, 60 - len(f)))
        out.append((f, len(f)))
    f = head + base + tlv(2, b'\x05eth1') + tlv(5, b'x' * 30)
    out += [(f[:c], len(f)) for c in range(30, len(f) + 1)]
    return out

def pref64_len():
    """Neighbor advertisements whose PREF64 option is 8, 16, 24 or 32 bytes long, of every prefix length code, the
    frame (shorter than the IPv6 payload length says) ending at each byte of the option (seed 35040)."""
    src = bytes.fromhex('fe800000000000000042acfffe1ca83d')
    tgt = bytes.fromhex('fe800000000000000042acfffe1c8a72')
    out = []
    for optlen in (1, 2, 3, 4):
        for plc in range(6):
            opt = bytes([38, optlen]) + struct.pack('!H', 0x1398 | plc) + bytes(range(0x60, 0x60 + optlen * 8 - 4))
            icmp = bytes([136, 0, 0, 0, 0x80, 0, 0, 0]) + tgt + opt
            for cut in range(26, len(icmp) + 1):
                ip6 = struct.pack('!IHBB', 0x60000000, len(icmp) + 40, 58, 255) + src + bytes(16)
                f = bytes.fromhex('0242ac1c0011000000000000' + '86dd') + ip6 + icmp[:cut]
                out.append((f, len(f)))
    return out

def echo_tftp_heur():
    """UDP to and from the echo port (whole, empty, cut), and payloads to other ports the TFTP heuristic is to take or
    leave: zeros, every opcode, valid and invalid modes, options."""
    out = []
    for sp, dp, m in ((40000, 7, b'hello'), (7, 40000, b'hello'), (7, 7, b'x' * 40), (40000, 7, b''), (7, 5, b'abc'),
                      (5, 7, b'abc')):
        f = udp_frame(sp, dp, m)
        out.append((f, len(f)))
    f = udp_frame(40000, 7, b'y' * 40)
    out += [(f[:50], len(f)), (f[:42], len(f))]
    pays = [bytes(1472), bytes(32), bytes(2), bytes(4), b'\0\1file\0octet\0', b'\0\1file\0junk\0', b'\0\2a\0b\0',
            b'\0\3ab\0\0', b'\0\0ab\0\0', b'\0\1\0\0', b'\0\5\0\0', b'\1\1ab\0\0', b'\0\1ab\0netascii\0',
            b'\0\6a\0b\0', b'\0\4\0\0', b'\0\1ab\0OCTET\0', b'\0\1ab\0mail\0', b'\0\2ab\0octet\0tsize\0\0',
            b'\0\1\0octet\0', b'\0\1ab\0octet\0x']
    for i, m in enumerate(pays):
        f = udp_frame(41000 + i, 46000 + i, m)
        out.append((f, len(f)))
    return out

def bfd_auth():
    """BFD control messages with the A bit: message lengths 0 to 27 with and without bytes after the header, and
    authentication sections of every type and lengths 0 to 40 in 8 and 30 bytes; echo messages."""
    def bfd(length, auth=b''):
        return struct.pack('!BBBB', 0x20, 0xc4, 3, length) + struct.pack('!IIIII', 1, 2, 1000000, 1000000, 0) + auth
    out = []
    for length in (0, 10, 20, 22, 23, 24, 25, 26, 27):
        for extra in (0, 4):
            f = udp_frame(49152, 3784, bfd(length, bytes(extra)))
            out.append((f, len(f)))
    for atype in (1, 2, 3, 4, 5, 6, 0):
        for alen in (0, 1, 2, 3, 4, 5, 8, 24, 28, 40):
            for have in (8, 30):
                f = udp_frame(49152, 3784, bfd(28, bytes([atype, alen]) + b'k' + b'p' * (have - 3)))
                out.append((f, len(f)))
    for m in (b'', b'\x01\x02\x03\x04', bytes(40)):
        f = udp_frame(3785, 3785, m)
        out.append((f, len(f)))
    return out

def dns_heur():
    """UDP payloads between two unassigned ports that dissect_dns_heur() is to take or leave: a header alone and
    with one byte more, every opcode, every other flag bit of a query, question, answer, authority and additional
    counts around the limits of queries and responses."""
    out = []
    def add(flags, qd, an, ns, ar, tail=1):
        f = udp_frame(40000, 30490, struct.pack('!HHHHHH', 0x1234, flags, qd, an, ns, ar) + b'\x01' * tail)
        out.append((f, len(f)))
    for tail in (0, 1):
        add(0x0100, 1, 0, 0, 0, tail)
        add(0x8180, 0, 0, 0, 0, tail)
    for op in range(16):
        add(0x8000 | op << 11, 1, 0, 0, 0)
        add(op << 11, 1, 0, 0, 0)
    for bit in range(11):
        add(1 << bit, 1, 0, 0, 0)
    for flags in (0x0100, 0x8180):
        for qd in (0, 1, 2):
            for an in (0, 1, 100, 101):
                for ns in (0, 1, 10, 11):
                    for ar in (0, 10, 11):
                        add(flags, qd, an, ns, ar)
    return out

def dns_names():
    """DNS and mDNS names with bytes Info escapes: a query for a name with each byte 0-255 inside a label, '.' and
    '\\' inside labels, UTF-8 and bad UTF-8, an overlong NUL, the longest name; answers whose owner and data names
    carry them, also behind a compression pointer."""
    def name(labels):
        return b''.join(bytes([len(l)]) + l for l in labels) + b'\0'
    def msg(flags, qd, an, body):
        return struct.pack('!HHHHHH', 0x1234, flags, qd, an, 0, 0) + body
    out = []
    def add(port, m):
        f = udp_frame(40000, port, m)
        out.append((f, len(f)))
    for b in range(256):
        add(53, msg(0x0100, 1, 0, name([b'a' + bytes([b]) + b'b', b'com']) + b'\0\1\0\1'))
    for labels in ([b'a.b', b'c'], [b'a\\b'], [b'caf\xc3\xa9', b'fr'], [b'\xe2\x82\xac'], [b'\xed\xa0\x80'],
                   [b'\xc0\x80'], [b'\xf4\x90\x80\x80'], [b'x' * 63, b'y' * 63, b'z' * 63, b'w' * 61]):
        add(53, msg(0x0100, 1, 0, name(labels) + b'\0\1\0\1'))
        add(5353, msg(0x0000, 1, 0, name(labels) + b'\0\x0c\x80\x01'))
    q = name([b'h\x01st', b'lab'])
    add(53, msg(0x8180, 1, 1, q + b'\0\1\0\1' + b'\xc0\x0c\0\1\0\1\0\0\0\x3c\0\4' + bytes([10, 0, 0, 1])))
    ptr = name([b'srv\tone', b'local'])
    add(5353, msg(0x8400, 0, 1, name([b'_x\x7f', b'_tcp', b'local']) + b'\0\x0c\x80\x01\0\0\0\x3c'
                  + struct.pack('!H', len(ptr)) + ptr))
    add(53, msg(0x8180, 1, 1, q + b'\0\5\0\1' + b'\xc0\x0c\0\5\0\1\0\0\0\x3c' + struct.pack('!H', 6)
                + b'\2\xff\x00\xc0\x0c'))
    return out

def seed_frames():
    """Frames of the differential seeds 35027-35036 and 35047-35056 that TShark read otherwise than this package
    first did: ND options shorter than their fields before other options, options past the IPv6 payload length, a
    CIGI start of frame to a random UDP port, a redirected header option running past the packet (35051), a DNS
    question whose name's pointer leads to an unknown extended label (35054), a fragment whose data the frame lacks
    (35056)."""
    hexes = [
        '0242ac1c00010242ac1c000f86dd64aefb7a00483afffe800000000000000042acfffe1ca7920000000000000000000000000000000089001f9900000000233f52ca903400001d9e000098d50000000000000000000000000000000000000303c8ccffffffff00093a8000000000b5142fb5324e000000002b4f00000000',
        '0242ac1c000f00e004831ff08100e72086dd65c19a6400483a012fbb00006f0b35ff1cea00000000000020010db800000001000000000000000087000bef00000000fe800000000000000042acfffe1ca318030380d4ffffffffb184cd7400000000000000000000000000000000ac1c000c0100277ff45783f302010242ac1c0008',
        '0242ac1c000cffffffffffff86dd6247a7e400503a40fe800000000000000042acfffe1c6147000000000000000000000000ac1c00fe88a84911e0000000fe800000000000000042acfffe1c82711802369841e989da8777a8467e99488e0303408700093a8000093a8000000000ff02000000000000000000000000000101010023204d7ed2',
        'ffffffffffff002320a3b99e88a8006a86dd6000000000403ae8fe800000000000000042acfffe1c139dfe800000000000000042acfffe1c791f87007a1b0000000000000000000000000000000000000000030380a1ffffffffc5a252ae0000000020010db80000000100000000e9d336f301003422d3322b22',
        '3333007fdb0e0242ac1c001286dd6000000000603a400000000000000000000000000a5e4f871f2e330000000000cb3d4cc7412f000089009da50000000020010db80000000100000000e2e9877620010db800000002000000003e8a501503033a8cffffffff00093a8000000000000000000000000000000000000000002601a6037d701c7818027203992048e35a8b73e4faf76b8b',
        '0242ac1c000a0242ac1c000786dd6000000000503a010000000000000000000000000000000000000000000000000000000000000000879d1cec00000000fe800000000000000042acfffe1c6840260177a21bc582e218034a5855300ce8948e4327a101cde5521884dc59d343fa1f030000000112fb03636f6d000474657374000000000000',
        '0242ac1c000bb2af6f9a4eb886dd6000000000703aff00000000000000000000ffffac1c000b20010db80000000200000000d831e5f6890001d800000000fe800000000000000042acfffe1c47fbff020000000000000000000000000001030414b200093a8000093a800000000020010db80000000000000000000000000701000000006b07030380d600093a80ffffffff00000000ff0200000000000000000001ff55024c',
        '0242ac1c00130242ac1c000386dd692b883300583a40ff020000000000000000000000000001fe800000000000000042acfffe1c75088700a5e800000000cebf00004f8b0000c78f68b10000de7303044013ffffffffffffffff0000000020010db80000000100000000a360f5a20303403700093a80ffffffff0000000000000000000000000000000000000000',
        'ffffffffffff0012bbf50ddc86dd60348c1b00483ac7fe800000000000000042acfffe1ccec8fe800000000000000042acfffe1c52b68700638600000000fe800000000000000042acfffe1c724502020242ac1c000200000000000000000303804c2fea6e5000093a8000000000ff0200000000000000000001ffd37845',
        'eb6b87704df80242ac1c000186dd6000000000383a6bff0200000000000000000001ffb8f989fe800000000000000042acfffe1c2aa987009b9200000000fe800000000000000042acfffe1cae4a0303403200278d0000093a8000000000000000000000000000000000ac1c00fe',
        '0242ac1c000b0242ac1c000286dd6000000000603a01ff020000000000000000000000000001fe800000000000000042acfffe1ce04e884ba83240000000fe800000000000000042acfffe1c19ee05010000000005dc03034af100093a8000093a8000000000000000000000000000000000ffffffff03045e8c00093a806fc705a300000000fe800000000000000042acfffe1cb89f',
        '0242ac1c001201005e99973586dd6fa7edbb00703a01000000000000000000000000a5b1dc5b20010db800000002000000000000000089b0fdad00000000fe800000000000000042acfffe1c628f000000000000000000000000ac1c007c19050000000180c2ff020000000000000000000000000001ff0200000000000000000001ff3604770303e37d00278d00ffffffff0000000000000000000000000000000000000000',
        '8b97cf0498633333004c219a86dd612d1a98001d3a403de400008ec4ca8f000041c000004fd0ff0200000000000000000001ffd8fa4a8600617203489a5f00017efe000021081f0200000000707901610000000000000701000000005830',
        'ffffffffffff0242ac1c000a9100093588a831bf86dd6000000000583aec000000000000000000000000c0a8729ab12fea2ae1d21820828f000000000000877e4ce40000000000001fbc4859f4f400001db9b747dac502010242ac1c00111903000000000c8dfe800000000000000042acfffe1cdcd603034044ffffffffffffffff00000000ff0200000000000000000001ff5b34bb',
        '0242ac1c00040242ac1c000f86dd6000000000303aff000000000000000000000000ac1c000e00000000000000000000ffffe000000185cad3010000000007010000000009b60303402e00278d0000093a8000000000ff020000000000000000000000000001',
        '0242ac1c000f00000000000086dd65cb725a00303a27ff02000000000000000000000000000100000000000000000000000000000000865fb6dbd5518146000066520000056a03031d81ffffffff00093a800000000055de00005866000000007c747b3b0000',        '0242ac1c000a0180c20195cc86dd6753d5d200483a40000000000000000000000000ac1c000cfe800000000000000042acfffe1c87478800763cc000000000000000000000000000ffffac1c00fe1803433f8d143d0cfdf3ce5a972f210c91566452b9225e2a05020000000005dc1f0200000000ec4d045f7564700000009b',
        'ffffffffffff0242ac1c000708004900004cfa04400040112708ac1c000d0ad58d4794043412890b04353b003a4400b30600abfa003500286feb00b39877623ff080c0f88ab8c01994f714636207a5231dce697e7a974dbfa75e',
        '0180c2802cf90242ac1c000186dd6852804800182c01fe800000000000000042acfffe1cfac900000000000000000000ffffc0a8c6003a00cbf991f133bb',
        '0242ac1c000f080009f2337186dd60000000003e1192fe800000000000000042acfffe1c46f520010db80000000000000000000000009d16d8b1003efcbc650c0100000400000000000019766572792d6c6f6e672d6c6162656c2d666f722d746573747303777777057538442438c00c00060001',
    ]
    return [(bytes.fromhex(h), len(bytes.fromhex(h))) for h in hexes]

def _ext(objs, version=2, checksum=True):
    """An RFC 4884 extension structure: its header (the checksum over the whole when asked) and objects."""
    h = bytes([version << 4, 0, 0, 0]) + b''.join(objs)
    return h[:2] + struct.pack('!H', _csum(h)) + h[4:] if checksum else h

def _obj(cls, ctype, data, length=None):
    return struct.pack('!HBB', 4 + len(data) if length is None else length, cls, ctype) + data

INT_INFO = bytes([0, 0, 0, 5, 0, 1, 0, 0, 10, 0, 0, 1, 4, 101, 116, 104, 0, 0, 5, 0xdc, 0, 0, 0, 0])

def _ext_objects():
    """Extension structures: MPLS label stacks, interface information of every c-type and length, interface
    identification, extended payload, unknown classes, bad lengths, versions and checksums."""
    mpls = _obj(1, 1, struct.pack('!II', (16001 << 12) | 0x100 | 1, (17 << 12) | 0x101))
    out = [b'', _ext([mpls]), _ext([mpls], version=1), _ext([mpls], version=3), _ext([mpls], checksum=False),
           _ext([mpls[:6]]), _ext([_obj(1, 1, bytes(6))]), _ext([_obj(1, 2, bytes(4))]), _ext([_obj(1, 1, b'', 2)]),
           _ext([_obj(1, 1, bytes(4), 40)]), _ext([_obj(0, 1, bytes(12))]), _ext([_obj(0, 2, bytes(3))]),
           _ext([_obj(9, 9, bytes(5))]), _ext([mpls, _obj(2, 0x0f, INT_INFO[:20]), mpls]), _ext([])[:3]]
    for ct in range(16):
        for n in (0, 4, 8, 12, 16, 20, 24):
            out.append(_ext([_obj(2, ct, INT_INFO[:n])]))
    for ct, data in ((1, b'eth0'), (1, b''), (2, bytes(4)), (2, bytes(2)), (3, bytes([0, 1, 4, 0, 10, 0, 0, 1])),
                     (3, bytes([0, 2, 16, 0]) + bytes(16)), (3, bytes([0, 1, 8, 0, 10, 0, 0, 1])),
                     (3, bytes([0, 9, 4, 0, 1, 2])), (3, bytes([0, 1])), (4, b'x')):
        out.append(_ext([_obj(3, ct, data)]))
    return out

def _udp4_quote(n):
    udp = struct.pack('!HHHH', 40000, 33434, 8 + n, 0) + bytes(n)
    return struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(udp), 1, 0, 1, 17, 0, bytes((10, 0, 0, 1)),
                       bytes((10, 0, 0, 9))) + udp

def _icmp4(t, c, word, body):
    m = bytes([t, c, 0, 0]) + word + body
    m = m[:2] + struct.pack('!H', _csum(m)) + m[4:]
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(m), 1, 0, 64, 1, 0, bytes((10, 0, 0, 254)),
                     bytes((10, 0, 0, 1))) + m
    return bytes.fromhex('0242ac1c000d0242ac1c000b0800') + ip

def icmp_ext():
    """ICMP errors (unreachable, time exceeded, parameter problem, redirect) quoting 28 to 140 bytes, RFC 4884's
    length 0, the quote's or another, each extension structure after the quote (or after 128 bytes); some cut by
    the capture at every fourth byte past the quote; extended echo requests with the same structures."""
    out = []
    exts = _ext_objects()
    for t, c in ((11, 0), (3, 3), (12, 0), (5, 1)):
        for qlen in (28, 100, 128, 140):
            q = _udp4_quote(qlen - 28)
            for lf in (0, 32, (qlen + 3) // 4, 35):
                if t == 5 and lf not in (0, 32):
                    continue
                qq = q + bytes((-len(q)) % 4) if lf else q + bytes(max(0, 128 - len(q)))
                word = bytes([lf if t == 12 else 0, lf, 0, 0]) if t != 5 else bytes([10, lf, 0, 254])
                for i, ex in enumerate(exts):
                    if t != 11 and i % 5:
                        continue
                    f = _icmp4(t, c, word, qq + ex)
                    out.append((f, len(f)))
                    if t == 11 and qlen == 28 and lf in (0, 32) and i < 15:
                        for cut in range(len(f) - len(ex) - 8, len(f), 4):
                            out.append((f[:cut], len(f)))
    for ex in exts:
        f = _icmp4(42, 0, bytes([0x12, 0x34, 1, 1]), ex)
        out.append((f, len(f)))
        if ex:
            out.append((f[:len(f) - 1], len(f)))
    return out

def _icmp6(t, c, body, src=bytes.fromhex('20010db80000000000000000000000fe'), dst=G11):
    m = bytes([t, c, 0, 0]) + body
    return _e6(58, m, src, dst)[:54 + len(m)]

def _udp6_quote(n):
    udp = struct.pack('!HHHH', 40000, 33434, 8 + n, 0) + bytes(n)
    return struct.pack('!IHBB', 0x60000000, len(udp), 17, 1) + G11 + G13 + udp

def icmpv6_types():
    """ICMPv6 errors with RFC 4884's length (types 1 and 3; 2 and 4 have none) of 0, the quote's or more, with
    and without extension structures, cut at every byte past the quoted header; informational types other than
    echo, MLD and ND (inverse ND, home agent and mobile prefix discovery, multicast router discovery, locator
    update, extended echo, mobile prefix advertisement, unassigned and private types) with bodies of 0 to 28 bytes;
    locator updates of 0 to 4 locators with room for 2 and a half; extended echo codes."""
    out = []
    exts = _ext_objects()
    for t in (1, 3, 2, 4):
        for qlen in (48, 128, 136):
            q = _udp6_quote(qlen - 48)
            for lf in (0, 16, qlen // 8, 17):
                for i, ex in enumerate(exts):
                    if i % 7 and t != 3:
                        continue
                    f = _icmp6(t, 0, bytes([lf, 0, 0, 0]) + q + ex)
                    out.append((f, len(f)))
                    if t == 3 and qlen == 48 and lf in (0, 6) and i < 15:
                        for cut in range(54 + 8 + 40, len(f)):
                            out.append((f[:cut], len(f)))
    for t in (0, 5, 100, 101, 127, 141, 142, 144, 145, 146, 147, 151, 152, 153, 156, 160, 161, 162, 200, 201, 255):
        for n in range(0, 29):
            body = (bytes(4) + bytes.fromhex('01010242ac1c000b') + bytes(16))[:n]
            f = _icmp6(t, 0, body)
            out.append((f, len(f)))
            if n > 5:
                out.append((f[:len(f) - 2], len(f)))
    for n in range(0, 5):
        for cut in (0, 3, 7):
            f = _icmp6(156, 0, struct.pack('!BBH', n, 1, 0) + bytes(12 * min(n, 2) + 4))
            out.append((f[:len(f) - cut], len(f)))
    for t in (160, 161):
        for c in list(range(0, 8)) + [128, 255]:
            f = _icmp6(t, c, bytes(4))
            out.append((f, len(f)))
    for ex in exts:
        f = _icmp6(160, 0, bytes([0x12, 0x34, 1, 1]) + ex)
        out.append((f, len(f)))
    return out

def gre():
    """GRE (packet-gre.c) over IPv4 and IPv6: every flag (checksum, routing with source route entries, key,
    sequence, PPTP's acknowledgment), versions 0 and 1, protocol types with and without dissectors (IPv4 with ICMP,
    IPv6, ARP, transparent Ethernet bridging as OVS's GRE ports send it, WCCP, PPP, ERSPAN, keepalive, unknown),
    an empty payload, each frame cut at every byte of its GRE header and the first bytes after it."""
    out = []
    inner4 = ipv4(1, bytes.fromhex('0800f7ff0001000148656c6c6f'), (192, 168, 1, 1), (192, 168, 2, 2))
    inner6 = struct.pack('!IHBB', 0x60000000, 8, 58, 64) + G11 + G13 + bytes.fromhex('8000000000010001')
    arp = bytes.fromhex('0001080006040001') + bytes.fromhex('0242ac1c000b') + bytes([10, 0, 0, 1]) + bytes(6) \
        + bytes([10, 0, 0, 2])
    teb = bytes.fromhex('ffffffffffff0242ac1c000b0806') + arp
    payloads = [(0x0800, inner4), (0x86dd, inner6), (0x0806, arp), (0x6558, teb), (0x883e, inner4),
                (0x883e, bytes(4) + inner4), (0x880b, bytes.fromhex('ff030021') + inner4), (0x88be, bytes(8) + teb),
                (0x0000, b''), (0x1234, b'\1\2\3\4'), (0x0800, b''), (0x9000, b'ab'), (0xfeae, b'xy'),
                (0x6558, teb[:10]), (0x0800, bytes.fromhex('4f000014'))]
    flagsets = [0x0000, 0x8000, 0x2000, 0x1000, 0xb000, 0x4000, 0xc000, 0x3001, 0x3081, 0x2001, 0x0001, 0x0080]
    for ftype, payload in payloads:
        for fl in flagsets:
            h = struct.pack('!HH', fl, ftype)
            if fl & 0xc000:
                h += struct.pack('!HH', 0, 0)
            if fl & 0x2000:
                h += struct.pack('!I', 0x00400017)
            if fl & 0x1000:
                h += struct.pack('!I', 7)
            if fl & 0x0080 and fl & 7:
                h += struct.pack('!I', 6)
            if fl & 0x4000:
                h += struct.pack('!HBB', 0x0800, 0, 4) + bytes([10, 0, 0, 9]) + struct.pack('!HBB', 0, 0, 0)
            g = h + payload
            for v6 in (False, True):
                if v6 and fl not in (0, 0x2000):
                    continue
                f = _e6(47, g)[:54 + len(g)] if v6 else bytes.fromhex('0242ac1c000d0242ac1c000b0800') + ipv4(
                    47, g, (172, 28, 0, 11), (172, 28, 0, 13))
                out.append((f, len(f)))
                if not v6 and fl in (0, 0xb000, 0x4000, 0x3081):
                    start = 34
                    for cut in range(start, min(len(f), start + len(h) + 24)):
                        out.append((f[:cut], len(f)))
    # a source route entry running past the packet, a length past the frame
    g = struct.pack('!HH', 0x4000, 0x0800) + bytes(4) + struct.pack('!HBB', 0x0800, 0, 40) + bytes(8)
    f = bytes.fromhex('0242ac1c000d0242ac1c000b0800') + ipv4(47, g)
    out.append((f, len(f)))
    return out

def vrrp():
    """VRRP (packet-vrrp.c) as keepalived sends it and otherwise: versions 1 to 4 and 15, types 0, 1, 2 and 15, 0 to
    2 addresses, authentication types 0 to 3 with 8 bytes of data, address counts past the packet, 0 to 7 bytes of
    header, over IPv6; cut at every byte or near the end."""
    out = []

    def v4(payload):
        return bytes.fromhex('01005e0000120242ac1c000b0800') + ipv4(112, payload, (10, 0, 0, 1), (224, 0, 0, 18))

    def v6(payload):
        return _e6(112, payload, LL11, bytes.fromhex('ff020000000000000000000000000012'),
                   dmac='333300000012')[:54 + len(payload)]

    for ver in (2, 3, 1, 4, 15):
        for typ in (1, 2, 0, 15):
            for cnt in (0, 1, 2):
                addrs = b''.join(bytes((10, 0, 0, 100 + i)) for i in range(cnt))
                pl = bytes([(ver << 4) | typ, 7, 100, cnt]) + (bytes([1, 1]) if ver == 2 else struct.pack('!H', 100)) \
                    + b'\0\0' + addrs + (b'secret\0\0' if ver == 2 else b'')
                f = v4(pl)
                out.append((f, len(f)))
                if ver in (2, 3) and typ == 1 and cnt == 2:
                    for cut in range(34, len(f)):
                        out.append((f[:cut], len(f)))
    for auth in (0, 1, 2, 3):
        f = v4(bytes([0x21, 7, 100, 1, auth, 1, 0, 0]) + bytes((10, 0, 0, 100)) + b'abcdefgh')
        for cut in (0, 1, 4, 7, 8, 9):
            out.append((f[:len(f) - cut], len(f)))
    for ver, cnt, n in ((2, 3, 1), (2, 3, 2), (3, 3, 1), (2, 1, 0), (3, 1, 0), (2, 0, 0), (3, 0, 0)):
        f = v4(bytes([(ver << 4) | 1, 7, 100, cnt, 1 if ver == 2 else 0, 1, 0, 0]) + bytes(4 * n)
               + (b'pw' if ver == 2 else b''))
        out.append((f, len(f)))
    for ver in (2, 3):
        for cnt in (0, 1, 2):
            pl = bytes([(ver << 4) | 1, 7, 100, cnt, 0, 1, 0, 0]) + bytes(16 * cnt)
            f = v6(pl)
            out.append((f, len(f)))
            for cut in (1, 8, 17):
                if cut < len(pl):
                    out.append((f[:len(f) - cut], len(f)))
    for n in range(0, 8):
        f = v4(bytes([0x31, 7, 100, 0, 0, 1, 0, 0])[:n])
        out.append((f, len(f)))
    return out

def ipip():
    """IP in IP (protocols 4 and 41) over IPv4 and IPv6: IPv4 and IPv6 inside each, a bogus version, nothing inside;
    cut every third byte of the inner packet."""
    out = []
    inner4 = ipv4(1, bytes.fromhex('0800f7ff00010001'), (192, 168, 1, 1), (192, 168, 2, 2))
    inner6 = struct.pack('!IHBB', 0x60000000, 8, 58, 64) + G11 + G13 + bytes.fromhex('8000000000010001')
    for proto, inner in ((4, inner4), (41, inner6), (4, inner6), (41, inner4), (4, bytes.fromhex('0f000000')),
                         (41, bytes(8)), (4, b''), (41, b'')):
        f = bytes.fromhex('0242ac1c000d0242ac1c000b0800') + ipv4(proto, inner)
        f = f + bytes(max(0, 60 - len(f)))
        out.append((f, len(f)))
        for cut in range(34, len(f), 3):
            out.append((f[:cut], len(f)))
        f6 = _e6(proto, inner, G13, G11)[:54 + len(inner)]
        out.append((f6, len(f6)))
    return out

def _udp6(sport, dport, m, src=LL11, dst=bytes.fromhex('ff020000000000000000000000000066'), dmac='333300000066'):
    u = struct.pack('!HHHH', sport, dport, 8 + len(m), 0) + m
    u = u[:6] + struct.pack('!H', _l4v6(17, u, src, dst) or 0xffff) + u[8:]
    return _e6(17, u, src, dst, dmac=dmac)[:54 + len(u)] if 54 + len(u) >= 60 else _e6(17, u, src, dst, dmac=dmac)

def hsrp():
    """HSRP (packet-hsrp.c) on UDP 1985 and 2029: version 0 hellos, coups, resigns and advertisements of every state
    to 224.0.0.2, unknown opcodes, 50-byte packets with and without the MD5 TLV; version 2 TLV chains to 224.0.0.102
    and over IPv6 to port 2029 (group state, interface state, text and MD5 authentication, unknown and mislengthed
    TLVs); the same to other addresses and from the port; cut at every byte."""
    out = []
    def v4(m, dst=(224, 0, 0, 2), sport=1985, dport=1985):
        return udp_frame(sport, dport, m, dst)
    hello = bytes([0, 0, 16, 3, 10, 100, 1, 0]) + b'cisco\0\0\0' + bytes((10, 0, 0, 254))
    for op in (0, 1, 2, 3, 4, 255):
        for st in (0, 1, 2, 4, 8, 16, 3):
            m = bytes([0, op, st]) + hello[3:] if op != 3 else bytes([0, 3, 0, 1, 0, 12, st, 0, 0, 2, 0, 1, 0, 0, 0, 0])
            f = v4(m)
            out.append((f, len(f)))
    for m in (hello + bytes([4, 28, 1, 0, 0, 0, 10, 0, 0, 1, 0, 0, 0, 7]) + bytes(16),
              hello + bytes([5, 28]) + bytes(28), bytes([0, 3, 0, 1, 0, 12, 3, 0, 0, 2, 0, 1, 0, 0, 0, 0]) + bytes(34),
              bytes([0, 9]) + bytes(48), hello[:8] + b'Cisco123' + bytes(4), hello[:8] + b'ciscoXYZ' + bytes(4)):
        f = v4(m)
        out.append((f, len(f)))
    for op in (0, 3, 7):
        m = hello if op == 0 else bytes([0, 3, 0, 1, 0, 12, 2, 0, 0, 2, 0, 1, 0, 0, 0, 0]) if op == 3 else bytes([0, 7, 1])
        f = v4(m)
        for cut in range(42, len(f)):
            out.append((f[:cut], len(f)))
        for n in range(0, len(m)):
            g = v4(m[:n])
            out.append((g, len(g)))
    for dst, sport, dport in (((10, 0, 0, 2), 1985, 1985), ((224, 0, 0, 2), 1985, 5000), ((224, 0, 0, 2), 5000, 1985),
                              ((224, 0, 0, 2), 2029, 2029), ((224, 0, 0, 102), 1985, 2029)):
        f = v4(hello, dst, sport, dport)
        out.append((f, len(f)))
    def group(op=0, st=6, ipver=4, vip=bytes((10, 0, 0, 254)), ln=40):
        b = bytes([2, op, st, ipver]) + struct.pack('!H', 1) + bytes.fromhex('0242ac1c000b') + struct.pack('!III', 100, 3000, 10000) + vip.ljust(16, b'\0')
        return bytes([1, ln]) + b
    iface = bytes([2, 4, 0, 3, 0, 1])
    text = bytes([3, 8]) + b'cisco\0\0\0'
    md5 = bytes([4, 28, 1, 0, 0, 0, 10, 0, 0, 1, 0, 0, 0, 7]) + bytes(16)
    chains = [group(), group(op=1, st=5), group(op=2, st=0), group(op=9, st=7), group(ipver=6, vip=bytes.fromhex('fe800000000000000000000000000001')),
              group(ipver=5), group() + text, group() + md5, text + group(), iface, iface + group(), group() + iface,
              bytes([5, 2, 0, 0]) + group(), group(ln=38), group(ln=42) + iface, bytes([1, 40]), bytes([2, 4, 0, 1]),
              bytes([9]), group() + bytes([3]), text, md5, group(op=1) + group(op=2, st=4), b'']
    for m in chains:
        f = v4(m, (224, 0, 0, 102))
        out.append((f, len(f)))
        f6 = _udp6(2029, 2029, m)
        out.append((f6, len(f6)))
    f = v4(group() + iface, (224, 0, 0, 102))
    for cut in range(42, len(f)):
        out.append((f[:cut], len(f)))
    f6 = _udp6(1985, 1985, group())
    out.append((f6, len(f6)))
    f6 = _udp6(2029, 2029, hello, dst=LL11)
    out.append((f6, len(f6)))
    return out

def dhcpv6():
    """DHCPv6 (packet-dhcpv6.c) on UDP 546 and 547: dnsmasq's and ISC's exchanges (solicit to reply with client and
    server identifiers of each DUID type, IA_NA, IA_TA and IA_PD with addresses, prefixes and status codes, option
    requests, elapsed time, rapid commit, DNS servers), relay-forward and relay-reply around them, every message type
    0 to 40, options of types 0 to 149 with 0 to 40 bytes of data at the end and before others, identifiers longer
    than 36 bytes, options longer than the message, nested options that do not fit; cut at every byte."""
    out = []
    def opt(c, d):
        return struct.pack('!HH', c, len(d)) + d
    def f(m, sp=546, dp=547, dst=bytes.fromhex('ff020000000000000000000000010002'), dmac='333300010002'):
        return _udp6(sp, dp, m, LL11, dst, dmac=dmac)
    def add(m, cuts=False, **kw):
        x = f(m, **kw)
        out.append((x, len(x)))
        if cuts:
            for cut in range(62, len(x)):
                out.append((x[:cut], len(x)))
    cid = opt(1, bytes.fromhex('000100012a2b3c4d0242ac1c000b'))
    sid = opt(2, bytes.fromhex('000300010242ac1c0001'))
    addr = bytes.fromhex('20010db8000000000000000000000100')
    iaaddr = opt(5, addr + struct.pack('!II', 3600, 7200))
    ia_na = opt(3, struct.pack('!III', 0x0b, 1800, 2880) + iaaddr)
    ia_pd = opt(25, struct.pack('!III', 0x0c, 0, 0) + opt(26, struct.pack('!IIB', 3600, 7200, 56) + bytes.fromhex('20010db8aa0000000000000000000000')))
    oro = opt(6, struct.pack('!HHHH', 23, 24, 82, 83))
    el = opt(8, b'\0\0')
    dns = opt(23, bytes.fromhex('20010db8000000000000000000000053'))
    status = opt(13, struct.pack('!H', 2) + b'no addresses')
    msgs = [bytes([1, 0x5a, 0x1c, 0x39]) + cid + ia_na + oro + el, bytes([2, 0x5a, 0x1c, 0x39]) + sid + cid + ia_na + dns,
            bytes([3, 0x5a, 0x1c, 0x3a]) + cid + sid + ia_na + oro + el, bytes([7, 0x5a, 0x1c, 0x3a]) + sid + cid + ia_na + dns,
            bytes([5, 0, 0, 9]) + cid + sid + ia_pd + el, bytes([11, 1, 2, 3]) + cid + oro + el,
            bytes([7, 0, 0, 9]) + sid + cid + opt(3, struct.pack('!III', 0x0b, 0, 0) + status),
            bytes([1, 0, 0, 10]) + cid + opt(14, b'') + opt(4, struct.pack('!I', 7) + iaaddr) + el,
            bytes([8, 0, 0, 11]) + cid + sid + ia_na, bytes([10, 0, 0, 12]) + sid + cid + opt(19, bytes([5])),
            bytes([12, 0]) + addr + LL11 + opt(18, b'eth0') + opt(9, bytes([1, 0x5a, 0x1c, 0x39]) + cid + ia_na),
            bytes([13, 0]) + addr + LL11 + opt(18, b'eth0') + opt(9, bytes([7, 0x5a, 0x1c, 0x39]) + sid + cid + ia_na),
            bytes([12, 1]) + addr + LL11 + opt(9, bytes([12, 0]) + addr + LL11 + opt(9, bytes([1, 0, 0, 1]) + cid)),
            bytes([1, 0, 0, 1]) + opt(1, bytes(range(40))), bytes([1, 0, 0, 1]) + opt(1, bytes(36)),
            bytes([1, 0, 0, 1]) + opt(3, struct.pack('!III', 1, 0, 0) + opt(5, bytes(30))) + cid,
            bytes([1, 0, 0, 1]) + opt(3, struct.pack('!III', 1, 0, 0) + cid + opt(1, b'\1\2')),
            bytes([12, 0]) + bytes(16), bytes([12, 0]) + bytes(33), bytes([13]), bytes([1, 0]), b'',
            bytes([1, 0, 0, 1]) + opt(9, b'') + cid, bytes([1, 0, 0, 1]) + opt(9, bytes([3, 0, 0, 2]) + cid) + cid,
            bytes([1, 0, 0, 1]) + struct.pack('!HH', 1, 100) + bytes(10), bytes([1, 0, 0, 1, 0, 1, 0])]
    for m in msgs:
        add(m)
        add(m, sp=547, dp=546, dst=LL11, dmac='0242ac1c000b')
    for m in msgs[:4] + msgs[10:11]:
        add(m, cuts=True)
    for t in range(0, 41):
        add(bytes([t, 1, 2, 3]) + bytes(34) + cid)
    for t in range(0, 150):
        for n in (0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 25, 28, 40):
            if t in (15, 16, 17, 21, 24, 29, 30, 33, 39, 43, 56, 64, 89, 91, 92, 117, 118):
                continue
            for tail in (b'', cid):
                add(bytes([1, 0, 0, 1]) + opt(t, bytes(range(1, n + 1))) + tail)
    return out

def ipv6_routing():
    """IPv6 routing headers (packet-ipv6.c's dissect_routing6()): types 0, 2, 3, 4, 5, 253, 254 and 255 with 0 to 3
    segments left before an echo request and a UDP datagram, headers longer and shorter than their addresses, past
    the packet, empty, behind hop-by-hop options, before destination options, a fragment header and a second routing
    header; types 0, 2 and 4 cut at every byte."""
    A = [bytes.fromhex('20010db80000000000000000000000%02x' % i) for i in range(0x20, 0x28)]
    def echo(src, dst):
        m = bytes.fromhex('80000000abcd0001') + b'ping'
        return m[:2] + struct.pack('!H', _l4v6(58, m, src, dst)) + m[4:]
    def rh(nxt, typ, segleft, data, hlen=None):
        body = bytes([typ, segleft]) + data
        n = (len(body) + 2 + 7) // 8 * 8
        body = body.ljust(n - 2, b'\0')
        return bytes([nxt, (n // 8 - 1) if hlen is None else hlen]) + body
    out = []
    def add(pl, nh=43, src=G11, dst=A[0], cuts=False):
        f = _e6(nh, pl, src, dst)[:54 + len(pl)] if 54 + len(pl) >= 60 else _e6(nh, pl, src, dst)
        out.append((f, len(f)))
        if cuts:
            for c in range(54, len(f)):
                out.append((f[:c], len(f)))
    e = echo(G11, A[2])
    for typ in (0, 2, 3, 4, 5, 253, 254, 255):
        for sl in (0, 1, 2, 3):
            if typ == 0: d = b'\0\0\0\0' + A[1] + A[2]
            elif typ == 2: d = b'\0\0\0\0' + A[1]
            elif typ == 3: d = bytes([0x88, 0x30, 0, 0]) + A[1][8:] + A[2][8:]
            elif typ == 4: d = bytes([1, 1, 0, 0]) + A[2] + A[1]
            else: d = bytes(6)
            add(rh(58, typ, sl, d) + e, cuts=(sl == 1 and typ in (0, 2, 4)))
            add(rh(17, typ, sl, d) + struct.pack('!HHHH', 5000, 53, 12, 0) + b'abcd')
    add(rh(58, 0, 1, b'\0\0\0\0' + A[1], hlen=4) + e)
    add(rh(58, 0, 1, b'\0\0\0\0' + A[1], hlen=1) + e)
    add(rh(58, 0, 1, b'\0\0\0\0' + A[1], hlen=3) + e)
    add(rh(58, 2, 1, b'\0\0\0\0' + A[1], hlen=4) + e)
    add(rh(58, 4, 1, bytes([3, 1, 0, 0]) + A[1], hlen=2) + e)
    add(rh(58, 4, 5, bytes([1, 1, 0, 0]) + A[2] + A[1]) + e)
    add(rh(58, 4, 1, bytes([1, 1, 0x10, 0]) + A[2] + A[1] + bytes([1, 2, 0, 0])) + e)
    add(rh(58, 0, 1, b''))
    add(rh(59, 0, 0, b'\0\0\0\0'))
    add(bytes([43, 0]) + bytes(6) + rh(58, 0, 1, b'\0\0\0\0' + A[1]) + e, nh=0)
    add(rh(60, 0, 1, b'\0\0\0\0' + A[1]) + bytes([58, 0, 1, 4, 0, 0, 0, 0]) + e)
    add(rh(44, 0, 1, b'\0\0\0\0' + A[1]) + bytes([58, 0, 0, 0, 0, 0, 0, 1]) + e)
    add(rh(43, 0, 1, b'\0\0\0\0' + A[1]) + rh(58, 2, 1, b'\0\0\0\0' + A[2]) + e)
    return out

def icmpv6_nodeinfo():
    """ICMPv6 node information (RFC 4620, ping -N; packet-icmpv6.c's dissect_nodeinfo()): queries of every subject
    code and query type, replies of every code with node names, IPv6 and IPv4 addresses, short and empty data,
    names with pointers, several names and padding; cut inside the header, the nonce and the data, and at every
    byte of a node name reply."""
    out = []
    def ic(t, c, body, src=G11, dst=G13):
        m = bytes([t, c, 0, 0]) + body
        m = m[:2] + struct.pack('!H', _l4v6(58, m, src, dst)) + m[4:]
        f = _e6(58, m, src, dst)
        f = f[:54 + len(m)] if 54 + len(m) >= 60 else f
        return f
    nonce = bytes.fromhex('0102030405060708')
    name = b'\x05host1\x03lab\x00\x00'
    for t, c, qt, fl, data in [
        (139, 0, 2, 0, G13), (139, 1, 2, 0, name), (139, 2, 2, 0, bytes([10,0,0,2])), (139, 0, 0, 0, G13), (139, 0, 1, 0, G13),
        (139, 0, 3, 0x3e, G13), (139, 0, 4, 0x02, G13), (139, 1, 3, 0, b'\x05host1\x00'), (139, 3, 2, 0, b''), (139, 0, 9, 0, b''),
        (140, 0, 2, 0, b'\0\0\0\x3c' + name), (140, 0, 3, 0, b'\0\0\0\x3c' + G13 + b'\0\0\0\x3c' + G11), (140, 0, 4, 0, b'\0\0\0\x3c' + bytes([10,0,0,2])),
        (140, 1, 2, 0, b''), (140, 2, 2, 0, b''), (140, 0, 1, 0, b'\0\0\0\x07'), (140, 0, 0, 0, b''), (140, 3, 2, 0, b''),
        (139, 0, 2, 0, b''), (139, 0, 2, 0, G13[:8])]:
        f = ic(t, c, struct.pack('!HH', qt, fl) + nonce + data)
        out.append((f, len(f)))
        for cut in (54+4, 54+6, 54+9, 54+16, 54+20):
            if cut < len(f): out.append((f[:cut], len(f)))
    for n in range(0, 16):
        f = ic(139, 0, (struct.pack('!HH', 2, 0) + nonce)[:n])
        out.append((f, len(f)))
    for data in (b'\0\0\0\x3c' + b'\x05host1\x03lab\x00' + b'\x05host2\xc0\x16' + b'\0\0\0',
                 b'\0\0\0\x3c' + b'\x05host1\x03lab', b'\0\0\0\x3c\x40\x01', b'\0\0\0\x3c\x05ho',
                 b'\0\0\0\x3c' + bytes(8), b'\0\0\0\x3c' + G13 + b'\0\0'):
        for qt in (2, 3, 4):
            f = ic(140, 0, struct.pack('!HH', qt, 0) + nonce + data)
            out.append((f, len(f)))
    f = ic(140, 0, struct.pack('!HH', 2, 0) + nonce + b'\0\0\0\x3c' + b'\x05host1\x03lab\x00\x05host2\x00')
    for cut in range(54, len(f)):
        out.append((f[:cut], len(f)))
    for name in (b'\x05host1\x03lab\x00', b'\x05host1', b'\xc0\x10', b'\x00', b'\x05host1\x00\x00\x00'):
        f = ic(139, 1, struct.pack('!HH', 2, 0) + nonce + name)
        out.append((f, len(f)))
    return out

def cdp():
    """CDP (packet-cdp.c) over SNAP with the Cisco OUI: a switch's and lldpd's announcements, device and port IDs
    padded with NULs, with odd bytes, empty, longer than the message, a port ID whose length leaves out the header,
    address TLVs with one to three addresses and cut inside one, IP prefixes and the ODR gateway, power, spare pair
    PoE and capabilities TLVs short and whole, unknown TLVs, a TLV under 4 bytes, no TLV, version 1, a bad checksum;
    the first two cut at every byte."""
    def tlv(t, d, ln=None): return struct.pack('!HH', t, 4 + len(d) if ln is None else ln) + d
    def cks(b):
        # CDP's checksum as Cisco computes it (a plain Internet checksum is close enough for the summary)
        return _csum(b)
    def cdp(tlvs, ver=2, ttl=180, fix=True):
        body = bytes([ver, ttl, 0, 0]) + b''.join(tlvs)
        if fix:
            c = cks(body)
            body = body[:2] + struct.pack('!H', c) + body[4:]
        llc = bytes([0xaa, 0xaa, 0x03, 0, 0, 0x0c, 0x20, 0x00]) + body
        f = bytes.fromhex('01000ccccccc') + bytes.fromhex('0242ac1c000b') + struct.pack('!H', len(llc)) + llc
        return f + bytes(max(0, 60 - len(f)))
    addr = struct.pack('!I', 1) + bytes([1, 1, 0xcc]) + struct.pack('!H', 4) + bytes([172, 28, 0, 11])
    addr6 = struct.pack('!I', 2) + bytes([1, 1, 0xcc]) + struct.pack('!H', 4) + bytes([172, 28, 0, 11]) + bytes([2, 8]) + bytes.fromhex('aaaa0300000086dd') + struct.pack('!H', 16) + bytes(16)
    std = [tlv(1, b'sw1.lab'), tlv(2, addr), tlv(3, b'GigabitEthernet0/1'), tlv(4, struct.pack('!I', 0x28)), tlv(5, b'Cisco IOS Software\nVersion 15.2'),
           tlv(6, b'cisco WS-C2960'), tlv(9, b''), tlv(0xa, b'\0\1'), tlv(0xb, b'\1'), tlv(0x16, addr), tlv(0x12, b'\0'), tlv(0x13, b'\0')]
    out = []
    frames = [cdp(std), cdp([tlv(1, b'lldpd-host'), tlv(3, b'eth0'), tlv(4, struct.pack('!I', 0x08)), tlv(5, b'Linux 6.1'), tlv(6, b'Linux'), tlv(2, addr)]),
      cdp([tlv(1, b'h\0\0pad'), tlv(3, b'e0\0')]), cdp([tlv(1, b'\x01\xff\xc3\xa9x')]), cdp([tlv(1, b'')]), cdp([tlv(1, b'a', ln=2)]),
      cdp([tlv(1, b'abc', ln=40)]), cdp([tlv(3, b'eth0', ln=7) + b'\x01\x02\x03\x04\x05']), cdp([tlv(3, b'eth0') + b'\x00\x01']),
      cdp([tlv(2, addr6)]), cdp([tlv(2, struct.pack('!I', 3) + bytes([1, 1, 0xcc, 0, 4, 10, 0, 0, 1, 1]))]),
      cdp([tlv(2, struct.pack('!I', 1) + bytes([1, 5, 0xcc]))]), cdp([tlv(0x16, struct.pack('!I', 1) + bytes([2, 1, 0xcc, 0, 9, 1]))]),
      cdp([tlv(2, b'\0\0')]), cdp([tlv(7, bytes([10, 0, 0, 0, 8, 10, 1, 0, 0, 16]))]), cdp([tlv(7, bytes([10, 0, 0, 1]))]), cdp([tlv(7, bytes([10, 0, 0, 0, 8, 1]))]),
      cdp([tlv(0x19, struct.pack('!HHII', 1, 2, 15400, 7000))]), cdp([tlv(0x1a, struct.pack('!HHII', 1, 2, 15400, 7000))]), cdp([tlv(0x19, b'', ln=4)]),
      cdp([tlv(0x19, struct.pack('!HHI', 1, 2, 1) + b'\0\0')]), cdp([tlv(0x1f, b'\x0f')]), cdp([tlv(0x1f, b'')]), cdp([tlv(4, b'\0\0')]),
      cdp([tlv(0x99, b'xyz'), tlv(1, b'after')]), cdp([tlv(1, b'x'), b'\0\1\0\2', tlv(1, b'y')]), cdp([]), cdp([tlv(1, b'sw')], ver=1), cdp(std, fix=False)]
    for f in frames:
        out.append((f, len(f)))
    for f in frames[:2]:
        for c in range(14, len(f)):
            out.append((f[:c], len(f)))
    # TLV lengths the guint16 arithmetic wraps: address TLVs under 8 bytes, IP prefixes not a multiple of 5
    for b in ('0002000600000002000900000001010002001100000002010101cc0004ac1c00010016000f000000010101cc0004ac1c',
              '000200060000', '0002000600000002000900000001', '0002000800000001' + '00', '0002000800000000' + '000100066100',
              '0016000700000000010006616263', '0007000a0a000000080a01', '0007000a0a0000000801' + '000100066100',
              '0002000c000000010102cc00', '0002000d000000010101cc0004', '0002000a0000000101' + '01'):
        f = cdp([bytes.fromhex(b)], fix=False)
        out.append((f, len(f)))
    return out

def hipercontracer():
    """The HiPerConTracer heuristic (packet-hipercontracer.c) on ICMP and ICMPv6 echo data: its probes (magic, send
    TTL, round, checksum tweak, send time stamp), time stamps at and past the bounds of 2016 and 2099, a send TTL of
    0, 15 and 16 bytes of data, Linux ping's data, requests with their replies; cut inside the data."""
    out = []
    base = 212803200000000
    def data(ttl, rnd, us, extra=b''):
        return struct.pack('!IBBHQ', 0x5a5a1234, ttl, rnd, 0xbeef, (us - base) % (1 << 64)) + extra
    lo, hi = 1451602800000000, 4102441199999999
    payloads = [data(1, 0, lo), data(63, 124, 1700000000000000), data(255, 255, hi), data(1, 0, lo - 1), data(1, 0, hi + 1),
                data(0, 1, 1700000000000000), data(5, 2, 1700000000000000)[:15], data(5, 2, 1700000000000000, b'pad' * 5),
                struct.pack('<QQ', 1700000000, 123456) + bytes(range(16, 56)), bytes(16), data(9, 9, 0)]
    for i, pl in enumerate(payloads):
        for t in (8, 0):
            m = bytes([t, 0, 0, 0]) + struct.pack('!HH', 0x0928, i) + pl
            m = m[:2] + struct.pack('!H', _csum(m)) + m[4:]
            f = bytes.fromhex('0242ac1c000d0242ac1c000b0800') + ipv4(1, m)
            f = f + bytes(max(0, 60 - len(f)))
            out.append((f, len(f)))
        m6 = bytes([128, 0, 0, 0]) + struct.pack('!HH', 0x0929, i) + pl
        m6 = m6[:2] + struct.pack('!H', _l4v6(58, m6, G11, G13)) + m6[4:]
        f6 = _e6(58, m6, G11, G13)[:54 + len(m6)]
        out.append((f6, len(f6)))
        if i == 1:
            for cut in range(42, 42 + 8 + 17):
                out.append((f[:cut], len(f)))
    return out

def dhcpv6_domains():
    """DHCPv6 domain fields (packet-dhcpv6.c's dhcpv6_domain()) in the SIP, search list, NIS, NIS+, BCMCS, AFTR and
    client FQDN options: names whole, several, partial, after a full one, root only, empty, a label past the field,
    a length byte over 63, names over 255 bytes, labels of 63; at the end of the message and before a client ID."""
    out = []
    def opt(c, d):
        return struct.pack('!HH', c, len(d)) + d
    def name(*labels):
        return b''.join(bytes([len(l)]) + l for l in labels) + b'\0'
    cid = opt(1, bytes.fromhex('000100012a2b3c4d0242ac1c000b'))
    fields = [name(b'lab', b'example'), name(b'lab', b'example') + name(b'example', b'org'), name(b'com'),
              name(b'com') + name(b'lab', b'example'), b'\x04host', b'\x04host\x03lab', name(b'lab') + b'\x04host',
              b'\0', b'', b'\x05ab', b'\x40' + b'a' * 10, name(*([b'a' * 63] * 4)), name(*([b'b' * 60] * 5)),
              name(*([b'c' * 63] * 3)) + b'\x3fc' + b'c' * 62, b'\x03abc\x00\x05', b'\x01a\x01b\x01c',
              name(b'x' * 63), b'\x02ab\xc0\x0c']
    for code in (24, 21, 29, 30, 33, 64, 39):
        for fld in fields:
            body = (b'\x01' + fld) if code == 39 else fld
            for tail in (b'', cid):
                m = bytes([7, 0, 0, 1]) + opt(code, body) + tail
                f = _udp6(547, 546, m, LL11, LL11, dmac='0242ac1c000b')
                out.append((f, len(f)))
    m = bytes([7, 0, 0, 1]) + opt(39, b'') + cid
    f = _udp6(547, 546, m, LL11, LL11, dmac='0242ac1c000b')
    out.append((f, len(f)))
    # the client FQDN and a search list in a relay's own options and in the message it relays (seed 35062)
    auth = bytes.fromhex('000b000b0001000000000000000035')
    for fld in (b'\x10\x49\x3c', b'\0', name(b'lab'), b'\x04host'):
        for flags in (0x01, 0xb5):
            for m in (bytes([12, 2]) + bytes(32) + auth + opt(39, bytes([flags]) + fld),
                      bytes([13, 0]) + bytes(32) + opt(39, bytes([flags]) + fld),
                      bytes([12, 0]) + bytes(32) + opt(9, bytes([7, 0, 0, 1]) + opt(39, bytes([flags]) + fld)),
                      bytes([13, 0]) + bytes(32) + opt(24, fld), bytes([12, 1]) + bytes(32) + opt(9, bytes([12, 0]) +
                      bytes(32) + opt(9, bytes([7, 0, 0, 1]) + opt(24, fld) + opt(39, bytes([flags]) + fld)))):
                f = _udp6(547, 546, m, LL11, LL11, dmac='0242ac1c000b')
                out.append((f, len(f)))
    return out

def _udp4f(sport, dport, payload):
    """An Ethernet frame with an IPv4 UDP datagram (no UDP checksum), padded to 60 bytes."""
    f = bytes.fromhex('0242ac1c000d0242ac1c000b0800') + ipv4(17, struct.pack('!HHHH', sport, dport, 8 + len(payload), 0)
                                                         + payload)
    return f + bytes(max(0, 60 - len(f)))

_PING4 = ipv4(1, bytes.fromhex('0800f7ff00010001') + b'abcdefgh', (192, 168, 1, 1), (192, 168, 2, 2))
_PING6 = struct.pack('!IHBB', 0x60000000, 8, 58, 64) + G11 + G13 + bytes.fromhex('8000000000010001')
_ARPF = ARP

def _lse(label, s=False, ttl=64, tc=0):
    return struct.pack('!I', (label << 12) | (tc << 9) | (0x100 if s else 0) | ttl)

def mpls():
    """MPLS (packet-mpls.c) in UDP 6635, over ethertype 0x8847, GRE and IP protocol 137: every reserved label at the bottom of 1 to 3
    labels with IPv4, IPv6, control words before Ethernet frames whose OUIs manuf names or not, plain Ethernet, the
    associated channel header with IPv4, IPv6 and other channel types, GAL, Y.1711 function types and lengths, every
    first nibble, stacks without a bottom; cut at every byte of a few."""
    out = []
    known = bytes.fromhex('001b21112233000c29445566')     # Intel, VMware
    local = bytes.fromhex('0242ac1c000d0242ac1c000b')
    mixed = bytes.fromhex('001b211122330242ac1c000b')
    payloads = [_PING4, _PING6, b'\0\0\0\0' + local + b'\x08\x00' + _PING4, b'\0\0\0\x07' + known + b'\x08\x06' + _ARPF[14:],
                known + b'\x08\x00' + _PING4, mixed + b'\x08\x00' + _PING4, b'\0\0\0\0' + known + b'\x86\xdd' + _PING6,
                b'\x10\x00\x00\x21' + _PING4, b'\x10\x00\x00\x57' + _PING6, b'\x10\x00\x7f\xfa' + bytes(8),
                b'\x10\x00\x00\x00', b'\x10\x00', b'\x00\x00', b'\x00\x00\x00\x00\x45' + bytes(3),
                bytes([0x20]) + bytes(11), bytes([0x50]) + bytes(11), bytes([0xf0]) + bytes(11), b'\x45', b'\x60\x00',
                bytes(20)]
    for pl in payloads:
        for stack in ([_lse(24001, True)], [_lse(16001), _lse(24001, True)], [_lse(0, True)], [_lse(2, True)],
                      [_lse(3, True)], [_lse(1), _lse(7), _lse(100, True)]):
            m = b''.join(stack) + pl
            out.append((_udp4f(49152, 6635, m), None))
            f = bytes.fromhex('0242ac1c000d0242ac1c000b8847') + m
            f = f + bytes(max(0, 60 - len(f)))
            out.append((f, None))
    for label in range(16):
        for pl in (_PING4, bytes.fromhex('10000021') + _PING4, bytes([1]) + bytes(43), bytes([7]) + bytes(50),
                   bytes([2]) + bytes(40)):
            out.append((_udp4f(49152, 6635, _lse(label, True) + pl), None))
        out.append((_udp4f(49152, 6635, _lse(label) + _lse(24001, True) + _PING4), None))
    for ft in (0, 1, 2, 3, 4, 7, 0xff):
        for n in (1, 43, 44, 45, 60):
            f = _udp4f(49152, 6635, _lse(14, True, ttl=1) + bytes([ft]) + bytes(n - 1))
            out.append((f, None))
            out.append((f[:42 + 4 + 30], len(f)))
    for m in (_lse(24001), _lse(24001) + _lse(24002), b'\0', b'\0\0\x01', _lse(24001, True), b''):
        out.append((_udp4f(49152, 6635, m), None))
    for m in (_lse(16001) + _lse(24001, True) + _PING4, _lse(24001, True) + b'\0\0\0\0' + local + b'\x08\x00' + _PING4,
              _lse(13, True) + bytes.fromhex('10000021') + _PING4):
        f = _udp4f(49152, 6635, m)
        for cut in range(42, len(f)):
            out.append((f[:cut], len(f)))
    # GRE's 0x8847 and 0x894f, IP protocol 137 (MPLS in IP) over IPv4 and IPv6, each cut every third byte
    eth4 = bytes.fromhex('0242ac1c000d0242ac1c000b0800')
    for inner in (struct.pack('!HH', 0, 0x8847) + _lse(16001) + _lse(24001, True) + _PING4,
                  struct.pack('!HH', 0, 0x8848) + _lse(2, True) + _PING6,
                  struct.pack('!HH', 0, 0x894f) + struct.pack('!II', (63 << 22) | (6 << 16) | (1 << 8) | 1,
                                                              (0x42 << 8) | 255) + bytes(16) + _PING4,
                  struct.pack('!HH', 0x8000, 0x8847) + b'\0\0\0\0' + _lse(24001, True) + _PING4):
        f = eth4 + ipv4(47, inner)
        out.append((f, None))
        for cut in range(34, len(f), 3):
            out.append((f[:cut], len(f)))
    for m in (_lse(24001, True) + _PING4, _lse(2, True) + _PING6, _lse(24001), b''):
        f = eth4 + ipv4(137, m)
        f = f + bytes(max(0, 60 - len(f)))
        out.append((f, None))
        f6 = _e6(137, m)[:54 + len(m)]
        out.append((f6, None))
    return [(d, len(d) if n is None else n) for d, n in out]

def _gpe(np, inner, flags=0x0c, vni=9):
    return struct.pack('!BHBI', flags, 0, np, vni << 8) + inner

def _nsh(np, inner, md=1, ctx=None, length=None, ttl=63):
    if ctx is None:
        ctx = bytes(range(16)) if md == 1 else b''
    ln = length if length is not None else 2 + len(ctx) // 4
    return struct.pack('!II', (ttl << 22) | (ln << 16) | (md << 8) | np, (0x123 << 8) | 255) + ctx + inner

def vxlan_gpe_nsh():
    """VXLAN-GPE (packet-vxlan.c) with next protocols 0 to 7 and 255 before IPv4, IPv6, Ethernet, NSH, MPLS and data,
    headers of 0 to 8 bytes; NSH (packet-nsh.c) over ethertype 0x894f and VXLAN-GPE with MD types 0 to 3 and 15,
    lengths 0 to 63, MD type 2 TLVs fitting or not, every next protocol; cut at every byte of a few."""
    out = []
    eth_in = bytes.fromhex('0242ac1c000e0242ac1c000c0800') + _PING4
    inners = {1: _PING4, 2: _PING6, 3: eth_in, 4: _nsh(1, _PING4), 5: _lse(24001, True) + _PING4}
    for np in (0, 1, 2, 3, 4, 5, 6, 7, 0x80, 0xff):
        for pl in (inners.get(np, bytes(20)), _PING4, b'', bytes(3)):
            out.append(_udp4f(52000, 4790, _gpe(np, pl)))
    for n in range(9):
        out.append(_udp4f(52000, 4790, _gpe(1, _PING4)[:n]))
    tlv = lambda c, t, v, ln=None: struct.pack('!HBB', c, t, len(v) if ln is None else ln) + v + bytes(-len(v) % 4)
    ctxs = {0: b'', 1: bytes(16), 2: b'', 3: bytes(8), 15: bytes(4)}
    for md in (0, 1, 2, 3, 15):
        for ln in (0, 1, 2, 3, 4, 6, 7, 63):
            for np, inner in ((1, _PING4), (3, eth_in), (2, _PING6), (9, b'xyzw')):
                out.append(bytes.fromhex('0242ac1c000d0242ac1c000b894f') + _nsh(np, inner, md, ctxs[md], ln))
    for ctx in (tlv(1, 1, b'abcd'), tlv(1, 1, b'a') + tlv(2, 2, b'bcdefg'), tlv(1, 1, b'', 8), tlv(1, 1, b'ab', 127),
                tlv(1, 1, b'abcd') + tlv(2, 2, b'', 120), b'\0\1'):
        for ln in (None, 2, 3, 4, 5):
            out.append(bytes.fromhex('0242ac1c000d0242ac1c000b894f') + _nsh(1, _PING4, 2, ctx, ln))
    for np in range(0, 8):
        out.append(_udp4f(52000, 4790, _gpe(4, _nsh(np, inners.get(np, bytes(12))))))
    out = [f + bytes(max(0, 60 - len(f))) for f in out]
    res = [(f, len(f)) for f in out]
    for f in (_udp4f(52000, 4790, _gpe(4, _nsh(3, eth_in))),
              bytes.fromhex('0242ac1c000d0242ac1c000b894f') + _nsh(1, _PING4, 2, tlv(1, 1, b'abcdef') + tlv(2, 2, b'gh'))):
        for cut in range(14, len(f)):
            res.append((f[:cut], len(f)))
    return res

def dhcpv6_fqdn():
    """DHCPv6's client FQDN option (packet-dhcpv6.c) in every message type 0 to 39 with a label past the field, a
    whole name, a lone root label and a name over a partial one, under flags 0x01 and 0xe9 (seeds 35067, 35074)."""
    out = []
    names = (b'\x12', b'\x3d\xb6\x41\x65', b'\x03abc\x00', b'\x00', b'\x03abc')
    for mt in range(40):
        for flags in (0x01, 0xe9):
            for name in names:
                m = bytes([mt, 0x93, 0xb7, 0x1e]) + struct.pack('!HH', 39, 1 + len(name)) + bytes([flags]) + name
                u = struct.pack('!HHHH', 546, 547, 8 + len(m), 0) + m
                f = _e6(17, u, LL11, bytes.fromhex('ff020000000000000000000000010002'), dmac='333300010002')
                out.append((f, len(f)))
    return out

def igmp_v2():
    """IGMP (packet-igmp.c) version 1 and 2 reports, leaves and queries with a group of 0.0.0.0 or not, maximum
    response times 0 and 100 (seed 35073)."""
    out = []
    for t in (0x16, 0x17, 0x12, 0x11):
        for mr in (0, 100):
            for g in ((0, 0, 0, 0), (239, 1, 2, 3)):
                f = bytes.fromhex('01005e0000160242ac1c000b0800') + ipv4(2, bytes([t, mr, 0, 0]) + bytes(g),
                                                                       (10, 0, 0, 1), (224, 0, 0, 22))
                f += bytes(max(0, 60 - len(f)))
                out.append((f, len(f)))
    return out

def aodv():
    """AODV (packet-aodv.c) on UDP 654 over IPv4 and IPv6: types 0 to 20 with bodies of 0 to 64 bytes, requests and
    replies with extensions of types 1 to 4 and lengths 0 to 8, errors of 0 to 3 destinations whole or not; cut
    at every fourth byte of a request and a reply."""
    out = []
    def u4(m):
        f = bytes.fromhex('ffffffffffff0242ac1c000b0800') + ipv4(17, struct.pack('!HHHH', 654, 654, 8 + len(m), 0) + m,
                                                               (10, 0, 0, 1), (255, 255, 255, 255))
        return f + bytes(max(0, 60 - len(f)))
    def u6(m):
        u = struct.pack('!HHHH', 654, 654, 8 + len(m), 0) + m
        return _e6(17, u, LL11, bytes.fromhex('ff020000000000000000000000000001'), dmac='333300000001')[:62 + len(m)]
    body = bytes(range(1, 65))
    for t in list(range(0, 21)) + [255]:
        for n in (0, 1, 3, 7, 19, 23, 24, 35, 44, 47, 48, 64):
            m = bytes([t]) + body[:n]
            out.append(u4(m))
            out.append(u6(m))
    exts = [b'', bytes([1, 4, 0, 0, 3, 232]), bytes([2, 4, 0, 0, 3, 232]), bytes([3, 8]) + bytes(8), bytes([2, 0]),
            bytes([2, 4, 0, 1]), bytes([3, 8, 1]), bytes([4, 2, 9, 9, 2, 4, 0, 0, 0, 1]), bytes([9]), bytes([1, 200])]
    for t, size in ((1, 24), (2, 20), (1, 48), (2, 44), (16, 48), (17, 44)):
        for e in exts:
            m = bytes([t, 0xf8, 5, 2]) + body[:size - 4] + e
            out.append(u4(m) if size < 40 else u6(m))
    for t, ent in ((3, 8), (3, 20), (18, 20)):
        for cnt in (0, 1, 2, 3):
            for have in range(0, cnt + 1):
                m = bytes([t, 0x80, 0, cnt]) + body[:ent * have]
                out.append(u4(m) if ent == 8 else u6(m))
    res = [(f, len(f)) for f in out]
    for f in (u4(bytes([1, 0, 0, 1]) + body[:20] + bytes([2, 4, 0, 0, 3, 232])),
              u6(bytes([2, 0, 0, 1]) + body[:40] + bytes([3, 8]) + bytes(8))):
        for cut in range(42, len(f), 4):
            res.append((f[:cut], len(f)))
    return res

def l2tp():
    """L2TPv2 (packet-l2tp.c's dissect_l2tp_udp()) on UDP 1701: data messages under every L, S, O and P flag with
    offsets of 0 to 200, lengths under and over the datagram, PPP (dissect_ppp_hdlc()) with and without the
    address and control bytes, compressed and whole protocols IPv4, IPv6, LCP and others; control messages that
    are ZLBs, without a length, with a length reaching no AVP, with a first AVP that is or is not a message type;
    versions 0 to 15; a datagram of 0 to 3 bytes; cut at every byte of a data and a control message."""
    out = []
    def u(m, sport=1701, dport=1701):
        f = bytes.fromhex('0242ac1c000d0242ac1c000b0800') + ipv4(17, struct.pack('!HHHH', sport, dport, 8 + len(m), 0)
                                                               + m)
        return f + bytes(max(0, 60 - len(f)))
    ppps = [b'\xff\x03\x00\x21' + _PING4, b'\x00\x21' + _PING4, b'\x21' + _PING4, b'\xff\x03\x00\x57' + _PING6,
            b'\x57' + _PING6, b'\xff\x03\xc0\x21\x01\x01\x00\x04', b'\xff', b'\xff\x03', b'\xff\x03\x00',
            b'\x00\x21', b'\x00\x21\x60' + bytes(10), b'\xff\x03\x80\x21\x01\x01\x00\x04']
    for fl in (0x0002, 0x4002, 0x0802, 0x0202, 0x0102, 0x4a02, 0x4b02, 0x0b02, 0x3002):
        for ppp in ppps:
            body = struct.pack('!HH', 0x11, 0x22)
            if fl & 0x0800:
                body += struct.pack('!HH', 1, 2)
            if fl & 0x0200:
                body += struct.pack('!H', 2) + b'\0\0'
            body += ppp
            out.append(u(struct.pack('!H', fl) + (struct.pack('!H', 4 + len(body)) if fl & 0x4000 else b'') + body))
    for off in (0, 1, 10, 40, 200):
        out.append(u(struct.pack('!HHHH', 0x0202, 0x11, 0x22, off) + bytes(off) + b'\x00\x21' + _PING4))
    for ln in (0, 6, 8, 12, 20, 60, 500):
        out.append(u(struct.pack('!HHHH', 0x4002, ln, 0x11, 0x22) + b'\x00\x21' + _PING4))
    avp0 = lambda t: struct.pack('!HHHH', 0x8008, 0, 0, t)
    for m in (struct.pack('!HHHHHH', 0xc802, 12, 1, 2, 3, 4), struct.pack('!HHHH', 0xc002, 12, 1, 2) + bytes(4),
              struct.pack('!HHHH', 0xc002, 8, 1, 2), struct.pack('!HHHHHH', 0xc802, 10, 1, 2, 3, 4) + avp0(1),
              struct.pack('!HHHHH', 0x8802, 1, 2, 3, 4) + avp0(2), struct.pack('!HHH', 0x8002, 1, 2) + avp0(6),
              struct.pack('!HHHHH', 0x8802, 1, 2, 3, 4) + struct.pack('!HHHH', 0x8008, 0, 7, 1),
              struct.pack('!HHH', 0x8002, 1, 2), struct.pack('!HHHHH', 0x8802, 1, 2, 3, 4),
              struct.pack('!HHHHHH', 0xc802, 12, 1, 2, 3, 4) + avp0(1)):
        out.append(u(m))
    for ver in range(16):
        out.append(u(struct.pack('!HHHH', 0x4000 | ver, 8, 1, 2) + b'\x00\x21'))
    for n in range(4):
        out.append(u(b'\x00\x02\x00'[:n]))
    out.append(u(struct.pack('!HHH', 0x0002, 1, 2) + b'\x00\x21' + _PING4, 40000, 1701))
    out.append(u(struct.pack('!HHH', 0x0002, 1, 2) + b'\x00\x21' + _PING4, 1701, 40000))
    res = [(f, len(f)) for f in out]
    for f in (u(struct.pack('!HHHHHH', 0x4b02, 46, 0x11, 0x22, 1, 2) + b'\xff\x03\x00\x21' + _PING4),
              u(struct.pack('!HHHHHH', 0xc802, 12, 1, 2, 3, 4))):
        for cut in range(42, len(f)):
            res.append((f[:cut], len(f)))
    return res

FAMILIES = {'dns-trailing': dns_trailing, 'atmarp': atmarp, 'icmp-redirect-cut': icmp_redirect_cut, 'dns-dso': dns_dso, 'bootp-short': bootp_short, 'lldp-ttl': lldp_ttl, 'ipv6-pad1': ipv6_pad1, 'eth-length-type': eth_length_type, 'trailers': trailers, 'rtradvert': rtradvert, 'llc': llc, 'udp-empty': udp_empty,
            'icmpv6-quotes': icmpv6_quotes, 'ipv6-options': ipv6_options,
            'snap-cut': snap_cut, 'syslog': syslog, 'ntp': ntp, 'rip': rip,
            'mdns': mdns, 'dhcp': dhcp, 'lldp-port': lldp_port, 'dhcp-options': dhcp_options, 'aarp': aarp,
            'ipv6-frag': ipv6_frag, 'nd-options': nd_options, 'lldp-cut': lldp_cut,
            'echo-tftp-heur': echo_tftp_heur, 'bfd-auth': bfd_auth, 'dns-heur': dns_heur,
            'dns-names': dns_names, 'lldp-dup': lldp_dup, 'pref64-len': pref64_len,
            'seed-frames': seed_frames, 'icmp-ext': icmp_ext,
            'icmpv6-types': icmpv6_types, 'gre': gre,
            'vrrp': vrrp, 'ipip': ipip, 'hsrp': hsrp, 'dhcpv6': dhcpv6, 'ipv6-routing': ipv6_routing, 'icmpv6-nodeinfo': icmpv6_nodeinfo, 'cdp': cdp,
            'hipercontracer': hipercontracer, 'dhcpv6-domains': dhcpv6_domains,
            'mpls': mpls, 'vxlan-gpe-nsh': vxlan_gpe_nsh, 'dhcpv6-fqdn': dhcpv6_fqdn, 'igmp-v2': igmp_v2, 'aodv': aodv, 'l2tp': l2tp}

if __name__ == '__main__':
    for name, make in FAMILIES.items():
        pcap(make(), name + '.pcap')
