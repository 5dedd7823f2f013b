#!/usr/bin/env bash
# Records OVS 3.1's action set (write_actions, clear_actions, write_metadata) for refdata/ovs/actionset/commands.in (br0 with dummy ports p1, p2, p3): each command
# line's output (stdout and stderr) after "### LINE", into commands.out.
#   src/test/scripts/record-actionset.sh
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
res=$here/../resources/refdata/ovs/actionset
dir=$(mktemp -d "${TMPDIR:-/tmp}/ovsas.XXXXXX")
trap '"$here/ovs-oracle.sh" stop "$dir"; rm -rf "$dir"' EXIT
cd "$dir"
"$here/ovs-oracle.sh" start "$dir" >/dev/null 2>&1
export OVS_RUNDIR=$dir
for p in 1 2 3; do
  ovs-vsctl add-port br0 p$p -- set interface p$p type=dummy ofport_request=$p
done
while IFS= read -r line; do
  case $line in '#'*|'') continue ;; esac
  echo "### $line"
  eval "$line" 2>&1
  sleep 0.2
done < "$res/commands.in" > "$res/commands.out"
