#!/usr/bin/env bash
# Records a SYN no one answers (kernel 6.18's tcp_syn_linear_timeouts 4 and tcp_syn_retries 6, the defaults), for
# TcpTimersTest: namespaces sra 10.0.0.1 and srb 10.0.0.2 on one veth pair, sra with a permanent neighbour
# 10.0.0.9 -> 02:00:00:00:00:99 (no such host: every SYN leaves), `nc -v 10.0.0.9 1234` until it gives up.
#   syn-retries.pcap   tcpdump -w on sra's end (the SYNs)
#   syn-retries.txt    nc's stderr and the seconds it took, then the SYNs' times from the first (tcpdump -n -tt -r)
#   sudo src/test/resources/refdata/local/tcp/record-synretries.sh   (about 135 s)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cleanup() { ip netns del sra 2>/dev/null; ip netns del srb 2>/dev/null; }
trap cleanup EXIT
cleanup
ip netns add sra; ip netns add srb
ip link add ea netns sra type veth peer name eb netns srb
ip -n sra link set lo up; ip -n srb link set lo up
ip -n sra addr add 10.0.0.1/24 dev ea; ip -n srb addr add 10.0.0.2/24 dev eb
ip -n sra link set ea up; ip -n srb link set eb up
ip -n sra neigh add 10.0.0.9 lladdr 02:00:00:00:00:99 dev ea nud permanent
ip netns exec sra tcpdump -i ea -n -U -w "$here/syn-retries.pcap" tcp 2>/dev/null & t=$!
sleep 1
start=$(date +%s.%N)
err=$(ip netns exec sra nc -v 10.0.0.9 1234 2>&1)
end=$(date +%s.%N)
sleep 1; kill $t; wait $t 2>/dev/null
{
  echo "$err"
  echo "elapsed $(echo "$end - $start" | bc)"
  tcpdump -n -tt -r "$here/syn-retries.pcap" 2>/dev/null | awk 'NR==1{t0=$1} {printf "%.3f %s\n", $1-t0, $0}'
} > "$here/syn-retries.txt"
