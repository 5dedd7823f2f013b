#!/usr/bin/env bash
# Makes the TCP captures and prints each with TShark 4.0.17 (Debian 12's) as TsharkTcpTest reads them:
#   random-SEED.pcap  make-tcp.py's conversations (handshakes with options, data, losses, retransmissions,
#                     reordering, duplicate ACKs, window changes, keep-alives, zero windows, FIN/RST, port reuse;
#                     server ports without a TCP dissector, from `tshark -G decodes`)
#   cluster-*.pcap    arplab's own: examples/antrea-cluster's tcp.txt (--pcap-dir), copied as they are
#   NAME.tshark       tshark -r's stdout (its root warning on stderr dropped)
set -eu
cd "$(dirname "$0")"
ports="$(mktemp)"
HOME="$(mktemp -d)" tshark -G decodes 2>/dev/null | awk -F'\t' '$1=="tcp.port"{print $2}' > "$ports"
for seed in 1 5 19 31 36; do
  python3 make-tcp.py "$seed" "random-$seed.pcap" 15 "$ports" >/dev/null
done
rm -f "$ports"
for p in *.pcap; do
  HOME="$(mktemp -d)" TZ=UTC LC_ALL=C.UTF-8 tshark -r "$p" > "${p%.pcap}.tshark" 2>/dev/null
done
