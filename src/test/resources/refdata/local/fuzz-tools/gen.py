#!/usr/bin/env python3
"""Writes seed-SEED.cmds: random command lines for the tools inside a node, mixing valid and invalid words.

Usage: python3 gen.py SEED [COUNT]. Lines are "node command" as ../tools/record.sh reads them (the topology of
../tools: host with br0 and br1, n1 172.28.0.11 and n2 172.28.0.12 on br0, n4 172.18.0.2 on br1). Each command
is bounded (a count or a deadline) so that it ends within a few seconds on the real tools; words are plain (no
shell quoting or globbing characters), so the line splits the same way in sh and in arplab.
"""
import random
import sys

R = None  # the seeded generator
ROUND5 = False  # seeds 46 on: colours, table local, ip maddr (earlier seeds draw as they were recorded)
ROUND6 = False  # seeds 56 on: ping -R (record route) often, its sizes near the option's 40 bytes, -I lo, IPv6 literals
ARPMODE = False  # seeds 76 on: ARP densely (arp_* sysctls, arping modes, ip neigh in every NUD state, ARP traffic)
ROUND7 = False  # seeds 353 on: half the lines the ARP mode's, half the tools' mode widened by WIDE_TOOLS (iptables'
#                 filter table, nc, traceroute's TCP and ICMP methods, the tcp sysctls, ip route get, ip -s neigh);
#                 a seed draws iptables or nft, never both (nft would list the iptables-nft tables)
ROUND8B = False  # seeds 405 on: no arp-scan --localnet (the /16's 65,534 hosts outlast the guard)
ROUND8 = False  # seeds 377 on: the tools' mode adds arpspoof runs under timeout (-t, -r, -c), the port range sysctls
#                 (ip_local_port_range, ip_unprivileged_port_start) and arp-scan's packet options


def pick(*xs):
    return R.choice(xs)


def maybe(p, x, alt=None):
    return x if R.random() < p else alt


def words(*parts):
    return " ".join(p for p in parts if p)


def shuffled(xs):
    xs = [x for x in xs if x]
    R.shuffle(xs)
    return xs


# values people type, valid and not
ADDR = ["172.28.0.12", "172.28.0.11", "172.18.0.2", "n2", "n4", "127.0.0.1", "172.28.0.1"]
BAD_ADDR = ["172.28.0.300", "nohost", "1.2.3", "0x7f.1", "256.0.0.1", "-1", "172.28.0.12.", "::1"]
SLOW_ADDR = ["172.28.0.95", "172.18.0.99"]
DEVS = ["eth0", "lo"]
BAD_DEVS = ["eth9", "br0", "veth-n1", "eth0x", "ETH0"]
NUM = ["0", "1", "2", "-1", "x", "1x", "0x10", "010", "2147483648", "99999999999", "", "1.5", "65536", "255", "256"]


def num():
    return pick(*NUM) or "0"


def target():
    r = R.random()
    if r < 0.70:
        return pick(*ADDR)
    if r < 0.93:
        return pick(*BAD_ADDR)
    return pick(*SLOW_ADDR)


def dev():
    return pick(*DEVS) if R.random() < 0.7 else pick(*BAD_DEVS)


def ping():
    sizes = ["0", "8", "56", "100", "65507", "65508", "-1", "x", "1472"] + (["65467", "65468", "1432", "1433", "2000", "15"] if ROUND6 else [])
    opts = shuffled([
        maybe(0.5, pick("-n", "-q", "-D", "-O", "-v", "-U", "-a", "-4", "-b", "-R", "-r", "-L", "-d", "-A")),
        maybe(0.3, pick("-nq", "-qn", "-Dn", "-vn")),
        maybe(0.4, words("-s", pick(*sizes))),
        maybe(0.3, words("-t", pick("0", "1", "2", "64", "255", "256", "x"))),
        maybe(0.3, words("-i", pick("0.2", "0.1", "0.002", "0", "-1", "x", "0.5", "1e-1"))),
        maybe(0.3, words("-I", pick("eth0", "lo", "eth9", "172.28.0.11", "10.9.9.9"))),
        maybe(0.2, words("-M", pick("do", "dont", "want", "probe", "x"))),
        maybe(0.2, words("-Q", pick("0", "0x10", "256", "x", "16"))),
        maybe(0.2, words("-p", pick("ff", "zz", "0102", "abcdef012345678901234567890123456789"))),
        maybe(0.2, words("-l", pick("1", "2", "0", "65537", "x"))),
        maybe(0.15, words("-m", pick("1", "x"))),
        maybe(0.1, words("-e", pick("1", "x", "65536"))),
        maybe(0.1, words("-N", pick("name", "x"))),
        maybe(0.1, words("-F", pick("1", "x"))),
        maybe(0.1, pick("-Z", "-X", "--foo", "-6", "-h", "-V", "-c", "-W", "--")),
    ])
    if ROUND6:
        opts = shuffled(opts + [maybe(0.4, "-R"), maybe(0.1, words("-I", "lo")), maybe(0.1, words("-i", "0.2"))])
    c = pick("1", "1", "2", "0", "-1", "x", "3")
    bound = [pick(f"-c {c}", f"-c{c}", f"-c {c} -W 1", f"-c {c} -w 2", f"-w 1 -c {c}", f"-c {c} -W {pick('0.5', '1', '0', 'x', '-1')}")]
    t = [target()] + ([pick(*ADDR)] if R.random() < 0.08 else [])
    if ROUND6 and R.random() < 0.05:
        t = [pick("::1", "::", "fe80::1", "::ffff:127.0.0.1")]
    return "ping " + " ".join(shuffled(opts + bound) + t) if R.random() < 0.2 else "ping " + " ".join(shuffled(opts) + bound + t)


def arping():
    opts = shuffled([
        maybe(0.4, pick("-q", "-f", "-b", "-D", "-U", "-A", "-qf", "-bq")),
        maybe(0.7, words("-I", dev())),
        maybe(0.3, words("-s", pick("172.28.0.11", "172.28.0.9", "1.2.3.4", "x", "172.28.0.300"))),
        maybe(0.2, words("-i", pick("0.1", "0.5", "0", "x", "-1"))),
        maybe(0.1, pick("-Z", "-V", "-h", "--help", "-w")),
    ])
    bound = pick("-c 1", "-c 2", "-c1 -w 1", "-w 1", "-c 0 -w 1", "-c x", "-c -1 -w 1", "-w 0.5 -c 1", "-w x")
    return words("arping", *opts, bound, pick(*(["172.28.0.12", "172.28.0.1", "172.28.0.95"] + BAD_ADDR[:4])))


def traceroute():
    opts = shuffled([
        maybe(0.8, "-n"),
        maybe(0.5, words("-q", pick("1", "2", "0", "11", "x"))),
        maybe(0.4, words("-m", pick("1", "2", "0", "256", "x", "3"))),
        maybe(0.5, words("-w", pick("0.5", "1", "0", "-1", "x", "1,2"))),
        maybe(0.2, pick("-I", "-U", "-N 1", "-N 0", "-f 2", "-f 0", "-f 9", "-z 0", "-p 40000", "-p x", "-t 16")),
        maybe(0.1, pick("-Z", "--foo", "-V", "--version", "-4", "-F")),
    ])
    dest = pick("172.28.0.12", "172.28.0.12", "172.28.0.1", "n2", "nohost", "172.28.0.300")
    plen = maybe(0.15, pick("60", "28", "70000", "x", "0"))
    return words("traceroute", *opts, dest, plen)


def tracepath():
    opts = shuffled([
        maybe(0.6, "-n"),
        maybe(0.3, "-b"),
        maybe(0.3, words("-l", pick("100", "1000", "0", "70000", "x", "28"))),
        maybe(0.4, words("-m", pick("1", "2", "0", "256", "x", "255"))),
        maybe(0.2, words("-p", pick("40000", "x", "0", "65536"))),
        maybe(0.1, pick("-4", "-6", "-Z", "-V", "-h")),
    ])
    return words("tracepath", *opts, pick("172.28.0.12", "172.28.0.12", "172.28.0.1", "nohost", "n2"),
                 maybe(0.05, "172.28.0.1"))


OBJ = {
    "link": ["l", "li", "lin", "link"],
    "addr": ["a", "ad", "addr", "addre", "address"],
    "route": ["r", "ro", "rou", "route"],
    "neigh": ["n", "ne", "neigh", "neighbor", "neighbour", "nei"],
    "ntable": ["nt", "ntable"],
}
SHOW = ["", "show", "sh", "s", "list", "ls", "lst", "l"]


def ip_show(obj):
    f = []
    if obj == "route" and ROUND5 and R.random() < 0.5:
        return shuffled([words("table", pick("local", "all", "255", "0", "local", "main")),
                         maybe(0.3, words("type", pick("local", "broadcast", "unicast"))),
                         maybe(0.2, words("scope", pick("host", "link"))), maybe(0.2, words("dev", dev())),
                         maybe(0.1, pick("root 172.28.0.0/16", "match 172.28.0.11", "exact 127.0.0.0/8"))])
    if obj == "link":
        f = [maybe(0.4, words("dev", dev())), maybe(0.2, "up"), maybe(0.1, words("type", pick("veth", "bridge", "x"))),
             maybe(0.05, words("master", pick("br0", "x")))]
        if not f[0] and R.random() < 0.3:
            f[0] = dev()
    elif obj == "addr":
        f = [maybe(0.4, words("dev", dev())), maybe(0.15, "up"),
             maybe(0.15, words("scope", pick("global", "host", "link", "x", "0", "253"))),
             maybe(0.1, words("to", pick("172.28.0.0/16", "127.0.0.0/8", "x"))), maybe(0.1, words("label", pick("eth0", "lo", "x"))),
             maybe(0.05, pick("primary", "secondary", "permanent", "dynamic"))]
    elif obj == "route":
        f = [maybe(0.2, words("table", pick("main", "local", "all", "255", "254", "x", "0", "1000"))),
             maybe(0.2, words("dev", dev())), maybe(0.1, words("proto", pick("kernel", "boot", "static", "x", "2"))),
             maybe(0.1, words("scope", pick("link", "global", "host", "x"))),
             maybe(0.1, words("type", pick("unicast", "local", "broadcast", "x"))),
             maybe(0.1, pick("172.28.0.0/16", "default", "root 172.0.0.0/8", "match 172.28.0.0/24", "exact 172.28.0.0/16", "x")),
             maybe(0.1, words("via", pick("172.28.0.1", "x")))]
    elif obj == "neigh":
        f = [maybe(0.3, words("dev", dev())), maybe(0.3, words("nud", pick("all", "stale", "reachable", "permanent", "noarp", "failed", "incomplete", "delay", "probe", "none", "x"))),
             maybe(0.1, "proxy"), maybe(0.1, "unused"), maybe(0.1, pick("172.28.0.12", "172.28.0.0/16", "to 172.28.0.12", "x")),
             maybe(0.05, words("nomaster"))]
    elif obj == "ntable":
        f = [maybe(0.4, words("dev", dev())), maybe(0.2, words("name", pick("arp_cache", "ndisc_cache", "x")))]
    return shuffled(f)


def ip():
    if ROUND5 and R.random() < 0.1:
        return maddr()
    obj = pick(*OBJ.keys())
    gopts = shuffled(([maybe(0.15, pick("-c", "-color", "-c=never", "-color=auto", "-c=always", "-col"))] if ROUND5 else []) + [
        maybe(0.2, pick("-4", "-0", "-f inet", "-family link", "-6", "-f x", "-family")),
        maybe(0.3, pick("-s", "-s -s", "-stats", "-d", "-details", "-o", "-oneline")),
        maybe(0.2, pick("-br", "-brief", "-j", "-j -p", "-json", "-p")),
        maybe(0.08, pick("-r", "-a", "-t", "-c", "-n", "-x", "-h", "-V", "-Version", "--", "-", "-b")),
    ])
    r = R.random()
    o = pick(*OBJ[obj])
    if r < 0.55:
        act = pick(*SHOW)
        rest = ip_show(obj)
        if act == "" and rest:
            act = "show"
        return words("ip", *gopts, o, act, *rest)
    if r < 0.62:
        return words("ip", *gopts, o, pick("help", "he", "x", "sho", "showx"))
    if r < 0.66:
        return words("ip", *gopts, pick("x", "help", "lnk", "addrx", "neighb", "nex"))
    # changes, with good and bad words
    if obj == "addr":
        a = pick("172.28.0.9/16", "172.28.0.9", "10.7.0.1/8", "172.28.0.300/16", "1.2.3.4/33", "x", "172.28.0.11/16")
        return words("ip", o, pick("add", "a", "del", "d", "replace", "change", "flush"), a,
                     maybe(0.85, words("dev", dev())), maybe(0.1, words("label", pick("eth0:1", "x"))),
                     maybe(0.1, words("scope", pick("host", "link", "x"))), maybe(0.1, words("broadcast", pick("+", "172.28.255.255", "x"))))
    if obj == "neigh":
        ad = pick("172.28.0.9", "172.28.0.12", "172.28.0.300", "x", "10.1.1.1")
        return words("ip", o, pick("add", "a", "del", "d", "replace", "change", "flush", "get"), maybe(0.1, "proxy"), ad,
                     maybe(0.7, words("lladdr", pick("02:00:00:00:00:09", "02:00:00:00:00", "zz", "02:00:00:00:00:09:01", "2:0:0:0:0:9"))),
                     maybe(0.8, words("dev", dev())), maybe(0.5, words("nud", pick("permanent", "reachable", "stale", "noarp", "delay", "x", "failed", "none"))))
    if obj == "route" and ROUND5 and R.random() < 0.3:
        return words("ip", maybe(0.3, pick("-c", "-d", "-j", "-o")), o, pick("get", "g"),
                     pick("172.28.0.11", "127.0.0.1", "127.1.2.3", "172.28.255.255", "172.28.0.0", "255.255.255.255",
                          "172.28.0.9", "127.255.255.255"), maybe(0.2, words("from", pick("172.28.0.11", "127.0.0.1"))))
    if obj == "route":
        p = pick("10.8.0.0/16", "10.8.0.1/16", "default", "x", "10.8.0.0/40", "172.28.0.0/16")
        return words("ip", o, pick("add", "a", "del", "d", "replace", "change", "get", "g", "append"), p,
                     maybe(0.6, words("via", pick("172.28.0.1", "172.28.0.12", "9.9.9.9", "x"))), maybe(0.4, words("dev", dev())),
                     maybe(0.2, words("metric", pick("5", "x", "-1"))), maybe(0.1, words("table", pick("100", "main", "x"))))
    if obj == "link":
        return words("ip", o, "set", maybe(0.5, "dev"), dev(), pick("up", "down", "mtu 1400", "mtu 99999", "mtu 67", "mtu x",
                     "address 02:42:ac:1c:00:0b", "address zz", "arp off", "arp on", "arp x", "txqueuelen 500", "x", ""))
    return words("ip", o, pick("change", "set", "x"), maybe(0.5, words("dev", dev())), maybe(0.5, words("name", "arp_cache")))


def maddr():
    """ip maddr: the multicast lists of /proc/net/dev_mcast, igmp and igmp6."""
    gopts = shuffled([maybe(0.3, pick("-4", "-6", "-0", "-f inet", "-family link")), maybe(0.2, pick("-s", "-o", "-d", "-br")),
                      maybe(0.2, pick("-j", "-j -p", "-c"))])
    o = pick("maddr", "maddress", "m", "ma")
    r = R.random()
    if r < 0.7:
        return words("ip", *gopts, o, pick("", "show", "list", "ls", "lst", "s"),
                     maybe(0.5, pick(words("dev", dev()), dev(), "dev", "help")))
    if r < 0.85:
        return words("ip", o, pick("add", "del"), pick("01:00:5e:00:00:09", "33:33:00:00:00:09", "x", "01:00:5e"),
                     maybe(0.7, words("dev", dev())))
    return words("ip", *gopts, o, pick("help", "x", "sho x", "show dev eth0 lo"))


def bridge():
    obj = pick("fdb", "f", "link", "l", "lin", "vlan", "v", "x", "mdb")
    gopts = shuffled([maybe(0.3, pick("-s", "-d", "-j", "-j -p", "-statistics", "-details", "-n")),
                      maybe(0.05, pick("-x", "-V", "-h", "-c"))] + ([maybe(0.2, pick("-c", "-color", "-c=never"))] if ROUND5 else []))
    r = R.random()
    if obj in ("fdb", "f"):
        if r < 0.6:
            return words("bridge", *gopts, obj, pick("", "show", "sh", "s", "list"),
                         *shuffled([maybe(0.3, words("br", pick("br0", "br1", "br9", "veth-n1"))),
                                    maybe(0.3, words("dev", pick("veth-n1", "veth-n4", "br0", "eth9"))),
                                    maybe(0.05, words("brport", "veth-n2")), maybe(0.05, "x")]))
        return words("bridge", obj, pick("add", "del", "replace", "append", "flush"),
                     pick("02:00:00:00:00:01", "zz", "02:00:00:00:00"), words("dev", pick("veth-n1", "br0", "eth9")),
                     maybe(0.6, pick("master", "self")), maybe(0.5, pick("static", "dynamic", "permanent", "local")),
                     maybe(0.15, words("vlan", pick("1", "0", "4095", "x"))))
    if obj in ("link", "l", "lin"):
        return words("bridge", *gopts, obj, pick("", "show", "sh"), maybe(0.4, words("dev", pick("veth-n1", "br0", "eth9", "veth-n4"))))
    return words("bridge", *gopts, obj, pick("", "show", "help", "x"))


def arp():
    opts = shuffled([
        maybe(0.5, pick("-a", "-an", "-n", "-e", "-ne", "-v", "-na", "-ae")),
        maybe(0.3, words("-i", dev())),
        maybe(0.1, words("-H", pick("ether", "x", "ax25"))),
        maybe(0.1, pick("-Z", "--frob", "-h", "-V", "--version", "--numeric", "--all", "--verbose")),
    ])
    r = R.random()
    if r < 0.6:
        return words("arp", *opts, maybe(0.3, pick("172.28.0.12", "172.28.0.1", "nohost", "n2", "172.28.0.300", "1.2.3.4")))
    if r < 0.8:
        return words("arp", maybe(0.3, "-i eth0"), "-s", pick("172.28.0.80", "nohost", "x"), pick("02:00:00:00:00:80", "zz", "02:00:00"),
                     maybe(0.3, pick("pub", "temp", "netmask 255.255.255.0", "x")))
    return words("arp", maybe(0.3, "-i eth0"), "-d", pick("172.28.0.80", "172.28.0.12", "nohost", "172.28.0.99"), maybe(0.2, "pub"))


KEYS = ["net.ipv4.conf.eth0.arp_ignore", "net.ipv4.conf.all.arp_announce", "net.ipv4.ip_forward",
        "net.ipv4.neigh.eth0.base_reachable_time_ms", "net.ipv4.neigh.eth0.gc_stale_time", "net.ipv4.conf.default.arp_accept",
        "net.ipv4.conf.eth0.proxy_arp", "net.ipv4.neigh.lo.retrans_time_ms", "net.ipv4.conf.eth9.arp_ignore",
        "net.ipv4.nope", "net/ipv4/conf/eth0/arp_filter", "net.ipv4.icmp_ratelimit", "kernel.nope", "net.ipv4.neigh.eth0.ucast_solicit"]


def sysctl():
    r = R.random()
    opts = shuffled([maybe(0.3, pick("-n", "-N", "-e", "-q", "-b", "-nN", "-en")), maybe(0.06, pick("-Z", "--foo", "-h", "-V", "-x"))])
    if r < 0.5:
        return words("sysctl", *opts, *[pick(*KEYS) for _ in range(R.choice([1, 1, 2, 3]))])
    if r < 0.8:
        k = pick(*KEYS)
        v = pick("0", "1", "2", "-1", "x", "99999999999", "3000", "", "1 2")
        return words("sysctl", *opts, maybe(0.8, "-w"), f"{k}={v}" if " " not in v else f"{k}={v.split()[0]}")
    # no whole -a: it lists the machine's every key, most of them not a network namespace's
    return words("sysctl", *opts, pick("-p /nonexistent", "-w", "", "-a -r arp_ignore", "-a -r eth0.arp", "-N -a -r proxy_arp$", "-r arp_announce -a -N"))


def nft():
    return pick(
        "nft list ruleset", "nft list tables", "nft -a list ruleset", "nft add table ip t", "nft add table inet t2",
        "nft list table ip t", "nft list table ip nope", "nft delete table ip t", "nft flush ruleset", "nft foo",
        "nft list", "nft add table x t", "nft add chain ip t c", "nft list chains", "nft -c add table ip t3",
        "nft create table ip t", "nft -v", "nft list table t", "nft add table arp a", "nft list table arp a",
        "nft -x", "nft add set ip t s", "nft list sets", "nft add rule ip t c counter", "nft list chain ip t c")


def tcpdump():
    return pick("tcpdump -i eth9 -c 1", "tcpdump -r /nonexistent", "tcpdump --version", "tcpdump -Z", "tcpdump -c x -i eth0",
                "tcpdump -c 0 -i eth0", "tcpdump -i eth0 -c 1 nonsense", "tcpdump -s x -i eth0", "tcpdump -r", "tcpdump -P")


def arpscan():
    opts = shuffled([maybe(0.9, words("-I", pick("eth0", "eth0", "eth9", "lo"))), maybe(0.4, pick("-q", "-x", "-qx", "-N", "-D")),
                     maybe(0.4, words("-r", pick("1", "0", "x"))), maybe(0.4, words("-t", pick("100", "50", "0", "x"))),
                     maybe(0.1, pick("--foo", "-Z", "-V", "--version", "-i 1", "-B 10k"))])
    tg = pick("172.28.0.12", "172.28.0.11 172.28.0.12", "172.28.0.10-172.28.0.13", "172.28.0.12/30", "172.28.0.8/29",
              "nohost", "172.28.0.12/33", "172.28.0.12:255.255.255.252", "", "172.28.0.300")
    return words("arp-scan", *opts, tg)


def misc():
    return pick("arpspoof", "arpspoof -x", "arpspoof -i eth9 172.28.0.12", "arpspoof -c foo -i eth0 172.28.0.12",
                "arpspoof -t 172.28.0.12", "arpspoof -i eth0", "arpspoof -i eth0 nohost", "arpwatch -x", "arpwatch -i eth9 -d",
                "macof -x", "macof -n x", "timeout", "timeout x ping -c 1 172.28.0.12", "timeout 5 ping -c 1 -q 172.28.0.12",
                "timeout -s FOO 1 ping -c 1 172.28.0.12", "timeout 0.5 ping -q 172.28.0.95", "timeout 1", "arpspoof -r -i eth0 172.28.0.12")


# ---- the round-7 tools (seeds 353 on)

IPT_CHAINS = ["INPUT", "OUTPUT", "FORWARD"]
IPT_ADDR = ["172.28.0.11", "172.28.0.12", "172.18.0.2", "172.28.0.0/16", "172.18.0.0/24", "0.0.0.0/0",
            "172.28.0.12/32", "172.28.0.300", "n2"]
USER_CHAINS = ["LAB", "lab-in", "x" * 29]


def ipt_rule():
    parts = []
    proto = pick(None, None, "icmp", "udp", "tcp", "ICMP", "all", "x", "47")
    if proto:
        parts.append(maybe(0.1, "! ", "") + "-p " + proto)
    if proto in ("icmp", "ICMP") and R.random() < 0.6:
        parts.append("--icmp-type " + pick("echo-request", "echo-reply", "8", "0/0", "destination-unreachable",
                                           "port-unreachable", "time-exceeded", "x", "3/3"))
    if proto == "udp" and R.random() < 0.6:
        parts.append(pick("--dport", "--sport", "--destination-port") + " " + pick("33434:33534", "53", "1:65535", "x", "70000", "33435"))
    if proto == "tcp" and R.random() < 0.6:
        parts.append(pick("--dport 80", "--dport 22", "--syn", "--tcp-flags SYN,ACK SYN", "--sport 1024:", "--dport x"))
    if R.random() < 0.35:
        parts.append(maybe(0.15, "! ", "") + "-s " + pick(*IPT_ADDR))
    if R.random() < 0.35:
        parts.append(maybe(0.15, "! ", "") + "-d " + pick(*IPT_ADDR))
    if R.random() < 0.25:
        parts.append(pick("-i", "-o") + " " + pick("eth0", "br0", "br1", "br+", "lo", "eth9"))
    if R.random() < 0.15:
        parts.append("-m conntrack --ctstate " + pick("NEW", "ESTABLISHED,RELATED", "INVALID", "NEW,ESTABLISHED", "X"))
    if R.random() < 0.05:
        parts.append(pick("--dport 80", "-m nope", "--foo", "-m comment --comment lab"))
    target = pick("ACCEPT", "DROP", "DROP", "REJECT", "REJECT --reject-with icmp-host-prohibited",
                  "REJECT --reject-with icmp-net-unreachable", "REJECT --reject-with tcp-reset", "RETURN",
                  "LOG --log-prefix lab:", "NOPE", "LAB", "")
    return shuffled(parts) + ([words("-j", target)] if target else [])


def iptables():
    r = R.random()
    if r < 0.35:
        return words("iptables", pick("-L", "-L -n", "-L -n -v", "-nvL", "-L -n --line-numbers", "-S", "-L -v -x -n",
                                      "-L INPUT -n", "-S FORWARD", "-L FORWARD -v -n", "-L NOPE", "-S LAB", "-L -n -v -Z",
                                      "-t nat -L -n", "-t nat -S", "-t nope -L", "-L -t filter -n", "-vnL OUTPUT"))
    if r < 0.75:
        chain = pick(*IPT_CHAINS) if R.random() < 0.85 else pick("LAB", "NOPE", "input")
        op = pick("-A", "-A", "-A", "-I", "-I", "-D", "-R", "-C")
        num = pick("1", "2", "9", "0", "x") if op in ("-I", "-R") and R.random() < 0.7 or op == "-R" else ""
        return words("iptables", op, chain, num, *ipt_rule())
    return words("iptables", pick("-F", "-F INPUT", "-F FORWARD", "-Z", "-Z FORWARD", "-N LAB", "-N lab-in", "-X LAB", "-X",
                                  "-E LAB LAB2", "-P FORWARD DROP", "-P FORWARD ACCEPT", "-P INPUT DROP", "-P OUTPUT ACCEPT",
                                  "-P LAB DROP", "-P FORWARD RETURN", "-D INPUT 1", "-D FORWARD 9", "-A", "-x", "-h 2",
                                  "--version", "-A INPUT -j", "-N " + "x" * 29, "-N " + "x" * 28))


def nc():
    t = pick("172.28.0.12", "172.28.0.12", "172.18.0.2", "172.28.0.1", "172.28.0.95", "n2", "nohost")
    port = pick("80", "22", "33434", "0", "65536", "x", "80-82", "ssh")
    opts = shuffled([maybe(0.6, "-z"), maybe(0.5, "-v"), maybe(0.25, "-u"), maybe(0.2, "-n"),
                     maybe(0.1, words("-s", pick("172.28.0.11", "10.9.9.9", "x"))),
                     maybe(0.05, pick("-x", "-4", "-6", "-h", "-Z", "-q 0"))])
    bound = pick("-w 1", "-w1", "-w 1", "-w 2", "-w x", "-w 0")
    return words("nc", *opts, bound, t, port) if R.random() < 0.95 else words("nc", *opts)


def traceroute7():
    opts = shuffled([
        maybe(0.8, "-n"), pick("-T", "-I", "-U", "-T", "--tcp", "-M tcp", "-M icmp", "-M x"),
        words("-q", pick("1", "1", "2")), words("-w", pick("0.5", "1")), words("-m", pick("1", "2", "3")),
        maybe(0.3, words("-p", pick("22", "80", "33434", "0", "x"))),
        maybe(0.15, pick("-f 2", "-N 1", "-z 0", "-t 16", "-F", "-O syn,ack", "-O x", "-s 172.28.0.11")),
    ])
    return words("traceroute", *opts, pick("172.18.0.2", "172.28.0.12", "172.28.0.1", "172.28.0.95", "n4"),
                 maybe(0.1, pick("40", "60", "x")))


TCP_KEYS = ["net.ipv4.tcp_syn_retries", "net.ipv4.tcp_synack_retries", "net.ipv4.tcp_syn_linear_timeouts",
            "net.ipv4.tcp_timestamps", "net.ipv4.tcp_sack", "net.ipv4.tcp_window_scaling", "net.ipv4.tcp_ecn",
            "net.ipv4.ip_local_port_range", "net.ipv4.tcp_fin_timeout"]


def sysctl7():
    k = pick(*TCP_KEYS)
    if R.random() < 0.5:
        return words("sysctl", maybe(0.3, pick("-n", "-N", "-e")), k, maybe(0.2, pick(*TCP_KEYS)))
    v = pick("0", "1", "2", "3", "6", "127", "128", "255", "256", "-1", "x", "32768 60999", "60999 32768")
    return words("sysctl", "-w", f"{k}={v.split()[0]}" if R.random() < 0.5 or " " not in v else f"{k}={v.split()[0]}")


def ip7():
    r = R.random()
    if r < 0.5:
        return words("ip", maybe(0.3, pick("-s", "-s -s", "-d", "-j", "-br", "-4", "-o")), pick("neigh", "n", "neighbour"),
                     pick("", "show", "list"), maybe(0.3, words("dev", pick("eth0", "br0", "lo", "eth9"))),
                     maybe(0.2, words("nud", pick("reachable", "stale", "failed", "all", "permanent"))))
    return words("ip", maybe(0.3, pick("-s", "-d", "-j", "-o", "-4")), "route", pick("get", "g"),
                 pick("172.18.0.2", "172.28.0.12", "172.28.0.1", "172.28.255.255", "10.1.1.1", "127.0.0.1", "x",
                      "172.18.0.2/32", "172.18.0.2/16"),
                 maybe(0.2, words("from", pick("172.28.0.11", "172.28.0.1", "10.9.9.9"))),
                 maybe(0.15, words("iif", pick("eth0", "br0", "lo"))), maybe(0.15, words("oif", pick("eth0", "br1", "eth9"))),
                 maybe(0.1, pick("tos 0x10", "mark 1", "connected", "fibmatch", "ipproto tcp dport 80", "x")))


def traffic7():
    src = pick("n1", "n1", "n2", "n4", "host")
    t = pick("172.28.0.12", "172.28.0.11", "172.18.0.2", "172.28.0.1", "172.18.0.1")
    return src, pick(f"ping -c 1 -W 1 {t}", f"ping -c 2 -i 0.2 -W 1 {t}", f"ping -c 1 -W 1 -s 1500 {t}",
                     f"traceroute -n -q 1 -w 0.5 -m 3 {t}", f"nc -zv -w 1 {t} 80", f"nc -u -z -w 1 {t} 53")


def arpspoof8():
    node = pick("n1", "n1", "n2", "host")
    dev = "br0" if node == "host" else "eth0"
    peers = [a for a in ("172.28.0.11", "172.28.0.12", "172.28.0.1") if a != OWN[node]]
    host = pick(*peers + ["172.28.0.95"]) if R.random() < 0.9 else pick("nohost", "172.28.0.300", OWN[node])
    tgts = [words("-t", pick(*[a for a in peers if a != host] + ["172.28.0.95"])) for _ in range(R.choice([0, 1, 1, 1, 2]))]
    rev, clean = maybe(0.3, "-r"), maybe(0.3, words("-c", pick("own", "host", "both", "x")))
    # the guard's 15 s: the run, cleanup()'s arp_find() of the host (4 s when it has no entry) and its replies a
    # second apart (5 rounds per source kind, each target once, twice with -r)
    while (1 + bool(rev)) * len(tgts) * (10 if clean == "-c both" else 5) > (11 if rev else 8):
        tgts.pop()
    opts = shuffled([maybe(0.8, words("-i", dev if R.random() < 0.9 else pick("eth9", "lo"))), *tgts, rev, clean])
    return node, words("timeout", pick("1", "2", "3", "2.5"), "arpspoof", *opts, host)


PORT_KEYS = ["net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start"]


def sysctl8():
    k = pick(*PORT_KEYS)
    if R.random() < 0.35:
        return words("sysctl", maybe(0.3, pick("-n", "-N", "-e")), k, maybe(0.3, pick(*PORT_KEYS + TCP_KEYS)))
    v = pick("0", "1", "80", "1023", "1024", "1025", "2000", "32768", "40000", "60999", "61000", "65535", "65536",
             "-1", "x", "0x8000", "1024x", "")
    return words("sysctl", maybe(0.8, "-w"), f"{k}={v}")


def arpscan8():
    opts = shuffled([words("-I", pick("eth0", "eth0", "eth0", "br0", "eth9")), maybe(0.5, pick("-q", "-x", "-g", "-N", "-qg")),
                     words("-r", pick("1", "1", "2")), words("-t", pick("100", "200")),
                     maybe(0.25, words(pick("--arpspa", "--srcaddr", "--arpsha", "--destaddr", "--arptha", "--arpop", "--arppro",
                                            "--arphrd", "--arphln", "--arppln", "--frame-type", "--padding"),
                                       pick("172.28.0.11", "172.28.0.99", "02:00:00:00:00:99", "ff:ff:ff:ff:ff:ff", "1", "2",
                                            "0x0800", "6", "4", "x", "01:02"))),
                     maybe(0.15, pick("--localnet" if not ROUND8B else "--plain", "-l" if not ROUND8B else "-x",
                                      "--plain", "--numeric", "--ignoredups", "--resolve",
                                      "--random --randomseed=7", "--retry-send=2", "--limit=1", "--bandwidth=1000"))])
    tg = "" if "--localnet" in opts or "-l" in opts else pick("172.28.0.12", "172.28.0.11 172.28.0.12", "172.28.0.10-172.28.0.13",
                                                               "172.28.0.12/30", "172.28.0.1", "172.28.0.95")
    node = pick("n1", "n1", "n2", "host")
    return node, words("arp-scan", *[o.replace("eth0", "br0") if node == "host" else o for o in opts], tg)


WIDE_TOOLS = [(iptables, 20), (nc, 10), (traceroute7, 8), (sysctl7, 6), (ip7, 10), (traffic7, 16), (ping, 6), (arping, 4),
              (ip, 10), (arp, 4), (bridge, 3), (arpscan, 3)]


WIDE8 = WIDE_TOOLS + [(arpspoof8, 10), (sysctl8, 5), (arpscan8, 6)]


def wide_line(use_nft):
    f = R.choice([f for f, w in (WIDE8 if ROUND8 else WIDE_TOOLS) for _ in range(w)])
    if f is iptables and use_nft:
        return "host", nft()
    if f in (traffic7, arpspoof8, arpscan8):
        return f()
    if f is sysctl8:
        return pick("n1", "n2", "host"), f()
    cmd = f()
    if f is iptables:
        node = pick("host", "host", "host", "n2", "n1")
    elif f is bridge:
        node = "host"
    elif f in (ip, ip7, sysctl7, arp, nc):
        node = pick("n1", "n1", "n2", "host", "n4")
    else:
        node = pick("n1", "n1", "n2", "n4")
    return node, cmd


# ---- ARP mode (seeds 76 on): valid command lines mostly, so that the neighbour tables and the ARP sysctls interact

OWN = {"n1": "172.28.0.11", "n2": "172.28.0.12", "host": "172.28.0.1"}
LAN = ["172.28.0.11", "172.28.0.12", "172.28.0.1", "172.28.0.95", "172.28.0.77", "172.28.0.21"]


def arp_node():
    return pick("n1", "n1", "n2", "n2", "host")


def arp_dev(node):
    return "br0" if node == "host" else "eth0"


def arp_sysctl(node):
    dev = arp_dev(node)
    key, vals = pick(("arp_ignore", "012345678"), ("arp_announce", "012"), ("arp_filter", "01"), ("arp_accept", "012"),
                     ("proxy_arp", "01"), ("arp_notify", "01"), ("drop_gratuitous_arp", "01"))
    scope = pick("all", dev, dev, "default")
    if R.random() < 0.2:
        return words("sysctl", f"net.ipv4.conf.{scope}.{key}", maybe(0.5, f"net.ipv4.conf.all.{key}"))
    return f"sysctl -w net.ipv4.conf.{scope}.{key}={pick(*vals)}"


def arp_arping(node):
    dev = arp_dev(node)
    mode = pick("", "", "-U", "-A", "-D", "-b", "-f", "-q")
    own = OWN[node]
    target = own if mode in ("-U", "-A") and R.random() < 0.7 else pick(*LAN)
    src = maybe(0.2, words("-s", pick(own, own, "172.28.0.21", "172.28.0.9")))
    bound = pick("-c 1", "-c 2", "-c 1 -w 1", "-c 3 -i 0.2", "-w 1")
    return words("arping", *shuffled([mode, words("-I", dev), src, bound]), target)


def arp_neigh(node):
    dev = arp_dev(node)
    ad = pick("172.28.0.12", "172.28.0.11", "172.28.0.1", "172.28.0.77", "172.28.0.95", "172.28.0.21")
    ll = pick("02:00:00:00:00:77", "02:42:ac:1c:00:0c", "02:42:ac:1c:00:0b", "02:42:8e:ff:44:b3")
    nud = pick("permanent", "reachable", "stale", "noarp", "delay", "probe", "failed", "incomplete", "none", "")
    r = R.random()
    if r < 0.45:
        return words("ip neigh", pick("add", "replace", "replace", "change"), ad, maybe(0.85, words("lladdr", ll)),
                     "dev", dev, maybe(0.9, words("nud", nud) if nud else ""))
    if r < 0.6:
        return words("ip neigh del", ad, "dev", dev)
    if r < 0.72:
        return words("ip neigh flush", pick("dev " + dev, "all", "nud stale", "nud all dev " + dev, "to 172.28.0.0/16",
                                            "nud reachable", "nud permanent"))
    if r < 0.82:
        return words("ip neigh get", ad, "dev", dev)
    if r < 0.92:
        return words("ip neigh", pick("add", "del"), "proxy", pick("172.28.0.77", "172.28.0.95"), "dev", dev)
    return words("arp -i", dev, "-s", pick("172.28.0.77", "172.28.0.95"), ll, maybe(0.3, pick("pub", "temp")))


def arp_show(node):
    return pick("ip -s neigh", "ip -s neigh", "ip -s -s neigh show nud all", "ip neigh show dev " + arp_dev(node),
                "arp -an", "arp -n", "ip -s neigh show 172.28.0.12", "ip neigh show proxy", "ip -s -j neigh",
                "ip neigh show nud stale", "ip -br neigh", "ip -s link show " + arp_dev(node))


def arp_traffic(node):
    dev = arp_dev(node)
    t = pick(*[a for a in LAN if a != OWN[node]] + ["172.18.0.2"])
    return pick(f"ping -c 1 -W 1 {t}", f"ping -c 2 -i 0.2 -W 1 {t}", f"ping -c 1 -W 1 -I {dev} {t}",
                f"ping -c 1 -w 1 {t}", f"arping -c 1 -w 1 -I {dev} {t}")


def arp_link(node):
    dev = arp_dev(node)
    if node == "host":
        return words("ip link set", pick("veth-n1", "veth-n2"), pick("down", "up", "up"))
    r = R.random()
    if r < 0.4:
        return words("ip link set", dev, "address", pick("02:42:ac:1c:00:2b", "02:42:ac:1c:00:2c", "02:42:ac:1c:00:0b",
                                                          "02:42:ac:1c:00:0c"))
    if r < 0.7:
        return words("ip addr", pick("add", "del"), "172.28.0.21/16", "dev", dev)
    return words("ip link set", dev, pick("arp off", "arp on", "arp on"))


ARP_TOOLS = [(arp_sysctl, 16), (arp_arping, 16), (arp_neigh, 18), (arp_show, 16), (arp_traffic, 14), (arp_link, 5)]


TOOLS = [(ping, 14), (arping, 6), (traceroute, 5), (tracepath, 4), (ip, 30), (bridge, 8), (arp, 8), (sysctl, 10), (nft, 5),
         (tcpdump, 3), (arpscan, 4), (misc, 3)]


def main():
    global R, ROUND5, ROUND6, ARPMODE, ROUND7, ROUND8, ROUND8B
    seed = int(sys.argv[1])
    ROUND7 = seed >= 353
    ROUND8 = seed >= 377
    ROUND8B = seed >= 405
    ROUND5 = seed >= 46
    ROUND6 = seed >= 56
    ARPMODE = seed >= 76
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    R = random.Random(seed)
    fns = [f for f, w in TOOLS for _ in range(w)]
    lines = [f"# generated by gen.py {seed} {count}"]
    if ROUND7:
        afns = [f for f, w in ARP_TOOLS for _ in range(w)]
        use_nft = R.random() < 0.25
        for _ in range(count):
            if R.random() < 0.5:
                f = R.choice(afns)
                node = arp_node()
                cmd = f(node)
            else:
                node, cmd = wide_line(use_nft)
            lines.append(f"{node} {' '.join(cmd.split())}")
        with open(f"seed-{seed}.cmds", "w") as out:
            out.write("\n".join(lines) + "\n")
        return
    if ARPMODE:
        afns = [f for f, w in ARP_TOOLS for _ in range(w)]
        for _ in range(count):
            f = R.choice(afns)
            node = arp_node()
            lines.append(f"{node} {' '.join(f(node).split())}")
        with open(f"seed-{seed}.cmds", "w") as out:
            out.write("\n".join(lines) + "\n")
        return
    for _ in range(count):
        f = R.choice(fns)
        cmd = f()
        node = "host" if f is bridge else pick("n1", "n1", "n1", "n2", "host") if f in (ip, sysctl, arp, nft) else "n1"
        lines.append(f"{node} {' '.join(cmd.split())}")
    with open(f"seed-{seed}.cmds", "w") as out:
        out.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
