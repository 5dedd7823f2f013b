#!/usr/bin/env bash
# Records OVS 3.1's route and tunnel-neighbour commands, their refusals included (ovs/route/add|del|show,
# tnl/neigh/set|show|flush, netdev-dummy/ip4addr, tnl/ports/show), on the dummy datapath with the underlay bridge
# br-phy and a Geneve port on br0, into
# refdata/geneve/ovs/native/errors.out: each command after "### COMMAND", stdout then stderr, then "exit N".
# The route table's "Cached:" lines are the recording machine's kernel routes and are left out (the user routes' prefix
# lengths are chosen so that those routes' classifier subtables keep the same order without them). Run from the
# repository root.
set -uo pipefail
out=src/test/resources/refdata/geneve/ovs/native
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/ovstnl.XXXXXX")
trap '"$here/ovs-oracle.sh" stop "$dir"; rm -rf "$dir"' EXIT
"$here/ovs-oracle.sh" start "$dir" >/dev/null 2>&1
export OVS_RUNDIR=$dir
run() { echo "### $*"; eval "$*" 2>&1 | grep -v '^Cached:'; echo "exit ${PIPESTATUS[0]}"; }
{
ovs-vsctl add-br br-phy -- set bridge br-phy datapath_type=dummy other-config:hwaddr=aa:55:aa:66:00:01
ovs-vsctl add-port br-phy eth0 -- set interface eth0 type=dummy ofport_request=1
ovs-vsctl add-port br0 tun0 -- set interface tun0 type=geneve ofport_request=1 options:remote_ip=flow options:key=flow
} >/dev/null
{
run ovs-appctl ovs/route/add 10.79.1.0/24 br-phy
run ovs-appctl tnl/ports/show -v
run ovs-appctl netdev-dummy/ip4addr nope 10.79.1.201/24
run ovs-appctl netdev-dummy/ip4addr br-phy 10.79.1.201/33
run ovs-appctl netdev-dummy/ip4addr br-phy 10.79.1.x
run ovs-appctl netdev-dummy/ip4addr br-phy 10.79.1.201/24
run ovs-appctl ovs/route/add 10.79.1.0/24
run ovs-appctl ovs/route/add 10.79.1.0/24 br-phy 1.2.3.4 pkt_mark=3 x
run ovs-appctl ovs/route/add 10.79.1.0/255.0.255.0 br-phy
run ovs-appctl ovs/route/add 10.79.1.0/24 br-phy foo
run ovs-appctl ovs/route/add 10.79.1.0/24 br-phy 10.79.1.1 bar
run ovs-appctl ovs/route/add 10.79.1.0/24 br-phy pkt_mark=7
run ovs-appctl ovs/route/add 10.79.1.0/24 br-phy
run ovs-appctl ovs/route/add 10.79.1.0/24 br-phy
run ovs-appctl ovs/route/add 10.0.0.0/9 br-phy 10.79.1.1
run ovs-appctl ovs/route/add 192.168.0.0/16 br-phy
run ovs-appctl ovs/route/add 10.79.1.7/32 br-phy pkt_mark=0x10
run ovs-appctl ovs/route/show
run ovs-appctl tnl/ports/show
run ovs-appctl tnl/ports/show -V
run ovs-appctl tnl/ports/show -v x
run ovs-appctl ovs/route/del 10.79.1.0/24 pkt_mark=9
run ovs-appctl ovs/route/del 10.79.1.0/24 x
run ovs-appctl ovs/route/del 10.79.1.0/24 pkt_mark=7
run ovs-appctl ovs/route/del 10.79.1.0/24 pkt_mark=7
run ovs-appctl ovs/route/show
run ovs-appctl tnl/ports/show -v
run ovs-appctl tnl/neigh/set br-phy 10.79.1.300 aa:bb:cc:00:00:02
run ovs-appctl tnl/neigh/set br-phy 10.79.1.3 aa:bb:cc:00:00
run ovs-appctl tnl/neigh/set br-phy 10.79.1.3
run ovs-appctl tnl/neigh/set br-phy 10.79.1.3 aa:bb:cc:00:00:03
run ovs-appctl tnl/neigh/set br-phy 10.79.1.3 aa:bb:cc:00:00:04
run ovs-appctl tnl/neigh/show
run ovs-appctl tnl/neigh/flush
run ovs-appctl tnl/neigh/show
run ovs-appctl tnl/neigh/flush x
} > "$out/errors.out"
