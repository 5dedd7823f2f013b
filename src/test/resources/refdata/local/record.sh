#!/usr/bin/env bash
# Records what the real kernel and tools do in a few scenarios of the kinds the recordings in ../linux hold back
# (failed resolution, arping, gratuitous ARP after a MAC move, traceroute and ICMP rate limiting, fragments, ping
# intervals and bursts).
# Run as root on a machine with iproute2, iputils (ping, arping) and traceroute; it builds network namespaces
# rec-host (bridges br0 172.28.0.1/16 and br1 172.18.0.1/16, forwarding on), rec-n1 172.28.0.11,
# rec-n2 172.28.0.12 and rec-n4 172.18.0.2, runs each scenario from clean ARP tables, writes
# <scenario>.out (each command's stdout/stderr under a "$ node: command" line) and deletes the namespaces.
set -u
cd "$(dirname "$0")"
ns() { ip netns exec "rec-$1" "${@:2}"; }
setup() {
  for n in host n1 n2 n4; do ip netns add rec-$n; ip netns exec rec-$n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; ip -n rec-$n link set lo up; done
  ip -n rec-host link add br0 address 02:42:8e:ff:44:b3 type bridge; ip -n rec-host link add br1 address 02:42:5a:3c:7e:21 type bridge
  ip -n rec-host addr add 172.28.0.1/16 dev br0; ip -n rec-host addr add 172.18.0.1/16 dev br1
  ip -n rec-host link set br0 up; ip -n rec-host link set br1 up; ns host sysctl -qw net.ipv4.ip_forward=1
  plug() { ip link add veth-$1 netns rec-host type veth peer name eth0 netns rec-$1; ip -n rec-host link set veth-$1 master $2 up
           ip -n rec-$1 link set eth0 address $3; ip -n rec-$1 addr add $4 dev eth0; ip -n rec-$1 link set eth0 up; ip -n rec-$1 route add default via $5; }
  plug n1 br0 02:42:ac:1c:00:0b 172.28.0.11/16 172.28.0.1
  plug n2 br0 02:42:ac:1c:00:0c 172.28.0.12/16 172.28.0.1
  plug n4 br1 02:42:ac:12:00:02 172.18.0.2/16 172.18.0.1
  sleep 2
}
teardown() { for n in host n1 n2 n4; do ip netns del rec-$n 2>/dev/null; done; }
run() { echo "\$ $1: ${*:2}"; ns "$@" 2>&1; echo "[exit $?]"; }
flush() { for n in host n1 n2 n4; do ns $n ip neigh flush all; ns $n ip neigh flush proxy; done; }

teardown; setup
flush; { run n1 ping -c5 172.28.0.98; run n1 ip neigh; run n1 arp -an; } > failed_resolution.out
flush; { run n1 arping -c2 -I eth0 172.28.0.12; run n2 ip neigh; run n1 ip neigh;
         run n1 arping -D -c1 -I eth0 172.28.0.12; } > arping.out
flush; { run n2 ping -c1 -q 172.28.0.11; run n1 ping -c1 -q 172.28.0.1; run n1 ip link set dev eth0 address 02:42:ac:1c:00:99
         run n1 ip neigh; run n1 arping -U -c1 -I eth0 172.28.0.11; run n2 ip neigh; run host ip neigh show dev br0; } > mac_move.out
ip -n rec-n1 link set dev eth0 address 02:42:ac:1c:00:0b
flush; { run n1 traceroute -n 172.18.0.2; run n1 traceroute -n 172.18.0.99; run n1 ping -c2 -t1 172.18.0.2; } > traceroute.out
flush; { run n1 ping -c2 -s 3000 172.28.0.12; run n1 ping -c1 -M do -s 3000 172.28.0.12; } > fragments.out
# proxy ARP: n1 thinks 172.18.0.2 is on its link (/12); the host answers for it, first by proxy_arp, then by a
# proxy entry
flush; { run n1 ip addr del 172.28.0.11/16 dev eth0; run n1 ip addr add 172.28.0.11/12 dev eth0
         run n1 ip route add default via 172.28.0.1; run host sysctl -w net.ipv4.conf.br0.proxy_arp=1
         run n1 arping -c1 -I eth0 172.18.0.2; run n1 ping -c2 172.18.0.2; run n1 ip neigh
         run host sysctl -w net.ipv4.conf.br0.proxy_arp=0; run n1 ip neigh flush all
         run n1 arping -c1 -w1 -I eth0 172.18.0.2
         run host ip neigh add proxy 172.18.0.2 dev br0; run host ip neigh add proxy 172.18.0.3; run host ip neigh show proxy
         run host arp -an; run host arp -n; run n1 arping -c1 -I eth0 172.18.0.2
         run host ip neigh del proxy 172.18.0.2 dev br0; run host ip neigh del proxy 172.18.0.2 dev br0
         run host ip neigh show proxy; } > proxy_arp.out
# ICMP redirect: n1 sends 172.18/16 via n2, which forwards out the way it came in and redirects n1 to the host
flush; { run n2 sysctl -w net.ipv4.ip_forward=1; run n1 ip route add 172.18.0.0/16 via 172.28.0.12
         run n1 ping -c3 172.18.0.2; run n1 ip route get 172.18.0.2; run n1 ip neigh; run n1 traceroute -n 172.18.0.2; } > redirect.out
# Kernel time and the synchronous path: ping's interval on the timer wheel (SO_RCVTIMEO), preload bursts, and
# traceroute's window of 16 probes answered before its next system call; n1's capture kept as bursts.pcap
flush; ip netns exec rec-n1 tcpdump -q -U -n -i eth0 -w bursts.pcap 2>/dev/null & cap=$!; sleep 1
{ run n1 ping -c3 172.28.0.12; run n1 ping -c3 -l 3 172.28.0.12; run n1 ping -c2 -l 3 -q 172.18.0.2
  run n1 traceroute -n 172.28.0.12; run n1 traceroute -n -q 6 172.18.0.2; run n1 traceroute -n -q 1 -m 4 172.18.0.2; } > bursts.out
sleep 1; kill $cap; wait $cap 2>/dev/null
teardown
# more bursts, through the router, under namespaces of their own
./record-bursts.sh
