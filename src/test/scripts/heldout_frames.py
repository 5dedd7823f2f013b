"""What the held-out generators (gen-heldout13.py on) share: the cases list, the classic pcap writer
(microsecond stamps from T0, 1.012345 s apart, LINKTYPE_ETHERNET), the Internet checksum, Ethernet framing padded
to 60 bytes, writing every case into OUTDIR/<case>/<case>.pcap, and (from round 21) the lab's hosts and the
IPv4/IPv6/UDP/TCP layers."""
import os, struct

T0 = 1700000000
CASES = []


def case(name, frames, snaplen=262144):
    """frames: list of bytes or (bytes, caplen) pairs; stamps 1 ms + 12345 us apart."""
    CASES.append((name, frames, snaplen))


def pcap(path, frames, snaplen):
    with open(path, 'wb') as f:
        f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, snaplen, 1))
        for i, fr in enumerate(frames):
            data, cap = (fr, len(fr)) if isinstance(fr, bytes) else fr
            cap = min(cap, snaplen, len(data))
            us = i * 1012345
            f.write(struct.pack('<IIII', T0 + us // 1000000, us % 1000000, cap, len(data)))
            f.write(data[:cap])


def csum(b):
    if len(b) % 2:
        b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def eth(dst, src, etype, payload, pad=True):
    f = dst + src + struct.pack('!H', etype) + payload
    return f + b'\0' * (60 - len(f)) if pad and len(f) < 60 else f


def write_all(out):
    for name, frames, snaplen in CASES:
        d = os.path.join(out, name)
        os.makedirs(d, exist_ok=True)
        pcap(os.path.join(d, name + '.pcap'), frames, snaplen)
    print(len(CASES), 'cases,', sum(len(c[1]) for c in CASES), 'frames')


# ---- the hosts, addresses and layers gen-heldout21.py and gen-heldout22f.py build their frames from

GW, H11, H12, H13, H14 = (bytes.fromhex('0242ac1c00' + x) for x in ('01', '0b', '0c', '0d', '0e'))
BC = b'\xff' * 6
Z6 = bytes(6)
IGW, I11, I12, I13, I14 = (bytes([172, 28, 0, x]) for x in (1, 11, 12, 13, 14))
R1, R2, R3 = (bytes([10, 0, 0, x]) for x in (1, 2, 3))
L11 = bytes.fromhex('fe800000000000000042acfffe1c000b')
L13 = bytes.fromhex('fe800000000000000042acfffe1c000d')
G11 = bytes.fromhex('20010db8000000000000000000000011')
G13 = bytes.fromhex('20010db8000000000000000000000013')


def u16(v):
    return struct.pack('!H', v)


def u32(v):
    return struct.pack('!I', v)


def ip(proto, payload, src=I11, dst=I13, ttl=64, ident=0x5e31, df=True, tos=0):
    h = struct.pack('!BBHHHBBH4s4s', 0x45, tos, 20 + len(payload), ident, 0x4000 if df else 0, ttl, proto, 0, src,
                    dst)
    return h[:10] + struct.pack('!H', csum(h)) + h[12:] + payload


def ip6(nh, payload, src=L11, dst=L13, hlim=64):
    return struct.pack('!IHBB', 0x60000000, len(payload), nh, hlim) + src + dst + payload


def l4sum(proto, seg, src, dst):
    ph = src + dst + (struct.pack('!BBH', 0, proto, len(seg)) if len(src) == 4 else
                      struct.pack('!IxxxB', len(seg), proto))
    return csum(ph + seg)


def udp(sport, dport, data, src=I11, dst=I13):
    h = struct.pack('!HHHH', sport, dport, 8 + len(data), 0)
    return h[:6] + struct.pack('!H', l4sum(17, h + data, src, dst) or 0xffff) + data


def tcp_syn(sport, dport, src, dst, seq=0x2a3b4c5d):
    h = struct.pack('!HHIIBBHHH', sport, dport, seq, 0, 0x50, 0x02, 64240, 0, 0)
    return h[:16] + struct.pack('!H', l4sum(6, h, src, dst)) + h[18:]


def eu(sport, dport, data, src=I11, dst=I13, smac=H11, dmac=H13, ttl=64):
    return eth(dmac, smac, 0x0800, ip(17, udp(sport, dport, data, src, dst), src, dst, ttl=ttl))


def eu6(sport, dport, data, src=L11, dst=L13, smac=H11, dmac=H13):
    return eth(dmac, smac, 0x86dd, ip6(17, udp(sport, dport, data, src, dst), src, dst))
