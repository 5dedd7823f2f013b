#!/usr/bin/env bash
# Records what the tcp sysctls do to a handshake (round 24), for TcpRecordingTest, in record.sh's setup (namespaces
# tcpa 10.0.0.1 and tcpb 10.0.0.2 on one veth pair, Debian 12's tcp_rmem, tcpdump -w on b's end):
#   sysctls-client.pcap/.txt    a with tcp_sack=0, tcp_timestamps=0, tcp_ecn=1: `echo hi | nc -N 10.0.0.2 1234` to
#                               `nc -l 1234` (tcp_syn_options(), tcp_ecn_send_syn(), the listener's ECE, ECT(0) data)
#   sysctls-listener.pcap/.txt  b with tcp_sack=0, tcp_timestamps=0, tcp_window_scaling=0: the same exchange
#                               (tcp_parse_options() takes from the SYN only what the listener's sysctls allow)
#   sysctls-retrans.pcap/.txt   a with tcp_ecn=1: `nc 10.0.0.9 80` to a static neighbour no one answers for, 3.5 s
#                               (its SYN asks ECN, the retransmissions do not: tcp_ecn_clear_syn())
#   sudo src/test/resources/refdata/local/tcp/record-sysctls.sh
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cleanup() { ip netns del tcpa 2>/dev/null; ip netns del tcpb 2>/dev/null; }
trap cleanup EXIT
cleanup
ip netns add tcpa; ip netns add tcpb
ip link add veth-a netns tcpa address 02:00:00:00:00:01 type veth peer name veth-b netns tcpb address 02:00:00:00:00:02
ip -n tcpa addr add 10.0.0.1/24 dev veth-a; ip -n tcpb addr add 10.0.0.2/24 dev veth-b
for n in tcpa tcpb; do ip -n $n link set lo up; done
ip -n tcpa link set veth-a up; ip -n tcpb link set veth-b up
for n in tcpa tcpb; do ip netns exec $n sysctl -qw net.ipv6.conf.all.disable_ipv6=1; done
for n in tcpa tcpb; do ip netns exec $n sysctl -qw net.ipv4.tcp_rmem="4096 131072 6291456" net.ipv4.tcp_wmem="4096 16384 4194304"; done
sleep 1
ip netns exec tcpa ping -c1 -q 10.0.0.2 >/dev/null
exchange() { # NAME: one line to a listener, captured on b
  ip netns exec tcpb tcpdump -U -q -i veth-b -w "$here/$1.pcap" tcp 2>/dev/null & cap=$!
  sleep 1
  ip netns exec tcpb nc -l 1234 > /dev/null 2>&1 < /dev/null & srv=$!
  sleep 1
  ip netns exec tcpa bash -c 'echo hi | nc -N 10.0.0.2 1234'
  wait $srv
  sleep 1; kill -INT $cap; wait $cap
  tcpdump -nn -v -r "$here/$1.pcap" > "$here/$1.txt" 2>/dev/null
}
ip netns exec tcpa sysctl -qw net.ipv4.tcp_sack=0 net.ipv4.tcp_timestamps=0 net.ipv4.tcp_ecn=1
exchange sysctls-client
ip netns exec tcpa sysctl -qw net.ipv4.tcp_sack=1 net.ipv4.tcp_timestamps=1 net.ipv4.tcp_ecn=2
ip netns exec tcpb sysctl -qw net.ipv4.tcp_sack=0 net.ipv4.tcp_timestamps=0 net.ipv4.tcp_window_scaling=0
exchange sysctls-listener
ip netns exec tcpb sysctl -qw net.ipv4.tcp_sack=1 net.ipv4.tcp_timestamps=1 net.ipv4.tcp_window_scaling=1
ip netns exec tcpa sysctl -qw net.ipv4.tcp_ecn=1
ip -n tcpa neigh add 10.0.0.9 lladdr 02:00:00:00:00:99 dev veth-a
ip netns exec tcpb tcpdump -U -q -i veth-b -w "$here/sysctls-retrans.pcap" tcp 2>/dev/null & cap=$!
sleep 1
ip netns exec tcpa timeout 3.5 nc 10.0.0.9 80
sleep 1; kill -INT $cap; wait $cap
tcpdump -nn -v -r "$here/sysctls-retrans.pcap" > "$here/sysctls-retrans.txt" 2>/dev/null
