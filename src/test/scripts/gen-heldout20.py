#!/usr/bin/env python3
"""Writes the eighth held-out round's cases (refdata/tcpdump/heldout20/<case>/<case>.pcap) in the public corpus's
style: classic pcap, microsecond stamps from 1700000000.000000 one 1.012345 s apart, LINKTYPE_ETHERNET, the corpus's
hosts; bytes built by hand (no scapy, no randomness). What the corpora held none or little of (grep first: no HSRP
packet, no IPv6 routing header, DHCPv6 only as a few solicits, node information only as two queries, CDP only in
a few frames): a first-hop redundancy failover between two routers with HSRP versions 0 and 2, their virtual MAC's
gratuitous ARP and hosts resolving the virtual address, and VRRP beside them (`lab_hsrp_failover`), HSRP every way odd (`hsrp_odd`), DHCPv6
exchanges as dnsmasq and a relay send them (`lab_dhcpv6`), DHCPv6 messages every way odd (`dhcpv6_odd`), IPv6
routing headers of types 0, 2 and 4 with ICMPv6, UDP and TCP inside (`ipv6_routing`), ping -N's node information
queries and replies (`icmpv6_nodeinfo`), CDP as lldpd and a switch send it (`lab_cdp`), and a mix of those cut at
each snaplen from 42 to 146 (`fhrp_dhcpv6_snaplen_N`). record-heldout.sh 20 prints them with the real tools. Usage: gen-heldout20.py OUTDIR"""
import struct, sys

from heldout_frames import case, csum, eth, write_all

OUT = sys.argv[1] if len(sys.argv) > 1 else 'src/test/resources/refdata/tcpdump/heldout20'

GW, R2, H11, H13 = (bytes.fromhex('0242ac1c00' + x) for x in ('01', '02', '0b', '0d'))
VMAC0 = bytes.fromhex('00000c07ac01')
VMAC2 = bytes.fromhex('00000c9ff001')
IGW, IR2, I11, I13 = (bytes([172, 28, 0, x]) for x in (1, 2, 11, 13))
VIP = bytes([172, 28, 0, 254])
BC = b'\xff' * 6
L11 = bytes.fromhex('fe800000000000000042acfffe1c000b')
LGW = bytes.fromhex('fe800000000000000042acfffe1c0001')
LR2 = bytes.fromhex('fe800000000000000042acfffe1c0002')
G11 = bytes.fromhex('20010db8000000000000000000000011')
G13 = bytes.fromhex('20010db8000000000000000000000013')
SEG = [bytes.fromhex('20010db8000a00000000000000000%03x' % n) for n in range(1, 6)]
ALL_DHCP = bytes.fromhex('ff020000000000000000000000010002')
HSRP6 = bytes.fromhex('ff020000000000000000000000000066')


def mmac4(ip4):
    return bytes([1, 0, 0x5e, ip4[1] & 0x7f, ip4[2], ip4[3]])


def mmac6(ip6):
    return bytes([0x33, 0x33]) + ip6[12:]


def ip(proto, payload, src, dst, ttl=64, ident=0x1c2d, df=False, tos=0):
    h = struct.pack('!BBHHHBBH4s4s', 0x45, tos, 20 + len(payload), ident, 0x4000 if df else 0, ttl, proto, 0, src,
                    dst)
    return h[:10] + struct.pack('!H', csum(h)) + h[12:] + payload


def ip6(nh, payload, src, dst, hlim=64, plen=None):
    return struct.pack('!IHBB', 0x60000000, len(payload) if plen is None else plen, nh, hlim) + src + dst + payload


def l4sum(proto, seg, src, dst):
    ph = src + dst + (struct.pack('!BBH', 0, proto, len(seg)) if len(src) == 4 else
                      struct.pack('!IxxxB', len(seg), proto))
    return csum(ph + seg)


def udp(sport, dport, data, src, dst):
    h = struct.pack('!HHHH', sport, dport, 8 + len(data), 0)
    return h[:6] + struct.pack('!H', l4sum(17, h + data, src, dst) or 0xffff) + data


def tcp_syn(sport, dport, src, dst, seq=0x1f2e3d4c):
    h = struct.pack('!HHIIBBHHH', sport, dport, seq, 0, 0x50, 0x02, 64240, 0, 0)
    return h[:16] + struct.pack('!H', l4sum(6, h, src, dst)) + h[18:]


def icmp6(t, c, body, src, dst):
    m = bytes([t, c, 0, 0]) + body
    return m[:2] + struct.pack('!H', l4sum(58, m, src, dst)) + m[4:]


def arp(op, sha, spa, tha, tpa, dmac=None):
    return eth(dmac or (BC if op == 1 else tha), sha, 0x0806,
               struct.pack('!HHBBH6s4s6s4s', 1, 0x0800, 6, 4, op, sha, spa, tha, tpa))


def e4(payload, smac, dmac):
    return eth(dmac, smac, 0x0800, payload)


def e6(payload, smac, dmac):
    return eth(dmac, smac, 0x86dd, payload)


# ---------------------------------------------------------------- HSRP (RFC 2281 and Cisco's version 2)
def hsrp0(op, state, prio, src, group=1, hello=3, hold=10, auth=b'cisco', vip=VIP):
    return bytes([0, op, state, hello, hold, prio, group, 0]) + auth.ljust(8, b'\0')[:8] + vip


def hsrp0_adv(state, active=1, passive=0):
    return struct.pack('!BBHHBBHHI', 0, 3, 1, 12, state, 0, active, passive, 0)


def md5_tlv(src, key=7):
    return struct.pack('!BBBBH4sI', 4, 28, 1, 0, 0, src, key) + bytes.fromhex('5d41402abc4b2a76b9719d911017c592')


def group_tlv(op, state, prio, ident, group=1, ipver=4, vip=VIP, hello=3000, hold=10000):
    return struct.pack('!BBBBBBH6sIII', 1, 40, 2, op, state, ipver, group, ident, prio, hello, hold) + \
        vip.ljust(16, b'\0')


def text_tlv(auth=b'cisco'):
    return bytes([3, 8]) + auth.ljust(8, b'\0')[:8]


def iface_tlv(active, passive):
    return struct.pack('!BBHH', 2, 4, active, passive)


def hsrp_v4(msg, src, smac, dst=bytes([224, 0, 0, 2]), sport=1985, dport=1985, ttl=1):
    return e4(ip(17, udp(sport, dport, msg, src, dst), src, dst, ttl=ttl), smac, mmac4(dst))


def hsrp_v6(msg, src, smac, dst=HSRP6, sport=2029, dport=2029):
    return e6(ip6(17, udp(sport, dport, msg, src, dst), src, dst, hlim=255), smac, mmac6(dst))


def vrrp(vrid, prio, src, smac, addrs, version=2):
    body = bytes([(version << 4) | 1, vrid, prio, len(addrs)]) + (bytes([0, 1]) if version == 2 else b'\0\x64') + \
        b'\0\0' + b''.join(addrs)
    dst = bytes([224, 0, 0, 18])
    ph = src + dst + struct.pack('!BBH', 0, 112, len(body)) if version == 3 else b''
    body = body[:6] + struct.pack('!H', csum(ph + body)) + body[8:]
    return e4(ip(112, body, src, dst, ttl=255), smac, mmac4(dst))


def lab_hsrp_failover():
    f = []
    # R2 comes up: listen, speak, standby; R1 (GW) is active
    for st in (2, 4, 8):
        f.append(hsrp_v4(hsrp0(0, st, 90, IR2), IR2, R2))
    f.append(hsrp_v4(hsrp0(0, 16, 110, IGW), IGW, GW))
    f.append(arp(2, VMAC0, VIP, BC, VIP, BC))  # the active router's gratuitous ARP for the virtual address
    f.append(arp(1, H11, I11, bytes(6), VIP))
    f.append(arp(2, VMAC0, VIP, H11, I11))
    f.append(e4(ip(1, bytes.fromhex('08005d1d0b0e0001') + bytes(16), I11, bytes([10, 9, 9, 9])), H11, VMAC0))
    # R1 resigns (shutdown), R2 coups and takes over, announces the virtual MAC
    f.append(hsrp_v4(hsrp0(2, 16, 110, IGW), IGW, GW))
    f.append(hsrp_v4(hsrp0(1, 4, 120, IR2), IR2, R2))
    f.append(hsrp_v4(hsrp0(0, 16, 120, IR2), IR2, VMAC0))
    f.append(arp(2, VMAC0, VIP, BC, VIP, BC))
    f.append(hsrp_v4(hsrp0_adv(3, 1, 0), IR2, R2))
    f.append(hsrp_v4(hsrp0_adv(2, 0, 1), IGW, GW))
    # MD5 authentication (50 bytes), version 0
    f.append(hsrp_v4(hsrp0(0, 16, 120, IR2, auth=b'') + md5_tlv(IR2), IR2, VMAC0))
    f.append(hsrp_v4(hsrp0(0, 8, 110, IGW, auth=b'') + md5_tlv(IGW), IGW, GW))
    # version 2: group 1 to 224.0.0.102 with text and MD5 authentication, interface state, IPv6 groups
    f.append(hsrp_v4(group_tlv(0, 6, 120, R2, 1) + text_tlv(), IR2, VMAC2, bytes([224, 0, 0, 102])))
    f.append(hsrp_v4(group_tlv(0, 5, 110, GW, 1) + md5_tlv(IGW), IGW, GW, bytes([224, 0, 0, 102])))
    f.append(hsrp_v4(iface_tlv(1, 1), IGW, GW, bytes([224, 0, 0, 102])))
    f.append(hsrp_v4(group_tlv(1, 4, 130, GW, 1) + text_tlv(), IGW, GW, bytes([224, 0, 0, 102])))
    f.append(hsrp_v4(group_tlv(2, 6, 120, R2, 1) + text_tlv(), IR2, VMAC2, bytes([224, 0, 0, 102])))
    vip6 = bytes.fromhex('fe800000000000000000000000000001')
    f.append(hsrp_v6(group_tlv(0, 6, 120, R2, 2, 6, vip6) + text_tlv(), LR2, R2))
    f.append(hsrp_v6(group_tlv(0, 5, 100, GW, 2, 6, vip6), LGW, GW))
    f.append(hsrp_v6(group_tlv(0, 3, 100, GW, 2, 6, vip6) + group_tlv(0, 3, 100, GW, 3, 6, vip6), LGW, GW))
    # VRRP next to it: keepalived's version 2 and 3 adverts and the VRRP MAC's gratuitous ARP
    f.append(vrrp(51, 100, IGW, bytes.fromhex('00005e000133'), [bytes([172, 28, 0, 250])]))
    f.append(vrrp(51, 100, IGW, bytes.fromhex('00005e000133'), [bytes([172, 28, 0, 250])], version=3))
    f.append(arp(2, bytes.fromhex('00005e000133'), bytes([172, 28, 0, 250]), BC, bytes([172, 28, 0, 250]), BC))
    case('lab_hsrp_failover', f)


def hsrp_odd():
    f = []
    for op in (0, 1, 2, 3, 4, 7, 255):
        for st in (0, 1, 2, 4, 8, 16, 32):
            if op == 3:
                f.append(hsrp_v4(hsrp0_adv(st % 5), IGW, GW))
                break
            f.append(hsrp_v4(hsrp0(op, st, 100, IGW, hello=3 if st else 1, hold=10 if st else 4), IGW, GW))
    f.append(hsrp_v4(hsrp0(0, 16, 100, IGW, auth=b'secret12'), IGW, GW))
    f.append(hsrp_v4(hsrp0(0, 16, 100, IGW, auth=b'cisco123'), IGW, GW))
    f.append(hsrp_v4(hsrp0(0, 16, 100, IGW, auth=b'ci\x01co\xff'), IGW, GW))
    f.append(hsrp_v4(hsrp0(0, 16, 100, IGW, group=255, hello=0, hold=255), IGW, GW))
    f.append(hsrp_v4(bytes([1]) + hsrp0(0, 16, 100, IGW)[1:], IGW, GW))  # version 1
    f.append(hsrp_v4(hsrp0(0, 16, 100, IGW) + bytes([5, 28]) + bytes(28), IGW, GW))  # 50 bytes, not MD5
    f.append(hsrp_v4(hsrp0(0, 16, 100, IGW) + bytes(4), IGW, GW))
    for n in (0, 1, 2, 3, 8, 12, 16, 19):
        f.append(hsrp_v4(hsrp0(0, 16, 100, IGW)[:n], IGW, GW))
    f.append(hsrp_v4(hsrp0_adv(3)[:9], IGW, GW))
    f.append(hsrp_v4(hsrp0(0, 16, 100, IGW), IGW, GW, bytes([172, 28, 0, 2])))  # unicast
    f.append(hsrp_v4(hsrp0(0, 16, 100, IGW), IGW, GW, sport=1985, dport=5000))
    f.append(hsrp_v4(hsrp0(0, 16, 100, IGW), IGW, GW, sport=5000, dport=1985))
    f.append(hsrp_v4(group_tlv(0, 6, 100, GW), IGW, GW))  # version 2 sent to version 0's group
    f.append(hsrp_v4(hsrp0(0, 16, 100, IGW), IGW, GW, bytes([224, 0, 0, 102])))  # and the reverse
    for chain in (group_tlv(0, 6, 100, GW, ipver=5), b'',
                  bytes([1, 38]) + group_tlv(0, 6, 100, GW)[2:40], bytes([9, 4, 0, 0, 0, 0]) + group_tlv(0, 6, 1, GW),
                  group_tlv(0, 6, 100, GW) + bytes([9, 2, 0, 0]) + iface_tlv(4, 4), iface_tlv(0, 0)[:4],
                  group_tlv(0, 6, 100, GW)[:30], text_tlv() + text_tlv(b'other'), group_tlv(7, 9, 100, GW)):
        f.append(hsrp_v4(chain, IGW, GW, bytes([224, 0, 0, 102])))
    f.append(hsrp_v6(group_tlv(0, 6, 100, GW, 1, 4), LGW, GW))
    f.append(hsrp_v6(group_tlv(0, 6, 100, GW, 1, 6), LGW, GW, sport=1985, dport=1985))
    f.append(hsrp_v6(hsrp0(0, 16, 100, IGW), LGW, GW))
    case('hsrp_odd', f)


# ---------------------------------------------------------------- DHCPv6 (RFC 8415)
def opt(code, data):
    return struct.pack('!HH', code, len(data)) + data


def dname(*labels):
    return b''.join(bytes([len(l)]) + l for l in labels) + b'\0'


CID = opt(1, bytes.fromhex('000100012b3c4d5e0242ac1c000b'))
SID = opt(2, bytes.fromhex('000100012a000001') + GW)
ADDR = bytes.fromhex('20010db8000000000000000000000100')


def ia_na(iaid, t1=0, t2=0, addrs=(), status=None):
    inner = b''.join(opt(5, a + struct.pack('!II', 3600, 7200)) for a in addrs)
    if status is not None:
        inner += opt(13, struct.pack('!H', status[0]) + status[1])
    return opt(3, struct.pack('!III', iaid, t1, t2) + inner)


def dhcp6(msg, src=L11, dst=ALL_DHCP, sport=546, dport=547, smac=H11, dmac=None, hlim=1):
    return e6(ip6(17, udp(sport, dport, msg, src, dst), src, dst, hlim=hlim), smac, dmac or mmac6(dst))


def lab_dhcpv6():
    f = []
    oro = opt(6, struct.pack('!HHH', 23, 24, 82))
    el = opt(8, struct.pack('!H', 0))
    dns = opt(23, bytes.fromhex('20010db8000000000000000000000053'))
    dom = opt(24, dname(b'lab', b'example'))
    xid = (0x3f, 0x2a, 0x19)
    f.append(dhcp6(bytes([1, *xid]) + CID + opt(14, b'') + ia_na(0x0242ac0b) + oro + el))
    f.append(dhcp6(bytes([2, *xid]) + CID + SID + ia_na(0x0242ac0b, 1800, 2880, [ADDR]) + dns,
                   LGW, L11, 547, 546, GW, H11))
    f.append(dhcp6(bytes([3, 0x3f, 0x2a, 0x1a]) + CID + SID + ia_na(0x0242ac0b, 1800, 2880, [ADDR]) + oro +
                   opt(8, struct.pack('!H', 100))))
    f.append(dhcp6(bytes([7, 0x3f, 0x2a, 0x1a]) + CID + SID + ia_na(0x0242ac0b, 1800, 2880, [ADDR]) + dns,
                   LGW, L11, 547, 546, GW, H11))
    f.append(dhcp6(bytes([7, 0x3f, 0x2a, 0x1a]) + CID + SID + ia_na(0x0242ac0b, 1800, 2880, [ADDR]) + dns + dom,
                   LGW, L11, 547, 546, GW, H11))
    # the address's duplicate address detection, then a renew, a rebind, a release, a decline
    f.append(e6(ip6(58, icmp6(135, 0, bytes(4) + ADDR, bytes(16), bytes.fromhex('ff0200000000000000000001ff000100')),
                    bytes(16), bytes.fromhex('ff0200000000000000000001ff000100'), 255), H11,
                bytes.fromhex('3333ff000100')))
    f.append(dhcp6(bytes([5, 0, 0x1b, 0x2c]) + CID + SID + ia_na(0x0242ac0b, 0, 0, [ADDR]) + el, ADDR))
    f.append(dhcp6(bytes([7, 0, 0x1b, 0x2c]) + CID + SID + ia_na(0x0242ac0b, 1800, 2880, [ADDR]),
                   LGW, ADDR, 547, 546, GW, H11))
    f.append(dhcp6(bytes([6, 0, 0x1b, 0x2d]) + CID + ia_na(0x0242ac0b, 0, 0, [ADDR]) + el, ADDR))
    f.append(dhcp6(bytes([8, 0, 0x1b, 0x2e]) + CID + SID + ia_na(0x0242ac0b, 0, 0, [ADDR]) + el, ADDR))
    f.append(dhcp6(bytes([7, 0, 0x1b, 0x2e]) + SID + CID + opt(13, struct.pack('!H', 0) + b'Release received.'),
                   LGW, ADDR, 547, 546, GW, H11))
    f.append(dhcp6(bytes([9, 0, 0x1b, 0x2f]) + CID + SID + ia_na(0x0242ac0b, 0, 0, [ADDR]), ADDR))
    f.append(dhcp6(bytes([4, 0, 0x1b, 0x30]) + CID + ia_na(0x0242ac0b, 0, 0, [ADDR]) + el))
    # stateless: information-request and its reply; no addresses available
    f.append(dhcp6(bytes([11, 0x77, 0x01, 0x02]) + CID + oro + el))
    f.append(dhcp6(bytes([7, 0x77, 0x01, 0x02]) + SID + CID + dns + opt(32, struct.pack('!I', 86400)),
                   LGW, L11, 547, 546, GW, H11))
    f.append(dhcp6(bytes([2, 0x55, 0, 1]) + SID + CID + opt(13, struct.pack('!H', 2) + b'no addresses available'),
                   LGW, L11, 547, 546, GW, H11))
    # prefix delegation
    f.append(dhcp6(bytes([1, 0x66, 0, 1]) + CID + opt(25, struct.pack('!III', 1, 0, 0)) + el))
    f.append(dhcp6(bytes([7, 0x66, 0, 1]) + SID + CID + opt(25, struct.pack('!III', 1, 1800, 2880) + opt(
        26, struct.pack('!IIB', 3600, 7200, 56) + bytes.fromhex('20010db8ff0000000000000000000000'))),
        LGW, L11, 547, 546, GW, H11))
    # a relay agent (R2) between: relay-forward to the server and relay-reply back
    inner = bytes([1, *xid]) + CID + ia_na(0x0242ac0b) + el
    f.append(dhcp6(bytes([12, 0]) + G11 + L11 + opt(18, b'eth1') + opt(9, inner),
                   bytes.fromhex('20010db8000000000000000000000002'), G13, 547, 547, R2, GW, 64))
    inner = bytes([2, *xid]) + SID + CID + ia_na(0x0242ac0b, 1800, 2880, [ADDR])
    f.append(dhcp6(bytes([13, 0]) + G11 + L11 + opt(18, b'eth1') + opt(9, inner),
                   G13, bytes.fromhex('20010db8000000000000000000000002'), 547, 547, GW, R2, 64))
    f.append(dhcp6(bytes([12, 1]) + G11 + L11 + opt(9, bytes([12, 0]) + G13 + L11 + opt(9, inner[:4] + CID)),
                   bytes.fromhex('20010db8000000000000000000000002'), G13, 547, 547, R2, GW, 64))
    case('lab_dhcpv6', f)


def dhcpv6_odd():
    f = []
    for t in (0, 10, 14, 15, 16, 17, 18, 19, 20, 21, 35, 255):
        f.append(dhcp6(bytes([t, 1, 2, 3]) + CID))
    for m in (b'', bytes([1]), bytes([1, 0, 0]), bytes([12, 0]) + bytes(10), bytes([12, 0]) + bytes(16),
              bytes([13, 0]) + bytes(33), bytes([1, 0, 0, 1]) + opt(1, b''), bytes([1, 0, 0, 1]) + opt(1, b'\x01'),
              bytes([1, 0, 0, 1]) + opt(1, bytes(range(48))), bytes([1, 0, 0, 1]) + struct.pack('!HH', 1, 200) + CID,
              bytes([1, 0, 0, 1]) + CID + b'\0', bytes([1, 0, 0, 1]) + CID + b'\0\1\0',
              bytes([1, 0, 0, 1]) + opt(3, struct.pack('!III', 1, 0, 0) + opt(5, ADDR)) + CID,
              bytes([1, 0, 0, 1]) + opt(3, struct.pack('!III', 1, 0, 0) + struct.pack('!HH', 5, 90)) + CID,
              bytes([1, 0, 0, 1]) + opt(3, b'\0\0\0\1') + CID, bytes([1, 0, 0, 1]) + opt(4, struct.pack('!I', 9) +
                                                                                       opt(5, ADDR + bytes(8))),
              bytes([1, 0, 0, 1]) + opt(6, b'\0\x17\0') , bytes([1, 0, 0, 1]) + opt(13, b''),
              bytes([1, 0, 0, 1]) + opt(9, b'') + CID, bytes([1, 0, 0, 1]) + opt(9, bytes([7, 0, 0])),
              bytes([1, 0, 0, 1]) + opt(9, bytes([3, 9, 9, 9]) + SID) + CID, bytes([1, 0, 0, 1]) + opt(200, b'xyz'),
              bytes([1, 0, 0, 1]) + opt(14, b'') + opt(7, b'\xff') + opt(20, b'') + opt(12, G13)):
        f.append(dhcp6(m))
    f.append(dhcp6(bytes([1, 0, 0, 1]) + CID, sport=546, dport=546))
    f.append(dhcp6(bytes([7, 0, 0, 1]) + SID + CID, LGW, L11, 547, 5000, GW, H11))
    case('dhcpv6_odd', f)


# ---------------------------------------------------------------- IPv6 routing headers (RFC 8200, 6275, 8754)
def rh(nxt, typ, segleft, data, hlen=None):
    body = bytes([typ, segleft]) + data
    n = (len(body) + 2 + 7) // 8 * 8
    body = body.ljust(n - 2, b'\0')
    return bytes([nxt, (n // 8 - 1) if hlen is None else hlen]) + body


def echo6(src, dst, ident=0x4d01, seq=1, t=128):
    return icmp6(t, 0, struct.pack('!HH', ident, seq) + b'abcdefgh', src, dst)


def ipv6_routing():
    f = []
    final = SEG[2]
    # type 0 (deprecated): two addresses, segments left 2, 1, 0 as the packet travels
    for sl, dst in ((2, SEG[0]), (1, SEG[1]), (0, final)):
        f.append(e6(ip6(43, rh(58, 0, sl, bytes(4) + SEG[1] + final) + echo6(G11, final), G11, dst), H11, GW))
    # type 2 (Mobile IPv6): to the care-of address carrying the home address, a reply and a UDP datagram
    hoa = bytes.fromhex('20010db8000b00000000000000000011')
    f.append(e6(ip6(43, rh(58, 2, 1, bytes(4) + hoa) + echo6(G13, hoa, t=129), G13, G11), GW, H11))
    f.append(e6(ip6(43, rh(17, 2, 1, bytes(4) + hoa) + udp(53, 40000, b'\x12\x34\x81\x80' + bytes(8), G13, hoa),
                    G13, G11), GW, H11))
    f.append(e6(ip6(43, rh(58, 2, 0, bytes(4) + hoa) + echo6(G13, hoa, t=129), G13, hoa), GW, H11))
    # type 4 (SRv6): segment lists of one to three, segments left 0 to 2, ICMPv6, UDP, TCP inside, tags and flags
    for segs, sl in (([final], 0), ([final, SEG[1]], 1), ([final, SEG[1], SEG[0]], 2), ([final, SEG[1]], 0)):
        data = bytes([len(segs) - 1, 0, 0, 0]) + b''.join(segs)
        f.append(e6(ip6(43, rh(58, 4, sl, data) + echo6(G11, final), G11, segs[sl]), H11, GW))
    data = bytes([1, 0, 0, 7]) + final + SEG[1]
    f.append(e6(ip6(43, rh(17, 4, 1, data) + udp(40001, 4789, bytes(8), G11, final), G11, SEG[1]), H11, GW))
    f.append(e6(ip6(43, rh(6, 4, 1, data) + tcp_syn(40002, 22, G11, final), G11, SEG[1]), H11, GW))
    f.append(e6(ip6(43, rh(59, 4, 1, data), G11, SEG[1]), H11, GW))
    # behind hop-by-hop options, before destination options (the home address option) and a fragment header
    f.append(e6(ip6(0, bytes([43, 0, 1, 4, 0, 0, 0, 0]) + rh(58, 0, 1, bytes(4) + final) + echo6(G11, final), G11,
                    SEG[0]), H11, GW))
    f.append(e6(ip6(43, rh(60, 2, 1, bytes(4) + hoa) + bytes([58, 2, 1, 2, 0, 0, 0xc9, 16]) + G11 +
                    echo6(G13, hoa, t=129), G13, G11), GW, H11))
    f.append(e6(ip6(43, rh(44, 0, 1, bytes(4) + final) + struct.pack('!BBHI', 58, 0, 0, 0x1234) + echo6(G11, final),
                    G11, SEG[0]), H11, GW))
    # odd ones: unknown types, segments left past the addresses, lengths past the packet, an empty header
    for typ in (1, 3, 5, 200, 253):
        f.append(e6(ip6(43, rh(58, typ, 1, bytes(4) + final) + echo6(G11, final), G11, SEG[0]), H11, GW))
    f.append(e6(ip6(43, rh(58, 0, 5, bytes(4) + final) + echo6(G11, final), G11, SEG[0]), H11, GW))
    f.append(e6(ip6(43, rh(58, 0, 1, bytes(4) + final, hlen=5) + echo6(G11, final), G11, SEG[0]), H11, GW))
    f.append(e6(ip6(43, rh(58, 0, 1, bytes(4) + final, hlen=1) + echo6(G11, final), G11, SEG[0]), H11, GW))
    f.append(e6(ip6(43, rh(58, 4, 1, bytes([4, 0, 0, 0]) + final) + echo6(G11, final), G11, SEG[0]), H11, GW))
    f.append(e6(ip6(43, rh(58, 0, 0, b''), G11, SEG[0]), H11, GW))
    f.append(e6(ip6(43, b'\x3a\x00\x00', G11, SEG[0]), H11, GW))
    # an error quoting a packet with a routing header
    inner = ip6(43, rh(58, 0, 1, bytes(4) + final) + echo6(G11, final), G11, SEG[0])
    f.append(e6(ip6(58, icmp6(1, 0, bytes(4) + inner, SEG[0], G11), SEG[0], G11), GW, H11))
    case('ipv6_routing', f)


# ---------------------------------------------------------------- node information (RFC 4620, ping -N)
def nodeinfo():
    f = []
    nonce = bytes.fromhex('8f1e2d3c4b5a6978')

    def ni(t, code, qtype, data, src, dst, flags=0, nc=nonce):
        return e6(ip6(58, icmp6(t, code, struct.pack('!HH', qtype, flags) + nc + data, src, dst), src, dst),
                  H11 if src == G11 else GW, GW if src == G11 else H11)
    # ping -N name, -N ipv6, -N ipv6-all, -N ipv4, -N ipv4-all, -N subject-name=..., -N supported-qtypes
    f.append(ni(139, 0, 2, G13, G11, G13))
    f.append(ni(140, 0, 2, struct.pack('!I', 0) + dname(b'h13', b'lab') + b'\0\0', G13, G11))
    f.append(ni(139, 0, 3, G13, G11, G13, flags=0x0002))
    f.append(ni(140, 0, 3, struct.pack('!I', 3600) + G13 + struct.pack('!I', 3600) +
                bytes.fromhex('fe800000000000000042acfffe1c000d'), G13, G11, flags=0x0002))
    f.append(ni(139, 0, 4, G13, G11, G13, flags=0x0002))
    f.append(ni(140, 0, 4, struct.pack('!I', 0) + bytes([172, 28, 0, 13]), G13, G11, flags=0x0002))
    f.append(ni(139, 1, 2, dname(b'h13', b'lab'), G11, G13))
    f.append(ni(139, 1, 2, dname(b'h13') + b'\0', G11, G13))
    f.append(ni(139, 2, 2, bytes([172, 28, 0, 13]), G11, G13))
    f.append(ni(139, 0, 1, G13, G11, G13))
    f.append(ni(140, 0, 1, struct.pack('!I', 0x0000001e), G13, G11))
    f.append(ni(139, 0, 0, G13, G11, G13))
    f.append(ni(140, 0, 0, b'', G13, G11))
    f.append(ni(140, 1, 2, b'', G13, G11))
    f.append(ni(140, 2, 9, b'', G13, G11))
    f.append(ni(140, 0, 2, struct.pack('!I', 0) + dname(b'h13', b'lab') + dname(b'alias', b'lab'), G13, G11))
    f.append(ni(140, 0, 2, struct.pack('!I', 0) + dname(b'h13') + b'\xc0\x20', G13, G11))
    f.append(ni(139, 5, 2, b'', G11, G13))
    f.append(ni(139, 0, 2, G13[:10], G11, G13))
    f.append(ni(140, 0, 3, struct.pack('!I', 3600) + G13[:8], G13, G11))
    f.append(ni(140, 0, 4, struct.pack('!I', 0) + bytes([172, 28, 0, 13]) + b'\0\0', G13, G11))
    case('icmpv6_nodeinfo', f)


# ---------------------------------------------------------------- CDP (lldpd's and a switch's)
def cdp_tlv(t, d, ln=None):
    return struct.pack('!HH', t, 4 + len(d) if ln is None else ln) + d


def cdp(tlvs, smac, ver=2, ttl=180):
    body = bytes([ver, ttl, 0, 0]) + b''.join(tlvs)
    body = body[:2] + struct.pack('!H', csum(body)) + body[4:]
    llc = bytes([0xaa, 0xaa, 0x03, 0, 0, 0x0c, 0x20, 0x00]) + body
    f = bytes.fromhex('01000ccccccc') + smac + struct.pack('!H', len(llc)) + llc
    return f + bytes(max(0, 60 - len(f)))


def cdp_addrs(*ips):
    return struct.pack('!I', len(ips)) + b''.join(bytes([1, 1, 0xcc]) + struct.pack('!H', 4) + a for a in ips)


SW = bytes.fromhex('001b2c3d4e01')


def lab_cdp():
    f = []
    # lldpd with CDP enabled (lldpd -c): version 1 and 2, its host name, port, capabilities, software, platform
    for ver in (1, 2):
        f.append(cdp([cdp_tlv(1, b'h11.lab'), cdp_tlv(2, cdp_addrs(I11)), cdp_tlv(3, b'eth0'),
                      cdp_tlv(4, struct.pack('!I', 0x10)), cdp_tlv(5, b'lldpd 1.0.16 running on Linux 6.1.0'),
                      cdp_tlv(6, b'Linux')], H11, ver))
    # a switch: many TLVs, addresses of two kinds, native VLAN, duplex, VTP domain, management address, power
    f.append(cdp([cdp_tlv(1, b'sw1.lab.example'), cdp_tlv(5, b'Cisco IOS Software, C2960 Software\nVersion 15.2(7)E'),
                  cdp_tlv(6, b'cisco WS-C2960-24TT-L'), cdp_tlv(2, cdp_addrs(IGW, bytes([10, 0, 0, 1]))),
                  cdp_tlv(3, b'FastEthernet0/11'), cdp_tlv(4, struct.pack('!I', 0x28)),
                  cdp_tlv(8, bytes.fromhex('00000c0112') + bytes(32)), cdp_tlv(9, b'LAB'), cdp_tlv(0xa, b'\0\x01'),
                  cdp_tlv(0xb, b'\x01'), cdp_tlv(0x12, b'\0'), cdp_tlv(0x13, b'\0'), cdp_tlv(0x16, cdp_addrs(IGW)),
                  cdp_tlv(0x10, b'\x3a\x98'), cdp_tlv(0x1a, struct.pack('!HHI', 1, 1, 15400)),
                  cdp_tlv(0x1f, b'\x01')], SW))
    f.append(arp(1, SW, IGW, bytes(6), I11))
    f.append(arp(2, H11, I11, SW, IGW))
    # odd ones: padded and odd names, a port ID without the header in its length, addresses cut, IP prefixes,
    # a TLV under four bytes, unknown TLVs, nothing after the header, a TTL of 0 (shutdown)
    f.append(cdp([cdp_tlv(1, b'sw2\0\0\0\0'), cdp_tlv(3, b'Gi1/0/1\0')], SW))
    f.append(cdp([cdp_tlv(1, b'\x01sw\xc3\xa9\xff')], SW))
    f.append(cdp([cdp_tlv(3, b'eth0', ln=7) + b'\x01\x02\x03\x04\x05'], SW))
    f.append(cdp([cdp_tlv(2, struct.pack('!I', 2) + bytes([1, 1, 0xcc, 0, 4, 10, 0, 0, 1]))], SW))
    f.append(cdp([cdp_tlv(7, bytes([10, 0, 0, 0, 8, 10, 1, 0, 0, 16])), cdp_tlv(7, bytes([10, 0, 0, 1]))], SW))
    f.append(cdp([cdp_tlv(1, b'x'), b'\0\x01\0\x02', cdp_tlv(1, b'y')], SW))
    f.append(cdp([cdp_tlv(0x99, b'xyz'), cdp_tlv(1, b'after')], SW))
    f.append(cdp([], SW))
    f.append(cdp([cdp_tlv(1, b'sw1.lab.example'), cdp_tlv(3, b'FastEthernet0/11')], SW, ttl=0))
    f.append(cdp([cdp_tlv(1, b'abc', ln=40)], SW))
    case('lab_cdp', f)


def snaplen_cases():
    final = SEG[2]
    mix = [
        hsrp_v4(hsrp0(0, 16, 110, IGW), IGW, GW),
        hsrp_v4(group_tlv(0, 6, 120, R2, 1) + text_tlv(), IR2, VMAC2, bytes([224, 0, 0, 102])),
        hsrp_v4(hsrp0(0, 16, 120, IR2, auth=b'') + md5_tlv(IR2), IR2, VMAC0),
        dhcp6(bytes([1, 0x3f, 0x2a, 0x19]) + CID + ia_na(0x0242ac0b) + opt(8, b'\0\0')),
        dhcp6(bytes([7, 0x3f, 0x2a, 0x1a]) + CID + SID + ia_na(0x0242ac0b, 1800, 2880, [ADDR]),
              LGW, L11, 547, 546, GW, H11),
        e6(ip6(43, rh(58, 4, 1, bytes([1, 0, 0, 0]) + final + SEG[1]) + echo6(G11, final), G11, SEG[1]), H11, GW),
        e6(ip6(58, icmp6(140, 0, struct.pack('!HH', 2, 0) + bytes(8) + struct.pack('!I', 0) + dname(b'h13', b'lab'),
                         G13, G11), G13, G11), GW, H11),
        arp(2, VMAC0, VIP, BC, VIP, BC),
        cdp([cdp_tlv(1, b'h11.lab'), cdp_tlv(2, cdp_addrs(I11)), cdp_tlv(3, b'eth0'), cdp_tlv(4, struct.pack('!I', 0x10))],
            H11),
    ]
    for snap in range(42, 147, 8):
        case('fhrp_dhcpv6_snaplen_%d' % snap, mix, snaplen=snap)


lab_hsrp_failover()
hsrp_odd()
lab_dhcpv6()
dhcpv6_odd()
ipv6_routing()
nodeinfo()
lab_cdp()
snaplen_cases()
write_all(OUT)
