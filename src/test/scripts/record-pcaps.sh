#!/usr/bin/env bash
# Records netdev-dummy's port pcaps in the real OVS 3.1: dummy ports p1, p2 of br0 with rxq_pcap/tx_pcap, flows
# in_port=1->2 and 2->1, then each line of refdata/ovs/pcaps/receive.in as ovs-appctl netdev-dummy/receive's
# arguments (its output and exit code into receive.out). The four pcaps and receive.out land in refdata/ovs/pcaps.
#   src/test/scripts/record-pcaps.sh
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
res=$here/../resources/refdata/ovs/pcaps
dir=$(mktemp -d "${TMPDIR:-/tmp}/ovspcap.XXXXXX")
trap '"$here/ovs-oracle.sh" stop "$dir"; rm -rf "$dir"' EXIT
cd "$dir"   # ovs-vswitchd --no-chdir opens the pcaps relative to here
"$here/ovs-oracle.sh" start "$dir" >/dev/null 2>&1
export OVS_RUNDIR=$dir
ovs-vsctl add-port br0 p1 -- set interface p1 type=dummy ofport_request=1 options:rxq_pcap=p1-rx.pcap \
  options:tx_pcap=p1-tx.pcap -- add-port br0 p2 -- set interface p2 type=dummy ofport_request=2 \
  options:rxq_pcap=p2-rx.pcap options:tx_pcap=p2-tx.pcap
ovs-ofctl add-flow br0 in_port=1,actions=output:2
ovs-ofctl add-flow br0 in_port=2,actions=output:1
while IFS= read -r line; do
  case $line in '#'*|'') continue ;; esac
  echo "### $line"
  eval "ovs-appctl netdev-dummy/receive $line" 2>&1
  echo "rc=$?"
done < "$res/receive.in" > "$res/receive.out"
ovs-appctl revalidator/wait
sleep 1
cp p1-rx.pcap p1-tx.pcap p2-rx.pcap p2-tx.pcap "$res/"
