# The lab record.sh and record-scan.sh share (sourced): namespaces spf-host (bridge br0 172.28.0.1/16, forwarding),
# spf-n1 172.28.0.11, spf-n2 172.28.0.12 and spf-n3 172.28.0.13 behind veths, each with a resolv.conf naming
# 127.0.0.1, where no server listens; setup builds it, teardown deletes it, ns NODE CMD runs in one.
P=spf
ns() { ip netns exec "$P-$1" "${@:2}"; }
setup() {
  # a resolver that fails at once: arpwatch looks up every station's name, and a resolver that cannot be reached
  # blocks it for seconds per lookup (ip netns exec bind-mounts /etc/netns/NS/resolv.conf)
  for n in host n1 n2 n3; do mkdir -p /etc/netns/$P-$n; echo "nameserver 127.0.0.1" > /etc/netns/$P-$n/resolv.conf; done
  for n in host n1 n2 n3; do ip netns add $P-$n; ip netns exec $P-$n sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; ip -n $P-$n link set lo up; done
  ip -n $P-host link add br0 address 02:42:8e:ff:44:b3 type bridge; ip -n $P-host addr add 172.28.0.1/16 dev br0
  ip -n $P-host link set br0 up; ns host sysctl -qw net.ipv4.ip_forward=1
  plug() { ip link add veth-$1 netns $P-host type veth peer name eth0 netns $P-$1; ip -n $P-host link set veth-$1 master br0 up
           ip -n $P-$1 link set eth0 address $2; ip -n $P-$1 addr add $3 dev eth0; ip -n $P-$1 link set eth0 up; ip -n $P-$1 route add default via 172.28.0.1; }
  plug n1 02:42:ac:1c:00:0b 172.28.0.11/16
  plug n2 02:42:ac:1c:00:0c 172.28.0.12/16
  plug n3 02:42:ac:1c:00:0d 172.28.0.13/16
  sleep 2
}
teardown() { for n in host n1 n2 n3; do ip netns del $P-$n 2>/dev/null; rm -rf /etc/netns/$P-$n; done; }
