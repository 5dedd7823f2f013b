#!/usr/bin/env bash
# Rebuilds manuf.gz from Wireshark 4.0.17's data files (Debian 12's libwireshark-data): the address column and
# the short name of /usr/share/wireshark/manuf, then of /usr/share/wireshark/wka, in the order
# initialize_ethers() (epan/addr_resolv.c) reads them, each name cut at '#' and at white space as get_ethent()
# does. Lines that give no name are dropped. Run from anywhere.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
dpkg-query -W -f='${Version}\n' libwireshark-data | grep -q '^4\.0\.17' || { echo "needs libwireshark-data 4.0.17" >&2; exit 1; }
for f in /usr/share/wireshark/manuf /usr/share/wireshark/wka; do
  sed -e 's/#.*//' "$f" | awk '{ if (NF >= 2) print $1 "\t" $2 }'
done | gzip -9n > "$here/manuf.gz"
