#!/usr/bin/env bash
# Records arp-scan 1.10.0's options that shape its requests and its reading of the answers, against the real kernel,
# in record.sh's lab (spf-host bridge br0 172.28.0.1/16, n1 .11 the scanner, n2 .12, n3 .13): scan.out in record.sh's
# transcript format ("$ node: command", stdout, "--- stderr" and stderr, "[exit N]") and scan.tcpdump (tcpdump -nn -e
# -xx of n1's eth0, every frame, one "=== CASE" line before each case's frames). Run as root with arp-scan, iproute2
# and tcpdump installed; it deletes its namespaces at the end.
set -u
cd "$(dirname "$0")"
. ./lab.sh
T=$(mktemp -d)
run() { echo "\$ $1: ${*:2}"; ns "$@" >$T/o 2>$T/e <${STDIN:-/dev/null}; rc=$?; cat $T/o; if [ -s $T/e ]; then echo "--- stderr"; cat $T/e; fi; echo "[exit $rc]"; }
flush() { for n in host n1 n2 n3; do ns $n ip neigh flush all; done; }
# one case: the neighbour tables flushed, n1's capture around the command, its frames after a "=== CASE" line
scan() { flush; rm -f $T/c.pcap; ip netns exec $P-n1 tcpdump --immediate-mode -i eth0 -U -w $T/c.pcap 2>/dev/null & local pid=$!
  until [ -s $T/c.pcap ]; do sleep 0.1; done; sleep 0.4
  run n1 "$@" >> scan.out; sleep 0.3; kill -INT $pid; wait $pid 2>/dev/null
  { echo "=== $*"; tcpdump -nn -e -xx -r $T/c.pcap 2>/dev/null | sed -E 's/^[0-9:.]+ //'; } >> scan.tcpdump; }

teardown; setup
: > scan.out; : > scan.tcpdump
# verbosity: passes, answers from hosts not scanned, each send with its timeout, each removal, the host list
scan arp-scan -I eth0 -v 172.28.0.12 172.28.0.99
scan arp-scan -I eth0 -q -vv --retry=3 --timeout=100 --backoff=2 172.28.0.13 172.28.0.98
scan arp-scan -I eth0 -q -vvv 172.28.0.12-172.28.0.14
scan arp-scan -I eth0 -q -v --arpspa=172.28.0.12 172.28.0.13
# the first timeout also drops the hosts whose timeouts have passed since (catch-up)
scan arp-scan -I eth0 -q -vv --retry=1 --timeout=50 --interval=30 172.28.0.97 172.28.0.98 172.28.0.99
# the interval from the bandwidth and the request's size (an 802.1Q tag and LLC/SNAP make it longer)
scan arp-scan -I eth0 -q -vv --bandwidth=10k 172.28.0.12
scan arp-scan -I eth0 -q -vv --llc --vlan=7 --retry=1 172.28.0.12
scan arp-scan -I eth0 -q -vv --arpsha=02:42:ac:1c:00:98 172.28.0.13
# an address two hosts answer for: the second answer is a duplicate, and -g hides it
run n3 ip addr add 172.28.0.12/16 dev eth0 >> scan.out
scan arp-scan -I eth0 172.28.0.12
scan arp-scan -I eth0 -g 172.28.0.12 172.28.0.13
scan arp-scan -I eth0 -v -q --retry=1 172.28.0.12
scan arp-scan -I eth0 -x '--format=${ip}|${mac}|${dup;-3}|${vendor}' 172.28.0.12
run n3 ip addr del 172.28.0.12/16 dev eth0 >> scan.out
# --limit: stops at N answers; fewer than N is exit status 1
scan arp-scan -I eth0 --limit=1 172.28.0.12 172.28.0.13 172.28.0.1
scan arp-scan -I eth0 --limit=3 -x 172.28.0.12 172.28.0.97
# a random order from a seed (mt19937)
scan arp-scan -I eth0 -x -R --randomseed=42 172.28.0.0/29
scan arp-scan -I eth0 -x --random --randomseed=7 172.28.0.10-172.28.0.14
# targets from a file and from stdin
printf '172.28.0.12 first\n\n  172.28.0.13\n172.28.0.0/30\n# comment\n' > $T/hosts
scan arp-scan -I eth0 -x -f $T/hosts
STDIN=$T/hosts scan arp-scan -I eth0 -x --file=-
scan arp-scan -I eth0 -f /nonexistent/hosts
# a line longer than fgets() reads at once is two words; a name past 63 characters is refused before any query
{ printf 'a%.0s' $(seq 300); echo; } > $T/long
scan arp-scan -I eth0 -x -f $T/long
scan arp-scan -I eth0 -f $T/hosts 172.28.0.1
scan arp-scan -I eth0 -f $T/hosts --localnet
scan arp-scan -I eth0 --localnet 172.28.0.1
scan arp-scan -I eth0 --bandwidth=1M --interval=5 172.28.0.12
# the request's fields
scan arp-scan -I eth0 -x --arpspa=172.28.0.50 172.28.0.12
scan arp-scan -I eth0 -x --arpspa=dest 172.28.0.12
scan arp-scan -I eth0 -x --arpspa=0.0.0.0 172.28.0.12
scan arp-scan -I eth0 -x --arpspa=10.9.9.9 172.28.0.12
scan arp-scan -I eth0 -x --arpspa=bogus 172.28.0.12
scan arp-scan -I eth0 -x --srcaddr=02:42:ac:1c:00:99 172.28.0.12
scan arp-scan -I eth0 -x --arpsha=02:42:ac:1c:00:98 172.28.0.13
scan arp-scan -I eth0 -x --arptha=02:42:ac:1c:00:0c 172.28.0.12
scan arp-scan -I eth0 -x --destaddr=02:42:ac:1c:00:0c 172.28.0.12 172.28.0.13
scan arp-scan -I eth0 -x --arpop=2 172.28.0.12
scan arp-scan -I eth0 -x --arphrd=6 172.28.0.12
scan arp-scan -I eth0 -x --arphrd=0x20 172.28.0.12
scan arp-scan -I eth0 -x --arppro=0x86dd 172.28.0.12
scan arp-scan -I eth0 -x --arphln=8 172.28.0.12
scan arp-scan -I eth0 -x --arppln=6 172.28.0.12
scan arp-scan -I eth0 -x --prototype=0x0800 172.28.0.12
scan arp-scan -I eth0 -x --padding=01020304 172.28.0.12
scan arp-scan -I eth0 -x --padding=0g 172.28.0.12
scan arp-scan -I eth0 -x --llc 172.28.0.12
scan arp-scan -I eth0 -x --vlan=5 172.28.0.12
# vendors: the installed files (-vv counts them), the longest prefix first; -O's own file and its bad line
scan arp-scan -I eth0 -vv --retry=1 172.28.0.12
run n3 ip link set eth0 address 52:54:00:12:34:56 >> scan.out
scan arp-scan -I eth0 -x 172.28.0.13
run n3 ip link set eth0 address 00:50:56:aa:bb:cc >> scan.out
scan arp-scan -I eth0 -x 172.28.0.13
run n3 ip link set eth0 address 00:00:5e:00:01:07 >> scan.out
scan arp-scan -I eth0 -x 172.28.0.13
run n3 ip link set eth0 address 02:42:ac:1c:00:0d >> scan.out
printf '0242AC\tDocker (test)\nbad line\n02:42:ac:1c:00:0c\t  one host\n' > $T/oui
scan arp-scan -I eth0 -x -O $T/oui 172.28.0.12 172.28.0.13
scan arp-scan -I eth0 -q -vv -O $T/oui -m $T/nonexistent 172.28.0.12
scan arp-scan -I eth0 -vv --retry=1 -O $T/oui -m $T/nonexistent 172.28.0.12
# a snap length shorter than an answer
scan arp-scan -I eth0 --snap=30 --retry=1 172.28.0.12
# the answers displayed, saved to a pcap file
scan arp-scan -I eth0 -x -W $T/saved.pcap 172.28.0.12 172.28.0.13
{ echo "\$ host: tcpdump -nn -e -r saved.pcap"; tcpdump -nn -e -r $T/saved.pcap 2>&1 | sed -E 's/^[0-9:.]+ //'; } >> scan.out
teardown; rm -rf $T
