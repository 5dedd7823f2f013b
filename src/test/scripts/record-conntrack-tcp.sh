#!/usr/bin/env bash
# Records OVS 3.1's userspace conntrack (lib/conntrack-tcp.c) on the TCP frames Linux sent in
# refdata/local/tcp/exchange.pcap and refused.pcap: a private ovs-vswitchd --enable-dummy (ovs-oracle.sh), br0 with
# dummy ports p1 (the client's side) and p2 (the server's), flows that send every IPv4 frame through
# ct(zone=65520,table=1) and count it per ct_state in table 1 before committing it (mark 0x20) and forwarding it.
# Each frame is fed with netdev-dummy/receive; after each, the table-1 counters and dpctl/dump-conntrack.
#   src/test/scripts/record-conntrack-tcp.sh     -> refdata/ovs/conntrack/tcp.out
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
res=$here/../resources/refdata/ovs/conntrack
tcp=$here/../resources/refdata/local/tcp
dir=$(mktemp -d)
export OVS_RUNDIR=$dir
trap '"$here/ovs-oracle.sh" stop "$dir"; rm -rf "$dir"' EXIT
"$here/ovs-oracle.sh" start "$dir" >/dev/null 2>&1
ovs-vsctl add-port br0 p1 -- set interface p1 type=dummy ofport_request=1 \
  -- add-port br0 p2 -- set interface p2 type=dummy ofport_request=2
cat > "$dir/flows" <<'FLOWS'
table=0,priority=10,ip,actions=ct(table=1,zone=65520)
table=0,priority=0,actions=drop
table=1,priority=30,ct_state=+inv+trk,ip,actions=drop
table=1,priority=20,ct_state=+new+trk,ip,actions=ct(commit,zone=65520,exec(load:0x20->NXM_NX_CT_MARK[])),resubmit(,2)
table=1,priority=20,ct_state=+est+rpl+trk,ip,actions=resubmit(,2)
table=1,priority=10,ct_state=+est-rpl+trk,ip,actions=resubmit(,2)
table=1,priority=5,ct_state=+rel+trk,ip,actions=resubmit(,2)
table=1,priority=0,actions=drop
table=2,in_port=1,actions=output:2
table=2,in_port=2,actions=output:1
FLOWS
ovs-ofctl -O OpenFlow13 add-flows br0 "$dir/flows"
frames() { # PCAP: "srcmac hex" per frame, TCP checksums completed (veth captures hold CHECKSUM_PARTIAL ones)
  python3 - "$1" <<'PY'
import struct, sys
d = open(sys.argv[1], 'rb').read()
o = 24
while o < len(d):
    _, _, incl, _ = struct.unpack('<IIII', d[o:o+16]); f = d[o+16:o+16+incl]; o += 16 + incl
    f = bytearray(f); ihl = (f[14] & 15) * 4; t = 14 + ihl; tl = struct.unpack('>H', f[16:18])[0] - ihl
    f[t+16:t+18] = b'\0\0'
    b = bytes(f[26:34]) + struct.pack('>HH', 6, tl) + bytes(f[t:t+tl]) + (b'\0' if tl % 2 else b'')
    s = sum(struct.unpack('>%dH' % (len(b) // 2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    f[t+16:t+18] = struct.pack('>H', ~s & 0xffff)
    print(f[6:12].hex(), f.hex())
PY
}
replay() { # NAME PCAP
  echo "## $1"
  n=0
  frames "$2" | while read -r src hex; do
    n=$((n+1))
    if [ "$src" = 020000000001 ]; then port=p1; else port=p2; fi
    echo "### frame $n on $port"
    ovs-appctl netdev-dummy/receive $port "$hex"
    ovs-appctl revalidator/wait
    ovs-ofctl -O OpenFlow13 dump-flows br0 table=1 | sed -n 's/.*\(n_packets=[0-9]*\).*\(priority=[0-9]*\),\?\(ct_state=[^ ]*\)\?.*/\1 \2 \3/p'
    ovs-appctl dpctl/dump-conntrack
    ovs-appctl dpctl/dump-conntrack -s | sed 's/^/-s: /'
  done
}
{
  replay exchange "$tcp/exchange.pcap"
  ovs-appctl dpctl/flush-conntrack
  replay refused "$tcp/refused.pcap"
} > "$res/tcp.out" 2>&1
