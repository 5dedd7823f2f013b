#!/usr/bin/env bash
# Records OVS 3.1 (a private ovs-vswitchd --enable-dummy per scenario, ovs-oracle.sh: br0 on the dummy datapath) for
# refdata/ovs/vsctl/SCENARIO.in: each line's output (stdout, then stderr) after "### LINE", then "### exit N" when
# it failed, into SCENARIO.out. commands: ovs-vsctl at run time on br0 alone; bridges: br0 and br1 with ports (below).
# vlan: the Port table's VLAN columns on br0 with p1 (an access port), p2 (native-tagged) and p3.
# open-vswitch: the Open_vSwitch table (other_config:vlan-limit) on br0 alone.
#   src/test/scripts/record-vsctl.sh [SCENARIO]   (all of them by default)
#   src/test/scripts/record-vsctl.sh --dir DIR    DIR/commands.in (gen-vsctl.py's) on br0 alone into DIR/commands.out
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
res=$here/../resources/refdata/ovs/vsctl
record() { # SCENARIO [SETUP-COMMAND...]
  local scenario=$1; shift
  [ -n "${only:-}" ] && [ "$only" != "$scenario" ] && return
  dir=$(mktemp -d "${TMPDIR:-/tmp}/ovsvs.XXXXXX")
  (
    trap '"$here/ovs-oracle.sh" stop "$dir"; rm -rf "$dir"' EXIT
    cd "$dir"
    "$here/ovs-oracle.sh" start "$dir" >/dev/null 2>&1
    export OVS_RUNDIR=$dir
    for c in "$@"; do eval "$c"; done
    while IFS= read -r line; do
      case $line in '#'*|'') continue ;; esac
      echo "### $line"
      eval "$line" >"$dir/o" 2>"$dir/e"; rc=$?
      cat "$dir/o" "$dir/e"
      [ $rc -ne 0 ] && echo "### exit $rc"
      sleep 0.2
    done < "$res/$scenario.in" > "$res/$scenario.out"
  )
}
if [ "${1:-}" = --dir ]; then
  res=$(cd "$2" && pwd)
  record commands
  exit
fi
only=${1:-}
record commands
record open-vswitch
record bridges \
  'ovs-vsctl add-port br0 p1 -- set Interface p1 type=dummy' \
  'ovs-vsctl add-port br0 gw -- set Interface gw type=internal' \
  'ovs-vsctl add-port br0 p2 -- set Interface p2 type=dummy' \
  'ovs-vsctl add-br br1 -- set Bridge br1 datapath_type=dummy fail_mode=secure' \
  'ovs-vsctl add-port br1 q1 -- set Interface q1 type=dummy'
record vlan \
  'ovs-vsctl add-port br0 p1 tag=10 -- set Interface p1 type=dummy' \
  'ovs-vsctl add-port br0 p2 tag=5 trunks=10,20 vlan_mode=native-tagged -- set Interface p2 type=dummy' \
  'ovs-vsctl add-port br0 p3 -- set Interface p3 type=dummy'
