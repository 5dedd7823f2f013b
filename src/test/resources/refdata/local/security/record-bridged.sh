#!/usr/bin/env bash
# What macof's frames (dsniff 2.4b1+debian-31) look like after a Linux bridge on a kernel with br_netfilter loaded
# (net.bridge.bridge-nf-call-iptables=1 in every namespace, as on Docker hosts): br_nf_pre_routing()'s
# br_validate_ipv4() trims each frame to its IPv4 total length (20: macof's header claims no TCP), so the 54-byte
# frames macof sends arrive as 34-byte ones. Namespaces brnf-h (bridge br0), brnf-a (sends), brnf-b (captures).
# Writes macof_bridged.tcpdump (tcpdump -nn -e of what brnf-b received). Run as root: bash record-bridged.sh
set -u
cd "$(dirname "$0")"
P=brnf
for n in h a b; do ip netns add $P-$n; ip netns exec $P-$n sysctl -qw net.ipv6.conf.all.disable_ipv6=1; done
ip -n $P-h link add br0 type bridge; ip -n $P-h link set br0 up
for n in a b; do
  ip link add v$n netns $P-h type veth peer name eth0 netns $P-$n
  ip -n $P-h link set v$n master br0 up; ip -n $P-$n link set eth0 up; ip -n $P-$n link set lo up
done
sleep 1
T=$(mktemp -d)
ip netns exec $P-b tcpdump -i eth0 -U -nn -w $T/b.pcap ip 2>/dev/null & cap=$!
sleep 1
ip netns exec $P-a macof -i eth0 -n 5 >/dev/null 2>&1
sleep 1; kill -INT $cap; wait $cap 2>/dev/null
{ echo "# bridge-nf-call-iptables=$(ip netns exec $P-h cat /proc/sys/net/bridge/bridge-nf-call-iptables), $(uname -r)"
  tcpdump -nn -e -r $T/b.pcap 2>/dev/null | cut -d' ' -f2-; } > macof_bridged.tcpdump
rm -rf $T; for n in h a b; do ip netns del $P-$n; done
