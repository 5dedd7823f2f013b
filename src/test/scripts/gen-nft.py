#!/usr/bin/env python3
"""Random nft (nftables 1.0.6) campaigns for refdata/local/nft/record-random.sh: prints one step per line as
"NODE COMMAND" (the command in shell words, record.sh's run() takes it), drawn from SEED in the lab of record.sh:
tables of the arp, ip and inet families in n1 and of the bridge family on host; base chains (hooks, numeric and
named priorities, policies) and regular ones; rules mixing the modelled matches (== and !=, values by name and by
number, prefixes, anonymous sets, named sets and concatenations) with counters, verdicts and jumps, adjacent
fields in both orders and counters between matches; invalid inputs (values out of range, unknown names,
conflicting protocols, misspelt keywords); listings with -a, -n, -s, -t; and pings between the nodes so counters
move. Seeds from 17 on (WIDE) also draw ranges and </>/<=/>=, ct state/status/mark, limit rate, log, reject, meta
mark set, th ports, ip6/icmpv6 fields, nft -j listings, and nc/traceroute probes that show a reject to the peer;
the draws of seeds 1-16 are unchanged. Seeds from 33 on (NAT) also draw nat chains (`type nat` at each hook, the
odd one in a family or hook nat has not) with `dnat to`, `snat to`, `masquerade` and `redirect` (ports, `ip` in
inet tables, the odd misplaced or malformed one), `ct mark set` and `meta mark set ct mark`, rules matching a mark
another hook's chain set, and nc/ping/traceroute probes through them. Seeds from 49 on (NAT4) also draw, now and
then, a nat block in n1 whose effect the probes and counters show: dnat at output (to an address, to address:port
for tcp/udp), redirect at output and prerouting, masquerade and snat with ports at postrouting, then filter chains
at postrouting and input counting what left and came back (rewritten addresses and ports, ct status, ICMP errors),
and ping, nc and traceroute through them. Usage: gen-nft.py SEED [STEPS]."""
import random
import sys

seed = int(sys.argv[1])
steps = int(sys.argv[2]) if len(sys.argv) > 2 else 40
r = random.Random(seed)
WIDE = seed >= 17  # the second round's constructs (seeds 1-16 draw as they were recorded)
NAT = seed >= 33  # the third round's: nat chains and statements, ct mark set (seeds 17-32 draw as recorded)
NAT4 = seed >= 49  # the fourth round's nat blocks whose rewriting the probes show (seeds 33-48 draw as recorded)

IPS = ["172.28.0.1", "172.28.0.11", "172.28.0.12", "172.28.0.13", "10.0.0.1", "1.2.3.4", "172.28.0.255"]
PREFIXES = ["172.28.0.0/16", "172.28.0.0/24", "10.0.0.0/8", "172.28.0.12/30", "172.28.0.5/24", "0.0.0.0/0",
            "172.28.0.11/32"]
MACS = ["02:42:ac:1c:00:0b", "02:42:ac:1c:00:0c", "02:42:ac:1c:00:0d", "02:42:8e:ff:44:b3", "ff:ff:ff:ff:ff:ff",
        "02:00:00:00:00:01"]
PROTOS = ["icmp", "tcp", "udp", "1", "6", "17", "47", "gre", "esp", "2", "igmp", "255", "0"]
ICMP_TYPES = ["echo-request", "echo-reply", "destination-unreachable", "time-exceeded", "redirect",
              "parameter-problem", "timestamp-request", "8", "0", "3", "11", "5", "13"]
ICMP_CODES = ["0", "1", "3", "4", "13", "port-unreachable", "net-unreachable", "host-unreachable",
              "prot-unreachable", "frag-needed", "admin-prohibited"]
PORTS = ["22", "53", "67", "68", "80", "443", "ssh", "domain", "http", "https", "bootps", "ntp", "0x16", "1", "65535"]
PKTTYPES = ["host", "broadcast", "multicast", "other"]
ARP_OPS = ["request", "reply", "1", "2", "9", "inreply", "rrequest"]
BAD = {
    "ttl": ["300", "foo", "-1"],
    "proto": ["300", "foo", "ICMP", "tcpp"],
    "icmp_type": ["300", "foo", "echo"],
    "icmp_code": ["300", "foo"],
    "port": ["70000", "nosuchsvc", "-1"],
    "len": ["70000", "foo"],
    "mark": ["0xffffffff1", "foo"],
    "ip": ["172.28.0.300", "1.2.3", "172.28.0.0/33"],
    "mac": ["02:42:ac:1c:00", "zz:00:00:00:00:01"],
    "op": ["bogus", "300"],
}


def num(v, width):
    return str(v) if r.random() < 0.8 else hex(v)


def value(kind):
    """A value of a field's type: by name or by number, now and then an anonymous set of them."""
    pick = {
        "ip": lambda: r.choice(IPS + PREFIXES),
        "ip1": lambda: r.choice(IPS),
        "mac": lambda: r.choice(MACS),
        "proto": lambda: r.choice(PROTOS),
        "icmp_type": lambda: r.choice(ICMP_TYPES),
        "icmp_code": lambda: r.choice(ICMP_CODES),
        "port": lambda: r.choice(PORTS),
        "ttl": lambda: num(r.choice([1, 2, 63, 64, 128, 255]), 8),
        "len": lambda: num(r.choice([20, 28, 84, 1500, 65535]), 16),
        "id": lambda: num(r.choice([0, 1, 4660, 65535]), 16),
        "mlen": lambda: num(r.choice([28, 84, 98, 1500]), 32),
        "mark": lambda: r.choice(["0x1", "0", "5", "0xffffffff", "0x00000010"]),
        "pkttype": lambda: r.choice(PKTTYPES),
        "etype": lambda: r.choice(["ip", "arp", "0x0800", "0x0806", "vlan"]),
        "ifname": lambda: r.choice(["eth0", "lo", "veth-n1", "veth-n2", "br0", "eth*"]),
        "op": lambda: r.choice(ARP_OPS),
        "htype": lambda: r.choice(["1", "6", "0x1"]),
        "ptype": lambda: r.choice(["ip", "0x0800", "arp", "0x86dd"]),
        "hlen": lambda: r.choice(["6", "8", "0x6"]),
        "plen": lambda: r.choice(["4", "16"]),
        "ip6": lambda: r.choice(IP6_VALUES),
        "icmp6_type": lambda: r.choice(ICMP6_TYPES),
    }[kind]
    if kind in BAD and r.random() < 0.04:
        return r.choice(BAD[kind])
    if r.random() < 0.18 and kind not in ("ifname",):
        vals = []
        for _ in range(r.randint(1, 4)):
            v = pick()
            if v not in vals:
                vals.append(v)
        if kind == "ip" and any("/" in v for v in vals) and r.random() < 0.7:
            vals = [v for v in vals if "/" not in v] or [r.choice(IPS)]
        return "'{ " + ", ".join(vals) + " }'"
    return pick()


FIELDS = {
    "ip saddr": "ip", "ip daddr": "ip", "ip protocol": "proto", "ip ttl": "ttl", "ip length": "len", "ip id": "id",
    "icmp type": "icmp_type", "icmp code": "icmp_code", "tcp sport": "port", "tcp dport": "port",
    "udp sport": "port", "udp dport": "port", "meta l4proto": "proto", "meta length": "mlen", "meta mark": "mark",
    "meta pkttype": "pkttype", "meta protocol": "etype", "iifname": "ifname", "oifname": "ifname",
    "meta iifname": "ifname", "meta oifname": "ifname",
    "arp htype": "htype", "arp ptype": "ptype", "arp hlen": "hlen", "arp plen": "plen", "arp operation": "op",
    "arp saddr ip": "ip", "arp daddr ip": "ip", "arp saddr ether": "mac", "arp daddr ether": "mac",
    "ether saddr": "mac", "ether daddr": "mac", "ether type": "etype",
}
FIELDS.update({"ip6 saddr": "ip6", "ip6 daddr": "ip6", "ip6 nexthdr": "proto", "ip6 hoplimit": "ttl",
               "icmpv6 type": "icmp6_type", "icmpv6 code": "icmp_code", "th sport": "port", "th dport": "port"})
IP6_VALUES = ["::1", "fe80::1", "fe80::/64", "2001:db8::1", "2001:db8::/32", "::", "ff02::1"]
ICMP6_TYPES = ["echo-request", "echo-reply", "nd-neighbor-solicit", "nd-neighbor-advert", "nd-router-advert",
               "destination-unreachable", "packet-too-big", "mld-listener-query", "128", "135", "300"]
IP_FIELDS = ["ip saddr", "ip daddr", "ip protocol", "ip ttl", "ip length", "ip id", "icmp type", "icmp code",
             "tcp sport", "tcp dport", "udp sport", "udp dport", "meta l4proto", "meta length", "meta mark",
             "meta pkttype", "iifname", "oifname", "meta iifname"]
ARP_FIELDS = ["arp htype", "arp ptype", "arp hlen", "arp plen", "arp operation", "arp saddr ip", "arp daddr ip",
              "arp saddr ether", "arp daddr ether", "iifname", "meta pkttype", "meta length", "meta mark"]
BRIDGE_FIELDS = ["ether saddr", "ether daddr", "ether type", "meta protocol", "iifname", "oifname", "meta pkttype",
                 "arp operation", "arp saddr ip", "arp saddr ether", "ip saddr", "ip daddr", "ip protocol",
                 "icmp type", "udp dport", "tcp dport", "meta l4proto", "arp htype", "ip ttl"]
# fields read side by side, which 1.0.6's stmt_reduce() merges into one load when adjacent (in either order)
ADJACENT = [("ip saddr", "ip daddr"), ("tcp sport", "tcp dport"), ("udp sport", "udp dport"),
            ("icmp type", "icmp code"), ("arp htype", "arp ptype"), ("arp hlen", "arp plen"),
            ("arp plen", "arp operation"), ("arp saddr ether", "arp saddr ip"), ("arp daddr ether", "arp daddr ip"),
            ("ether daddr", "ether saddr"), ("ether saddr", "ether type"), ("ip length", "ip id"),
            ("ip ttl", "ip protocol")]
MISSPELT = ["dorp", "acept", "countr", "ip sadr 1.2.3.4", "ip saddr", "tcp dprot 22", "icmp typ echo-request",
            "meta l4prot tcp", "arp opcode reply", "ether sadr 02:42:ac:1c:00:0b", "udp dport", "jump",
            "ip protocol udp tcp dport 22", "meta l4proto udp tcp dport 22", "icmp type echo-request udp dport 53",
            "tcp dport 22 udp dport 53", "arp operation reply ip saddr 1.2.3.4"]
FAM_PRIOS = {"ip": ["0", "filter", "raw", "mangle", "security", "-150", "10", "filter + 5", "filter - 10",
                    "dstnat", "srcnat", "-300"],
             "arp": ["0", "filter", "-5", "filter + 1", "100"],
             "bridge": ["0", "filter", "-200", "out", "dstnat", "srcnat", "filter + 10", "-100"]}
FAM_PRIOS["inet"] = FAM_PRIOS["ip"]
HOOKS = {"ip": ["input", "output", "prerouting", "postrouting", "forward"], "arp": ["input", "output"],
         "bridge": ["prerouting", "input", "forward", "output", "postrouting"]}
HOOKS["inet"] = HOOKS["ip"]

tables = []  # (family, name, node)
chains = {}  # (family, name) -> list of (chain, base)
sets = {}  # (family, name) -> list of (set, type)
out = []
natchains = set()  # (family, table, chain, hook) of the nat chains


def emit(node, cmd):
    out.append(node + " " + cmd)


def node_of(fam):
    return "host" if fam == "bridge" else "n1"


def add_table():
    fam = r.choice(["ip", "ip", "arp", "inet", "bridge"])
    name = r.choice(["t", "f", "filter", "x"])
    if (fam, name) in [(f, n) for f, n, _ in tables]:
        return
    verb = r.choice(["add", "add", "create", "add"])
    emit(node_of(fam), f"nft {verb} table {fam} {name}")
    tables.append((fam, name, node_of(fam)))
    chains[(fam, name)] = []
    sets[(fam, name)] = []
    add_chain((fam, name, node_of(fam)), base=True)


def add_chain(t, base=None):
    fam, name, node = t
    base = r.random() < 0.6 if base is None else base
    cname = r.choice(["input", "c", "out", "pre", "fw", "post", "sub", "c2"])
    if cname in [c for c, _ in chains[(fam, name)]]:
        cname += str(r.randint(2, 9))
    if base:
        hook = r.choice(HOOKS[fam])
        if r.random() < 0.04:
            hook = r.choice(["forward" if fam == "arp" else "ingres", "inptu"])
        prio = r.choice(FAM_PRIOS[fam])
        ctype = "filter"
        if NAT and r.random() < (0.5 if fam in ("ip", "inet") else 0.08):
            ctype = "nat"
            if fam in ("ip", "inet") and r.random() < 0.9:
                hook, prio = r.choice([("output", "-100"), ("output", "dstnat"), ("prerouting", "dstnat"),
                                       ("postrouting", "srcnat"), ("postrouting", "100"), ("input", "100"),
                                       ("prerouting", "-100"), ("forward", "0")])
        spec = f"type {ctype} hook {hook} priority {prio};"
        if r.random() < 0.4:
            spec += " policy " + r.choice(["accept", "accept", "drop", "maybe"][: 4 if r.random() < 0.1 else 3]) + ";"
        emit(node, f"nft add chain {fam} {name} {cname} '{{ {spec} }}'")
        if hook not in HOOKS[fam] or "maybe" in spec:
            return
        if ctype == "nat":
            natchains.add((fam, name, cname, hook))
    else:
        emit(node, f"nft add chain {fam} {name} {cname}")
    chains[(fam, name)].append((cname, base))


def add_set(t):
    fam, name, node = t
    sname = r.choice(["s", "allowed", "ips", "macs", "pairs"])
    if sname in [s for s, _ in sets[(fam, name)]]:
        return
    typ = r.choice(["ipv4_addr", "ether_addr", "ipv4_addr . ether_addr", "ipv4_addr", "inet_service"][
        : 5 if fam != "arp" else 4])
    emit(node, f"nft add set {fam} {name} {sname} '{{ type {typ}; }}'")
    sets[(fam, name)].append((sname, typ))
    add_element(t, sname, typ)


def element(typ):
    if typ == "ipv4_addr":
        return r.choice(IPS)
    if typ == "ether_addr":
        return r.choice(MACS)
    if typ == "inet_service":
        return r.choice(["22", "53", "ssh", "80"])
    i = r.randrange(4)
    ips = ["172.28.0.1", "172.28.0.11", "172.28.0.12", "172.28.0.13"]
    macs = ["02:42:8e:ff:44:b3", "02:42:ac:1c:00:0b", "02:42:ac:1c:00:0c", "02:42:ac:1c:00:0d"]
    return ips[i] + " . " + macs[r.randrange(4) if r.random() < 0.3 else i]


def add_element(t, sname, typ):
    fam, name, node = t
    els = []
    for _ in range(r.randint(1, 4)):
        e = element(typ)
        if e not in els:
            els.append(e)
    if r.random() < 0.05:
        els[0] = r.choice(["1.2.3", "02:42:ac:1c:00"]) if typ != "ipv4_addr . ether_addr" else "172.28.0.1"
    emit(node, f"nft add element {fam} {name} {sname} '{{ {', '.join(els)} }}'")


# the second round: values that take a range a-b or a comparison, and what each range may be
RANGES = {
    "port": ["1-1024", "22-80", "1024-65535", "53-53", "80-22", "ssh-http", "0-65535"],
    "ttl": ["1-64", "64-128", "2-255", "128-1"],
    "len": ["20-100", "84-1500", "0-28"],
    "mlen": ["28-100", "80-90", "1000-65535"],
    "mark": ["0x1-0x10", "0-5", "0x00000010-0x00000020"],
    "ip": ["172.28.0.10-172.28.0.12", "172.28.0.1-172.28.0.255", "10.0.0.1-10.0.0.9", "172.28.0.13-172.28.0.11"],
    "ip1": ["172.28.0.10-172.28.0.12", "172.28.0.11-172.28.0.20"],
    "id": ["0-100", "1000-65535"],
    "icmp_type": ["0-8", "echo-reply-echo-request"],
}
COMPARABLE = ["port", "ttl", "len", "mlen", "mark", "id", "ip1", "ip"]


def wide_match(field, kind):
    """A range or a comparison, where the field's type has an order."""
    if r.random() < 0.55 and kind in RANGES:
        v = r.choice(RANGES[kind])
        if r.random() < 0.08:
            v = v.replace("-", " - ", 1)
        return f"{field} {r.choice(['', '', '!= '])}{v}"
    if kind not in COMPARABLE:
        return None
    op = r.choice(["<", ">", "<=", ">="])
    v = value("ip1" if kind == "ip" else kind).strip("'{} ").split(",")[0].strip()
    return f"{field} '{op}' {v}"


def match(fam, field):
    kind = FIELDS[field]
    if WIDE and r.random() < 0.22:
        m = wide_match(field, kind)
        if m:
            return m
    op = r.choice(["", "", "", "!= ", "== "])
    return f"{field} {op}{value(kind)}"


def set_match(t):
    fam, name, _ = t
    if not sets[(fam, name)]:
        return None
    sname, typ = r.choice(sets[(fam, name)])
    op = r.choice(["", "!= "])
    if typ == "ipv4_addr":
        f = r.choice(["arp saddr ip", "arp daddr ip"] if fam == "arp" else ["ip saddr", "ip daddr"])
    elif typ == "ether_addr":
        f = r.choice(["arp saddr ether", "arp daddr ether"] if fam == "arp" else ["ether saddr", "ether daddr"])
    elif typ == "inet_service":
        f = r.choice(["tcp dport", "udp dport", "udp sport"])
    else:
        f = "arp saddr ip . arp saddr ether" if fam == "arp" else "ip saddr . ether saddr"
    if r.random() < 0.05:
        sname = "nosuch"
    return f"{f} {op}@{sname}"


def add_rule():
    t = r.choice(tables)
    fam, name, node = t
    cs = chains[(fam, name)]
    if not cs:
        add_chain(t)
        return
    chain = r.choice(cs)[0]
    pool = {"arp": ARP_FIELDS, "bridge": BRIDGE_FIELDS}.get(fam, IP_FIELDS)
    if WIDE:
        pool = pool + (["th sport", "th dport"] if fam != "arp" else [])
        if fam in ("inet", "bridge") and r.random() < 0.3:
            # an IPv6 rule: its fields instead of IPv4's (now and then both, nft's conflicting protocols)
            v6 = ["ip6 saddr", "ip6 daddr", "ip6 nexthdr", "ip6 hoplimit", "icmpv6 type", "icmpv6 code"]
            pool = [f for f in pool if not f.startswith(("ip ", "icmp ")) or r.random() < 0.05] + v6
    # one transport protocol per rule, mostly: two are nft's "conflicting protocols", kept for a few rules
    l4 = r.choice(["icmp", "tcp", "udp"])
    if r.random() < 0.92:
        pool = [f for f in pool if f.split()[0] not in ("icmp", "tcp", "udp") or f.startswith(l4)]
        if WIDE and l4 != "icmp":
            pool = [f for f in pool if f.split()[0] != "icmpv6"]
    parts = []
    if r.random() < 0.06:
        parts.append(r.choice(MISSPELT))
    else:
        for _ in range(r.choice([0, 1, 1, 2, 2, 3, 4])):
            x = r.random()
            if x < 0.3:
                a, b = r.choice([p for p in ADJACENT if p[0] in pool and p[1] in pool] or [(pool[0], pool[1])])
                if r.random() < 0.5:
                    a, b = b, a
                parts.append(match(fam, a))
                if r.random() < 0.15:
                    parts.append("counter")
                parts.append(match(fam, b))
            elif x < 0.4 and sets[(fam, name)]:
                parts.append(set_match(t))
            elif x < 0.45:
                parts.append("counter")
            else:
                parts.append(match(fam, r.choice(pool)))
    if NAT:
        hooks = [h for f, n, c, h in natchains if (f, n, c) == (fam, name, chain)]
        if hooks or r.random() < 0.06:
            parts.append(nat_statement(fam, hooks[0] if hooks else "filter", l4, parts))
            verb = "insert" if r.random() < 0.12 else "add"
            emit(node, f"nft {verb} rule {fam} {name} {chain} " + " ".join(parts))
            return
        if r.random() < 0.25:
            parts.append(r.choice(CTMARKS))
    if WIDE:
        for _ in range(r.choice([0, 0, 1, 1, 2])):
            parts.append(wide_statement(fam))
        if fam != "arp" and r.random() < 0.12:
            parts.append(reject(fam, l4))
            verb = "insert" if r.random() < 0.12 else "add"
            emit(node, f"nft {verb} rule {fam} {name} {chain} " + " ".join(parts))
            return
    stmt = r.random()
    others = [c for c, base in cs if not base and c != chain]
    if stmt < 0.35:
        parts.append("counter")
    if stmt < 0.2:
        parts.append(r.choice(["accept", "drop"]))
    elif stmt < 0.35:
        pass
    elif stmt < 0.5:
        parts.append(r.choice(["accept", "drop", "counter drop", "counter accept"]))
    elif stmt < 0.62 and (others or r.random() < 0.2):
        parts.append(r.choice(["jump", "goto"]) + " " + (r.choice(others) if others else "nosuch"))
    elif stmt < 0.67:
        parts.append("return")
    if not parts:
        parts.append("counter")
    verb = "insert" if r.random() < 0.12 else "add"
    tname = name if r.random() > 0.03 else "nosuch"
    emit(node, f"nft {verb} rule {fam} {tname} {chain} " + " ".join(parts))


CT = ["ct state new", "ct state established", "ct state established,related", "ct state '{ new, established }'",
      "ct state != established", "ct state invalid", "ct state untracked", "ct state related,established,new",
      "ct status dnat", "ct status assured", "ct mark 0x1", "ct mark != 0", "ct state neww", "ct stat new"]
LIMITS = ["limit rate 10/second", "limit rate over 1/minute", "limit rate 2/second burst 3 packets",
          "limit rate 1 mbytes/second", "limit rate over 100 kbytes/second burst 1000 bytes", "limit rate 1/hour",
          "limit rate 5/day", "limit rate over 1/second burst 1 packets", "limit rate 0/second",
          "limit rate 10/fortnight"]
LOGS = ["log", "log prefix '\"nft-drop: \"'", "log level warn", "log prefix '\"x\"' level debug", "log level emerg",
        "log prefix '\"in \"' level info", "log level loud", "log prefix foo"]
MARKS = ["meta mark set 0x5", "mark set 1", "meta mark set 0xffffffff", "meta mark set 0x10", "meta mark set foo"]


def wide_statement(fam):
    x = r.random()
    if x < 0.3:
        return r.choice(CT)
    if x < 0.5:
        return r.choice(LIMITS)
    if x < 0.75:
        return r.choice(LOGS)
    return r.choice(MARKS)


CTMARKS = ["ct mark set 0x5", "ct mark set 1", "ct mark set mark", "meta mark set ct mark", "ct mark 0x5",
           "ct mark != 0", "meta mark 0x5", "mark 0x00000001", "ct mark set foo"]
NAT_TO = ["172.28.0.13", "172.28.0.12", "172.28.0.11", "172.28.0.1", "172.28.0.99", "10.0.0.1",
          "172.28.0.12-172.28.0.13"]


def nat_statement(fam, hook, l4, parts):
    """A nat statement for a chain at HOOK: the kind the hook takes mostly, now and then another or a malformed one."""
    x = r.random()
    kind = {"output": "dnat", "prerouting": "dnat", "postrouting": "snat", "input": "snat"}.get(hook, "dnat")
    if x < 0.12:
        kind = r.choice(["dnat", "snat", "masquerade", "redirect"])
    elif kind == "snat" and hook == "postrouting" and x < 0.35:
        kind = "masquerade"
    elif kind == "dnat" and x < 0.25:
        kind = "redirect"
    ports = "tcp" in " ".join(parts) or "udp" in " ".join(parts)
    if kind in ("masquerade", "redirect"):
        opt = r.choice(["", "", " random", " persistent", " to :22", " to :1024-2048"] if kind == "masquerade"
                       else ["", "", " to :22", " to 22", " to :80"])
        return kind + opt
    fam_kw = " ip" if fam == "inet" and r.random() < 0.8 else ""
    to = r.choice(NAT_TO)
    if r.random() < 0.3:
        to += ":" + r.choice(["80", "22", "1234", "ssh", "1000-2000"])
    if r.random() < 0.05:
        to = r.choice(["172.28.0.300", "foo", ":80"])
    if not ports and ":" in to and r.random() < 0.6:
        return f"meta l4proto tcp {kind}{fam_kw} to {to}"
    return f"{kind}{fam_kw} to {to}"


def reject(fam, l4):
    with_ = ["", "", " with icmp type host-unreachable", " with icmp type port-unreachable",
             " with icmp type admin-prohibited", " with icmp port-unreachable", " with icmp type net-unreachable",
             " with tcp reset", " with icmpx type admin-prohibited", " with icmpx type port-unreachable",
             " with icmp type echo-request"]
    w = r.choice(with_)
    pre = "meta l4proto tcp " if "tcp" in w and r.random() < 0.6 else ""
    return pre + "reject" + w


def probe():
    src, dst = r.choice([("n2", "172.28.0.11"), ("n3", "172.28.0.11"), ("n1", "172.28.0.12"), ("n1", "172.28.0.1")])
    if r.random() < 0.6:
        emit(src, f"nc -z -v -w1 {dst} {r.choice(['22', '80', '53', '1234'])}")
    else:
        emit(src, f"traceroute -n -q1 -w1 -m2 {dst}")


def listing():
    t = r.choice(tables) if tables else None
    opts = r.choice(["", "", "-a ", "-n ", "-s ", "-t ", "-a -n ", "-nn ", "-s -a ", "-p ", "-y "])
    if WIDE and r.random() < 0.12:
        opts = r.choice(["-j ", "-j -a ", "-j "])
    what = r.random()
    node = r.choice(["n1", "host"])
    if t is None or what < 0.4:
        emit(node, f"nft {opts}list ruleset")
    elif what < 0.7:
        emit(t[2], f"nft {opts}list table {t[0]} {t[1]}")
    elif what < 0.85 and chains[(t[0], t[1])]:
        emit(t[2], f"nft {opts}list chain {t[0]} {t[1]} {r.choice(chains[(t[0], t[1])])[0]}")
    elif sets[(t[0], t[1])]:
        emit(t[2], f"nft {opts}list set {t[0]} {t[1]} {r.choice(sets[(t[0], t[1])])[0]}")
    else:
        emit(node, f"nft {opts}list tables")


def ping():
    src, dst = r.choice([("n2", "172.28.0.11"), ("n3", "172.28.0.11"), ("n1", "172.28.0.1"), ("n1", "172.28.0.13"),
                         ("n2", "172.28.0.13"), ("n1", "172.28.0.12")])
    if NAT and r.random() < 0.3:
        src, dst = r.choice([("n1", "172.28.0.99"), ("n1", "10.0.0.1"), ("n1", "172.28.0.12")])
    emit(src, f"ping -c2 -W1 -q {dst}")


NAT4_RULES = {
    "output": ["ip daddr 10.0.0.1 dnat to 172.28.0.13", "ip daddr 172.28.0.99 dnat to 172.28.0.12",
               "tcp dport 80 dnat to 172.28.0.13:22", "tcp dport 1234 redirect to :22", "udp dport 33434-33535 dnat"
               " to 172.28.0.13", "ip daddr 172.28.0.12 udp dport 33434-33535 dnat to 172.28.0.99",
               "meta l4proto tcp dnat to 172.28.0.12:1000-2000", "tcp dport 53 dnat to 172.28.0.12:53",
               "ip daddr 172.28.0.13 redirect"],
    "prerouting": ["tcp dport 80 redirect to :22", "ip saddr 172.28.0.12 icmp type echo-request dnat to 172.28.0.13",
                   "tcp dport 1234 dnat to 172.28.0.13:22", "udp dport 33434-33535 redirect to :9",
                   "ip saddr 172.28.0.13 redirect"],
    "postrouting": ["masquerade", "ip daddr 172.28.0.12 masquerade to :2000-2100", "oifname eth0 snat to 172.28.0.99",
                    "tcp dport 22 snat to 172.28.0.11:3000", "ip daddr 172.28.0.13 masquerade random",
                    "udp dport 33434-33535 snat to 172.28.0.11:5000-5001"],
}
NAT4_COUNTS = ["ip daddr 172.28.0.13 counter", "ip daddr 172.28.0.12 counter", "tcp dport 22 counter",
               "ip saddr 172.28.0.99 counter", "tcp sport 22 counter", "ip saddr 127.0.0.1 counter",
               "icmp type destination-unreachable counter", "icmp type echo-reply counter",
               "ct status dnat counter", "ct status snat counter", "tcp dport 1000-2100 counter",
               "tcp sport 2000-3000 counter", "udp sport 5000-5001 counter", "ip saddr 10.0.0.1 counter"]


def nat4():
    """A nat table in n1 with one to three rules, filter chains counting what left and came back, then probes."""
    name = "nat4" if not any(t[1] == "nat4" for t in tables) else "nat4b"
    if any(t[1] == name for t in tables):
        return
    emit("n1", f"nft add table ip {name}")
    tables.append(("ip", name, "n1"))
    chains[("ip", name)] = []
    sets[("ip", name)] = []
    for hook in r.sample(["output", "prerouting", "postrouting"], r.randint(1, 2)):
        cname = {"output": "out", "prerouting": "pre", "postrouting": "post"}[hook]
        prio = {"output": "-100", "prerouting": "dstnat", "postrouting": "srcnat"}[hook]
        emit("n1", f"nft add chain ip {name} {cname} '{{ type nat hook {hook} priority {prio}; }}'")
        chains[("ip", name)].append((cname, True))
        natchains.add(("ip", name, cname, hook))
        for rule in r.sample(NAT4_RULES[hook], r.randint(1, 3)):
            emit("n1", f"nft add rule ip {name} {cname} {rule}")
    for hook in r.sample(["postrouting", "input", "output", "prerouting"], 2):
        cname = "c" + hook[:3]
        emit("n1", f"nft add chain ip {name} {cname} '{{ type filter hook {hook} priority 0; }}'")
        chains[("ip", name)].append((cname, True))
        for rule in r.sample(NAT4_COUNTS, 3):
            emit("n1", f"nft add rule ip {name} {cname} {rule}")
    for _ in range(r.randint(2, 4)):
        src, dst = r.choice([("n1", "10.0.0.1"), ("n1", "172.28.0.99"), ("n1", "172.28.0.12"), ("n1", "172.28.0.13"),
                             ("n2", "172.28.0.11"), ("n3", "172.28.0.11")])
        x = r.random()
        if x < 0.35:
            emit(src, f"ping -c2 -W1 -q {dst}")
        elif x < 0.75:
            emit(src, f"nc -z -v -w1 {dst} {r.choice(['22', '80', '53', '1234'])}")
        else:
            emit(src, f"traceroute -n -q1 -w1 -m2 {dst}")
    emit("n1", f"nft list table ip {name}")


def other():
    x = r.random()
    if not tables:
        return
    t = r.choice(tables)
    fam, name, node = t
    if x < 0.3:
        emit(node, f"nft delete rule {fam} {name} {r.choice(chains[(fam, name)] or [('c', 0)])[0]} handle "
             f"{r.randint(1, 12)}")
    elif x < 0.5 and chains[(fam, name)]:
        emit(node, f"nft flush chain {fam} {name} {r.choice(chains[(fam, name)])[0]}")
    elif x < 0.6:
        emit(node, f"nft add table {r.choice(['ipp', 'arpp', 'ip6x', 'netdevv'])} {name}")
    elif x < 0.7:
        emit(node, f"nft list chain {fam} {name} nosuch")
    elif x < 0.85 and sets[(fam, name)]:
        s, typ = r.choice(sets[(fam, name)])
        add_element(t, s, typ)
    else:
        emit(node, f"nft add rule {fam} {name} {r.choice(['inptu', 'nosuch', 'c'])} counter")


add_table()
while len(out) < steps:
    x = r.random()
    if x < 0.06 or not tables:
        add_table()
    elif x < 0.14:
        add_chain(r.choice(tables))
    elif x < 0.2:
        add_set(r.choice(tables))
    elif x < 0.62:
        add_rule()
    elif x < 0.74:
        listing()
    elif x < 0.85:
        ping()
    elif WIDE and x < 0.9:
        probe()
    elif NAT4 and x < 0.93:
        nat4()
    else:
        other()
emit("n2", "ping -c2 -W1 -q 172.28.0.11")
emit("n1", "nft -a list ruleset")
emit("host", "nft list ruleset")
print("\n".join(out))
