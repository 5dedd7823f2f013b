#!/bin/sh
# Records what the real tcpdump 4.99.3 prints for Geneve frames (RFC 8926) crafted offline by geneve-frames.py:
# refdata/geneve/geneve.pcap and one .out per flag set. Run from the repository root; needs python3 and tcpdump.
set -eu
out=src/test/resources/refdata/geneve
python3 src/test/scripts/geneve-frames.py "$out/geneve.pcap"
cd "$out"
tcpdump --version 2>&1 | head -2 > versions.txt
for flags in n ne nv nvv nev; do
    TZ=UTC LC_ALL=C.UTF-8 tcpdump -$flags -r geneve.pcap > "tcpdump_$flags.out" 2>/dev/null
done
