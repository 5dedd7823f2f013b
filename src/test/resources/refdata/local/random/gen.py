#!/usr/bin/env python3
"""Writes random scenario SEED as seed-SEED.txt: a small topology (1-2 bridges, 2-5 hosts, sometimes a router with
forwarding), random per-interface ARP and neighbour sysctls, random actions (ping, arping, ip neigh, ip link, ip
addr, sleep), then every node's neighbour table. record.sh runs it on the kernel; RandomRecordingTest replays it.
Topology lines (before the script, in timeline/record.sh's syntax):
  bridge BR MAC                  a bridge in namespace sw, up, no address
  iface NODE IF BR MAC CIDR      a veth pair: IF in NODE, port v-NODE-IF (MAC ee:ee:ee + MAC's last three bytes) in BR
  route NODE GW                  default route
  forward NODE                   net.ipv4.ip_forward=1
Seeds from 100 on also draw MAC changes (ip link set address), traceroute and proxy entries (ip neigh add proxy);
the seeds below 100 draw exactly what they drew when they were recorded.
Usage: gen.py SEED [SEED...]"""
import random
import sys


def scenario(seed):
    r = random.Random(seed)
    lines = [f"# random scenario {seed} (gen.py {seed})"]
    nbr = r.choice([1, 2])
    for b in range(nbr):
        lines.append(f"bridge br{b} 02:b0:00:00:00:{b:02x}")
    router = r.random() < (0.8 if nbr == 2 else 0.35)
    nhosts = r.randint(2, 5)
    ifaces = []          # (node, if, subnet)
    addrs = {}           # node -> [(ip, subnet)]
    macs = {}
    if router:
        for s in range(2):
            br = f"br{s if nbr == 2 else 0}"
            mac = f"02:00:00:0{s}:00:01"
            lines.append(f"iface r eth{s} {br} {mac} 10.0.{s}.1/24")
            ifaces.append(("r", f"eth{s}", s))
            addrs.setdefault("r", []).append((f"10.0.{s}.1", s))
            macs[("r", s)] = mac
        lines.append("forward r")
    hosts = [f"h{i}" for i in range(1, nhosts + 1)]
    subnet = {}
    for i, h in enumerate(hosts, 1):
        s = r.choice([0, 1]) if (nbr == 2 or router) else 0
        if i == 1:
            s = 0
        subnet[h] = s
        br = f"br{s if nbr == 2 else 0}"
        mac = f"02:00:00:0{s}:00:{10 + i:02x}"
        lines.append(f"iface {h} eth0 {br} {mac} 10.0.{s}.{10 + i}/24")
        ifaces.append((h, "eth0", s))
        addrs[h] = [(f"10.0.{s}.{10 + i}", s)]
        macs[(h, s)] = mac
        if router:
            lines.append(f"route {h} 10.0.{s}.1")
    nodes = (["r"] if router else []) + hosts
    for n, i, s in ifaces:
        lines.append(f"capture {n} {i}")
    for n in nodes:
        lines.append(f"monitor {n}")

    def ifname(n):
        return r.choice(["eth0", "eth1"]) if n == "r" else "eth0"

    # sysctls
    conf = [("arp_ignore", range(0, 9)), ("arp_announce", range(0, 3)), ("arp_filter", range(0, 2)),
            ("arp_accept", range(0, 3)), ("proxy_arp", range(0, 2)), ("arp_notify", range(0, 2)),
            ("drop_gratuitous_arp", range(0, 2)), ("drop_unicast_in_l2_multicast", range(0, 2)),
            ("rp_filter", range(0, 3))]
    neigh = [("base_reachable_time_ms", [5000, 10000, 20000]), ("mcast_solicit", range(1, 5)),
             ("ucast_solicit", range(0, 4)), ("gc_stale_time", [5, 30, 60]), ("locktime", [0, 50, 100, 300])]
    for n, i, s in ifaces:
        for key, vals in conf:
            if r.random() < 0.2:
                lines.append(f"{n} sysctl -w net.ipv4.conf.{i}.{key}={r.choice(list(vals))}")
        for key, vals in neigh:
            if r.random() < 0.15:
                lines.append(f"{n} sysctl -w net.ipv4.neigh.{i}.{key}={r.choice(list(vals))}")
    if r.random() < 0.3:
        n = r.choice(nodes)
        key, vals = r.choice(conf[:4])
        lines.append(f"{n} sysctl -w net.ipv4.conf.all.{key}={r.choice(list(vals))}")
    if router and r.random() < 0.2:
        lines.append(f"r sysctl -w net.ipv4.conf.eth{r.randint(0, 1)}.forwarding=0")
    for n, i, s in ifaces:
        lines.append(f"{n} ip ntable show dev {i}")

    secondary = {}   # node -> [ip]

    def target(src):
        s = subnet.get(src, r.randint(0, 1))
        pool = [ip for n in nodes if n != src for ip, _ in addrs[n]] + [ip for n, l in secondary.items() for ip in l]
        if not router:
            pool = [ip for ip in pool if ip.startswith(f"10.0.{s}.")]
        pool += [f"10.0.{s}.77"]
        return r.choice(pool)

    actions = r.randint(5, 12)
    for _ in range(actions):
        kinds, weights = ["ping", "arping", "neigh", "link", "addr", "sleep", "show"], [4, 3, 3, 1, 1, 3, 1]
        if seed >= 100:
            kinds, weights = kinds + ["mac", "traceroute", "proxy"], weights + [1, 1 if router else 0, 1]
        kind = r.choices(kinds, weights)[0]
        n = r.choice(nodes)
        if kind == "ping":
            opts = [f"-c {r.randint(1, 3)}"]
            if r.random() < 0.3:
                opts.append("-W 1")
            if r.random() < 0.25:
                opts.append(f"-s {r.choice([16, 100, 1000])}")
            if r.random() < 0.2:
                opts.append(f"-t {r.choice([1, 2])}")
            if r.random() < 0.2:
                opts.append(f"-I {r.choice([ifname(n)] + [ip for ip, _ in addrs[n]] + secondary.get(n, []))}")
            if r.random() < 0.1:
                opts.append("-b")
                t = f"10.0.{subnet.get(n, 0)}.255"
            else:
                t = target(n)
            lines.append(f"{n} ping {' '.join(opts)} {t}")
        elif kind == "arping":
            i = ifname(n)
            mode = r.choice(["", "", "-D", "-U", "-A", "-s"])
            t = target(n)
            if mode == "-s":
                mode = f"-s {r.choice([ip for ip, _ in addrs[n]] + secondary.get(n, []))}"
            if mode in ("-U", "-A") and r.random() < 0.5:
                t = r.choice([ip for ip, _ in addrs[n]])
            lines.append(f"{n} arping -c {r.randint(1, 3)} {mode} -I {i} {t}".replace("  ", " "))
        elif kind == "neigh":
            i = ifname(n)
            op = r.choice(["add", "replace", "replace", "change", "del", "flush"])
            t = target(n)
            if op == "flush":
                lines.append(f"{n} ip neigh flush dev {i}")
            elif op == "del":
                lines.append(f"{n} ip neigh del {t} dev {i}")
            else:
                mac = r.choice(list(macs.values()) + ["02:00:00:00:99:99"])
                nud = r.choice(["permanent", "reachable", "stale", "noarp", "delay", "probe"])
                lines.append(f"{n} ip neigh {op} {t} lladdr {mac} dev {i} nud {nud}")
        elif kind == "link":
            i = ifname(n)
            lines.append(f"{n} ip link set dev {i} down")
            lines.append(f"sleep {r.choice([0.2, 1, 2])}")
            lines.append(f"{n} ip link set dev {i} up")
        elif kind == "addr":
            if secondary.get(n) and r.random() < 0.4:
                ip = secondary[n].pop()
                s = int(ip.split(".")[2])
                i = "eth0" if n != "r" else f"eth{s}"
                lines.append(f"{n} ip addr del {ip}/24 dev {i}")
            else:
                i = ifname(n)
                s = int(i[-1]) if n == "r" else subnet[n]
                ip = f"10.0.{s}.{100 + len(lines) % 100}"
                secondary.setdefault(n, []).append(ip)
                lines.append(f"{n} ip addr add {ip}/24 dev {i}")
        elif kind == "mac":
            i = ifname(n)
            mac = f"02:00:00:{r.randint(0, 1):02x}:99:{r.randint(1, 250):02x}"
            lines.append(f"{n} ip link set dev {i} address {mac}")
        elif kind == "traceroute":
            lines.append(f"{n} traceroute -n -q 1 -w 1 -m 4 {target(n)}")
        elif kind == "proxy":
            i = ifname(n)
            s = int(i[-1]) if n == "r" else subnet[n]
            lines.append(f"{n} ip neigh add proxy 10.0.{s}.88 dev {i}")
        elif kind == "sleep":
            lines.append(f"sleep {r.choice([0.3, 1, 2, 3, 6, 8])}")
        else:
            lines.append(f"{n} ip -s neigh show")
    lines.append(f"sleep {r.choice([1, 3, 6])}")
    for n in nodes:
        lines.append(f"{n} ip -s neigh show")
    lines.append(f"{r.choice(nodes)} arp -an")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    for a in sys.argv[1:]:
        with open(f"seed-{int(a):03d}.txt", "w") as f:
            f.write(scenario(int(a)))
