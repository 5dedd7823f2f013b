#!/usr/bin/env python3
"""make-tcp.py SEED OUT.pcap [CONVS [PORTS]]: TCP conversations over IPv4 and IPv6 with the events TShark's analysis flags: handshakes with
options, data, ACKs, losses, retransmissions, reordering, duplicate ACKs, window changes, keep-alives, zero windows,
FIN/RST, port reuse, plus odd headers. Classic pcap, microsecond time stamps. PORTS: a file of the ports TShark has
a TCP dissector for (one a line), which the conversations then stay off."""
import random, struct, sys

seed = int(sys.argv[1]); out = sys.argv[2]; nconv = int(sys.argv[3]) if len(sys.argv) > 3 else 12
R = random.Random(seed)
BAD = set()
if len(sys.argv) > 4:
    BAD = {int(l) for l in open(sys.argv[4])}

def csum(b):
    if len(b) % 2: b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff

def ipv4(src, dst, payload, proto=6, ttl=64):
    h = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(payload), R.randrange(65536), 0x4000, ttl, proto, 0, src, dst)
    h = h[:10] + struct.pack('!H', csum(h)) + h[12:]
    return h + payload

def ipv6(src, dst, payload):
    return struct.pack('!IHBB16s16s', 6 << 28, len(payload), 6, 64, src, dst) + payload

def tcp(src, dst, sp, dp, seq, ack, flags, win, opts=b'', data=b'', urg=0, hlen=None):
    while len(opts) % 4: opts += b'\x01' if R.random() < 0.5 else b'\x00'
    off = hlen if hlen is not None else (20 + len(opts)) // 4
    h = struct.pack('!HHIIHHHH', sp, dp, seq & 0xffffffff, ack & 0xffffffff, off << 12 | flags, win, 0, urg) + opts
    ph = src + dst + (struct.pack('!BBH', 0, 6, len(h) + len(data)) if len(src) == 4 else struct.pack('!II', len(h) + len(data), 6))
    c = csum(ph + h + data)
    h = h[:16] + struct.pack('!H', c) + h[18:]
    return h + data

frames = []  # (time_us, bytes)
t = [0]
def emit(c, fromclient, seq, ack, flags, win, opts=b'', data=b'', urg=0, hlen=None, snap=None):
    t[0] += R.choice([1, 5, 20, 100, 500, 1500, 2500, 4000, 10000, 30000, 150000])
    s, d = (c['cip'], c['sip']) if fromclient else (c['sip'], c['cip'])
    sp, dp = (c['cp'], c['sport']) if fromclient else (c['sport'], c['cp'])
    smac, dmac = (c['cmac'], c['smac']) if fromclient else (c['smac'], c['cmac'])
    seg = tcp(s, d, sp, dp, seq, ack, flags, win, opts, data, urg, hlen)
    f = dmac + smac + (b'\x08\x00' + ipv4(s, d, seg) if len(s) == 4 else b'\x86\xdd' + ipv6(s, d, seg))
    frames.append((t[0], f, snap))

FIN, SYN, RST, PSH, ACK, URG, ECE, CWR = 1, 2, 4, 8, 16, 32, 64, 128

def synopts(ws):
    o = b''
    parts = []
    if R.random() < 0.8: parts.append(b'\x02\x04' + struct.pack('!H', R.choice([536, 1360, 1410, 1460, 8960])))
    if R.random() < 0.6: parts.append(b'\x04\x02')
    if R.random() < 0.6: parts.append(b'\x08\x0a' + struct.pack('!II', R.randrange(1 << 32), 0))
    if ws is not None: parts.append(b'\x01\x03\x03' + bytes([ws]))
    R.shuffle(parts)
    return b''.join(parts)

def port():
    while True:
        p = R.randrange(1024, 65536)
        if p not in BAD: return p

def conversation(c):
    cseq = R.randrange(1 << 32); sseq = R.randrange(1 << 32)
    cws = R.choice([None, 0, 2, 7, 7, 9, 14]) ; sws = R.choice([None, 0, 7, 7, 10])
    cwin = R.choice([64240, 65535, 29200, 1024]); swin = R.choice([65160, 64308, 28960, 512])
    mid = R.random() < 0.15  # capture starts mid-stream
    steps = []
    if not mid:
        acc = R.random() < 0.12  # an AccECN handshake (RFC 9768 3.1.1): later segments carry the ACE counter
        emit(c, True, cseq, 0, SYN | (0x100 | CWR | ECE if acc else R.random() < 0.1 and (ECE | CWR)), cwin, synopts(cws))
        if R.random() < 0.15:
            emit(c, True, cseq, 0, SYN, cwin, synopts(cws))  # SYN retransmitted
        if R.random() < 0.1:
            cseq = R.randrange(1 << 32)
            emit(c, True, cseq, 0, SYN, cwin, synopts(cws))  # a new SYN: ports reused
        if R.random() < 0.9:
            emit(c, False, sseq, cseq + 1, SYN | ACK | (R.choice([CWR, 0x100, 0x100 | CWR]) if acc else 0), swin, synopts(sws))
            if R.random() < 0.1:
                emit(c, False, sseq, cseq + 1, SYN | ACK, swin, synopts(sws))
        cseq += 1; sseq += 1
        emit(c, True, cseq, sseq, ACK, cwin >> (cws or 0) if cws else cwin)
    cw = 502; sw = 509
    unacked = []  # client segments (seq, len)
    for _ in range(R.randrange(3, 25)):
        r = R.random()
        if r < 0.35:  # client data
            n = R.choice([1, 2, 100, 536, 1000, 1448, 1460, R.randrange(1, 1500)])
            if R.random() < 0.12:  # lost (not captured)
                cseq += n; continue
            data = bytes(R.randrange(256) for _ in range(n))
            fl = ACK | (PSH if R.random() < 0.5 else 0) | (R.randrange(8) << 6 if R.random() < 0.3 else 0)
            urg = 0
            if R.random() < 0.05: fl |= URG; urg = R.randrange(65536)
            opts = b''
            if R.random() < 0.3: opts = b'\x01\x01\x08\x0a' + struct.pack('!II', R.randrange(1 << 32), R.randrange(1 << 32))
            emit(c, True, cseq, sseq, fl, cw, opts, data, urg)
            unacked.append((cseq, n, data)); cseq += n
        elif r < 0.5 and unacked:  # server ACK (all or part)
            k = R.randrange(len(unacked) + 1)
            a = unacked[k - 1][0] + unacked[k - 1][1] if k else unacked[0][0]
            if R.random() < 0.1: a += R.choice([1, 500, 100000])  # acks beyond what was seen
            opts = b''
            if R.random() < 0.2 and len(unacked) > k + 1:
                le = unacked[k + 1][0]; re = le + unacked[k + 1][1]
                opts = b'\x01\x01\x05\x0a' + struct.pack('!II', le, re)
            emit(c, False, sseq, a, ACK, sw, opts)
            if R.random() < 0.3:  # duplicate ACKs
                for _ in range(R.randrange(1, 5)): emit(c, False, sseq, a, ACK, sw, opts)
            unacked = unacked[k:]
        elif r < 0.58 and unacked:  # retransmission of an unacked segment
            s0, n, data = R.choice(unacked)
            emit(c, True, s0, sseq, ACK | PSH, cw, b'', data)
        elif r < 0.62 and len(unacked) >= 1:  # a later segment sent before an earlier one: reorder the last two
            if len(frames) >= 2 and R.random() < 0.5:
                frames[-1], frames[-2] = frames[-2], frames[-1]
        elif r < 0.68:  # server data
            n = R.choice([1, 50, 1448])
            data = bytes(R.randrange(256) for _ in range(n))
            emit(c, False, sseq, cseq, ACK | PSH, sw, b'', data); sseq += n
        elif r < 0.73:  # window update / zero window
            sw = R.choice([0, 0, sw + 100, 1, 509, 2000])
            emit(c, False, sseq, unacked[0][0] if unacked else cseq, ACK, sw)
        elif r < 0.77:  # zero window probe or keep-alive
            if R.random() < 0.5:
                emit(c, True, cseq, sseq, ACK, cw, b'', b'\x00'); cseq += 1
            else:
                emit(c, True, cseq - 1, sseq, ACK, cw, b'', b'\x00' if R.random() < 0.5 else b'')
                if R.random() < 0.6: emit(c, False, sseq, cseq, ACK, sw)
        elif r < 0.80:  # client window change
            cw = R.choice([0, 1, 100, 502, 1000])
            emit(c, True, cseq, sseq, ACK, cw)
        elif r < 0.83:  # odd flags, urgent, bogus header length
            emit(c, R.random() < 0.5, R.randrange(1 << 32), R.randrange(1 << 32), R.randrange(1 << 12), R.randrange(65536),
                 hlen=R.choice([None, 0, 3, 4, 6]))
        elif r < 0.86:  # odd options
            o = bytes(R.choice([[0], [1], [2, 4, 5, 180], [3, 3, 15], [3, 3, 7], [4, 2], [5, 2], [5, 10, 0, 0, 0, 1, 0, 0, 0, 9],
                                [8, 10] + [R.randrange(256) for _ in range(8)], [2, 3, 1], [2, 0], [9, 2], [30, 4, 0, 0],
                                [34, 2], [19, 18] + [0] * 16, [254, 4, 0xf9, 0x89], [2, 40]]))
            emit(c, True, cseq, sseq, ACK, cw, o)
        else:  # server pure ACK of everything
            emit(c, False, sseq, cseq, ACK, sw)
            unacked = []
    # close
    r = R.random()
    if r < 0.5:
        emit(c, True, cseq, sseq, FIN | ACK, cw); emit(c, False, sseq, cseq + 1, ACK, sw)
        emit(c, False, sseq, cseq + 1, FIN | ACK, sw); emit(c, True, cseq + 1, sseq + 1, ACK, cw)
        if R.random() < 0.3: emit(c, True, cseq, sseq, FIN | ACK, cw)  # FIN retransmitted
    elif r < 0.7:
        emit(c, R.random() < 0.5, cseq, sseq if R.random() < 0.5 else 0, RST | (ACK if R.random() < 0.5 else 0), 0)
    if R.random() < 0.15:  # the same ports again
        conversation(c)

convs = []
for i in range(nconv):
    sport = R.choice([port(), port(), 5001, 9999]) if 5001 not in BAD else port()
    c = dict(cip=bytes([10, 0, R.randrange(4), R.randrange(1, 250)]), sip=bytes([10, 1, 0, R.randrange(1, 250)]),
             cp=port(), sport=sport, cmac=bytes([2, 0, 0, 0, 0, R.randrange(256)]), smac=bytes([2, 0, 0, 0, 1, R.randrange(256)]))
    if R.random() < 0.25:  # over IPv6
        c['cip'] = bytes([0x20, 1, 0xd, 0xb8] + [0] * 11 + [R.randrange(1, 250)])
        c['sip'] = bytes([0x20, 1, 0xd, 0xb8, 0, 1] + [0] * 9 + [R.randrange(1, 250)])
    if R.random() < 0.2 and convs:  # same endpoints as an earlier one
        c = dict(convs[-1])
    convs.append(c)
    conversation(c)

with open(out, 'wb') as f:
    f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1))
    for ts, b, snap in frames:
        us = 1700000000 * 1000000 + ts
        cap = b[:snap] if snap else b
        f.write(struct.pack('<IIII', us // 1000000, us % 1000000, len(cap), len(b)) + cap)
print(len(frames), 'frames')
