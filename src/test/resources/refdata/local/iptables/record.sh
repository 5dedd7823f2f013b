#!/usr/bin/env bash
# Records iptables v1.8.9 (nf_tables), Debian 12's, for each case file given (default: cases/*.txt): router r
# forwards between a (10.1.0.0/24 on ra0), b (10.2.0.0/24 on rb0) and c (10.3.0.0/24 on xc0), veth pairs without
# bridges, as lab.yaml lays them out. Each line of a case ("NODE COMMAND") runs in NODE's namespace through sh -c; the
# case's .out holds "$ NODE COMMAND", its stdout, its stderr, "[exit N]". Every case starts from new namespaces.
# Run as root; needs iproute2, iputils-ping, traceroute, iptables.
set -u
cd "$(dirname "$0")"
ns() { echo "ipt-$1"; }
cleanup() { for n in r a b c; do ip netns del "$(ns $n)" 2>/dev/null; done; }
link() { # node router-ifname subnet-prefix
  ip link add "$2" netns "$(ns r)" type veth peer name eth0 netns "$(ns $1)"
  ip -n "$(ns r)" addr add "$3.1/24" dev "$2"; ip -n "$(ns r)" link set "$2" up
  ip -n "$(ns $1)" addr add "$3.2/24" dev eth0; ip -n "$(ns $1)" link set eth0 up
  ip -n "$(ns $1)" route add default via "$3.1"
}
[ $# -gt 0 ] || set -- cases/*.txt
for c in "$@"; do
  cleanup
  for n in r a b c; do
    ip netns add "$(ns $n)"
    ip netns exec "$(ns $n)" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    ip -n "$(ns $n)" link set lo up
  done
  ip netns exec "$(ns r)" sysctl -qw net.ipv4.ip_forward=1
  link a ra0 10.1.0
  link b rb0 10.2.0
  link c xc0 10.3.0
  sleep 1
  err=$(mktemp)
  while IFS= read -r line; do
    [ -n "$line" ] || continue
    node=${line%% *}; cmd=${line#* }
    echo "\$ $node $cmd"
    ip netns exec "$(ns $node)" sh -c "$cmd" 2>"$err" </dev/null
    rc=$?
    cat "$err"
    echo "[exit $rc]"
  done < "$c" > "${c%.txt}.out"
  rm -f "$err"
done
cleanup
