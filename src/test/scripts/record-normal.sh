#!/usr/bin/env bash
# Records OVS 3.1's NORMAL action on a seeded campaign (src/test/scripts/gen-normal.py SEED DIR) into
# refdata/ovs/normal-random-SEED: br0 (ovs-oracle.sh's setup) with dummy ports p1..pN (each with tx_pcap
# pN-tx.pcap), each command line's output (stdout and stderr) after "### LINE" into commands.out, then the ports'
# tx pcaps beside it. The campaign stops OVS's clock first (time/stop), so ages and expiry move only by time/warp.
# A NAME instead of a SEED records refdata/ovs/normal-NAME/commands.in, written by hand.
#   src/test/scripts/record-normal.sh SEED [qinq] | NAME
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
case $1 in
  *[!0-9]*) res=$here/../resources/refdata/ovs/normal-$1 ;;
  *) res=$here/../resources/refdata/ovs/normal-random-$1
     python3 "$here/gen-normal.py" "$1" "$res" "${@:2}" >/dev/null ;;
esac
last=$(sed -n '1s/.*p1\.\.p\([0-9]\).*/\1/p' "$res/commands.in")
RES=$res PORTS=$last exec "$here/record-frames.sh"
