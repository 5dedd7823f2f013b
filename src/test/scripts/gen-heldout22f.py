#!/usr/bin/env python3
"""Writes the ports-left round's cases (refdata/tcpdump/heldout22f/<case>/<case>.pcap) in the public corpus's style:
classic pcap, microsecond stamps from 1700000000.000000 one 1.012345 s apart, LINKTYPE_ETHERNET, the corpus's hosts;
bytes built by hand (no scapy, no randomness). Printers `lab_udp_ports_left` still lacked: AHCP (ahcpd's version 1
discover, offer, request, ack, nack and release with every option, and every way odd: magic, versions, short headers
and bodies, body lengths past the datagram, MBZ, option lengths that do not fit or are wrong for their type, unknown
types and options, cut frames; `ahcp_messages`), Zephyr (zhm's and zwgc's notices: subscriptions, locates, hide,
admin, host manager and windowgram control, login exposure, personal and class messages, server acks and naks, other
versions, kinds by strtol()'s hex, fields missing, long names, cut frames; `zephyr_notices`) and LBL's whiteboard
(announcements with their id/offset lists and site names, repair requests and replies, drawing operations with every
op type, SKIP and HOLE spans in and out of range, page vector requests and replies, kill, flags, unknown types, short
bodies, cut frames; `wb_whiteboard`). record-heldout.sh 22f prints them with the real tools.
Usage: gen-heldout22f.py OUTDIR"""
import struct, sys

from heldout_frames import (BC, G11, G13, GW, H11, H12, H13, H14, I11, I12, I13, I14, IGW, L11, L13, R1, R2, R3,
                            Z6, case, csum, eth, eu, eu6, ip, ip6, l4sum, tcp_syn, u16, u32, udp, write_all)

OUT = sys.argv[1] if len(sys.argv) > 1 else 'src/test/resources/refdata/tcpdump/heldout22f'


# ---------------------------------------------------------------- AHCP (print-ahcp.c), UDP 5359
def ahcp(body, magic=43, ver=1, hops=(1, 64), nonce=0x1234abcd, src=b'\x02\x42\xac\xff\xfe\x1c\x00\x0b',
         dst=b'\xff' * 8):
    return bytes([magic, ver, hops[0], hops[1]]) + u32(nonce) + src + dst + body


def msg(t, opts, mbz=0, blen=None):
    return bytes([t, mbz]) + u16(len(opts) if blen is None else blen) + opts


def opt(no, val):
    return bytes([no, len(val)]) + val


P6 = G13 + b'\x40'
P4 = bytes([10, 0, 0, 0, 24])


def ahcp_messages():
    full = (opt(2, u32(1700000000)) + opt(3, u32(3600)) + opt(4, G11) + opt(5, I11) + opt(6, P6 + P6)
            + opt(7, P4) + opt(8, G11 + G13) + opt(9, I11 + I12) + opt(10, P6) + opt(11, P4 + P4)
            + opt(12, G13) + opt(13, G11) + b'\0\1')
    f = [eu6(5359, 5359, ahcp(msg(0, b'')), L11, bytes.fromhex('ff020000000000000000000000000011')),
         eu6(5359, 5359, ahcp(msg(1, full), src=b'\x02\x42\xac\xff\xfe\x1c\x00\x0d',
                              dst=b'\x02\x42\xac\xff\xfe\x1c\x00\x0b'), L13, L11, H13, H11),
         eu6(5359, 5359, ahcp(msg(2, opt(4, G11) + opt(5, I11)))),
         eu6(5359, 5359, ahcp(msg(3, full[:40])), L13, L11, H13, H11),
         eu(5359, 5359, ahcp(msg(4, b'\1')), I13, I11, H13, H11),
         eu(5359, 5359, ahcp(msg(5, opt(2, u32(0)) + opt(2, u32(0xffffffff))))),
         eu(5359, 5359, ahcp(msg(6, b'', mbz=7))),
         eu(40000, 5359, ahcp(msg(255, opt(14, b'xyz') + opt(200, b'') + b'\0\0'))),
         # wrong lengths for the option's type
         eu(5359, 5359, ahcp(msg(1, opt(2, b'\1\2\3') + opt(3, b'')))),
         eu(5359, 5359, ahcp(msg(1, opt(3, b'\0\0\0\0\0')))),
         eu(5359, 5359, ahcp(msg(1, opt(4, G11 + b'\1\2')))),
         eu(5359, 5359, ahcp(msg(1, opt(9, I11 + b'\1')))),
         eu(5359, 5359, ahcp(msg(1, opt(6, G11)))),
         eu(5359, 5359, ahcp(msg(1, opt(11, P4 + b'\1\2')))),
         eu(5359, 5359, ahcp(msg(1, opt(5, b'')))),
         # option length past the body, an option without its length, body length past the datagram
         eu(5359, 5359, ahcp(msg(1, b'\5\x20' + I11))),
         eu(5359, 5359, ahcp(msg(1, b'\x05'))),
         eu(5359, 5359, ahcp(msg(1, opt(5, I11), blen=60))),
         eu(5359, 5359, ahcp(msg(1, opt(5, I11), blen=2))),
         eu(5359, 5359, ahcp(msg(2, opt(5, I11)) + b'extra')),
         # short bodies and headers, magic and version
         eu(5359, 5359, ahcp(b'\0\0\0')),
         eu(5359, 5359, ahcp(b'')),
         eu(5359, 5359, ahcp(b'')[:20]),
         eu(5359, 5359, b'\x2b\x01'),
         eu(5359, 5359, b'\x2b'),
         eu(5359, 5359, b''),
         eu(5359, 5359, ahcp(msg(0, b''), magic=42)),
         eu(5359, 5359, ahcp(msg(0, b''), ver=0)),
         eu(5359, 5359, ahcp(msg(0, b''), ver=2)),
         eu(5359, 5359, b'\x2b\x02'),
         eu(5359, 5359, ahcp(msg(0, b''), hops=(0, 0), nonce=0, src=bytes(8), dst=bytes(8)))]
    # cut frames: the header, the body header and the options
    long = eu(5359, 5359, ahcp(msg(1, full)))
    f += [(long, n) for n in (43, 44, 50, 66, 70, 73, 80, 90, 100, 130, 160)]
    f += [(eu(5359, 5359, b'\x2b\x02' + bytes(30)), 43), (eu(5359, 5359, b'\x2a' + bytes(30)), 43)]
    case('ahcp_messages', f)


# ---------------------------------------------------------------- Zephyr (print-zephyr.c), UDP 2103 and 2104
def zn(kind, cls, inst, opcode, sender=b'alice@LAB', recipient=b'', extra=(), version=b'ZEPH0.2', nf=b'0x11',
       fields=None):
    f = [version, nf, kind, b'YWxpY2U=', b'0x0866', b'0x0', b'0x0', b'', cls, inst, opcode, sender, recipient,
         b'ZEPHYR1.0', b'0x1a2b', b'0x0', b'YWxpY2U=']
    if fields is not None:
        f = f[:fields]
    return b'\0'.join(f + list(extra)) + b'\0'


def zephyr_notices():
    sub = (b'message', b'personal', b'alice@LAB')
    f = [eu(40200, 2104, zn(b'0x2', b'ZEPHYR_CTL', b'CLIENT', b'SUBSCRIBE', extra=sub)),
         eu(2104, 40200, zn(b'0x5', b'ZEPHYR_CTL', b'CLIENT', b'SUBSCRIBE', extra=(b'SENT',)), I13, I11, H13, H11),
         eu(40200, 2104, zn(b'0x2', b'ZEPHYR_CTL', b'CLIENT', b'SUBSCRIBE_NODEFS', extra=(b'*', b'*', b''))),
         eu(40200, 2104, zn(b'0x2', b'ZEPHYR_CTL', b'CLIENT', b'UNSUBSCRIBE', extra=sub[:2])),
         eu(2104, 40200, zn(b'0x5', b'ZEPHYR_CTL', b'CLIENT', b'UNSUBSCRIBE', extra=(b'Lost',)), I13, I11, H13, H11),
         eu(40200, 2104, zn(b'0x2', b'ZEPHYR_CTL', b'CLIENT', b'GIMME')),
         eu(40200, 2104, zn(b'0x2', b'ZEPHYR_CTL', b'CLIENT', b'GIMMEDEFS')),
         eu(40200, 2104, zn(b'0x2', b'ZEPHYR_CTL', b'CLIENT', b'CLEARSUB')),
         eu(40200, 2104, zn(b'0x2', b'ZEPHYR_CTL', b'CLIENT', b'Other_Op')),
         eu(40200, 2104, zn(b'0x4', b'ZEPHYR_CTL', b'HM', b'BOOT', sender=b'')),
         eu(40200, 2104, zn(b'0x4', b'ZEPHYR_CTL', b'REALM', b'ADD_SUBSCRIBE')),
         eu(40200, 2104, zn(b'0x4', b'ZEPHYR_CTL', b'REALM', b'REQ_SUBSCRIBE')),
         eu(40200, 2104, zn(b'0x4', b'ZEPHYR_CTL', b'REALM', b'RLM_SUBSCRIBE')),
         eu(40200, 2104, zn(b'0x4', b'ZEPHYR_CTL', b'REALM', b'RLM_UNSUBSCRIBE')),
         eu(40200, 2104, zn(b'0x4', b'ZEPHYR_CTL', b'REALM', b'OTHER')),
         eu(40200, 2104, zn(b'0x2', b'ZEPHYR_CTL', b'Elsewhere', b'SUBSCRIBE', recipient=b'bob')),
         eu(40200, 2104, zn(b'0x1', b'USER_LOCATE', b'bob@LAB', b'USER_HIDE')),
         eu(40200, 2104, zn(b'0x1', b'USER_LOCATE', b'bob@LAB', b'USER_UNHIDE')),
         eu(40200, 2104, zn(b'0x1', b'USER_LOCATE', b'bob@LAB', b'LOCATE')),
         eu(40200, 2104, zn(b'0x1', b'ZEPHYR_ADMIN', b'', b'Bdump-Request')),
         eu(2103, 40200, zn(b'0x4', b'HM_CTL', b'SERVER', b'SHUTDOWN'), I13, I11, H13, H11),
         eu(40200, 2104, zn(b'0x8', b'HM_STAT', b'HMST_CLIENT', b'GIMMESTATS')),
         eu(40200, 2104, zn(b'0x8', b'HM_STAT', b'HMST_CLIENT', b'OTHER')),
         eu(40201, 2103, zn(b'0x0', b'WG_CTL', b'Wg_Read', b'NEW')),
         eu(40200, 2104, zn(b'0x2', b'LOGIN', b'alice@LAB', b'USER_FLUSH')),
         eu(40200, 2104, zn(b'0x2', b'LOGIN', b'alice@LAB', b'NONE')),
         eu(40200, 2104, zn(b'0x2', b'LOGIN', b'alice@LAB', b'OPSTAFF')),
         eu(40200, 2104, zn(b'0x2', b'LOGIN', b'alice@LAB', b'REALM-VISIBLE')),
         eu(40200, 2104, zn(b'0x2', b'LOGIN', b'alice@LAB', b'REALM-ANNOUNCED')),
         eu(40200, 2104, zn(b'0x2', b'LOGIN', b'alice@LAB', b'NET-VISIBLE')),
         eu(40200, 2104, zn(b'0x2', b'LOGIN', b'alice@LAB', b'NET-ANNOUNCED')),
         eu(40200, 2104, zn(b'0x2', b'LOGIN', b'alice@LAB', b'USER_LOGIN')),
         eu(40200, 2104, zn(b'0x2', b'MESSAGE', b'PERSONAL', b'', recipient=b'bob@LAB', extra=(b'hi\nthere',))),
         eu(40200, 2104, zn(b'0x2', b'MESSAGE', b'lab', b'PING')),
         eu(40200, 2104, zn(b'0x2', b'message', b'personal', b'auto', sender=b'\x01b\xe9\x7f')),
         # server acks and naks, other kinds through strtol(s, 0, 16)
         eu(2104, 40200, zn(b'0x5', b'MESSAGE', b'PERSONAL', b'', extra=(b'NOT_SENT',)), I13, I11, H13, H11),
         eu(2104, 40200, zn(b'0x5', b'MESSAGE', b'PERSONAL', b'')), 
         eu(2104, 40200, zn(b'0x6', b'MESSAGE', b'PERSONAL', b'')),
         eu(2104, 40200, zn(b'0x7', b'MESSAGE', b'PERSONAL', b'')),
         eu(40200, 2104, zn(b'9', b'MESSAGE', b'x', b'')),
         eu(40200, 2104, zn(b'  -1', b'MESSAGE', b'x', b'')),
         eu(40200, 2104, zn(b'+0X5', b'MESSAGE', b'x', b'', extra=(b'Ok',))),
         eu(40200, 2104, zn(b'0xg', b'MESSAGE', b'x', b'')),
         eu(40200, 2104, zn(b'ffffffff', b'MESSAGE', b'x', b'')),
         eu(40200, 2104, zn(b'100000005', b'MESSAGE', b'x', b'', extra=(b'Q',))),
         eu(40200, 2104, zn(b'fffffffffffffffffff', b'MESSAGE', b'x', b'')),
         eu(40200, 2104, zn(b'', b'MESSAGE', b'x', b'')),
         # versions, fields missing, long names
         eu(40200, 2104, zn(b'0x2', b'MESSAGE', b'x', b'', version=b'ZEPH0.1')),
         eu(40200, 2104, zn(b'0x2', b'MESSAGE', b'x', b'', version=b'ZEPH')),
         eu(40200, 2104, zn(b'0x2', b'MESSAGE', b'x', b'', version=b'ZEPH0.2beta\x02')),
         eu(40200, 2104, zn(b'0x2', b'MESSAGE', b'x', b'', version=b'zeph0.2')),
         eu(40200, 2104, zn(b'0x2', b'MESSAGE', b'x', b'', fields=16)),
         eu(40200, 2104, zn(b'0x2', b'MESSAGE', b'x', b'', fields=5)),
         eu(40200, 2104, zn(b'0x2', b'MESSAGE', b'x', b'')[:-1]),
         eu(40200, 2104, b'ZEPH0.2'),
         eu(40200, 2104, b'ZEPH0.2\0'),
         eu(40200, 2104, zn(b'0x2', b'ZEPHYR_CTL', b'CLIENT', b'SUBSCRIBE', extra=(b'message', b'personal'))[:-1]),
         eu(40200, 2104, zn(b'0x2', b'C' * 200, b'I' * 100, b'op', recipient=b'R' * 50)),
         eu(40200, 2104, zn(b'0x1', b'ZEPHYR_ADMIN', b'', b'Q' * 300)),
         eu(40200, 2104, zn(b'0x4', b'HM_CTL', b'Ab' * 150, b'xY')),
         eu6(40200, 2104, zn(b'0x2', b'MESSAGE', b'PERSONAL', b'', recipient=b'bob@LAB'))]
    long = eu(40200, 2104, zn(b'0x2', b'ZEPHYR_CTL', b'CLIENT', b'SUBSCRIBE', extra=sub))
    f += [(long, n) for n in (42, 44, 49, 60, 90, 120, 140, 150, 160)]
    ack = eu(2104, 40200, zn(b'0x5', b'MESSAGE', b'PERSONAL', b'', extra=(b'LOST',)), I13, I11, H13, H11)
    f += [(ack, len(ack) - 3)]
    case('zephyr_notices', f)


# ---------------------------------------------------------------- LBL wb (print-wb.c), UDP destination port 4567
def wbh(t, body, flags=0, src=I11, ts=0x5a5a0001, ver=1):
    return src + u32(ts) + u16(ver) + bytes([t, flags]) + body


def dop(t, ts=7, blen=0):
    return u32(ts) + u16(blen) + bytes([0, t]) + bytes(blen) + bytes(-blen % 4)


def wb_whiteboard():
    page = I12 + u32(3)
    ops = b''.join(dop(t) for t in range(2, 14)) + dop(1) + dop(200, blen=5)
    def ido(n):
        return b''.join(bytes([10, 0, 0, i + 1]) + u32(100 * i) for i in range(n))
    pgs = u32(2) + u32(7) + page + bytes([2, 0]) + u16(0) + ido(2) + u32(8) + page + bytes([0, 0]) + u16(0)
    f = [eu(4567, 4567, wbh(1, u32(1) + page + u32(2) + page + u16(2) + u16(0) + ido(2) + b'lab-wb\0junk')),
         eu(40300, 4567, wbh(1, u32(1) + page + u32(2) + page + u16(0) + u16(0) + b'site')),
         eu(40300, 4567, wbh(1, u32(1) + page + u32(2) + page + u16(3) + u16(0) + ido(2))),
         eu(40300, 4567, wbh(1, u32(1) + page + u32(2) + page + u16(0) + u16(0) + b'\x01\xe9x', flags=1)),
         eu(40300, 4567, wbh(1, bytes(27))),
         eu(40300, 4567, wbh(2, I14 + page + u32(10) + u32(20))),
         eu(40300, 4567, wbh(2, bytes(19))),
         eu(40300, 4567, wbh(3, I14 + page + u32(0) + u32(13) + ops)),
         eu(40300, 4567, wbh(3, I14 + page + u32(5) + u32(12) + dop(14, ts=8) + dop(15, ts=12) + dop(2))),
         eu(40300, 4567, wbh(3, I14 + page + u32(5) + u32(9) + dop(2) + dop(14, ts=20) + dop(3))),
         eu(40300, 4567, wbh(3, I14 + page + u32(5) + u32(9) + dop(2) + dop(15, ts=2) + dop(3))),
         eu(40300, 4567, wbh(3, I14 + page + u32(5) + u32(4) + dop(2))),
         eu(40300, 4567, wbh(3, bytes(19))),
         eu(40300, 4567, wbh(0, page + u32(1) + u32(3) + dop(2, blen=3) + dop(9, blen=8) + dop(4, blen=1))),
         eu(40300, 4567, wbh(0, page + u32(1) + u32(5) + dop(2) + dop(3))),
         eu(40300, 4567, wbh(0, page + u32(0xfffffffe) + u32(0xffffffff) + dop(14, ts=0xffffffff) + dop(2)
                             + dop(3))),
         eu(40300, 4567, wbh(0, bytes(15))),
         eu(40300, 4567, wbh(5, page + u32(4) + u32(9))),
         eu(40300, 4567, wbh(5, bytes(15))),
         eu(40300, 4567, wbh(7, pgs)),
         eu(40300, 4567, wbh(7, u32(2) + page + bytes([1, 0]) + u16(0) + ido(1) + page + bytes([0, 9]) + u16(0))),
         eu(40300, 4567, wbh(7, u32(0))),
         eu(40300, 4567, wbh(7, u32(3) + page + bytes(4))),
         eu(40300, 4567, wbh(7, b'\0\0\0')),
         eu(40300, 4567, wbh(4, b'')),
         eu(40300, 4567, wbh(4, b'', flags=0x80)),
         eu(40300, 4567, wbh(6, page)),
         eu(40300, 4567, wbh(8, page, flags=2)),
         eu(40300, 4567, wbh(255, b'')),
         eu(40300, 4567, wbh(0, b'')[:11]),
         eu(4567, 40300, wbh(4, b'')),
         eu6(40300, 4567, wbh(2, I14 + page + u32(1) + u32(2)))]
    long = eu(40300, 4567, wbh(3, I14 + page + u32(0) + u32(13) + ops))
    f += [(long, n) for n in (44, 52, 55, 60, 70, 80, 90, 100)]
    idl = eu(4567, 4567, wbh(1, u32(1) + page + u32(2) + page + u16(2) + u16(0) + ido(2) + b'lab-wb\0'))
    f += [(idl, n) for n in (60, 75, 90, 100, 112)]
    pl = eu(40300, 4567, wbh(7, pgs))
    f += [(pl, n) for n in (60, 70, 80)]
    case('wb_whiteboard', f)


ahcp_messages()
zephyr_notices()
wb_whiteboard()
write_all(OUT)
