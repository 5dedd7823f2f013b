#!/usr/bin/env bash
# Records OVS 3.1 (private ovs-vswitchd --enable-dummy, ovs-oracle.sh) tracing through a Geneve port as Antrea
# configures it (remote_ip=flow, key=flow, csum=true) with the kernel-tunnel path (tnl_push_pop off):
# refdata/geneve/ovs/{setup.txt, trace-to-tunnel.txt, trace-from-tunnel.txt}. Run from the repository root.
set -euo pipefail
out=src/test/resources/refdata/geneve/ovs
dir=$(mktemp -d /tmp/k8ovs.XXXX)
export OVS_RUNDIR=$dir OVS_DBDIR=$dir OVS_LOGDIR=$dir OVS_SYSCONFDIR=$dir OVS_PKGDATADIR=/usr/share/openvswitch
src/test/scripts/ovs-oracle.sh start "$dir" >/dev/null 2>&1
trap 'src/test/scripts/ovs-oracle.sh stop "$dir"; rm -rf "$dir"' EXIT
ovs-vsctl add-port br0 p3 -- set interface p3 type=dummy ofport_request=3 \
  -- add-port br0 antrea-tun0 -- set interface antrea-tun0 type=geneve ofport_request=1 \
     options:remote_ip=flow options:key=flow options:csum=true
ovs-appctl dpif/set-dp-features br0 tnl_push_pop false >/dev/null
grep -v '^#' "$out/flows.txt" | while read -r f; do ovs-ofctl -O OpenFlow13 add-flow br0 "$f"; done
ovs-appctl ofproto/trace br0 "$(sed -n 1p "$out/traces.txt")" > "$out/trace-to-tunnel.txt"
ovs-appctl ofproto/trace br0 "$(sed -n 2p "$out/traces.txt")" > "$out/trace-from-tunnel.txt"
