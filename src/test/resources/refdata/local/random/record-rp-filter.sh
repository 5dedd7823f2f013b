#!/usr/bin/env bash
# Records which ARP requests a host answers by fib_validate_source() (rp_filter, a sender that is one of its own
# addresses, a sender it has no route back to) and writes rp-filter.out; ArpProcessTest asserts the same.
# b: kz-vb 10.0.0.2/24 facing a, kz-d 10.1.0.1/16 (a veth whose peer stays in b). a asks for 10.0.0.2 from each
# sender with arping -s (the sender must be a local address of a). Namespaces kz-a, kz-b. Run as root.
set -u
cd "$(dirname "$0")"
ip netns add kz-a; ip netns add kz-b
ip link add kz-va netns kz-a type veth peer name kz-vb netns kz-b
for a in 10.0.0.1/24 10.1.0.5/32 192.168.5.5/32 10.1.0.1/32; do ip -n kz-a addr add $a dev kz-va; done
ip -n kz-a link set kz-va up; ip -n kz-b addr add 10.0.0.2/24 dev kz-vb; ip -n kz-b link set kz-vb up
ip -n kz-b link add kz-d type veth peer name kz-e; ip -n kz-b addr add 10.1.0.1/16 dev kz-d
ip -n kz-b link set kz-d up; ip -n kz-b link set kz-e up; sleep 1
{
  for sender in 10.1.0.5 10.1.0.1 192.168.5.5; do
    for rp in 0 1 2; do
      ip netns exec kz-b sysctl -qw net.ipv4.conf.kz-vb.rp_filter=$rp; ip -n kz-b neigh flush all
      n=$(ip netns exec kz-a arping -c1 -w1 -s $sender -I kz-va 10.0.0.2 | grep -c Unicast)
      echo "sender $sender rp_filter $rp: replies $n, entries $(ip -n kz-b neigh show | grep -c lladdr)"
    done
  done
} > rp-filter.out
ip netns del kz-a; ip netns del kz-b
