#!/usr/bin/env bash
# Records IFLA_QDISC across a device's life (kernel 6.x, iproute2 6.1): register_netdevice() leaves a device with
# noop_qdisc until dev_activate() first attaches its default qdisc (noqueue for IFF_NO_QUEUE devices: bridge, veth,
# OVS internal ports), which stays after the device goes down again. Run as root; one namespace, removed at the end.
# qdisc.out holds every command's merged stdout/stderr under "$ command", then "[exit N]".
set -u
cd "$(dirname "$0")"
ip netns add rec-qd
run() { echo "\$ $*"; ip netns exec rec-qd "$@" 2>&1; echo "[exit $?]"; }
{
  ip -n rec-qd link add br-int address 02:00:00:00:00:01 type bridge
  run ip link show br-int
  run ip -j link show br-int
  run ip link set br-int up
  run ip link set br-int down
  run ip link show br-int
  run ip -j link show br-int
} > qdisc.out
ip netns del rec-qd
