#!/usr/bin/env python3
"""Mutated ovs-ofctl packet-out lines for a differential recording (record-frames.sh TOPIC).

  src/test/scripts/gen-packet-out-mutations.py SEED N > refdata/ovs/frames/TOPIC/commands.in

Each line is one of frames/packet-out's ovs-ofctl lines with one or two random edits after "ovs-ofctl " (a token
inserted, a span deleted, a span of another line spliced in); lines whose quotes or shell metacharacters the edits
unbalance, or that leave a character the shell expands outside the quotes, are dropped, so that the shell and
arplab's script reader see the same words. A group 7 exists first.
"""
import random
import sys

seed, n = int(sys.argv[1]), int(sys.argv[2])
R = random.Random(seed)
src = 'src/test/resources/refdata/ovs/frames/packet-out/commands.in'
base = [l.rstrip('\n') for l in open(src) if l.startswith('ovs-ofctl')]
junk = ['(', ')', ',', '=', '/', '0x', '-1', '99999999999999999999999', '[', ']', '..', ':', '0/0', 'nan', '%s',
        '%n', '\t', ' ', '{', '}', '*', '65536', '4294967296', '-', '--', 'packet=', 'in_port=', 'actions=',
        'reg0=1', 'tun_id=5', 'metadata=0x1/0x1', '0a0b', 'ff', 'packet_type=(1,0x800)']


def unquoted(m):
    """The characters of m outside single quotes (what the shell interprets)."""
    parts = m.split("'")
    return ''.join(parts[0::2])


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
print('\n'.join(out))
