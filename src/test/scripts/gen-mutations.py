#!/usr/bin/env python3
"""Mutated OVS commands: the command lines of every refdata/ovs/*/commands.in, each edited at random in one to three
places (a character deleted, inserted or replaced, a word cut short, a number spliced in, a piece of another command
pasted), re-quoted for the shell so that every line stays one command. Commands that would take the oracle's bridge
or daemon away are not drawn.
  gen-mutations.py SEED N > refdata/ovs/cli-mut-SEED/commands.in
then STATUS=1 record-ovs-commands.sh cli-mut-SEED records them (topo.OvsCliErrorsTest replays every cli-mut-*)."""
import pathlib, random, shlex, sys

seed, n = int(sys.argv[1]), int(sys.argv[2])
rnd = random.Random(seed)
here = pathlib.Path(__file__).resolve().parent
ref = here.parent / 'resources' / 'refdata' / 'ovs'
cmds = []
for p in sorted(ref.glob('*/commands.in')):
    if p.parent.name.startswith('cli-mut-'):
        continue
    for line in p.read_text().splitlines():
        if line.startswith('ovs-'):
            cmds.append(line.replace('br-int', 'br0'))
# what would stop the oracle or remove its bridge and ports, or wait on something that never comes
UNSAFE = ('exit', 'del-br', 'add-br', 'del-port', 'emer-reset', 'init', 'del-manager', 'set-manager', 'set-controller',
          'del-controller', 'set-fail-mode', 'monitor', 'snoop', 'ofproto/detrace', 'revalidator/pause', 'benchmark',
          'time/stop', 'time/warp', 'vlog/', 'memory/', 'coverage/', 'dpctl/add-dp', 'dpctl/del-dp', 'dpctl/set-if',
          'dpctl/add-if', 'dpctl/del-if', '--wait', 'destroy', 'clear', 'remove', 'set ', 'add ', 'create', 'probe',
          'ping', 'ct-set-maxconns', 'ct-set-limits', 'ipf-set', 'version', '--version', 'show', 'dump-desc',
          'list-commands', 'help', 'mod-port', 'bundle', 'replace-flows', 'diff-flows', 'mod-table', 'stp/', 'rstp/',
          'bond/', 'lacp/', 'cfm/', 'bfd/', 'mdb/', 'upcall/', 'dpif-netdev/', 'netdev-dummy/set', 'netdev-dummy/conn',
          'netdev-dummy/ip', 'tnl/', 'ovs/route', 'dpif/set-dp-features', 'list ', 'find ', 'get ', 'br-', 'port-',
          'iface-', 'fdb/flush', 'mdb/flush', '-f', '--format', '--pidfile', '--detach', '--log-file', '--target', '-t')
JUNK = "=,()[]{}:;/.-_*0x1fFzZ9 !%&|<>~^@#+?"


def safe(words):
    return not any(u in w for w in words for u in UNSAFE) and '-' not in words[1:2]


out = []
while len(out) < n:
    words = shlex.split(rnd.choice(cmds))
    m = [list(w) for w in words]
    for _ in range(rnd.randint(1, 3)):
        wi = rnd.randrange(1, len(m)) if len(m) > 1 else 0
        w = m[wi]
        pos = rnd.randint(0, len(w))
        kind = rnd.randrange(6)
        if kind == 0 and pos < len(w):
            del w[pos]
        elif kind == 1:
            w.insert(pos, rnd.choice(JUNK))
        elif kind == 2 and pos < len(w):
            w[pos] = rnd.choice(JUNK)
        elif kind == 3:
            del w[pos:]
        elif kind == 4:
            w[pos:pos] = list(rnd.choice(['0', '1', '255', '256', '65535', '65536', '4294967295', '4294967296',
                                          '18446744073709551615', '18446744073709551616', '-1', '0x', '0xffff']))
        else:
            other = rnd.choice(cmds)
            a = rnd.randrange(len(other))
            w[pos:pos] = list(other[a:a + rnd.randint(1, 30)].replace("'", '').replace('"', ''))
    words = [''.join(w) for w in m]
    if words[0] not in ('ovs-ofctl', 'ovs-appctl', 'ovs-dpctl', 'ovs-vsctl') or not safe(words):
        continue
    words = [w for w in words if w != '']
    line = ' '.join(shlex.quote(w) for w in words)
    if '\\' in line or '`' in line or '$' in line or '\t' in line:
        continue
    out.append(line)
print(f'# gen-mutations.py {seed} {n}: recorded commands, each edited in one to three places and quoted for the shell')
print('\n'.join(out))
