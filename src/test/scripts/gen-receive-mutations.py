#!/usr/bin/env python3
"""Mutated netdev-dummy/receive and ofproto/trace lines for a differential recording (record-frames.sh TOPIC).

  src/test/scripts/gen-receive-mutations.py SEED N > refdata/ovs/frames/TOPIC/commands.in

The lines are the recorded ones (every refdata/ovs commands file) of `ovs-appctl netdev-dummy/receive pN '...'` and
`ovs-appctl ofproto/trace br0 '...'`, each with one or two random edits inside its quoted flow (a token inserted, a
span deleted, a span of another line spliced in); lines the shell would read differently are dropped. br0 first
gets a NORMAL flow and an IPv4 ct(commit) flow; the datapath's flows and counters are dumped at the end.
"""
import glob
import random
import sys

seed, n = int(sys.argv[1]), int(sys.argv[2])
R = random.Random(seed)
root = 'src/test/resources/refdata/ovs/'
lines = set()
for f in glob.glob(root + '*/commands.in') + glob.glob(root + '*/*.in'):
    for line in open(f, errors='replace'):
        line = line.rstrip('\n')
        if (line.startswith('ovs-appctl netdev-dummy/receive p') or line.startswith('ovs-appctl ofproto/trace br0')) \
                and len(line) < 350 and "'" in line:
            lines.add(line)
lines = sorted(lines)
junk = ['(', ')', ',', '=', '/', '0x', '-1', '99999999999999999999999', ':', '0/0', 'ffff', '65536', '4294967296',
        '-', 'eth()', 'ipv4()', 'vlan(vid=5)', 'encap(', 'tcp_flags(syn)', 'ct_state(0x21)', 'recirc_id(1)',
        'in_port(2)', 'ipv6(src=::1)', 'arp(sip=1.2.3.4)', 'tunnel(tun_id=0x5)', 'frag=first', 'frag=later']


def unquoted(m):
    """The characters of m outside single quotes (what the shell interprets)."""
    return ''.join(m.split("'")[0::2])


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
out += ['ovs-appctl dpctl/dump-flows', 'ovs-appctl dpctl/show']
print('\n'.join(out))
