#!/usr/bin/env bash
# Records ovs-dpctl (OVS 3.1) for refdata/ovs/dpctl/commands.in on a machine without the openvswitch kernel module
# (lsmod shows none): each line's stderr and stdout, then its exit status, after "### LINE", into commands.out.
#   src/test/scripts/record-dpctl.sh
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
res=$here/../resources/refdata/ovs/dpctl
if grep -qs "^openvswitch " /proc/modules; then
  echo "record-dpctl.sh: the openvswitch kernel module is loaded; unload it first" >&2
  exit 1
fi
while IFS= read -r line; do
  case $line in '#'*|'') continue ;; esac
  echo "### $line"
  eval "$line" 2>&1
  echo "exit $?"
done < "$res/commands.in" > "$res/commands.out"
