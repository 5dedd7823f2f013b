#!/usr/bin/env bash
# Records random nft campaigns (src/test/scripts/gen-nft.py SEED) against the real kernel with nftables 1.0.6
# (Debian 12), in record.sh's lab (namespaces wtnft-host with bridge br0 172.28.0.1/16, wtnft-n1 .11, -n2 .12, -n3
# .13) and its transcript format: each command under a "$ node: command" line, its stdout, its stderr after
# "--- stderr", its exit status. Writes random/SEED.out per seed; the namespaces are made afresh for each seed and
# deleted after. Run as root. Usage: record-random.sh SEED...
set -u
cd "$(dirname "$0")"
. ../security/lab.sh # the security lab: ns, setup (bridge br0 on host, n1..n3 behind veths), teardown
P=wtnftr
GEN=../../../../scripts/gen-nft.py
T=$(mktemp -d)
run() { echo "\$ $1: ${*:2}"; ns "$@" >$T/o 2>$T/e; rc=$?; cat $T/o; if [ -s $T/e ]; then echo "--- stderr"; cat $T/e; fi; echo "[exit $rc]"; }
mkdir -p random
for seed in "$@"; do
  teardown; setup
  python3 $GEN "$seed" > $T/steps
  while IFS= read -r step; do eval "run $step"; done < $T/steps > random/$seed.out
done
teardown; rm -rf $T
