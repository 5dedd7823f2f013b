#!/usr/bin/env python3
"""Seeded flow files for replace-flows and diff-flows (ovs-ofctl's struct fte) against the real OVS 3.1.

  src/test/scripts/gen-fte.py SEED [COUNT] [loose]   (writes refdata/ovs/fte/random-SEED.in, -a.flows and -b.flows)

Candidates come from gen-flows.py (the plain, "flags" and "wide" modes, SEED-derived seeds); a private OVS
(ovs-oracle.sh) keeps those that `ovs-ofctl -O OpenFlow15 add-flow br0` accepts without a warning, so that each file
reads whole, leaving out two kinds whose switch-side match keeps bits the dump prints alike, which arplab does not
model: a match normalized to no L3 type (which the switch keeps with a hidden packet_type; "loose" keeps these, modelled
since, and leaves out timeouts under a minute instead, which OVS expires in real time as the recording runs) and one on
tunnel fields.
File A takes COUNT of them (default 24); file B keeps most of A's, some with other actions, cookies or timeouts
(another candidate's), some at another priority, drops some, adds new ones and repeats one match (the last wins).
The commands load A (in OpenFlow 1.5, 1.3 or 1.0, which a flow of A may be refused in), diff both ways and with
the files alone, replace with B (also with --readd), dump, and diff again. Recording:
  STATUS=1 src/test/scripts/record-ovs-commands.sh fte random-SEED.in
"""
import os
import random
import re
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
seed = int(sys.argv[1])
count = int(sys.argv[2]) if len(sys.argv) > 2 else 24
loose = len(sys.argv) > 3 and sys.argv[3] == "loose"
rng = random.Random(seed)
out = os.path.join(here, "..", "resources", "refdata", "ovs", "fte")
os.makedirs(out, exist_ok=True)


def candidates():
    lines = []
    for k, mode in enumerate(["", "flags", "wide", ""]):
        args = [sys.executable, os.path.join(here, "gen-flows.py"), str(seed * 10 + k), "60"] + ([mode] if mode else [])
        text = subprocess.run(args, capture_output=True, text=True, check=True).stdout
        lines += [l for l in text.splitlines() if l and not l.startswith("#")]
    return lines


def accepted(lines):
    d = tempfile.mkdtemp(prefix="ovsfte.")
    env = dict(os.environ, OVS_RUNDIR=d)
    subprocess.run([os.path.join(here, "ovs-oracle.sh"), "start", d], capture_output=True, check=True)
    try:
        for p in (1, 2, 3):
            subprocess.run(["ovs-vsctl", "add-port", "br0", "p%d" % p, "--", "set", "interface", "p%d" % p,
                            "type=dummy", "ofport_request=%d" % p], env=env, capture_output=True, check=True)
        ok = []
        for l in lines:
            r = subprocess.run(["ovs-ofctl", "-O", "OpenFlow15", "add-flow", "br0", l], env=env, capture_output=True)
            # a flow whose normalized match keeps no L3 type may keep nw_frag hidden on the switch (arplab does not
            # model that): left out
            post = [x for x in r.stderr.decode().splitlines() if "|post: " in x]
            typed = loose or all(re.search(r"(^|,)(ip|ipv6|tcp|udp|sctp|icmp|icmp6|tcp6|udp6|sctp6|arp|rarp|mpls|mplsm|dl_type=|"
                                  r"eth_type=)", x.split("|post: ", 1)[1]) for x in post)
            # matches on tunnel fields: left out when the seeds were made (their difference was a nw_frag=yes beside
            # them, whose mask the file keeps wider: modelled since)
            tunnel = re.search(r"(^|,)tun_", l.split("actions=")[0])
            # "loose" also leaves out timeouts under a minute, which OVS expires in real time while the recording runs
            short = loose and re.search(r"(idle|hard)_timeout=([1-9]|[1-5][0-9])(,|$)", l.split("actions=")[0])
            if r.returncode == 0 and b"|WARN|" not in r.stderr and b"|ERR|" not in r.stderr and typed and not tunnel and not short:
                ok.append(l)
            subprocess.run(["ovs-ofctl", "-O", "OpenFlow15", "del-flows", "br0"], env=env, capture_output=True)
        return ok
    finally:
        subprocess.run([os.path.join(here, "ovs-oracle.sh"), "stop", d], capture_output=True)


def split(flow):
    """The flow's match part and its actions."""
    i = flow.index("actions=")
    return flow[:i], flow[i:]


pool = accepted(candidates())
rng.shuffle(pool)
a = pool[:count]
rest = pool[count:]
b = []
for f in a:
    r = rng.random()
    m, acts = split(f)
    if r < 0.45:
        b.append(f)  # the same
    elif r < 0.6 and rest:
        b.append(m + split(rng.choice(rest))[1])  # other actions
    elif r < 0.7:
        b.append(re.sub(r"cookie=0x[0-9a-f]+(/0x[0-9a-f]+)?,?", "", m) + "cookie=0x%x," % rng.randrange(1, 99) + acts)
    elif r < 0.8:
        b.append(re.sub(r"(idle|hard)_timeout=\d+,?", "", m) + "idle_timeout=%d," % rng.choice([10, 30, 0]) + acts)
    elif r < 0.9:
        b.append(re.sub(r"priority=\d+,?", "", m) + "priority=%d," % rng.randrange(1, 200) + acts)
    # else: dropped
for f in rest[: max(2, count // 4)]:
    b.insert(rng.randrange(len(b) + 1), f)  # new ones
if b:
    b.append(b[rng.randrange(len(b))])  # a repeat: the same match and priority again, the last wins
rng.shuffle(b)

name = "random-%d" % seed
with open(os.path.join(out, name + "-a.flows"), "w") as fh:
    fh.write("# gen-fte.py %d %d%s: file A\n" % (seed, count, " loose" if loose else "") + "\n".join(a) + "\n")
with open(os.path.join(out, name + "-b.flows"), "w") as fh:
    fh.write("# gen-fte.py %d %d%s: file B\n" % (seed, count, " loose" if loose else "") + "\n".join(b) + "\n")
fa, fb = name + "-a.flows", name + "-b.flows"
o = rng.choice(["-O OpenFlow15", "-O OpenFlow13", ""])
cmds = [
    "ovs-ofctl %s add-flows br0 %s" % (o, fa),
    "ovs-ofctl %s --no-stats dump-flows br0" % o,
    "ovs-ofctl %s diff-flows br0 %s" % (o, fa),
    "ovs-ofctl %s diff-flows %s br0" % (o, fb),
    "ovs-ofctl diff-flows %s %s" % (fa, fb),
    "ovs-ofctl diff-flows %s %s" % (fb, fa),
    "ovs-ofctl -O OpenFlow15 replace-flows br0 %s" % fb,
    "ovs-ofctl -O OpenFlow15 --no-stats dump-flows br0",
    "ovs-ofctl -O OpenFlow15 diff-flows br0 %s" % fb,
    "ovs-ofctl -O OpenFlow13 diff-flows br0 %s" % fa,
    "ovs-ofctl diff-flows br0 %s" % fb,
    "ovs-ofctl -O OpenFlow13 replace-flows br0 %s" % fa,
    "ovs-ofctl -O OpenFlow13 --no-stats dump-flows br0",
    "ovs-ofctl -O OpenFlow15 --readd replace-flows br0 %s" % fa,
    "ovs-ofctl -O OpenFlow15 dump-aggregate br0",
    "ovs-ofctl replace-flows br0 %s" % fb,
    "ovs-ofctl --no-stats dump-flows br0",
]
with open(os.path.join(out, name + ".in"), "w") as fh:
    fh.write("# gen-fte.py %d %d%s\n" % (seed, count, " loose" if loose else "") + "\n".join(re.sub(" +", " ", c) for c in cmds) + "\n")
