#!/usr/bin/env bash
# Records random scenarios (gen.py) on the kernel: ./record.sh SEED... runs seed-SEED.txt (written by gen.py) in
# namespaces kz<SEED>-* and writes seed-SEED.out and seed-SEED-NODE-IF.pcap in ../timeline/record.sh's format:
# "@ +t" (start after T0), "$ NODE: COMMAND", its merged output, "[exit N]", then "=== T0 EPOCH", "=== jiffies J at
# EPOCH" (the kernel's jiffies, read from /proc/timer_list, and when: the timer wheel's phase) and each monitored
# namespace's `ip -ts monitor neigh` lines as "+t LINE" under "=== monitor NODE". Topology lines (see gen.py) build
# the namespaces first: bridges live in namespace sw (multicast snooping off, so they send no IGMP), every host
# interface is a veth whose peer is a port of its bridge. IPv6 is off everywhere. Run as root with iproute2 6.1,
# iputils 20221126, tcpdump, net-tools, bc, python3.
set -u
cd "$(dirname "$0")"
scenario() {
  local seed=$(printf %03d "$1") name P pids=() mons=() nodes=(sw) T0 line
  name=seed-$seed; P=kz$1-
  ns() { ip netns exec "$P$1" "${@:2}"; }
  node() { [ -e /run/netns/$P$1 ] && return; ip netns add $P$1; nodes+=($1)
           ns $1 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; ip -n $P$1 link set lo up; }
  teardown() { for n in "${nodes[@]}"; do ip netns del $P$n 2>/dev/null; done; }
  for n in sw h1 h2 h3 h4 h5 r; do ip netns del $P$n 2>/dev/null; done
  ip netns add ${P}sw; ns sw sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  while IFS= read -r line; do
    set -- $line
    case "$1" in
      bridge) ip -n ${P}sw link add $2 address $3 type bridge mcast_snooping 0; ip -n ${P}sw link set $2 up;;
      iface) node $2; ip -n ${P}sw link add v-$2-$3 type veth peer name $3 netns $P$2
             ip -n ${P}sw link set v-$2-$3 address ee:ee:ee:${5:9} master $4 up
             ip -n $P$2 link set $3 address $5; ip -n $P$2 addr add $6 dev $3; ip -n $P$2 link set $3 up;;
      route) ip -n $P$2 route add default via $3;;
      forward) ns $2 sysctl -qw net.ipv4.ip_forward=1;;
    esac
  done < "$name.txt"
  sleep 2
  rm -f "$name"-*.pcap
  T0=$(date +%s.%N)
  {
    # the jiffies and the instant they were read, from one read of /proc/timer_list (its "now at" is ktime_get(),
    # CLOCK_MONOTONIC, put on the wall clock by the offset read right after): a `date` run after it, on a loaded
    # machine, came tens of ms late and put the wheel's 256 ms granules that much off
    read -r J JE < <(python3 -c 'import re, time
t = open("/proc/timer_list").read()
off = time.time_ns() - time.clock_gettime_ns(time.CLOCK_MONOTONIC)
now = int(re.search(r"^now at (\d+) nsecs", t, re.M).group(1)) + off
print(re.search(r"^jiffies: (\d+)", t, re.M).group(1), "%d.%09d" % divmod(now, 10**9))')
    while IFS= read -r line; do
      [[ -z "$line" || "$line" == \#* ]] && continue
      set -- $line
      case "$1" in
        bridge|iface|route|forward) ;;
        sleep) sleep "$2";;
        capture) ip netns exec $P$2 tcpdump -U --immediate-mode -n -i $3 -w "$name-$2-$3.pcap" 2>/dev/null & pids+=($!)
                 sleep 0.5; T0=$(date +%s.%N);;
        monitor) ip netns exec $P$2 ip -ts monitor neigh > "/tmp/$P$name.mon.$2" 2>&1 & pids+=($!); mons+=($2); sleep 0.3
                 T0=$(date +%s.%N);;
        *) printf '@ +%.3f\n' "$(echo "$(date +%s.%N) - $T0" | bc)"
           echo "\$ $1: ${line#* }"; ns $1 bash -c "${line#* }" 2>&1; echo "[exit $?]";;
      esac
    done < "$name.txt"
    sleep 0.5
    for p in "${pids[@]}"; do kill -TERM $p; done; wait "${pids[@]}" 2>/dev/null
    echo "=== T0 $T0"
    echo "=== jiffies $J at $JE"
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
for s in "$@"; do scenario "$s"; done
