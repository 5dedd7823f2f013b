#!/usr/bin/env bash
# Records tcpdump 4.99.3 (Debian 12) capturing live with the options that shape what it keeps and prints: -s (the
# snapshot length: truncated frames, their [|proto] marks, and the caplen written by -w), -Q in|out and -A/-AA.
# Namespaces wtnft-a (eth0 02:00:0a:09:00:01, 10.9.0.1/24) and wtnft-b (eth0 02:00:0a:09:00:02, 10.9.0.2/24) on one
# veth pair; each capture runs in a while a pings b twice (-c2). Writes options.out: each
# capture under "$ a: tcpdump ...", its stdout, then its stderr after "--- stderr", then its exit status; and
# snap40.pcap (the -w capture). Run as root with tcpdump, iputils-ping and iproute2 installed.
set -u
cd "$(dirname "$0")"
P=wtnft
ip netns del $P-a 2>/dev/null; ip netns del $P-b 2>/dev/null
for n in a b; do ip netns add $P-$n; ip netns exec $P-$n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; ip -n $P-$n link set lo up; done
ip link add eth0 netns $P-a address 02:00:0a:09:00:01 type veth peer name eth0 netns $P-b address 02:00:0a:09:00:02
ip -n $P-a addr add 10.9.0.1/24 dev eth0; ip -n $P-b addr add 10.9.0.2/24 dev eth0
ip -n $P-a link set eth0 up; ip -n $P-b link set eth0 up; sleep 2
T=$(mktemp -d)
capture() {
  ip netns exec $P-a ip neigh flush all; ip netns exec $P-b ip neigh flush all
  ip netns exec $P-a tcpdump "$@" >$T/o 2>$T/e & pid=$!; sleep 1
  ip netns exec $P-a ping -c2 -q 10.9.0.2 >/dev/null
  sleep 1; kill -INT $pid 2>/dev/null; wait $pid; rc=$?
  echo "\$ a: tcpdump $*"; cat $T/o; if [ -s $T/e ]; then echo "--- stderr"; cat $T/e; fi; echo "[exit $rc]"
}
{ capture -i eth0 -n -s 40
  capture -i eth0 -n -v -s 30
  capture -i eth0 -n -e -s 0x30
  capture -i eth0 -n -Q in
  capture -i eth0 -n -Q out -A
  capture -i eth0 -n -AA -c 3
  capture -i eth0 -n -s 40 -w snap40.pcap
  echo "\$ a: tcpdump -n -r snap40.pcap"; tcpdump -n -r snap40.pcap 2>&1; echo "[exit $?]"
  capture -i eth0 -n -s 300000
  capture -i eth0 -n -Q sideways
} > options.out
ip netns del $P-a; ip netns del $P-b; rm -rf $T
