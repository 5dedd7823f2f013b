#!/usr/bin/env python3
"""Antrea's own flows as its unit tests expect them, for a flow formatting differential against OVS 3.1.

refdata/ovs/antrea-flows/antrea-tests.flows holds every distinct "cookie=..., table=NAME, ..." string of antrea-io/
antrea's pkg/agent/openflow/*_test.go (at fc70f2bb7, Apache-2.0; `git grep -h -o '"cookie=0x[0-9a-f]*,
table=[A-Za-z0-9]*, [^"]*"' -- pkg/agent/openflow/ | sort -u`). This writes its commands.in for
`STATUS=1 record-ovs-commands.sh antrea-flows`: table names numbered in Antrea's pipeline order (antrea-doc's tables
first, then the others as met, 61 left to the flow that names it), each flow added alone in OpenFlow 1.5 (one
refused does not keep the others out), then the tables dumped in OpenFlow 1.5, 1.3 and 1.0 and with --names.
  src/test/scripts/gen-antrea-flows.py
"""
import os
import re

here = os.path.dirname(os.path.abspath(__file__))
ref = os.path.join(here, "..", "resources", "refdata", "ovs")
order = []
for line in open(os.path.join(ref, "antrea-doc", "pipeline-doc.flows")):
    t = line.split(",")[0][len("table="):]
    if t not in order:
        order.append(t)
flows = [l.rstrip("\n") for l in open(os.path.join(ref, "antrea-flows", "antrea-tests.flows")) if l.strip()]
NAME = re.compile(r"(table=|goto_table:|resubmit\(,)([A-Z][A-Za-z0-9]+)")
for line in flows:
    for m in NAME.finditer(line):
        if m.group(2) not in order:
            order.append(m.group(2))
num, n = {}, 0
for t in order:
    while n in (61,):  # a flow of the tests names table 61 by number
        n += 1
    num[t] = n
    n += 1
out = ["# Antrea's own flows as its unit tests expect them (antrea-io/antrea pkg/agent/openflow/*_test.go at fc70f2bb7,",
       "# Apache-2.0: antrea-tests.flows, every distinct \"cookie=..., table=NAME, ...\" string), table names numbered in",
       "# pipeline order (gen-antrea-flows.py), each added alone in OpenFlow 1.5, then the tables dumped in 1.0, 1.3, 1.5"]
for line in flows:
    out.append("ovs-ofctl -O OpenFlow15 add-flow br0 '%s'" % NAME.sub(lambda m: m.group(1) + str(num[m.group(2)]),
                                                                       line))
for opts in ("-O OpenFlow15 --no-stats", "-O OpenFlow13 --no-stats", "-O OpenFlow10 --no-stats",
             "-O OpenFlow15 --no-stats --names"):
    out.append("ovs-ofctl %s dump-flows br0" % opts)
with open(os.path.join(ref, "antrea-flows", "commands.in"), "w") as f:
    f.write("\n".join(out) + "\n")
