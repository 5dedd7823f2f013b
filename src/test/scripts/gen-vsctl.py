#!/usr/bin/env python3
"""Seeded random ovs-vsctl command sequences at run time for the differential campaign against the real OVS 3.1.

Prints a commands.in for record-vsctl.sh --dir (br0 alone at the start: ovs-oracle.sh's add-br): add-br/del-br of
br1/br2 (datapath_type=dummy), add-port/del-port of p1..p6 with `-- set Interface X type=dummy|internal` and
sometimes ofport_request=N, --may-exist/--if-exists, list-br, list-ports, show, br-exists, port-to-br, get and set of
the Bridge, Port and Interface columns arplab models (fail_mode, protocols, other_config:hwaddr/datapath-id,
external_ids, tag, ofport, ofport_request, type, mac_in_use, name), get-/set-/del-fail-mode, and malformed commands
(unknown commands and tables, missing arguments, bad values, unknown rows), interleaved with `ovs-ofctl show`,
`ovs-ofctl dump-ports` and `ovs-appctl dpif/show` to show their effects.
  src/test/scripts/gen-vsctl.py SEED [N]   (N commands, 60 by default)
"""
import random
import sys

seed = int(sys.argv[1])
n = int(sys.argv[2]) if len(sys.argv) > 2 else 60
r = random.Random(seed)
BRIDGES = {"br0": []}  # bridge -> its ports (what the generator believes; it is not always right, on purpose)
PORTS = ["p%d" % k for k in range(1, 7)]
out = ["# gen-vsctl.py %d %d: ovs-vsctl at run time on br0 (ovs-oracle.sh's), recorded by record-vsctl.sh --dir" % (seed, n)]


def some_bridge(existing=0.85):
    if r.random() < existing:
        return r.choice(sorted(BRIDGES))
    return r.choice(["br1", "br2", "nobr"])


def some_port(existing=0.8):
    ports = [p for b in BRIDGES for p in BRIDGES[b]]
    if ports and r.random() < existing:
        return r.choice(sorted(ports))
    return r.choice(PORTS + ["nop"])


def iface_set(p):
    s = " -- set Interface %s type=%s" % (p, r.choice(["dummy", "dummy", "internal"]))
    if r.random() < 0.35:
        s += " ofport_request=%d" % r.randrange(1, 12)
    return s


def add_br():
    b = r.choice(["br1", "br2", "br1", "br0"])
    may = "--may-exist " if r.random() < 0.3 else ""
    extra = ""
    if r.random() < 0.5:
        extra = " -- set Bridge %s datapath_type=dummy" % b
        if r.random() < 0.4:
            extra += " fail_mode=%s" % r.choice(["secure", "standalone"])
    else:
        extra = " -- set Bridge %s datapath_type=dummy" % b
    if b not in BRIDGES:
        BRIDGES[b] = []
    return "ovs-vsctl %sadd-br %s%s" % (may, b, extra)


def del_br():
    b = some_bridge(0.6)
    if b == "br0" and r.random() < 0.8:
        b = "br1"
    ife = "--if-exists " if r.random() < 0.3 else ""
    BRIDGES.pop(b, None) if b != "br0" else None
    if b == "br0":
        BRIDGES["br0"] = []
    return "ovs-vsctl %sdel-br %s" % (ife, b)


def add_port():
    b = some_bridge()
    p = r.choice(PORTS) if r.random() < 0.9 else b
    may = "--may-exist " if r.random() < 0.25 else ""
    tag = " tag=%d" % r.randrange(1, 100) if r.random() < 0.15 else ""
    if b in BRIDGES and all(p not in v for v in BRIDGES.values()):
        BRIDGES[b].append(p)
    return "ovs-vsctl %sadd-port %s %s%s%s" % (may, b, p, tag, iface_set(p) if r.random() < 0.9 else "")


def del_port():
    p = some_port()
    ife = "--if-exists " if r.random() < 0.3 else ""
    for v in BRIDGES.values():
        if p in v:
            v.remove(p)
    if r.random() < 0.5:
        return "ovs-vsctl %sdel-port %s %s" % (ife, some_bridge(), p)
    return "ovs-vsctl %sdel-port %s" % (ife, p)


def get():
    kind = r.choice(["Bridge", "Port", "Interface", "Interface"])
    if kind == "Bridge":
        cols = ["fail_mode", "datapath_type", "protocols", "other_config", "name", "external_ids",
                "other_config:hwaddr", "other_config:datapath-id"]
        row = some_bridge()
    elif kind == "Port":
        cols = ["tag", "name", "external_ids", "trunks", "vlan_mode"]
        row = some_port()
    else:
        cols = ["ofport", "ofport_request", "type", "name", "mac_in_use", "external_ids"]
        row = some_port()
    ife = "--if-exists " if r.random() < 0.1 else ""
    return "ovs-vsctl %sget %s %s %s" % (ife, kind, row, " ".join(r.sample(cols, r.choice([1, 1, 2]))))


def set_():
    kind = r.choice(["Bridge", "Port", "Interface"])
    if kind == "Bridge":
        vals = ["fail_mode=%s" % r.choice(["secure", "standalone"]),
                "protocols=%s" % r.choice(["OpenFlow10", "OpenFlow10,OpenFlow13", "OpenFlow13"]),
                "other_config:hwaddr=aa:bb:cc:00:00:%02x" % r.randrange(1, 255),
                "other-config:datapath-id=%016x" % r.randrange(1, 1 << 16),
                "external_ids:k%d=v%d" % (r.randrange(3), r.randrange(9))]
        row = some_bridge()
    elif kind == "Port":
        vals = ["tag=%d" % r.randrange(1, 4095), "external_ids:k=v%d" % r.randrange(9)]
        row = some_port()
    else:
        vals = ["ofport_request=%d" % r.randrange(1, 20), "external_ids:k=v%d" % r.randrange(9)]
        row = some_port()
    return "ovs-vsctl set %s %s %s" % (kind, row, " ".join(r.sample(vals, r.choice([1, 1, 2]))))


def fail_mode():
    b = some_bridge()
    return r.choice(["ovs-vsctl get-fail-mode %s" % b,
                     "ovs-vsctl set-fail-mode %s %s" % (b, r.choice(["secure", "standalone", "standalone"])),
                     "ovs-vsctl del-fail-mode %s" % b])


def malformed():
    b, p = some_bridge(), some_port()
    return r.choice([
        "ovs-vsctl add-bridge %s" % b, "ovs-vsctl list-port %s" % b, "ovs-vsctl frobnicate",
        "ovs-vsctl add-port %s" % b, "ovs-vsctl add-br", "ovs-vsctl del-port", "ovs-vsctl get Interface",
        "ovs-vsctl get Interface %s" % p, "ovs-vsctl get Bridge %s nocolumn" % b, "ovs-vsctl get Brige %s name" % b,
        "ovs-vsctl set Interface %s ofport_request=abc" % p, "ovs-vsctl set Bridge %s fail_mode=bogus" % b,
        "ovs-vsctl set Port %s tag=5000" % p, "ovs-vsctl set Bridge %s protocols=OpenFlow99" % b,
        "ovs-vsctl set-fail-mode %s bogus" % b, "ovs-vsctl set Bridge %s other_config" % b,
        "ovs-vsctl br-exists", "ovs-vsctl port-to-br", "ovs-vsctl list-ports nobr",
        "ovs-vsctl set Interface %s type" % p, "ovs-vsctl get Port nop name"])


def view():
    b = some_bridge(0.95)
    return r.choice(["ovs-ofctl show %s" % b, "ovs-ofctl dump-ports %s" % b, "ovs-appctl dpif/show",
                     "ovs-ofctl show br0", "ovs-appctl dpif/show"])


GEN = [(add_br, 5), (del_br, 2), (add_port, 12), (del_port, 5), (get, 10), (set_, 6), (fail_mode, 3),
       (malformed, 6), (view, 8),
       (lambda: "ovs-vsctl list-br", 2), (lambda: "ovs-vsctl list-ports %s" % some_bridge(), 3),
       (lambda: "ovs-vsctl show", 2), (lambda: "ovs-vsctl br-exists %s" % some_bridge(0.6), 2),
       (lambda: "ovs-vsctl port-to-br %s" % some_port(), 2)]
fs, ws = zip(*GEN)
for _ in range(n):
    out.append(r.choices(fs, ws)[0]())
out += ["ovs-vsctl show", "ovs-ofctl show br0", "ovs-appctl dpif/show"]
print("\n".join(out))
