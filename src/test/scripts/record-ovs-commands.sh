#!/usr/bin/env bash
# Records OVS 3.1 for the named files of refdata/ovs/TOPIC (all its *.in by default) in one private ovs-vswitchd
# (ovs-oracle.sh; br0 with dummy ports p1, p2, p3): each command line's output (stdout and stderr) after "### LINE",
# into the .out beside it; flows, conntrack and datapath flows are flushed before each file. With STATUS=1 each
# output ends with a line "[exit N]", the command's exit status. The private run directory reads as OVS's default,
# /var/run/openvswitch. The topic's *.flows and *.groups files are copied beside the commands, which name them.
#   [STATUS=1] src/test/scripts/record-ovs-commands.sh TOPIC [NAME.in ...]
set -uo pipefail
[ $# -ge 1 ] || { echo "usage: $0 TOPIC [NAME.in ...] (TOPIC: a folder of src/test/resources/refdata/ovs)" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
topic=$1
res=$here/../resources/refdata/ovs/$topic
[ -d "$res" ] || { echo "$0: no folder $res" >&2; exit 2; }
shift
files=()
for f in "${@:-}"; do [ -n "$f" ] && files+=("$res/$f"); done
[ ${#files[@]} -gt 0 ] || files=("$res"/*.in)
dir=$(mktemp -d "${TMPDIR:-/tmp}/ovs$topic.XXXXXX") || exit 1
trap '"$here/ovs-oracle.sh" stop "$dir"; rm -rf "$dir"' EXIT
cd "$dir"
cp "$res"/*.flows "$res"/*.groups "$dir"/ 2>/dev/null # flow and group files the commands name, by their own names
"$here/ovs-oracle.sh" start "$dir" >/dev/null 2>&1
export OVS_RUNDIR=$dir
for p in 1 2 3; do
  ovs-vsctl add-port br0 p$p -- set interface p$p type=dummy ofport_request=$p
done
for in in "${files[@]}"; do
  ovs-ofctl -O OpenFlow15 del-flows br0
  ovs-appctl dpctl/flush-conntrack
  ovs-appctl dpctl/del-flows
  while IFS= read -r line; do
    case $line in '#'*|'') continue ;; esac
    echo "### $line"
    eval "$line" > "$dir/.out" 2>&1
    rc=$?
    sed "s#$dir#/var/run/openvswitch#g" "$dir/.out"
    [ "${STATUS:-0}" = 1 ] && echo "[exit $rc]"
    sleep 0.2
  done < "$in" > "${in%.in}.out"
done
