#!/usr/bin/env bash
# Records OVS 3.1 on MegaflowSoundnessTest's checks: for each SEED, refdata/ovs/megaflow-sound-SEED/commands.in (the
# pipeline of megaflow-random-SEED without learn() and with NORMAL made FLOOD, its packets each followed by variants,
# as PacketVariants draws them, then the datapath views) written by the test, then recorded through
# record-frames.sh: ports p1..pN with tx pcaps, each command's output after "### LINE" in commands.out.
# ct-SEED records ct-random-SEED's pipeline and packets into refdata/ovs/ct-sound-SEED the same way; antrea-SEED
# antrea-random-SEED's commands, pipeline file and packets (OvsCampaignSoundnessTest writes them) into
# refdata/ovs/antrea-sound-SEED through record-antrea.sh; action-SEED action-random-SEED's commands and packets
# (OvsCampaignSoundnessTest too) into refdata/ovs/action-sound-SEED through record-frames.sh.
#   src/test/scripts/record-soundness.sh SEED|ct-SEED|antrea-SEED|action-SEED...   (run from the repository root)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
seeds=$(printf '%s\n' "$@" | grep -v '^antrea-\|^action-' | paste -sd,)
labs=$(printf '%s\n' "$@" | grep '^antrea-\|^action-' | paste -sd,)
if [ -n "$seeds" ]; then
  mvn -B -q -o test -pl arplab-core -Dtest='MegaflowSoundnessTest#writeCampaigns' -Dsurefire.failIfNoSpecifiedTests=false \
    -Dsoundness.record="$seeds" >/dev/null || exit 1
fi
if [ -n "$labs" ]; then
  mvn -B -q -o test -pl arplab-core,arplab-topo -Dtest='OvsCampaignSoundnessTest#writeLabCampaigns' \
    -Dsurefire.failIfNoSpecifiedTests=false -Dsoundness.lab="$labs" >/dev/null || exit 1
fi
for s in "$@"; do
  case $s in
    antrea-*) RES=$here/../resources/refdata/ovs/antrea-sound-${s#antrea-} "$here/record-antrea.sh"; continue ;;
    action-*) res=$here/../resources/refdata/ovs/action-sound-${s#action-} ;;
    ct-*) res=$here/../resources/refdata/ovs/ct-sound-${s#ct-} ;;
    *) res=$here/../resources/refdata/ovs/megaflow-sound-$s ;;
  esac
  ports=$(sed -n '1s/.*p1\.\.p\([0-9]\).*/\1/p' "$res/commands.in")
  RES=$res PORTS=$ports "$here/record-frames.sh"
done
