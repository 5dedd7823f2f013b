#!/usr/bin/env python3
"""Draws a random iptables case for refdata/local/iptables (record.sh runs it in namespaces laid out as lab.yaml):
rules on router r (filter table, and from seed 89 the nat table: every match and target arplab models, well-formed or
not; from seed 137 the limit match too), traffic across r (ping, traceroute, arping) and listings with random flags.
Usage: gen-iptables.py SEED > cases/random-SEED.txt"""
import random
import sys

rnd = random.Random(int(sys.argv[1]))
HOSTS = {"a": "10.1.0.2", "b": "10.2.0.2", "c": "10.3.0.2"}
ROUTER = {"a": "10.1.0.1", "b": "10.2.0.1", "c": "10.3.0.1"}
IFACES = ["ra0", "rb0", "xc0", "r+", "lo", "x+"]
chains = []


def addr():
    return rnd.choice([
        rnd.choice(list(HOSTS.values()) + list(ROUTER.values())),
        rnd.choice(["10.1.0.0/24", "10.2.0.0/16", "10.3.0.0/255.255.255.0", "10.0.0.0/8", "0.0.0.0/0",
                    "10.1.0.2/31", "10.2.0.0/255.0.255.0"]),
        "%s,%s" % (rnd.choice(list(HOSTS.values())), rnd.choice(list(ROUTER.values()))),
    ])


def neg():
    return "! " if rnd.random() < 0.2 else ""


def ports():
    return rnd.choice(["22", "53", "80:90", "33434:33534", "1024:", ":1023", "ssh", "domain", "40000:65535",
                       "33435", "0:65535", "http"])


def match_part():
    parts = []
    proto = rnd.choice([None, None, "tcp", "udp", "icmp", "47", "all", "UDP"])
    if proto:
        parts.append(neg() * (proto not in ("all",)) + "-p " + proto)
    if proto in ("udp", "UDP") and rnd.random() < 0.6:
        parts.append(neg() + rnd.choice(["--dport ", "--sport "]) + ports())
    if proto == "tcp" and rnd.random() < 0.6:
        parts.append(rnd.choice([neg() + "--dport " + ports(), neg() + "--sport " + ports(), neg() + "--syn",
                                 neg() + "--tcp-flags " + rnd.choice(["SYN,ACK SYN", "ALL NONE", "FIN,RST RST"])]))
    if proto == "icmp" and rnd.random() < 0.7:
        parts.append(neg() + "--icmp-type " + rnd.choice(
            ["echo-request", "echo-reply", "8", "0", "3", "3/3", "destination-unreachable", "time-exceeded",
             "11/0", "port-unreachable", "any", "pong", "ping", "host-prohibited"]))
    if proto in ("tcp", "udp") and rnd.random() < 0.2:
        parts.append("-m multiport " + neg() + rnd.choice(["--dports ", "--sports ", "--ports "])
                     + rnd.choice(["53,67:68", "22,80,443", "33434:33440,33441", "1:1024"]))
    if rnd.random() < 0.35:
        parts.append("-s " + addr() if rnd.random() < 0.8 else "! -s " + rnd.choice(list(HOSTS.values())))
    if rnd.random() < 0.35:
        parts.append("-d " + addr() if rnd.random() < 0.8 else "! -d " + rnd.choice(list(HOSTS.values())))
    if rnd.random() < 0.3:
        parts.append(neg() + "-m conntrack --ctstate " + ",".join(rnd.sample(
            ["NEW", "ESTABLISHED", "RELATED", "INVALID", "UNTRACKED"], rnd.randint(1, 3))))
    elif rnd.random() < 0.1:
        parts.append("-m state " + neg() + "--state " + ",".join(rnd.sample(
            ["NEW", "ESTABLISHED", "RELATED", "INVALID"], rnd.randint(1, 2))))
    if rnd.random() < 0.1:
        parts.append("-m comment --comment " + rnd.choice(["ok", "'two words'", "x-1_y"]))
    if rnd.random() < 0.05:
        parts.append(neg() + "-f")
    if NAT5 and rnd.random() < 0.25:
        parts.append(rnd.choice([
            "-m mark " + neg() + "--mark " + rnd.choice(["0x1", "5", "0x10/0xf0", "0x42", "0/0xff", "x", "1/0x"]),
            "-m addrtype " + neg() + "--" + rnd.choice(["src", "dst"]) + "-type "
            + rnd.choice(["LOCAL", "UNICAST", "BROADCAST", "LOCAL,BROADCAST", "local", "MULTICAST", "BOGUS"])
            + rnd.choice(["", "", " --limit-iface-in", " --limit-iface-out"])]))
    if LIMIT6 and rnd.random() < 0.2:
        parts.append("-m limit" + rnd.choice(["", " --limit " + rnd.choice(
            ["1/s", "2/second", "3/min", "10/minute", "1/hour", "5/h", "100/day", "4", "0/s", "2/week", "x",
             "20000/s"]), " --limit-burst " + rnd.choice(["1", "2", "10", "0", "10001"]),
            " --limit " + rnd.choice(["1/s", "3/m"]) + " --limit-burst " + rnd.choice(["1", "3"])]))
    return parts


def target(chain_name):
    t = rnd.random()
    user = [c for c in chains if c != chain_name]
    if t < 0.3:
        return "-j ACCEPT"
    if t < 0.5:
        return "-j DROP"
    if t < 0.65:
        return "-j REJECT" + rnd.choice(["", " --reject-with icmp-host-prohibited", " --reject-with tcp-reset",
                                         " --reject-with icmp-net-unreachable", " --reject-with icmp-admin-prohibited",
                                         " --reject-with icmp-port-unreachable"])
    if t < 0.72:
        return "-j LOG" + rnd.choice(["", " --log-prefix 'fw: '", " --log-level debug", " --log-level 3"])
    if t < 0.78:
        return "-j RETURN"
    if NAT5 and t < 0.86:
        return "-j MARK " + rnd.choice(["--set-mark 0x42", "--set-mark 1/0xff", "--set-xmark 0x3/0xf",
                                        "--and-mark 0xfe", "--or-mark 0x100", "--xor-mark 7", "--set-mark",
                                        "--set-mark 1 --or-mark 2"])
    if t < 0.95 and user:
        return rnd.choice(["-j ", "-j ", "-g "]) + rnd.choice(user)
    return ""


NAT_CHAINS = ["PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"]


def nat_target(chain):
    to = rnd.choice(list(HOSTS.values()) + list(ROUTER.values()) + ["10.2.0.99", "10.9.9.9"])
    t = rnd.random()
    if t < 0.3 or chain in ("PREROUTING", "OUTPUT") and t < 0.6:
        return "-j DNAT --to-destination " + rnd.choice([to, to, to + ":" + rnd.choice(["22", "7", "40000-40010"]),
                                                         to + "-" + to, ":8080"]) + rnd.choice(["", "", " --random"])
    if t < 0.5:
        return "-j SNAT --to-source " + rnd.choice([to, to, to + ":1000-2000"]) + rnd.choice(["", "", " --persistent"])
    if t < 0.7:
        return "-j MASQUERADE" + rnd.choice(["", "", " --to-ports 2000-3000", " --random", " --random-fully"])
    if t < 0.85:
        return "-j REDIRECT" + rnd.choice(["", " --to-ports 7", " --to-ports 5000-5010", " --random"])
    return rnd.choice(["-j ACCEPT", "-j RETURN", "-j LOG", "-j DROP", "-j REJECT", ""])


def nat_rule():
    chain = rnd.choice(NAT_CHAINS + NAT_CHAINS + nat_chains)
    parts = match_part()
    if rnd.random() < 0.4 and chain in ("PREROUTING", "INPUT"):
        parts.insert(0, neg() + "-i " + rnd.choice(IFACES))
    if rnd.random() < 0.4 and chain in ("OUTPUT", "POSTROUTING"):
        parts.insert(0, neg() + "-o " + rnd.choice(IFACES))
    if nat_chains and rnd.random() < 0.1:
        parts.append("-j " + rnd.choice(nat_chains))
    else:
        parts.append(nat_target(chain))
    cmd = rnd.choice(["-A %s", "-A %s", "-A %s", "-I %s", "-I %s 2", "-v -A %s", "-R %s 1", "-D %s", "-C %s"]) % chain
    return "r iptables -t nat %s %s" % (cmd, " ".join(p for p in parts if p))


def nat_other():
    t = rnd.random()
    if t < 0.3:
        name = rnd.choice(["dnat1", "snat2", "PREROUTING"])
        if name not in nat_chains and name != "PREROUTING":
            nat_chains.append(name)
        return "r iptables -t nat -N " + name
    if t < 0.6:
        flags = rnd.sample(["-n", "-v", "-x", "--line-numbers"], rnd.randint(0, 4))
        return "r iptables -t nat -L %s %s" % (rnd.choice(["", "", "PREROUTING", "POSTROUTING", "OUTPUT"]),
                                               " ".join(flags))
    if t < 0.75:
        return "r iptables -t nat -S" + rnd.choice(["", " -v", " POSTROUTING"])
    if t < 0.85:
        return "r iptables-save" + rnd.choice(["", " -t nat", " -c"])
    return rnd.choice(["r iptables -t nat -Z", "r iptables -t nat -F POSTROUTING", "r iptables -t nat -D PREROUTING 1",
                       "r iptables -t nat -P POSTROUTING " + rnd.choice(["ACCEPT", "DROP"]), "r iptables -t nat -X"])


def rule():
    if NAT5 and rnd.random() < 0.35:
        return nat_rule() if rnd.random() < 0.8 else nat_other()
    chain = rnd.choice(["INPUT", "FORWARD", "FORWARD", "OUTPUT"] + chains)
    parts = match_part()
    if rnd.random() < 0.4:
        if chain != "OUTPUT":
            parts.insert(0, neg() + "-i " + rnd.choice(IFACES))
    if rnd.random() < 0.3 and chain != "INPUT":
        parts.insert(0, neg() + "-o " + rnd.choice(IFACES))
    parts.append(target(chain))
    cmd = rnd.choice(["-A %s", "-A %s", "-A %s", "-A %s", "-I %s", "-I %s 2"]) % chain
    if WIDE and rnd.random() < 0.3:
        cmd = rnd.choice(["-D %s", "-C %s", "-R %s 1", "-v -A %s", "-v -I %s", "-v -D %s"]) % chain
    line = "r iptables %s %s" % (cmd, " ".join(p for p in parts if p))
    if WIDE and rnd.random() < 0.15 and not cmd.startswith(("-D", "-C", "-R")):
        return [line, line.replace(cmd, rnd.choice(["-D %s", "-C %s"]) % chain, 1)]
    return line


def traffic():
    src = rnd.choice(["a", "b", "c", "r"])
    dsts = [h for h in HOSTS if h != src] + [h for h in ROUTER if h != src or True]
    d = rnd.choice(dsts)
    ip = HOSTS[d] if rnd.random() < 0.7 else ROUTER[d]
    t = rnd.random()
    if t < 0.6:
        return "%s ping -c%d -i0.2 -W1 %s%s" % (src, rnd.randint(1, 2), rnd.choice(["", "-s 200 "]), ip)
    if t < 0.85 and src != "r":
        return "%s traceroute -n -q1 -w1 -m3 %s%s" % (src, rnd.choice(["", "-I ", "-p 40000 "]), ip)
    return "%s ping -c1 -W1 %s" % (src, ip)


def listing():
    flags = rnd.sample(["-n", "-v", "-x", "--line-numbers"], rnd.randint(0, 4))
    t = rnd.random()
    chain = rnd.choice(["", "", "INPUT", "FORWARD", "OUTPUT"] + chains)
    if WIDE and t < 0.2:
        return rnd.choice(["r iptables -L %s %d %s" % (chain or "FORWARD", rnd.randint(1, 3), " ".join(flags)),
                           "r iptables -S %s %d" % (chain or "INPUT", rnd.randint(1, 3)),
                           "r iptables -Z %s %d" % (chain or "FORWARD", rnd.randint(1, 3)),
                           "r iptables-save" + rnd.choice(["", " -c", " -t filter"])])
    if t < 0.6:
        return "r iptables -L %s %s" % (chain, " ".join(flags))
    if t < 0.9:
        return "r iptables -S %s%s" % (chain, rnd.choice(["", " -v"]))
    return "r iptables -Z %s" % chain


def chain_cmd():
    t = rnd.random()
    if t < 0.5 or not chains:
        name = rnd.choice(["LAN", "WAN", "chk", "log-drop", "u1"])
        if name not in chains:
            chains.append(name)
        return "r iptables -N " + name
    name = rnd.choice(chains)
    if WIDE and rnd.random() < 0.2:
        new = rnd.choice(["LAN", "WAN", "dmz", "u1"])
        if new not in chains:
            chains.append(new)
        return "r iptables -E %s %s" % (name, new)
    return rnd.choice(["r iptables -F " + name, "r iptables -X " + name, "r iptables -D %s 1" % name,
                       "r iptables -P FORWARD DROP", "r iptables -P INPUT DROP", "r iptables -P FORWARD ACCEPT",
                       "r iptables -R FORWARD 1 -j ACCEPT", "r iptables -D FORWARD 1"])


# from seed 41 on: deletes, checks, replaces, renames, -v writes, rule numbers in listings, iptables-save
WIDE = int(sys.argv[1]) >= 41
# from seed 89 on: the nat table (SNAT, DNAT, MASQUERADE, REDIRECT, its chains and listings), mark, MARK, addrtype
NAT5 = int(sys.argv[1]) >= 89
# from seed 137 on: the limit match (only these seeds draw it: the draws of earlier seeds are unchanged)
LIMIT6 = int(sys.argv[1]) >= 137
nat_chains = []


def add(item):
    if isinstance(item, list):
        lines.extend(item)
    else:
        lines.append(item)


lines = []
for _ in range(rnd.randint(1, 2)):
    lines.append(chain_cmd())
for _ in range(rnd.randint(4, 9)):
    add(rule() if rnd.random() < 0.8 else chain_cmd())
for _ in range(rnd.randint(4, 7)):
    lines.append(traffic())
lines.append(listing())
for _ in range(rnd.randint(2, 4)):
    t = rnd.random()
    add(rule() if t < 0.4 else traffic() if t < 0.7 else listing())
lines.append("r iptables -L -v -n -x")
lines.append("r iptables -S")
if NAT5:
    lines.append("r iptables -t nat -L -v -n -x")
print("\n".join(l.rstrip() for l in lines))
