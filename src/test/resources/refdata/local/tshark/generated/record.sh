#!/usr/bin/env bash
# Records what TShark 4.0.17 (Debian 12) prints for the tshark generated corpus: generated.pcap is written by
# io.arplab.wire.tcpdump.TsharkGeneratedCorpus (FrameGenerator, a fixed seed), then tshark.out is
# `tshark -r generated.pcap` (default columns) with an empty HOME (no profile), TZ=UTC and LC_ALL=C.UTF-8, as
# refdata/tcpdump's tshark.out were made. Run from anywhere.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../../../../../.." && pwd)"
tshark --version 2>/dev/null | head -1 | grep -q ' 4\.0\.17 ' || { echo "needs TShark 4.0.17" >&2; exit 1; }
(cd "$root" && mvn -B -q test-compile -pl arplab-core -am)
java -cp "$root/arplab-core/target/classes:$root/arplab-core/target/test-classes" \
    io.arplab.wire.tcpdump.TsharkGeneratedCorpus "$here/generated.pcap"
home="$(mktemp -d)"
cd "$here"
HOME="$home" TZ=UTC LC_ALL=C.UTF-8 tshark -r generated.pcap > tshark.out 2>/dev/null
rmdir "$home"
tshark --version 2>/dev/null | head -1 > versions.txt
