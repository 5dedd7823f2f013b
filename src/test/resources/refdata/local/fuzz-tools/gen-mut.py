#!/usr/bin/env python3
"""Mutated host-tool commands: the "node command" lines of ../tools/*.cmds and seed-*.cmds, each edited at random in
one to three places (a character deleted, inserted or replaced, a word cut short, a number spliced in, a piece of
another command pasted), re-quoted for the shell so that every line stays one command. What could outlive the run
or reach beyond the namespaces is not drawn (monitors, other namespaces, files written, sysctl writes outside
net.ipv4.conf, neigh.DEV and the namespace's ipv4 keys), and every command stays bounded: ping and arping keep a
deadline `-w` of at most 3 s, traceroute `-q 1 -w 1`, tracepath `-m` of at most 3, tcpdump reads a file (`-r`).
From seed 324 on, nc (connecting, with `-w` of at most 2 s) and iptables lines are drawn too.
  gen-mut.py SEED [N] > mut-SEED.cmds   (record-mut.sh SEED... records them; FuzzToolsRecordingTest replays them)"""
import pathlib
import random
import re
import shlex
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[4] / 'scripts'))
from mutate import mutate  # noqa: E402

seed, n = int(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 60
rnd = random.Random(seed)
here = pathlib.Path(__file__).resolve().parent
TOOLS = ('ip', 'arp', 'arping', 'ping', 'tracepath', 'traceroute', 'bridge', 'sysctl', 'tcpdump', 'nft', 'arp-scan')
if seed >= 324:
    TOOLS += ('nc', 'iptables')
lines = set()
for p in sorted(here.glob('seed-*.cmds')) + sorted((here.parent / 'tools').glob('*.cmds')):
    for line in p.read_text().splitlines():
        if line and not line.startswith('#'):
            node, cmd = line.split(None, 1)
            if cmd.split()[0] in TOOLS:
                lines.add((node, cmd))
cmds = sorted(lines)
NUMBERS = ['0', '1', '255', '256', '65535', '65536', '4294967295', '4294967296', '18446744073709551616', '-1', '0x',
           '0xffff', '1e3', '0.5']
SAFE_SYSCTL = re.compile(r'net\.ipv4\.(conf\.[^.]+\.[a-z_]+|neigh\.(?!default\.)[^.]+\.[a-z_]+|ip_forward|icmp_[a-z_]+'
                         r'|ping_group_range|ip_default_ttl|ip_no_pmtu_disc)$')


def option(words, opt):
    """The value of the last `opt VALUE` or `optVALUE` (getopt's last one wins); None when absent."""
    v = None
    for i, w in enumerate(words):
        if w == opt:
            v = words[i + 1] if i + 1 < len(words) else None
        elif w.startswith(opt):
            v = w[len(opt):]
    return v


def number(v, most):
    try:
        return v is not None and 0 < float(v) <= most
    except ValueError:
        return False


def bounded(words):
    tool, args = words[0], words[1:]
    low = [w.lower() for w in args]
    if tool in ('ip', 'bridge'):  # no monitor, no other namespace (-n, -all, netns, link-netns), no exec
        return not any(w.startswith(('mo', '-n', '-a', '--', 'netn', 'link-netn', 'exec')) or w == 'net' for w in low)
    if tool == 'nft':
        return not any(w.startswith(('mo', '-f', '--file', '-i', '--inter')) for w in low)
    if tool in ('ping', 'arping'):
        return number(option(args, '-w'), 3)
    if tool == 'traceroute':
        return option(args, '-q') == '1' and option(args, '-w') == '1' and not any(w.startswith('-z') for w in args)
    if tool == 'tracepath':
        return number(option(args, '-m'), 3)
    if tool == 'tcpdump':  # reads a file; writes none and runs no command
        return '-r' in args and not any(w.startswith('-') and not w.startswith('--') and re.search('[wWCGz]', w)
                                         for w in args)
    if tool == 'arp-scan':  # a handful of targets, no savefile
        return not any(w.startswith(('-l', '--l', '-W', '--pcap', '-f', '--f')) or re.search(r'/([0-9]|1[0-9]|2[0-7])$', w)
                       or re.search(r':255\.255\.(?!255\.2[45])', w) or re.search(r'^[0-9.]+-[0-9.]+$', w) and
                       w.split('-')[0].rsplit('.', 1)[0] != w.split('-')[1].rsplit('.', 1)[0] for w in args)
    if tool == 'nc':  # connects and ends: no listening, no unix sockets, no fd passing, a deadline
        return number(option(args, '-w'), 2) and not any(w.startswith('-') and re.search('[lkUFXxZ]', w) for w in args)
    if tool == 'iptables':  # the namespace's own tables; no file, no module loading
        return not any(w.startswith(('--modprobe', '-M', '--mo')) for w in args)
    if tool == 'sysctl':  # writes only the namespace's own ipv4 keys, loads no file
        if any(w.startswith('-') and not w.startswith('--') and re.search('[pf]', w) or w.startswith(('--l', '--s', '--p'))
               for w in args):
            return False
        write = any(w.startswith('-') and not w.startswith('--') and 'w' in w or w == '--write' for w in args)
        keys = [w.split('=', 1)[0].replace('/', '.') for w in args if not w.startswith('-') and (write or '=' in w)]
        return all(SAFE_SYSCTL.match(k) for k in keys)
    return tool == 'arp'


def prepare(cmd):
    """The bounds the mutation must keep: a deadline for ping and arping, one probe a second for traceroute."""
    w = shlex.split(cmd)
    if w[0] in ('ping', 'arping') and not number(option(w[1:], '-w'), 3):
        w[1:1] = ['-w', '2']
    if w[0] == 'traceroute' and not (option(w[1:], '-q') == '1' and option(w[1:], '-w') == '1'):
        w[1:1] = ['-q', '1', '-w', '1']
    if w[0] == 'nc' and not number(option(w[1:], '-w'), 2):
        w[1:1] = ['-w', '1']
    if w[0] == 'tracepath' and not number(option(w[1:], '-m'), 3):
        w[1:1] = ['-m', '2']
    return w


out = []
while len(out) < n:
    node, cmd = rnd.choice(cmds)
    words = mutate(rnd, prepare(cmd), NUMBERS, lambda: rnd.choice(cmds)[1])
    words = [w for w in words if w != '']
    if not words or words[0] not in TOOLS or not bounded(words):
        continue
    line = ' '.join(shlex.quote(w) for w in words)
    if '\\' in line or '`' in line or '$' in line or '\t' in line or '\n' in line:
        continue
    out.append(f'{node} {line}')
print(f'# gen-mut.py {seed} {n}: recorded commands, each edited in one to three places and quoted for the shell')
print('\n'.join(out))
