#!/usr/bin/env bash
# Records the kernel's neighbour and bridge timelines: each scenario SCENARIO.txt is a script of lines
#   NODE COMMAND...     run COMMAND in NODE's namespace; its merged output goes to SCENARIO.out under
#                       "$ NODE: COMMAND", then "[exit N]", after "@ +SECONDS" (when it started, after T0)
#   sleep SECONDS       wait
#   capture NODE IF     tcpdump on IF in NODE from now on, kept as SCENARIO-NODE.pcap
#   trace               the bridge:* tracepoints from now on (a private tracefs instance), as "+SECONDS event:
#                       fields" under "=== trace" (only this topology's bridges and ports)
#   monitor NODE        ip -ts monitor neigh in NODE from now on; its lines close SCENARIO.out under
#                       "=== monitor NODE", each as "+SECONDS LINE" after T0
# T0 is the moment the first command starts (after the captures and monitors), written as "=== T0 EPOCH"; the
# captures and monitors stop 0.5 s after the last command has finished. Run as root with iproute2 6.1,
# iputils 20221126, tcpdump, net-tools, bc: ./record.sh [SCENARIO...] (default: every *.txt).
# Topology (the seed's, as ../../linux/env/topology.txt, plus n3; namespaces al-*, every MAC fixed):
#   al-host  br0 02:42:8e:ff:44:b3 172.28.0.1/16, br1 02:42:5a:3c:7e:21 172.18.0.1/16, ip_forward=1
#   al-n1..n3 eth0 02:42:ac:1c:00:0b..0d 172.28.0.11..13/16 on br0 (ports veth-nX, ee:ee:ee:1c:00:0b..0d)
#   al-n4    eth0 02:42:ac:12:00:02 172.18.0.2/16 on br1 (port veth-n4, ee:ee:ee:12:00:02); default routes via the host
set -u
cd "$(dirname "$0")"
P=al-
NODES="host n1 n2 n3 n4"
ns() { ip netns exec "$P$1" "${@:2}"; }
teardown() { for n in $NODES; do ip netns del $P$n 2>/dev/null; done; }
setup() {
  for n in $NODES; do ip netns add $P$n; ns $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; ip -n $P$n link set lo up; done
  ip -n ${P}host link add br0 address 02:42:8e:ff:44:b3 type bridge; ip -n ${P}host link add br1 address 02:42:5a:3c:7e:21 type bridge
  ip -n ${P}host addr add 172.28.0.1/16 dev br0; ip -n ${P}host addr add 172.18.0.1/16 dev br1
  ip -n ${P}host link set br0 up; ip -n ${P}host link set br1 up; ns host sysctl -qw net.ipv4.ip_forward=1
  plug() { ip link add veth-$1 netns ${P}host type veth peer name eth0 netns $P$1; ip -n ${P}host link set veth-$1 address $6 master $2 up
           ip -n $P$1 link set eth0 address $3; ip -n $P$1 addr add $4 dev eth0; ip -n $P$1 link set eth0 up; ip -n $P$1 route add default via $5; }
  plug n1 br0 02:42:ac:1c:00:0b 172.28.0.11/16 172.28.0.1 ee:ee:ee:1c:00:0b
  plug n2 br0 02:42:ac:1c:00:0c 172.28.0.12/16 172.28.0.1 ee:ee:ee:1c:00:0c
  plug n3 br0 02:42:ac:1c:00:0d 172.28.0.13/16 172.28.0.1 ee:ee:ee:1c:00:0d
  plug n4 br1 02:42:ac:12:00:02 172.18.0.2/16 172.18.0.1 ee:ee:ee:12:00:02
  sleep 2
}
scenario() {
  local name=$1 pids=() mons=() T0 line TRACE=
  teardown; setup
  rm -f "$name"-*.pcap
  T0=$(date +%s.%N)
  {
    while IFS= read -r line; do
      [[ -z "$line" || "$line" == \#* ]] && continue
      set -- $line
      case "$1" in
        sleep) sleep "$2";;
        capture) ip netns exec $P$2 tcpdump -U --immediate-mode -n -i $3 -w "$name-$2.pcap" 2>/dev/null & pids+=($!); sleep 0.5; T0=$(date +%s.%N);;
        trace) T=/sys/kernel/tracing; [ -d $T/events ] || mount -t tracefs nodev $T
               I=$T/instances/${P}trace; rmdir $I 2>/dev/null; mkdir $I; echo mono > $I/trace_clock
               echo 1 > $I/events/bridge/enable; TRACE=$I;;
        monitor) ip netns exec $P$2 ip -ts monitor neigh > "/tmp/$P$name.mon.$2" 2>&1 & pids+=($!); mons+=($2); sleep 0.3
                 T0=$(date +%s.%N);;
        *) printf '@ +%.3f\n' "$(echo "$(date +%s.%N) - $T0" | bc)"
           echo "\$ $1: ${line#* }"; ns $1 bash -c "${line#* }" 2>&1; echo "[exit $?]";;
      esac
    done < "$name.txt"
    sleep 0.5
    for p in "${pids[@]}"; do kill -TERM $p; done; wait "${pids[@]}" 2>/dev/null
    echo "=== T0 $T0"
    if [ -n "$TRACE" ]; then
      # trace_clock mono is CLOCK_MONOTONIC: T0 on that clock from the offset between the two clocks now
      off=$(echo "$(date +%s.%N) - $(awk '{print $1}' /proc/uptime)" | bc)
      echo 0 > $TRACE/events/bridge/enable; echo "=== trace"
      sed -n 's/.* \([0-9]*\.[0-9]*\): \(br_fdb_[a-z_]*\|fdb_delete\): \(.*\)/\1 bridge:\2: \3/p' $TRACE/trace \
        | grep -E 'br_dev br[01] |dev (veth-n[1-4]|br[01]) addr' \
        | while read -r t rest; do printf '+%.6f %s\n' "$(echo "$t + $off - $T0" | bc)" "$rest"; done
      rmdir $TRACE; TRACE=
    fi
    for n in "${mons[@]}"; do
      echo "=== monitor $n"
      while IFS= read -r l; do
        s=$(date -d "$(echo "$l" | sed -n 's/^\[\([^]]*\)\].*/\1/p')" +%s.%N)
        printf '+%.3f %s\n' "$(echo "$s - $T0" | bc)" "${l#*] }"
      done < "/tmp/$P$name.mon.$n"
      rm -f "/tmp/$P$name.mon.$n"
    done
  } > "$name.out"
  teardown
}
if [ $# -eq 0 ]; then set -- $(ls *.txt | sed 's/\.txt$//'); fi
for s in "$@"; do scenario "$s"; done
