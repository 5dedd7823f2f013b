#!/usr/bin/env bash
# Records OVS 3.1's native tunnelling on the userspace (dummy) datapath beyond record-tnl-push.sh, on the same setup
# (br0 with p3 and the Geneve port tun0; the underlay bridge br-phy, 10.79.1.201/24, with eth0 whose tx_pcap is
# eth0-tx.pcap; a route to 10.79.1.0/24): dpif/set-dp-features' replies, neighbours learnt from ARP on the underlay
# (tnl_neigh_snoop: a reply to the bridge's address, a gratuitous ARP, a reply to another address), a tnl_push that is
# not the last action (clone), and packets through the datapath both ways (tnl_pop twice, tnl_push with its outer
# header in eth0's tx_pcap) with dpctl/dump-flows after each, then a UDP datagram and a ping to the bridge's address
# (the listening ports' lookup missing in its last stage and in the L3 one); into refdata/geneve/ovs/native/datapath.out and
# eth0-tx.pcap. Run from the repository root.
set -uo pipefail
out=src/test/resources/refdata/geneve/ovs/native
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/ovstnl.XXXXXX")
trap '"$here/ovs-oracle.sh" stop "$dir"; rm -rf "$dir"' EXIT
"$here/ovs-oracle.sh" start "$dir" >/dev/null 2>&1
export OVS_RUNDIR=$dir
run() { echo "### $*"; eval "$*" 2>&1 | grep -v '^Cached:' | sed -E 's/used:[0-9.]+s/used:0.001s/'; }
frames=$(python3 - <<'PY'
import struct
def csum(b):
    s = sum(struct.unpack('!%dH' % (len(b)//2), b + b'\0' * (len(b) % 2)))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff
def ip(src, dst, proto, payload, ttl=64, df=0x4000):
    h = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(payload), 1, df, ttl, proto, 0, bytes(src), bytes(dst))
    return h[:10] + struct.pack('!H', csum(h)) + h[12:] + payload
def arp(op, sha, spa, tha, tpa, dst):
    return bytes.fromhex(dst + sha) + struct.pack('!HHHBBH', 0x0806, 1, 0x0800, 6, 4, op) + bytes.fromhex(sha) \
        + bytes(spa) + bytes.fromhex(tha) + bytes(tpa)
icmp = struct.pack('!BBHHH', 8, 0, 0, 1, 1) + bytes(range(56))
icmp = icmp[:2] + struct.pack('!H', csum(icmp)) + icmp[4:]
inner = bytes.fromhex('f232d807e2a6' 'aabbccddeeff' '0800') + ip([10,222,2,2], [10,222,1,2], 1, icmp, ttl=63)
geneve = struct.pack('!BBHI', 0, 0, 0x6558, 0) + inner
udp = struct.pack('!HHHH', 50000, 6081, 8 + len(geneve), 0) + geneve
outer = bytes.fromhex('aa55aa660001' 'aabbcc000002' '0800') + ip([10,79,1,202], [10,79,1,201], 17, udp)
print(outer.hex())
print((bytes.fromhex('aabbccddeeff' 'f232d807e2a6' '0800') + ip([10,222,1,2], [10,222,2,2], 1, icmp)).hex())
print(arp(2, 'aabbcc000003', [10,79,1,203], 'aa55aa660001', [10,79,1,201], 'aa55aa660001').hex())
print(arp(1, 'aabbcc000004', [10,79,1,204], '000000000000', [10,79,1,204], 'ffffffffffff').hex())
print(arp(2, 'aabbcc000005', [10,79,1,205], 'aa55aa660009', [10,79,1,209], 'aa55aa660009').hex())
dns = struct.pack('!HHHH', 40000, 53, 12, 0) + b'ping'
print((bytes.fromhex('aa55aa660001' 'aabbcc000002' '0800') + ip([10,79,1,202], [10,79,1,201], 17, dns)).hex())
print((bytes.fromhex('aa55aa660001' 'aabbcc000002' '0800') + ip([10,79,1,202], [10,79,1,201], 1, icmp)).hex())
PY
)
read -r outer inner reply garp other udp53 ping <<<"$(echo $frames)"
{
ovs-vsctl add-port br0 p3 -- set interface p3 type=dummy ofport_request=3
ovs-vsctl add-port br0 tun0 -- set interface tun0 type=geneve ofport_request=1 options:remote_ip=flow options:key=flow \
  options:csum=true
ovs-vsctl add-br br-phy -- set bridge br-phy datapath_type=dummy other-config:hwaddr=aa:55:aa:66:00:01
ovs-vsctl add-port br-phy eth0 -- set interface eth0 type=dummy ofport_request=1 options:tx_pcap="$dir/eth0-tx.pcap"
ovs-ofctl add-flow br-phy actions=normal
ovs-ofctl -O OpenFlow13 add-flow br0 in_port=3,ip,actions=set_field:10.79.1.202-\>tun_dst,output:1
ovs-ofctl -O OpenFlow13 add-flow br0 in_port=1,actions=output:3
ovs-ofctl -O OpenFlow13 add-flow br0 priority=40000,in_port=3,udp,actions=set_field:10.79.1.202-\>tun_dst,output:1,output:3
ovs-appctl netdev-dummy/ip4addr br-phy 10.79.1.201/24
ovs-appctl ovs/route/add 10.79.1.0/24 br-phy
} >/dev/null
{
run ovs-appctl dpif/set-dp-features br0 tnl_push_pop
run ovs-appctl dpif/set-dp-features br0 tnl_push_pop maybe
run ovs-appctl dpif/set-dp-features br0 no_such_feature
run ovs-appctl dpif/set-dp-features br7 tnl_push_pop false
run ovs-appctl ofproto/trace br0 in_port=3,icmp,nw_src=10.222.1.2,nw_dst=10.222.2.2,nw_ttl=64
run ovs-appctl fdb/show br-phy
run ovs-appctl netdev-dummy/receive eth0 "$reply"
run ovs-appctl netdev-dummy/receive eth0 "$garp"
run ovs-appctl netdev-dummy/receive eth0 "$other"
run ovs-appctl tnl/neigh/show
run ovs-appctl tnl/arp/show
run ovs-appctl dpctl/dump-flows
run ovs-appctl dpctl/del-flows
run ovs-appctl tnl/neigh/set br-phy 10.79.1.202 aa:bb:cc:00:00:02
run ovs-appctl ofproto/trace br0 in_port=3,udp,nw_src=10.222.1.2,nw_dst=10.222.2.2,nw_ttl=64,udp_src=1,udp_dst=2
run ovs-appctl netdev-dummy/receive eth0 "$outer"
run ovs-appctl dpctl/dump-flows
run ovs-appctl netdev-dummy/receive eth0 "$outer"
run ovs-appctl dpctl/dump-flows
run ovs-appctl dpctl/del-flows
run ovs-appctl netdev-dummy/receive p3 "$inner"
run ovs-appctl dpctl/dump-flows
run ovs-appctl netdev-dummy/receive p3 "$inner"
run ovs-appctl dpctl/dump-flows
run ovs-appctl tnl/neigh/show
run ovs-appctl dpctl/del-flows
run ovs-appctl netdev-dummy/receive eth0 "$udp53"
run ovs-appctl netdev-dummy/receive eth0 "$ping"
run ovs-appctl dpctl/dump-flows
} > "$out/datapath.out"
cp "$dir/eth0-tx.pcap" "$out/eth0-tx.pcap"
