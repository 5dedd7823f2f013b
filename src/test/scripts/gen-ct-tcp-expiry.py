#!/usr/bin/env python3
import struct
# Writes refdata/ovs/cttcpexpiry/commands.in: TCP connections (hex frames with correct checksums) through ct(commit) and
# the conntrack dumps as OVS's clock is warped past each timeout. Usage: gen-ct-tcp-expiry.py > .../cttcpexpiry/commands.in
def csum(b):
    if len(b)%2: b+=b'\0'
    s=sum(struct.unpack('!%dH'%(len(b)//2),b)); s=(s>>16)+(s&0xffff); s+=s>>16
    return (~s)&0xffff
def ip(a): return bytes(int(x) for x in a.split('.'))
def frame(smac,dmac,src,dst,sport,dport,seq,ack,flags,win=64240):
    tcp=struct.pack('!HHIIBBHHH',sport,dport,seq,ack,5<<4,flags,win,0,0)
    ph=ip(src)+ip(dst)+struct.pack('!BBH',0,6,len(tcp))
    c=csum(ph+tcp); tcp=tcp[:16]+struct.pack('!H',c)+tcp[18:]
    iph=struct.pack('!BBHHHBBH4s4s',0x45,0,20+len(tcp),1,0x4000,64,6,0,ip(src),ip(dst))
    iph=iph[:10]+struct.pack('!H',csum(iph))+iph[12:]
    eth=bytes.fromhex(dmac.replace(':',''))+bytes.fromhex(smac.replace(':',''))+b'\x08\x00'
    return (eth+iph+tcp).hex()
A=('50:54:00:00:00:01','50:54:00:00:00:02','10.0.0.1','10.0.0.2')
B=('50:54:00:00:00:02','50:54:00:00:00:01','10.0.0.2','10.0.0.1')
SYN,ACK,FIN,RST=2,16,1,4
def fa(sp,dp,seq,ack,fl): return "ovs-appctl netdev-dummy/receive p1 "+frame(A[0],A[1],A[2],A[3],sp,dp,seq,ack,fl)
def fb(sp,dp,seq,ack,fl): return "ovs-appctl netdev-dummy/receive p2 "+frame(B[0],B[1],B[2],B[3],sp,dp,seq,ack,fl)
L=[]
L.append("# TCP's timeouts (conntrack-tcp.c tcp_conn_update(), conntrack-tp.c's default policy): a SYN alone (30 s),")
L.append("# an established connection (24 h), one closing after FINs (TIME_WAIT 45 s / CLOSE 30 s), after an RST.")
L.append("ovs-appctl time/stop")
L.append("ovs-ofctl -O OpenFlow15 add-flow br0 'table=0,priority=10,ip,actions=ct(commit,table=1)'")
L.append("ovs-ofctl -O OpenFlow15 add-flow br0 'table=1,priority=10,in_port=1,ip,actions=output:2'")
L.append("ovs-ofctl -O OpenFlow15 add-flow br0 'table=1,priority=10,in_port=2,ip,actions=output:1'")
# conn 1: SYN only
L.append(fa(40001,80,1000,0,SYN))
# conn 2: handshake
L.append(fa(40002,80,2000,0,SYN)); L.append(fb(80,40002,9000,2001,SYN|ACK)); L.append(fa(40002,80,2001,9001,ACK))
# conn 3: handshake then FIN both ways
L.append(fa(40003,80,3000,0,SYN)); L.append(fb(80,40003,7000,3001,SYN|ACK)); L.append(fa(40003,80,3001,7001,ACK))
L.append(fa(40003,80,3001,7001,FIN|ACK)); L.append(fb(80,40003,7001,3002,FIN|ACK)); L.append(fa(40003,80,3002,7002,ACK))
# conn 4: handshake then RST
L.append(fa(40004,80,4000,0,SYN)); L.append(fb(80,40004,6000,4001,SYN|ACK)); L.append(fa(40004,80,4001,6001,ACK))
L.append(fa(40004,80,4001,6001,RST))
# conn 5: handshake then FIN one way
L.append(fa(40005,80,5000,0,SYN)); L.append(fb(80,40005,5500,5001,SYN|ACK)); L.append(fa(40005,80,5001,5501,ACK))
L.append(fa(40005,80,5001,5501,FIN|ACK)); L.append(fb(80,40005,5501,5002,ACK))
L.append("ovs-appctl dpctl/dump-conntrack")
for w in [29000,2000,14000,2000,900000-48000,2000]:
    L.append("ovs-appctl time/warp %d"%w)
    L.append("ovs-appctl dpctl/dump-conntrack")
# the established connection's 24 h in warps of at most 50 min (a lab interrupts a command after an hour)
rest = 86400000 - 901000 - 1000
while rest > 0:
    L.append("ovs-appctl time/warp %d" % min(rest, 3000000))
    rest -= min(rest, 3000000)
for w in [0, 2000]:
    if w:
        L.append("ovs-appctl time/warp %d"%w)
    L.append("ovs-appctl dpctl/dump-conntrack")
print("\n".join(L))
