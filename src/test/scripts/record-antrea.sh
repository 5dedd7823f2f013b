#!/usr/bin/env bash
# Records OVS 3.1 on a seeded Antrea-shaped pipeline (src/test/scripts/gen-antrea.py SEED DIR) into
# refdata/ovs/antrea-random-SEED: br-int (dummy datapath, as refdata/ovs/README.md's setup) with the geneve port
# antrea-tun0 (remote_ip=flow, key=flow), antrea-gw0 and the pod ports p3..pN (dummy, tx_pcap), each command line's
# output (stdout and stderr) after "### LINE" into commands.out, then every port's tx pcap beside it.
#   src/test/scripts/record-antrea.sh SEED [--wide]   (further arguments go to gen-antrea.py)
#   RES=DIR src/test/scripts/record-antrea.sh   records DIR's own commands.in and pipeline.flows instead (the ports
#   its first line names, as gen-antrea-doc.py writes them, or p3..pN)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
res=${RES:-$here/../resources/refdata/ovs/antrea-random-$1}
[ -n "${RES:-}" ] || python3 "$here/gen-antrea.py" "$1" "$res" "${@:2}" >/dev/null
# the ports: commands.in's "ports NAME=OFPORT[:geneve] ..." (gen-antrea-doc.py), else gen-antrea.py's p3..pN
ports=$(sed -n '1s/.*; ports //p' "$res/commands.in")
if [ -z "$ports" ]; then
  last=$(sed -n '1s/.*p3\.\.p\([0-9]\).*/\1/p' "$res/commands.in")
  ports="antrea-tun0=1:geneve antrea-gw0=2 $(for p in $(seq 3 "$last"); do echo -n "p$p=$p "; done)"
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/ca-ovsantrea.XXXXXX")
trap '"$here/ovs-oracle.sh" stop "$dir"; rm -rf "$dir"' EXIT
cd "$dir"   # ovs-vswitchd --no-chdir opens the pcaps relative to here, ovs-ofctl add-flows its file
"$here/ovs-oracle.sh" start "$dir" >/dev/null 2>&1
export OVS_RUNDIR=$dir
ovs-vsctl del-br br0
# no megaflow idles out (max-idle, 10 s by default) while a long seed runs: arplab has no idle expiry
ovs-vsctl set Open_vSwitch . other_config:max-idle=3600000
ovs-vsctl add-br br-int -- set bridge br-int datapath-type=dummy fail-mode=secure \
  other-config:datapath-id=0000aabbccddeeff other-config:hwaddr=aa:bb:cc:dd:ee:01 \
  protocols=OpenFlow10,OpenFlow13,OpenFlow15
# one ovs-vsctl per port: netdev-dummy hands out MACs in creation order
for p in $ports; do
  name=${p%%=*}; rest=${p#*=}; ofport=${rest%%:*}
  if [ "$rest" != "$ofport" ]; then
    ovs-vsctl add-port br-int "$name" -- set interface "$name" type=geneve options:remote_ip=flow \
      options:key=flow options:csum=true ofport_request="$ofport"
  else
    ovs-vsctl add-port br-int "$name" -- set interface "$name" type=dummy ofport_request="$ofport" \
      options:tx_pcap="$name-tx.pcap"
  fi
done
cp "$res/pipeline.flows" .
while IFS= read -r line; do
  case $line in '#'*|'') continue ;; esac
  echo "### $line"
  eval "$line" 2>&1
  sleep 0.2
done < "$res/commands.in" | sed "s|$dir|\$WORK|g" > "$res/commands.out"
ovs-appctl revalidator/wait
sleep 1
cp ./*-tx.pcap "$res/"
