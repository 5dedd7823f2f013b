#!/usr/bin/env bash
# Records bridge port security: `bridge link set ... locked/learning/neigh_suppress`, how `bridge link show` prints
# them, a locked port's drops and a neigh_suppress port's ARP replies. Run as root (iproute2 6.1, iputils 20221126,
# tcpdump). Namespaces fz-host (br0 172.28.0.1/16), fz-n1..fz-n3 (172.28.0.11-13 on veth-n1..veth-n3), as record.sh
# lays them; writes port_security_*.out ("$ node: command", merged output, "[exit N]") and deletes the namespaces.
set -u
cd "$(dirname "$0")"
ns() { ip netns exec "fz-$1" "${@:2}"; }
NODES="host n1 n2 n3"
setup() {
  for n in $NODES; do ip netns add fz-$n; ns $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; ip -n fz-$n link set lo up; done
  ip -n fz-host link add br0 address 02:42:8e:ff:44:b3 type bridge; ip -n fz-host addr add 172.28.0.1/16 dev br0; ip -n fz-host link set br0 up
  plug() { ip link add veth-$1 netns fz-host type veth peer name eth0 netns fz-$1; ip -n fz-host link set veth-$1 master br0 up
           ip -n fz-$1 link set eth0 address $2; ip -n fz-$1 addr add $3 dev eth0; ip -n fz-$1 link set eth0 up; }
  plug n1 02:42:ac:1c:00:0b 172.28.0.11/16
  plug n2 02:42:ac:1c:00:0c 172.28.0.12/16
  plug n3 02:42:ac:1c:00:0d 172.28.0.13/16
  sleep 2
}
teardown() { for n in $NODES; do ip netns del fz-$n 2>/dev/null; done; }
run() { echo "\$ $1: ${*:2}"; ns "$@" 2>&1; echo "[exit $?]"; }
# a node's ARP frames while the commands after it run (tcpdump's own count lines dropped)
capture() { ns $1 timeout 4 tcpdump -i eth0 -n -e -l arp 2>/dev/null > /tmp/fz-cap-$1 & sleep 1; }
captured() { wait; echo "\$ $1: tcpdump -i eth0 -n -e arp"; cut -d' ' -f2- /tmp/fz-cap-$1; rm -f /tmp/fz-cap-$1; }
fdb() { run host bridge fdb show br br0 | sed '/33:33\|01:00:5e\|permanent/d'; }

teardown; setup
{ run host bridge link show
  run host bridge link set dev veth-n1 locked on learning off
  run host bridge link set dev veth-n2 neigh_suppress on
  run host bridge link show
  run host bridge -d link show dev veth-n1
  run host bridge -d link show dev veth-n3
  run host bridge link set dev veth-n1 locked
  run host bridge link set dev veth-n1 locked maybe
  run host bridge link set dev veth-n1 mab on
  run host bridge link set dev veth-n1 locked off learning on
  run host bridge link set dev veth-n2 neigh_suppress off
  run host bridge link show dev veth-n1; } > port_security_link.out
teardown; setup
# br_handle_frame_finish(): a locked port drops frames whose source has no fdb entry on it, before learning
{ run host bridge link set dev veth-n1 locked on
  capture n2; run n1 ping -c1 -W1 172.28.0.12; captured n2
  fdb
  run host bridge fdb add 02:42:ac:1c:00:0b dev veth-n1 master static
  run n1 ping -c1 -W1 172.28.0.12
  fdb
  # n3 takes n1's MAC: its source is known, but on another port, so n3's frames are dropped (no roaming)
  run n3 ip link set eth0 address 02:42:ac:1c:00:0b
  run n3 ping -c1 -W1 172.28.0.12
  fdb; } > port_security_locked.out
teardown; setup
# br_do_proxy_suppress_arp(): with neigh_suppress on n2's port the bridge answers requests for n2 from br0's
# neighbour table, and does not flood them to n2; a request it cannot answer is flooded as usual
{ run host bridge link set dev veth-n2 neigh_suppress on
  run host ping -c1 -q 172.28.0.12
  run host ip neigh show dev br0
  capture n2; capture n3; run n1 arping -c1 -w1 -I eth0 172.28.0.12; captured n2; captured n3
  capture n2; run n1 arping -c1 -w1 -I eth0 172.28.0.13; captured n2
  capture n2; run n1 arping -c1 -w1 -I eth0 172.28.0.1; captured n2
  capture n1; run n2 arping -c1 -w1 -I eth0 172.28.0.11; captured n1
  run n1 ip neigh show; } > port_security_suppress.out
teardown
