#!/usr/bin/env python3
"""Census of OVS 3.1's testsuite titles against refdata/ovs/ovs-testsuite/.

Lists every AT_SETUP title of tests/*.at at v3.1.0 (read from the mirror of OVS's git repository) and marks those
named by the leading comment lines of ovs-testsuite/*.in ("# tests/NAME.at: TITLE (and: TITLE, ...; notes)").
A title counts as recorded when it appears there whole (also after "; "), or without its "PREFIX - " part after
"(and: " or ", ".
Titles built by an m4 macro ($1) are matched by their literal part. A title is out of scope when it names a feature
arplab does not model (bonds, LACP, LLDP, sFlow, NetFlow, IPFIX, BFD, CFM, STP, RSTP, NSH, encap/decap, ERSPAN,
GTP-U, fake bridges) or is an offline decoder (parse-nx-match, parse-oxm, ofp-parse, snoop, test-classifier).

Titles out of scope for a reason of their own are listed in OUT_OF_SCOPE_TITLES with it (printed with -v).

usage: testsuite-census.py [-v] [NAME.at ...]   (-v: each title, marked R recorded, - left, x out of scope)
"""
import glob
import os
import re
import subprocess
import sys

GIT = ["git", "--git-dir=/work/.mirror/openvswitch+ovs/repo"]
TAG = "v3.1.0"
HERE = os.path.dirname(os.path.abspath(__file__))
SUITE = os.path.join(HERE, "..", "resources", "refdata", "ovs", "ovs-testsuite")
FILES = ["ofproto-dpif", "ofproto", "ovs-ofctl", "learn", "classifier", "tunnel", "tunnel-push-pop",
         "packet-type-aware", "mcast-snooping", "dpif-netdev", "pmd", "bundle", "multipath", "ofp-actions",
         "drop-stats", "dpctl", "ovs-router", "ovs-vsctl", "mpls-xlate"]
OUT_OF_SCOPE = re.compile(r"bond|lacp|lldp|sflow|netflow|ipfix|bfd|cfm|\bstp\b|rstp|nsh|encap|decap|erspan|gtp"
                          r"|fake bridge|fake-bridge"
                          # the offline decoders and test programs (ovs-ofctl parse-nx-match, ofp-parse, snoop,
                          # test-classifier's generated titles)
                          r"|parse-nx-match|parse-ofp1\d-match|parse-oxm|experimenter OXM|ofp-parse|ofctl snoop"
                          r"|TCP flags expression in OXM|check-vlan"
                          # the monitor thread of BFD and CFM
                          r"|ofproto-dpif-monitor"
                          r"|m4_bpatsubst", re.I)
# Titles out of scope for a reason of their own (seventh round): a regex of the title, the one-line reason
OUT_OF_SCOPE_TITLES = [
    (r"^ofproto - (handling messages with bad version|asynchronous message control|controller role"
     r"|requestforward|NXT requestforward|ONF requestforward|flow monitoring|OpenFlow14 flow monitoring"
     r"|event filtering|bundle |monitor flows with tun_md)"
     r"|^ofproto-dpif - table-miss flow with async config",
     "ovs-ofctl monitor --detach with ofctl/send's raw OpenFlow messages: a controller connection held open beside "
     "the commands, which arplab's ovs-ofctl (one command at a time) does not run"),
    (r"^ofproto-dpif - ovs-appctl dpif/get-flow",
     "a megaflow's ufid, which OVS draws at random (odp_flow_key_hash()'s basis), read from one command's output "
     "into the next"),
    (r"^tunnel - LISP$", "a lisp port: recorded in the sixth round, arplab's datapath cannot open one"),
    (r"^ptap - (triangle bridge setup|L3 over patch port|recirculate after packet_type change)",
     "decap() and legacy_l3 GRE ports (packet_type changes), not modelled"),
    (r"^dpif-netdev - partial hw offload", "hardware offload (netdev-dummy's flow API), not modelled"),
    (r"^dpif-netdev - tx packet steering|^PMD - ",
     "PMD threads (dummy-pmd ports, --dummy-numa, rx/tx queues, the machine's CPUs), not modelled"),
    (r"^database commands -- wait-until must wait$",
     "ovs-vsctl runs waiting in the background while another changes the database; a lab script runs one command "
     "at a time"),
    (r"^list bridges -- real and fake", "fake bridges, not modelled"),
    (r"^ofproto-dpif - (active-backup|balance-slb|balance-tcp) bonding",
     "bridges joined by netdev-dummy stream sockets (options:pstream/stream) and LACP, not modelled"),
    (r"^bond - (discard|allow) duplicated frames|^ofproto-dpif megaflow - normal, balance-tcp bonding",
     "LACP (balance-tcp needs it), not modelled"),
    (r"^(bootstrap ca cert|peer ca cert|TLS server name indication)",
     "an SSL ovsdb-server with a PKI (ovs-pki), for which arplab's in-process database has no remote"),
]
SETUP = re.compile(r"AT_SETUP\(\[(.*?)\]\)")


def out_of_scope(title):
    """The reason a title is out of scope ("" for the feature list of OUT_OF_SCOPE), or None."""
    for pattern, reason in OUT_OF_SCOPE_TITLES:
        if re.search(pattern, title):
            return reason
    return "" if OUT_OF_SCOPE.search(title) else None


def titles(at):
    text = subprocess.run(GIT + ["show", f"{TAG}:tests/{at}.at"], capture_output=True, text=True).stdout
    return [m.group(1) for m in SETUP.finditer(text)]


def headers():
    """.at name -> the leading comment lines of the .in files that name it."""
    heads = {}
    for path in sorted(glob.glob(os.path.join(SUITE, "*.in"))):
        with open(path) as f:
            lines = []
            for line in f:
                if not line.startswith("#"):
                    break
                lines.append(line[1:].strip())
        m = re.match(r"tests/([\w-]+)\.at: ", lines[0]) if lines else None
        if m:
            heads.setdefault(m.group(1), []).append(" ".join(lines)[m.end():].replace("\n", " ") + " ")
    return heads


def same_prefix(h, i, literal, cand):
    """A title named without its "PREFIX - " after ", " counts when the list's title before it has that prefix."""
    prefix = literal[:len(literal) - len(cand)]
    if not prefix.endswith(" - "):  # a title named without its first word ("ovs-ofctl "): no list of its own
        return True
    semi = h.rfind("; ", 0, i)
    starts = [semi + 2 if semi >= 0 else 0]
    if h.rfind("(and: ", 0, i) >= 0:
        starts.append(h.rfind("(and: ", 0, i) + len("(and: "))
    stem = prefix.rstrip(" -")  # "ofproto-dpif", and not "ofproto-dpif megaflow"
    return any(h[start:i].startswith(stem) and h[start + len(stem):start + len(stem) + 2] in (" -", " (", ", ")
               for start in starts)


def named(title, heads):
    literal = title.split("$")[0].rstrip(" -") if "$" in title else title
    parts = literal.split(" - ")
    shorts = [" - ".join(parts[i:]) for i in range(1, len(parts))]
    if " " in literal:
        shorts.append(literal.split(" ", 1)[1])  # "ovs-ofctl diff-flows - X" named as "diff-flows - X"
    for h in heads:
        if h.startswith(literal) and (len(h) == len(literal) or h[len(literal)] in " ,;)" or "$" in title):
            return True
        for cand in [literal] + shorts:
            # "; " separates titles that hold commas (ovs-vsctl.at's), whole; it also begins a file's notes
            for lead in ("(and: ", ", ", "; ") if cand == literal else ("(and: ", ", "):
                i = h.find(lead + cand)
                while i >= 0:
                    j = i + len(lead) + len(cand)
                    ends = j >= len(h) or h[j] in ",;)" or (h[j] == " " and h[j:j + 2] != " -") or "$" in title
                    if ends and (lead != ", " or cand == literal or same_prefix(h, i, literal, cand)):
                        return True
                    i = h.find(lead + cand, i + 1)
    return False


def main(argv):
    verbose = "-v" in argv
    wanted = [a[:-3] if a.endswith(".at") else a for a in argv if a != "-v"] or FILES
    heads = headers()
    total = [0, 0, 0, 0]
    print(f"{'file':24} {'titles':>6} {'recorded':>8} {'out':>5} {'left':>5}")
    for at in wanted:
        ts = titles(at)
        marks = []
        reasons = []
        for t in ts:
            reason = out_of_scope(t)
            reasons.append(reason)
            if named(t, heads.get(at, [])):
                marks.append("R")
            elif reason is not None:
                marks.append("x")
            else:
                marks.append("-")
        row = [len(ts), marks.count("R"), marks.count("x"), marks.count("-")]
        total = [a + b for a, b in zip(total, row)]
        print(f"{at + '.at':24} {row[0]:6} {row[1]:8} {row[2]:5} {row[3]:5}")
        if verbose:
            for t, m, r in zip(ts, marks, reasons):
                print(f"    {m} {t}" + (f"  ({r})" if m == "x" and r else ""))
    print(f"{'total':24} {total[0]:6} {total[1]:8} {total[2]:5} {total[3]:5}")


if __name__ == "__main__":
    main(sys.argv[1:])
