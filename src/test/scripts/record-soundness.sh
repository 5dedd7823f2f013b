#!/usr/bin/env bash
# Records OVS 3.1 on MegaflowSoundnessTest's checks: for each SEED, refdata/ovs/megaflow-sound-SEED/commands.in (the
# pipeline of megaflow-random-SEED without learn(), its packets each followed by variants with one field changed, as
# MegaflowSoundnessTest.packets() draws them, then the datapath views) written by the test, then recorded through
# record-frames.sh: ports p1..pN with tx pcaps, each command's output after "### LINE" in commands.out.
#   src/test/scripts/record-soundness.sh SEED...   (run from the repository root)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
seeds=$(IFS=,; echo "$*")
mvn -B -q -o test -pl arplab-core -Dtest='MegaflowSoundnessTest#writeCampaigns' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsoundness.record="$seeds" >/dev/null || exit 1
for s in "$@"; do
  res=$here/../resources/refdata/ovs/megaflow-sound-$s
  ports=$(sed -n '1s/.*p1\.\.p\([0-9]\).*/\1/p' "$res/commands.in")
  RES=$res PORTS=$ports "$here/record-frames.sh"
done
