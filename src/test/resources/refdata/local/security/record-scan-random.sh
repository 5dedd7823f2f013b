#!/usr/bin/env bash
# Records random arp-scan 1.10.0 campaigns (src/test/scripts/gen-scan.py SEED) in record.sh's lab, as
# record-scan.sh records its hand-written cases: scan-random/SEED.out (transcript: "$ node: command", stdout,
# "--- stderr" and stderr, "[exit N]") and scan-random/SEED.tcpdump (tcpdump -nn -e -xx of n1's eth0 around each
# case after a "=== COMMAND" line). Run as root with arp-scan, iproute2 and tcpdump; usage: record-scan-random.sh
# SEED...; it deletes its namespaces at the end.
set -u
cd "$(dirname "$0")"
. ./lab.sh
GEN=../../../../scripts/gen-scan.py
T=$(mktemp -d)
# the title is the case's own line (RAW, quotes kept) so that a replay splits the command as the shell did
run() { echo "\$ $1: ${RAW:-${*:2}}"; ns "$@" >$T/o 2>$T/e </dev/null; rc=$?; cat $T/o; if [ -s $T/e ]; then echo "--- stderr"; cat $T/e; fi; echo "[exit $rc]"; }
flush() { for n in host n1 n2 n3; do ns $n ip neigh flush all; done; }
scan() { flush; rm -f $T/c.pcap; ip netns exec $P-n1 tcpdump --immediate-mode -i eth0 -U -w $T/c.pcap 2>/dev/null & local pid=$!
  until [ -s $T/c.pcap ]; do sleep 0.1; done; sleep 0.4
  run n1 "$@" >> $OUT.out; sleep 0.3; kill -INT $pid; wait $pid 2>/dev/null
  { echo "=== ${RAW:-$*}"; tcpdump -nn -e -xx -r $T/c.pcap 2>/dev/null | sed -E 's/^[0-9:.]+ //'; } >> $OUT.tcpdump; }
mkdir -p scan-random
for SEED in "$@"; do
  OUT=scan-random/$SEED
  teardown; setup
  : > $OUT.out; : > $OUT.tcpdump
  python3 $GEN $SEED > $T/cases
  while IFS= read -r line; do
    case "$line" in
      scan\ *) RAW=${line#scan }; eval "scan $RAW"; RAW= ;;
      run\ *) eval "run ${line#run }" >> $OUT.out ;;
    esac
  done < $T/cases
  teardown
done
rm -rf $T
