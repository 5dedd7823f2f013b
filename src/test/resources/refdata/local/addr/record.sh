#!/usr/bin/env bash
# Records the kernel's address rules (issue 9, areas 3 and 4): which interface answers ARP for which address
# (arp_ignore 0-8, arp_filter, ARP flux on a host with two interfaces in one subnet), which source address its
# requests carry (arp_announce), ip addr add/del with secondaries and promote_secondaries, ip route add errors,
# and a veth end going down (carrier, bridge port state, arp_evict_nocarrier).
# Run as root with iproute2 6.1, iputils, tcpdump. Namespaces (all MACs fixed):
#   rec-sw  bridge br0 (02:00:00:00:00:01, no address); ports veth-a0, veth-a1, veth-b, veth-c
#   rec-a   eth0 02:00:00:00:0a:00 10.0.0.2/24, eth1 02:00:00:00:0a:01 10.0.0.3/24, both on br0
#   rec-b   eth0 02:00:00:00:0b:00 10.0.0.10/24 on br0
#   rec-c   eth0 02:00:00:00:0c:00 10.0.0.20/24 on br0
# Each <scenario>.out holds every command's merged stdout/stderr under "$ node: command", then "[exit N]";
# "$ b: tcpdump -n -e -t -r pcaps/b.pcap" prints what b's eth0 captured during the scenario (pcaps/<scenario>-b.pcap).
set -u
cd "$(dirname "$0")"
mkdir -p pcaps
ns() { ip netns exec "rec-$1" "${@:2}"; }
setup() {
  for n in sw a b c; do ip netns add rec-$n; ns $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; ip -n rec-$n link set lo up; done
  ip -n rec-sw link add br0 address 02:00:00:00:00:01 type bridge; ip -n rec-sw link set br0 up
  plug() { ip link add veth-$1 netns rec-sw type veth peer name $3 netns rec-$2; ip -n rec-sw link set veth-$1 address $5 master br0 up
           ip -n rec-$2 link set $3 address $4; ip -n rec-$2 addr add $6 dev $3; ip -n rec-$2 link set $3 up; }
  plug a0 a eth0 02:00:00:00:0a:00 ee:00:00:00:0a:00 10.0.0.2/24
  plug a1 a eth1 02:00:00:00:0a:01 ee:00:00:00:0a:01 10.0.0.3/24
  plug b b eth0 02:00:00:00:0b:00 ee:00:00:00:0b:00 10.0.0.10/24
  plug c c eth0 02:00:00:00:0c:00 ee:00:00:00:0c:00 10.0.0.20/24
  sleep 2
}
teardown() { for n in sw a b c; do ip netns del rec-$n 2>/dev/null; done; }
run() { echo "\$ $1: ${*:2}"; ns "$@" 2>&1; echo "[exit $?]"; }
capture() { ns b tcpdump -i eth0 --immediate-mode -U -w pcaps/$1-b.pcap 2>/dev/null & CAP=$!; sleep 2; }
printcap() { sleep 1; kill $CAP; wait $CAP 2>/dev/null; echo '$ b: tcpdump -n -e -t -r pcaps/b.pcap'; tcpdump -n -e -t -r pcaps/$1-b.pcap 2>/dev/null; echo "[exit 0]"; }
scenario() { teardown; setup; capture $1; { "$2"; printcap $1; } > $1.out; teardown; }

# a host with two interfaces in one subnet: two prefix routes, and both interfaces answer for every address
flux() {
  run a ip route; run a ip route get 10.0.0.10
  run b arping -q -c1 -w1 -I eth0 10.0.0.2; run b arping -q -c1 -w1 -I eth0 10.0.0.3
  run c ping -c1 -q 10.0.0.3; run a ip neigh
}
# the VIP and scope host addresses, probed at every arp_ignore level through conf.all, then per device
targets() { for t in 10.0.0.2 10.0.0.3 10.0.0.4 10.0.0.100 192.168.1.1 10.1.0.5 10.2.0.6; do run b arping -q -c1 -w1 -I eth0 $t; done; }
ignore() {
  run a ip addr add 10.0.0.4/24 dev eth0; run a ip addr add 10.0.0.100/32 dev lo; run a ip addr add 192.168.1.1/24 dev eth1
  run a ip addr add 10.1.0.5/24 dev eth0 scope host; run a ip addr add 10.2.0.6/24 dev eth0 scope link
  for l in 0 1 2 3 4 8; do run a sysctl -w net.ipv4.conf.all.arp_ignore=$l; targets; done
  run a sysctl -w net.ipv4.conf.all.arp_ignore=0; run a sysctl -w net.ipv4.conf.eth1.arp_ignore=1; targets
  run a sysctl -w net.ipv4.conf.eth1.arp_ignore=2; run a sysctl -w net.ipv4.conf.all.arp_ignore=1; targets
}
# arp_filter: only the interface the route back to the sender leaves through answers
filter() {
  run a ip addr add 10.0.0.100/32 dev lo; run a sysctl -w net.ipv4.conf.all.arp_filter=1
  run b arping -q -c1 -w1 -I eth0 10.0.0.2; run b arping -q -c1 -w1 -I eth0 10.0.0.3; run b arping -q -c1 -w1 -I eth0 10.0.0.100
  run a sysctl -w net.ipv4.conf.all.arp_filter=0; run a sysctl -w net.ipv4.conf.eth0.arp_filter=1
  run b arping -q -c1 -w1 -I eth0 10.0.0.2; run b arping -q -c1 -w1 -I eth0 10.0.0.3
}
# arp_announce: the source address of a's requests for a datagram from a VIP on lo, from eth1's address, and a
# secondary; arp_ignore=1 keeps b's answers to a single interface
announce() {
  run a ip addr add 10.0.0.100/32 dev lo; run a ip addr add 10.0.0.5/24 dev eth0; run a sysctl -w net.ipv4.conf.all.arp_ignore=1
  run b ip route add default via 10.0.0.2
  for l in 0 1 2; do
    run a sysctl -w net.ipv4.conf.all.arp_announce=$l
    for s in 10.0.0.100 10.0.0.3 10.0.0.5; do run a ip neigh flush all; run b ip neigh flush all; run a ping -c1 -q -I $s 10.0.0.10; done
  done
  run a sysctl -w net.ipv4.conf.all.arp_announce=0; run a sysctl -w net.ipv4.conf.eth0.arp_announce=2
  run a ip neigh flush all; run a ping -c1 -q -I 10.0.0.100 10.0.0.10
}
# LVS direct routing: the VIP on lo of a, hidden by arp_ignore=1 and arp_announce=2; c owns it on the wire
lvs() {
  run a ip addr add 10.0.0.100/32 dev lo; run c ip addr add 10.0.0.100/24 dev eth0
  run a sysctl -w net.ipv4.conf.all.arp_ignore=1; run a sysctl -w net.ipv4.conf.all.arp_announce=2
  run b arping -c1 -w1 -I eth0 10.0.0.100; run b ping -c1 -q 10.0.0.100; run b ip neigh show 10.0.0.100
}
# ip addr add/del: secondaries, promote_secondaries, scopes, the errors
addr() {
  run a ip addr add 10.0.0.2/24 dev eth0; run a ip addr add 10.0.0.5/24 dev eth0; run a ip addr add 10.0.0.6/24 dev eth0
  run a ip addr add 10.0.0.2/16 dev eth0; run a ip addr add 10.0.0.7/24 dev eth0 scope host
  run a ip addr add 10.1.0.5/24 dev eth0 scope host; run a ip addr add 10.2.0.6/24 dev eth0 scope link
  run a ip addr show dev eth0; run a ip route
  run a ip addr del 10.0.0.2/16 dev eth0; run a ip addr del 10.0.0.99/24 dev eth0; run a ip addr del 10.0.0.5/16 dev eth0
  run a ip addr del 10.0.0.2/24 dev eth0; run a ip addr show dev eth0; run a ip route
  run a ip addr add 10.0.0.2/24 dev eth0; run a ip addr add 10.0.0.5/24 dev eth0; run a ip addr add 10.0.0.6/24 dev eth0
  run a ip addr add 10.0.0.8/24 dev eth0; run a ip route add 10.9.0.0/16 via 10.0.0.1; run a ip route add 10.8.0.0/16 dev eth0 src 10.0.0.5
  run a sysctl -w net.ipv4.conf.eth0.promote_secondaries=1
  run a ip addr del 10.0.0.2/24 dev eth0; run a ip addr show dev eth0; run a ip route
  run a ip addr del 10.0.0.5/24 dev eth0; run a ip route; run a ip addr del 10.0.0.6 dev eth0; run a ip addr show dev eth0
  run a ip route add 10.9.0.1/24 dev eth0; run a ip route add 10.9.0.0/24 dev eth0; run a ip route add 10.9.0.0/24 dev eth0
  run a ip route add 10.7.0.0/16 via 10.5.0.1; run a ip route del 10.7.0.0/16
  run a ip addr flush dev eth1; run a ip route; run a ip addr add 10.0.0.3/24 dev eth1; run a ip addr show dev eth1; run a ip route
}
# a veth end going down: its peer loses carrier, the bridge port is disabled, routes show linkdown, neighbours go
link() {
  run b ping -c1 -q 10.0.0.20; run b ip neigh
  run sw ip link set veth-b down; run b ip link show dev eth0; run b ip addr show dev eth0; run b ip route; run b ip neigh
  run sw bridge link; run b ping -c1 -w1 -q 10.0.0.20
  run sw ip link set veth-b up; run b ip link show dev eth0; run sw bridge link
  run b sysctl -w net.ipv4.conf.eth0.arp_evict_nocarrier=0; run b ping -c1 -q 10.0.0.20
  run sw ip link set veth-b down; run b ip neigh; run sw ip link set veth-b up
  run a ip link set eth1 down; run sw ip link show dev veth-a1; run sw bridge link; run a ip route; run a ip link set eth1 up; run a ip route
  run a ip link show
}
for s in ${SCENARIOS:-flux ignore filter announce lvs addr link}; do scenario $s $s; done
