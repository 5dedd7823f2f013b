#!/usr/bin/env bash
# Records which pcap files netdev-dummy writes as ports come, go and change their options in the real OVS 3.1: br0
# with dummy ports p1 (options:pcap=p1.pcap) and p2 (rxq_pcap=p2-rx.pcap, tx_pcap=p2-tx.pcap), then each line of
# refdata/ovs/pcap-ports/commands.in (its output and exit status after "### LINE" into commands.out); every pcap
# the daemon wrote is copied beside them.
#   src/test/scripts/record-pcap-ports.sh
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
res=$here/../resources/refdata/ovs/pcap-ports
dir=$(mktemp -d "${TMPDIR:-/tmp}/ovspcapports.XXXXXX")
trap '"$here/ovs-oracle.sh" stop "$dir"; rm -rf "$dir"' EXIT
cd "$dir"   # ovs-vswitchd --no-chdir opens the pcaps relative to here
"$here/ovs-oracle.sh" start "$dir" >/dev/null 2>&1
export OVS_RUNDIR=$dir
ovs-vsctl add-port br0 p1 -- set interface p1 type=dummy ofport_request=1 options:pcap=p1.pcap \
  -- add-port br0 p2 -- set interface p2 type=dummy ofport_request=2 options:rxq_pcap=p2-rx.pcap \
  options:tx_pcap=p2-tx.pcap
rm -f "$res"/*.pcap
while IFS= read -r line; do
  case $line in '#'*|'') continue ;; esac
  echo "### $line"
  eval "$line" 2>&1
  echo "[exit $?]"
  sleep 0.2
done < "$res/commands.in" > "$res/commands.out"
ovs-appctl revalidator/wait
sleep 1
cp ./*.pcap "$res/"
