#!/usr/bin/env python3
"""Seeded random flows for the differential campaign against the real OVS 3.1.

Writes one flow per line (the format record-flows.sh reads): random combinations of the matches of ovs-fields(7)
(masks, missing prerequisites, repeated fields, values wider than the field) and of the actions of ovs-actions(7).
  src/test/scripts/gen-flows.py SEED COUNT [v6] > src/test/resources/refdata/ovs/differential/random-SEED.in
With "v6", IPv6, ICMPv6/ND, SCTP and MPLS fields and set_fields weigh heavily (the same seed without it gives the
same flows as before). With "flags", each flow also gets a random set of the flow_mod's own words: flags
(send_flow_rem, check_overlap, reset_counts, no_packet_counts, no_byte_counts), timeouts, importance and cookies,
masked ones included (which an add refuses). With "insts", each flow's actions and instructions come in OpenFlow
1.1's instruction order (meter, apply_actions, clear_actions, write_actions, write_metadata, goto_table), half of
them ending in write_metadata and goto_table, which OpenFlow 1.0 carries as actions that then decode out of order.
With "wide", half the fields and actions come from what the other modes leave out: xxreg, actset_output, eth_type,
tun_flags/tun_tos/tun_ttl, nd_reserved/nd_options_type (not packet_type, which arplab does not parse); ct() with nat ranges and flags, zones from
fields and helpers, multipath and bundle with every algorithm and hash field, bundle_load, learn's other specs,
controller's properties, sample's sampling_port and direction, enqueue's other syntax, the MPLS set actions,
check_pkt_larger, resubmit with ct, output to a field's subrange. With "clone", actions are often clone(...) of 0-3
actions (nested clones, ct() with its flags and nat, instructions that may not nest there, meter, nat outside ct()).
With "ptype", a third of the fields are packet_type=(NS,TYPE): Ethernet, L3 types of IPv4, IPv6, ARP and others,
other namespaces, and the keyword's bad syntax.
"""
import random
import sys

seed, count = int(sys.argv[1]), int(sys.argv[2])
v6 = len(sys.argv) > 3 and sys.argv[3] == "v6"
flags = len(sys.argv) > 3 and sys.argv[3] == "flags"
insts = len(sys.argv) > 3 and sys.argv[3] == "insts"  # actions in instruction order: write_metadata, goto_table
wide = len(sys.argv) > 3 and sys.argv[3] == "wide"  # the syntax of ovs-fields(7)/ovs-actions(7) the others leave out
clone = len(sys.argv) > 3 and sys.argv[3] == "clone"  # actions nested in clone(...)
ptype = len(sys.argv) > 3 and sys.argv[3] == "ptype"  # packet_type=(NS,TYPE) among the fields
r = random.Random(seed)


def mac():
    return ":".join("%02x" % r.choice([0, 1, 0x0a, 0x55, 0xaa, 0xff, r.randrange(256)]) for _ in range(6))


def ip():
    return ".".join(str(r.choice([0, 1, 10, 192, 255, r.randrange(256)])) for _ in range(4))


def masked_ip():
    k = r.randrange(4)
    if k == 0:
        return ip()
    if k == 1:
        return "%s/%d" % (ip(), r.choice([0, 8, 16, 24, 31, 32, r.randrange(33)]))
    if k == 2:
        return "%s/%s" % (ip(), r.choice(["255.255.255.0", "255.0.255.0", "0.0.0.0", "255.255.255.255", ip()]))
    return ip()


def hexnum(bits):
    v = r.choice([0, 1, r.randrange(1 << bits), (1 << bits) - 1, r.randrange(1 << min(bits + 4, 64))])
    return r.choice(["0x%x" % v, str(v)])


def masked(bits):
    if r.random() < 0.5:
        return hexnum(bits)
    return "%s/%s" % (hexnum(bits), hexnum(bits))


def reg():
    return "reg%d" % r.randrange(16)


PROTOS = ["ip", "tcp", "udp", "icmp", "arp", "sctp", "ipv6", "tcp6", "udp6", "icmp6", "rarp", "mpls", ""]

# (name, value generator, protocols it needs)
FIELDS = [
    ("in_port", lambda: r.choice(["1", "2", "LOCAL", "65534", "65535", "0", "7", "IN_PORT", "NONE", "ANY"]), None),
    ("dl_src", lambda: r.choice([mac(), mac() + "/" + mac(), mac() + "/01:00:00:00:00:00"]), None),
    ("dl_dst", lambda: r.choice([mac(), mac() + "/" + mac(), mac() + "/fe:ff:ff:ff:ff:ff"]), None),
    ("eth_src", lambda: mac(), None),
    ("eth_dst", lambda: mac(), None),
    ("dl_type", lambda: r.choice(["0x0800", "0x0806", "0x86dd", "0x8847", "0x1234", "2048"]), None),
    ("dl_vlan", lambda: r.choice(["0", "1", "100", "4095", "4096", "0xffff"]), None),
    ("dl_vlan_pcp", lambda: r.choice(["0", "3", "7", "8"]), None),
    ("vlan_tci", lambda: r.choice(["0", "0x1064", "0x1000/0x1000", "0x0000/0x1fff", "0xf123/0xffff"]), None),
    ("vlan_vid", lambda: r.choice(["0", "100", "0x1064", "4196", "0x1000/0x1000", "5000"]), None),
    ("vlan_pcp", lambda: r.choice(["0", "5", "7", "9"]), None),
    ("nw_src", masked_ip, "ip"),
    ("nw_dst", masked_ip, "ip"),
    ("ip_src", masked_ip, "ip"),
    ("ip_dst", masked_ip, "ip"),
    ("nw_proto", lambda: r.choice(["1", "6", "17", "47", "132", "255", "256"]), "ip"),
    ("ip_proto", lambda: r.choice(["6", "17"]), "ip"),
    ("nw_tos", lambda: r.choice(["0", "4", "16", "252", "3", "255", "256"]), "ip"),
    ("ip_dscp", lambda: r.choice(["0", "10", "46", "63", "64"]), "ip"),
    ("nw_ecn", lambda: r.choice(["0", "1", "3", "4"]), "ip"),
    ("ip_ecn", lambda: r.choice(["2"]), "ip"),
    ("nw_ttl", lambda: r.choice(["0", "1", "64", "255", "256"]), "ip"),
    ("nw_frag", lambda: r.choice(["no", "yes", "first", "later", "not_later", "maybe"]), "ip"),
    ("ip_frag", lambda: r.choice(["no", "later"]), "ip"),
    ("tp_src", lambda: r.choice(["0", "80", "65535", "0x1000/0xf000", "65536", "0x8000/0x8000"]), "l4"),
    ("tp_dst", lambda: r.choice(["53", "443", "0x0/0xff00", "1024/0xfc00"]), "l4"),
    ("tcp_src", lambda: r.choice(["80", "0x50/0xfff0"]), "tcp"),
    ("tcp_dst", lambda: r.choice(["22", "8080"]), "tcp"),
    ("udp_src", lambda: r.choice(["68", "0x44/0xffff"]), "udp"),
    ("udp_dst", lambda: r.choice(["67", "4789"]), "udp"),
    ("tcp_flags", lambda: r.choice(["+syn", "+syn-ack", "0x002", "0x012/0x0ff", "-rst+fin", "+syn+ack+fin", "0x1000"]), "tcp"),
    ("icmp_type", lambda: r.choice(["0", "8", "3", "255", "256"]), "icmp"),
    ("icmp_code", lambda: r.choice(["0", "1", "13"]), "icmp"),
    ("arp_op", lambda: r.choice(["1", "2", "3", "0x100", "70000"]), "arp"),
    ("arp_spa", masked_ip, "arp"),
    ("arp_tpa", masked_ip, "arp"),
    ("arp_sha", lambda: r.choice([mac(), mac() + "/ff:ff:ff:00:00:00"]), "arp"),
    ("arp_tha", lambda: mac(), "arp"),
    ("metadata", lambda: masked(64), None),
    ("pkt_mark", lambda: masked(32), None),
    ("tun_id", lambda: masked(64), None),
    ("tunnel_id", lambda: hexnum(32), None),
    ("tun_src", masked_ip, None),
    ("tun_dst", masked_ip, None),
    ("ct_state", lambda: r.choice(["+trk", "-trk", "+new+trk", "+est+trk", "-new+est+trk", "+inv+trk", "+rpl+trk",
                                    "+rel", "0x21/0x21", "+dnat", "+snat+trk", "+trk-est"]), None),
    ("ct_mark", lambda: masked(32), None),
    ("ct_zone", lambda: r.choice(["0", "1", "65520", "0xfff0", "65536"]), None),
    ("ct_label", lambda: r.choice(["0x1", "0x1/0x1", "0x10000000000000000", "0xffff/0xff00"]), None),
    ("recirc_id", lambda: r.choice(["0", "1", "0x10"]), None),
    ("dp_hash", lambda: masked(32), None),
    ("conj_id", lambda: r.choice(["1", "0x10", "4294967295", "4294967296", "5/0xff", "-1"]), None),
    ("reg", lambda: masked(32), None),
    ("xreg", lambda: masked(64), None),
    ("ipv6_src", lambda: r.choice(["::1", "fe80::1", "2001:db8::/32", "2001:db8::1/64"]), "ipv6"),
    ("ipv6_dst", lambda: r.choice(["ff02::1", "2001:db8::2"]), "ipv6"),
    ("ipv6_label", lambda: r.choice(["0x12345", "1"]), "ipv6"),
    ("mpls_label", lambda: r.choice(["0", "100", "1048576"]), "mpls"),
    ("sctp_src", lambda: r.choice(["1", "2905"]), "sctp"),
]


def ip6():
    return r.choice(["::", "::1", "fe80::1", "2001:db8::1", "2001:db8:0:0:1::", "ff02::1:ff00:1", "::ffff:10.0.0.1",
                     "1:0:0:2:0:0:0:3", "fe80::%x:%x" % (r.randrange(1 << 16), r.randrange(1 << 16)),
                     "%x:%x::%x" % (r.randrange(1 << 16), r.randrange(1 << 16), r.randrange(1 << 16))])


def masked_ip6():
    k = r.randrange(5)
    if k == 0:
        return "%s/%d" % (ip6(), r.choice([0, 1, 10, 48, 63, 64, 65, 96, 127, 128, r.randrange(130)]))
    if k == 1:
        return "%s/%s" % (ip6(), r.choice(["ffff:ffff::", "ffff::ffff", "::ffff", "::", ip6()]))
    if k == 2:
        return r.choice(["1.2.3.4", "2001:db8::g", "::1/1::", "::1/abc", "1:2:3:4:5:6:7:8:9", "::1/-1", "*"])
    return ip6()


if v6:
    FIELDS += [
        ("ipv6_src", masked_ip6, "ipv6"), ("ipv6_dst", masked_ip6, "ipv6"), ("ipv6_src", masked_ip6, "ipv6"),
        ("ipv6_dst", masked_ip6, "ipv6"),
        ("ipv6_label", lambda: r.choice(["0x12345", "1", "0xfffff", "0x100000", "0x1/0xf", "0x12345/0xfffff",
                                         "0x5/0xffffffff", "0x100000000"]), "ipv6"),
        ("nw_tos", lambda: r.choice(["0", "4", "252", "3"]), "ipv6"), ("nw_ttl", lambda: r.choice(["1", "255"]), "ipv6"),
        ("ip_dscp", lambda: r.choice(["10", "63"]), "ipv6"), ("nw_ecn", lambda: r.choice(["1", "3"]), "ipv6"),
        ("nw_frag", lambda: r.choice(["no", "yes", "first", "later", "not_later"]), "ipv6"),
        ("nw_proto", lambda: r.choice(["6", "17", "58", "132", "47"]), "ipv6"),
        ("tp_src", lambda: r.choice(["80", "0x1000/0xf000", "65535"]), "l4v6"),
        ("tp_dst", lambda: r.choice(["443", "0x0/0xff00"]), "l4v6"),
        ("tcp_flags", lambda: r.choice(["+syn", "+syn-ack", "0x012/0x0ff"]), "tcp6"),
        ("udp_dst", lambda: r.choice(["53", "546"]), "udp6"), ("tcp_src", lambda: "22", "tcp6"),
        ("sctp_src", lambda: r.choice(["1", "2905", "0x10/0xfff0", "65536"]), "sctp"),
        ("sctp_dst", lambda: r.choice(["2", "36412"]), "sctp6"),
        ("icmp_type", lambda: r.choice(["128", "129", "133", "134", "135", "136", "256"]), "icmp6"),
        ("icmp_code", lambda: r.choice(["0", "1"]), "icmp6"),
        ("icmpv6_type", lambda: r.choice(["135", "136", "1"]), "icmp6"),
        ("icmpv6_code", lambda: r.choice(["0", "4"]), "icmp6"),
        ("nd_target", masked_ip6, "nd"), ("nd_target", lambda: ip6(), "nd"),
        ("nd_sll", lambda: r.choice([mac(), mac() + "/ff:ff:ff:00:00:00"]), "nd"),
        ("nd_tll", lambda: mac(), "nd"),
        ("mpls_label", lambda: r.choice(["0", "5", "1048575", "1048576", "5/0xf"]), "mpls"),
        ("mpls_tc", lambda: r.choice(["0", "3", "7", "8"]), "mpls"),
        ("mpls_bos", lambda: r.choice(["0", "1", "2"]), "mpls"),
        ("mpls_ttl", lambda: r.choice(["0", "64", "255", "256"]), "mpls"),
    ]
    PROTOS += ["ipv6", "tcp6", "udp6", "icmp6", "sctp6", "sctp", "mplsm", "ip6"]


WIDE_FIELDS = [
    ("xxreg", lambda: r.choice(["0x1", "0x1/0x1", "0x%x" % r.randrange(1 << 128), "0x%x/0x%x" % (
        r.randrange(1 << 128), r.randrange(1 << 128)), "0xffffffffffffffffffffffffffffffff",
        "0x100000000000000000000000000000000"]), None),
    ("actset_output", lambda: r.choice(["1", "LOCAL", "65535", "CONTROLLER", "4294967294", "70000", "0x5"]), None),
    ("eth_type", lambda: r.choice(["0x0800", "0x86dd", "0x0806", "0x8847", "0x88cc", "0x8100"]), None),
    ("tun_flags", lambda: r.choice(["+oam", "-oam", "oam", "0x1/0x1", "0/0x1", "1", "+df", "+csum"]), None),
    ("tun_tos", lambda: r.choice(["0", "4", "255", "256", "0x10/0xf0"]), None),
    ("tun_ttl", lambda: r.choice(["0", "64", "255", "256"]), None),
    ("nd_reserved", lambda: r.choice(["0", "0x80000000", "0x20000000/0xe0000000"]), "nd"),
    ("nd_options_type", lambda: r.choice(["1", "2", "255", "256"]), "nd"),
    ("in_port", lambda: r.choice(["65279", "65280", "4294967294", "4294967040", "0xfffe", "p1"]), None),
    ("dl_type", lambda: r.choice(["0x88cc", "0x8100", "0x600", "0x5ff", "0"]), None),
    ("icmpv6_type", lambda: r.choice(["135", "136", "128"]), "icmp6"),
    ("icmpv6_code", lambda: r.choice(["0", "1"]), "icmp6"),
]


def field():
    if ptype and r.random() < 0.33:
        return "packet_type=%s" % r.choice(
            ["(0,0)", "(0,0)", "(1,0x800)", "(1,0x800)", "(1,0x86dd)", "(1,0x806)", "(1,0x8847)", "(0,0x800)",
             "(2,5)", "(0x1,0x0800)", "(1,2048)", "(1,9)", "(1,10)", "(1)", "(1,0x800,3)", "0", "(65536,1)",
             "(1,0x10000)", "(1,abc)", "", "(1,0x800)/0"]), None
    if wide and r.random() < 0.5:
        name, gen, need = r.choice(WIDE_FIELDS)
        if name == "xxreg":
            return "xxreg%d=%s" % (r.randrange(4), gen()), need
        return "%s=%s" % (name, gen()), need
    name, gen, need = r.choice(FIELDS)
    if name == "reg":
        return "%s=%s" % (reg(), gen()), need
    if name == "xreg":
        return "xreg%d=%s" % (r.randrange(8), gen()), need
    return "%s=%s" % (name, gen()), need


def proto_for(need):
    if wide and need in ("nd", "icmp6"):
        return r.choice(["icmp6,icmp_type=135", "icmp6,icmp_type=136,icmp_code=0", "icmp6", "ipv6"])
    if v6 and need in ("ipv6", "l4v6", "tcp6", "udp6", "sctp6", "icmp6", "nd"):
        return {"ipv6": r.choice(["ipv6", "tcp6", "udp6", "icmp6", "sctp6", "ip6"]),
                "l4v6": r.choice(["tcp6", "udp6", "sctp6", "icmp6"]), "nd": r.choice(["icmp6,icmp_type=135",
                "icmp6,icmp_type=136", "icmp6,icmp_type=135,icmp_code=0", "icmp6,icmp_type=136,icmp_code=1",
                "icmp6"])}.get(need, need)
    return {"ip": r.choice(["ip", "tcp", "udp", "icmp"]), "l4": r.choice(["tcp", "udp", "sctp"]),
            "tcp": "tcp", "udp": "udp", "icmp": "icmp", "arp": "arp", "ipv6": "ipv6", "mpls": "mpls",
            "sctp": "sctp"}.get(need, "")


def match():
    parts = []
    fields = [field() for _ in range(r.choice([0, 1, 1, 2, 2, 3, 4]))]
    proto = ""
    if fields and r.random() < 0.8:
        proto = proto_for(fields[0][1])  # usually the first field's prerequisite, sometimes none (a missing one)
    elif r.random() < 0.3:
        proto = r.choice(PROTOS)
    if proto:
        parts.append(proto)
    parts += [f for f, _ in fields]
    if r.random() < 0.1 and fields:
        parts.append(fields[0][0])  # a repeated field
    r.shuffle(parts)
    head = []
    if r.random() < 0.3:
        head.append("table=%d" % r.choice([0, 1, 10, 254, 255]))
    if r.random() < 0.5:
        head.append("priority=%d" % r.choice([0, 1, 100, 32768, 65535]))
    if r.random() < 0.15:
        head.append("cookie=0x%x" % r.choice([1, 0x1020000000000, r.randrange(1 << 64)]))
    if r.random() < 0.1:
        head.append(r.choice(["idle_timeout=10", "hard_timeout=60", "send_flow_rem", "check_overlap", "reset_counts",
                              "no_packet_counts", "no_byte_counts", "importance=3"]))
    if flags:
        head += flow_mod_words()
        r.shuffle(head)
    return ",".join(head + parts)


def flow_mod_words():
    words = r.sample(["send_flow_rem", "check_overlap", "reset_counts", "no_packet_counts", "no_byte_counts"],
                     r.choice([0, 1, 1, 2, 3]))
    if r.random() < 0.4:
        words.append("idle_timeout=%d" % r.choice([0, 1, 10, 65535, 65536]))
    if r.random() < 0.4:
        words.append("hard_timeout=%d" % r.choice([0, 5, 60, 65535]))
    if r.random() < 0.4:
        words.append("importance=%d" % r.choice([0, 1, 7, 65535, 65536]))
    if r.random() < 0.3:
        words.append("cookie=%s" % r.choice(["0x1", "0xffffffffffffffff", "0x%x" % r.randrange(1 << 64),
                                             "0x1/0xff", "0x10/0xf0", "0x5/-1"]))
    return words


SUBFIELD_SRC = ["NXM_OF_ETH_SRC[]", "NXM_OF_ETH_DST[0..15]", "NXM_NX_REG0[]", "NXM_NX_REG1[0..15]", "NXM_NX_REG2[16..31]",
                "NXM_OF_IP_SRC[]", "NXM_OF_IN_PORT[]", "NXM_NX_TUN_ID[0..31]", "NXM_OF_VLAN_TCI[0..11]",
                "OXM_OF_METADATA[0..31]", "NXM_NX_CT_MARK[]", "NXM_OF_TCP_SRC[]", "NXM_NX_ARP_SHA[]", "reg3[8..15]",
                "eth_type[]", "NXM_NX_PKT_MARK[]", "NXM_NX_XXREG0[0..63]", "NXM_NX_CT_LABEL[0..31]", "NXM_NX_REG4[31]"]
SUBFIELD_DST = ["NXM_OF_ETH_DST[]", "NXM_NX_REG0[0..15]", "NXM_NX_REG5[]", "NXM_NX_REG6[4..7]", "NXM_OF_IP_DST[]",
                "NXM_NX_TUN_ID[]", "OXM_OF_METADATA[]", "NXM_NX_PKT_MARK[0..15]", "NXM_OF_VLAN_TCI[]", "reg7[]",
                "NXM_OF_TCP_DST[]", "NXM_NX_ARP_THA[]", "NXM_OF_ARP_OP[]", "NXM_OF_IN_PORT[]", "NXM_NX_REG8[31]",
                "NXM_NX_CT_MARK[]", "NXM_OF_ETH_TYPE[]", "NXM_NX_IP_TTL[]", "NXM_OF_IP_TOS[]"]
SET_FIELDS = ["eth_src", "eth_dst", "ip_src", "ip_dst", "reg0", "reg9", "tun_id", "metadata", "vlan_vid", "vlan_pcp",
              "tcp_src", "udp_dst", "arp_op", "arp_spa", "arp_sha", "ip_dscp", "nw_ttl", "ip_ecn", "pkt_mark",
              "ct_mark", "in_port", "icmp_type", "tun_dst", "xreg1"]


if v6:
    SET_FIELDS += ["ipv6_src", "ipv6_dst", "ipv6_label", "nd_target", "nd_sll", "nd_tll", "sctp_src", "sctp_dst",
                   "icmpv6_type", "icmpv6_code", "mpls_label", "mpls_tc", "mpls_ttl", "mpls_bos", "nw_tos", "tcp_dst"] * 2
    SUBFIELD_SRC += ["NXM_NX_IPV6_SRC[]", "NXM_NX_IPV6_DST[64..127]", "NXM_NX_IPV6_LABEL[]", "NXM_NX_ND_TARGET[0..31]",
                     "NXM_NX_ND_SLL[]", "OXM_OF_SCTP_SRC[]", "OXM_OF_MPLS_LABEL[]"]
    SUBFIELD_DST += ["NXM_NX_IPV6_DST[]", "NXM_NX_IPV6_SRC[0..63]", "NXM_NX_IPV6_LABEL[0..15]", "NXM_NX_ND_TLL[]",
                     "OXM_OF_SCTP_DST[]", "NXM_NX_ND_TARGET[]", "NXM_NX_MPLS_TTL[]"]


def setval(f):
    if f in ("ipv6_src", "ipv6_dst", "nd_target"):
        return r.choice([ip6(), ip6() + "/64", ip6() + "/ffff::"])
    if f in ("nd_sll", "nd_tll"):
        return mac()
    if f.startswith("eth") or f.endswith("sha"):
        return mac()
    if "ip" in f and "dscp" not in f and "ecn" not in f or f.endswith("spa") or f == "tun_dst":
        return ip()
    return hexnum(r.choice([8, 16, 32]))


def wide_action():
    k = r.randrange(16)
    if k == 0:
        return "ct(%s)" % ",".join(x for x in r.sample(
            ["commit", "zone=%d" % r.choice([0, 7, 65535]), "zone=NXM_NX_REG1[16..31]", "zone=reg2[0..7]",
             "table=%d" % r.choice([0, 2, 254, 255]), "alg=tftp", "alg=ftp", "alg=21", "force", "nat(%s)" % ",".join(
                 [r.choice(["src", "dst"]) + "=" + r.choice(["10.0.0.1", "10.0.0.1-10.0.0.9", "10.0.0.1:80",
                  "10.0.0.1-10.0.0.2:1000-2000", "[2001:db8::1]", "[2001:db8::1]-[2001:db8::5]:443",
                  "10.0.0.9-10.0.0.1", "[::1]:1-2"])] + r.sample(["persistent", "random", "hash"], r.randrange(3))),
             "exec(set_field:0x5->ct_mark,set_field:0x1->ct_label)", "exec(move:NXM_NX_REG0[]->NXM_NX_CT_MARK[])",
             "exec(load:0xf->NXM_NX_CT_LABEL[0..3])", "nat"], r.randrange(1, 4)))
    if k == 1:
        return "multipath(%s,%d,%s,%d,%d,%s)" % (
            r.choice(["eth_src", "symmetric_l4", "symmetric_l3l4", "symmetric_l3l4+udp", "nw_src", "nw_dst",
                      "symmetric_l3", "bad_field"]), r.choice([0, 50, 65535]),
            r.choice(["modulo_n", "hash_threshold", "hrw", "iter_hash", "random"]), r.choice([1, 2, 64, 65, 1024]),
            r.choice([0, 1, 6]), r.choice(["NXM_NX_REG0[]", "NXM_NX_REG0[0..3]", "reg1[0..0]", "NXM_OF_IN_PORT[]",
                                           "NXM_NX_REG2[0..5]"]))
    if k == 2:
        return "%s(%s,%d,%s,ofport,%smembers:%s)" % (
            "bundle_load" if r.random() < 0.5 else "bundle",
            r.choice(["eth_src", "symmetric_l4", "symmetric_l3l4", "symmetric_l3l4+udp", "nw_src", "nw_dst",
                      "symmetric_l3"]), r.choice([0, 10, 65535]), r.choice(["active_backup", "hrw", "other"]),
            r.choice(["NXM_NX_REG0[],", "reg3[0..15],", "NXM_NX_REG1[0..3],"]) if r.random() < 0.5 else "",
            ",".join(r.sample(["1", "2", "3", "5", "LOCAL", "65279"], r.randrange(0, 4))))
    if k == 3:
        return "learn(%s)" % ",".join(r.sample(
            ["table=%d" % r.choice([0, 2, 255]), "NXM_NX_REG0[0..7]=NXM_NX_REG1[8..15]", "NXM_OF_ETH_SRC[]",
             "eth_dst=NXM_OF_ETH_SRC[]", "dl_type=0x806", "nw_proto=6", "tcp_dst=80", "reg5=0x10",
             "load:0x5->NXM_NX_REG2[]", "load:NXM_NX_REG3[0..15]->NXM_NX_REG4[16..31]", "output:NXM_NX_REG0[0..15]",
             "idle_timeout=%d" % r.choice([0, 65535]), "fin_hard_timeout=10", "cookie=0x%x" % r.randrange(1 << 64),
             "priority=%d" % r.choice([0, 65535]), "delete_learned", "limit=%d" % r.choice([0, 1, 4294967295]),
             "result_dst=reg6[5]", "send_flow_rem", "in_port=NXM_OF_IN_PORT[]"], r.randrange(1, 5)))
    if k == 4:
        return "controller(%s)" % ",".join(r.sample(
            ["reason=%s" % r.choice(["action", "no_match", "invalid_ttl", "action_set", "group", "packet_out", "bad"]),
             "max_len=%d" % r.choice([0, 128, 65535]), "id=%d" % r.choice([0, 1, 65535]), "userdata=%s" % r.choice(
                 ["00", "01.02.03.04.05", "de.ad.be.ef.01.02.03.04.05"]), "pause", "meter_id=%d" % r.choice([1, 7])],
            r.randrange(0, 4)))
    if k == 5:
        return "sample(%s)" % ",".join(["probability=%d" % r.choice([1, 65535, 0, 65536])] + r.sample(
            ["collector_set_id=%d" % r.choice([1, 4294967295]), "obs_domain_id=%d" % r.choice([1, 5]),
             "obs_point_id=%d" % r.choice([2, 9]), "sampling_port=%s" % r.choice(["1", "LOCAL", "p9"]), "ingress",
             "egress"], r.randrange(0, 4)))
    if k == 6:
        return r.choice(["enqueue(%s,%d)" % (r.choice(["1", "LOCAL", "IN_PORT"]), r.choice([0, 5])),
                         "enqueue:1q3", "set_queue:%d" % r.choice([0, 4294967295])])
    if k == 7:
        return r.choice(["set_mpls_label:%d" % r.choice([0, 100, 1048575, 1048576]),
                         "set_mpls_tc:%d" % r.choice([0, 7, 8]), "set_mpls_ttl:%d" % r.choice([0, 64, 255, 256]),
                         "push_mpls:0x8848", "pop_mpls:0x86dd", "dec_mpls_ttl"])
    if k == 8:
        return "check_pkt_larger(%d)->%s" % (r.choice([0, 64, 1500, 65535]), r.choice(
            ["NXM_NX_REG0[0]", "reg1[31]", "NXM_NX_REG2[0..1]", "NXM_OF_IN_PORT[0]"]))
    if k == 9:
        return "resubmit(%s,%s%s)" % (r.choice(["", "1", "in_port"]), r.choice(["", "0", "3", "254"]),
                                      r.choice([",ct", "", ",ct"]))
    if k == 10:
        return "output:%s" % r.choice(["NXM_NX_REG0[0..15]", "reg1[16..31]", "NXM_NX_XXREG0[0..15]",
                                       "NXM_OF_IN_PORT[]", "reg2[0..40]", "NXM_NX_REG3[0..7]"])
    if k == 11:
        return "set_field:%s->%s" % (r.choice(["0x1", "0x%x" % r.randrange(1 << 128), "0x1/0x1"]),
                                     "xxreg%d" % r.randrange(4))
    if k == 12:
        return "move:%s->%s" % (r.choice(["NXM_NX_XXREG0[]", "NXM_NX_XXREG1[0..63]", "xxreg2[64..127]", "xreg0[]"]),
                                r.choice(["NXM_NX_XXREG3[]", "NXM_NX_XXREG1[64..127]", "NXM_NX_IPV6_SRC[]", "xreg7[]"]))
    if k == 13:
        return r.choice(["dec_ttl(%s)" % ",".join(str(r.choice([0, 1, 65535])) for _ in range(r.randrange(1, 4))),
                         "fin_timeout(idle_timeout=%d,hard_timeout=%d)" % (r.choice([0, 10]), r.choice([0, 30])),
                         "note:" + ".".join("%02x" % r.randrange(256) for _ in range(r.randrange(0, 12)))])
    if k == 14:
        return "load:%s->%s" % (r.choice(["0x1", "0xffffffffffffffff", "0x%x" % r.randrange(1 << 64)]),
                                r.choice(["NXM_NX_XXREG0[0..63]", "NXM_NX_XXREG1[]", "xxreg3[120..127]",
                                          "NXM_NX_IPV6_DST[0..63]"]))
    return "output(port=%s,max_len=%d)" % (r.choice(["1", "LOCAL", "IN_PORT", "65279", "CONTROLLER"]),
                                          r.choice([0, 13, 14, 100, 65535]))


def clone_action(depth):
    k = r.randrange(10)
    if k == 0 and depth < 3:
        return "clone(%s)" % ",".join(clone_action(depth + 1) for _ in range(r.choice([0, 1, 2])))
    if k == 1:
        return r.choice(["ct(commit)", "ct(table=3)", "ct(commit,zone=5,exec(set_field:0x1->ct_mark))", "ct_clear",
                         "ct(commit,nat(src=10.0.0.1))", "nat", "meter:1", "write_actions(output:1)",
                         "goto_table:2", "write_metadata:0x1", "clear_actions", "push_vlan:0x8100",
                         "set_field:0x1->ct_mark", "drop"])
    if k == 2:
        return wide_action()
    return action()


def action():
    if clone and r.random() < 0.4:
        return "clone(%s)" % ",".join(clone_action(0) for _ in range(r.choice([0, 1, 1, 2, 3])))
    if wide and r.random() < 0.5:
        return wide_action()
    k = r.randrange(40)
    if v6 and k in (0, 33, 34, 39) and r.random() < 0.6:
        k = r.choice([8, 8, 8, 6, 38, 7, 11])
    if k == 0:
        return "output:%s" % r.choice(["1", "2", "65534", "LOCAL", "NXM_NX_REG1[]", "reg2[0..15]", "NXM_NX_REG3[0..7]",
                                       "in_port", "65535", "0"])
    if k == 1:
        return r.choice(["NORMAL", "FLOOD", "ALL", "LOCAL", "IN_PORT", "drop", "normal", "in_port", "flood"])
    if k == 2:
        return r.choice(["controller", "controller:100", "CONTROLLER:65535", "controller(reason=no_match)",
                         "controller(max_len=128,id=3)", "controller(userdata=01.02)", "controller(pause)",
                         "controller(reason=invalid_ttl,meter_id=1)"])
    if k == 3:
        return "resubmit(%s,%s)" % (r.choice(["", "1", "in_port", "LOCAL"]), r.choice(["", "2", "255", "10"]))
    if k == 4:
        return "resubmit:%s" % r.choice(["3", "LOCAL", "in_port"])
    if k == 5:
        return "goto_table:%d" % r.choice([1, 5, 254, 0])
    if k == 6:
        return "move:%s->%s" % (r.choice(SUBFIELD_SRC), r.choice(SUBFIELD_DST))
    if k == 7:
        return "load:%s->%s" % (hexnum(r.choice([1, 8, 16, 32, 48])), r.choice(SUBFIELD_DST))
    if k == 8:
        f = r.choice(SET_FIELDS)
        v = setval(f)
        if r.random() < 0.3 and not (":" in v or "." in v):
            v += "/" + hexnum(16)
        return "set_field:%s->%s" % (v, f)
    if k == 9:
        return r.choice(["push_vlan:0x8100", "push_vlan:0x88a8", "pop_vlan", "strip_vlan", "push_vlan:0x1234"])
    if k == 10:
        return r.choice(["mod_dl_src:" + mac(), "mod_dl_dst:" + mac(), "mod_nw_src:" + ip(), "mod_nw_dst:" + ip()])
    if k == 11:
        return r.choice(["mod_nw_tos:%d" % r.choice([0, 4, 16, 3, 252]), "mod_nw_ecn:%d" % r.choice([0, 1, 3, 4]),
                         "mod_nw_ttl:%d" % r.choice([0, 1, 64, 255]), "mod_tp_src:%d" % r.choice([1, 80, 65535]),
                         "mod_tp_dst:%d" % r.choice([53, 65536])])
    if k == 12:
        return r.choice(["mod_vlan_vid:%d" % r.choice([0, 100, 4095, 4096]), "mod_vlan_pcp:%d" % r.choice([0, 7, 8])])
    if k == 13:
        return r.choice(["dec_ttl", "dec_ttl(1,2)", "dec_ttl()", "dec_ttl(0)"])
    if k == 14:
        return "enqueue:%s:%d" % (r.choice(["1", "LOCAL", "in_port"]), r.choice([0, 1, 7]))
    if k == 15:
        return "note:%s" % r.choice(["", "00", "01.02.03", "de.ad.be.ef.00.01.02.03", "abcd"])
    if k == 16:
        return "write_actions(%s)" % ",".join(r.choice(["output:1", "set_field:1->reg0", "pop_vlan", "NORMAL",
                                                        "group:1", "dec_ttl"]) for _ in range(r.randrange(1, 3)))
    if k == 17:
        return "clear_actions"
    if k == 18:
        return "write_metadata:%s" % r.choice(["0x1", "0x1/0x1", "0xff00/0xffff", "0x10000000000000000"])
    if k == 19:
        return "sample(probability=%d,collector_set_id=%d,obs_domain_id=%d,obs_point_id=%d)" % (
            r.choice([1, 65535, 100]), r.choice([0, 1]), r.choice([0, 5]), r.choice([0, 7]))
    if k == 20:
        return "ct(%s)" % ",".join(x for x in r.sample(
            ["commit", "zone=%d" % r.choice([0, 5, 65520]), "table=%d" % r.choice([1, 31]), "zone=NXM_NX_REG0[0..15]",
             "exec(set_field:0x1->ct_mark)", "exec(load:0x1->NXM_NX_CT_MARK[])", "nat", "nat(src=10.0.0.1)",
             "alg=ftp", "force", "exec(set_field:0x1/0x1->ct_label)"], r.randrange(0, 4)))
    if k == 21:
        return "ct_clear"
    if k == 22:
        return "learn(table=%d,%s)" % (r.choice([1, 10]), ",".join(r.sample(
            ["NXM_OF_VLAN_TCI[0..11]", "NXM_OF_ETH_DST[]=NXM_OF_ETH_SRC[]", "load:NXM_OF_IN_PORT[]->NXM_NX_REG0[0..15]",
             "output:NXM_OF_IN_PORT[]", "idle_timeout=10", "hard_timeout=30", "priority=5", "cookie=0x5",
             "eth_type=0x800", "ip_src=10.0.0.1", "fin_idle_timeout=5", "send_flow_rem", "delete_learned",
             "limit=10", "result_dst=reg0[0]"], r.randrange(1, 4))))
    if k == 23:
        return "multipath(eth_src,50,modulo_n,1,0,NXM_NX_REG0[0..3])"
    if k == 24:
        return "bundle(eth_src,0,active_backup,ofport,members:1,2)"
    if k == 25:
        return "group:%d" % r.choice([1, 4294967040])
    if k == 26:
        return "meter:%d" % r.choice([1, 5])
    if k == 27:
        return "set_queue:%d" % r.choice([0, 3])
    if k == 28:
        return "pop_queue"
    if k == 29:
        return "exit"
    if k == 30:
        return r.choice(["push_mpls:0x8847", "pop_mpls:0x0800", "set_mpls_label:10", "set_mpls_ttl:5", "dec_mpls_ttl"])
    if k == 31:
        return r.choice(["set_tunnel:0x5", "set_tunnel64:0x100000000", "set_tunnel:0x100000000"])
    if k == 32:
        return r.choice(["output(port=1,max_len=100)", "fin_timeout(idle_timeout=5)", "conjunction(%s,%s/%s)" % (
            r.choice(["1", "0x10", "-1", "4294967296", "x"]), r.choice(["0", "1", "2", "3", " 2 "]),
            r.choice(["1", "2", "3", "64", "65", "258"]))])
    if k == 33:
        return "mod_nw_src:%s" % ip()
    if k == 34:
        return "output:%d" % r.choice([1, 2, 3, 100, 65279, 65280])
    if k == 35:
        return "load:%s->%s" % (hexnum(8), r.choice(["reg0[0..7]", "reg10[]", "NXM_NX_REG11[4..11]", "tun_id[0..15]"]))
    if k == 36:
        return "set_field:%s->%s" % (hexnum(16), reg())
    if k == 37:
        return r.choice(["check_pkt_larger(100)->NXM_NX_REG0[0]", "debug_recirc", "debug_slow", "unroll_xlate"])
    if k == 38:
        return "move:%s->%s" % (r.choice(SUBFIELD_SRC), r.choice(SUBFIELD_DST))
    return "output:%d" % r.choice([1, 2, 3])


def rank(a):
    # enum ovs_instruction_type: meter, apply_actions, clear_actions, write_actions, write_metadata, goto_table
    for i, p in enumerate(["meter:", None, "clear_actions", "write_actions(", "write_metadata:", "goto_table:"]):
        if p and a.startswith(p):
            return i
    return 1


def flow():
    acts = [action() for _ in range(r.choice([0, 1, 1, 2, 2, 3, 4]))]
    if insts:  # in instruction order, one of each but apply_actions, and a write_metadata with a goto_table often
        if r.random() < 0.5:
            acts += [action() if r.random() < 0.5 else "output:1",
                     "write_metadata:%s" % r.choice(["0x1", "0x1/0x1", "0xff00/0xffff"]), "goto_table:%d" % r.choice([1, 5])]
        seen, kept = set(), []
        for a in sorted(acts, key=rank):
            if rank(a) == 1 or rank(a) not in seen:
                kept.append(a)
                seen.add(rank(a))
        acts = kept
    m = match()
    return (m + "," if m else "") + "actions=" + ",".join(acts)


print("# gen-flows.py %d %d%s" % (seed, count, " v6" if v6 else " flags" if flags else " insts" if insts
                                   else " wide" if wide else " clone" if clone else " ptype" if ptype else ""))
for _ in range(count):
    print(flow())
