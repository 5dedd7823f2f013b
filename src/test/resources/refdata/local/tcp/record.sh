#!/usr/bin/env bash
# Records Linux TCP as netcat-openbsd 1.219 drives it (Debian 12), for TcpRecordingTest: two namespaces a (10.0.0.1)
# and b (10.0.0.2) on one veth pair with fixed MACs, tcpdump -w on b's end.
#   sudo src/test/resources/refdata/local/tcp/record.sh      (needs root, iproute2, tcpdump, netcat-openbsd)
# Writes, next to this script:
#   exchange.pcap/.txt  `echo hi | nc -N 10.0.0.2 1234` to `nc -l 1234`: handshake, one line, FIN/ACK both ways
#   refused.pcap/.txt   `nc 10.0.0.2 1235` to a closed port: SYN, RST/ACK
#   nc.out              what nc prints on stdout/stderr and its exit status, per command
# The kernel's random choices (ISNs, TS val offsets, the client's ephemeral port) differ per run; the tests
# compare them by form only. Timestamps in .txt are printed with -tt relative to the first frame (-ttttt).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
cleanup() { ip netns del tcpa 2>/dev/null; ip netns del tcpb 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
cleanup; tmp=$(mktemp -d)
ip netns add tcpa; ip netns add tcpb
ip link add veth-a netns tcpa address 02:00:00:00:00:01 type veth peer name veth-b netns tcpb address 02:00:00:00:00:02
ip -n tcpa addr add 10.0.0.1/24 dev veth-a; ip -n tcpb addr add 10.0.0.2/24 dev veth-b
for n in tcpa tcpb; do ip -n $n link set lo up; done
ip -n tcpa link set veth-a up; ip -n tcpb link set veth-b up
# no IPv6 chatter (router solicitations, MLD) in the captures
for n in tcpa tcpb; do ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1; done
# Debian 12's kernel (6.1) defaults: newer kernels raise tcp_rmem[2] to 32 MB, which makes wscale 10 instead of 7
for n in tcpa tcpb; do ip netns exec $n sysctl -qw net.ipv4.tcp_rmem="4096 131072 6291456" net.ipv4.tcp_wmem="4096 16384 4194304"; done
sleep 1
ip netns exec tcpa ping -c1 -q 10.0.0.2 >/dev/null   # resolve ARP first: the captures hold TCP alone

capture() { # NAME: start tcpdump on b
  ip netns exec tcpb tcpdump -U -q -i veth-b -w "$here/$1.pcap" tcp 2>/dev/null & cap=$!
  sleep 1
}
finish() { # NAME
  sleep 1; kill -INT $cap; wait $cap
  tcpdump -nn -ttttt -r "$here/$1.pcap" > "$here/$1.txt" 2>/dev/null
  tcpdump -nn -S -r "$here/$1.pcap" > "$here/$1-S.txt" 2>/dev/null
  tcpdump -nn -v -r "$here/$1.pcap" > "$here/$1-v.txt" 2>/dev/null
}
run() { # NS CMD...: stdout, stderr, exit status into nc.out
  local ns=$1; shift
  echo "### $*" >> "$here/nc.out"
  ip netns exec "$ns" bash -c "$*" > "$tmp/o" 2> "$tmp/e"; local rc=$?
  sed 's/^/stdout: /' "$tmp/o" >> "$here/nc.out"; sed 's/^/stderr: /' "$tmp/e" >> "$here/nc.out"
  echo "exit $rc" >> "$here/nc.out"
}
: > "$here/nc.out"

capture exchange
ip netns exec tcpb bash -c 'nc -l 1234 > '"$tmp"'/srv.out 2> '"$tmp"'/srv.err; echo $? > '"$tmp"'/srv.rc' < /dev/null &
srv=$!
sleep 1
run tcpa 'echo hi | nc -N 10.0.0.2 1234'
wait $srv
{ echo "### nc -l 1234 (the listener)"; sed 's/^/stdout: /' $tmp/srv.out; sed 's/^/stderr: /' $tmp/srv.err; echo "exit $(cat $tmp/srv.rc)"; } >> "$here/nc.out"
finish exchange

capture refused
run tcpa 'nc 10.0.0.2 1235'
finish refused

ip netns exec tcpb bash -c 'nc -l -k 1234 >/dev/null 2>&1 </dev/null' & keep=$!
sleep 1
run tcpa 'nc -v -z 10.0.0.2 1234'
run tcpa 'nc -z 10.0.0.2 1234'
run tcpa 'nc -v -z 10.0.0.2 1235'
run tcpa 'nc -z 10.0.0.2 1235'
run tcpa 'nc -v 10.0.0.2 1235'
run tcpa 'echo hi | nc -v -N 10.0.0.2 1234'
run tcpa 'nc -v -z 10.0.0.2 80'
run tcpa 'nc -v -z 10.0.0.2 1230-1235'
run tcpa 'nc -v -w 1 -z 10.0.0.9 1234'
run tcpa 'nc -v -z 10.0.9.9 1234'
run tcpa 'nc -v 10.0.0.9 1234'     # no ARP answer: the SYN's retries run out (tcp_syn_retries), about 2 minutes
run tcpa 'nc'
run tcpa 'nc 10.0.0.2'
run tcpa 'nc -x'
run tcpa 'nc 10.0.0.2 99999'
run tcpa 'nc -v -u -z 10.0.0.2 1234'
run tcpa 'nc -l'
kill $(ip netns pids tcpb) 2>/dev/null; wait $keep 2>/dev/null
ip netns exec tcpb bash -c 'nc -l -n -v 1234 > '"$tmp"'/lv.out 2> '"$tmp"'/lv.err; echo $? > '"$tmp"'/lv.rc' < /dev/null &
lv=$!; sleep 1
run tcpa 'echo hi | nc -N 10.0.0.2 1234'
wait $lv
{ echo "### nc -l -n -v 1234 (the listener)"; sed 's/^/stdout: /' $tmp/lv.out; sed 's/^/stderr: /' $tmp/lv.err; echo "exit $(cat $tmp/lv.rc)"; } >> "$here/nc.out"
echo "kernel $(uname -r), $(dpkg-query -W -f '${Package} ${Version}' netcat-openbsd), $(tcpdump --version 2>&1 | head -1)" > "$here/versions.txt"
