#!/usr/bin/env bash
# Records random nft campaigns (src/test/scripts/gen-nft.py SEED) against the real kernel with nftables 1.0.6
# (Debian 12), in record.sh's lab (namespaces wtnft-host with bridge br0 172.28.0.1/16, wtnft-n1 .11, -n2 .12, -n3
# .13) and its transcript format: each command under a "$ node: command" line, its stdout, its stderr after
# "--- stderr", its exit status. Writes random/SEED.out per seed; the namespaces are made afresh for each seed and
# deleted after. Run as root. Usage: record-random.sh SEED...
set -u
cd "$(dirname "$0")"
P=wtnftr
GEN=../../../../scripts/gen-nft.py
ns() { ip netns exec "$P-$1" "${@:2}"; }
setup() {
  for n in host n1 n2 n3; do ip netns add $P-$n; ip netns exec $P-$n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; ip -n $P-$n link set lo up; done
  ip -n $P-host link add br0 address 02:42:8e:ff:44:b3 type bridge; ip -n $P-host addr add 172.28.0.1/16 dev br0
  ip -n $P-host link set br0 up; ns host sysctl -qw net.ipv4.ip_forward=1
  plug() { ip link add veth-$1 netns $P-host type veth peer name eth0 netns $P-$1; ip -n $P-host link set veth-$1 master br0 up
           ip -n $P-$1 link set eth0 address $2; ip -n $P-$1 addr add $3 dev eth0; ip -n $P-$1 link set eth0 up; ip -n $P-$1 route add default via 172.28.0.1; }
  plug n1 02:42:ac:1c:00:0b 172.28.0.11/16
  plug n2 02:42:ac:1c:00:0c 172.28.0.12/16
  plug n3 02:42:ac:1c:00:0d 172.28.0.13/16
  sleep 2
}
teardown() { for n in host n1 n2 n3; do ip netns del $P-$n 2>/dev/null; done; }
T=$(mktemp -d)
run() { echo "\$ $1: ${*:2}"; ns "$@" >$T/o 2>$T/e; rc=$?; cat $T/o; if [ -s $T/e ]; then echo "--- stderr"; cat $T/e; fi; echo "[exit $rc]"; }
mkdir -p random
for seed in "$@"; do
  teardown; setup
  python3 $GEN "$seed" > $T/steps
  while IFS= read -r step; do eval "run $step"; done < $T/steps > random/$seed.out
done
teardown; rm -rf $T
