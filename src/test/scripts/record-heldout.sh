#!/usr/bin/env bash
# Writes a held-out round's cases (gen-heldoutROUND.py: 13 into refdata/tcpdump/heldout, 14 into heldout14,
# 15 into heldout15, 16 into heldout16, 17 into heldout17, 18 into heldout18, 19 into heldout19, 20 into heldout20,
# 21 into heldout21, 22f into heldout22f) and
# prints each with the real tools as refdata/tcpdump/README.md says the public cases were printed: tcpdump 4.99.3
# with -n, -n -e, -n -v, -n -tt, -n -e -v -tt and no flag, tshark 4.0.17 -r with its default columns; TZ=UTC,
# LC_ALL=C.UTF-8, tshark with an empty HOME (round 22f adds -n -vv: print-ahcp.c prints
# its options only then); the whole run inside a fresh network namespace (unshare -n, root) so
# that no name is looked up.
# Usage: record-heldout.sh 13|14|15|16|17|18|19|20|21|22f [OUTDIR]
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
ROUND="${1:?usage: record-heldout.sh 13|14|15|16|17|18|19|20|21|22f [OUTDIR]}"
case "$ROUND" in 13) DIR=heldout ;; 14) DIR=heldout14 ;; 15) DIR=heldout15 ;; 16) DIR=heldout16 ;; 17) DIR=heldout17 ;;
  18) DIR=heldout18 ;; 19) DIR=heldout19 ;; 20) DIR=heldout20 ;; 21) DIR=heldout21 ;; 22f) DIR=heldout22f ;;
  *) echo "record-heldout.sh: no round $ROUND" >&2; exit 2 ;; esac
OUT="${2:-$HERE/../resources/refdata/tcpdump/$DIR}"
if [ -z "${IN_NETNS:-}" ]; then
  exec unshare -n env IN_NETNS=1 "$0" "$@"
fi
rm -rf "$OUT"; mkdir -p "$OUT"
python3 "$HERE/gen-heldout$ROUND.py" "$OUT"
export TZ=UTC LC_ALL=C.UTF-8
for d in "$OUT"/*/; do
  c=$(basename "$d")
  ( cd "$d"; : > exit_codes.txt
    run() { local name=$1; shift; set +e; "$@" > $name.out 2> $name.err; echo "$name $?" >> exit_codes.txt; set -e; }
    run tcpdump_n tcpdump -n -r $c.pcap
    run tcpdump_ne tcpdump -n -e -r $c.pcap
    run tcpdump_nv tcpdump -n -v -r $c.pcap
    run tcpdump_ntt tcpdump -n -tt -r $c.pcap
    run tcpdump_netvt tcpdump -n -e -v -tt -r $c.pcap
    run tcpdump_plain tcpdump -r $c.pcap
    if [ "$ROUND" = 22f ]; then run tcpdump_nvv tcpdump -n -vv -r $c.pcap; fi
    H=$(mktemp -d); run tshark env HOME=$H tshark -r $c.pcap; rm -rf $H )
done
{ echo "# versions used to render the held-out round"; tcpdump --version 2>&1; tshark --version 2>/dev/null | head -1
  dpkg-query -W tcpdump libpcap0.8 tshark netbase; } > "$OUT/versions.txt"
