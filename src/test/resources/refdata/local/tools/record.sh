#!/usr/bin/env bash
# Differential campaign: what the real tools (iputils 20221126 ping/arping/tracepath, traceroute 2.1.2, iproute2 6.1
# ip/bridge, net-tools 2.10 arp, procps-ng 4.0.2 sysctl) print across their options, errors and exit statuses.
# Builds the topology of ../record.sh under namespaces ao-* (or $AO-*; host: br0 172.28.0.1/16 and br1 172.18.0.1/16,
# forwarding on; n1 172.28.0.11, n2 172.28.0.12, n4 172.18.0.2), with "hosts: files" and a hosts file naming
# n1, n2 and n4 (/etc/netns/ao-*/), so that unknown names fail at once and no name server is asked.
# For each <tool>.cmds (lines "node command"), from a fresh topology, writes <tool>.out: each command as
# "$ node: command", "@ MS" (when it started, in ms after the file's first command: timers such as a neighbour's
# DELAY probe run between commands), its stdout lines as "> LINE", its stderr lines as "! LINE", then "[exit N]".
# ToolsRecordingTest replays the .out files in an arplab lab. Run as root: sh record.sh [tool...]
# (AO=PREFIX names the namespaces PREFIX-* instead, beside another run; outputs naming them then differ.
# BR_OPTS adds options to the bridges: counters.out was recorded with BR_OPTS="mcast_snooping 0", so that no
# bridge sends the IGMPv3 reports for 224.0.0.106 that arplab does not emulate. CMDS_DIR reads the .cmds of another
# folder, GUARD prefixes each command, e.g. GUARD="timeout -s KILL 15": ../fuzz-tools/record.sh sets both.)
set -u
AO=${AO:-ao}
BR_OPTS=${BR_OPTS:-}
cd "${CMDS_DIR:-$(dirname "$0")}"
NODES="host n1 n2 n4"
ns() { ip netns exec "$AO-$1" "${@:2}"; }
setup() {
  for n in $NODES; do
    mkdir -p /etc/netns/$AO-$n
    echo 'hosts: files' > /etc/netns/$AO-$n/nsswitch.conf
    printf '127.0.0.1\tlocalhost\n172.28.0.11\tn1\n172.28.0.12\tn2\n172.18.0.2\tn4\n' > /etc/netns/$AO-$n/hosts
    ip netns add $AO-$n; ns $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
    ip -n $AO-$n link set lo up
  done
  ip -n $AO-host link add br0 address 02:42:8e:ff:44:b3 type bridge $BR_OPTS
  ip -n $AO-host link add br1 address 02:42:5a:3c:7e:21 type bridge $BR_OPTS
  ip -n $AO-host addr add 172.28.0.1/16 dev br0; ip -n $AO-host addr add 172.18.0.1/16 dev br1
  ip -n $AO-host link set br0 up; ip -n $AO-host link set br1 up; ns host sysctl -qw net.ipv4.ip_forward=1
  plug() { ip link add veth-$1 netns $AO-host address ee:${3#02:} type veth peer name eth0 netns $AO-$1
           ip -n $AO-host link set veth-$1 master $2 up
           ip -n $AO-$1 link set eth0 address $3; ip -n $AO-$1 addr add $4 dev eth0; ip -n $AO-$1 link set eth0 up
           ip -n $AO-$1 route add default via $5; }
  plug n1 br0 02:42:ac:1c:00:0b 172.28.0.11/16 172.28.0.1
  plug n2 br0 02:42:ac:1c:00:0c 172.28.0.12/16 172.28.0.1
  plug n4 br1 02:42:ac:12:00:02 172.18.0.2/16 172.18.0.1
  sleep 2
  for n in $NODES; do ns $n ip neigh flush all; done
}
teardown() { for n in $NODES; do ip netns del $AO-$n 2>/dev/null; rm -rf /etc/netns/$AO-$n; done; }
trap teardown EXIT
tools=${*:-$(ls *.cmds | sed 's/\.cmds$//')}
for t in $tools; do
  teardown; setup
  t0=$(date +%s%N)
  grep -v '^#' $t.cmds | while read -r node cmd; do
    [ -z "$node" ] && continue
    echo "\$ $node: $cmd"
    echo "@ $(( ($(date +%s%N) - t0) / 1000000 ))"
    out=$(mktemp); err=$(mktemp)
    ns $node ${GUARD:-} sh -c "$cmd" >"$out" 2>"$err" </dev/null; rc=$?
    sed 's/^/> /' "$out"
    if [ -s "$out" ] && [ -n "$(tail -c1 "$out")" ]; then echo; echo '\ no newline at end of stdout'; fi
    sed 's/^/! /' "$err"; [ -s "$err" ] && [ -n "$(tail -c1 "$err")" ] && echo
    echo "[exit $rc]"
    rm -f "$out" "$err"
  done > $t.out
done
