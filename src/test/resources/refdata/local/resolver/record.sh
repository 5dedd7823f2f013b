#!/bin/sh
# Records what the tools print when getaddrinfo() fails with EAI_AGAIN (a namespace without a network, so the
# resolv.conf's name server cannot be reached): each command's stdout, "--- stderr", its stderr and "[exit N]".
# Needs root (unshare -n). Usage: record.sh > eai-again.out
set -u
while IFS= read -r cmd; do
    [ -z "$cmd" ] && continue
    out=$(mktemp); err=$(mktemp)
    unshare -n sh -c "ip link set lo up; timeout 10 $cmd" >"$out" 2>"$err"
    rc=$?
    printf '$ %s\n' "$cmd"; cat "$out"; printf -- '--- stderr\n'; cat "$err"; printf '[exit %d]\n' "$rc"
    rm -f "$out" "$err"
done < "$(dirname "$0")/commands.txt"
