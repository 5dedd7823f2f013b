#!/usr/bin/env python3
"""Mutated ovs-appctl lines for a differential recording (record-frames.sh TOPIC).

  src/test/scripts/gen-appctl-mutations.py SEED N > refdata/ovs/frames/TOPIC/commands.in

The lines are the recorded `ovs-appctl` lines of every refdata/ovs commands file but netdev-dummy/receive,
ofproto/trace and time/ (those have campaigns of their own), each with one or two random word edits after the command
(a word inserted, deleted, or taken from another line); lines the shell would read differently are dropped. br0 first
gets a NORMAL flow and one TCP packet.
"""
import glob
import random
import sys

seed, n = int(sys.argv[1]), int(sys.argv[2])
R = random.Random(seed)
lines = set()
for f in glob.glob('src/test/resources/refdata/ovs/*/commands.in') + glob.glob('src/test/resources/refdata/ovs/*/*.in'):
    for line in open(f, errors='replace'):
        line = line.rstrip('\n')
        if line.startswith('ovs-appctl ') and not line.startswith('ovs-appctl netdev-dummy/receive') \
                and not line.startswith('ovs-appctl ofproto/trace') and 'time/' not in line and len(line) < 250:
            lines.add(line)
lines = sorted(lines)
junk = ['-m', '-s', '--names', '--no-names', 'filter=in_port(1)', 'type=ovs', 'zone=3', 'br0', 'br9', 'p1', 'nosuch',
        '0', '-1', '99999999999999999999', '=', ',', '/', '1.2.3.4', '::1', 'x', '--ct-next', 'dummy@ovs-dummy',
        'system@ovs-system', 'ufid:1234']


def unquoted(m):
    """The characters of m outside single quotes (what the shell interprets)."""
    return ''.join(m.split("'")[0::2])


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
print('\n'.join(out))
