#!/usr/bin/env bash
# Records iptables' filter table (ip_tables.c ipt_do_table(), ip_packet_match()) at work: router r forwards between
# a (10.1.0.0/24 on ra0), b (10.2.0.0/24 on rb0) and c (10.3.0.0/24 on xc0), veth pairs without bridges, its rules
# those of rules.txt (interface wildcards and inversions, prefixes and inversions, a user chain with RETURN, the
# FORWARD policy DROP, INPUT and OUTPUT rules). Each line of commands.txt ("NODE COMMAND") runs in NODE's namespace;
# out.txt holds "$ NODE COMMAND", its merged output, "[exit N]", then r's `iptables -L -v -n -x` (every rule's and
# policy's packets and bytes). lab.yaml is the same as an arplab lab. Run as root; needs iproute2, iputils-ping,
# iptables. The namespaces are removed at the end.
set -u
cd "$(dirname "$0")"
ns() { echo "xt-$1"; }
cleanup() { for n in r a b c; do ip netns del "$(ns $n)" 2>/dev/null; done; }
cleanup
for n in r a b c; do
  ip netns add "$(ns $n)"
  ip netns exec "$(ns $n)" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  ip -n "$(ns $n)" link set lo up
done
ip netns exec "$(ns r)" sysctl -qw net.ipv4.ip_forward=1
link() { # node router-ifname subnet-prefix
  ip link add "$2" netns "$(ns r)" type veth peer name eth0 netns "$(ns $1)"
  ip -n "$(ns r)" addr add "$3.1/24" dev "$2"; ip -n "$(ns r)" link set "$2" up
  ip -n "$(ns $1)" addr add "$3.2/24" dev eth0; ip -n "$(ns $1)" link set eth0 up
  ip -n "$(ns $1)" route add default via "$3.1"
}
link a ra0 10.1.0
link b rb0 10.2.0
link c xc0 10.3.0
while read -r rule; do
  # shellcheck disable=SC2086
  ip netns exec "$(ns r)" iptables $rule
done < rules.txt
{
  while read -r node cmd; do
    echo "\$ $node $cmd"
    ip netns exec "$(ns $node)" sh -c "$cmd" 2>&1
    echo "[exit $?]"
  done < commands.txt
  echo "\$ r iptables -L -v -n -x"
  ip netns exec "$(ns r)" iptables -L -v -n -x
} > out.txt
cleanup
