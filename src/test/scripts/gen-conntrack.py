#!/usr/bin/env python3
"""Seeded random conntrack campaigns (lib/conntrack.c, conntrack-tcp.c, conntrack-icmp.c, conntrack-other.c) for the
differential test against the real OVS 3.1's userspace datapath.

Writes DIR/commands.in for record-conntrack.sh: br0 with dummy ports p1..p4 (tx_pcap): hosts A on p1 and C on p3
talk to B on p2, A's connections in zone ZA, C's in zone ZC (B's packets take the zone of their destination), p4
takes what no rule wants. Table 0 sends IP and IPv6 through ct(zone=Z,table=1[,nat]); table 1 matches ct_state
combinations (+new, +est, +rel, +inv, +rpl, -trk after ct_clear, ct_zone, ct_mark, ct_label) and marks the frame
with an Ethernet source per rule (so the state a packet had is in the pcaps and the megaflows), commits new
connections with exec(set_field mark/label) and sometimes nat(src=...), and table 3 outputs to the port reg0 names.
Packets: TCP handshakes and teardowns in right and wrong orders (hex frames with seq/ack: SYN retransmits, RST,
out-of-window segments, FIN/ACK, SYN to an established tuple, SYN-ACK or ACK of no connection), UDP both ways, ICMP
echo and reply, ICMP errors quoting an earlier packet (related) or none, their IPv6 counterparts; then
dpctl/dump-conntrack (plain, zone=N, -m), dpctl/dump-flows, ovs-ofctl dump-flows, dpctl/flush-conntrack (all, zone=N).
OVS's clock is stopped (time/stop): the timeouts of dump-conntrack -m are OVS's own. IP fragments are left out
(ipf's reassembly is not modelled).
With "more" (seeds recorded since; the older seeds' campaigns stay as they were): A's IPv6 connections SNAT'ed too
(nat(src=fd00::100), ICMPv6 errors quoting them), dpctl/flush-conntrack with a zone and tuples (a connection's
original 5-tuple, its reply one, partial tuples naming one connection, refused tuples), dpctl/ct-stats-show and the
TCP sequence checking switch. Left out, with OVS's reasons: ICMPv6 tuples and partial tuples that could name an
ICMPv6 connection (OVS 3.1 aborts in reverse_icmp_type()), partial tuples naming several connections (OVS flushes
them while walking a cmap that may shrink under it, skipping some by the hash order of a random basis).
With "more frags" as well: IP and IPv6 fragments from the clients meeting ct() (lib/ipf.c): too small, held in
their datagram's list (a first and a last one never making it whole: the reassembly is not modelled), overlapping
one held, with the family's handling off or the fragments held at the maximum, and the ipf-* commands.
With "more frags whole" as well: datagrams whose fragments make their list whole (UDP and ICMP echo, IPv4 and
IPv6, cut in two or three, sent in order, out of order or with one sent twice; from the clients, and from B to a
client or to A's SNAT address), reassembled and tracked in the last fragment's place, committed and NAT'ed as whole
packets are, and OVS's clock warped by 16 s at most twice (a list left incomplete then expires: its fragments go on
invalid with the next packet meeting ct()); other_config:max-idle is raised so that no datapath flow idles out.
With "orig" (any of the above): table 1 also matches the original tuple (ct_nw_src/dst, ct_ipv6_src/dst,
ct_nw_proto, ct_tp_src/dst, some masked, some refused or left out by OVS), reads it into registers with move and
learns from it.
  src/test/scripts/gen-conntrack.py SEED DIR [more [frags [whole]]] [orig]
"""
import os
import random
import struct
import sys

from inet import addr, csum

seed, out = int(sys.argv[1]), sys.argv[2]
MORE = "more" in sys.argv[3:]
FRAGS = MORE and "frags" in sys.argv[3:]
WHOLE = FRAGS and "whole" in sys.argv[3:]
ORIG = "orig" in sys.argv[3:]
r = random.Random(seed)
MAC = {1: "50:54:00:00:00:01", 2: "50:54:00:00:00:02", 3: "50:54:00:00:00:03"}
IP4 = {1: "10.0.0.1", 2: "10.0.0.2", 3: "10.0.0.3"}
IP6 = {1: "fd00::1", 2: "fd00::2", 3: "fd00::3"}
ZA, ZC = r.sample([0, 1, 5, 7, 100, 65535], 2)
MARK = r.choice([0x1, 0x5, 0xff, 0x12345678])
LABEL = r.choice([0x1, 0x10000, 0xabcd0000000000000000, 0x8000000000000000])
NAT = r.random() < 0.3  # A's new connections SNAT'ed to NAT_IP (IPv4 only)
NAT_IP = "10.0.0.100"
TABLE_COMMIT = r.random() < 0.5  # commit with ct(commit,table=2) (recirculation) or in line
COMMIT_C = r.random() < 0.6  # C's new connections committed too (else C's stay +new)
NAT6 = MORE and r.random() < 0.6  # A's new IPv6 connections SNAT'ed to NAT6_IP
NAT6_IP = "fd00::100"
CT_OF = "-O OpenFlow15 "
cmds = ["ovs-appctl time/stop"] + (["ovs-vsctl set Open_vSwitch . other_config:max-idle=3600000"] if WHOLE else [])
flows = []


def add(table, prio, match, actions):
    flows.append("table=%d,priority=%d%s,actions=%s" % (table, prio, "," + match if match else "", actions))


def src(n):
    return "mod_dl_src:02:00:00:00:00:%02x" % n


# 0: the destination port in reg0, the zone by the side
for ip, v6 in ((IP4, False), (IP6, True)):
    proto = "ipv6" if v6 else "ip"
    dst = "ipv6_dst" if v6 else "nw_dst"
    nat = ",nat" if (NAT6 if v6 else NAT) else ""
    add(0, 100, "%s,in_port=1" % proto, "load:0x2->NXM_NX_REG0[0..15],ct(zone=%d,table=1%s)" % (ZA, nat))
    add(0, 100, "%s,in_port=3" % proto, "load:0x2->NXM_NX_REG0[0..15],ct(zone=%d,table=1)" % ZC)
    add(0, 100, "%s,in_port=2,%s=%s" % (proto, dst, ip[1]),
        "load:0x1->NXM_NX_REG0[0..15],ct(zone=%d,table=1%s)" % (ZA, nat))
    add(0, 100, "%s,in_port=2,%s=%s" % (proto, dst, ip[3]), "load:0x3->NXM_NX_REG0[0..15],ct(zone=%d,table=1)" % ZC)
if NAT:
    add(0, 100, "ip,in_port=2,nw_dst=%s" % NAT_IP, "load:0x1->NXM_NX_REG0[0..15],ct(zone=%d,table=1,nat)" % ZA)
if NAT6:
    add(0, 100, "ipv6,in_port=2,ipv6_dst=%s" % NAT6_IP, "load:0x1->NXM_NX_REG0[0..15],ct(zone=%d,table=1,nat)" % ZA)
add(0, 0, "", "output:4")
# 1: the states
execs = ",".join(r.sample(["set_field:0x%x->ct_mark" % MARK, "set_field:0x%x->ct_label" % LABEL,
                           "load:0x%x->NXM_NX_CT_MARK[]" % MARK], r.choice([1, 2])))
cmark = r.randrange(1, 256)
for proto in ("ip", "ipv6"):  # check_CT(): ct(commit) and nat need an IP match
    nat = (",nat(src=%s)" % NAT_IP if NAT and proto == "ip"
           else ",nat(src=%s)" % NAT6_IP if NAT6 and proto == "ipv6" else "")
    commit = "ct(commit,zone=%d%s,exec(%s)%s)" % (ZA, ",table=2" if TABLE_COMMIT else "", execs, nat)
    add(1, 100, "ct_state=+new+trk,%s,in_port=1" % proto,
        commit + ("" if TABLE_COMMIT else "," + src(1) + ",resubmit(,3)"))
    if COMMIT_C:
        add(1, 100, "ct_state=+new+trk,%s,in_port=3" % proto,
            "ct(commit,zone=%d,exec(set_field:0x%x/0xff->ct_mark)),%s,resubmit(,3)" % (ZC, cmark, src(1)))
add(1, 90, "ct_state=+new+trk", src(0x11) + ",resubmit(,3)")
add(1, 100, "ct_state=+est+trk-rpl", src(2) + ",resubmit(,3)")
add(1, 100, "ct_state=+est+trk+rpl", src(3) + ",resubmit(,3)")
add(1, 100, "ct_state=+rel+trk", src(5) + ",resubmit(,3)")
add(1, r.choice([100, 110]), "ct_state=+inv+trk", r.choice(["output:4", "drop", src(4) + ",resubmit(,3)"]))
if r.random() < 0.7:
    add(1, 120, "ct_state=+est+trk,ct_mark=0x%x/0xff" % (MARK & 0xff), src(6) + ",resubmit(,3)")
if r.random() < 0.7:
    add(1, 121, "ct_state=+trk,ct_label=0x%x/0x%x" % (LABEL, LABEL), src(7) + ",resubmit(,3)")
if r.random() < 0.7:
    add(1, 115, "ct_state=+est+trk,ct_zone=%d" % ZC, src(8) + ",load:0x1->NXM_NX_REG1[],resubmit(,3)")
if r.random() < 0.7:  # ct_clear: the state is gone (-trk) for UDP to port 9
    add(1, 130, "udp,tp_dst=9", "ct_clear,resubmit(,4)")
    add(1, 130, "udp6,tp_dst=9", "ct_clear,resubmit(,4)")
if ORIG:  # the original tuple matched (ct_nw_src .. ct_tp_dst), read into registers, learned from
    for k in range(r.randrange(3, 7)):
        v6 = r.random() < 0.3
        ip = IP6 if v6 else IP4
        fam = "ipv6" if v6 else "ip"
        state = r.choice(["+est+trk", "+trk-inv", "+rpl+trk", "+new+trk", "+rel+trk", "-rpl+trk"])
        parts = [fam]
        if r.random() < 0.6:
            a = ip[r.choice([1, 2, 3])] if r.random() < 0.7 else (NAT6_IP if v6 else NAT_IP)
            if not v6 and r.random() < 0.3:
                a = a.rsplit(".", 1)[0] + ".0/" + r.choice(["24", "30", "255.255.255.252"])
            elif v6 and r.random() < 0.3:
                a = "fd00::/" + r.choice(["16", "64", "127"])
            parts.append("%s=%s" % (r.choice(["ct_ipv6_src", "ct_ipv6_dst"] if v6 else ["ct_nw_src", "ct_nw_dst"]), a))
        if r.random() < 0.6:
            parts.append("ct_nw_proto=%d" % r.choice([6, 17, 58 if v6 else 1]))
            if r.random() < 0.6:
                port = r.choice([80, 443, 22, 53, 123, 9999, 8])
                parts.append("%s=%s" % (r.choice(["ct_tp_src", "ct_tp_dst"]),
                                        port if r.random() < 0.7 else "0x%x/0xff00" % (port & 0xff00)))
        elif r.random() < 0.3:
            parts.append("ct_tp_dst=%d" % r.choice([80, 53]))  # no protocol: nx_put_raw() leaves it out
        act = r.choice([src(0x20 + k) + ",resubmit(,3)",
                        "move:NXM_NX_CT_TP_DST[]->NXM_NX_REG2[0..15],move:NXM_NX_CT_NW_PROTO[]->NXM_NX_REG2[16..23],"
                        + src(0x20 + k) + ",resubmit(,3)",
                        "learn(table=5,priority=5,eth_type=0x800,NXM_OF_IP_SRC[]=NXM_NX_CT_NW_SRC[],"
                        "load:NXM_NX_CT_TP_DST[]->NXM_NX_REG3[0..15])," + src(0x20 + k) + ",resubmit(,3)"
                        if not v6 else src(0x20 + k) + ",resubmit(,3)"])
        add(1, r.randrange(116, 140), "ct_state=%s,%s" % (state, ",".join(parts)), act)
add(1, 0, "", "output:4")
if TABLE_COMMIT:
    add(2, 100, "ct_state=+new+trk", src(9) + ",resubmit(,3)")
    add(2, 0, "", src(10) + ",resubmit(,3)")
add(3, 0, "", "output:NXM_NX_REG0[0..15]")
add(4, 100, "ct_state=-trk", src(0xf) + ",resubmit(,3)")
add(4, 0, "", "output:4")
for f in flows:
    cmds.append("ovs-ofctl %sadd-flow br0 '%s'" % (CT_OF, f))


def ip_packet(sa, da, proto, l4, ttl=64):
    """An IPv4 or IPv6 header (checksummed) in front of l4, whose checksum at CK is filled in here."""
    if ":" in sa:
        return struct.pack("!IHBB", 0x60000000, len(l4), proto, ttl) + addr(sa) + addr(da) + l4
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(l4), 1, 0x4000, ttl, proto, 0, addr(sa), addr(da))
    return h[:10] + struct.pack("!H", csum(h)) + h[12:] + l4


def l4sum(sa, da, proto, l4, at):
    if ":" in sa:
        ph = addr(sa) + addr(da) + struct.pack("!IxxxB", len(l4), proto)
    else:
        ph = addr(sa) + addr(da) + struct.pack("!BBH", 0, proto, len(l4))
    return l4[:at] + struct.pack("!H", csum(ph + l4)) + l4[at + 2:]


def tcp_seg(sa, da, sp, dp, seq, ack, flags, win=64240):
    t = struct.pack("!HHIIBBHHH", sp, dp, seq & 0xffffffff, ack & 0xffffffff, 5 << 4, flags, win, 0, 0)
    return l4sum(sa, da, 6, t, 16)


def udp_dgram(sa, da, sp, dp):
    u = struct.pack("!HHHH", sp, dp, 8, 0)
    return l4sum(sa, da, 17, u, 6)


def icmp_msg(sa, da, typ, code, rest, ident=0, seq=0):
    v6 = ":" in sa
    body = struct.pack("!BBHHH", typ, code, 0, ident, seq) + rest
    if v6:
        return l4sum(sa, da, 58, body, 2)
    return body[:2] + struct.pack("!H", csum(body)) + body[4:]


def frame(pf, pt, l3):
    v6 = l3[0] >> 4 == 6
    return (addr_mac(MAC[pt]) + addr_mac(MAC[pf]) + (b"\x86\xdd" if v6 else b"\x08\x00") + l3).hex()


def addr_mac(m):
    return bytes.fromhex(m.replace(":", ""))


def receive(port, hexframe):
    cmds.append("ovs-appctl netdev-dummy/receive p%d %s" % (port, hexframe))


SYN, FIN, RST, PSH, ACK = 2, 1, 4, 8, 16
HIST = []  # (from port, to port, ip packet) sent so far: what ICMP errors quote


def send(pf, pt, v6, proto, l4):
    """A packet from host pf to pt (B sends to A's SNAT address, if any)."""
    ips = IP6 if v6 else IP4
    sa, da = ips[pf], ips[pt]
    nat_ip = (NAT6_IP if NAT6 else None) if v6 else (NAT_IP if NAT else None)
    if nat_ip and pf == 2 and pt == 1:
        da = nat_ip
    pkt = ip_packet(sa, da, *l4(sa, da))
    # what B receives, an ICMP error's quote: A's packets SNAT'ed
    seen = ip_packet(nat_ip, da, *l4(nat_ip, da)) if nat_ip and pf == 1 else pkt
    HIST.append((pf, pt, seen))
    receive(pf, frame(pf, pt, pkt))


CONNS = []  # (v6, proto, client, sport, dport) of the TCP and UDP packets clients sent (tuples to flush)
ECHOS = []  # (client, id) of the ICMP echo requests clients sent


def tcp(pf, pt, v6, sp, dp, seq, ack, flags):
    if pf != 2:
        CONNS.append((v6, 6, pf, sp, dp))
    send(pf, pt, v6, 6, lambda sa, da: (6, tcp_seg(sa, da, sp, dp, seq, ack, flags)))


def udp(pf, pt, v6, sp, dp):
    if pf != 2:
        CONNS.append((v6, 17, pf, sp, dp))
    send(pf, pt, v6, 17, lambda sa, da: (17, udp_dgram(sa, da, sp, dp)))


def echo(pf, pt, v6, reply, ident, seq):
    if pf != 2 and not v6 and not reply:
        ECHOS.append((pf, ident))
    typ = (129 if reply else 128) if v6 else (0 if reply else 8)
    send(pf, pt, v6, 1, lambda sa, da: (58 if v6 else 1, icmp_msg(sa, da, typ, 0, b"abcdefgh", ident, seq)))


def error(pf, pt, v6, quoted):
    """An ICMP error from pf to pt quoting an IP packet (its header and 8 bytes; IPv6: the first 48 bytes)."""
    if v6:
        typ, code = r.choice([(1, 4), (3, 0)])
        send(pf, pt, v6, 58, lambda sa, da: (58, icmp_msg(sa, da, typ, code, quoted[:48])))
    else:
        typ, code = r.choice([(3, 3), (3, 1), (11, 0)])
        send(pf, pt, v6, 1, lambda sa, da: (1, icmp_msg(sa, da, typ, code, quoted[:28])))


def client():
    return r.choice([1, 1, 3])


def tcp_event():
    c, v6 = client(), r.random() < 0.3
    sp, dp = r.randrange(32768, 61000), r.choice([80, 443, 22])
    isn, rsn = r.randrange(1 << 32), r.randrange(1 << 32)
    k = r.randrange(8)
    if k == 0:  # handshake, data, FIN both ways
        tcp(c, 2, v6, sp, dp, isn, 0, SYN)
        tcp(2, c, v6, dp, sp, rsn, isn + 1, SYN | ACK)
        tcp(c, 2, v6, sp, dp, isn + 1, rsn + 1, ACK)
        tcp(c, 2, v6, sp, dp, isn + 1, rsn + 1, FIN | ACK)
        tcp(2, c, v6, dp, sp, rsn + 1, isn + 2, FIN | ACK)
        tcp(c, 2, v6, sp, dp, isn + 2, rsn + 2, ACK)
    elif k == 1:  # SYN retransmitted, then the handshake, then an RST
        tcp(c, 2, v6, sp, dp, isn, 0, SYN)
        tcp(c, 2, v6, sp, dp, isn, 0, SYN)
        tcp(2, c, v6, dp, sp, rsn, isn + 1, SYN | ACK)
        tcp(c, 2, v6, sp, dp, isn + 1, rsn + 1, ACK)
        if r.random() < 0.5:
            tcp(c, 2, v6, sp, dp, isn + 1, 0, RST)
        else:
            tcp(2, c, v6, dp, sp, rsn + 1, 0, RST)
    elif k == 2:  # SYN-ACK or ACK of no connection
        tcp(2, c, v6, dp, sp, rsn, isn + 1, r.choice([SYN | ACK, ACK, FIN | ACK, RST]))
    elif k == 3:  # handshake then an out-of-window segment
        tcp(c, 2, v6, sp, dp, isn, 0, SYN)
        tcp(2, c, v6, dp, sp, rsn, isn + 1, SYN | ACK)
        tcp(c, 2, v6, sp, dp, isn + 1, rsn + 1, ACK)
        off = r.choice([1 << 20, 1 << 30, -(1 << 20), 3 << 30])
        if r.random() < 0.5:
            tcp(c, 2, v6, sp, dp, isn + 1 + off, rsn + 1, ACK)
        else:
            tcp(2, c, v6, dp, sp, rsn + 1, isn + 1 + off, ACK)
    elif k == 4:  # SYN to an established tuple
        tcp(c, 2, v6, sp, dp, isn, 0, SYN)
        tcp(2, c, v6, dp, sp, rsn, isn + 1, SYN | ACK)
        tcp(c, 2, v6, sp, dp, isn + 1, rsn + 1, ACK)
        tcp(c, 2, v6, sp, dp, r.choice([isn, isn + 1000, r.randrange(1 << 32)]), 0, SYN)
    elif k == 5:  # the reply's SYN-ACK before the SYN, then the SYN
        tcp(2, c, v6, dp, sp, rsn, isn + 1, SYN | ACK)
        tcp(c, 2, v6, sp, dp, isn, 0, SYN)
        tcp(2, c, v6, dp, sp, rsn, isn + 1, SYN | ACK)
    elif k == 6:  # FIN without a handshake's end, then data both ways
        tcp(c, 2, v6, sp, dp, isn, 0, SYN)
        tcp(2, c, v6, dp, sp, rsn, isn + 1, SYN | ACK)
        tcp(c, 2, v6, sp, dp, isn + 1, rsn + 1, FIN | ACK)
        tcp(2, c, v6, dp, sp, rsn + 1, isn + 2, ACK)
        tcp(2, c, v6, dp, sp, rsn + 1, isn + 2, PSH | ACK)
    else:  # a lone SYN, a duplicate ACK later
        tcp(c, 2, v6, sp, dp, isn, 0, SYN)
        tcp(2, c, v6, dp, sp, rsn, isn + 1, SYN | ACK)
        tcp(c, 2, v6, sp, dp, isn + 1, rsn + 1, ACK)
        tcp(c, 2, v6, sp, dp, isn + 1, rsn + 1, ACK)
        tcp(2, c, v6, dp, sp, rsn + 1, isn + 1, r.choice([ACK, RST | ACK, RST]))


def tuple_text(v6, proto, sa, da, sp, dp):
    k = "ct_ipv6" if v6 else "ct_nw"
    t = ["%s_src=%s" % (k, sa), "%s_dst=%s" % (k, da), "ct_nw_proto=%d" % proto]
    if sp is not None:
        t.append("ct_tp_src=%d" % sp)
    if dp is not None:
        t.append("ct_tp_dst=%d" % dp)
    return ",".join(t)


BAD_TUPLES = ["'ct_tp_src=80'", "'ct_nw_src=10.0.0.1,ct_ipv6_dst=fd00::2'", "'ct_nw_proto=300'", "'foo=1'",
              "'ct_nw_src=10.0.0'", "'icmp_type=8'", "'ct_nw_src'", "'ct_nw_src=10.0.0.1,ct_nw_src=10.0.0.2'",
              "'ct_ipv6_src=fd00::g'", "'ct_nw_proto=6' 'ct_nw_src=10.0.0.1' 'x' 'y'", "zone=z",
              "'ct_nw_proto=6,ct_nw_proto=17' 'ct_tp_src=1'"]


def flush_event():
    """dpctl/flush-conntrack with tuples: a client's connection by its original or reply 5-tuple (looked up; by the
    reply tuple of a NAT'ed one refused), its reply tuple alone or its original addresses, protocol and source port
    (compared: one connection at most), an ICMP echo's 5-tuple, or a tuple OVS refuses."""
    zone = r.choice(["", "", "zone=%d " % ZA, "zone=%d " % ZC, "zone=0 "])
    how = r.randrange(6)
    if CONNS and how < 4:
        v6, proto, c, sp, dp = r.choice(CONNS)
        ips = IP6 if v6 else IP4
        nat_ip = ((NAT6_IP if NAT6 else None) if v6 else (NAT_IP if NAT else None)) if c == 1 else None
        sa, da = ips[c], ips[2]
        if how == 0:
            arg = "'%s'" % tuple_text(v6, proto, sa, da, sp, dp)
        elif how == 1:
            arg = "'%s'" % tuple_text(v6, proto, da, nat_ip or sa, dp, sp)
        elif how == 2:
            arg = "'' '%s'" % tuple_text(v6, proto, da, nat_ip or sa, dp, sp)
        else:
            arg = "'%s'" % tuple_text(v6, proto, sa, da, sp, None)
    elif ECHOS and how == 4:
        c, ident = r.choice(ECHOS)
        arg = "'ct_nw_src=%s,ct_nw_dst=%s,ct_nw_proto=1,icmp_type=8,icmp_code=0,icmp_id=%d'" % (IP4[c], IP4[2], ident)
    else:
        arg = r.choice(BAD_TUPLES)
    cmds.append("ovs-appctl dpctl/flush-conntrack %s%s" % (zone, arg))


FRAGS_SENT = []  # (client, v6, id, offset) of the last fragments sent (to send again: overlapping)


def fragment(c, v6, ident, off, more, size):
    """A fragment from client c to B of a UDP datagram: size bytes after the IP (and fragment) header at byte
    offset off (a multiple of 8), the first one starting with the UDP header."""
    ips = IP6 if v6 else IP4
    payload = bytes((i * 7 + ident) & 0xff for i in range(size))
    if off == 0:
        payload = struct.pack("!HHHH", r.randrange(1024, 65536), 53, 2000, 0) + payload[8:]
    if v6:
        fh = struct.pack("!BBHI", 17, 0, off | (1 if more else 0), ident)
        l3 = struct.pack("!IHBB", 0x60000000, 8 + size, 44, 64) + addr(ips[c]) + addr(ips[2]) + fh + payload
    else:
        h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + size, ident, (0x2000 if more else 0) | off // 8, 64, 17, 0,
                        addr(ips[c]), addr(ips[2]))
        l3 = h[:10] + struct.pack("!H", csum(h)) + h[12:] + payload
    receive(c, frame(c, 2, l3))


WARPS = [0]  # time/warp commands so far (the ipf clean thread would purge lists past 60 s)


def whole_datagram():
    """A UDP datagram or ICMP echo (request from a client, or reply to one) cut in two or three fragments of at least
    1304 bytes of data, sent in order, out of order, or with one sent twice (overlapped)."""
    c, v6 = client(), r.random() < 0.4
    pf, pt = (c, 2) if r.random() < 0.7 else (2, c)
    ips = IP6 if v6 else IP4
    sa, da = ips[pf], ips[pt]
    nat_ip = (NAT6_IP if NAT6 else None) if v6 else (NAT_IP if NAT else None)
    if nat_ip and pf == 2 and pt == 1:
        da = nat_ip
    ident = r.randrange(1, 1 << 16)
    n = r.choice([2, 2, 3])
    size = 1304 * (n - 1) + 8 * r.randrange(2, 100)
    body = bytes((i * 11 + ident) & 0xff for i in range(size - 8))
    if r.random() < 0.7:
        sp, dp = (r.randrange(1024, 65536), r.choice([53, 123, 9999])) if pf != 2 else (r.choice([53, 123]),
                                                                                      r.randrange(1024, 65536))
        proto, l4 = 17, udp_payload(sa, da, sp, dp, body)
    else:
        typ = (129 if pf == 2 else 128) if v6 else (0 if pf == 2 else 8)
        proto, l4 = (58 if v6 else 1), icmp_msg(sa, da, typ, 0, body[4:], ident & 0xffff, r.randrange(1, 10))
    cuts = [0] + [1304 * i for i in range(1, n)] + [len(l4)]
    order = list(range(n))
    how = r.randrange(3)
    if how == 1:
        r.shuffle(order)
    elif how == 2:
        order.insert(r.randrange(len(order) + 1), r.randrange(n))
    for i in order:
        frag_of(pf, pt, sa, da, v6, ident, proto, l4[cuts[i]:cuts[i + 1]], cuts[i], i < n - 1)


def udp_payload(sa, da, sp, dp, body):
    u = struct.pack("!HHHH", sp, dp, 8 + len(body), 0) + body
    u = l4sum(sa, da, 17, u, 6)
    return u if u[6:8] != b"\0\0" else u[:6] + b"\xff\xff" + u[8:]


def frag_of(pf, pt, sa, da, v6, ident, proto, data, off, more):
    if v6:
        fh = struct.pack("!BBHI", proto, 0, off | (1 if more else 0), ident)
        l3 = struct.pack("!IHBB", 0x60000000, 8 + len(data), 44, 64) + addr(sa) + addr(da) + fh + data
    else:
        h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(data), ident, (0x2000 if more else 0) | off // 8, 64,
                        proto, 0, addr(sa), addr(da))
        l3 = h[:10] + struct.pack("!H", csum(h)) + h[12:] + data
    receive(pf, frame(pf, pt, l3))


def frag_event():
    """Fragments meeting ct(): too small (not the last, under the minimum size), a last one (held), a large first one
    (held; its datagram's last one, if sent, leaves a gap), one overlapping a held one, or an ipf-* command; with
    "whole", datagrams whose fragments make their list whole, and OVS's clock warped."""
    c, v6 = client(), r.random() < 0.4
    k = r.randrange(11 if WHOLE else 7)
    if k >= 7:
        if k == 10 and WARPS[0] < 2:
            WARPS[0] += 1
            cmds.append("ovs-appctl time/warp 16000")
        elif k == 10:
            cmds.append("ovs-appctl dpctl/ipf-get-status -m")
        else:
            whole_datagram()
        return
    if k == 0:
        fragment(c, v6, r.randrange(1, 65536), r.choice([0, 8 * r.randrange(1, 100)]), True, r.randrange(16, 600))
    elif k == 1:
        ident, off = r.randrange(1, 65536), 8 * r.randrange(200, 400)
        fragment(c, v6, ident, off, False, r.randrange(16, 200))
        FRAGS_SENT.append((c, v6, ident, off))
    elif k == 2:
        ident = r.randrange(1, 65536)
        fragment(c, v6, ident, 0, True, 1304)
        if r.random() < 0.5:
            off = 8 * r.randrange(200, 400)
            fragment(c, v6, ident, off, False, r.randrange(16, 200))
            FRAGS_SENT.append((c, v6, ident, off))
    elif k == 3 and FRAGS_SENT:
        c, v6, ident, off = r.choice(FRAGS_SENT)
        fragment(c, v6, ident, off, False, r.randrange(16, 200))
    elif k == 4:
        cmds.append("ovs-appctl dpctl/ipf-set-%s %s" % (r.choice(["enabled", "disabled"]), r.choice(["v4", "v6"])))
    elif k == 5:
        cmds.append(r.choice(["ovs-appctl dpctl/ipf-set-max-nfrags %d" % r.choice([1, 2, 3, 1000, 5001]),
                              "ovs-appctl dpctl/ipf-set-min-frag %s %d" % (r.choice(["v4", "v6"]),
                                                                          r.choice([300, 400, 1000, 1500]))]))
    else:
        cmds.append("ovs-appctl dpctl/ipf-get-status")


def more_event(k):
    if k >= 17:
        frag_event()
        return
    if k <= 14:
        flush_event()
    elif k == 15:
        cmds.append("ovs-appctl dpctl/ct-stats-show" + r.choice(["", " -m", " zone=%d" % ZA, " zone=%d" % ZC,
                                                                 " verbose zone=%d" % r.choice([ZA, ZC])]))
    else:  # the TCP sequence checking switch: out-of-window segments pass while it is off
        cmds.append("ovs-appctl dpctl/" + r.choice(["ct-disable-tcp-seq-chk", "ct-disable-tcp-seq-chk",
                                                    "ct-enable-tcp-seq-chk", "ct-get-tcp-seq-chk"]))


def event():
    k = r.randrange(24 if WHOLE else 20 if FRAGS else 17 if MORE else 12)
    if k >= 12:
        more_event(k)
        return
    c, v6 = client(), r.random() < 0.3
    if k < 4:
        tcp_event()
    elif k in (4, 5):  # UDP one way, both ways, or the reply first
        sp, dp = r.randrange(1024, 65536), r.choice([53, 123, 9, 9999])
        how = r.randrange(3)
        if how == 2:
            udp(2, c, v6, dp, sp)
        udp(c, 2, v6, sp, dp)
        if how >= 1:
            udp(2, c, v6, dp, sp)
            if r.random() < 0.5:
                udp(c, 2, v6, sp, dp)
    elif k == 6:  # ICMP echo and reply, or the reply alone
        ident, seq = r.randrange(1, 65536), r.randrange(1, 10)
        if r.random() < 0.8:
            echo(c, 2, v6, False, ident, seq)
        echo(2, c, v6, True, ident, seq)
        if r.random() < 0.3:
            echo(c, 2, v6, False, ident, seq + 1)
    elif k in (7, 8):  # an ICMP error quoting an earlier packet (related) or a made-up one
        earlier = [h for h in HIST if h[0] != 2 and (len(h[2]) and (h[2][0] >> 4 == 6) == v6)]
        if earlier and r.random() < 0.8:
            pf, pt, pkt = r.choice(earlier)
            error(2, pf, v6, pkt)
        else:
            sp = r.randrange(1024, 65536)
            ips = IP6 if v6 else IP4
            fake = ip_packet(ips[c], ips[2], 17, udp_dgram(ips[c], ips[2], sp, 53))
            error(2, c, v6, fake)
    elif k == 9:
        cmds.append(r.choice(["ovs-appctl dpctl/dump-conntrack", "ovs-appctl dpctl/dump-conntrack -m",
                              "ovs-appctl dpctl/dump-conntrack zone=%d" % r.choice([ZA, ZC]),
                              "ovs-appctl dpctl/dump-flows"]))
    elif k == 10:
        cmds.append(r.choice(["ovs-appctl dpctl/flush-conntrack zone=%d" % r.choice([ZA, ZC]),
                              "ovs-appctl dpctl/flush-conntrack", "ovs-appctl dpctl/dump-conntrack zone=%d" % ZC]))
    else:  # UDP to port 9 (ct_clear), or ARP
        udp(c, 2, v6, r.randrange(1024, 65536), 9)


for _ in range(r.choice([10, 14, 18])):
    event()
cmds.append("ovs-appctl dpctl/dump-conntrack")
cmds.append("ovs-appctl dpctl/dump-conntrack -m")
cmds.append("ovs-appctl dpctl/dump-conntrack zone=%d" % ZA)
cmds.append("ovs-appctl dpctl/dump-flows")
cmds.append("ovs-appctl revalidator/wait")
cmds.append("ovs-ofctl dump-flows br0")
cmds.append("ovs-appctl dpctl/del-flows")
for _ in range(r.choice([6, 10])):
    event()
cmds.append("ovs-appctl dpctl/dump-conntrack -m")
if MORE:
    cmds.append("ovs-appctl dpctl/ct-stats-show -m")
if FRAGS:
    cmds.append("ovs-appctl dpctl/ipf-get-status")
cmds.append("ovs-appctl dpctl/dump-flows")
if ORIG:
    cmds.append("ovs-ofctl dump-flows br0 table=1")
    cmds.append("ovs-ofctl dump-flows br0 table=5")
cmds.append("ovs-appctl dpctl/flush-conntrack zone=%d" % r.choice([ZA, ZC]))
cmds.append("ovs-appctl dpctl/dump-conntrack")

os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "commands.in"), "w") as f:
    f.write("# gen-conntrack.py %d%s: br0 with dummy ports p1..p4, zones %d (A, p1) and %d (C, p3)%s%s\n" % (
        seed, (" more frags whole" if WHOLE else " more frags" if FRAGS else " more" if MORE else "")
        + (" orig" if ORIG else ""), ZA, ZC, ", A SNAT'ed to " + NAT_IP if NAT else "",
        ", A's IPv6 SNAT'ed to " + NAT6_IP if NAT6 else ""))
    f.write("\n".join(cmds) + "\n")
