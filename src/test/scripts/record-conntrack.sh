#!/usr/bin/env bash
# Records OVS 3.1's userspace conntrack on a seeded campaign (src/test/scripts/gen-conntrack.py SEED DIR) into
# refdata/ovs/ct-random-SEED: br0 (ovs-oracle.sh's setup) with dummy ports p1..p4 (tx_pcap), each command line's
# output after "### LINE" into commands.out, then the ports' tx pcaps beside it (record-frames.sh).
#   src/test/scripts/record-conntrack.sh SEED [more [frags [whole]]]   (seeds 21-30: more; 31-99: more frags;
#   100 on: more frags whole)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
res=$here/../resources/refdata/ovs/ct-random-$1
python3 "$here/gen-conntrack.py" "$1" "$res" "${@:2}"
RES=$res PORTS=4 exec "$here/record-frames.sh"
