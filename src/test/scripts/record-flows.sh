#!/usr/bin/env bash
# Records what the real OVS 3.1 makes of each line of refdata/ovs/differential/NAME.in (flows.in by default): the
# add-flow's exit code and stderr (log timestamps replaced by TIME), then dump-flows --no-stats with OpenFlow10, 13 and
# 15. ADD and DUMP name other versions to add and dump with (br0 then allows every version). Needs OVS installed.
#   [ADD="OpenFlow11 ..."] [DUMP="OpenFlow12 ..."] src/test/scripts/record-flows.sh [NAME|FILE] \
#     > src/test/resources/refdata/ovs/differential/NAME.out
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/ovsdiff.XXXXXX")
trap '"$here/ovs-oracle.sh" stop "$dir"; rm -rf "$dir"' EXIT
"$here/ovs-oracle.sh" start "$dir" >/dev/null 2>&1
export OVS_RUNDIR=$dir
ADD=${ADD:-OpenFlow10 OpenFlow15}
DUMP=${DUMP:-OpenFlow10 OpenFlow13 OpenFlow15}
case "$ADD $DUMP" in *OpenFlow11*|*OpenFlow12*|*OpenFlow14*)
  ovs-vsctl set bridge br0 protocols=OpenFlow10,OpenFlow11,OpenFlow12,OpenFlow13,OpenFlow14,OpenFlow15 ;;
esac
in=$here/../resources/refdata/ovs/differential/${1:-flows}.in
[ -f "${1:-}" ] && in=$1   # or a file of flows (FlowsLiveOvsTest's fresh random campaign)
while IFS= read -r line; do
  case $line in '#'*|'') continue ;; esac
  for v in $ADD; do
    ovs-ofctl del-flows br0
    echo "### $v $line"
    ovs-ofctl -O $v add-flow br0 "$line" 2>"$dir/err"
    echo "rc=$?"
    sed -E 's/^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z\|/TIME|/' "$dir/err"
    for d in $DUMP; do
      echo "--- $d"
      ovs-ofctl -O $d --no-stats dump-flows br0 2>&1
    done
  done
done < "$in"
