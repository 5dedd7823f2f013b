#!/usr/bin/env bash
# Records what Docker's bridge isolation does (Engine 20.10-27: libnetwork drivers/bridge setup_ip_tables_linux.go):
# compose.yml's lab laid out by hand in network namespaces (a "host" namespace owning the bridges br-front, br-back
# and br-priv with their gateways, one namespace per container with eth0/eth1 as compose numbers them, MACs 02:42 +
# the address, default routes via the first non-internal network's gateway), ip_forward on, and the filter rules
# dockerd writes (iptables-nft, as Debian 12's iptables). Each line of commands.txt ("NODE COMMAND") runs in NODE's
# namespace; isolation.out holds "$ NODE COMMAND", its merged stdout/stderr, "[exit N]". Run as root; the
# namespaces are removed at the end. Needs iproute2, iputils-ping, traceroute, iptables.
set -u
cd "$(dirname "$0")"
p=dk
ns() { echo "$p-$1"; }
cleanup() { for n in host c1 c2 c3 c4; do ip netns del "$(ns $n)" 2>/dev/null; done; }
cleanup
for n in host c1 c2 c3 c4; do ip netns add "$(ns $n)"; ip -n "$(ns $n)" link set lo up; done
H=$(ns host)
ip netns exec "$H" sysctl -qw net.ipv4.ip_forward=1
for b in "br-front 172.28.0.1/16" "br-back 172.18.0.1/16" "br-priv 10.9.0.1/24"; do
  set -- $b
  ip -n "$H" link add "$1" type bridge
  ip -n "$H" addr add "$2" dev "$1"
  ip -n "$H" link set "$1" up
done
i=0
attach() { # container ifname bridge address/len mac
  i=$((i + 1))
  ip -n "$H" link add "veth$i" type veth peer name "$2" netns "$(ns $1)"
  ip -n "$H" link set "veth$i" master "$3" up
  ip -n "$(ns $1)" link set "$2" address "$5"
  ip -n "$(ns $1)" addr add "$4" dev "$2"
  ip -n "$(ns $1)" link set "$2" up
}
attach c1 eth0 br-front 172.28.0.11/16 02:42:ac:1c:00:0b
attach c2 eth0 br-back 172.18.0.12/16 02:42:ac:12:00:0c
attach c3 eth0 br-priv 10.9.0.13/24 02:42:0a:09:00:0d
attach c4 eth0 br-front 172.28.0.14/16 02:42:ac:1c:00:0e
attach c4 eth1 br-priv 10.9.0.14/24 02:42:0a:09:00:0e
ip -n "$(ns c1)" route add default via 172.28.0.1
ip -n "$(ns c2)" route add default via 172.18.0.1
ip -n "$(ns c4)" route add default via 172.28.0.1
# dockerd's filter rules, in the order it writes them for front, back, priv
ipt() { ip netns exec "$H" iptables "$@"; }
ipt -N DOCKER; ipt -N DOCKER-ISOLATION-STAGE-1; ipt -N DOCKER-ISOLATION-STAGE-2; ipt -N DOCKER-USER
ipt -P FORWARD DROP
ipt -A DOCKER-USER -j RETURN
ipt -A DOCKER-ISOLATION-STAGE-1 -j RETURN
ipt -A DOCKER-ISOLATION-STAGE-2 -j RETURN
ipt -A FORWARD -j DOCKER-USER
ipt -A FORWARD -j DOCKER-ISOLATION-STAGE-1
for b in br-front br-back; do
  ipt -A FORWARD -o $b -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
  ipt -A FORWARD -o $b -j DOCKER
  ipt -A FORWARD -i $b ! -o $b -j ACCEPT
  ipt -A FORWARD -i $b -o $b -j ACCEPT
  ipt -I DOCKER-ISOLATION-STAGE-1 -i $b ! -o $b -j DOCKER-ISOLATION-STAGE-2
  ipt -I DOCKER-ISOLATION-STAGE-2 -o $b -j DROP
done
ipt -I DOCKER-ISOLATION-STAGE-1 -i br-priv ! -d 10.9.0.0/24 -j DROP
ipt -I DOCKER-ISOLATION-STAGE-1 -o br-priv ! -s 10.9.0.0/24 -j DROP
ipt -A FORWARD -i br-priv -o br-priv -j ACCEPT
ipt -I DOCKER-ISOLATION-STAGE-1 -i br-priv ! -o br-priv -j DOCKER-ISOLATION-STAGE-2
ipt -I DOCKER-ISOLATION-STAGE-2 -o br-priv -j DROP
sleep 2 # the bridges' ports forwarding, IPv6 DAD noise past
while read -r node cmd; do
  echo "\$ $node $cmd"
  ip netns exec "$(ns $node)" sh -c "$cmd" 2>&1
  echo "[exit $?]"
done < commands.txt > isolation.out
cleanup
