#!/usr/bin/env bash
# Records OVS 3.1 on Antrea's documented pipeline with a seeded packet sequence (src/test/scripts/gen-antrea-doc.py
# SEED DIR) into refdata/ovs/antrea-doc-SEED, as record-antrea.sh records a directory: br-int with the ports
# commands.in's first line names (NAME=OFPORT, antrea-tun0 a geneve port, the others dummy with a tx_pcap), each
# command line's output after "### LINE" into commands.out, then every port's tx pcap beside it.
#   src/test/scripts/record-antrea-doc.sh SEED [--wide]
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
res=$here/../resources/refdata/ovs/antrea-doc-$1
python3 "$here/gen-antrea-doc.py" "$1" "$res" "${@:2}" >/dev/null
RES=$res exec "$here/record-antrea.sh"
