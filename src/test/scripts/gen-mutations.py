#!/usr/bin/env python3
"""Mutated OVS commands: the command lines of every refdata/ovs/*/commands.in, each edited at random in one to three
places (a character deleted, inserted or replaced, a word cut short, a number spliced in, a piece of another command
pasted), re-quoted for the shell so that every line stays one command. Commands that would take the oracle's bridge
or daemon away are not drawn.
  gen-mutations.py SEED N [REV] > refdata/ovs/cli-mut-SEED/commands.in
then STATUS=1 record-ovs-commands.sh cli-mut-SEED records them (topo.OvsCliErrorsTest replays every cli-mut-*).
What a seed draws depends on the recordings it reads: with REV, those of that git revision (each cli-mut recording's
header names the one it was drawn from), else the working tree's."""
import pathlib, random, shlex, subprocess, sys

from mutate import mutate

seed, n = int(sys.argv[1]), int(sys.argv[2])
rev = sys.argv[3] if len(sys.argv) > 3 else None
rnd = random.Random(seed)
here = pathlib.Path(__file__).resolve().parent
ref = here.parent / 'resources' / 'refdata' / 'ovs'


def recorded():
    """The text of every commands.in of refdata/ovs but the cli-mut ones, in path order."""
    if rev is None:
        return [p.read_text() for p in sorted(ref.glob('*/commands.in')) if not p.parent.name.startswith('cli-mut-')]
    top = subprocess.run(['git', '-C', str(here), 'rev-parse', '--show-toplevel'], capture_output=True, text=True,
                         check=True).stdout.strip()
    git = ['git', '-C', top]
    rel = ref.relative_to(pathlib.Path(top))
    names = subprocess.run(git + ['ls-tree', '-r', '--name-only', rev, str(rel)], capture_output=True, text=True,
                           check=True).stdout.split()
    names = sorted((x for x in names if x.endswith('/commands.in') and x.count('/') == str(rel).count('/') + 2
                    and not x.split('/')[-2].startswith('cli-mut-')), key=lambda x: x.split('/'))  # as paths sort
    return [subprocess.run(git + ['show', f'{rev}:{x}'], capture_output=True, text=True, check=True).stdout
            for x in names]


cmds = []
for text in recorded():
    for line in text.splitlines():
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


def safe(words):
    return not any(u in w for w in words for u in UNSAFE) and '-' not in words[1:2]


NUMBERS = ['0', '1', '255', '256', '65535', '65536', '4294967295', '4294967296', '18446744073709551615',
           '18446744073709551616', '-1', '0x', '0xffff']
out = []
while len(out) < n:
    words = mutate(rnd, shlex.split(rnd.choice(cmds)), NUMBERS, lambda: rnd.choice(cmds), unpasted='\'"')
    if words[0] not in ('ovs-ofctl', 'ovs-appctl', 'ovs-dpctl', 'ovs-vsctl') or not safe(words):
        continue
    words = [w for w in words if w != '']
    line = ' '.join(shlex.quote(w) for w in words)
    if '\\' in line or '`' in line or '$' in line or '\t' in line:
        continue
    out.append(line)
print(f'# gen-mutations.py {seed} {n}' + (f' {rev}' if rev else '')
      + ': recorded commands, each edited in one to three places and quoted for the shell')
print('\n'.join(out))
