#!/usr/bin/env bash
# Records OVS 3.1's native tunnelling on the userspace (dummy) datapath, tnl_push_pop on as OVS sets it: br0 with p3
# (dummy) and the Geneve port tun0 (remote_ip=flow, key=flow, csum=true), the underlay bridge br-phy (10.79.1.201/24 on
# its own port, eth0 dummy), a route (ovs/route/add) and a neighbour (tnl/neigh/set) to 10.79.1.202; into
# refdata/geneve/ovs/native: each command of the list below after "### COMMAND"; first, br9 traces flows with tunnel
# metadata (tun_tos, tun_ttl, tun_flags). The route table's "Cached:" lines
# are the recording machine's kernel routes and are left out. Run from the repository root.
set -uo pipefail
out=src/test/resources/refdata/geneve/ovs/native
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/ovstnl.XXXXXX")
trap '"$here/ovs-oracle.sh" stop "$dir"; rm -rf "$dir"' EXIT
"$here/ovs-oracle.sh" start "$dir" >/dev/null 2>&1
export OVS_RUNDIR=$dir
run() { echo "### $*"; eval "$*" 2>&1 | grep -v '^Cached:'; }
# outer: aa:bb:cc:00:00:02 10.79.1.202 -> aa:55:aa:66:00:01 10.79.1.201, UDP 6081, Geneve vni 0; inner: ICMP echo
# 10.222.2.2 -> 10.222.1.2 (the datagram geneve-frames.py would build)
frame=$(python3 - <<'PY'
import struct
def csum(b):
    s = sum(struct.unpack('!%dH' % (len(b)//2), b + b'\0' * (len(b) % 2)))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff
def ip(src, dst, proto, payload, ttl=64, df=0x4000):
    h = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(payload), 1, df, ttl, proto, 0, bytes(src), bytes(dst))
    return h[:10] + struct.pack('!H', csum(h)) + h[12:] + payload
icmp = struct.pack('!BBHHH', 8, 0, 0, 1, 1) + bytes(range(56))
icmp = icmp[:2] + struct.pack('!H', csum(icmp)) + icmp[4:]
inner = bytes.fromhex('f232d807e2a6' 'aabbccddeeff' '0800') + ip([10,222,2,2], [10,222,1,2], 1, icmp, ttl=63)
geneve = struct.pack('!BBHI', 0, 0, 0x6558, 0) + inner
udp = struct.pack('!HHHH', 50000, 6081, 8 + len(geneve), 0) + geneve
outer = bytes.fromhex('aa55aa660001' 'aabbcc000002' '0800') + ip([10,79,1,202], [10,79,1,201], 17, udp)
print(outer.hex())
PY
)
{
ovs-vsctl add-port br0 p3 -- set interface p3 type=dummy ofport_request=3
ovs-vsctl add-port br0 tun0 -- set interface tun0 type=geneve ofport_request=1 options:remote_ip=flow options:key=flow \
  options:csum=true
ovs-vsctl add-br br-phy -- set bridge br-phy datapath_type=dummy other-config:hwaddr=aa:55:aa:66:00:01
ovs-vsctl add-port br-phy eth0 -- set interface eth0 type=dummy ofport_request=1
ovs-ofctl add-flow br-phy actions=normal
ovs-ofctl -O OpenFlow13 add-flow br0 in_port=3,ip,actions=set_field:10.79.1.202-\>tun_dst,output:1
ovs-ofctl -O OpenFlow13 add-flow br0 in_port=1,actions=output:3
ovs-vsctl add-br br9 -- set bridge br9 datapath_type=dummy fail_mode=secure
ovs-vsctl add-port br9 q1 -- set interface q1 type=dummy ofport_request=1
ovs-vsctl add-port br9 q2 -- set interface q2 type=dummy ofport_request=2
ovs-ofctl add-flow br9 tun_src=1.1.1.1,tun_flags=+oam,actions=output:2
} >/dev/null
# (before its own route, OVS would route by the recording machine's kernel: not recorded)
{
run ovs-appctl ofproto/trace br9 in_port=1,tun_id=0x5,tun_src=1.1.1.1,tun_dst=2.2.2.2,tun_tos=4,tun_ttl=64,tun_flags=oam,tcp
run ovs-appctl ofproto/trace br9 in_port=1,tun_src=1.1.1.1,tun_dst=2.2.2.2,tun_ttl=7,arp
run ovs-appctl netdev-dummy/ip4addr br-phy 10.79.1.201/24
run ovs-appctl ovs/route/add 10.79.1.0/24 br-phy
run ovs-appctl ofproto/trace br0 in_port=3,icmp,nw_src=10.222.1.2,nw_dst=10.222.2.2,nw_ttl=64
run ovs-appctl tnl/neigh/set br-phy 10.79.1.202 aa:bb:cc:00:00:02
run ovs-appctl ofproto/trace br0 in_port=3,icmp,nw_src=10.222.1.2,nw_dst=10.222.2.2,nw_ttl=64
run ovs-appctl ofproto/trace br0 in_port=3,icmp,nw_src=10.222.1.2,nw_dst=10.222.2.2,nw_ttl=64,nw_ecn=3
run ovs-appctl ovs/route/show
run ovs-appctl tnl/neigh/show
run ovs-appctl tnl/ports/show
run ovs-appctl tnl/ports/show -v
run ovs-appctl ofproto/trace br-phy in_port=1 "$frame"
run ovs-appctl netdev-dummy/receive eth0 "$frame"
run ovs-appctl dpctl/dump-flows
run ovs-appctl dpif/set-dp-features br0 tnl_push_pop false
run ovs-appctl ofproto/trace br0 in_port=3,icmp,nw_src=10.222.1.2,nw_dst=10.222.2.2,nw_ttl=64
} > "$out/commands.out"
