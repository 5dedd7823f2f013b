#!/usr/bin/env bash
# Starts a private Open vSwitch 3.1 (ovsdb-server + ovs-vswitchd --enable-dummy --disable-system) in DIR, the way
# OVS's test suite does, with bridge br0 (datapath_type=dummy, fail-mode=secure, OpenFlow10/13/15).
#   ovs-oracle.sh start DIR    then: OVS_RUNDIR=DIR ovs-ofctl ... br0
#   ovs-oracle.sh stop DIR     kills the two daemons by their pidfiles
set -euo pipefail
cmd=$1 dir=$2
export OVS_RUNDIR=$dir OVS_DBDIR=$dir OVS_LOGDIR=$dir OVS_SYSCONFDIR=$dir OVS_PKGDATADIR=/usr/share/openvswitch
case $cmd in
start)
  mkdir -p "$dir"
  ovsdb-tool create "$dir/conf.db" /usr/share/openvswitch/vswitch.ovsschema
  ovsdb-server --detach --no-chdir --pidfile --log-file --remote=punix:"$dir/db.sock" "$dir/conf.db"
  ovs-vsctl --no-wait init
  ovs-vswitchd --enable-dummy --disable-system --detach --no-chdir --pidfile --log-file unix:"$dir/db.sock"
  ovs-vsctl add-br br0 -- set bridge br0 datapath-type=dummy fail-mode=secure protocols=OpenFlow10,OpenFlow13,OpenFlow15
  ;;
stop)
  for p in ovs-vswitchd ovsdb-server; do
    [ -f "$dir/$p.pid" ] && kill "$(cat "$dir/$p.pid")" 2>/dev/null || true
  done
  ;;
esac
