#!/usr/bin/env bash
# Records what OVS 3.1's actions do to the frames leaving its ports, for refdata/ovs/frames/TOPIC/commands.in: br0
# with dummy ports p1, p2, p3 (each with tx_pcap pN-tx.pcap), each command line's output (stdout and stderr) after
# "### LINE" into commands.out, then the three tx pcaps beside it.
#   src/test/scripts/record-frames.sh TOPIC   (vlan, l3, ipv6, mpls, sctp, ...)
#   RES=DIR PORTS=N src/test/scripts/record-frames.sh   records DIR/commands.in with ports p1..pN instead
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
res=${RES:-$here/../resources/refdata/ovs/frames/${1:-}}
dir=$(mktemp -d "${TMPDIR:-/tmp}/fr-ovsframes.XXXXXX")
trap '"$here/ovs-oracle.sh" stop "$dir"; rm -rf "$dir"' EXIT
cd "$dir"   # ovs-vswitchd --no-chdir opens the pcaps relative to here
"$here/ovs-oracle.sh" start "$dir" >/dev/null 2>&1
export OVS_RUNDIR=$dir
for p in $(seq 1 "${PORTS:-3}"); do
  ovs-vsctl add-port br0 p$p -- set interface p$p type=dummy ofport_request=$p options:tx_pcap=p$p-tx.pcap
done
while IFS= read -r line; do
  case $line in '#'*|'') continue ;; esac
  echo "### $line"
  eval "$line" 2>&1
  sleep 0.2
done < "$res/commands.in" > "$res/commands.out"
ovs-appctl revalidator/wait
sleep 1
cp ./*-tx.pcap "$res/"
