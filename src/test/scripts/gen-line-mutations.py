#!/usr/bin/env python3
"""Recorded command lines with random edits, for a differential recording (record-frames.sh TOPIC).

  src/test/scripts/gen-line-mutations.py MODE SEED N > refdata/ovs/frames/TOPIC/commands.in

MODE says which lines are edited and how (one or two edits each):
  packet-out  frames/packet-out's ovs-ofctl lines: after "ovs-ofctl ", a token inserted, a span deleted or a span of
              another line spliced in; a group 7 exists first.
  receive     every campaign's `ovs-appctl netdev-dummy/receive pN '...'` and `ovs-appctl ofproto/trace br0 '...'`
              lines: the same edits inside the quoted flow; br0 first gets a NORMAL flow and an IPv4 ct(commit)
              flow, and the datapath's flows and counters are dumped at the end.
  appctl      every campaign's other ovs-appctl lines (not receive, trace or time/): a word after the command
              inserted, deleted or taken from another line; br0 first gets a NORMAL flow and one TCP packet.
Lines the shell would read differently (unbalanced quotes, a character it expands outside them) are dropped, so that
the shell and arplab's script reader see the same words. receive and appctl read the campaigns' lines as the tree has
them, so they reproduce a file from the commit named in its first line.
"""
import glob
import random
import sys

mode, seed, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
R = random.Random(seed)
ROOT = 'src/test/resources/refdata/ovs/'


def unquoted(m):
    """The characters of m outside single quotes (what the shell interprets)."""
    return ''.join(m.split("'")[0::2])


def campaign_lines(keep):
    lines = set()
    for f in glob.glob(ROOT + '*/commands.in') + glob.glob(ROOT + '*/*.in'):
        for line in open(f, errors='replace'):
            line = line.rstrip('\n')
            if keep(line):
                lines.add(line)
    return sorted(lines)


def packet_out():
    base = [l.rstrip('\n') for l in open(ROOT + 'frames/packet-out/commands.in') if l.startswith('ovs-ofctl')]
    junk = ['(', ')', ',', '=', '/', '0x', '-1', '99999999999999999999999', '[', ']', '..', ':', '0/0', 'nan', '%s',
            '%n', '\t', ' ', '{', '}', '*', '65536', '4294967296', '-', '--', 'packet=', 'in_port=', 'actions=',
            'reg0=1', 'tun_id=5', 'metadata=0x1/0x1', '0a0b', 'ff', 'packet_type=(1,0x800)']
    out = ['ovs-ofctl add-group br0 group_id=7,type=all,bucket=output:2']
    cmd = 'ovs-ofctl '
    for _ in range(n):
        line = R.choice(base)
        rest = line[len(cmd):]
        for _ in range(R.randrange(1, 3)):
            i, k = R.randrange(len(rest) + 1), R.randrange(3)
            if k == 0:
                rest = rest[:i] + R.choice(junk) + rest[i:]
            elif k == 1:
                rest = rest[:i] + rest[min(len(rest), i + R.randrange(1, 10)):]
            else:
                rest = rest[:i] + R.choice(base)[R.randrange(10, 40):][:R.randrange(1, 30)] + rest[i:]
        m = cmd + rest
        if m.count("'") % 2 == 0 and not any(c in unquoted(m) for c in '(){}[]*?~$!') \
                and all(m.count(c) == line.count(c) for c in '><|;&#`"\\'):
            out.append(m)
    return out


def receive():
    lines = campaign_lines(lambda l: (l.startswith('ovs-appctl netdev-dummy/receive p')
                                      or l.startswith('ovs-appctl ofproto/trace br0')) and len(l) < 350 and "'" in l)
    junk = ['(', ')', ',', '=', '/', '0x', '-1', '99999999999999999999999', ':', '0/0', 'ffff', '65536', '4294967296',
            '-', 'eth()', 'ipv4()', 'vlan(vid=5)', 'encap(', 'tcp_flags(syn)', 'ct_state(0x21)', 'recirc_id(1)',
            'in_port(2)', 'ipv6(src=::1)', 'arp(sip=1.2.3.4)', 'tunnel(tun_id=0x5)', 'frag=first', 'frag=later']
    out = ['ovs-ofctl add-flow br0 "priority=0,actions=NORMAL"',
           'ovs-ofctl add-flow br0 "priority=5,ip,actions=ct(commit),output:2"']
    for _ in range(n):
        line = R.choice(lines)
        at = line.index("'")
        head, rest = line[:at], line[at:]
        for _ in range(R.randrange(1, 3)):
            i, k = R.randrange(1, len(rest)), R.randrange(3)
            if k == 0:
                rest = rest[:i] + R.choice(junk) + rest[i:]
            elif k == 1:
                rest = rest[:i] + rest[min(len(rest) - 1, i + R.randrange(1, 10)):]
            else:
                o = R.choice(lines)
                j = R.randrange(len(o))
                rest = rest[:i] + o[j:j + R.randrange(1, 25)] + rest[i:]
        m = head + rest
        if m.count("'") % 2 == 0 and not any(c in unquoted(m) for c in '(){}[]*?~$!><|;&#`"\\'):
            out.append(m)
    return out + ['ovs-appctl dpctl/dump-flows', 'ovs-appctl dpctl/show']


def appctl():
    lines = campaign_lines(lambda l: l.startswith('ovs-appctl ') and not l.startswith('ovs-appctl netdev-dummy/receive')
                           and not l.startswith('ovs-appctl ofproto/trace') and 'time/' not in l and len(l) < 250)
    junk = ['-m', '-s', '--names', '--no-names', 'filter=in_port(1)', 'type=ovs', 'zone=3', 'br0', 'br9', 'p1',
            'nosuch', '0', '-1', '99999999999999999999', '=', ',', '/', '1.2.3.4', '::1', 'x', '--ct-next',
            'dummy@ovs-dummy', 'system@ovs-system', 'ufid:1234']
    out = ['ovs-ofctl add-flow br0 "priority=0,actions=NORMAL"',
           "ovs-appctl netdev-dummy/receive p1 'in_port(1),eth(src=50:54:00:00:00:01,dst=50:54:00:00:00:02),"
           "eth_type(0x0800),ipv4(src=10.0.0.1,dst=10.0.0.2,proto=6,tos=0,ttl=64,frag=no),tcp(src=1,dst=2)'"]
    for _ in range(n):
        w = R.choice(lines).split(' ')
        for _ in range(R.randrange(1, 3)):
            k, i = R.randrange(3), R.randrange(2, len(w) + 1)
            if k == 0:
                w.insert(i, R.choice(junk))
            elif k == 1 and len(w) > 2:
                del w[R.randrange(2, len(w))]
            else:
                w.insert(i, R.choice(R.choice(lines).split(' ')[2:] or ['x']))
        m = ' '.join(w)
        if m.count("'") % 2 == 0 and m.count('"') % 2 == 0 \
                and not any(c in unquoted(m) for c in '(){}[]*?~$!><|;&#`\\'):
            out.append(m)
    return out


print('\n'.join({'packet-out': packet_out, 'receive': receive, 'appctl': appctl}[mode]()))
