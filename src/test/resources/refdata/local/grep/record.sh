#!/usr/bin/env bash
# Records what GNU grep printed for each pattern of patterns.txt over lines.txt, in four modes (basic, -E, basic -w,
# -E -i): stdout, stderr (its "warning:" lines left out: arplab's grep does not warn), exit status. GrepRegexTest
# replays cases.out through arplab's grep filter.   usage: record.sh > cases.out
set -u
export LC_ALL=C.UTF-8
cd "$(dirname "$0")"
echo "# $(grep --version | head -1), LC_ALL=$LC_ALL; recorded by record.sh"
while IFS= read -r p; do
  for mode in "" "-E" "-w" "-E -i"; do
    printf '### grep -n %s -- %s\n' "$mode" "$p"
    # shellcheck disable=SC2086
    grep -n $mode -- "$p" lines.txt 2>/tmp/grep-rec.err
    rc=$?
    grep -v '^grep: warning: ' /tmp/grep-rec.err
    echo "exit $rc"
  done
done < patterns.txt
rm -f /tmp/grep-rec.err
