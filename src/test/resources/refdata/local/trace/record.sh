#!/usr/bin/env bash
# Records the kernel's tracepoints (net:*, neigh:*, bridge:*) for the seed's scene: node1 pings node3 across a
# Linux bridge. Run as root with Debian's perf (linux-perf 6.1). Namespaces trc-host (bridge br0 172.28.0.1/16,
# ports plugged in the order n1, n2, n3), trc-n1..trc-n3 (eth0 172.28.0.11-13, MACs 02:42:ac:1c:00:0b-0d, host
# ends veth-n1..veth-n3 with fixed MACs). perf follows the ping task only (no -a): the whole exchange, bridge flood
# and answers included, runs in softirq on that task, and other namespaces on the machine stay out of the record.
# Writes ping.out and perf.txt (perf script output); then, through the host (forwarding on, br1 172.18.0.1/16 with
# trc-n4 172.18.0.2), routed.out and routed.txt for n1 pinging n4 once; and deletes the namespaces.
set -u
cd "$(dirname "$0")"
ns() { ip netns exec "trc-$1" "${@:2}"; }
NODES="host n1 n2 n3 n4"
teardown() { for n in $NODES; do ip netns del trc-$n 2>/dev/null; done; }
teardown
for n in $NODES; do ip netns add trc-$n; ns $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; ip -n trc-$n link set lo up; done
ip -n trc-host link add br0 address 02:42:8e:ff:44:b3 type bridge; ip -n trc-host addr add 172.28.0.1/16 dev br0; ip -n trc-host link set br0 up
plug() { ip link add veth-$1 netns trc-host address $4 type veth peer name eth0 netns trc-$1; ip -n trc-host link set veth-$1 master br0 up
         ip -n trc-$1 link set eth0 address $2; ip -n trc-$1 addr add $3 dev eth0; ip -n trc-$1 link set eth0 up; }
plug n1 02:42:ac:1c:00:0b 172.28.0.11/16 ee:ee:ee:1c:00:0b
plug n2 02:42:ac:1c:00:0c 172.28.0.12/16 ee:ee:ee:1c:00:0c
plug n3 02:42:ac:1c:00:0d 172.28.0.13/16 ee:ee:ee:1c:00:0d
ip -n trc-host link add br1 address 02:42:5a:3c:7e:21 type bridge; ip -n trc-host addr add 172.18.0.1/16 dev br1; ip -n trc-host link set br1 up
ns host sysctl -qw net.ipv4.ip_forward=1
ip link add veth-n4 netns trc-host address ee:ee:ee:12:00:02 type veth peer name eth0 netns trc-n4; ip -n trc-host link set veth-n4 master br1 up
ip -n trc-n4 link set eth0 address 02:42:ac:12:00:02; ip -n trc-n4 addr add 172.18.0.2/16 dev eth0; ip -n trc-n4 link set eth0 up
ip -n trc-n1 route add default via 172.28.0.1; ip -n trc-n4 route add default via 172.18.0.1
sleep 2
for n in $NODES; do ns $n ip neigh flush all; done
perf record -q -o perf.data -e 'net:*' -e 'neigh:*' -e 'bridge:*' -- ip netns exec trc-n1 ping -c3 172.28.0.13 > ping.out
perf script -i perf.data > perf.txt 2>/dev/null
for n in $NODES; do ns $n ip neigh flush all; done
perf record -q -o perf.data -e 'net:*' -e 'neigh:*' -e 'bridge:*' -- ip netns exec trc-n1 ping -c1 172.18.0.2 > routed.out
perf script -i perf.data > routed.txt 2>/dev/null
rm -f perf.data perf.data.old
teardown
