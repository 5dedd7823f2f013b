#!/usr/bin/env bash
# Records net.ipv4.neigh.default.* in the initial namespace (arp_tbl.parms): which devices a write reaches. Writes
# neigh_default.out ("$ where: command", its merged output, "[exit N]"). Run as root. It changes
# neigh.default.anycast_delay of the machine for about a second (a key nothing on the machine reads; new devices
# made meanwhile copy it) and restores it; it creates namespaces sy-nd-old (before the write) and sy-nd-new (after),
# and a veth pair sy-nd0, sy-nd1 in the initial namespace (sy-nd0's own file is written first); it deletes them all.
set -u
cd "$(dirname "$0")"
run() { local where=$1; shift; echo "\$ $where: $*"; if [ "$where" = root ]; then "$@" 2>&1; else ip netns exec "$where" "$@" 2>&1; fi; echo "[exit $?]"; }
teardown() { ip netns del sy-nd-old 2>/dev/null; ip netns del sy-nd-new 2>/dev/null; ip link del sy-nd0 2>/dev/null; }
teardown
old=$(sysctl -n net.ipv4.neigh.default.anycast_delay)
ip netns add sy-nd-old; ip -n sy-nd-old link add eth0 type veth peer name eth1
ip link add sy-nd0 type veth peer name sy-nd1
{
  run root sysctl net.ipv4.neigh.default.anycast_delay net.ipv4.neigh.default.retrans_time net.ipv4.neigh.default.unres_qlen
  run root sysctl -w net.ipv4.neigh.sy-nd0.anycast_delay=70
  run root sysctl -w net.ipv4.neigh.default.anycast_delay=50
  run root sysctl net.ipv4.neigh.sy-nd0.anycast_delay net.ipv4.neigh.sy-nd1.anycast_delay
  ip netns add sy-nd-new; ip -n sy-nd-new link add eth0 type veth peer name eth1
  run sy-nd-old sysctl net.ipv4.neigh.lo.anycast_delay net.ipv4.neigh.eth0.anycast_delay
  run sy-nd-new sysctl net.ipv4.neigh.lo.anycast_delay net.ipv4.neigh.eth0.anycast_delay
  run sy-nd-new sysctl net.ipv4.neigh.default.anycast_delay
  run sy-nd-new sysctl -w net.ipv4.neigh.default.retrans_time_ms=100
  run root sysctl -w net.ipv4.neigh.default.anycast_delay=$old
  run root sysctl net.ipv4.neigh.sy-nd0.anycast_delay net.ipv4.neigh.sy-nd1.anycast_delay
} > neigh_default.out
sysctl -qw net.ipv4.neigh.default.anycast_delay="$old"
teardown
