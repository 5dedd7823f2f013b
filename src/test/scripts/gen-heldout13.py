#!/usr/bin/env python3
"""Writes the held-out round's cases (refdata/tcpdump/heldout/<case>/<case>.pcap) in the public corpus's style:
classic pcap, microsecond stamps from 1700000000.000000, LINKTYPE_ETHERNET, the corpus's hosts; bytes built by
hand (no scapy). Kinds the public cases and the generated corpora touch little: ARP with odd hardware/protocol types
and lengths, RARP/InARP/ATMARP, 802.3/LLC/SNAP and VLAN/QinQ frames, IPv4 options, fragments, bad checksums and
lengths, every ICMP type/code and quoted datagrams cut at each byte, UDP services (DNS, BOOTP/DHCP, NTP, SNMP,
syslog, RIP, TFTP, NetBIOS, mDNS, VXLAN, Geneve) and snaplen cuts. record-heldout13.sh prints them with the real
tools. Usage: gen-heldout13.py OUTDIR"""
import os, struct, sys

from heldout_frames import CASES, T0, case, csum, eth, write_all

OUT = sys.argv[1] if len(sys.argv) > 1 else 'src/test/resources/refdata/tcpdump/heldout'

GW, H11, H12, H13, H14 = (bytes.fromhex('0242ac1c00' + x) for x in ('01', '0b', '0c', '0d', '0e'))
BC = b'\xff' * 6
IGW, I11, I12, I13, I14 = (bytes([172, 28, 0, x]) for x in (1, 11, 12, 13, 14))
REM = bytes([10, 1, 2, 3])










def ip(proto, payload, src=I11, dst=I13, ttl=64, ident=0x9c41, flags=0, frag=0, opts=b'', tos=0, tot=None,
       ck=None, ihl=None):
    hl = 20 + len(opts)
    h = struct.pack('!BBHHHBBH4s4s', 0x40 | ((ihl if ihl is not None else hl // 4) & 15), tos,
                    tot if tot is not None else hl + len(payload), ident, (flags << 13) | frag, ttl, proto, 0,
                    src, dst) + opts
    c = csum(h) if ck is None else ck
    return h[:10] + struct.pack('!H', c) + h[12:] + payload


def udp(sport, dport, data, src=I11, dst=I13, ck=True, length=None):
    ln = 8 + len(data) if length is None else length
    h = struct.pack('!HHHH', sport, dport, ln, 0)
    if ck is True:
        ph = src + dst + struct.pack('!BBH', 0, 17, 8 + len(data))
        c = csum(ph + h + data) or 0xffff
    else:
        c = ck or 0
    return h[:6] + struct.pack('!H', c) + data


def icmp(t, c, rest, data=b'', ck=None):
    b = struct.pack('!BBH', t, c, 0) + rest + data
    return b[:2] + struct.pack('!H', csum(b) if ck is None else ck) + b[4:]


def ipudp(sport, dport, data, src=I11, dst=I13, **kw):
    return ip(17, udp(sport, dport, data, src, dst), src, dst, **kw)


def e_ip(pkt, dst=H13, src=H11, pad=True):
    return eth(dst, src, 0x0800, pkt, pad)


def arp(hrd, pro, hln, pln, op, sha, spa, tha, tpa):
    return struct.pack('!HHBBH', hrd, pro, hln, pln, op) + sha + spa + tha + tpa


# ---------------------------------------------------------------- ARP, RARP, InARP, ATMARP
def arp_cases():
    req = lambda **k: arp(k.get('hrd', 1), k.get('pro', 0x0800), k.get('hln', 6), k.get('pln', 4), k.get('op', 1),
                          k.get('sha', H11), k.get('spa', I11), k.get('tha', b'\0' * 6), k.get('tpa', I13))
    for hrd in (0, 2, 3, 7, 15, 16, 18, 20, 24, 32, 0xffff):
        case('arp_hrd_%d' % hrd, [eth(BC, H11, 0x0806, req(hrd=hrd))])
    case('arp_hln0', [eth(BC, H11, 0x0806, req(hln=0, sha=b'', tha=b''))])
    case('arp_hln20_ib', [eth(BC, H11, 0x0806, req(hrd=32, hln=20, sha=bytes(range(20)), tha=b'\0' * 20))])
    case('arp_pln0', [eth(BC, H11, 0x0806, req(pln=0, spa=b'', tpa=b''))])
    case('arp_pln6_ipv4', [eth(BC, H11, 0x0806, req(pln=6, spa=I11 + b'\0\1', tpa=I13 + b'\0\2'))])
    case('arp_pln16_ipv4', [eth(BC, H11, 0x0806, req(pln=16, spa=I11 * 4, tpa=I13 * 4))])
    case('arp_ptype_ipv6_reply', [eth(H11, H13, 0x0806, req(pro=0x86dd, pln=16, op=2, sha=H13,
                                                          spa=bytes.fromhex('fe800000000000000042acfffe1c000d'),
                                                          tha=H11, tpa=bytes.fromhex('fe800000000000000042acfffe1c000b')))])
    case('arp_ptype_zero', [eth(BC, H11, 0x0806, req(pro=0))])
    case('arp_ptype_appletalk', [eth(BC, H11, 0x0806, req(pro=0x809b))])
    for op in (0, 5, 6, 7, 8, 11, 24, 25, 256):
        case('arp_op%d' % op, [eth(BC, H11, 0x0806, req(op=op, tha=H13))])
    case('inarp_request_reply', [eth(H13, H11, 0x0806, req(op=8, tha=H13, tpa=b'\0' * 4)),
                                 eth(H11, H13, 0x0806, req(op=9, sha=H13, spa=I13, tha=H11, tpa=I11))])
    case('rarp_reply_8035', [eth(H11, GW, 0x8035, req(op=4, sha=GW, spa=IGW, tha=H11, tpa=I11))])
    case('rarp_8035_op1', [eth(BC, H11, 0x8035, req(op=1))])
    case('rarp_8035_truncated', [eth(BC, H11, 0x8035, req(op=3)[:22], pad=False)])
    case('arp_truncated_each_byte', [eth(BC, H11, 0x0806, req(tha=H13)[:n], pad=False) for n in range(0, 28)])
    case('arp_ipv6_truncated_each_byte',
         [eth(BC, H11, 0x0806, req(pro=0x86dd, pln=16, spa=b'\xfe\x80' + b'\0' * 14, tpa=b'\xfe\x80' + b'\1' * 14)
              [:n], pad=False) for n in (7, 8, 10, 14, 20, 29, 30, 40, 45, 51)])
    # ATM ARP (hardware type 19): its own layout with type/length bytes
    atm = struct.pack('!HHBBHBBBB', 19, 0x0800, 20, 0, 1, 4, 20, 0, 4) + bytes(range(1, 21)) + I11 + bytes(
        range(21, 41)) + I13
    case('atmarp_request', [eth(BC, H11, 0x0806, atm)])
    atm2 = struct.pack('!HHBBHBBBB', 19, 0x0800, 20, 0, 2, 4, 20, 0, 4) + bytes(range(1, 21)) + I13 + bytes(
        range(21, 41)) + I11
    case('atmarp_reply', [eth(BC, H13, 0x0806, atm2)])
    atm10 = struct.pack('!HHBBHBBBB', 19, 0x0800, 20, 0, 10, 4, 0, 0, 4) + bytes(range(1, 21)) + I11 + I13
    case('atmarp_nak_and_inarp', [eth(BC, H11, 0x0806, atm10),
                                  eth(BC, H11, 0x0806, struct.pack('!HHBBHBBBB', 19, 0x0800, 20, 0, 8, 4, 20, 0, 0)
                                      + bytes(range(1, 21)) + I11 + bytes(range(21, 41)))])
    case('atmarp_truncated', [eth(BC, H11, 0x0806, atm[:n], pad=False) for n in (6, 8, 11, 12, 20, 33, 40, 52)])
    # ARP carried in a VLAN tag with priority, DEI, and over SNAP
    case('arp_vlan_prio_dei', [eth(BC, H11, 0x8100, struct.pack('!HH', (5 << 13) | (1 << 12) | 42, 0x0806)
                                   + req())])
    case('arp_snap', [eth(BC, H11, 8 + 28, b'\xaa\xaa\x03\0\0\0\x08\x06' + req())])


# ---------------------------------------------------------------- 802.3 / LLC / SNAP, VLAN / QinQ
def llc_cases():
    def e8023(payload, dst=BC, length=None):
        return eth(dst, H11, len(payload) if length is None else length, payload)
    case('llc_xid', [e8023(b'\x00\x01\xaf\x81\x01\x00'), e8023(b'\x00\x01\xbf\x81\x01\x02')])
    case('llc_test', [e8023(b'\x42\x42\xe3' + b'hello')])
    case('llc_i_frame', [e8023(b'\xf0\xf0\x02\x04' + b'\x01\x02\x03'), e8023(b'\xf0\xf1\x05\x07')])
    case('llc_s_frames', [e8023(b'\x04\x04' + bytes([c, n])) for c, n in ((1, 2), (5, 3), (9, 4), (0x0d, 5))])
    case('llc_u_frames', [e8023(b'\x06\x06' + bytes([c])) for c in (0x6f, 0x7f, 0x43, 0x53, 0x0f, 0x63, 0x87,
                                                                     0xe3, 0x13)])
    case('llc_sap_names', [e8023(bytes([s, s, 3]) + b'\0\0\0') for s in (0x06, 0x0e, 0x4e, 0x7e, 0x8e, 0x98, 0xaa,
                                                                         0xbc, 0xe0, 0xf4, 0xfe, 0xff)])
    case('llc_snap_ipv4', [e8023(b'\xaa\xaa\x03\0\0\0\x08\x00' + ipudp(40000, 50000, b'snap!'))])
    case('llc_snap_oui_unknown', [e8023(b'\xaa\xaa\x03\x00\x10\x18\x12\x34' + b'abcd'),
                                  e8023(b'\xaa\xaa\x03\x00\x80\xc2\x00\x07' + b'\0' * 10),
                                  e8023(b'\xaa\xaa\x03\x00\x00\xf8\x08\x06' + b'\0' * 10)])
    case('llc_length_over_frame', [e8023(b'\x42\x42\x03' + b'\0' * 10, length=200)])
    case('llc_length_short', [e8023(b'\xaa\xaa\x03\0\0\0\x08\x06' + b'\0' * 28, length=5)])
    case('llc_netbios', [e8023(b'\xf0\xf0\x03' + b'\x2c\x00\xff\xef\x08\x00\x00\x00\x00\x00\x00\x00')])
    case('ipx_raw_8023', [e8023(b'\xff\xff\x00\x1e\x00\x04' + b'\0' * 24)])
    case('llc_cut_each_byte', [(e8023(b'\xaa\xaa\x03\0\0\0\x08\x06' + b'\0' * 28), n) for n in range(14, 24)])
    # IPX (raw 802.3 and 802.2) to each socket ipx_decode() knows, bad lengths, cuts; OSI NLPIDs behind SAP 0xfe
    def ipx(dskt, payload, length=None):
        n = 30 + len(payload) if length is None else length
        return struct.pack('!HHBB', 0xffff, n, 0, 4) + b'\0\0\0\1' + H13 + struct.pack('!H', dskt) + b'\0\0\0\2' + \
            H11 + struct.pack('!H', 0x4000) + payload
    sap_resp = b'\0\2' + b'\0\4' + b'FS1'.ljust(48, b'\0') + b'\0\0\0\1' + H13 + b'\x04\x51\0\1'
    case('ipx_sockets', [e8023(ipx(sk, pl)) for sk, pl in (
        (0x451, bytes(14)), (0x452, b'\0\1\0\4'), (0x452, b'\0\3\0\x07'), (0x452, sap_resp), (0x452, b'\0\x09'),
        (0x453, b'\0\1\0\0\0\2\0\1\0\2'), (0x453, b'\0\2' + b'\0\0\0\2\0\1\0\2' * 3), (0x453, b'\0\5'),
        (0x455, bytes(14)), (0x456, bytes(4)), (0x553, bytes(8)), (0x1234, b''))] +
         [e8023(ipx(0x1234, b'', length=20)), e8023(ipx(0x1234, b'abc', length=200)),
          e8023(b'\xe0\xe0\x03' + ipx(0x4567, b'xyz')), e8023(b'\xe0\xe0\x03' + ipx(0x1234, b'xyz')[:20])] +
         [(e8023(ipx(0x453, b'\0\2' + b'\0\0\0\2\0\1\0\2' * 2)), n) for n in range(20, 66, 5)])
    case('osi_nlpids', [e8023(b'\xfe\xfe\x03' + bytes([n]) + b'\x02\x03') for n in (0x00, 0x55, 0x80, 0x84, 0x8a)] +
         [e8023(b'\xfe\xfe\x03\xcc' + ip(1, icmp(8, 0, b'\0\1\0\1'))), e8023(b'\xfe\xfe\x03')])
    tag = lambda vid, t, prio=0: struct.pack('!HH', (prio << 13) | vid, t)
    icmpecho = ip(1, icmp(8, 0, struct.pack('!HH', 0x4d2e, 7), b'vlan-data'))
    case('vlan0_priority_tag', [eth(H13, H11, 0x8100, tag(0, 0x0800, 6) + icmpecho)])
    case('vlan4095', [eth(H13, H11, 0x8100, tag(4095, 0x0800) + icmpecho)])
    case('vlan_udp', [eth(H13, H11, 0x8100, tag(20, 0x0800, 3) + ipudp(40000, 50000, b'hello'))])
    case('qinq_ipv4', [eth(H13, H11, 0x88a8, tag(100, 0x8100, 1) + tag(10, 0x0800, 2) + icmpecho)])
    case('qinq_9100_triple', [eth(H13, H11, 0x9100, tag(7, 0x88a8) + tag(100, 0x8100) + tag(10, 0x0806) + arp(
        1, 0x0800, 6, 4, 1, H11, I11, b'\0' * 6, I13))])
    case('vlan_8023_llc', [eth(BC, H11, 0x8100, tag(10, 6) + b'\x42\x42\x03\0\0\0')])
    case('vlan_unknown_ethertype', [eth(BC, H11, 0x8100, tag(10, 0x88b5) + bytes(range(20)))])
    case('vlan_cut_each_byte', [(eth(BC, H11, 0x8100, tag(10, 0x0806) + arp(1, 0x0800, 6, 4, 1, H11, I11,
                                                                              b'\0' * 6, I13)), n)
                                for n in range(12, 20)])


# ---------------------------------------------------------------- IPv4 options, fragments, checksums, lengths
def ip_cases():
    ping = icmp(8, 0, struct.pack('!HH', 0x1234, 1), bytes(range(16)))
    opt = lambda o: o + b'\0' * (-len(o) % 4)
    rr_full = bytes([7, 15, 16]) + I11 + IGW + REM
    options = {
        'nop_eol': bytes([1, 1, 1, 0]),
        'ra': bytes([0x94, 4, 0, 0]),
        'ra_nonzero': bytes([0x94, 4, 0, 1]),
        'rr_full': rr_full,
        'rr_bad_ptr': bytes([7, 11, 3]) + I11 + IGW,
        'rr_len2': bytes([7, 2, 4]),
        'lsrr': bytes([0x83, 11, 4]) + IGW + REM,
        'lsrr_done': bytes([0x83, 11, 12]) + IGW + REM,
        'ssrr': bytes([0x89, 11, 8]) + IGW + REM,
        'ssrr_odd_len': bytes([0x89, 10, 4]) + IGW + REM[:3],
        'ts_only': bytes([0x44, 12, 5, 0]) + b'\0\0\0\1' + b'\0\0\0\0',
        'ts_addr': bytes([0x44, 20, 13, 1]) + I11 + b'\0\0\0\5' + IGW + b'\0\0\0\0',
        'ts_prespec': bytes([0x44, 12, 5, 3]) + IGW + b'\0\0\0\0',
        'ts_overflow': bytes([0x44, 8, 9, 0xf0]) + b'\0\0\0\1',
        'ts_bad_flag': bytes([0x44, 8, 5, 2]) + b'\0\0\0\0',
        'ts_len4': bytes([0x44, 4, 5, 0]),
        'security': bytes([130, 11]) + b'\xf1\x35\0\0\0\0\0\0\0',
        'unknown_opt': bytes([0x9e, 6, 1, 2, 3, 4]),
        'len_zero': bytes([0x83, 0, 0, 0]),
        'len_one': bytes([0x44, 1, 0, 0]),
        'len_over': bytes([0x83, 40, 4, 0]) + IGW,
        'eol_then_data': bytes([0, 7, 7, 4]),
        'many_nops': bytes([1] * 40),
    }
    for k, o in options.items():
        case('ip_opt_' + k, [e_ip(ip(1, ping, opts=opt(o)))])
    case('ip_opt_ihl_past_frame', [e_ip(ip(1, b'', opts=bytes([1, 1, 1, 1]), ihl=15, tot=60), pad=False)])
    # fragments of a UDP datagram: first, middle, last, overlapping, tiny, out of order
    data = udp(40000, 53, bytes(range(64)))
    P = lambda off, b, mf, **k: e_ip(ip(17, b, ident=0x1111, flags=1 if mf else 0, frag=off // 8, **k))
    case('ip_frag_udp', [P(0, data[:24], True), P(24, data[24:48], True), P(48, data[48:], False)])
    case('ip_frag_udp_reverse', [P(48, data[48:], False), P(24, data[24:48], True), P(0, data[:24], True)])
    case('ip_frag_overlap', [P(0, data[:32], True), P(16, data[16:48], True), P(40, data[40:], False)])
    case('ip_frag_tiny', [P(0, data[:8], True), P(8, data[8:], False)])
    case('ip_frag_tiny_first', [P(0, data[:4], True), P(8, data[8:], False)])
    case('ip_frag_df_mf', [e_ip(ip(17, data, flags=3))])
    case('ip_frag_reserved_bit', [e_ip(ip(17, data, flags=4)), e_ip(ip(1, ping, flags=6, frag=3))])
    case('ip_frag_max_offset', [e_ip(ip(1, b'\0' * 8, frag=0x1fff))])
    case('ip_frag_icmp_first', [e_ip(ip(1, icmp(8, 0, struct.pack('!HH', 1, 2), bytes(range(40)))[:24], flags=1))])
    case('ip_frag_tcp', [e_ip(ip(6, bytes(range(16)), flags=1)), e_ip(ip(6, bytes(range(16)), frag=2))])
    # bad checksums and lengths
    case('udp_bad_checksum', [e_ip(ipudp(40000, 50000, b'checksum'.ljust(12, b'!'))[:26]
                                   + b'\xde\xad' + ipudp(40000, 50000, b'checksum'.ljust(12, b'!'))[28:])])
    case('udp_checksum_ffff', [e_ip(ip(17, udp(40000, 50000, b'', ck=0xffff)))])
    case('udp_length_short', [e_ip(ipudp(40000, 50000, b'0123456789')[:24] + b'\0\4' +
                                   ipudp(40000, 50000, b'0123456789')[26:])])
    case('udp_length_zero', [e_ip(ip(17, udp(40000, 50000, b'abcdef', length=0)))])
    case('udp_length_9', [e_ip(ip(17, udp(40000, 50000, b'abcdef', length=9)))])
    case('ip_totlen_zero', [e_ip(ip(1, ping, tot=0))])
    case('ip_totlen_lt_ihl', [e_ip(ip(1, ping, tot=12))])
    case('ip_totlen_eq_ihl', [e_ip(ip(1, ping, tot=20))])
    case('ip_ihl_cut_each_byte', [e_ip(ip(1, ping), pad=False)[:n] for n in range(14, 34)])
    case('ip_version_other', [e_ip(bytes([v << 4 | 5]) + ip(1, ping)[1:]) for v in (0, 4, 5, 7, 15)])
    case('ip_tos_ecn_ttl0', [e_ip(ip(1, ping, tos=t, ttl=tl)) for t, tl in ((0xb8, 0), (0x03, 255), (0x01, 1),
                                                                          (0xfe, 128))])
    case('ip_proto_names', [e_ip(ip(p, b'\x01\x02\x03\x04\x05\x06\x07\x08')) for p in (0, 2, 4, 8, 9, 41, 47, 50,
                                                                                         51, 89, 103, 112, 132,
                                                                                         136, 255)])
    case('ip_multicast_broadcast', [eth(b'\x01\x00\x5e\x00\x00\x05', H11, 0x0800,
                                        ipudp(520, 520, b'\0' * 4, dst=bytes([224, 0, 0, 9]), ttl=1)),
                                    eth(BC, H11, 0x0800, ipudp(40000, 9, b'wake', dst=b'\xff' * 4))])


# ---------------------------------------------------------------- ICMP: every type/code, quotes cut at each byte
def icmp_cases():
    quoted = ipudp(44321, 33434, b'@' * 32, src=I11, dst=REM, ttl=1, ident=0x3a10)
    fr = lambda t, c, rest, data=b'', **k: e_ip(ip(1, icmp(t, c, rest, data), src=IGW, dst=I11, ident=0x2222),
                                                dst=H11, src=GW)
    case('icmp_unreach_all_codes', [fr(3, c, b'\0\0\0\0' if c != 4 else b'\0\0\x05\x78', quoted) for c in
                                    range(0, 17)])
    case('icmp_redirect_codes', [fr(5, c, IGW[:3] + b'\xfe', quoted) for c in range(0, 5)])
    case('icmp_timx_codes', [fr(11, c, b'\0\0\0\0', quoted) for c in range(0, 3)])
    case('icmp_paramprob', [fr(12, c, bytes([p, 0, 0, 0]), quoted) for c, p in ((0, 1), (0, 20), (1, 0), (2, 0),
                                                                                  (3, 9))])
    case('icmp_source_quench', [fr(4, 0, b'\0\0\0\0', quoted), fr(4, 1, b'\0\0\0\0', quoted)])
    ra = struct.pack('!BBH', 2, 2, 1800) + IGW + struct.pack('!i', 0) + REM + struct.pack('!i', -1)
    case('icmp_router_adv_sol', [fr(9, 0, ra[:4], ra[4:]), fr(9, 16, ra[:4], ra[4:]), fr(10, 0, b'\0\0\0\0'),
                                 fr(9, 0, struct.pack('!BBH', 1, 3, 600), IGW + b'\0\0\0\1\0\0\0\0')])
    case('icmp_info_mask', [fr(15, 0, b'\x12\x34\x00\x01'), fr(16, 0, b'\x12\x34\x00\x01'),
                            fr(17, 0, b'\x12\x34\x00\x02', b'\0\0\0\0'), fr(18, 0, b'\x12\x34\x00\x02',
                                                                          b'\xff\xff\xff\x00')])
    case('icmp_echo_codes', [fr(8, c, b'\x00\x01\x00\x01', b'abcd') for c in (0, 1, 255)] +
                            [fr(0, 7, b'\x00\x01\x00\x01', b'abcd')])
    case('icmp_other_types', [fr(t, 0, b'\0\0\0\0', b'\0' * 8) for t in (1, 2, 6, 7, 19, 30, 31, 32, 33, 34,
                                                                         35, 36, 37, 38, 39, 40, 41, 42, 43, 253,
                                                                         255)])
    case('icmp_timestamp_odd', [fr(13, 0, b'\x00\x01\x00\x02', struct.pack('!III', 0x80000000, 86399999, 1)),
                                fr(14, 0, b'\x00\x01\x00\x02', struct.pack('!III', 1, 86400000, 0xffffffff)),
                                fr(14, 0, b'\x00\x01\x00\x02', struct.pack('!II', 5, 6))])
    case('icmp_traceroute30', [fr(30, 0, b'\x12\x34\x00\x00', struct.pack('!HHII', 5, 0xffff, 1000000, 1500))])
    case('icmp_photuris40', [fr(40, c, b'\0\0\0\4') for c in range(0, 6)])
    # unreachable quotes: cut at each byte of the quoted IP+UDP (header + 8) and quotes of other protocols
    full = fr(3, 3, b'\0\0\0\0', quoted)
    case('icmp_quote_cut_each_byte', [e_ip(ip(1, icmp(3, 3, b'\0\0\0\0', quoted[:n]), src=IGW, dst=I11),
                                           dst=H11, src=GW) for n in range(0, 31)])
    case('icmp_quote_caplen_each_byte', [(full, n) for n in range(34, 74, 2)])
    qicmp = ip(1, icmp(8, 0, b'\x4d\x2e\x00\x09', b'x' * 8), src=I11, dst=REM)
    qtcp = ip(6, struct.pack('!HHIIBBHHH', 51000, 80, 1, 0, 0x50, 0x02, 65535, 0, 0), src=I11, dst=REM)
    qopt = ip(17, udp(44321, 33434, b'', src=I11, dst=REM), src=I11, dst=REM, opts=bytes([0x94, 4, 0, 0]))
    qfrag = ip(17, b'\1' * 8, src=I11, dst=REM, frag=4)
    qbad = bytes([0x46]) + quoted[1:28]
    case('icmp_quote_protocols', [fr(3, 1, b'\0\0\0\0', q) for q in (qicmp, qtcp, qopt, qfrag, qbad,
                                                                     ip(47, b'\0\0\x08\0', src=I11, dst=REM))] +
         [fr(11, 0, b'\0\0\0\0', qicmp), fr(12, 0, b'\x08\0\0\0', qtcp)])
    case('icmp_bad_cksum_errors', [e_ip(ip(1, icmp(3, 3, b'\0\0\0\0', quoted, ck=0x1234), src=IGW, dst=I11),
                                        dst=H11, src=GW)])
    case('icmp_rfc4884_len', [fr(3, 1, b'\0\x20\0\0', quoted + b'\0' * 100), fr(11, 0, b'\0\x20\0\0',
                                                                              quoted + b'\0' * 100)])


# ---------------------------------------------------------------- UDP services
def dname(n):
    return b''.join(bytes([len(l)]) + l.encode() for l in n.split('.') if l) + b'\0'


def dns_cases():
    q = lambda i, fl, qs, an=b'', nan=0, ns=0, ar=0, extra=b'': struct.pack('!HHHHHH', i, fl, len(qs), nan, ns,
                                                                           ar) + b''.join(qs) + an + extra
    qq = lambda n, t, c=1: dname(n) + struct.pack('!HH', t, c)
    rr = lambda n, t, d, c=1, ttl=300: n + struct.pack('!HHIH', t, c, ttl, len(d)) + d
    ptr = b'\xc0\x0c'
    msgs = [
        q(1, 0x0100, [qq('example.com', 28)]),
        q(2, 0x0100, [qq('example.com', 15)]),
        q(3, 0x8180, [qq('example.com', 28)], rr(ptr, 28, bytes(range(16))), 1),
        q(4, 0x8183, [qq('nx.example.com', 1)], rr(b'\xc0\x0f', 6, dname('ns.example.com') + dname(
            'root.example.com') + struct.pack('!IIIII', 1, 2, 3, 4, 5)), 0, 1),
        q(5, 0x8580, [qq('example.com', 15)], rr(ptr, 15, b'\0\x0a' + dname('mail.example.com')), 1),
        q(6, 0x0100, [qq('3.2.1.10.in-addr.arpa', 12)]),
        q(7, 0x8180, [qq('3.2.1.10.in-addr.arpa', 12)], rr(ptr, 12, dname('host.example.com')), 1),
        q(8, 0x0000, [qq('_ldap._tcp.example.com', 33)]),
        q(9, 0x8180, [qq('example.com', 16)], rr(ptr, 16, b'\x05hello\x05world'), 1),
        q(10, 0x0120, [qq('example.com', 1)], extra=b'\0' + struct.pack('!HHIH', 41, 1232, 0x8000, 0)),
        q(11, 0x2800, [qq('example.com', 6)]),
        q(12, 0x0100, [qq('example.com', 255), qq('example.org', 1)]),
        q(13, 0x8182, [qq('example.com', 1)]),
        q(14, 0x8105, [qq('example.com', 1, 3)]),
        q(15, 0x0100, [dname('a.b') + b'\0']),
        q(16, 0x8180, [qq('example.com', 1)], rr(ptr, 1, b'\1\2\3'), 1),
        q(17, 0x8180, [qq('example.com', 5)], rr(ptr, 5, b'\xc0\x0c'), 1),
        q(18, 0x0100, [b'\xc0\x0c\0\1\0\1']),
    ]
    case('dns_various', [e_ip(ipudp(51515 + i, 53, m, dst=IGW), dst=GW) if not (m[2] & 0x80) else
                         e_ip(ipudp(53, 51515 + i, m, src=IGW, dst=I11), dst=H11, src=GW)
                         for i, m in enumerate(msgs)])
    case('dns_cut_each_byte', [(e_ip(ipudp(53, 51515, msgs[2], src=IGW, dst=I11), dst=H11, src=GW), n)
                               for n in range(42, 42 + len(msgs[2]), 3)])
    mdns = q(0, 0x8400, [], rr(dname('host11.local'), 1, I11, c=0x8001, ttl=120), 1)
    case('mdns', [eth(b'\x01\x00\x5e\x00\x00\xfb', H11, 0x0800, ipudp(5353, 5353, q(0, 0, [qq('_http._tcp.local', 12,
                                                                                                0x8001)]),
                                                                     dst=bytes([224, 0, 0, 251]), ttl=255)),
                  eth(b'\x01\x00\x5e\x00\x00\xfb', H11, 0x0800, ipudp(5353, 5353, mdns, dst=bytes([224, 0, 0, 251]),
                                                                     ttl=255))])
    llmnr = q(0x4321, 0, [qq('host13', 1)])
    case('llmnr', [eth(b'\x01\x00\x5e\x00\x00\xfc', H11, 0x0800, ipudp(51000, 5355, llmnr,
                                                                      dst=bytes([224, 0, 0, 252]), ttl=1))])
    # NetBIOS name service / datagram
    def nbname(n):
        n = n.ljust(15)[:15] + '\0'
        enc = ''.join(chr(0x41 + (ord(c) >> 4)) + chr(0x41 + (ord(c) & 15)) for c in n)
        return b'\x20' + enc.encode() + b'\0'
    nbq = struct.pack('!HHHHHH', 0x8001, 0x0110, 1, 0, 0, 0) + nbname('HOST13') + b'\0\x20\0\1'
    nbr = struct.pack('!HHHHHH', 0x8002, 0x2910, 1, 0, 0, 1) + nbname('WORKGROUP') + b'\0\x20\0\1' + b'\xc0\x0c' + \
        b'\0\x20\0\1' + struct.pack('!IH', 300000, 6) + b'\x60\x00' + I11
    nbpos = struct.pack('!HHHHHH', 0x8001, 0x8500, 0, 1, 0, 0) + nbname('HOST13') + b'\0\x20\0\1' + struct.pack(
        '!IH', 300000, 6) + b'\0\0' + I13
    case('netbios_ns', [eth(BC, H11, 0x0800, ipudp(137, 137, m, dst=bytes([172, 28, 255, 255]))) for m in
                        (nbq, nbr, nbpos)])
    dgm = struct.pack('!BBH4sHHH', 0x11, 0x02, 0x8003, I11, 138, 0, 0) + nbname('HOST11') + nbname('WORKGROUP') + \
        b'\xffSMB\x25' + b'\0' * 27
    dgm = dgm[:10] + struct.pack('!H', len(dgm) - 14) + dgm[12:]
    case('netbios_dgm', [eth(BC, H11, 0x0800, ipudp(138, 138, dgm, dst=bytes([172, 28, 255, 255])))])


def dhcp_cases():
    def bootp(op, xid, ciaddr, yiaddr, opts, chaddr=H11, flags=0x8000, sname=b'', file=b''):
        return struct.pack('!BBBBIHH4s4s4s4s', op, 1, 6, 0, xid, 3, flags, ciaddr, yiaddr, b'\0' * 4,
                           b'\0' * 4) + chaddr + b'\0' * 10 + sname.ljust(64, b'\0') + file.ljust(128, b'\0') + opts
    MC = b'\x63\x82\x53\x63'
    o = lambda t, v: bytes([t, len(v)]) + v
    disc = MC + o(53, b'\1') + o(61, b'\1' + H11) + o(12, b'host11') + o(55, bytes([1, 3, 6, 15, 28, 42, 119,
                                                                                     121])) + o(57, b'\x05\xdc') + \
        b'\xff'
    offer = MC + o(53, b'\2') + o(54, IGW) + o(51, b'\0\0\x0e\x10') + o(1, b'\xff\xff\xff\0') + o(3, IGW) + \
        o(6, IGW + b'\x08\x08\x08\x08') + o(15, b'example.com') + o(58, b'\0\0\7\x08') + o(59, b'\0\0\x0c\x4e') + \
        o(28, b'\xac\x1c\xff\xff') + b'\xff'
    req = MC + o(53, b'\3') + o(50, I11) + o(54, IGW) + o(81, b'\0\0\0host11.example.com') + \
        o(60, b'MSFT 5.0') + o(77, b'user') + b'\0\0\xff'
    ack = MC + o(53, b'\5') + o(54, IGW) + o(51, b'\xff\xff\xff\xff') + o(42, b'\xc0\0\2\1') + \
        o(121, b'\x18\x0a\x01\x02' + IGW) + o(119, b'\x07example\x03com\0') + o(43, b'\x01\x02\x03') + \
        o(82, b'\x01\x04port\x02\x02ab') + b'\xff'
    nak = MC + o(53, b'\6') + o(54, IGW) + o(56, b'wrong network') + b'\xff'
    rel = MC + o(53, b'\7') + o(54, IGW) + b'\xff'
    inf = MC + o(53, b'\x08') + o(55, b'\x01\x03') + o(252, b'') + o(224, b'site') + b'\xff'
    dec = MC + o(53, b'\4') + o(50, I11) + b'\xff'
    odd = MC + o(53, b'\x12') + o(1, b'\xff\xff') + o(50, b'\1\2') + o(12, b'') + b'\x2a'  # cut mid-option
    plain = b'\0' * 4  # BOOTP, no magic cookie
    msgs = [(68, 67, disc, 1, b'\0' * 4, b'\0' * 4, b'\0' * 4, BC), (67, 68, offer, 2, b'\0' * 4, I11, IGW, H11),
            (68, 67, req, 1, b'\0' * 4, b'\0' * 4, b'\0' * 4, BC), (67, 68, ack, 2, b'\0' * 4, I11, IGW, H11),
            (67, 68, nak, 2, b'\0' * 4, b'\0' * 4, IGW, BC), (68, 67, rel, 1, I11, b'\0' * 4, I11, GW),
            (68, 67, inf, 1, I11, b'\0' * 4, I11, BC), (68, 67, dec, 1, b'\0' * 4, b'\0' * 4, b'\0' * 4, BC),
            (68, 67, odd, 1, b'\0' * 4, b'\0' * 4, b'\0' * 4, BC), (68, 67, plain, 1, b'\0' * 4, b'\0' * 4,
                                                                   b'\0' * 4, BC)]
    frames = []
    for i, (sp, dp, opts, op, ci, yi, src, dmac) in enumerate(msgs):
        dst = b'\xff' * 4 if dmac == BC else (I11 if dp == 68 else IGW)
        b = bootp(op, 0x3903f326 + (i // 4), ci, yi, opts, sname=b'srv' if i == 1 else b'',
                  file=b'pxelinux.0' if i == 3 else b'')
        frames.append(eth(dmac, GW if sp == 67 else H11, 0x0800, ipudp(sp, dp, b, src=src, dst=dst)))
    case('dhcp_exchange', frames)
    case('dhcp_cut_each_option', [(frames[1], n) for n in range(282, 342 + 1, 5)])
    case('bootp_short', [eth(BC, H11, 0x0800, ipudp(68, 67, bootp(1, 1, b'\0' * 4, b'\0' * 4, b'')[:n],
                                                    src=b'\0' * 4, dst=b'\xff' * 4)) for n in (0, 1, 4, 8, 27, 43)])


def misc_udp_cases():
    # NTP client/server, control, bad version
    ntpts = struct.pack('!II', 0xe8f1a2b3, 0x80000000)
    cli = bytes([0x23, 0, 6, 0xec]) + b'\0' * 8 + b'\0' * 24 + ntpts
    srv = bytes([0x24, 2, 6, 0xe9]) + struct.pack('!ii', 0x00000d, 0x0000a5) + IGW + ntpts + ntpts + ntpts + ntpts
    ctl = bytes([0x16, 0x02, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0])
    kod = bytes([0x24, 0, 6, 0xe9]) + b'\0' * 8 + b'RATE' + b'\0' * 32
    bcast = bytes([0x25, 3, 6, 0xe9]) + b'\0' * 8 + b'\x7f\x7f\x01\x00' + ntpts + b'\0' * 16 + ntpts
    case('ntp', [e_ip(ipudp(123, 123, m, dst=IGW), dst=GW) for m in (cli, srv, ctl, kod, bcast, cli[:20])])
    # SNMP v1 get, v2c response, trap, garbage
    def tlv(t, v):
        return bytes([t, len(v)]) + v
    oid = tlv(6, b'\x2b\x06\x01\x02\x01\x01\x05\x00')
    vb = tlv(0x30, tlv(0x30, oid + b'\x05\x00'))
    get = tlv(0x30, tlv(2, b'\0') + tlv(4, b'public') + tlv(0xa0, tlv(2, b'\x01') + tlv(2, b'\0') + tlv(2, b'\0') +
                                                            vb))
    resp = tlv(0x30, tlv(2, b'\1') + tlv(4, b'public') + tlv(0xa2, tlv(2, b'\x01') + tlv(2, b'\0') + tlv(2, b'\0') +
                                                             tlv(0x30, tlv(0x30, oid + tlv(4, b'host13')))))
    trap = tlv(0x30, tlv(2, b'\0') + tlv(4, b'public') + tlv(0xa4, tlv(6, b'\x2b\x06\x01\x04\x01') + tlv(
        0x40, I13) + tlv(2, b'\6') + tlv(2, b'\1') + tlv(0x43, b'\x01\x02') + tlv(0x30, b'')))
    case('snmp', [e_ip(ipudp(40000, 161, get)), e_ip(ipudp(161, 40000, resp, src=I13, dst=I11), dst=H11, src=H13),
                  e_ip(ipudp(40001, 162, trap)), e_ip(ipudp(40002, 161, b'\x30\x82\x01')),
                  e_ip(ipudp(40003, 161, b'\x04\x03abc'))])
    # syslog
    case('syslog', [e_ip(ipudp(514, 514, m, dst=IGW), dst=GW) for m in (
        b'<34>Oct 11 22:14:15 host11 su: bad su', b'<13>hello', b'<191>x', b'<999>bad', b'no pri', b'<',
        b'<0>')])
    # RIP v1 request, v2 response with auth, v2 request whole table
    rip1 = bytes([1, 1, 0, 0]) + struct.pack('!HH4s8xI', 0, 0, b'\0' * 4, 16)
    rip2 = bytes([2, 2, 0, 0]) + struct.pack('!HH', 0xffff, 2) + b'secret'.ljust(16, b'\0') + \
        struct.pack('!HH4s4s4sI', 2, 7, REM[:3] + b'\0', b'\xff\xff\xff\0', b'\0' * 4, 1) + \
        struct.pack('!HH4s4s4sI', 2, 0, b'\x0a\x02\0\0', b'\xff\xff\0\0', IGW, 16)
    rip1r = bytes([2, 1, 0, 0]) + struct.pack('!HH4s8xI', 2, 0, b'\x0a\0\0\0', 3)
    case('rip', [eth(b'\x01\x00\x5e\x00\x00\x09', H11, 0x0800, ipudp(520, 520, m, dst=bytes([224, 0, 0, 9]),
                                                                    ttl=1))
                 for m in (rip1, rip2, rip1r, bytes([3, 2, 0, 0]), bytes([2, 9, 0, 0]) + b'\0' * 20, rip2[:30])])
    # TFTP
    case('tftp', [e_ip(ipudp(40000, 69, m, dst=IGW), dst=GW) for m in (
        b'\0\1pxelinux.0\0octet\0', b'\0\2upload.txt\0netascii\0blksize\x001428\0tsize\x000\0',
        b'\0\3\0\1' + b'A' * 20, b'\0\4\0\1', b'\0\5\0\1File not found\0', b'\0\6blksize\x001428\0',
        b'\0\x09junk', b'\0\1noterminator', b'\0')])
    # VXLAN and Geneve carrying ARP/ICMP, a bad VXLAN flag, Geneve options
    inner = eth(BC, H12, 0x0806, arp(1, 0x0800, 6, 4, 1, H12, I12, b'\0' * 6, I14), pad=False)
    vx = lambda fl, vni, payload: struct.pack('!BBHI', fl, 0, 0, vni << 8) + payload
    case('vxlan', [e_ip(ipudp(54321, 4789, vx(0x08, 5001, inner))),
                   e_ip(ipudp(54321, 4789, vx(0x00, 5001, inner))),
                   e_ip(ipudp(54321, 4789, vx(0x08, 0xffffff, eth(H14, H12, 0x0800, ip(1, icmp(
                       8, 0, b'\0\1\0\1'), src=I12, dst=I14), pad=False)))),
                   e_ip(ipudp(54321, 4789, vx(0x08, 1, b'')))])
    gopt = struct.pack('!HBB', 0x0102, 0x80, 1) + b'\xde\xad\xbe\xef'
    gen = lambda ver_ol, fl, proto, vni, opts, payload: struct.pack('!BBHI', ver_ol, fl, proto, vni << 8) + opts + \
        payload
    case('geneve', [e_ip(ipudp(54321, 6081, gen(0, 0, 0x6558, 7, b'', inner))),
                    e_ip(ipudp(54321, 6081, gen(2, 0xc0, 0x6558, 7, gopt, inner))),
                    e_ip(ipudp(54321, 6081, gen(0, 0, 0x0800, 8, b'', ip(1, icmp(8, 0, b'\0\1\0\1'), src=I12,
                                                                         dst=I14)))),
                    e_ip(ipudp(54321, 6081, gen(0x40, 0, 0x6558, 7, b'', inner))),
                    e_ip(ipudp(54321, 6081, gen(5, 0, 0x6558, 7, gopt, inner)))])
    # other well-known ports with short payloads
    case('udp_wellknown_ports', [e_ip(ipudp(40000 + i, p, b'\x01\x02\x03\x04\x05\x06\x07\x08'))
                                 for i, p in enumerate((7, 9, 13, 19, 37, 49, 111, 177, 500, 520, 521, 546, 547,
                                                        1812, 1900, 2049, 3784, 4500, 5060, 5353, 6081, 8472))])


# ---------------------------------------------------------------- snaplen cuts
def snaplen_cases():
    dhcp = CASES[[c[0] for c in CASES].index('dhcp_exchange')][1]
    case('snaplen64_dhcp', dhcp[:4], snaplen=64)
    case('snaplen50_icmp_errors', CASES[[c[0] for c in CASES].index('icmp_unreach_all_codes')][1][:6], snaplen=50)
    case('snaplen38_vlan', [eth(BC, H11, 0x8100, struct.pack('!HH', 10, 0x0800) + ipudp(40000, 53, b'\0' * 20))],
         snaplen=38)
    case('snaplen96_dns', CASES[[c[0] for c in CASES].index('dns_various')][1][:6], snaplen=96)


arp_cases()
llc_cases()
ip_cases()
icmp_cases()
dns_cases()
dhcp_cases()
misc_udp_cases()
snaplen_cases()
write_all(OUT)
