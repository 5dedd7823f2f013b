#!/usr/bin/env bash
# Records more bursts on the synchronous path (see README): the topology of record.sh under namespaces sy-host,
# sy-n1, sy-n2, sy-n4, from flushed ARP tables, with n1's capture: a preload burst through the router that starts by
# resolving both the gateway and the far host inside the first sendmsg(), traceroute's window in ICMP mode (one
# socket: each answer read frees a place in the window, 19 probes) and in UDP mode (a socket per probe: every answer
# is read in one poll, 16).
# Then, on the LAN, a flood ping and arping. Writes bursts_routed.out/.pcap and bursts_lan.out/.pcap; deletes the
# namespaces. Run as root.
set -u
cd "$(dirname "$0")"
ns() { ip netns exec "sy-$1" "${@:2}"; }
NODES="host n1 n2 n4"
teardown() { for n in $NODES; do ip netns del sy-$n 2>/dev/null; done; }
teardown
for n in $NODES; do ip netns add sy-$n; ns $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; ip -n sy-$n link set lo up; done
ip -n sy-host link add br0 address 02:42:8e:ff:44:b3 type bridge; ip -n sy-host link add br1 address 02:42:5a:3c:7e:21 type bridge
ip -n sy-host addr add 172.28.0.1/16 dev br0; ip -n sy-host addr add 172.18.0.1/16 dev br1
ip -n sy-host link set br0 up; ip -n sy-host link set br1 up; ns host sysctl -qw net.ipv4.ip_forward=1
plug() { ip link add veth-$1 netns sy-host type veth peer name eth0 netns sy-$1; ip -n sy-host link set veth-$1 master $2 up
         ip -n sy-$1 link set eth0 address $3; ip -n sy-$1 addr add $4 dev eth0; ip -n sy-$1 link set eth0 up; ip -n sy-$1 route add default via $5; }
plug n1 br0 02:42:ac:1c:00:0b 172.28.0.11/16 172.28.0.1
plug n2 br0 02:42:ac:1c:00:0c 172.28.0.12/16 172.28.0.1
plug n4 br1 02:42:ac:12:00:02 172.18.0.2/16 172.18.0.1
sleep 2
run() { echo "\$ $1: ${*:2}"; ns "$@" 2>&1; echo "[exit $?]"; }
for n in $NODES; do ns $n ip neigh flush all; done
ip netns exec sy-n1 tcpdump -q -U -n -i eth0 -w bursts_routed.pcap 2>/dev/null & cap=$!; sleep 1
{ run n1 ping -c4 -l 4 172.18.0.2; run n1 traceroute -n -I 172.18.0.2; run n1 traceroute -n 172.18.0.2; } > bursts_routed.out
sleep 1; kill $cap; wait $cap 2>/dev/null
# on the LAN, from flushed tables: a flood ping (each reply already read when the next request leaves) and arping
for n in $NODES; do ns $n ip neigh flush all; done
ip netns exec sy-n1 tcpdump -q -U -n -i eth0 -w bursts_lan.pcap 2>/dev/null & cap=$!; sleep 1
{ run n1 ping -f -c 5 172.28.0.12; run n1 arping -c 3 -I eth0 172.28.0.12; } > bursts_lan.out
sleep 1; kill $cap; wait $cap 2>/dev/null
teardown
