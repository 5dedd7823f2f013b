#!/usr/bin/env bash
# Records the neighbour table's kernel-made entries and shared accounting, and a Linux bridge's flood order and fdb
# rules. Run as root (iproute2 6.1, iputils 20221126, tracefs). Namespaces: nb-host with br0 172.28.0.1/16; ports
# plugged in the order n1, n2, n3 (172.28.0.11-13); n2 and n3 also hold 172.28.0.50, so who answers an ARP request
# for it first shows the flood order. Writes <scenario>.out ("$ node: command", merged output, "[exit N]") and
# deletes the namespaces. Neighbour tracepoints go to a private tracefs instance.
set -u
cd "$(dirname "$0")"
ns() { ip netns exec "nb-$1" "${@:2}"; }
NODES="host n1 n2 n3"
setup() {
  for n in $NODES; do ip netns add nb-$n; ns $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; ip -n nb-$n link set lo up; done
  ip -n nb-host link add br0 address 02:42:8e:ff:44:b3 type bridge; ip -n nb-host addr add 172.28.0.1/16 dev br0; ip -n nb-host link set br0 up
  plug() { ip link add veth-$1 netns nb-host type veth peer name eth0 netns nb-$1; ip -n nb-host link set veth-$1 master br0 up
           ip -n nb-$1 link set eth0 address $2; ip -n nb-$1 addr add $3 dev eth0; ip -n nb-$1 link set eth0 up; }
  plug n1 02:42:ac:1c:00:0b 172.28.0.11/16
  plug n2 02:42:ac:1c:00:0c 172.28.0.12/16
  plug n3 02:42:ac:1c:00:0d 172.28.0.13/16
  ip -n nb-n2 addr add 172.28.0.50/16 dev eth0; ip -n nb-n3 addr add 172.28.0.50/16 dev eth0
  sleep 2
}
teardown() { for n in $NODES; do ip netns del nb-$n 2>/dev/null; done; }
run() { echo "\$ $1: ${*:2}"; ns "$@" 2>&1; echo "[exit $?]"; }
flush() { for n in $NODES; do ns $n ip neigh flush all; done; }

teardown; setup
# flood order: br_flood walks br->port_list; the newest port (n3) gets the request first and answers first
flush; { run n1 arping -c1 -w1 -I eth0 172.28.0.50; run n1 ping -c1 -q 172.28.0.50; run n1 ip neigh show 172.28.0.50; } > flood_order.out
# fdb entries with a vlan: the kernel's range (1..4094) and the bridge's configured vlans; fdb_max_learned needs
# iproute2 6.8
{ for v in 0 1 5 4094 4095 4096 -1 x; do run host bridge fdb add 02:00:00:00:00:01 dev veth-n1 master static vlan $v; done
  run host bridge fdb show dev veth-n1 | sed '/33:33\|01:00:5e/d'
  run host ip link set br0 type bridge fdb_max_learned 2; } > fdb_vlan.out
# entries the kernel makes: NOARP for broadcast and loopback destinations, NONE left by a rejected ip neigh add;
# ip -s neigh flush counts them
flush; { run n1 ping -c1 -b 172.28.255.255; run n1 ping -c1 127.0.0.1; run n1 ping -c1 172.28.0.11
         run n1 ip neigh show nud all; run n1 ip neigh add 172.28.0.99 dev eth0; run n1 ip neigh add 172.28.0.98 dev eth0 nud reachable
         run n1 ip neigh show nud all; run n1 ip -s neigh show nud all; run n1 ip -s neigh flush all; run n1 ip neigh show nud all
         run n1 ip -s -s neigh flush all; run n1 ip neigh show nud all; run n1 sysctl net.ipv4.neigh.default.gc_thresh1
         run n1 sysctl net.ipv4.neigh.eth0.gc_stale_time; } > noarp_entries.out
# arp_tbl's sysctls exist in the initial namespace only: the machine's own (root) has them, a namespace has not
{ echo "\$ root: sysctl net.ipv4.neigh.default.gc_thresh3"; sysctl net.ipv4.neigh.default.gc_thresh3 2>&1; echo "[exit $?]"
  run n1 sysctl net.ipv4.neigh.default.gc_thresh3; run n1 sysctl -w net.ipv4.neigh.default.gc_thresh3=2048
  run n1 sysctl net/ipv4/neigh/default/gc_interval; } > gc_sysctl.out
# one arp_tbl for all namespaces: neigh_create's entries counts the entries of every namespace
T=/sys/kernel/tracing; [ -d $T/events ] || mount -t tracefs nodev $T
I=$T/instances/nb-neigh; rmdir $I 2>/dev/null; mkdir $I; echo 1 > $I/events/neigh/neigh_create/enable
flush; for n in n1 n2 n3; do ns $n ping -c1 -q 172.28.0.1 >/dev/null; done; ns host ping -c1 -q 172.28.0.11 >/dev/null
echo 0 > $I/events/neigh/neigh_create/enable
sed -n 's/.*neigh_create: \(.*\)/\1/p' $I/trace | grep 'dev \(eth0\|br0\)' > shared_entries.trace; rmdir $I
teardown
