#!/usr/bin/env python3
"""Random arp-scan 1.10.0 campaigns for refdata/local/security/record-scan-random.sh: prints one case per line, in
record-scan.sh's words ("scan arp-scan ..." from n1, "run NODE ip ..." for the lab's changes between scans), drawn
from SEED: option spellings getopt_long_only() takes (long, abbreviated, single-dash, short, attached), the timing
options, verbosity and output forms, the request's fields, and targets present, absent, as ranges and prefixes,
with a second host answering for an address now and then. Usage: gen-scan.py SEED [CASES]."""
import random
import sys

seed = int(sys.argv[1])
cases = int(sys.argv[2]) if len(sys.argv) > 2 else 24
r = random.Random(seed)
PRESENT = ["172.28.0.1", "172.28.0.12", "172.28.0.13"]
MACS = ["02:42:ac:1c:00:0c", "02:42:ac:1c:00:0d", "02:42:ac:1c:00:98", "00:11:22:33:44:55", "ff:ff:ff:ff:ff:ff",
        "01:00:5e:00:00:01", "00:00:00:00:00:00"]
VENDOR_MACS = ["52:54:00:ab:cd:ef", "00:50:56:01:02:03", "00:00:5e:00:01:2a", "08:00:27:11:22:33",
               "00:1b:21:aa:bb:cc", "3c:22:fb:00:00:01", "02:42:ac:1c:00:0d"]


def spell(long, short, value=None):
    """One option as a user might type it: --name=v, --name v, -name=v, an unambiguous prefix, -X v, -Xv."""
    forms = ["long", "long-space", "single", "prefix"] + (["short", "short-attached"] if short else [])
    f = r.choice(forms)
    if value is None:
        if f in ("short", "short-attached"):
            return "-" + short
        if f == "single":
            return "-" + long
        if f == "prefix" and len(long) > 5:
            return "--" + long[:len(long) - r.randint(0, 2)]
        return "--" + long
    if f == "long":
        return "--%s=%s" % (long, value)
    if f == "long-space":
        return "--%s %s" % (long, value)
    if f == "single":
        return "-%s=%s" % (long, value)
    if f == "prefix":
        return "--%s=%s" % (long[:max(len(long) - r.randint(0, 2), 6)] if len(long) > 6 else long, value)
    if f == "short":
        return "-%s %s" % (short, value)
    return "-%s%s" % (short, value)


def targets():
    kinds = r.choices(["present", "absent", "self", "range", "cidr", "mask"], [5, 3, 1, 2, 2, 1], k=r.randint(1, 3))
    out = []
    for k in kinds:
        if k == "present":
            out.append(r.choice(PRESENT))
        elif k == "absent":
            out.append("172.28.0.%d" % r.randint(90, 99))
        elif k == "self":
            out.append("172.28.0.11")
        elif k == "range":
            a = r.randint(9, 13)
            out.append("172.28.0.%d-172.28.0.%d" % (a, a + r.randint(0, 3)))
        elif k == "cidr":
            out.append(r.choice(["172.28.0.8/30", "172.28.0.12/30", "172.28.0.0/29", "172.28.0.8/29",
                                 "172.28.0.12/31", "172.28.0.13/32"]))
        else:
            out.append(r.choice(["172.28.0.12:255.255.255.252", "172.28.0.8:255.255.255.248"]))
    return out


def options():
    o = []
    limit_retries = False
    if r.random() < 0.4:
        o.append(spell("retry", "r", r.randint(1, 3)))
    else:
        limit_retries = True
    if r.random() < 0.4:
        o.append(spell("timeout", "t", r.choice([50, 100, 150, 200, 300])))
    if r.random() < 0.25:
        o.append(spell("backoff", "b", r.choice(["1", "1.2", "1.5", "2"])))
    t = r.random()
    if t < 0.2:
        o.append(spell("interval", "i", r.choice(["2", "5", "10", "20", "500u", "1500U", "0"])))
    elif t < 0.35:
        o.append(spell("bandwidth", "B", r.choice(["10k", "64K", "100000", "1M", "512k"])))
    v = r.random()
    if v < 0.15:
        o.append("-v")
    elif v < 0.25:
        o.append("-vv")
    elif v < 0.28:
        o.append("-vvv")
    for name, short, p in (("quiet", "q", 0.3), ("plain", "x", 0.3), ("ignoredups", "g", 0.15),
                           ("numeric", "N", 0.15)):
        if r.random() < p:
            o.append(spell(name, short))
    if r.random() < 0.15:
        o.append(spell("random", "R"))
        o.append("--randomseed=%d" % r.randint(0, 1000))
    if r.random() < 0.12:
        o.append(spell("limit", "M", r.randint(1, 3)))
    if r.random() < 0.12:
        fields = r.sample(["${ip}", "${IP;-15}", "${mac}", "${hdrmac}", "${vendor}", "${padding}", "${framing}",
                           "${vlan}", "${proto}", "${dup}", "${name}", "${Mac;20}"], r.randint(1, 4))
        sep = r.choice(["|", " ", "\\t", ",", " -> "])
        o.append("'--format=%s'" % sep.join(fields))
    # the request's fields
    if r.random() < 0.15:
        o.append(spell("arpspa", "s", r.choice(["dest", "172.28.0.50", "0.0.0.0", "10.9.9.9", "172.28.0.1"])))
    if r.random() < 0.1:
        o.append(spell("srcaddr", "S", r.choice(MACS[:4])))
    if r.random() < 0.08:
        o.append(spell("arpsha", "u", r.choice(MACS[:4])))
    if r.random() < 0.08:
        o.append(spell("arptha", "w", r.choice(MACS)))
    if r.random() < 0.08:
        o.append(spell("destaddr", "T", r.choice(MACS)))
    if r.random() < 0.06:
        o.append(spell("arpop", "o", r.choice([1, 2, 3, 8])))
    if r.random() < 0.05:
        o.append(spell("arphrd", "H", r.choice([1, 6, "0x20"])))
    if r.random() < 0.04:
        o.append(spell("arppro", "p", r.choice(["0x0800", "0x86dd", "2048"])))
    if r.random() < 0.04:
        o.append(spell("arphln", "a", r.choice([6, 8])))
    if r.random() < 0.04:
        o.append(spell("arppln", "P", r.choice([4, 6])))
    if r.random() < 0.06:
        o.append(spell("padding", "A", r.choice(["00", "0102030405", "deadbeef", "0g", "ff" * 8])))
    if r.random() < 0.06:
        o.append(spell("llc", "L"))
    if r.random() < 0.06:
        o.append(spell("vlan", "Q", r.choice([1, 5, 100, 4094])))
    if r.random() < 0.05:
        o.append(spell("snap", "n", r.choice([30, 42, 64, 128])))
    if limit_retries and len(o) < 3 and r.random() < 0.5:
        o.append("--retry=1")
    r.shuffle(o)
    return o


dup = False
for i in range(cases):
    c = r.random()
    if c < 0.07:
        if dup:
            print("run n3 ip addr del 172.28.0.12/16 dev eth0")
        else:
            print("run n3 ip addr add 172.28.0.12/16 dev eth0")
        dup = not dup
        continue
    if c < 0.11:
        print("run %s ip link set eth0 address %s" % (r.choice(["n2", "n3"]), r.choice(VENDOR_MACS)))
        continue
    print("scan arp-scan -I eth0 " + " ".join(options() + targets()))
