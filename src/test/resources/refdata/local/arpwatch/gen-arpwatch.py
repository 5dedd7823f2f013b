#!/usr/bin/env python3
"""Writes the capture files (and data files) record-arpwatch.sh feeds to arpwatch -r: each case a pcap of ARP frames
built by hand, at chosen times, to show one of arpwatch 2.1a15's rules (process_ether(), ent_add(), report())."""
import os, struct

T0 = 1700000000
BC, ZERO = 'ff:ff:ff:ff:ff:ff', '00:00:00:00:00:00'


def mac(s):
    return bytes(int(x, 16) for x in s.split(':'))


def ip(s):
    return bytes(int(x) for x in s.split('.'))


def arp(op, esrc, sha, spa, tpa, edst=BC, tha=ZERO, etype=0x0806, hrd=1, pro=0x0800, hln=6, pln=4, cut=None):
    f = mac(edst) + mac(esrc) + struct.pack('!H', etype) + struct.pack('!HHBBH', hrd, pro, hln, pln, op) \
        + mac(sha) + ip(spa) + mac(tha) + ip(tpa)
    return f[:cut] if cut else f


def req(m, spa, tpa='10.0.0.254', **kw):
    return arp(1, m, m, spa, tpa, **kw)


def rep(m, spa, tpa='10.0.0.254', **kw):
    return arp(2, m, m, spa, tpa, edst='02:00:00:00:00:fe', tha='02:00:00:00:00:fe', **kw)


A, B, C, D = '02:00:00:00:00:0a', '02:00:00:00:00:0b', '02:00:00:00:00:0c', '02:00:00:00:00:0d'
DEC1, DEC2 = 'aa:00:04:00:01:04', 'aa:00:04:00:02:04'

CASES = {
    # new station, changed, flip flop, an old address back (reused), the usual case refreshing the time
    'events': [(0, req(A, '10.0.0.1')), (1, rep(B, '10.0.0.2')), (2, req(A, '10.0.0.1')), (65, rep(C, '10.0.0.2')),
               (4000, rep(B, '10.0.0.2')), (90000, rep(D, '10.0.0.2')), (90001, rep(C, '10.0.0.2')),
               (90002, rep(B, '10.0.0.2')), (3 * 86400, req(A, '10.0.0.1'))],
    # what process_ether() refuses or only logs: broadcast and zero addresses, the Ethernet source not the sender,
    # 0.0.0.0, bad hardware types, protocols, lengths and ops, a RARP request and reply, a short frame, a VLAN tag
    'sanity': [(0, arp(1, BC, A, '10.0.0.3', '10.0.0.1')), (1, arp(1, A, ZERO, '10.0.0.3', '10.0.0.1')),
               (2, arp(1, B, A, '10.0.0.4', '10.0.0.1')), (3, req(A, '0.0.0.0')),
               (4, req(B, '10.0.0.5', hrd=6)), (5, req(C, '10.0.0.6', hrd=0x20)),
               (6, req(C, '10.0.0.7', pro=0x1000)), (7, req(C, '10.0.0.8', pro=0x86dd)),
               (8, req(C, '10.0.0.9', hln=8)), (9, arp(3, C, C, '10.0.0.10', '10.0.0.1')),
               (10, arp(3, D, D, '10.0.0.11', '10.0.0.1', etype=0x8035)),
               (11, arp(4, D, D, '10.0.0.12', '10.0.0.1', etype=0x8035)), (12, req(A, '10.0.0.13', cut=40)),
               (13, mac(BC) + mac(B) + b'\x81\x00\x00\x05' + req(B, '10.0.0.14')[12:]),
               (14, arp(1, '01:00:5e:00:00:01', '01:00:5e:00:00:01', '10.0.0.15', '10.0.0.1'))],
    # DECnet logical addresses flip-flopping within a day: suppressed, then reported after a day
    'decnet': [(0, req(DEC1, '10.0.1.1')), (10, req(DEC2, '10.0.1.1')), (20, req(DEC1, '10.0.1.1')),
               (90000, req(DEC2, '10.0.1.1'))],
    # six months and more without a frame: new activity
    'activity': [(0, req(A, '10.0.2.1')), (6 * 30 * 86400, req(A, '10.0.2.1')), (6 * 30 * 86400 + 1, req(A, '10.0.2.1')),
                 (12 * 30 * 86400 + 5, req(A, '10.0.2.1'))],
    # time going backwards in the capture: a negative delta
    'backwards': [(100, req(A, '10.0.3.1')), (0, req(B, '10.0.3.1')), (7200, req(A, '10.0.3.1'))],
    # the database's dump order: hash buckets by the address's first two octets, chains in arrival order
    'order': [(0, req(A, '192.168.1.9')), (1, req(B, '10.0.0.9')), (2, req(C, '10.1.0.9')), (3, req(D, '10.0.0.8')),
              (4, req(A, '172.16.0.1')), (5, req(B, '10.0.0.9'))],
}

# data files read before the capture: an address's list (sorted newest first) decides changed, flip flop and reuse
DATA = {
    'preload': '%s\t10.0.4.1\t%d\t\teth0\n%s\t10.0.4.1\t%d\t\teth0\n%s\t10.0.4.1\t%d\t\teth0\n%s\t10.0.4.2\t%d\tnode2\teth0\n'
               % (A, T0 - 300, B, T0 - 100, C, T0 - 200, D, T0 - 50),
}
CASES['preload'] = [(0, req(C, '10.0.4.1')), (1, req(A, '10.0.4.1')), (2, req(B, '10.0.4.2')), (3, req(D, '10.0.4.2'))]


def main():
    out = os.path.dirname(os.path.abspath(__file__))
    for name, frames in CASES.items():
        with open(os.path.join(out, name + '.pcap'), 'wb') as f:
            f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
            for t, fr in frames:
                f.write(struct.pack('<IIII', T0 + t, 0, len(fr), len(fr)))
                f.write(fr)
    for name, text in DATA.items():
        with open(os.path.join(out, name + '.dat'), 'w') as f:
            f.write(text)


main()
