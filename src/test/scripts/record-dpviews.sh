#!/usr/bin/env bash
# Records the datapath views of OVS 3.1 for refdata/ovs/dpviews/commands.in: br0 with dummy ports p1, p2, p3 and
# internal gw, then br1 with dummy q1, all on the one dummy datapath; each command line's output (stdout and stderr)
# after "### LINE", into commands.out.
#   src/test/scripts/record-dpviews.sh
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
res=$here/../resources/refdata/ovs/dpviews
dir=$(mktemp -d "${TMPDIR:-/tmp}/ovsdp.XXXXXX")
trap '"$here/ovs-oracle.sh" stop "$dir"; rm -rf "$dir"' EXIT
cd "$dir"
"$here/ovs-oracle.sh" start "$dir" >/dev/null 2>&1
export OVS_RUNDIR=$dir
# one ovs-vsctl per port, as a lab creates them: in one transaction OVS adds them in hash order
ovs-vsctl add-port br0 p1 -- set interface p1 type=dummy ofport_request=1
ovs-vsctl add-port br0 p2 -- set interface p2 type=dummy ofport_request=2
ovs-vsctl add-port br0 p3 -- set interface p3 type=dummy ofport_request=3
ovs-vsctl add-port br0 gw -- set interface gw type=internal ofport_request=4
ovs-vsctl add-br br1 -- set bridge br1 datapath-type=dummy fail-mode=secure
ovs-vsctl add-port br1 q1 -- set interface q1 type=dummy ofport_request=5
while IFS= read -r line; do
  case $line in '#'*|'') continue ;; esac
  echo "### $line"
  eval "$line" 2>&1
  sleep 0.2
done < "$res/commands.in" > "$res/commands.out"
