#!/usr/bin/env bash
# Runs arpwatch 2.1a15 (Debian 2.1a15-8) on gen-arpwatch.py's captures with -r, inside a network namespace whose only
# name server (127.0.0.1) does not answer, so that every reverse lookup fails at once: CASE.out holds each run as
# "$ arpwatch ARGS", stdout, "--- stderr" and stderr, "[exit N]", then "--- arp.dat" and the data file it left.
# Run as root with arpwatch installed.
set -u
cd "$(dirname "$0")"
python3 gen-arpwatch.py
T=$(mktemp -d)
ip netns add aw-rec; mkdir -p /etc/netns/aw-rec; echo "nameserver 127.0.0.1" > /etc/netns/aw-rec/resolv.conf
run() { # run CASE ARGS...: the data file starts as CASE.dat, or empty
  local c=$1; shift
  if [ -f $c.dat ]; then cp $c.dat $T/arp.dat; else : > $T/arp.dat; fi
  echo "\$ arpwatch $* -r $c.pcap -f arp.dat"
  ip netns exec aw-rec arpwatch "$@" -r $PWD/$c.pcap -f $T/arp.dat >$T/o 2>$T/e; rc=$?
  cat $T/o; if [ -s $T/e ]; then echo "--- stderr"; cat $T/e; fi; echo "[exit $rc]"
  echo "--- arp.dat"; cat $T/arp.dat
}
for c in events sanity decnet activity backwards order preload; do
  { run $c -d; run $c -d -d; } > $c.out
done
{ run events -d -z 10.0.0.2/255.255.255.255; run events -d -d -z 10.0.0.0/255.255.255.0; run sanity -d -a -N; } > options.out
ip netns del aw-rec; rm -rf /etc/netns/aw-rec $T
