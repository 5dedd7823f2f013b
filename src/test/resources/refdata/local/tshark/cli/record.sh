#!/bin/sh
# Records TShark 4.0.17's (Debian 12) command-line errors and exit statuses next to a few good runs: for each
# NAME|ARGS line of cases.txt, NAME.out (stdout), NAME.err (stderr), NAME.rc of `tshark ARGS`, run in this
# directory as root (the lab's nodes are root: stderr starts with tshark's warning) with an empty HOME and
# TZ=UTC. The inputs are made here: ping.pcap (refdata/tcpdump's conv_ping_c3), bad.pcap (text), cut.pcap
# (ping.pcap cut inside its third frame), empty.pcap (no bytes) and dir/ (a directory).
set -u
cd "$(dirname "$0")"
printf 'garbage\n' > bad.pcap
head -c 300 ping.pcap > cut.pcap
: > empty.pcap
mkdir -p dir
home=$(mktemp -d)
grep -v '^#' cases.txt | while IFS='|' read -r name args; do
    env HOME="$home" TZ=UTC sh -c "tshark $args" >"$name.out" 2>"$name.err" </dev/null
    echo $? >"$name.rc"
done
rmdir "$home"
