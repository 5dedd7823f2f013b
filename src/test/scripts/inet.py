"""Helpers the packet generators share: the Internet checksum (RFC 1071) and an address's bytes."""
import struct


def csum(b):
    """RFC 1071's ones' complement sum of 16-bit words, complemented."""
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s >> 16) + (s & 0xffff)
    return (~s) & 0xffff


def addr(a):
    """An IPv4 or IPv6 address in text as its network-order bytes."""
    if ":" in a:
        head, _, tail = a.partition("::")
        h = [int(x, 16) for x in head.split(":") if x]
        t = [int(x, 16) for x in tail.split(":") if x]
        return struct.pack("!8H", *(h + [0] * (8 - len(h) - len(t)) + t))
    return bytes(int(x) for x in a.split("."))
