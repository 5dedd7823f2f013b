#!/usr/bin/env python3
"""Seeded random cases of Linux hosts on Open vSwitch bridges, for record-ovs-netns.py (run for real) and
OvsNetnsReplayTest (replayed in arplab): the format of refdata/ovs/netns's hand-written cases.

   gen-netns.py SEED OUTDIR        (writes OUTDIR/lab.yaml, OUTDIR/script.txt and, for a secure bridge, OUTDIR/pipe.flows)

A case is one of four layouts: 2-4 hosts on a standalone bridge (NORMAL; sometimes VLAN access ports set by
ovs-vsctl), two standalone bridges joined by a patch port pair, a Linux router host (ip_forward) between two bridges
of two subnets, or a secure bridge with a random Antrea-like pipeline (table 0 classifier or spoof guard, table 1 ARP:
a responder for a virtual gateway and NORMAL, ct() in a zone with a mark or a service VIP's DNAT, a deny rule, table 3
L3 forwarding with dec_ttl and MAC rewrites for frames to the gateway, NORMAL or output by destination MAC for the
rest). Hosts get random ARP sysctls (conf.all: arp_ignore, arp_announce, arp_filter, arp_accept,
drop_gratuitous_arp; one host icmp_echo_ignore_broadcasts=0). The script mixes ping (-c, -i, -s, -b, -I, -t), arping
(-c, -U, -A, -D), ip neigh (show, flush, add, del), ip addr add, ip link set down/up, ip route, sysctl -w, sleeps and
OVS views (dpctl/dump-flows after revalidator/wait, dpctl/show, fdb/show, dump-flows, dump-ports, ofproto/trace,
dpctl/dump-conntrack).

Seeds from 249 on also draw traceroute -T and tracepath -b across the router host (from 261 on traceroute -U -q 2 and
tracepath -l 1500 instead, from 303 on traceroute -T -q 2 and tracepath -l 1500, and traceroute's -T, -T -p 22 and -T
-f 2 among the other traces' options), arping -D -w, ping -q -i, `ip -s -s
neigh flush` and `ip -s neigh show dev`. Seeds from 195 on also draw traceroute's -I/-U/-f/-q 2, tracepath's -l, `ip route get`, net-tools' arp -s/-d and
arp_accept 2. Seeds from 155 on also draw app_solicit (with a 0.5 s retrans_time), proxy ARP on the router host (proxy_delay 0,
the hosts given an on-link route to the other subnet), directed broadcasts through it (bc_forwarding), neighbours
added, changed, deleted and flushed by hand in every settled state, and the views `ip -s neigh`, `ip neigh show nud
STATE`, `arp -an` and `arp -n`.

Deterministic by construction: the generator keeps each line's real duration as a [min, max] interval and never puts
a line that looks at state (or changes a neighbour) where something asynchronous may happen in a real run: the
kernel's ARP retries of a ping (3 s from its start), the unicast probe of a DELAY entry (5 s after a use), a
megaflow's idle expiry (10 s after a use, for datapath views, unless the script first sets other_config:max-idle to
a minute), a REACHABLE entry turning STALE (15 s or more after a
confirmation); it sleeps past such a window instead, and stops once the case would pass ~30 s.
"""
import os
import random
import sys

seed, out = int(sys.argv[1]), sys.argv[2]
r = random.Random(seed)
# seeds from 15 on also draw from a second stream (the first 14 recorded cases stay as they were): hosts with second
# addresses (in the subnet or another one) used as sources (ping -I, arping -s), more neighbour and sysctl changes
WILD = seed >= 15
rw = random.Random(seed * 7919 + 1)
# seeds from 31 on, a third stream: arp_notify, MAC changes (ip link set address), ping -M do / -R / -p / -Q, and the
# switch changed mid-run (fdb/flush, dpctl/del-flows, mod-port no-flood, a drop flow added and deleted, a VLAN tag)
EXTRA = seed >= 31
rx = random.Random(seed * 104729 + 7)
# seeds from 101 on, a fourth stream: traceroute and tracepath through the router host, a device's own ARP sysctl
# (conf.eth0) mid-script, `ip link set dev eth0 address`, `ip neigh replace ... nud noarp` (seeds below 101 draw what
# they drew before); seeds from 135 on, a fifth (NEIGH, below)
WIDE = seed >= 101
rd = random.Random("gen-netns wide %d" % seed)  # a string seed: hashed (sha512), so neighbouring seeds differ
os.makedirs(out, exist_ok=True)

GW, GWMAC = "10.0.0.254", "aa:bb:cc:dd:ee:ff"
layout = r.choice(["standalone", "standalone", "patch", "router", "secure", "secure", "secure"])
if WIDE and rd.random() < 0.3:
    layout = "router"  # more of the router host, for the traces through it
if seed >= 303 and random.Random("gen-netns round23 %d" % seed).random() < 0.4:
    layout = "router"  # round 23: more traces through it, traceroute -T's among them
hosts = []  # dicts: name, ifaces [(net, addr, mac, veth)], sysctls, gateway
nets = {}  # name -> dict for the lab file
lines = []
flows = []


def host(name, ifaces, gateway=None):
    h = {"name": name, "ifaces": ifaces, "sysctls": {}, "gateway": gateway, "alt": [], "mac0": [i[2] for i in ifaces]}
    hosts.append(h)
    return h


def std_bridge(name, subnet, n):
    nets[name] = {"subnet": subnet, "fail_mode": "standalone", "hwaddr": "aa:55:aa:55:00:%02x" % n}


names = "abcd"
if layout in ("standalone", "secure"):
    std_bridge("br0", "10.0.0.0/24", 0)
    n = r.choice([2, 3, 3, 4]) if layout == "standalone" else r.choice([2, 2, 3])
    for i in range(n):
        host(names[i], [("br0", "10.0.0.%d" % (i + 1), "02:00:00:00:00:0%s" % names[i], "v" + names[i])])
elif layout == "patch":
    std_bridge("br0", "10.0.0.0/24", 0)
    std_bridge("br1", "10.0.0.0/24", 1)
    nets["br0"]["ports"] = {"patch0": {"ofport": 10, "type": "patch", "options": {"peer": "patch1"}}}
    nets["br1"]["ports"] = {"patch1": {"ofport": 10, "type": "patch", "options": {"peer": "patch0"}}}
    n = r.choice([2, 3, 4])
    for i in range(n):
        br = "br0" if i == 0 else "br1" if i == 1 else r.choice(["br0", "br1"])
        host(names[i], [(br, "10.0.0.%d" % (i + 1), "02:00:00:00:00:0%s" % names[i], "v" + names[i])])
else:  # router
    std_bridge("br0", "10.0.0.0/24", 0)
    std_bridge("br1", "10.0.1.0/24", 1)
    host("a", [("br0", "10.0.0.1", "02:00:00:00:00:0a", "va")], "10.0.0.254")
    rt = host("r", [("br0", "10.0.0.254", "02:00:00:00:00:fe", "vr0"), ("br1", "10.0.1.254", "02:00:00:00:01:fe", "vr1")])
    rt["sysctls"]["net.ipv4.ip_forward"] = 0 if r.random() < 0.15 else 1
    host("b", [("br1", "10.0.1.1", "02:00:00:00:01:0b", "vb")], "10.0.1.254")
    if r.random() < 0.5:
        side = r.choice(["br0", "br1"])
        three = "0" if side == "br0" else "1"
        host("c", [(side, "10.0.%s.3" % three, "02:00:00:00:0%s:0c" % three, "vc")], "10.0.%s.254" % three)

# REACHABLE for a random 60 to 180 s (base_reachable_time_ms, per device: neigh.default is the initial namespace's
# only), so that no entry turns STALE at a random moment of a case
for h in hosts:
    for n in range(len(h["ifaces"])):
        h["sysctls"]["net.ipv4.neigh.eth%d.base_reachable_time_ms" % n] = 120000
# seeds from 135 on, a fifth stream: every host device's neighbour parameters (ucast_solicit, mcast_solicit,
# retrans_time_ms, delay_first_probe_time, locktime; one draw per case, so that the windows below follow them) and more
# of ping's and arping's options (seeds below 135 draw and write what they did)
NEIGH = seed >= 135
rf = random.Random("gen-netns neigh %d" % seed)
UCAST, MCAST, RETRANS, DELAY = 3, 3, 1.0, 5
if NEIGH:
    UCAST, MCAST, RETRANS, DELAY = rf.choice([1, 2, 3]), rf.choice([1, 2, 3]), rf.choice([0.5, 1.0]), rf.choice([2, 3, 5])
    locktime = rf.choice([None, 0, 300])
    for h in hosts:
        for n in range(len(h["ifaces"])):
            p = "net.ipv4.neigh.eth%d." % n
            for key, val, dflt in (("ucast_solicit", UCAST, 3), ("mcast_solicit", MCAST, 3),
                                   ("retrans_time_ms", int(RETRANS * 1000), 1000), ("delay_first_probe_time", DELAY, 5),
                                   ("locktime", locktime, None)):
                if val != dflt:
                    h["sysctls"][p + key] = val
# seeds from 155 on, a sixth stream: app_solicit (the first probe of an unresolved neighbour is a netlink "miss",
# arp_solicit(), so its requests start retrans_time later: drawn only with a 0.5 s retrans_time, whose rounded timer
# never shares a tick with ping's 1 s waits), proxy ARP and directed broadcasts on the router host, neighbours by hand
# and the views of ip -s neigh and net-tools' arp (seeds below 155 draw and write what they did)
HAND = seed >= 155
rh = random.Random("gen-netns hand %d" % seed)
APP = 0
if HAND and RETRANS == 0.5 and rh.random() < 0.5:
    APP = 1
    for h in hosts:
        for n in range(len(h["ifaces"])):
            h["sysctls"]["net.ipv4.neigh.eth%d.app_solicit" % n] = 1
# seeds from 195 on, a seventh stream: traceroute's -I, -U, -f and -q 2 and tracepath's -l through the router host,
# `ip route get`, net-tools' `arp -s` (temp too) and `arp -d` by hand, and arp_accept 2 (only from our own subnets)
# (seeds below 195 draw and write what they did)
TOOLS = seed >= 195
rt7 = random.Random("gen-netns tools %d" % seed)
proxy = bcast_fwd = False
if HAND and layout == "router":
    rt = [h for h in hosts if h["name"] == "r"][0]
    if rh.random() < 0.5:  # proxy_arp, answered at once (proxy_delay 0: no random pneigh_enqueue() delay)
        proxy = True
        rt["sysctls"]["net.ipv4.conf.all.proxy_arp" if rh.random() < 0.5 else "net.ipv4.conf.eth0.proxy_arp"] = 1
        rt["sysctls"].setdefault("net.ipv4.conf.eth1.proxy_arp", 1)
        for n in range(2):
            rt["sysctls"]["net.ipv4.neigh.eth%d.proxy_delay" % n] = 0
    if rh.random() < 0.4:  # a directed broadcast forwarded when conf.all's and the input device's keys are both set
        bcast_fwd = True
        rt["sysctls"]["net.ipv4.conf.all.bc_forwarding"] = 1
        for n in range(2):
            if rh.random() < 0.7:
                rt["sysctls"]["net.ipv4.conf.eth%d.bc_forwarding" % n] = 1
# seeds from 217 on, an eighth stream: every host device's unres_qlen (one draw per case: which packets an unresolved
# neighbour still holds when it fails, each ping or probe 832 bytes of its 2090-byte units), the router host's
# icmp_errors_use_inbound_ifaddr and icmp_ratelimit, and ping's -f (seeds below 217 draw and write what they did)
QUEUE = seed >= 217
rq = random.Random("gen-netns queue %d" % seed)
UNRES = 101
if QUEUE:
    UNRES = rq.choice([1, 2, 3, 101, 101])
    for h in hosts:
        for n in range(len(h["ifaces"])):
            if UNRES != 101:
                h["sysctls"]["net.ipv4.neigh.eth%d.unres_qlen" % n] = UNRES
    if layout == "router":
        rt = [h for h in hosts if h["name"] == "r"][0]
        if rq.random() < 0.5:
            rt["sysctls"]["net.ipv4.icmp_errors_use_inbound_ifaddr"] = 1
        if rq.random() < 0.4:
            rt["sysctls"]["net.ipv4.icmp_ratelimit"] = rq.choice([0, 100])
# seeds from 249 on, a ninth stream: traceroute -T and tracepath -b across the router host, arping -D -w, ping -q -i,
# `ip -s -s neigh flush` and `ip -s neigh show dev` (seeds below 249 draw and write what they did)
R21 = seed >= 249
r9 = random.Random("gen-netns round21 %d" % seed)
# ARP sysctls, conf.all (the recorder sets them before the interfaces exist; conf.all applies to all of them)
for h in hosts:
    for key, values, p in (("arp_ignore", [1, 2], 0.3), ("arp_announce", [1, 2], 0.3), ("arp_filter", [1], 0.15),
                           ("arp_accept", [1, 2] if TOOLS else [1], 0.25), ("drop_gratuitous_arp", [1], 0.15)):
        if r.random() < p:
            h["sysctls"]["net.ipv4.conf.all." + key] = r.choice(values)
    if EXTRA and rx.random() < 0.35:
        h["sysctls"]["net.ipv4.conf.all.arp_notify"] = 1
bcast_host = None
if r.random() < 0.4:
    bcast_host = r.choice(hosts)
    bcast_host["sysctls"]["net.ipv4.icmp_echo_ignore_broadcasts"] = 0

# the secure bridge's pipeline
svc = None
gateway = False
ct = False
if layout == "secure":
    br = nets["br0"]
    br["fail_mode"] = "secure"
    br["protocols"] = ["OpenFlow10", "OpenFlow13"]
    br["flows"] = "pipe.flows"
    port = {h["name"]: i + 1 for i, h in enumerate(hosts)}
    guard = r.random() < 0.35
    responder = r.random() < 0.7
    ct = r.random() < 0.7
    zone = r.choice([0, 5, 10, 42])
    nat = ct and responder and r.random() < 0.5
    gateway = responder and (nat or r.random() < 0.6)
    l2 = r.choice(["NORMAL", "by-mac"])
    if guard:
        for h in hosts:
            _, a, m, _ = h["ifaces"][0]
            flows.append("table=0,priority=200,arp,in_port=%d,dl_src=%s,arp_spa=%s,arp_sha=%s actions=goto_table:1"
                         % (port[h["name"]], m, a, m))
            flows.append("table=0,priority=200,ip,in_port=%d,dl_src=%s,nw_src=%s actions=goto_table:1"
                         % (port[h["name"]], m, a))
        flows.append("table=0,priority=0 actions=drop")
    else:
        flows.append("table=0,priority=0 actions=goto_table:1")
    if responder:
        flows.append("table=1,priority=200,arp,arp_tpa=%s,arp_op=1 actions=move:NXM_OF_ETH_SRC[]->NXM_OF_ETH_DST[],"
                     "set_field:%s->eth_src,load:0x2->NXM_OF_ARP_OP[],move:NXM_NX_ARP_SHA[]->NXM_NX_ARP_THA[],"
                     "set_field:%s->arp_sha,move:NXM_OF_ARP_SPA[]->NXM_OF_ARP_TPA[],set_field:%s->arp_spa,IN_PORT"
                     % (GW, GWMAC, GWMAC, GW))
    flows.append("table=1,priority=100,arp actions=NORMAL")
    if ct:
        flows.append("table=1,priority=100,ip actions=ct(table=2,zone=%d%s)" % (zone, ",nat" if nat else ""))
        if nat:
            backend = r.choice(hosts)
            svc = ("10.96.0.%d" % r.choice([10, 20, 53]), backend["ifaces"][0][1])
            flows.append("table=2,priority=200,ct_state=+new+trk,ip,nw_dst=%s actions=ct(commit,table=3,zone=%d,"
                         "nat(dst=%s))" % (svc[0], zone, svc[1]))
        if r.random() < 0.35:
            src, dst = r.sample(hosts, 2)
            flows.append("table=2,priority=150,ct_state=+new+trk,ip,nw_src=%s,nw_dst=%s actions=drop"
                         % (src["ifaces"][0][1], dst["ifaces"][0][1]))
        mark = ",exec(set_field:0x%x->ct_mark)" % r.choice([1, 0x11, 0x20]) if r.random() < 0.6 else ""
        flows.append("table=2,priority=100,ct_state=+new+trk,ip actions=ct(commit,table=3,zone=%d%s)" % (zone, mark))
        flows.append("table=2,priority=100,ct_state=+est+trk,ip actions=goto_table:3")
        flows.append("table=2,priority=0 actions=drop")
    else:
        flows.append("table=1,priority=100,ip actions=goto_table:3")
    flows.append("table=1,priority=0 actions=drop")
    if gateway:
        for h in hosts:
            _, a, m, _ = h["ifaces"][0]
            h["gateway"] = GW
            flows.append("table=3,priority=200,ip,dl_dst=%s,nw_dst=%s actions=set_field:%s->eth_src,"
                         "set_field:%s->eth_dst,dec_ttl,output:%d" % (GWMAC, a, GWMAC, m, port[h["name"]]))
    if l2 == "NORMAL":
        flows.append("table=3,priority=0 actions=NORMAL")
    else:
        for h in hosts:
            flows.append("table=3,priority=100,dl_dst=%s actions=output:%d" % (h["ifaces"][0][2], port[h["name"]]))
        flows.append("table=3,priority=0 actions=drop")
    open(os.path.join(out, "pipe.flows"), "w").write("\n".join(flows) + "\n")

# --- the script, with each line's real duration as an interval -------------------------------------------------------
cmin, cmax = [0.0], [0.0]  # cumulative [min, max] time at the start of each line (and after the last)
traffic = []  # (line index of the start, duration interval, may leave ARP retries)
LIMIT = 30.0


def emit(line, dmin, dmax):
    if line.startswith("sleep") and lines and lines[-1].startswith("sleep"):  # one sleep, not two
        prev = float(lines.pop().split()[1])
        cmin.pop()
        cmax.pop()
        line, dmin, dmax = "sleep %g" % (prev + dmin), prev + dmin, prev + dmax
    lines.append(line)
    cmin.append(cmin[-1] + dmin)
    cmax.append(cmax[-1] + dmax)


def hazards(kind):
    """Windows (relative to a traffic line's start) in which a line of this kind would race a real run."""
    for i, dur, retries in traffic:
        w = [(4.7, dur[1] + 5.4)]  # a DELAY entry's unicast probe, delay_first_probe_time after a use
        if WIDE:  # unanswered (a spoof guard, a MAC the flows do not know): ucast_solicit probes, then FAILED
            w = [(4.7, dur[1] + 8.8)]
        if NEIGH:  # the same with the case's delay_first_probe_time, ucast_solicit and retrans_time
            w = [(DELAY - 0.3, dur[1] + DELAY + (UCAST + APP) * RETRANS + 0.8)]
        if retries:  # an unresolved neighbour's mcast_solicit requests, retrans_time apart, then FAILED
            w.append((0.0, (MCAST + APP) * RETRANS + 0.4 if NEIGH else 3.4))
        if kind == "dp" and not long_idle:
            w += [(9.6, dur[1] + 10.8), (14.5, dur[1] + 16.2)]  # a megaflow's max-idle (its probe's too)
        yield i, w


def clear_of(kind, dmax, cap=3.0):
    """Sleeps until a line of kind and duration dmax is clear of every window; False (no sleep) if that passes LIMIT
    or, for a datapath view, takes more than 3 s."""
    slept = 0.0
    while True:
        wait = 0.0
        for i, ws in hazards(kind):
            lo = cmin[-1] + slept - cmin[i]  # this line's span after traffic i's start
            hi = cmax[-1] + slept + 0.01 - cmax[i] + dmax
            for a, b in ws:
                if lo < b and hi > a:
                    wait = max(wait, b - lo)
        if wait == 0.0:
            if slept:
                emit("sleep %g" % slept, slept, slept + 0.01)
            return cmax[-1] + slept + dmax < LIMIT
        slept += round(int(wait * 2 + 1) / 2, 1)
        if cmax[-1] + slept > LIMIT or kind == "dp" and slept > cap:
            return False


def view(line, kind="view", dmax=0.15):
    if EXTRA and line in lines[-2:]:
        return  # the same view twice in a row
    if clear_of(kind, dmax):
        emit(line, 0.0, dmax)


def traffic_line(line, dmin, dmax, retries):
    if cmax[-1] + dmax > LIMIT:
        return
    traffic.append((len(lines), (dmin, dmax), retries))
    emit(line, dmin, dmax)


bridges = sorted(nets)
# mostly, megaflows kept for a minute (other_config:max-idle), so that the datapath can be looked at any time
long_idle = r.random() < 0.7
if long_idle:
    emit("ovs-vsctl set Open_vSwitch . other_config:max-idle=60000", 0.0, 0.3)
if layout == "standalone" and r.random() < 0.35:
    for h in hosts:
        emit("ovs-vsctl set port %s tag=%d" % (h["ifaces"][0][3], r.choice([10, 10, 20])), 0.0, 0.3)


def addrs():
    return [i[1] for h in hosts for i in h["ifaces"]] + [a for h in hosts for a in h["alt"]]


def ping_target(h):
    ts = [a for a in addrs() if a not in [i[1] for i in h["ifaces"]]]
    ts += ["10.0.0.%d" % r.choice([9, 77, 200])]
    if layout == "secure" and gateway:
        ts.append(GW)
    if svc:
        ts += [svc[0]] * 2
    return r.choice(ts)


def ping(h):
    dev_i = r.randrange(len(h["ifaces"]))
    opts = ["-c", str(r.choice([1, 2, 3])), "-i", "0.2", "-W", "1"]
    count = int(opts[1])
    if r.random() < 0.2:
        opts += ["-s", str(r.choice([100, 1000, 1472, 3000]))]
    if r.random() < 0.15 and (layout == "router" or gateway):
        opts += ["-t", str(r.choice([1, 2]))]
    target = ping_target(h)
    if r.random() < 0.12:
        net = nets[h["ifaces"][dev_i][0]]["subnet"]
        opts = ["-b"] + opts
        target = net.replace(".0/24", ".255")
        if bcast_fwd and h["name"] != "r" and rh.random() < 0.6:  # the other subnet's, through the router
            target = "10.0.1.255" if target == "10.0.0.255" else "10.0.0.255"
    elif r.random() < 0.15:
        opts += ["-I", r.choice(["eth%d" % dev_i] + h["alt"])]
    elif WILD and h["alt"] and rw.random() < 0.4:
        opts += ["-I", rw.choice(h["alt"])]
    if EXTRA and rx.random() < 0.35:
        opts += rx.choice([["-M", "do", "-s", "3000"], ["-M", "dont"], ["-R"], ["-p", "a5"], ["-Q", "0x10"], ["-n"]])
    dur = (0.2 * (count - 1), 0.2 * (count - 1) + 1.3)
    if NEIGH and rf.random() < 0.35:
        more = rf.choice([["-A"], ["-q"], ["-w", "3"], ["-n", "-q"], ["-O"]])
        opts += more
        if "-w" in more:  # the deadline, when a reply is missing
            dur = (dur[0], max(dur[1], 3.2))
    traffic_line("%s ping %s %s" % (h["name"], " ".join(opts), target), dur[0], dur[1], True)


def flood(h):
    """ping -f: to a host that answers (each reply read before the next request), or, with the default unres_qlen and
    an entry that fails after the deadline, to an absent address (the send buffer's ENOBUFS bounds the count: refdata/
    local's round 19); never towards drops (a spoof guard, a deny rule), where the count is the real loop's pace."""
    if layout == "secure":
        return
    mine = [i[1] for i in h["ifaces"]]
    ts = [i[1] for o in hosts if o is not h for i in o["ifaces"] if i[1].rsplit(".", 1)[0] in
          [a.rsplit(".", 1)[0] for a in mine] or layout == "router" and h["name"] != "r"]
    if UNRES == 101 and MCAST * RETRANS >= 1.5 and mine[0].startswith("10.0.0.") and rq.random() < 0.4:
        traffic_line("%s ping -f -c 2 -w 1 %s10.0.0.77" % (h["name"], rq.choice(["", "-q ", "-s 1000 "])), 1.0, 1.3,
                     True)
    elif ts:
        traffic_line("%s ping -f -c %d %s%s" % (h["name"], rq.choice([3, 5]), rq.choice(["", "-q ", "-n "]),
                                                rq.choice(ts)), 0.0, 1.3, True)


def arping(h):
    d = r.randrange(len(h["ifaces"]))
    own = h["ifaces"][d][1]
    kind = r.random()
    if kind < 0.55:
        c = r.choice([1, 2])
        target = r.choice([a for a in addrs() if a != own] + ["10.0.0.9"] + ([GW] if layout == "secure" and gateway else []))
        src = " -s " + rw.choice(h["alt"]) if WILD and h["alt"] and rw.random() < 0.4 else ""
        more = rf.choice(["", "", " -f", " -q", " -b", " -w 2"]) if NEIGH else ""
        traffic_line("%s arping -c %d%s -I eth%d%s %s" % (h["name"], c, more, d, src, target), 0.0,
                     max(c, 2 if more == " -w 2" else 0) + 0.2, False)
    elif kind < 0.75:
        traffic_line("%s arping -%s -c 1 -I eth%d %s" % (h["name"], r.choice("UA"), d, own), 0.0, 1.2, False)
    else:
        target = r.choice([a for a in addrs() if a != own] + ["10.0.0.99"])
        traffic_line("%s arping -D -c 1 -I eth%d %s" % (h["name"], d, target), 0.0, 1.2, False)


def neigh_change(h):
    x = r.random()
    if x < 0.4:
        view("%s ip neigh flush all" % h["name"], "neigh")
    else:
        net, _, _, _ = h["ifaces"][0]
        others = [(i[1], i[2]) for o in hosts if o is not h for i in o["ifaces"] if i[0] == net]
        if not others:
            return
        a, m = r.choice(others)
        if x < 0.75:
            m = m if r.random() < 0.7 else "02:00:00:00:00:99"
            nud = r.choice(["permanent", "stale"])
            if WIDE and rd.random() < 0.5:
                nud = "noarp"
            view("%s ip neigh replace %s lladdr %s dev eth0 nud %s" % (h["name"], a, m, nud), "neigh")
        else:
            view("%s ip neigh del %s dev eth0" % (h["name"], a), "neigh")


def addr_add(h):
    net = nets[h["ifaces"][0][0]]["subnet"]
    if r.random() < 0.5:
        a = net.replace(".0/24", ".%d" % r.choice([50, 60, 70]))
        plen = 24
    else:
        a, plen = "10.0.5.%d" % (hosts.index(h) + 1), 24
    if a in addrs():
        return
    h["alt"].append(a)
    emit("%s ip addr add %s/%d dev eth0" % (h["name"], a, plen), 0.0, 0.15)


def link_bounce(h):
    if not clear_of("neigh", 1.5):
        return
    emit("%s ip link set eth0 down" % h["name"], 0.0, 0.15)
    if r.random() < 0.5:
        emit("%s ip route" % h["name"], 0.0, 0.15)
    emit("%s ip link set eth0 up" % h["name"], 0.0, 0.15)
    emit("sleep 1", 1.0, 1.01)  # the veth's carrier seen by OVS's netdev-linux (an rtnetlink notification)


def mac_change(h):
    if not clear_of("neigh", 0.3):
        return
    net, a, m, v = h["ifaces"][0]
    new = "02:00:00:00:%02x:%s" % (rx.choice([0x10, 0x20]), m[-2:])
    h["ifaces"][0] = (net, a, new, v)
    dev = "dev eth0" if WIDE and rd.random() < 0.5 else "eth0"
    emit("%s ip link set %s address %s" % (h["name"], dev, new), 0.0, 0.15)


def switch_change(h):
    br, _, m, v = h["ifaces"][0]
    x = rx.random()
    if x < 0.2:
        line = "ovs-appctl fdb/flush %s" % br
    elif x < 0.35:
        line = "ovs-appctl dpctl/del-flows"
    elif x < 0.55:
        line = "ovs-ofctl mod-port %s %s %s" % (br, v, rx.choice(["no-flood", "flood"]))
    elif x < 0.8 and nets[br]["fail_mode"] == "standalone":
        flow = "priority=%d,icmp,nw_src=%s" % (rx.choice([10, 100]), h["ifaces"][0][1])
        line = rx.choice(["ovs-ofctl add-flow %s %s,actions=drop" % (br, flow), "ovs-ofctl del-flows %s %s" % (br, flow)])
    elif layout == "standalone":
        line = "ovs-vsctl set port %s tag=%d" % (v, rx.choice([10, 20]))
    else:
        line = "ovs-appctl fdb/show %s" % br
    view(line, "neigh", 0.3)


def sysctl_change(h):
    key, val = r.choice([("net.ipv4.conf.all.arp_ignore", r.choice([0, 1, 2])),
                         ("net.ipv4.conf.all.arp_announce", r.choice([0, 2])),
                         ("net.ipv4.conf.all.arp_accept", r.choice([0, 1])),
                         ("net.ipv4.icmp_echo_ignore_broadcasts", r.choice([0, 1]))])
    if EXTRA and rx.random() < 0.3:
        key, val = "net.ipv4.conf.all.arp_notify", rx.choice([0, 1])
    if WIDE and rd.random() < 0.5:  # the device's own key: conf.all and conf.eth0 combine (max or or, by key)
        key, val = rd.choice([("net.ipv4.conf.eth0.arp_ignore", rd.choice([0, 1, 2, 8])),
                              ("net.ipv4.conf.eth0.arp_announce", rd.choice([0, 1, 2])),
                              ("net.ipv4.conf.eth0.arp_accept", rd.choice([0, 1])),
                              ("net.ipv4.conf.eth0.arp_filter", rd.choice([0, 1])),
                              ("net.ipv4.conf.eth0.arp_notify", rd.choice([0, 1]))])
    global bcast_host
    if key.endswith("broadcasts") and val == 0:  # one host answers a broadcast echo (two: DUP! lines in any order)
        if bcast_host not in (None, h):
            return
        bcast_host = h
    view("%s sysctl -w %s=%d" % (h["name"], key, val), "neigh")


def trace(h):
    """traceroute or tracepath from a host of the router layout to a host (or the router's far side) across r."""
    if layout != "router" or h["name"] == "r":
        return
    mine = h["ifaces"][0][1].rsplit(".", 1)[0]
    ts = [i[1] for o in hosts for i in o["ifaces"] if not i[1].startswith(mine + ".")]
    target = rd.choice(ts)
    if rd.random() < 0.5:
        opts = "-n -q 1 -w 1 -m 3"
        if TOOLS:
            opts = rt7.choice([opts, "-n -I -q 1 -w 1 -m 3", "-n -U -q 1 -w 1 -m 3", "-n -q 1 -w 1 -f 2 -m 3",
                               "-n -q 2 -w 1 -m 3"] + (["-n -T -q 1 -w 1 -m 3", "-n -T -p 22 -q 2 -w 1 -m 3",
                                                        "-n -T -f 2 -q 1 -w 1 -m 3"] if seed >= 303 else []))
        line = "%s traceroute %s %s" % (h["name"], opts, target)
    else:
        opts = "-n -m 3"
        if TOOLS:
            opts = rt7.choice([opts, "-n -l 1000 -m 3", "-n -l 2000 -m 3"])
        line = "%s tracepath %s %s" % (h["name"], opts, target)
    traffic_line(line, 0.0, 3.5, True)


def tools21(h):
    """The tools' options the earlier streams leave out: arping's DAD with a deadline, ping -q -i, and across the router
    host traceroute's TCP SYN probes (the far host's RST ends the trace) and tracepath -b."""
    own = [i[1] for i in h["ifaces"]]
    x = r9.random()
    if layout == "router" and h["name"] != "r" and x < 0.4:
        mine = own[0].rsplit(".", 1)[0]
        target = r9.choice([i[1] for o in hosts for i in o["ifaces"] if not i[1].startswith(mine + ".")])
        if seed < 261:
            line = ("traceroute -n -T -q 1 -w 1 -m 3 %s" if x < 0.25 else "tracepath -n -b -m 3 %s") % target
        elif seed >= 303:  # arplab's traceroute has the tcp module (refdata/local's round 23)
            line = ("traceroute -n -T -q 2 -w 1 -m 3 %s" if x < 0.25 else "tracepath -n -l 1500 -m 3 %s") % target
        else:  # no tcp module in arplab's traceroute; -b's names are the recording machine's resolver's
            line = ("traceroute -n -U -q 2 -w 1 -m 3 %s" if x < 0.25 else "tracepath -n -l 1500 -m 3 %s") % target
        traffic_line("%s %s" % (h["name"], line), 0.0, 3.5, True)
    elif x < 0.7:
        target = r9.choice([a for a in addrs() if a not in own] + ["10.0.0.9"])
        traffic_line("%s arping -D -c 2 -w 2 -I eth0 %s" % (h["name"], target), 0.0, 2.2, False)
    else:
        traffic_line("%s ping -c 2 -q -i 0.5 -W 1 %s" % (h["name"], ping_target(h)), 0.5, 1.8, True)


def view21(h):
    if r9.random() < 0.5:
        view("%s ip -s -s neigh flush dev eth0 nud %s" % (h["name"], r9.choice(["stale", "failed", "noarp"])), "neigh")
    else:
        view("%s ip -s neigh show dev eth0" % h["name"], "neigh")


def ovs_view():
    br = r.choice(bridges)
    x = r.random()
    if x < 0.3:
        if EXTRA and "ovs-appctl dpctl/dump-flows" in lines[-2:]:
            return
        if clear_of("dp", 0.8):
            emit("ovs-appctl revalidator/wait", 0.0, 0.6)
            emit("ovs-appctl dpctl/dump-flows", 0.0, 0.15)
    elif x < 0.4:
        view("ovs-appctl fdb/show %s" % br)
    elif x < 0.55:
        if clear_of("dp", 0.8):
            emit("ovs-appctl revalidator/wait", 0.0, 0.6)
            emit("ovs-ofctl %sdump-flows %s" % ("-O OpenFlow13 " if "protocols" in nets[br] else "", br), 0.0, 0.15)
    elif x < 0.65:
        view("ovs-ofctl dump-ports %s" % br)
    elif x < 0.72:
        view("ovs-appctl dpctl/show", "dp")
    elif x < 0.85:
        h = r.choice([h for h in hosts if h["ifaces"][0][0] == br] or hosts)
        _, a, m, v = h["ifaces"][0]
        other = r.choice([i for o in hosts for i in o["ifaces"] if i[1] != a])
        if r.random() < 0.5:
            fl = "in_port=%s,dl_src=%s,dl_dst=ff:ff:ff:ff:ff:ff,arp,arp_spa=%s,arp_tpa=%s,arp_op=1" % (v, m, a, other[1])
        else:
            fl = "in_port=%s,dl_src=%s,dl_dst=%s,icmp,nw_src=%s,nw_dst=%s,nw_ttl=64" % (v, m, other[2], a, other[1])
        # from seed 61 on, a trace through ct() is a datapath view: its recirculation ids are those of the live
        # megaflows' frozen states (recirc_find_equal()), new ones once those expired (random-58's runs differed)
        view("ovs-appctl ofproto/trace %s %s" % (h["ifaces"][0][0], fl), "dp" if ct and seed >= 61 else "view")
    elif ct:
        view("ovs-appctl dpctl/dump-conntrack%s" % r.choice(["", " -m"]))
    else:
        view("ovs-appctl dpif/show", "dp")


def neigh_hand(h):
    """ip neigh add, change, replace, del and flush by hand, in a settled moment (the entry's existence decides File
    exists or No such file); an entry added REACHABLE stays so for reachable_time (60 to 180 s here)."""
    net, _, _, _ = h["ifaces"][0]
    others = [(i[1], i[2]) for o in hosts if o is not h for i in o["ifaces"] if i[0] == net]
    a, m = rh.choice(others + [("10.0.0.9" if net == "br0" else "10.0.1.9", "02:00:00:00:00:99")])
    if rh.random() < 0.2:
        m = "02:00:00:00:00:99"
    x = rh.random()
    if x < 0.35:
        line = "ip neigh %s %s lladdr %s dev eth0 nud %s" % (rh.choice(["add", "add", "replace"]), a, m,
                                                             rh.choice(["permanent", "reachable", "stale", "noarp"]))
    elif x < 0.55:
        line = "ip neigh change %s %sdev eth0 nud %s" % (a, rh.choice(["", "lladdr %s " % m]),
                                                         rh.choice(["reachable", "stale", "permanent", "noarp"]))
    elif x < 0.75:
        line = "ip neigh del %s dev eth0" % a
    else:
        line = "ip neigh flush %s" % rh.choice(["dev eth0 nud stale", "dev eth0 nud permanent", "nud reachable",
                                                "to %s" % a, "dev eth0 nud noarp"])
    view("%s %s" % (h["name"], line), "neigh")


def arp_hand(h):
    """net-tools' arp -s (PERMANENT, or REACHABLE with temp) and -d by hand, in a settled moment."""
    net, _, _, _ = h["ifaces"][0]
    others = [(i[1], i[2]) for o in hosts if o is not h for i in o["ifaces"] if i[0] == net]
    a, m = rt7.choice(others + [("10.0.0.9" if net == "br0" else "10.0.1.9", "02:00:00:00:00:99")])
    x = rt7.random()
    line = ("arp -s %s %s" % (a, m) if x < 0.4 else "arp -s %s %s temp" % (a, m) if x < 0.6
            else "arp -d %s" % a if x < 0.8 else "arp -i eth0 -d %s" % a)
    view("%s %s" % (h["name"], line), "neigh")


def route_get(h):
    own = [i[1] for i in h["ifaces"]]
    view("%s ip route get %s" % (h["name"], rt7.choice([a for a in addrs() if a not in own]
                                                       + ["10.0.0.77", "10.0.1.77", "10.9.9.9"])))


def neigh_view(h):
    if HAND and rh.random() < 0.4:
        view("%s %s" % (h["name"], rh.choice(["ip -s neigh", "ip -s neigh", "arp -an", "arp -n",
                                              "ip neigh show nud %s" % rh.choice(["reachable", "stale", "permanent",
                                                                                  "failed", "noarp"])])), "neigh")
        return
    if r.random() < 0.7:
        view("%s ip neigh" % h["name"], "neigh")
    else:
        view("%s ip neigh show %s" % (h["name"], r.choice([a for a in addrs() if a not in [i[1] for i in h["ifaces"]]])), "neigh")


# rounds: a few lines that change state or send, then a few views (each clear of the windows above)
senders = [(ping, 6), (arping, 3), (neigh_change, 1.2), (addr_add, 0.6), (link_bounce, 0.3), (sysctl_change, 0.7)]
viewers = [(neigh_view, 4), (ovs_view, 5)]
if WILD:
    senders = [(ping, 6), (arping, 3), (neigh_change, 2), (addr_add, 1.5), (link_bounce, 0.6), (sysctl_change, 1.5)]
    for h in rw.sample(hosts, rw.choice([1, 2])):
        addr_add(h)
if EXTRA:
    senders += [(mac_change, 0.6), (switch_change, 2.0)]
if WIDE:
    senders += [(trace, 6.0 if layout == "router" else 0.0), (sysctl_change, 1.0), (mac_change, 0.6)]
if HAND:
    senders += [(neigh_hand, 2.5)]
if TOOLS:
    senders += [(arp_hand, 1.5)]
    viewers += [(route_get, 1.0)]
if QUEUE:
    senders += [(flood, 2.5)]
if R21:
    senders += [(tools21, 2.0)]
    viewers += [(view21, 1.0)]
if proxy:  # the hosts reach the other subnet on-link, through r's proxy replies
    for h in hosts:
        if h["name"] != "r" and rh.random() < 0.7:
            other = "10.0.1.0/24" if h["ifaces"][0][0] == "br0" else "10.0.0.0/24"
            emit("%s ip route add %s dev eth0" % (h["name"], other), 0.0, 0.15)
while cmax[-1] < LIMIT - 10:
    for _ in range(r.choice([1, 1, 2, 3])):
        r.choices([f for f, _ in senders], [w for _, w in senders])[0](r.choice(hosts))
    if r.random() < 0.15:
        s = r.choice([1, 2, 6])
        emit("sleep %g" % s, s, s + 0.01)
    for _ in range(r.choice([2, 3, 4])):
        f = r.choices([f for f, _ in viewers], [w for _, w in viewers])[0]
        f() if f is ovs_view else f(r.choice(hosts))
# always end with a look at the datapath and the hosts' neighbours, when the clock allows it
LIMIT += 10
if not (EXTRA and "ovs-appctl dpctl/dump-flows" in lines[-2:]) and clear_of("dp", 0.8, 10.0):
    emit("ovs-appctl revalidator/wait", 0.0, 0.6)
    emit("ovs-appctl dpctl/dump-flows", 0.0, 0.15)
for h in hosts:
    view("%s ip neigh" % h["name"], "neigh")
while lines and lines[-1].startswith("sleep"):
    lines.pop()


# --- the lab file -----------------------------------------------------------------------------------------------------
def y(v):
    return '"%s"' % v if ":" in str(v) else str(v)


lab = ["# gen-netns.py %d: %s layout, %d hosts" % (seed, layout, len(hosts)), "networks:"]
for name in bridges:
    n = nets[name]
    lab += ["  %s:" % name, "    kind: ovs", "    subnet: %s" % n["subnet"], "    fail_mode: %s" % n["fail_mode"],
            "    hwaddr: %s" % n["hwaddr"]]
    if "protocols" in n:
        lab.append("    protocols: [%s]" % ", ".join(n["protocols"]))
    if "flows" in n:
        lab.append("    flows: %s" % n["flows"])
    if "ports" in n:
        lab.append("    ports:")
        for p, d in n["ports"].items():
            lab.append("      %s: {ofport: %d, type: patch, options: {peer: %s}}" % (p, d["ofport"], d["options"]["peer"]))
lab.append("hosts:")
for h in hosts:
    lab.append("  %s:" % h["name"])
    if h["gateway"]:
        lab.append("    gateway: %s" % h["gateway"])
    if h["sysctls"]:
        lab.append("    sysctls: {%s}" % ", ".join("%s: %s" % kv for kv in h["sysctls"].items()))
    lab.append("    interfaces:")
    for n, (net, a, m, v) in enumerate(h["ifaces"]):
        if WIDE:  # the MAC the host starts with: mac_change() replaced it (seeds below 101 wrote the changed one)
            m = h["mac0"][n]
        lab.append('      - {network: %s, address: %s, mac: "%s", veth: %s}' % (net, a, m, v))
open(os.path.join(out, "lab.yaml"), "w").write("\n".join(lab) + "\n")
open(os.path.join(out, "script.txt"), "w").write(
    "# gen-netns.py %d: %s layout, real duration %.1f to %.1f s\n" % (seed, layout, cmin[-1], cmax[-1])
    + "\n".join(lines) + "\n")
