#!/usr/bin/env python3
"""Hex frames for hand-written probes (refdata/ovs/ofctl-cmds/probe-*.in), with correct checksums:
   probe-frames.py tcp SRC DST SPORT DPORT FLAGS SEQ ACK [WIN [OPTS [PAYLOAD]]]   (OPTS: mss=N,ws=N,sackok,ts=A/B,nop;
                   PAYLOAD: N bytes, or s:TEXT with \\r and \\n)
   probe-frames.py udp SRC DST SPORT DPORT [PAYLOADLEN]
   probe-frames.py icmp SRC DST TYPE CODE [INNERHEX]
   probe-frames.py icmp6 SRC DST TYPE CODE [WORD [INNERHEX]]   (WORD: the 4 bytes after the checksum, hex)
   probe-frames.py tcp6|udp6 like tcp|udp with IPv6 addresses
   probe-frames.py inner KIND ARGS...: the IP packet alone (no Ethernet header), for an ICMP error's INNERHEX
MACs: 50:54:00:00:00:0N where N is the address's last number (10.0.0.N)."""
import ipaddress, struct, sys

def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return (~s) & 0xffff

def mac(a):
    return bytes([0x50, 0x54, 0, 0, 0, int(ipaddress.ip_address(a).packed[-1])])

def eth(src, dst, etype):
    return mac(dst) + mac(src) + struct.pack("!H", etype)

def ipv4(src, dst, proto, payload, ttl=64):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), 0, 0, ttl, proto, 0,
                    ipaddress.ip_address(src).packed, ipaddress.ip_address(dst).packed)
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return h + payload

def ipv6(src, dst, nh, payload, hlim=64):
    return struct.pack("!IHBB16s16s", 0x60000000, len(payload), nh, hlim,
                       ipaddress.ip_address(src).packed, ipaddress.ip_address(dst).packed) + payload

def pseudo(src, dst, proto, l4):
    s, d = ipaddress.ip_address(src).packed, ipaddress.ip_address(dst).packed
    if len(s) == 4:
        return s + d + struct.pack("!BBH", 0, proto, len(l4))
    return s + d + struct.pack("!IxxxB", len(l4), proto)

FLAGS = {"F": 1, "S": 2, "R": 4, "P": 8, "A": 16, "U": 32, "E": 64, "C": 128}

def tcpopts(spec):
    o = b""
    for item in filter(None, spec.split(",")):
        k, _, v = item.partition("=")
        if k == "mss": o += struct.pack("!BBH", 2, 4, int(v))
        elif k == "ws": o += struct.pack("!BBB", 3, 3, int(v))
        elif k == "sackok": o += b"\x04\x02"
        elif k == "ts": a, b = v.split("/"); o += struct.pack("!BBII", 8, 10, int(a), int(b))
        elif k == "nop": o += b"\x01"
        else: raise SystemExit("bad option " + item)
    return o + b"\0" * (-len(o) % 4)

def tcp(src, dst, sp, dp, flags, seq, ack, win=8192, opts="", payload=b""):
    o = tcpopts(opts)
    f = 0 if flags == "-" else sum(FLAGS[c] for c in flags)
    h = struct.pack("!HHIIBBHHH", sp, dp, seq, ack, (5 + len(o) // 4) << 4, f, win, 0, 0) + o + payload
    c = csum(pseudo(src, dst, 6, h) + h)
    return h[:16] + struct.pack("!H", c) + h[18:]

def udp(src, dst, sp, dp, n=0):
    h = struct.pack("!HHHH", sp, dp, 8 + n, 0) + b"\0" * n
    c = csum(pseudo(src, dst, 17, h) + h) or 0xffff
    return h[:6] + struct.pack("!H", c) + h[8:]

def payload(spec):
    """N: N bytes of 'x'; s:TEXT: TEXT with \\r and \\n as CR and LF."""
    if spec.startswith("s:"):
        return spec[2:].replace("\\r", "\r").replace("\\n", "\n").encode("latin-1")
    return b"x" * int(spec)

def frame(kind, a):
    v6 = kind.endswith("6")
    src, dst = a[0], a[1]
    if kind.startswith("tcp"):
        l4, proto = tcp(src, dst, int(a[2]), int(a[3]), a[4], int(a[5]), int(a[6]),
                        int(a[7]) if len(a) > 7 else 8192, a[8] if len(a) > 8 else "",
                        payload(a[9]) if len(a) > 9 else b""), 6
    elif kind.startswith("udp"):
        l4, proto = udp(src, dst, int(a[2]), int(a[3]), int(a[4]) if len(a) > 4 else 0), 17
    elif kind == "icmp":
        inner = bytes.fromhex(a[4]) if len(a) > 4 else b""
        h = struct.pack("!BBHI", int(a[2]), int(a[3]), 0, 0) + inner
        l4, proto = h[:2] + struct.pack("!H", csum(h)) + h[4:], 1
    elif kind == "icmp6":
        word = bytes.fromhex(a[4]) if len(a) > 4 else b"\0" * 4
        inner = bytes.fromhex(a[5]) if len(a) > 5 else b""
        h = struct.pack("!BBH", int(a[2]), int(a[3]), 0) + word + inner
        l4, proto = h[:2] + struct.pack("!H", csum(pseudo(src, dst, 58, h) + h)) + h[4:], 58
    else:
        raise SystemExit(__doc__)
    if v6:
        return eth(src, dst, 0x86dd) + ipv6(src, dst, proto, l4)
    return eth(src, dst, 0x0800) + ipv4(src, dst, proto, l4)

if __name__ == "__main__":
    if len(sys.argv) < 4:
        raise SystemExit(__doc__)
    if sys.argv[1] == "inner":
        print(frame(sys.argv[2], sys.argv[3:])[14:].hex())
    else:
        print(frame(sys.argv[1], sys.argv[2:]).hex())
