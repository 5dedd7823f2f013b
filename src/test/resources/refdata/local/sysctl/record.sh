#!/usr/bin/env bash
# Records what the real kernel and procps sysctl (4.0.2) answer to the command lines in commands.txt, run in order
# inside a fresh network namespace rec-sysctl that holds lo and eth0 (one end of a veth whose peer sits in
# rec-sysctl-peer). Writes cases.txt: each command as "$ COMMAND", its stdout lines as "> LINE", its stderr lines
# as "! LINE" and "[exit N]". Run as root (ip, sysctl); it deletes the namespaces when done.
# SysctlRecordingTest replays cases.txt in an arplab lab and compares.
set -u
cd "$(dirname "$0")"
teardown() { ip netns del rec-sysctl 2>/dev/null; ip netns del rec-sysctl-peer 2>/dev/null; }
teardown
ip netns add rec-sysctl; ip netns add rec-sysctl-peer
ip link add eth0 netns rec-sysctl type veth peer name veth0 netns rec-sysctl-peer
{
  echo "# recorded by record.sh on $(uname -r), $(sysctl --version)"
  grep -v '^#' commands.txt | while IFS= read -r line; do
    [ -z "$line" ] && continue
    echo "\$ $line"
    out=$(mktemp); err=$(mktemp)
    # shellcheck disable=SC2086
    ip netns exec rec-sysctl $line >"$out" 2>"$err"; rc=$?
    sed 's/^/> /' "$out"; sed 's/^/! /' "$err"
    echo "[exit $rc]"
    rm -f "$out" "$err"
  done
} > cases.txt
teardown
