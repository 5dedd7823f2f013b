#!/usr/bin/env bash
# Makes the probe captures (make-probes.py) and prints each with TShark 4.0.17 (Debian 12's) as
# TsharkProbesTest reads them: NAME.tshark, tshark -r's stdout (its root warning on stderr dropped).
set -eu
cd "$(dirname "$0")"
python3 make-probes.py
for p in *.pcap; do
  HOME="$(mktemp -d)" TZ=UTC LC_ALL=C.UTF-8 tshark -r "$p" > "${p%.pcap}.tshark" 2>/dev/null
done
