"""What the held-out generators (gen-heldout13.py, gen-heldout14.py) share: the cases list, the classic pcap writer
(microsecond stamps from T0, 1.012345 s apart, LINKTYPE_ETHERNET), the Internet checksum, Ethernet framing padded
to 60 bytes, and writing every case into OUTDIR/<case>/<case>.pcap."""
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
