#!/usr/bin/env bash
# Records OVS 3.1 with several bridges in one ovs-vswitchd (one dummy datapath) into refdata/ovs/multibr/SEED:
# src/test/scripts/gen-multibr.py SEED DIR writes lab.yaml, setup.sh (the same bridges and ports as ovs-vsctl lines,
# one per port as a lab adds them) and commands.in; each command line's output (stdout and stderr) after "### LINE"
# into commands.out, then every dummy port's tx pcap beside it. A NAME instead of a SEED records
# refdata/ovs/multibr/NAME as written by hand (its setup.sh, commands.in and lab.yaml).
#   src/test/scripts/record-multibr.sh SEED [wide]|NAME   (further arguments go to gen-multibr.py)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
res=$here/../resources/refdata/ovs/multibr/$1
case $1 in
  *[!0-9]*) ;;
  *) python3 "$here/gen-multibr.py" "$1" "$res" "${@:2}" >/dev/null ;;
esac
dir=$(mktemp -d "${TMPDIR:-/tmp}/mb-ovsmultibr.XXXXXX")
trap '"$here/ovs-oracle.sh" stop "$dir"; rm -rf "$dir"' EXIT
cd "$dir"   # ovs-vswitchd --no-chdir opens the pcaps relative to here
"$here/ovs-oracle.sh" start "$dir" >/dev/null 2>&1
export OVS_RUNDIR=$dir
# no megaflow idles out (max-idle, 10 s by default) while a seed runs
ovs-vsctl set Open_vSwitch . other_config:max-idle=3600000
sh -e "$res/setup.sh"
while IFS= read -r line; do
  case $line in '#'*|'') continue ;; esac
  echo "### $line"
  eval "$line" 2>&1
  sleep 0.2
done < "$res/commands.in" > "$res/commands.out"
ovs-appctl revalidator/wait
sleep 1
rm -f "$res"/*-tx.pcap
cp ./*-tx.pcap "$res/" 2>/dev/null || true
