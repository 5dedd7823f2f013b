#!/usr/bin/env bash
# Records netcat-openbsd 1.219 (Debian 12) over UDP, for NcUdpRecordingTest: namespaces wtudp-a (10.0.0.1) and
# wtudp-b (10.0.0.2) on a veth pair, tcpdump -w on b's end.   sudo .../refdata/local/udp/record.sh
# Writes: exchange.pcap/.txt (`echo hi | nc -u -w1 10.0.0.2 1234` to `nc -u -l 1234`), probe.pcap/.txt
# (`nc -u -v -z -w1 10.0.0.2 1234`), closed.pcap/.txt (`echo hi | nc -u -v -w1 10.0.0.2 1235`, no listener),
# nc-udp.out (stdout/stderr/exit status per command).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cleanup() { ip netns del wtudp-a 2>/dev/null; ip netns del wtudp-b 2>/dev/null; }
trap 'cleanup; rm -rf "$tmp"' EXIT
cleanup; tmp=$(mktemp -d)
ip netns add wtudp-a; ip netns add wtudp-b
ip link add veth-a netns wtudp-a address 02:00:00:00:00:01 type veth peer name veth-b netns wtudp-b address 02:00:00:00:00:02
ip -n wtudp-a addr add 10.0.0.1/24 dev veth-a; ip -n wtudp-b addr add 10.0.0.2/24 dev veth-b
for n in wtudp-a wtudp-b; do ip -n $n link set lo up; ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1; done
ip -n wtudp-a link set veth-a up; ip -n wtudp-b link set veth-b up
sleep 1
ip netns exec wtudp-a ping -c1 -q 10.0.0.2 >/dev/null
capture() { ip netns exec wtudp-b tcpdump -U -q -i veth-b -w "$here/$1.pcap" 'udp or icmp' 2>/dev/null & cap=$!; sleep 1; }
finish() { sleep 1; kill -INT $cap; wait $cap; tcpdump -nn -ttttt -r "$here/$1.pcap" > "$here/$1.txt" 2>/dev/null; }
run() {
  local ns=$1; shift
  echo "### $*" >> "$here/nc-udp.out"
  ip netns exec "$ns" bash -c "$*" > "$tmp/o" 2> "$tmp/e"; local rc=$?
  sed 's/^/stdout: /' "$tmp/o" >> "$here/nc-udp.out"; sed 's/^/stderr: /' "$tmp/e" >> "$here/nc-udp.out"
  echo "exit $rc" >> "$here/nc-udp.out"
}
listener() { # CMD: start a listener in b
  ip netns exec wtudp-b bash -c "$1"' > '"$tmp"'/srv.out 2> '"$tmp"'/srv.err; echo $? > '"$tmp"'/srv.rc' < /dev/null & srv=$!; sleep 1
}
endlistener() { # CMD
  sleep 1; kill $(ip netns pids wtudp-b | grep -v "^$cap\$") 2>/dev/null; wait $srv
  { echo "### $1 (the listener, killed)"; sed 's/^/stdout: /' $tmp/srv.out; sed 's/^/stderr: /' $tmp/srv.err; echo "exit $(cat $tmp/srv.rc)"; } >> "$here/nc-udp.out"
}
: > "$here/nc-udp.out"

capture exchange
listener 'nc -u -l -n -v 1234'
run wtudp-a 'echo hi | nc -u -v -w1 10.0.0.2 1234; echo took $SECONDS s'
endlistener 'nc -u -l -n -v 1234'
finish exchange

capture probe
listener 'nc -u -l 1234'
run wtudp-a 'nc -u -v -z -w1 10.0.0.2 1234'
endlistener 'nc -u -l 1234'
finish probe

capture closed
run wtudp-a 'echo hi | nc -u -v -w1 10.0.0.2 1235'
run wtudp-a 'nc -u -v -z -w1 10.0.0.2 1235'
finish closed

run wtudp-a 'echo hi | nc -u -w1 10.0.0.2 1235; echo took $SECONDS s'
run wtudp-a 'echo hi | nc -u -w2 10.0.0.2 1235; echo took $SECONDS s'
run wtudp-a 'echo hi | nc -u 10.0.0.2'
