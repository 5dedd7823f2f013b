#!/usr/bin/env bash
# Records the megaflows of OVS 3.1 for refdata/ovs/NAME/commands.in (br0 with dummy ports p1 and p2; NAME is
# megaflows, or revalidate): each command line's output (stdout and stderr) after "### LINE", into commands.out.
# A SEED instead records a seeded generic campaign (src/test/scripts/gen-megaflows.py SEED DIR) into
# refdata/ovs/megaflow-random-SEED through record-frames.sh: ports p1..pN with tx pcaps, copied beside it.
#   src/test/scripts/record-megaflows.sh [NAME|SEED [l3|clone|l4]]   (further arguments go to gen-megaflows.py)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
case ${1:-} in
  ''|*[!0-9]*) ;;
  *) res=$here/../resources/refdata/ovs/megaflow-random-$1
     python3 "$here/gen-megaflows.py" "$1" "$res" "${@:2}" >/dev/null
     last=$(sed -n '1s/.*p1\.\.p\([0-9]\).*/\1/p' "$res/commands.in")
     RES=$res PORTS=$last exec "$here/record-frames.sh" ;;
esac
res=$here/../resources/refdata/ovs/${1:-megaflows}
dir=$(mktemp -d "${TMPDIR:-/tmp}/ovsdp.XXXXXX")
trap '"$here/ovs-oracle.sh" stop "$dir"; rm -rf "$dir"' EXIT
cd "$dir"
"$here/ovs-oracle.sh" start "$dir" >/dev/null 2>&1
export OVS_RUNDIR=$dir
# one ovs-vsctl per port, as a lab creates them: in one transaction OVS adds them in hash order
ovs-vsctl add-port br0 p1 -- set interface p1 type=dummy ofport_request=1
ovs-vsctl add-port br0 p2 -- set interface p2 type=dummy ofport_request=2
while IFS= read -r line; do
  case $line in '#'*|'') continue ;; esac
  echo "### $line"
  eval "$line" 2>&1
  sleep 0.2
done < "$res/commands.in" > "$res/commands.out"
