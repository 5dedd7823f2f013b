#!/usr/bin/env python3
"""Census of OVS 3.1's testsuite titles against refdata/ovs/ovs-testsuite/.

Lists every AT_SETUP title of tests/*.at at v3.1.0 (read from the mirror of OVS's git repository) and marks those
named by the leading comment lines of ovs-testsuite/*.in ("# tests/NAME.at: TITLE (and: TITLE, ...; notes)").
A title counts as recorded when it appears there whole (also after "; "), or without its "PREFIX - " part after
"(and: " or ", ".
Titles built by an m4 macro ($1) are matched by their literal part. A title is out of scope when it names a feature
arplab does not model (bonds, LACP, LLDP, sFlow, NetFlow, IPFIX, BFD, CFM, STP, RSTP, NSH, encap/decap, ERSPAN,
GTP-U, fake bridges) or is an offline decoder (parse-nx-match, parse-oxm, ofp-parse, snoop, test-classifier).

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
SETUP = re.compile(r"AT_SETUP\(\[(.*?)\]\)")


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
                    if j >= len(h) or h[j] in ",;)" or (h[j] == " " and h[j:j + 2] != " -") or "$" in title:
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
        for t in ts:
            if named(t, heads.get(at, [])):
                marks.append("R")
            elif OUT_OF_SCOPE.search(t):
                marks.append("x")
            else:
                marks.append("-")
        row = [len(ts), marks.count("R"), marks.count("x"), marks.count("-")]
        total = [a + b for a, b in zip(total, row)]
        print(f"{at + '.at':24} {row[0]:6} {row[1]:8} {row[2]:5} {row[3]:5}")
        if verbose:
            for t, m in zip(ts, marks):
                print(f"    {m} {t}")
    print(f"{'total':24} {total[0]:6} {total[1]:8} {total[2]:5} {total[3]:5}")


if __name__ == "__main__":
    main(sys.argv[1:])
