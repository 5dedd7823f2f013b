#!/usr/bin/env bash
# Copies arp-scan 1.10.0's vendor files (Debian 12's arp-scan package) as they are installed: ieee-oui.txt (the IEEE
# registry, /usr/share/arp-scan) gzipped, and mac-vendor.txt (/etc/arp-scan). ArpScanVendors reads them as
# add_mac_vendor() does. Run from anywhere.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
dpkg-query -W -f='${Version}\n' arp-scan | grep -q '^1\.10\.0' || { echo "needs arp-scan 1.10.0" >&2; exit 1; }
gzip -9nc /usr/share/arp-scan/ieee-oui.txt > "$here/arp-scan-ieee-oui.txt.gz"
cp /etc/arp-scan/mac-vendor.txt "$here/arp-scan-mac-vendor.txt"
