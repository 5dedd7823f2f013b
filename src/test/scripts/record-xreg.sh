#!/usr/bin/env bash
# Records OVS 3.1's xreg/xxreg fields for each refdata/ovs/xreg/*.in (br0 with dummy ports p1, p2, p3): each command
# line's output (stdout and stderr) after "### LINE", into the .out beside it (flows.in: parsing, refusals and
# dump-flows under each protocol; traces.in: the pipeline, ofproto/trace and the datapath's flows).
#   src/test/scripts/record-xreg.sh
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
res=$here/../resources/refdata/ovs/xreg
dir=$(mktemp -d "${TMPDIR:-/tmp}/ovsxreg.XXXXXX")
trap '"$here/ovs-oracle.sh" stop "$dir"; rm -rf "$dir"' EXIT
cd "$dir"
"$here/ovs-oracle.sh" start "$dir" >/dev/null 2>&1
export OVS_RUNDIR=$dir
for p in 1 2 3; do
  ovs-vsctl add-port br0 p$p -- set interface p$p type=dummy ofport_request=$p
done
for in in "$res"/*.in; do
  ovs-ofctl -O OpenFlow15 del-flows br0
  ovs-appctl dpctl/flush-conntrack
  ovs-appctl dpctl/del-flows
  while IFS= read -r line; do
    case $line in '#'*|'') continue ;; esac
    echo "### $line"
    eval "$line" 2>&1
    sleep 0.2
  done < "$in" > "${in%.in}.out"
done
