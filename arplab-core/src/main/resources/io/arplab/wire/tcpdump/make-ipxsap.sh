#!/usr/bin/env bash
# Rebuilds ipxsap.txt: the IPX SAP server-type names tcpdump 4.99.3 prints without -n (addrtoname.c's ipxsap
# table), read off the real tcpdump: a capture of one SAP request per type 0..65535 is printed without -n inside
# unshare -n, and each type printed as a name rather than as its four hex digits is kept ("type<TAB>name").
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
tcpdump --version 2>&1 | head -1 | grep -q ' 4\.99\.3$' || { echo "needs tcpdump 4.99.3" >&2; exit 1; }
t="$(mktemp -d)"
python3 - "$t/sap.pcap" <<'PY'
import struct, sys
with open(sys.argv[1], 'wb') as f:
    f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 262144, 1))
    for v in range(65536):
        ipx = struct.pack('!HHBB', 0xffff, 34, 0, 4) + bytes(10) + b'\x04\x52' + bytes(12) + struct.pack('!HH', 1, v)
        fr = b'\xff' * 6 + bytes.fromhex('0242ac1c000b') + struct.pack('!H', len(ipx)) + ipx
        fr += bytes(max(0, 60 - len(fr)))
        f.write(struct.pack('<IIII', v, 0, len(fr), len(fr)) + fr)
PY
{ echo "# IPX SAP server types tcpdump 4.99.3 names (made by make-ipxsap.sh from the real tcpdump): type name"
  unshare -n env TZ=UTC tcpdump -r "$t/sap.pcap" 2>/dev/null | python3 -c '
import sys
for v, line in enumerate(sys.stdin):
    name = line.rstrip("\n").split("ipx-sap-req ", 1)[1]
    if name != "%04x" % v:
        print("0x%04x\t%s" % (v, name))'
} > "$here/ipxsap.txt"
rm -rf "$t"
