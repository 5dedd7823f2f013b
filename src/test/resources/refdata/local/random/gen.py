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
the seeds below 100 draw exactly what they drew when they were recorded. Seeds from 200 on (round 2) also draw the
redirect, shared-media, local-source and carrier sysctls, ping -M with sizes around the MTU, ip link set mtu, ip route
add/del/get, arp -s/-d (net-tools), traceroute's and tracepath's options, bridge fdb add/del and port flags, the
bridge's ageing_time, a bridge port going down, promote_secondaries with the primary deleted, and a second gateway on
one LAN (a host forwarding for another: ICMP redirects); seeds 100-199 draw what they drew before. Seeds from 500 on
(round 3b) also draw proxy_arp_pvlan, route variants (via ... onlink, metric, src, scope link, ip route get from/oif),
ip neigh's proxy entries, router flag, get and nud filters, arp -s ... pub/temp, several addresses per interface with
the primary deleted, ping -r/-I ADDR/-t/-i, arping -b, lo's MTU (under 68 too) and neighbours on lo; seeds below 500
draw what they drew before. Seeds from 1200 on (round 17) also draw the neighbour sysctls delay_first_probe_time,
retrans_time_ms, mcast_resolicit, unres_qlen, app_solicit and a proxy_delay of 0, the conf keys bc_forwarding,
medium_id and ignore_routes_with_linkdown, the namespace's ICMP sysctls (icmp_echo_ignore_broadcasts/_all,
icmp_ratelimit, icmp_ratemask, icmp_msgs_burst, icmp_errors_use_inbound_ifaddr, ip_default_ttl), directed broadcasts
through the router (bc_forwarding), ping's -w/-q/-O/-A/-n/-f/-l/-p and arping's -f/-w/-q/-i/-b; seeds below 1200
draw what they drew before. From seed 1272 on (round 18) a device that draws app_solicit gets a retrans_time_ms of
500 unless it drew 250 or 500. From seed 1344 on (round 19) also traceroute's -U/-I/-q 2/-f, ping's -R, small -s and
-t with -i, and `ip [-s] neigh flush dev DEV [nud STATE | to ADDR]`. From seed 1404 on (round 20) a device whose
unresolved entries fail after a whole 1 or 2 s gets 150 ms more retrans_time. From seed 1476 on (round 21, a
stream of its own) every device gets a proxy_delay of 1 or 2 (centiseconds, 2 or 5 jiffies: pneigh_enqueue()'s
draw bounded to 0-16 ms, where the default's 0-800 ms decided what followed), a node about to trace to an absent
address (and the router) gets icmp_msgs_burst 10000 (icmp_global_consume()'s 0-2 credit draw then never empties the
netns bucket), ping -f drops -w for -W 1 (the count no longer the real loop's pace), and traceroute -T, tracepath
-b, ip -s -s neigh flush, arping -D -w, ping -q -i and more views are drawn. From seed 1500 on neither traceroute -T
(arplab's traceroute has no tcp module) nor tracepath -b (its names come from the recording machine's resolver: PTR
queries through the gateway) is drawn, and an icmp_msgs_burst of 5 is drawn as 10000 (with 5, how many errors past
the third leave is the credit draw). From seed 1560 on (round 22, a stream of its own) a node also pings its own
addresses (and 127.0.0.1) from a socket bound to lo or to one of its devices, asks `ip route get OWN oif DEV`, and
pings its own subnet's broadcast with `-b -I DEV` and icmp_echo_ignore_broadcasts 0 (it hears its own looped requests).
From seed 1632 on (round 23, a stream of its own) traceroute -T is drawn again (arplab's traceroute has the tcp
module now): its default port 80 or -p 22/443, -q 1-3, -f 2, -N 1, to hosts (closed ports: RSTs), across the router
(Time Exceeded quoting the SYN) and to absent addresses (a failed entry's Host Unreachable, !H).
From seed 1728 on (round 24, a stream of its own) a node about to run traceroute -T may first set its namespace's
tcp_sack, tcp_timestamps, tcp_window_scaling and tcp_ecn (check_sysctl() takes a file whose first byte is '1': the
SYN's sackOK, TS, wscale and ECE|CWR, and the "N byte packets" of its header line).
From seed 1800 on (round 25; no new draw) a ping, traceroute or tracepath to an absent address is followed by a sleep
until its entry has failed on the resolving node (round 24's 1709: a later command's 1 s probes on the failure's tick).
From seed 1872 on (round 26, a stream of its own; earlier seeds draw and write what they did) an action may be followed
by a TCP connect: `nc -z` [-v] [-w 1|2] to a port (or 1-3) of another node, the node's own address or 127.0.0.1 (a
closed port's RST: "Connection refused"), an absent address (its SYN queued on the INCOMPLETE entry, EHOSTUNREACH when
the entry fails, or across the router r's Host Unreachable) or the subnet's broadcast (ENETUNREACH), after the node's
tcp_window_scaling 0 (this machine's tcp_rmem[2] sets a SYN's wscale, which arplab takes from Debian 12's) and maybe
one of tcp_sack, tcp_timestamps and tcp_ecn.
Usage: gen.py SEED [SEED...]"""
import random
import sys


def scenario(seed):
    r = random.Random(seed)
    r21 = random.Random(f"gen.py round 21 {seed}")  # seeds from 1476 on: a stream of its own
    r22 = random.Random(f"gen.py round 22 {seed}")  # seeds from 1560 on
    r23 = random.Random(f"gen.py round 23 {seed}")  # seeds from 1632 on
    r24 = random.Random(f"gen.py round 24 {seed}")  # seeds from 1728 on
    r26 = random.Random(f"gen.py round 26 {seed}")  # seeds from 1872 on
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
    if seed >= 200:
        conf += [("accept_redirects", range(0, 2)), ("send_redirects", range(0, 2)), ("secure_redirects", range(0, 2)),
                 ("shared_media", range(0, 2)), ("accept_local", range(0, 2)), ("route_localnet", range(0, 2)),
                 ("promote_secondaries", range(0, 2)), ("arp_evict_nocarrier", range(0, 2))]
    if seed >= 500:
        conf += [("proxy_arp_pvlan", range(0, 2))]
    neigh = [("base_reachable_time_ms", [5000, 10000, 20000]), ("mcast_solicit", range(1, 5)),
             ("ucast_solicit", range(0, 4)), ("gc_stale_time", [5, 30, 60]), ("locktime", [0, 50, 100, 300])]
    if seed >= 1200:
        conf += [("bc_forwarding", range(0, 2)), ("medium_id", [-1, 0, 1, 2]),
                 ("ignore_routes_with_linkdown", range(0, 2))]
        neigh += [("delay_first_probe_time", [1, 2, 5]), ("retrans_time_ms", [250, 500, 2000]),
                  ("mcast_resolicit", range(0, 3)), ("unres_qlen", [1, 2, 3]), ("app_solicit", [1]),
                  ("proxy_delay", [0])]
    lifetime = {}  # (node, dev) -> ms from an unresolved entry's first request to FAILED (seeds from 1404 on)
    for n, i, s in ifaces:
        for key, vals in conf:
            if r.random() < 0.2:
                lines.append(f"{n} sysctl -w net.ipv4.conf.{i}.{key}={r.choice(list(vals))}")
        drawn = {}
        for key, vals in neigh:
            if r.random() < 0.15:
                drawn[key] = r.choice(list(vals))
                lines.append(f"{n} sysctl -w net.ipv4.neigh.{i}.{key}={drawn[key]}")
        if seed >= 1476 and "proxy_delay" not in drawn:
            # pneigh_enqueue() delays a proxied reply by a random part of proxy_delay: 1 or 2 cs (2 or 5 jiffies)
            lines.append(f"{n} sysctl -w net.ipv4.neigh.{i}.proxy_delay={r21.choice([1, 2])}")
        if seed >= 1272 and "app_solicit" in drawn and drawn.get("retrans_time_ms", 1000) not in (250, 500):
            # app_solicit puts the first request retrans_time after the packet: a 1 s or 2 s timer shares its tick
            # with ping's 1 s waits, and whether ping reads what that tick's softirq delivered before its next probe
            # depends on the recording machine's CPUs and load (round 18), so such a host gets 0.5 s
            lines.append(f"{n} sysctl -w net.ipv4.neigh.{i}.retrans_time_ms=500")
        if seed >= 1404:
            # the same for an unresolved entry that fails after a whole 1 or 2 s ((mcast_solicit + app_solicit)
            # retrans_times: seed-1401's mcast_solicit 1), the tick of ping's next 1 s probe: 150 ms more each
            rt = 500 if seed >= 1272 and "app_solicit" in drawn and drawn.get("retrans_time_ms", 1000) not in (250, 500) \
                else drawn.get("retrans_time_ms", 1000)
            life = (drawn.get("mcast_solicit", 3) + drawn.get("app_solicit", 0)) * rt
            if life % 1000 == 0 and life < 3000:
                lines.append(f"{n} sysctl -w net.ipv4.neigh.{i}.retrans_time_ms={rt + 150}")
                rt += 150
            lifetime[(n, i)] = (drawn.get("mcast_solicit", 3) + drawn.get("app_solicit", 0)) * rt
    if r.random() < 0.3:
        n = r.choice(nodes)
        key, vals = r.choice(conf[:4])
        lines.append(f"{n} sysctl -w net.ipv4.conf.all.{key}={r.choice(list(vals))}")
    if router and r.random() < 0.2:
        lines.append(f"r sysctl -w net.ipv4.conf.eth{r.randint(0, 1)}.forwarding=0")
    if seed >= 1200:
        icmp = [("icmp_echo_ignore_broadcasts", [0]), ("icmp_echo_ignore_all", [1]), ("icmp_ratelimit", [0, 100]),
                ("icmp_ratemask", [0, 2048]), ("icmp_msgs_burst", [5, 10000]), ("icmp_errors_use_inbound_ifaddr", [1]),
                ("ip_default_ttl", [1, 2, 3])]
        for n in nodes:
            for key, vals in icmp:
                if r.random() < 0.12:
                    v = r.choice(vals)
                    if seed >= 1500 and key == "icmp_msgs_burst":
                        v = 10000  # a burst of 5 lets a random 3 or more errors out (icmp_global_consume())
                    lines.append(f"{n} sysctl -w net.ipv4.{key}={v}")
    for n, i, s in ifaces:
        lines.append(f"{n} ip ntable show dev {i}")

    secondary = {}   # node -> [ip]
    burst = set()    # nodes given icmp_msgs_burst 10000 (seeds from 1476 on)

    def absent_guard(src, t):
        # a trace to an absent address queues many probes on the failing entry, whose Host Unreachables leave while
        # the netns's credit lasts, each taking a random 0-2 (icmp_global_consume()): with a burst of 10000 it lasts
        if seed < 1476 or not t.endswith(".77"):
            return
        for m in [src] + (["r"] if router else []):
            if m not in burst:
                burst.add(m)
                lines.append(f"{m} sysctl -w net.ipv4.icmp_msgs_burst=10000")

    def failure_guard(added):
        # a ping or trace to an absent address may end before its entry fails (mcast_solicit + app_solicit
        # retrans_times after the first request, on the resolving node: the sender or, across the router, r), and a
        # later command whose 1 s probes share that failure's tick shows the recording machine's order (round 24's
        # 1709): wait it out first. No random draw: seeds below 1800 draw what they drew.
        wait = 0
        for line in added:
            words = line.split()
            dst = words[-2] if len(words) > 3 and words[1] == "nc" else words[-1]  # nc's last word is its port
            if len(words) < 3 or words[1] not in ("ping", "traceroute", "tracepath", "nc") or not dst.endswith(".77"):
                continue
            m, s = words[0], int(dst.split(".")[2])
            if m == "r" or subnet.get(m) == s:
                key = (m, f"eth{s}" if m == "r" else "eth0")
            elif router:
                key = ("r", f"eth{s}")
            else:
                continue
            wait = max(wait, lifetime.get(key, 3000) + 500)
        if wait:
            lines.append(f"sleep {-(-wait // 500) / 2:g}")

    def nc26(n):
        # a TCP connect to a closed port, an absent address or a broadcast, from the r26 stream; first the node's
        # tcp_window_scaling 0, unless its last setting (round 24's draws before traceroute -T too) was 0
        ws = [line for line in lines if line.startswith(f"{n} sysctl -w net.ipv4.tcp_window_scaling=")]
        if not ws or not ws[-1].endswith("=0"):
            lines.append(f"{n} sysctl -w net.ipv4.tcp_window_scaling=0")
        if r26.random() < 0.3:
            key, values = r26.choice([("tcp_sack", [0, 1]), ("tcp_timestamps", [0, 1, 2]), ("tcp_ecn", [0, 1, 2])])
            lines.append(f"{n} sysctl -w net.ipv4.{key}={r26.choice(values)}")
        s = int(ifname(n)[-1]) if n == "r" else subnet.get(n, 0)
        kind = r26.choices(["host", "own", "absent", "bcast"], [5, 2, 2, 1])[0]
        if kind == "host":
            pool = [ip for m in nodes if m != n for ip, _ in addrs[m]] + [ip for m, l in secondary.items() if m != n
                                                                          for ip in l]
            if not router:
                pool = [ip for ip in pool if ip.startswith(f"10.0.{s}.")]
            t = r26.choice(pool or ["127.0.0.1"])
        elif kind == "own":
            t = r26.choice([ip for ip, _ in addrs[n]] + secondary.get(n, []) + ["127.0.0.1"])
        elif kind == "absent":
            t = f"10.0.{r26.choice([0, 1]) if router else s}.77"
            absent_guard(n, t)
        else:
            t = f"10.0.{s}.255"
        opts = ["-z"] + (["-v"] if r26.random() < 0.7 else []) + ([f"-w {r26.choice([1, 2])}"] if r26.random() < 0.4
                                                                  else [])
        lines.append(f"{n} nc {' '.join(opts)} {t} {r26.choice(['80', '22', '443', '8080', '1-3'])}")

    def target(src):
        s = subnet.get(src, r.randint(0, 1))
        pool = [ip for n in nodes if n != src for ip, _ in addrs[n]] + [ip for n, l in secondary.items() for ip in l]
        if not router:
            pool = [ip for ip in pool if ip.startswith(f"10.0.{s}.")]
        pool += [f"10.0.{s}.77"]
        return r.choice(pool)

    actions = r.randint(5, 12) if seed < 200 else r.randint(6, 14)
    for _ in range(actions):
        kinds, weights = ["ping", "arping", "neigh", "link", "addr", "sleep", "show"], [4, 3, 3, 1, 1, 3, 1]
        if seed >= 100:
            kinds, weights = kinds + ["mac", "traceroute", "proxy"], weights + [1, 1 if router else 0, 1]
        if seed >= 200:
            kinds += ["pmtu", "mtu", "route", "arp", "tracepath", "fdb", "brlink", "ageing", "portdown", "promote",
                      "redirect"]
            weights = weights[:-2] + [2 if router else 1, 1] + [3, 1, 2, 2, 2, 2, 1, 1, 1, 1, 2 if router else 0]
        if seed >= 500:
            kinds += ["route3", "neigh3", "arp3", "multi", "lo", "ping3", "arping3"]
            weights = weights + [4, 4, 3, 3, 1, 4, 3]
        if seed >= 1200:
            kinds += ["bcast", "ping17", "arping17"]
            weights = weights + [3 if router else 0, 4, 3]
        if seed >= 1344:
            kinds += ["trace19", "ping19", "flush19"]
            weights = weights + [2 if router else 1, 2, 2]
        if seed >= 1476:
            kinds += ["tools21"]
            weights = weights + [4]
        if seed >= 1560:
            kinds += ["self22"]
            weights = weights + [3]
        if seed >= 1632:
            kinds += ["tcp23"]
            weights = weights + [6]
        kind = r.choices(kinds, weights)[0]
        n = r.choice(nodes)
        added_from = len(lines)
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
        elif kind == "traceroute" and seed >= 200:
            opts = ["-n"] + r.sample(["-I", f"-q {r.randint(1, 3)}", f"-m {r.randint(2, 5)}", f"-f {r.randint(1, 2)}",
                                      f"-p {r.choice([33434, 4000, 53])}"], r.randint(0, 3))
            t = target(n)
            absent_guard(n, t)
            lines.append(f"{n} traceroute {' '.join(opts)} -w 1 {t}".replace(" -f 2 -w", " -f 2 -m 4 -w"))
        elif kind == "traceroute":
            lines.append(f"{n} traceroute -n -q 1 -w 1 -m 4 {target(n)}")
        elif kind == "pmtu":
            opts = [f"-c {r.randint(1, 2)}", f"-M {r.choice(['do', 'want', 'dont'])}",
                    f"-s {r.choice([1372, 1373, 1472, 1473, 1600, 3000])}"]
            if r.random() < 0.4:
                opts.append("-W 1")
            t = target(n)
            lines.append(f"{n} ping {' '.join(opts)} {t}")
            if r.random() < 0.6:
                lines.append(f"{n} ip route get {t}")
        elif kind == "mtu":
            i = ifname(n)
            lines.append(f"{n} ip link set dev {i} mtu {r.choice([1400, 1280, 1500, 576])}")
        elif kind == "route":
            op = r.choice(["add", "add", "del", "get", "get", "show", "replace"])
            i = ifname(n)
            s = int(i[-1]) if n == "r" else subnet[n]
            if op == "get":
                lines.append(f"{n} ip route get {target(n)}")
            elif op == "show":
                lines.append(f"{n} ip route show")
            else:
                dst = r.choice([target(n) + "/32", f"10.0.{r.randint(0, 1)}.64/26", "10.0.9.0/24"])
                via = r.choice([f"via {r.choice([ip for m in nodes if m != n for ip, t in addrs[m] if t == s] + [f'10.0.{s}.77'])}",
                                f"dev {i}", f"via 10.0.{1 - s}.1"])
                lines.append(f"{n} ip route {op} {dst} {via}")
        elif kind == "arp":
            i = ifname(n)
            op = r.choice(["-s", "-s", "-d", "-an", "-i"])
            t = target(n)
            if op == "-s":
                lines.append(f"{n} arp -s {t} {r.choice(list(macs.values()) + ['02:00:00:00:99:99'])}")
            elif op == "-i":
                lines.append(f"{n} arp -i {i} -s {t} {r.choice(list(macs.values()))} temp")
            elif op == "-d":
                lines.append(f"{n} arp -d {t}")
            else:
                lines.append(f"{n} arp -an")
        elif kind == "tracepath":
            opts = ["-n", f"-m {r.randint(1, 4)}"]
            if r.random() < 0.4:
                opts.append(f"-l {r.choice([100, 1000, 1400, 1600])}")
            t = target(n)
            absent_guard(n, t)
            lines.append(f"{n} tracepath {' '.join(opts)} {t}")
        elif kind in ("fdb", "brlink", "portdown"):
            m = r.choice(nodes)
            i = ifname(m)
            s = int(i[-1]) if m == "r" else subnet[m]
            port, br = f"v-{m}-{i}", f"br{s if nbr == 2 else 0}"
            if kind == "fdb":
                op = r.choice(["add", "add", "del", "show"])
                mac = r.choice(list(macs.values()) + ["02:00:00:00:99:99"])
                if op == "show":
                    lines.append(f"sw bridge fdb show br {br}")
                elif op == "del":
                    lines.append(f"sw bridge fdb del {mac} dev {port} master")
                else:
                    lines.append(f"sw bridge fdb add {mac} dev {port} master {r.choice(['static', 'dynamic'])}")
            elif kind == "brlink":
                flag = r.choice(["learning off", "flood off", "hairpin on", "learning on"])
                lines.append(f"sw bridge link set dev {port} {flag}")
            else:
                lines.append(f"sw ip link set dev {port} down")
                lines.append(f"sleep {r.choice([0.3, 1, 3])}")
                if r.random() < 0.5:
                    lines.append(f"{r.choice(nodes)} ping -c 1 -W 1 {r.choice([ip for ip, _ in addrs[m]])}")
                lines.append(f"sw ip link set dev {port} up")
        elif kind == "ageing":
            lines.append(f"sw ip link set dev br{r.randint(0, nbr - 1)} type bridge ageing_time {r.choice([500, 1000, 30000])}")
        elif kind == "promote":
            i = ifname(n)
            s = int(i[-1]) if n == "r" else subnet[n]
            primary = [ip for ip, t in addrs[n] if t == s][0]
            ip = f"10.0.{s}.{150 + len(lines) % 100}"
            lines.append(f"{n} sysctl -w net.ipv4.conf.{i}.promote_secondaries={r.randint(0, 1)}")
            lines.append(f"{n} ip addr add {ip}/24 dev {i}")
            lines.append(f"{n} ip addr del {primary}/24 dev {i}")
            lines.append(f"{n} ip -4 addr show dev {i}")
            lines.append(f"{n} ip route show")
            addrs[n] = [(ip, s) if a == primary else (a, t) for a, t in addrs[n]]
        elif kind == "redirect":
            same = [h for h in hosts if h != n and subnet[h] == subnet.get(n, 0)]
            if n == "r" or not same:
                continue
            gw = r.choice(same)
            s = subnet[n]
            lines.append(f"{gw} sysctl -w net.ipv4.ip_forward=1")
            for key in ("send_redirects", "accept_redirects", "secure_redirects", "shared_media"):
                if r.random() < 0.3:
                    lines.append(f"{r.choice([gw, n])} sysctl -w net.ipv4.conf.{r.choice(['all', 'eth0'])}.{key}={r.randint(0, 1)}")
            lines.append(f"{n} ip route add 10.0.{1 - s}.0/24 via {addrs[gw][0][0]}")
            t = r.choice([ip for m in nodes for ip, t in addrs[m] if t == 1 - s])
            lines.append(f"{n} ping -c {r.randint(1, 3)} {t}")
            lines.append(f"{n} ip route get {t}")
        elif kind == "proxy":
            i = ifname(n)
            s = int(i[-1]) if n == "r" else subnet[n]
            lines.append(f"{n} ip neigh add proxy 10.0.{s}.88 dev {i}")
        elif kind == "route3":
            i = ifname(n)
            s = int(i[-1]) if n == "r" else subnet[n]
            own = [ip for ip, t in addrs[n] if t == s] + secondary.get(n, [])
            gws = [ip for m in nodes if m != n for ip, t in addrs[m] if t == s] + [f"10.0.{s}.77"]
            dst = r.choice([target(n) + "/32", f"10.0.{r.randint(0, 1)}.64/26", "10.0.9.0/24", f"10.0.{s}.128/25"])
            op = r.choice(["onlink", "metric", "src", "scope", "getfrom", "getoif", "delmetric", "show"])
            if op == "onlink":
                lines.append(f"{n} ip route add {dst} via {r.choice(gws + ['10.0.7.1'])} dev {i} onlink")
            elif op == "metric":
                lines.append(f"{n} ip route add {dst} via {r.choice(gws)} metric {r.choice([5, 50, 500])}")
                if r.random() < 0.5:
                    lines.append(f"{n} ip route add {dst} dev {i} metric {r.choice([1, 100])}")
            elif op == "src":
                lines.append(f"{n} ip route add {dst} dev {i} src {r.choice(own + ['10.0.8.8'])}")
            elif op == "scope":
                lines.append(f"{n} ip route add {dst} dev {i} scope link")
            elif op == "getfrom":
                lines.append(f"{n} ip route get {target(n)} from {r.choice(own + ['10.0.8.8'])}")
            elif op == "getoif":
                lines.append(f"{n} ip route get {target(n)} oif {i}")
            elif op == "delmetric":
                lines.append(f"{n} ip route del {dst} metric {r.choice([5, 50])}")
            else:
                lines.append(f"{n} ip route show dev {i}")
            if r.random() < 0.5:
                lines.append(f"{n} ip route get {target(n)}")
        elif kind == "neigh3":
            i = ifname(n)
            s = int(i[-1]) if n == "r" else subnet[n]
            op = r.choice(["proxy", "delproxy", "showproxy", "router", "get", "nud", "none"])
            if op == "proxy":
                lines.append(f"{n} ip neigh add proxy 10.0.{r.choice([s, 1 - s])}.{r.choice([88, 99])} dev {i}")
            elif op == "delproxy":
                lines.append(f"{n} ip neigh del proxy 10.0.{s}.88 dev {i}")
            elif op == "showproxy":
                lines.append(f"{n} ip neigh show proxy")
            elif op == "router":
                mac = r.choice(list(macs.values()))
                lines.append(f"{n} ip neigh {r.choice(['add', 'replace'])} {target(n)} lladdr {mac} dev {i} nud "
                             f"{r.choice(['permanent', 'stale', 'reachable'])} router")
            elif op == "get":
                lines.append(f"{n} ip neigh get {target(n)} dev {i}")
            elif op == "nud":
                lines.append(f"{n} ip neigh show nud {r.choice(['permanent', 'stale', 'reachable', 'failed', 'noarp', 'all'])}")
            else:
                lines.append(f"{n} ip neigh change {target(n)} dev {i} nud none")
        elif kind == "arp3":
            i = ifname(n)
            s = int(i[-1]) if n == "r" else subnet[n]
            op = r.choice(["pub", "temp", "del", "show", "dpub"])
            mac = r.choice(list(macs.values()) + ['02:00:00:00:99:99'])
            if op == "pub":
                lines.append(f"{n} arp -i {i} -s 10.0.{s}.{r.choice([88, 99])} {mac} pub")
            elif op == "temp":
                lines.append(f"{n} arp -s {target(n)} {mac} temp")
            elif op == "del":
                lines.append(f"{n} arp -i {i} -d {target(n)}")
            elif op == "dpub":
                lines.append(f"{n} arp -i {i} -d 10.0.{s}.88 pub")
            else:
                lines.append(f"{n} arp -n -i {i}")
        elif kind == "multi":
            i = ifname(n)
            s = int(i[-1]) if n == "r" else subnet[n]
            first = f"10.0.{s}.{200 + len(lines) % 50}"
            lines.append(f"{n} ip addr add {first}/24 dev {i}")
            lines.append(f"{n} ip addr add 10.0.{5 + s}.{10 + len(lines) % 50}/24 dev {i}")
            if r.random() < 0.5:
                lines.append(f"{n} sysctl -w net.ipv4.conf.{i}.promote_secondaries={r.randint(0, 1)}")
            primary = [ip for ip, t in addrs[n] if t == s][0]
            if r.random() < 0.6:
                lines.append(f"{n} ip addr del {primary}/24 dev {i}")
                addrs[n] = [(first, s) if a == primary else (a, t) for a, t in addrs[n]]
            else:
                secondary.setdefault(n, []).append(first)
            lines.append(f"{n} ip -4 addr show dev {i}")
            lines.append(f"{n} ip route show")
        elif kind == "lo":
            op = r.choice(["mtu", "mtu", "neigh", "show"])
            if op == "mtu":
                lines.append(f"{n} ip link set dev lo mtu {r.choice([60, 67, 68, 1500, 65536])}")
                lines.append(f"{n} ip -4 addr show dev lo")
                lines.append(f"{n} ping -c 1 -W 1 127.0.0.1")
            elif op == "neigh":
                lines.append(f"{n} ip neigh add 10.0.{subnet.get(n, 0)}.{r.choice([66, 77])} lladdr "
                             f"{r.choice(list(macs.values()))} dev lo")
                lines.append(f"{n} ip neigh show dev lo")
            else:
                lines.append(f"{n} ip neigh show dev lo")
        elif kind == "ping3":
            opts = [f"-c {r.randint(1, 3)}"]
            t = target(n)
            extra = r.choice(["-r", "-I", "-t", "-i"])
            if extra == "-r":
                opts.append("-r")
            elif extra == "-I":
                opts.append(f"-I {r.choice([ip for ip, _ in addrs[n]] + secondary.get(n, []))}")
            elif extra == "-t":
                opts.append(f"-t {r.choice([1, 2, 3, 64])}")
            else:
                opts.append(f"-i {r.choice([0.2, 0.5])}")
            if r.random() < 0.3:
                opts.append("-W 1")
            lines.append(f"{n} ping {' '.join(opts)} {t}")
        elif kind == "arping3":
            i = ifname(n)
            mode = r.choice(["-b", "-U", "-A", "-D", "-b -U"])
            t = target(n)
            if mode in ("-U", "-A", "-b -U") and r.random() < 0.5:
                t = r.choice([ip for ip, _ in addrs[n]])
            lines.append(f"{n} arping {mode} -c {r.randint(1, 3)} -I {i} {t}")
        elif kind == "bcast":
            if n == "r":
                continue
            far = 1 - subnet[n]
            for dev in r.sample(["all", f"eth{far}", f"eth{1 - far}"], r.randint(0, 3)):
                lines.append(f"r sysctl -w net.ipv4.conf.{dev}.bc_forwarding=1")
            for m in r.sample(nodes, r.randint(0, 2)):
                lines.append(f"{m} sysctl -w net.ipv4.icmp_echo_ignore_broadcasts=0")
            opts = [f"-c {r.randint(1, 2)}", "-W 1"] + (["-b"] if r.random() < 0.5 else [])
            lines.append(f"{n} ping {' '.join(opts)} 10.0.{r.choice([far, far, 1 - far])}.255")
        elif kind == "ping17":
            t = target(n)
            opts = r.sample(["-w 2", "-q", "-O", "-A", "-n", f"-l {r.randint(2, 4)}", f"-p {r.choice(['ff', 'a5a5', '0'])}"],
                            r.randint(1, 3))
            if r.random() < 0.2:
                opts = ["-f"] + [o for o in opts if o not in ("-A", "-O")]
                if seed >= 1476:
                    # under -w the count is what the real loop sends in the deadline (refdata's 1357)
                    opts = [o for o in opts if o != "-w 2"] + ["-W 1"]
            lines.append(f"{n} ping -c {r.randint(1, 3)} {' '.join(opts)} {t}")
        elif kind == "arping17":
            i = ifname(n)
            opts = r.sample(["-f", "-w 2", "-q", f"-i {r.choice([0.2, 0.5])}", "-b"], r.randint(1, 3))
            lines.append(f"{n} arping -c {r.randint(1, 3)} {' '.join(opts)} -I {i} {target(n)}")
        elif kind == "trace19":
            opts = ["-n", r.choice(["-U", "-I", "-U -q 2", "-f 2 -m 3"])]
            t = target(n)
            absent_guard(n, t)
            lines.append(f"{n} traceroute {' '.join(opts)} -q 1 -w 1 -m 3 {t}".replace("-q 2 -q 1", "-q 2")
                         .replace("-m 3 -q 1 -w 1 -m 3", "-q 1 -w 1 -m 3"))
        elif kind == "ping19":
            opts = [f"-c {r.randint(1, 2)}", "-W 1", r.choice(["-R", "-R -n", f"-s {r.choice([0, 8, 9, 16])}",
                                                              f"-i 0.3 -t {r.choice([1, 2])}"])]
            lines.append(f"{n} ping {' '.join(opts)} {target(n)}")
        elif kind == "flush19":
            i = ifname(n)
            lines.append(f"{n} ip {r.choice(['', '-s '])}neigh flush dev {i}"
                         + r.choice(["", " nud stale", " nud reachable", " nud failed", " nud all", f" to {target(n)}"]))
        elif kind == "tools21":
            i = ifname(n)
            t = target(n)
            op = r21.choice(["tcp", "tracepath", "flush", "dad", "ping", "view"])
            if op in ("tcp", "tracepath"):
                absent_guard(n, t)
            if op == "tcp":
                lines.append(f"{n} traceroute -n {'-U' if seed >= 1500 else '-T'} -q 1 -w 1 -m 3 {t}")
            elif op == "tracepath":
                lines.append(f"{n} tracepath -n {'' if seed >= 1500 else '-b '}-m {r21.randint(1, 3)} {t}")
            elif op == "flush":
                lines.append(f"{n} ip -s -s neigh flush dev {i}" + r21.choice(["", " nud stale", " nud all", f" to {t}"]))
            elif op == "dad":
                lines.append(f"{n} arping -D -c 2 -w 2 -I {i} {t}")
            elif op == "ping":
                lines.append(f"{n} ping -c 2 -q -i 0.5 -W 1 {t}")
            else:
                lines.append(f"{n} " + r21.choice(["arp -n", f"ip -s neigh show dev {i}", "ip neigh show nud stale",
                                                   f"ip route get {t}"]))
        elif kind == "self22":
            # traffic to our own addresses from a socket bound to a device: the output route is RTN_LOCAL only
            # through the local route's own device (fib_lookup_good_nhc()), and the echo reply comes back through lo
            # with that device as inet_iif()
            own = [ip for ip, _ in addrs[n]] + secondary.get(n, [])
            dev = r22.choice(["lo", ifname(n)] + (["eth0", "eth1"] if n == "r" else []))
            op = r22.choice(["ping", "ping", "get", "bcast"])
            if op == "ping":
                lines.append(f"{n} ping -c 1 -W 1 -I {dev} {r22.choice(own + ['127.0.0.1'])}")
            elif op == "get":
                lines.append(f"{n} ip route get {r22.choice(own)} oif {dev}")
            else:
                i = ifname(n)
                s = int(i[-1]) if n == "r" else subnet[n]
                lines.append(f"{n} sysctl -w net.ipv4.icmp_echo_ignore_broadcasts=0")
                lines.append(f"{n} ping -c 2 -W 1 -b -I {i} 10.0.{s}.255")
        elif kind == "tcp23":
            # traceroute's tcp module: SYNs from a raw socket, answered by the closed port's RST (no listener here)
            t = target(n)
            absent_guard(n, t)
            opts = ["-n", "-T"] + r23.sample([f"-p {r23.choice([22, 443, 8080])}", f"-q {r23.randint(2, 3)}",
                                              "-f 2", "-N 1"], r23.randint(0, 2))
            if not any(o.startswith("-q") for o in opts):
                opts.append("-q 1")
            if seed >= 1728 and r24.random() < 0.7:
                # the namespace's tcp sysctls, which mod-tcp.c's check_sysctl() reads for the SYN's flags and options
                for key, values in (("tcp_sack", [0, 1, 10]), ("tcp_timestamps", [0, 1, 2]),
                                    ("tcp_window_scaling", [0, 1]), ("tcp_ecn", [0, 1, 2])):
                    if r24.random() < 0.5:
                        lines.append(f"{n} sysctl -w net.ipv4.{key}={r24.choice(values)}")
            lines.append(f"{n} traceroute {' '.join(opts)} -w 1 -m 3 {t}")
        elif kind == "sleep":
            lines.append(f"sleep {r.choice([0.3, 1, 2, 3, 6, 8])}")
        else:
            lines.append(f"{n} ip -s neigh show")
        if seed >= 1872 and r26.random() < 0.3:
            nc26(r26.choice(nodes))
        if seed >= 1800:
            failure_guard(lines[added_from:])
    lines.append(f"sleep {r.choice([1, 3, 6])}")
    for n in nodes:
        lines.append(f"{n} ip -s neigh show")
    lines.append(f"{r.choice(nodes)} arp -an")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    for a in sys.argv[1:]:
        with open(f"seed-{int(a):03d}.txt", "w") as f:
            f.write(scenario(int(a)))
