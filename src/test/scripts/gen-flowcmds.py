#!/usr/bin/env python3
"""Seeded random sequences of ovs-ofctl flow commands on one bridge, for the campaign against the real OVS 3.1.

Writes DIR/commands.in (one command line each, run on br0 with the dummy ports p1, p2, p3) and the add-flows files
it names (DIR/fN.flows): add-flow and add-flows of a few flows with cookies, priorities, tables, timeouts and flags;
mod-flows and del-flows with and without --strict, with cookie/mask, out_port=, out_group=, table= and partial
matches; dump-flows with --sort/--rsort[=field], --names, --no-stats, a match filter or table=N; dump-aggregate;
each under OpenFlow10, 13 or 15, and now and then a line OVS refuses.
  src/test/scripts/gen-flowcmds.py SEED N DIR
"""
import os
import random
import sys

seed, count, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
r = random.Random(seed)
VERSIONS = ["OpenFlow10", "OpenFlow13", "OpenFlow15"]


def mac():
    return "%02x:00:00:00:00:%02x" % (r.choice([0, 2, 0xaa]), r.randrange(1, 6))


def ip(net="10.0"):
    return "%s.%d.%d" % (net, r.randrange(3), r.randrange(1, 5))


def port():
    return r.choice(["1", "2", "3", "p1", "p2", "LOCAL", "4"])


# partial matches: small value ranges so that flows overlap, mod/del hit several and strict ones hit some
MATCHES = [
    lambda: "in_port=%s" % port(),
    lambda: "dl_src=%s" % mac(),
    lambda: "dl_dst=%s" % mac(),
    lambda: "dl_vlan=%d" % r.choice([10, 20]),
    lambda: "ip,nw_src=%s" % ip(),
    lambda: "ip,nw_dst=%s/%d" % (ip(), r.choice([16, 24, 32])),
    lambda: "tcp,tp_dst=%d" % r.choice([22, 80, 443]),
    lambda: "udp,tp_src=%d" % r.choice([53, 67]),
    lambda: "arp,arp_op=%d" % r.choice([1, 2]),
    lambda: "arp,arp_tpa=%s" % ip(),
    lambda: "icmp,icmp_type=%d" % r.choice([0, 8]),
    lambda: "ipv6,ipv6_src=2001:db8::%d" % r.randrange(1, 4),
    lambda: "reg0=%d" % r.randrange(3),
    lambda: "metadata=0x%x" % r.randrange(3),
    lambda: "tun_id=0x%x" % r.randrange(1, 3),
    lambda: "ip,nw_tos=%d" % r.choice([0, 4]),
]

ACTIONS = [
    lambda: "output:%s" % port(),
    lambda: "drop",
    lambda: "NORMAL",
    lambda: "mod_vlan_vid:%d" % r.choice([10, 30]),
    lambda: "strip_vlan",
    lambda: "mod_dl_dst:%s" % mac(),
    lambda: "load:%d->NXM_NX_REG0[]" % r.randrange(4),
    lambda: "set_field:%s->ip_dst" % ip(),
    lambda: "resubmit(,%d)" % r.choice([1, 2, 5]),
    lambda: "goto_table:%d" % r.choice([1, 2, 5]),
    lambda: "controller",
    lambda: "dec_ttl",
    lambda: "write_metadata:0x%x" % r.randrange(1, 4),
    lambda: "group:%d" % r.randrange(1, 3),
    lambda: "mod_nw_tos:%d" % r.choice([4, 8]),
    lambda: "push_vlan:0x8100,set_field:%d->vlan_vid" % r.choice([4106, 4116]),
]


def match(k=None):
    parts, seen = [], set()
    for _ in range(r.choice([0, 1, 1, 2, 2, 3]) if k is None else k):
        m = r.choice(MATCHES)()
        proto = m.split(",")[0] if "," in m else ""
        if proto and any(p in seen for p in ("ip", "tcp", "udp", "arp", "icmp", "ipv6") if p != proto):
            continue  # one protocol per flow, mostly
        seen.add(proto)
        parts.append(m)
    return ",".join(parts)


def actions():
    acts = [r.choice(ACTIONS)() for _ in range(r.choice([0, 1, 1, 2, 3]))]
    if "drop" in acts and len(acts) > 1:
        acts.remove("drop")
    # mostly in OpenFlow 1.1's instruction order: apply_actions, write_metadata, goto_table, each once
    if r.random() < 0.9:
        meta = [a for a in acts if a.startswith("write_metadata")]
        gotos = [a for a in acts if a.startswith("goto_table")]
        acts = [a for a in acts if a not in meta and a not in gotos] + meta[:1] + gotos[:1]
    return ",".join(acts)


def head(cmd_add):
    words = []
    if r.random() < 0.5:
        words.append("table=%d" % r.choice([0, 0, 1, 2, 5]))
    if r.random() < 0.6:
        words.append("priority=%d" % r.choice([0, 100, 100, 200, 500, 32768, 65535]))
    if r.random() < 0.5:
        words.append("cookie=0x%x" % r.choice([1, 2, 0x10, 0x11, 0xff00]))
    if cmd_add and r.random() < 0.25:
        words.append("%s_timeout=%d" % (r.choice(["idle", "hard"]), r.choice([300, 600, 3600])))
    if cmd_add and r.random() < 0.2:
        words.append(r.choice(["send_flow_rem", "check_overlap", "reset_counts", "no_packet_counts",
                               "no_byte_counts", "importance=%d" % r.randrange(1, 10)]))
    return words


def flow():
    words = head(True)
    m = match()
    if m:
        words.append(m)
    words.append("actions=" + actions())
    return ",".join(words)


def file_line():
    """A line of an add-flows file: a flow, or a flow_mod led by its command (parse_ofp_flow_mod_file())."""
    prefix = r.choice(["", "", "", "", "add ", "modify ", "modify_strict ", "delete ", "delete_strict "])
    if not prefix.startswith("delete") or r.random() < 0.1:
        return prefix + flow()
    words = [w for w in head(False) if prefix == "delete_strict " or not w.startswith("priority")]
    words = [w if not w.startswith("cookie=") else w + "/-1" for w in words]
    m = match()
    if m:
        words.append(m)
    return prefix + ",".join(words)


def bad():
    return r.choice([
        "add-flow br0 \"%s\"" % "in_port=1,nw_src=10.0.0.1,actions=drop",     # nw_src without ip: fine in OVS
        "add-flow br0 \"table=255,actions=drop\"",
        "add-flow br0 \"in_port=1\"",
        "add-flow br0 \"cookie=0x1/0xff,actions=drop\"",
        "add-flow br0 \"ip,nw_src=10.0.0.300,actions=drop\"",
        "add-flow br0 \"in_port=1,actions=output:p9\"",
        "add-flow br0 \"priority=70000,actions=drop\"",
        "add-flow br0 \"tcp,tp_dst=80,actions=goto_table:1,output:1\"",
        "mod-flows br0 \"in_port=1,actions=bogus\"",
        "del-flows br0 \"foo=1\"",
        "del-flows br0 \"out_port=p9\"",
        "dump-flows br0 \"table=300\"",
        "dump-flows br0 \"in_port=1,actions=drop\"",
        "dump-aggregate br0 \"nw_src=1.2.3\"",
        "add-flow br0 \"actions=group:5\"",
        "add-flow br0 \"table=1,actions=goto_table:0\"",
        "--sort=nosuchfield dump-flows br0",
        "mod-flows br0 \"cookie=0x1/0x1,table=0,actions=output:2\"",
    ])


def version():
    return r.choice(VERSIONS)


def q(s):
    return "\"%s\"" % s if s else ""


os.makedirs(out, exist_ok=True)
for f in os.listdir(out):
    if f.endswith(".flows"):
        os.remove(os.path.join(out, f))
lines = ["ovs-ofctl -O OpenFlow15 del-flows br0"]
files = 0
for i in range(count):
    k = r.random()
    v = version()
    if k < 0.18:
        lines.append("ovs-ofctl -O %s add-flow br0 %s" % (v, q(flow())))
    elif k < 0.32:
        files += 1
        name = "f%d.flows" % files
        with open(os.path.join(out, name), "w") as f:
            for _ in range(r.randrange(2, 6)):
                f.write(file_line() + "\n")
        lines.append("ovs-ofctl -O %s add-flows br0 %s" % (v, name))
    elif k < 0.44:
        strict = r.random() < 0.4
        words = head(False) if strict else [w for w in head(False) if not w.startswith("priority")]
        if r.random() < 0.3:
            words.append("cookie=0x%x/0x%x" % (r.choice([0, 1, 0x10]), r.choice([0xf, 0xff, 0x1])))
            words = [w for w in words if not w.startswith("cookie=0x") or "/" in w]
        m = match()
        if m:
            words.append(m)
        words.append("actions=" + actions())
        lines.append("ovs-ofctl -O %s %smod-flows br0 %s" % (v, "--strict " if strict else "", q(",".join(words))))
    elif k < 0.56:
        strict = r.random() < 0.3
        words = [w for w in head(False) if strict or not w.startswith("priority")]
        words = [w for w in words if not w.startswith("cookie=")]
        if r.random() < 0.3:
            words.append("cookie=0x%x/0x%x" % (r.choice([0, 1, 0x10]), r.choice([0xf, 0xff, 0x1, -1 & 0xffff])))
        if r.random() < 0.25:
            words.append("out_port=%s" % port())
        if r.random() < 0.1:
            words.append("out_group=%d" % r.randrange(1, 3))
        m = match()
        if m:
            words.append(m)
        lines.append(("ovs-ofctl -O %s %sdel-flows br0 %s" % (v, "--strict " if strict else "",
                                                             q(",".join(words)))).rstrip())
    elif k < 0.9:
        opts = []
        if r.random() < 0.5:
            opts.append("--no-stats")
        if r.random() < 0.25:
            opts.append("--names")
        s = r.random()
        if s < 0.25:
            opts.append("--sort")
        elif s < 0.4:
            opts.append("--rsort")
        elif s < 0.6:
            opts.append("--%s=%s" % (r.choice(["sort", "rsort"]),
                                     r.choice(["priority", "in_port", "nw_src", "dl_vlan", "tp_dst", "reg0",
                                               "cookie", "metadata"])))
        f = ""
        t = r.random()
        if t < 0.2:
            f = "table=%d" % r.choice([0, 1, 2, 5])
        elif t < 0.4:
            f = match(1)
        elif t < 0.5:
            f = "cookie=0x%x/0x%x" % (r.choice([0, 1, 0x10]), r.choice([0xf, 0xff]))
        elif t < 0.55:
            f = "out_port=%s" % port()
        lines.append("ovs-ofctl -O %s %sdump-flows br0 %s" % (v, " ".join(opts) + " " if opts else "", q(f)))
        lines[-1] = lines[-1].rstrip()
    elif k < 0.95:
        f = r.choice(["", "", "table=0", match(1), "out_port=%s" % port()])
        lines.append(("ovs-ofctl -O %s dump-aggregate br0 %s" % (v, q(f))).rstrip())
    else:
        lines.append("ovs-ofctl -O %s %s" % (v, bad()))
lines.append("ovs-ofctl -O OpenFlow13 dump-flows br0")
lines.append("ovs-ofctl -O OpenFlow10 --rsort dump-flows br0")
with open(os.path.join(out, "commands.in"), "w") as f:
    f.write("\n".join(lines) + "\n")
