#!/bin/sh
# Records what the real tools print for their help options (Debian 12: iputils 20221126, traceroute 2.1.2,
# iproute2 6.1, net-tools 2.10, procps-ng 4.0.2, coreutils 9.1, tcpdump 4.99.3, dsniff 2.4b1, arp-scan 1.10,
# arpwatch 2.1a15, Open vSwitch 3.1): for each NAME|COMMAND line of cases.txt, NAME.out (stdout), NAME.err
# (stderr), NAME.rc (exit status). Run from this directory: sh record.sh. No packet is sent. Run as root: the
# lab's nodes are root, and TShark 4.0.17 (its tshark-* lines) then starts stderr with its warning about it.
set -u
grep -v '^#' cases.txt | while IFS='|' read -r name cmd; do
    sh -c "$cmd" >"$name.out" 2>"$name.err" </dev/null
    echo $? >"$name.rc"
done
