#!/usr/bin/env bash
# Records OVS 3.1's native tunnelling on the userspace (dummy) datapath into refdata/ovs/tnl-random-SEED:
# src/test/scripts/gen-tunnels.py SEED DIR writes lab.yaml, setup.sh (the overlay bridge br0's dummy and tunnel ports,
# the underlay bridge br-phy with eth0, as ovs-vsctl lines) and commands.in; each command line's output (stdout and
# stderr) after "### LINE" into commands.out, then every dummy port's tx pcap beside it. What the recording
# machine's kernel brings in is left out: the route table's "Cached:" lines (its routes) and tnl/ports/show -v's
# entries for its devices' addresses (route_table.c inserts each kernel route's device into tnl-ports' map), known by
# their MACs. After each frame received, a revalidators' round is waited for (not recorded), so that what a round
# does (populate_xcache() translating a new megaflow's ukey again: a neighbour miss's ARP request once more) comes
# before the next command whatever the revalidators' timer.
#   src/test/scripts/record-tunnels.sh SEED [wide]   (further arguments go to gen-tunnels.py)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
res=$here/../resources/refdata/ovs/tnl-random-$1
python3 "$here/gen-tunnels.py" "$1" "$res" "${@:2}" >/dev/null
dir=$(mktemp -d "${TMPDIR:-/tmp}/tnl-ovs.XXXXXX")
trap '"$here/ovs-oracle.sh" stop "$dir"; rm -rf "$dir"' EXIT
cd "$dir"   # ovs-vswitchd --no-chdir opens the pcaps relative to here
"$here/ovs-oracle.sh" start "$dir" >/dev/null 2>&1
export OVS_RUNDIR=$dir
# no megaflow idles out (max-idle, 10 s by default) while a seed runs
ovs-vsctl set Open_vSwitch . other_config:max-idle=3600000
sh -e "$res/setup.sh"
kernel=$(sed 's/.*/eth(dst=&)/' /sys/class/net/*/address | paste -sd'|' | sed 's/[().]/\\&/g')
while IFS= read -r line; do
  case $line in '#'*|'') continue ;; esac
  echo "### $line"
  eval "$line" 2>&1 | grep -v '^Cached:' | grep -Ev "^[a-z]+_sys(_[0-9]+)? \([0-9]+\) : ($kernel)"
  case $line in *netdev-dummy/receive*) ovs-appctl revalidator/wait ;; esac
  sleep 0.2
done < "$res/commands.in" > "$res/commands.out"
ovs-appctl revalidator/wait
sleep 1
rm -f "$res"/*-tx.pcap
cp ./*-tx.pcap "$res/" 2>/dev/null || true
