#!/usr/bin/env bash
# Records OVS 3.1's learn action for refdata/ovs/learn/commands.in (br0 with dummy ports p1, p2, p3): each command
# line's output (stdout and stderr) after "### LINE", into commands.out (or NAME.in into NAME.out: extras, limit=,
# result_dst= and delete_learned).
#   src/test/scripts/record-learn.sh [NAME]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
res=$here/../resources/refdata/ovs/learn
dir=$(mktemp -d "${TMPDIR:-/tmp}/ovsln.XXXXXX")
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
done < "$res/${1:-commands}.in" > "$res/${1:-commands}.out"
