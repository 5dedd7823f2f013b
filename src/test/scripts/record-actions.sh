#!/usr/bin/env bash
# Records a seeded campaign of gen-actions.py SEED into refdata/ovs/action-random-SEED through record-frames.sh:
# br0 with dummy ports p1..p3 (tx pcaps copied beside it), each command's output after "### LINE" in commands.out.
#   src/test/scripts/record-actions.sh SEED [prereq]   (further arguments go to gen-actions.py)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
res=$here/../resources/refdata/ovs/action-random-$1
python3 "$here/gen-actions.py" "$1" "$res" "${@:2}" >/dev/null
RES=$res PORTS=3 exec "$here/record-frames.sh"
