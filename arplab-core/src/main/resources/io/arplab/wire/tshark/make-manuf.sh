#!/usr/bin/env bash
# Rebuilds manuf.gz from Wireshark 4.0.17's data files (Debian 12's libwireshark-data): the address column, the
# short name and the long name of /usr/share/wireshark/manuf, then the address and name of
# /usr/share/wireshark/wka, in the order initialize_ethers() (epan/addr_resolv.c) reads them, cut at '#' as
# get_ethent() does (the short name at white space, the long name at a tab). Lines without a name are dropped.
# Run from anywhere.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
dpkg-query -W -f='${Version}\n' libwireshark-data | grep -q '^4\.0\.17' || { echo "needs libwireshark-data 4.0.17" >&2; exit 1; }
{
  sed -e 's/#.*//' /usr/share/wireshark/manuf | awk -F'\t' '{
      split($1, a, /[ ]+/); n = $2; sub(/[ ].*/, "", n); l = $3; sub(/[ ]+$/, "", l)
      if (a[1] != "" && n != "") print a[1] "\t" n (l != "" ? "\t" l : "") }'
  sed -e 's/#.*//' /usr/share/wireshark/wka | awk '{ if (NF >= 2) print $1 "\t" $2 }'
} | gzip -9n > "$here/manuf.gz"
