#!/usr/bin/env bash
# Records OVS 3.1 on a seeded sequence of ovs-ofctl flow commands (src/test/scripts/gen-flowcmds.py SEED N DIR) into
# refdata/ovs/flowcmds/SEED: one private ovs-vswitchd (ovs-oracle.sh; br0 with the dummy ports p1, p2, p3), each
# command line's stdout then stderr after "### LINE", then "rc=" its exit status, into commands.out.
#   src/test/scripts/record-flowcmds.sh SEED [N]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
res=$here/../resources/refdata/ovs/flowcmds/$1
python3 "$here/gen-flowcmds.py" "$1" "${2:-60}" "$res"
dir=$(mktemp -d "${TMPDIR:-/tmp}/fc-ovsflowcmds.XXXXXX") || exit 1
trap '"$here/ovs-oracle.sh" stop "$dir"; rm -rf "$dir"' EXIT
cd "$dir"   # ovs-ofctl add-flows opens its file relative to here
"$here/ovs-oracle.sh" start "$dir" >/dev/null 2>&1
export OVS_RUNDIR=$dir
for p in 1 2 3; do
  ovs-vsctl add-port br0 p$p -- set interface p$p type=dummy ofport_request=$p
done
cp "$res"/*.flows . 2>/dev/null
while IFS= read -r line; do
  case $line in '#'*|'') continue ;; esac
  echo "### $line"
  eval "$line" >"$dir/o" 2>"$dir/e"
  rc=$?
  cat "$dir/o" "$dir/e"
  echo "rc=$rc"
done < "$res/commands.in" > "$res/commands.out"
