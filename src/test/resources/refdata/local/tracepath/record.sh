#!/usr/bin/env bash
# Records tracepath (iputils 20221126) on the topology of record.sh: n1 traces n2 on its LAN, n4 behind the router,
# an address the router cannot resolve, with -m/-l/-p/-b, bad arguments, and again after the router's link to
# n4 (br1, veth-n4, n4's eth0) drops to MTU 1400. Writes tracepath.out; run as root.
set -u
cd "$(dirname "$0")"
# record.sh's topology under other namespace names (tp-*), so that both scripts may run at once
eval "$(sed -n '/^ns()/,/^flush()/p' ../record.sh | sed 's/rec-/tp-/g')"
teardown; setup
flush; {
  run n1 tracepath -n 172.28.0.12
  run n1 tracepath -n 172.18.0.2
  run n1 tracepath 172.18.0.2
  run n1 tracepath -b 172.18.0.2
  run n1 tracepath -n -m 1 172.18.0.2
  run n1 tracepath -n -l 1000 -p 33434 172.18.0.2
  run n1 tracepath -n -p 53 172.18.0.2
  run n1 tracepath -n 172.18.0.99
  run n1 tracepath
  run n1 tracepath -x 172.18.0.2
  run n1 tracepath -n -l 10 172.18.0.2
  run n1 tracepath -n -m 0 172.18.0.2
  run n1 tracepath -n -m 256 172.18.0.2
  run n1 tracepath -n -l 70000 172.18.0.2
  run n1 tracepath -n 172.18.0.2 33000
  run host ip link set br1 mtu 1400; run host ip link set veth-n4 mtu 1400; run n4 ip link set eth0 mtu 1400
  run n1 tracepath -n 172.18.0.2
  run n1 tracepath -n 172.18.0.2
  run n4 tracepath -n 172.28.0.11
} > tracepath.out
teardown
