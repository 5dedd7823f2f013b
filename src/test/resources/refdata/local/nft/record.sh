#!/usr/bin/env bash
# Records nft (nftables 1.0.6, Debian 12) against the real kernel: the arp, bridge and ip families' tables, chains,
# sets and rules as `nft list` prints them, the errors nft gives, and the anti-spoofing rules' effect on arpspoof
# (dsniff 2.4b1+debian-31) and on forged sources at the bridge. Run as root with nftables, dsniff, iproute2 and
# iputils installed. Builds namespaces wtnft-host (bridge br0 172.28.0.1/16, the gateway), wtnft-n1 172.28.0.11 (the
# victim), wtnft-n2 172.28.0.12 (the attacker) and wtnft-n3 172.28.0.13, as refdata/local/security does; writes
# <scenario>.out (each command under a "$ node: command" line, its stdout, then its stderr after "--- stderr", then
# its exit status) and deletes the namespaces. Arguments name the scenarios to record (default: all of them).
set -u
cd "$(dirname "$0")"
. ../security/lab.sh # the security lab: ns, setup (bridge br0 on host, n1..n3 behind veths), teardown
P=wtnft
T=$(mktemp -d)
run() { echo "\$ $1: ${*:2}"; ns "$@" >$T/o 2>$T/e; rc=$?; cat $T/o; if [ -s $T/e ]; then echo "--- stderr"; cat $T/e; fi; echo "[exit $rc]"; }
bg() { id=$1; shift; ip netns exec "$P-$1" "${@:2}" >$T/$id.o 2>$T/$id.e & echo $! >$T/$id.pid; echo "\$ $1: ${*:2} &"; }
fin() { wait $(cat $T/$1.pid); rc=$?; echo "\$ [$1 ended]"; cat $T/$1.o; if [ -s $T/$1.e ]; then echo "--- stderr"; cat $T/$1.e; fi; echo "[exit $rc]"; }
flush() { for n in host n1 n2 n3; do ns $n ip neigh flush all; ns $n nft flush ruleset; done; }

ONLY=" ${*:-cli file errors defence_arp defence_bridge loops hooks atomic stdin l4 proto objects} "
has() { [[ "$ONLY" == *" $1 "* ]]; }
teardown; setup
if has cli; then
# nft's commands and how it prints what they made
flush; { run n1 nft list ruleset
  run n1 nft add table arp filter
  run n1 nft add chain arp filter input '{ type filter hook input priority 0; policy accept; }'
  run n1 nft add chain arp filter output '{ type filter hook output priority 0; }'
  run n1 nft add set arp filter allowed '{ type ipv4_addr . ether_addr; }'
  run n1 nft add element arp filter allowed '{ 172.28.0.1 . 02:42:8e:ff:44:b3, 172.28.0.13 . 02:42:ac:1c:00:0d }'
  run n1 nft add rule arp filter input arp operation reply arp saddr ip . arp saddr ether != @allowed counter drop
  run n1 nft add rule arp filter input arp operation request counter
  run n1 nft add rule arp filter input arp daddr ip '{ 172.28.0.11, 172.28.0.12 }' accept
  run n1 nft add rule arp filter input arp saddr ip 172.28.0.0/24 arp daddr ether 02:42:ac:1c:00:0b counter accept
  run n1 nft add rule arp filter output arp operation '{ request, reply }' arp saddr ether 02:42:ac:1c:00:0b counter
  run n1 nft add rule arp filter input iifname eth0 meta pkttype broadcast accept
  run n1 nft add rule arp filter input arp saddr ip != 172.28.0.1 arp operation != request drop
  run n1 nft list ruleset
  run n1 nft -a list ruleset
  run n1 nft list table arp filter
  run n1 nft list chain arp filter input
  run n1 nft list set arp filter allowed
  run n1 nft add set arp filter ips '{ type ipv4_addr; }'
  run n1 nft add element arp filter ips '{ 10.0.0.1, 10.0.0.2, 10.0.0.3, 10.0.0.4, 10.0.0.5 }'
  run n1 nft add set arp filter macs '{ type ether_addr; }'
  run n1 nft add element arp filter macs '{ 02:00:00:00:00:01, 02:00:00:00:00:02, 02:00:00:00:00:03 }'
  run n1 nft add element arp filter macs '{ 02:00:00:00:00:04 }'
  run n1 nft list set arp filter ips
  run n1 nft list set arp filter macs
  run n1 nft add set arp filter empty '{ type ipv4_addr; }'
  run n1 nft list set arp filter empty
  run n1 nft list tables
  run n1 nft delete rule arp filter input handle 7
  run n1 nft -a list chain arp filter input
  run n1 nft -c add rule arp filter input arp operation reply drop
  run n1 nft -a list chain arp filter input
  run n1 nft insert rule arp filter input arp operation 9 drop
  run n1 nft add table bridge filter
  run n1 nft add chain bridge filter forward '{ type filter hook forward priority 0; policy accept; }'
  run n1 nft add chain bridge filter prerouting '{ type filter hook prerouting priority -200; }'
  run n1 nft add rule bridge filter prerouting iifname veth-n2 ether saddr != 02:42:ac:1c:00:0c counter drop
  run n1 nft add rule bridge filter prerouting ether type arp iifname veth-n2 arp saddr ether != 02:42:ac:1c:00:0c drop
  run n1 nft add rule bridge filter forward oifname '"veth-n1"' ether type ip ether daddr ff:ff:ff:ff:ff:ff counter
  run n1 nft add rule bridge filter forward meta protocol arp meta pkttype '{ broadcast, multicast }' accept
  run n1 nft add rule bridge filter forward ether saddr '{ 02:42:ac:1c:00:0b, 02:42:ac:1c:00:0c }' ip saddr 10.0.0.1 drop
  run n1 nft add table ip filter
  run n1 nft add chain ip filter input '{ type filter hook input priority filter; policy drop; }'
  run n1 nft add rule ip filter input ip saddr 172.28.0.12 counter drop
  run n1 nft add rule ip filter input ip daddr '{ 172.28.0.11, 172.28.0.255 }' meta iifname eth0 accept
  run n1 nft add table inet t
  run n1 nft add chain inet t c
  run n1 nft add rule inet t c ip saddr 1.2.3.4 jump c2
  run n1 nft add chain inet t c2
  run n1 nft add rule inet t c ip saddr 1.2.3.4 jump c2
  run n1 nft add rule inet t c2 return
  run n1 nft list ruleset
  run n1 nft flush ruleset
  run n1 nft list ruleset
} > cli.out
fi
if has file; then
# a ruleset from a file (nft -f), listed with handles, then deleted by table
cat > $T/rules.nft <<'R'
#!/usr/sbin/nft -f
flush ruleset

table arp filter {
	set allowed {
		type ipv4_addr . ether_addr
		elements = { 172.28.0.1 . 02:42:8e:ff:44:b3 }
	}

	chain input {
		type filter hook input priority 0; policy accept;
		arp operation reply arp saddr ip . arp saddr ether != @allowed counter drop
	}
}

table bridge filter {
	chain prerouting {
		type filter hook prerouting priority 0; policy accept;
		iifname "veth-n2" ether saddr != 02:42:ac:1c:00:0c drop
	}
}
R
cp $T/rules.nft file.nft
flush; { run n1 nft -f file.nft
  run n1 nft -a list ruleset
  run n1 nft delete table bridge filter
  run n1 nft list ruleset
  run n1 nft -f /nonexistent.nft
} > file.out
fi
if has errors; then
# errors as nft reports them
flush; { run n1 nft
  run n1 nft add rule arp filter input drop
  run n1 nft add table arp filter
  run n1 nft add chain arp filter input '{ type filter hook input priority 0; policy accept; }'
  run n1 nft add rule arp filter inptu drop
  run n1 nft add rule arp filter input arp operation bogus drop
  run n1 nft add rule arp filter input arp saddr ip 172.28.0.300 drop
  run n1 nft add rule arp filter input arp saddr ether 02:42:ac:1c:00 drop
  run n1 nft add rule arp filter input arp saddr ip . arp saddr ether != @nosuchset drop
  run n1 nft add rule arp filter input dorp
  run n1 nft add rule arp filter input arp opcode reply drop
  run n1 nft add rule arp filter input ip saddr 1.2.3.4 drop
  run n1 nft add rule arp filter input ether saddr 02:42:ac:1c:00:0c drop
  run n1 nft delete rule arp filter input handle 99
  run n1 nft delete rule arp filter input
  run n1 nft add chain arp filter fw '{ type filter hook forward priority 0; }'
  run n1 nft add chain arp filter x '{ type filter hook input priority 0; policy maybe; }'
  run n1 nft add table arpp filter
  run n1 nft list table arp nosuch
  run n1 nft list chain arp filter nosuch
  run n1 nft add set arp filter s '{ type ipv4_addr . ether_addr; }'
  run n1 nft add element arp filter s '{ 172.28.0.1 }'
  run n1 nft add element arp filter s '{ 02:42:8e:ff:44:b3 . 172.28.0.1 }'
  run n1 nft add element arp filter nosuch '{ 172.28.0.1 }'
  run n1 nft delete table arp nosuch
  run n1 nft add rule arp filter input counter counter
  run n1 nft add rule arp filter input accept drop
  run n1 nft -c add rule arp filter input arp operation bogus drop
  run n1 nft add rule bridge filter forward drop
  run n1 nft list ruleset
} > errors.out
fi
if has defence_arp; then
# the defences: arpspoof poisons n1's gateway entry, but not with the arp input rule; the bridge drops n2's forged
# frames on its port (prerouting, before learning)
flush; { run n1 ping -c1 -W1 -q 172.28.0.1
  bg spoof n2 timeout -s INT 5 arpspoof -i eth0 -t 172.28.0.11 172.28.0.1; sleep 3
  run n1 ip neigh show 172.28.0.1; fin spoof
  run n1 ip neigh flush all; run n1 ping -c1 -W1 -q 172.28.0.1
  run n1 nft add table arp filter
  run n1 nft add chain arp filter input '{ type filter hook input priority 0; policy accept; }'
  run n1 nft add set arp filter allowed '{ type ipv4_addr . ether_addr; }'
  run n1 nft add element arp filter allowed '{ 172.28.0.1 . 02:42:8e:ff:44:b3 }'
  run n1 nft add rule arp filter input arp operation reply arp saddr ip . arp saddr ether != @allowed counter drop
  bg spoof n2 timeout -s INT 5 arpspoof -i eth0 -t 172.28.0.11 172.28.0.1; sleep 3
  run n1 ip neigh show 172.28.0.1; fin spoof
  run n1 nft list ruleset
} > defence_arp.out
fi
if has defence_bridge; then
flush; { run n1 ping -c1 -W1 -q 172.28.0.1
  run host nft add table bridge filter
  run host nft add chain bridge filter prerouting '{ type filter hook prerouting priority 0; policy accept; }'
  run host nft add rule bridge filter prerouting iifname veth-n2 ether saddr != 02:42:ac:1c:00:0c counter drop
  run host nft add rule bridge filter prerouting iifname veth-n2 arp saddr ether != 02:42:ac:1c:00:0c counter drop
  run host nft add rule bridge filter prerouting iifname veth-n2 arp saddr ip != 172.28.0.12 counter drop
  bg spoof n2 timeout -s INT 5 arpspoof -i eth0 -t 172.28.0.11 172.28.0.1; sleep 3
  run n1 ip neigh show 172.28.0.1; fin spoof
  run n2 macof -i eth0 -n 5
  run host sh -c "bridge fdb show br br0 dynamic | grep -v -e 02:42:ac -e permanent | wc -l"
  run n2 ping -c1 -W1 -q 172.28.0.11
  run host nft list ruleset
} > defence_bridge.out
fi
# jumps the kernel refuses: to a base chain, and loops reachable from a base chain; an error in a ruleset file
cat > bad.nft <<'R'
table arp filter {
	chain input {
		type filter hook input priority 0; policy accept;
		arp operation bogus drop
	}
}
R
if has loops; then
flush; { run n1 nft add table arp f
  run n1 nft add chain arp f input '{ type filter hook input priority 0; }'
  run n1 nft add chain arp f a
  run n1 nft add chain arp f b
  run n1 nft add chain arp f c
  run n1 nft add rule arp f c jump c
  run n1 nft add rule arp f a jump input
  run n1 nft add rule arp f input jump a
  run n1 nft add rule arp f a jump b
  run n1 nft add rule arp f b jump a
  run n1 nft add rule arp f a jump a
  run n1 nft add rule arp f b goto b
  run n1 nft add rule arp f input goto c
  run n1 nft list ruleset
  run n1 nft -f bad.nft
} > loops.out
fi
if has hooks; then
# the ip/inet output and postrouting hooks: a dropped local packet is sendmsg()'s EPERM; priorities order the base
# chains of both families at one hook; a router's forwarded packets pass forward then postrouting (with both
# interfaces), its own pass output then postrouting (no input interface). n4 (10.0.1.2/24) hangs off the host on a
# veth of its own, for the scenario only.
ip netns add $P-n4; ns n4 sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1; ip -n $P-n4 link set lo up
ip link add veth-n4 netns $P-host type veth peer name eth0 netns $P-n4; ip -n $P-host addr add 10.0.1.1/24 dev veth-n4
ip -n $P-host link set veth-n4 up; ip -n $P-n4 link set eth0 address 02:42:0a:00:01:02; ip -n $P-n4 addr add 10.0.1.2/24 dev eth0
ip -n $P-n4 link set eth0 up; ip -n $P-n4 route add default via 10.0.1.1; sleep 2
flush; ns n4 ip neigh flush all; { run n1 nft add table ip f
  run n1 nft add chain ip f out '{ type filter hook output priority 0; }'
  run n1 nft add rule ip f out ip daddr 172.28.0.13 counter drop
  run n1 ping -c2 -W1 172.28.0.13
  run n1 ping -c1 -W1 -q 172.28.0.12
  run n1 nft list ruleset
  run n1 nft flush ruleset
  run n1 nft add table inet f
  run n1 nft add chain inet f post '{ type filter hook postrouting priority 0; }'
  run n1 nft add rule inet f post oifname eth0 ip daddr 172.28.0.13 counter drop
  run n1 ping -c1 -W1 172.28.0.13
  run n1 nft add table ip g
  run n1 nft add chain ip g late '{ type filter hook postrouting priority 10; }'
  run n1 nft add rule ip g late counter
  run n1 nft add chain inet f early '{ type filter hook postrouting priority -10; }'
  run n1 nft add rule inet f early ip daddr 172.28.0.13 counter accept
  run n1 ping -c1 -W1 -q 172.28.0.13
  run n1 ping -c1 -W1 -q 172.28.0.12
  run n1 nft list ruleset
  run host nft add table ip r
  run host nft add chain ip r routed '{ type filter hook forward priority 0; }'
  run host nft add chain ip r post '{ type filter hook postrouting priority 0; }'
  run host nft add chain ip r out '{ type filter hook output priority 0; }'
  run host nft add rule ip r routed counter
  run host nft add rule ip r post iifname br0 oifname veth-n4 counter
  run host nft add rule ip r post oifname veth-n4 counter
  run host nft add rule ip r out counter
  run n3 ping -c1 -W1 -q 10.0.1.2
  run host ping -c1 -W1 -q 10.0.1.2
  run host nft list ruleset
  run host nft add rule ip r post ip daddr 10.0.1.2 counter drop
  run n3 ping -c1 -W1 -q 10.0.1.2
  run host ping -c1 -W1 -q 10.0.1.2
  run host nft list ruleset
} > hooks.out
ip netns del $P-n4
fi
if has atomic; then
# nft -f: the file is one transaction, nothing of it applied when a command fails; -c checks without applying
mkdir -p $T/f; cd $T/f
printf 'table ip t {\n\tchain c {\n\t\ttype filter hook input priority 0;\n\t}\n}\nadd rule ip t c counter\nadd rule ip t c ip saddr 1.2.3.4 dorp\n' > syntax.nft
printf 'add table ip t\nadd chain ip t c\nadd rule ip t c counter\nadd rule ip nosuch c counter\n' > unknown.nft
printf 'add table ip t\ncreate table ip t\nadd chain ip t c\n' > dup.nft
printf 'add table ip t\nadd rule ip t nosuch counter\nadd rule ip t c arp operation reply drop\nadd rule ip t c ip saddr 1.2.3.300 drop\n' > two.nft
printf 'table ip t {\n\tchain c {\n\t\ttype filter hook input priority 0;\n\t\tcounter\n\t}\n}\n' > good.nft
printf 'table ip t {\n\tset s {\n\t}\n}\n' > nokey.nft
printf 'table ip t {\n\tset s drop\n}\n' > brace.nft
cp *.nft "$OLDPWD"/; cd "$OLDPWD"
flush; { for f in syntax unknown dup two; do run n1 nft -f $f.nft; run n1 nft list ruleset; done
  run n1 nft -c -f good.nft
  run n1 nft list ruleset
  run n1 nft -f good.nft
  run n1 nft -c -f dup.nft
  run n1 nft -f unknown.nft
  run n1 nft -a list ruleset
  run n1 nft -f nokey.nft
  run n1 nft -f brace.nft
  run n1 nft add set ip t s '{ }'
} > atomic.out
fi
if has stdin; then
# nft -f -: the ruleset from standard input, one transaction, errors located in /dev/stdin
flush; { run n1 bash -c "echo bad | nft -f -"
  run n1 bash -c "printf 'add table ip t\\nadd chain ip t c\\nadd rule ip t c bogus\\n' | nft -f -"
  run n1 nft list ruleset
  run n1 bash -c "echo 'add table ip t' | nft -f -"
  run n1 nft list ruleset
  run n1 bash -c "echo bad | nft -c -f -"
  run n1 bash -c "nft -f - < /dev/null"
  run n1 bash -c "echo 'foo bar' | nft -f -"
  run n1 nft bad
  run n1 nft foo bar
} > stdin.out
fi
if has l4; then
# the network and transport fields (ip protocol/ttl/length/id, icmp type/code, tcp/udp ports, meta l4proto/length/
# mark, arp htype/ptype/hlen/plen): how nft prints them, their dependencies dropped from the listing, their errors;
# then the rules against traffic: n2's pings to n1 and to the gateway, counted and dropped by them
flush; {
  run n1 nft add table ip t
  run n1 nft add chain ip t c '{ type filter hook input priority 0; }'
  run n1 nft add rule ip t c ip protocol icmp
  run n1 nft add rule ip t c ip protocol 6
  run n1 nft add rule ip t c ip protocol '{ tcp, udp }'
  run n1 nft add rule ip t c icmp type echo-request
  run n1 nft add rule ip t c ip protocol icmp icmp type echo-request
  run n1 nft add rule ip t c icmp type '{ echo-request, echo-reply }'
  run n1 nft add rule ip t c icmp code 3
  run n1 nft add rule ip t c tcp dport 22
  run n1 nft add rule ip t c tcp dport ssh
  run n1 nft add rule ip t c udp dport '{ 53, 67 }'
  run n1 nft add rule ip t c ip ttl 64
  run n1 nft add rule ip t c meta l4proto udp
  run n1 nft add rule ip t c meta l4proto icmp icmp type 8
  run n1 nft add rule ip t c meta mark 0x1
  run n1 nft add rule ip t c udp sport 68 udp dport 67
  run n1 nft add rule ip t c ip length 84
  run n1 nft add rule ip t c ip protocol != icmp
  run n1 nft add rule ip t c udp dport != 53
  run n1 nft add rule ip t c ip id 1
  run n1 nft add rule ip t c icmp code foo
  run n1 nft add rule ip t c tcp dport nosuchsvc
  run n1 nft add rule ip t c udp dport domain
  run n1 nft add rule ip t c tcp dport 0x16
  run n1 nft add rule ip t c ip ttl foo
  run n1 nft add rule ip t c ip ttl 0x40
  run n1 nft add rule ip t c meta mark foo
  run n1 nft add rule ip t c meta l4proto 300
  run n1 nft add rule ip t c ip protocol 300
  run n1 nft add rule ip t c icmp type 300
  run n1 nft add rule ip t c ip protocol ICMP
  run n1 nft add rule ip t c tcp sport http
  run n1 nft add rule ip t c ip protocol udp tcp dport 22
  run n1 nft add rule ip t c meta l4proto udp tcp dport 22
  run n1 nft add rule ip t c icmp type echo-request tcp dport 22
  run n1 nft add rule ip t c arp htype 1
  run n1 nft add rule ip t c ip protocol tcp tcp dport 22 counter
  run n1 nft add rule ip t c ip protocol != tcp tcp dport 22
  run n1 nft add rule ip t c meta length 0x10
  run n1 nft add rule ip t c ip length 70000
  run n1 nft add rule ip t c icmp code '{ 1, 3 }'
  run n1 nft add rule ip t c udp dport 53 ip protocol udp
  run n1 nft add rule ip t c icmp type 200
  run n1 nft add rule ip t c icmp type foo
  run n1 nft add rule ip t c tcp dport 70000
  run n1 nft add rule ip t c ip protocol foo
  run n1 nft add rule ip t c ip ttl 300
  run n1 nft add rule ip t c meta mark 0xffffffff1
  run n1 nft add rule ip t c icmp code 99
  run n1 nft add rule ip t c tcp dport 22 udp dport 53
  run n1 nft add rule ip t c ip protocol 47
  run n1 nft add rule ip t c ip protocol 255
  run n1 nft add rule ip t c icmp type '{ 0, 3, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19 }'
  run n1 nft add rule ip t c icmp code '{ 0, 1, 2, 3, 4, 5, 9, 10, 13, 15 }'
  run n1 nft add rule ip t c ip daddr 1.1.1.1 ip saddr 2.2.2.2
  run n1 nft add rule ip t c tcp dport 22 tcp sport 1
  run n1 nft add rule ip t c tcp sport != 1 tcp dport != 2
  run n1 nft add rule ip t c tcp dport != 2 tcp sport != 1
  run n1 nft add rule ip t c tcp dport 22 counter tcp sport 1
  run n1 nft add rule ip t c ip ttl 1 ip saddr 1.1.1.1 ip protocol udp
  run n1 nft add rule ip t c udp dport 53 udp sport 1 ip ttl 3
  run n1 nft add rule ip t c tcp dport 22 ip protocol tcp
  run n1 nft add rule ip t c ip protocol tcp ip ttl 3 tcp dport 22
  run n1 nft add rule ip t c icmp code 3 icmp type 3
  run n1 nft add rule ip t c ip saddr != 2.2.2.2 ip daddr != 1.1.1.1
  run n1 nft add rule ip t c ip protocol tcp meta pkttype host tcp dport 22
  run n1 nft add rule ip t c ip protocol tcp counter tcp dport 22
  run n1 nft add rule ip t c ip length 84 counter ip id 1 ip ttl 2 accept
  run n1 nft add rule ip t c udp sport 1 udp dport '{ 53, 54 }' udp sport != 2
  run n1 nft add table arp a
  run n1 nft add chain arp a c '{ type filter hook input priority 0; }'
  run n1 nft add rule arp a c arp htype 1
  run n1 nft add rule arp a c arp htype ether
  run n1 nft add rule arp a c arp ptype ip
  run n1 nft add rule arp a c arp ptype 0x0800
  run n1 nft add rule arp a c arp hlen 6
  run n1 nft add rule arp a c arp plen 4
  run n1 nft add rule arp a c arp htype != 1
  run n1 nft add rule arp a c arp hlen '{ 6, 8 }'
  run n1 nft add rule arp a c icmp type echo-request
  run n1 nft add rule arp a c tcp dport 22
  run n1 nft add rule arp a c meta l4proto icmp
  run n1 nft add rule arp a c meta mark 5
  run n1 nft add rule arp a c arp saddr ip 1.1.1.1 arp saddr ether 02:00:00:00:00:01
  run n1 nft add rule arp a c arp plen 4 arp hlen 6
  run n1 nft add rule arp a c arp saddr ether 02:00:00:00:00:01 arp saddr ip 1.1.1.1 arp daddr ether 02:00:00:00:00:02
  run n1 nft add rule arp a c arp htype != 1 arp ptype != ip
  run n1 nft add rule arp a c arp operation reply arp ptype ip meta pkttype broadcast arp htype 1
  run n1 nft add table inet i
  run n1 nft add chain inet i c '{ type filter hook input priority 0; }'
  run n1 nft add rule inet i c icmp type echo-request
  run n1 nft add rule inet i c tcp dport 22
  run n1 nft add rule inet i c ip protocol icmp icmp type echo-request
  run n1 nft add rule inet i c meta l4proto tcp tcp dport 22
  run n1 nft add rule inet i c udp dport 53 counter drop
  run n1 nft add rule inet i c ip protocol udp
  run n1 nft add table bridge b
  run n1 nft add chain bridge b c '{ type filter hook forward priority 0; }'
  run n1 nft add rule bridge b c icmp type echo-request
  run n1 nft add rule bridge b c ip protocol icmp
  run n1 nft add rule bridge b c ether type ip ip protocol icmp
  run n1 nft add rule bridge b c udp dport 67
  run n1 nft add rule bridge b c arp htype 1
  run n1 nft add rule bridge b c ip protocol tcp tcp dport 22
  run n1 nft add rule bridge b c meta l4proto tcp tcp dport 22
  run n1 nft add rule bridge b c ether daddr 02:00:00:00:00:02 ether saddr 02:00:00:00:00:01 ether type arp
  run n1 nft add rule bridge b c ether saddr 02:00:00:00:00:01 counter ether type arp
  run n1 nft add rule bridge b c ether type ip ip saddr 1.1.1.1 ether saddr 02:00:00:00:00:01
  run n1 nft add rule bridge b c ip saddr 1.1.1.1 ether saddr 02:00:00:00:00:01
  run n1 nft add rule bridge b c arp operation request ether daddr ff:ff:ff:ff:ff:ff
  run n1 nft add rule bridge b c ether type arp counter arp operation request
  run n1 nft add rule bridge b c ether type ip ip saddr '{ 1.1.1.1, 2.2.2.2 }' counter
  run n1 nft add rule bridge b c ether saddr != 02:00:00:00:00:01 ether type != arp
  run n1 nft add rule bridge b c ether type ip tcp dport 22
  run n1 nft list ruleset
  run n1 nft -n list ruleset
  run n1 nft -p list table ip t
  run n1 nft -nn -a list table arp a
  run n1 nft flush ruleset
  run n1 nft add table ip f
  run n1 nft add chain ip f input '{ type filter hook input priority 0; }'
  run n1 nft add rule ip f input icmp type echo-request ip ttl 64 counter drop
  run n1 nft add rule ip f input ip protocol icmp counter
  run n1 nft add rule ip f input meta l4proto icmp meta length 84 counter
  run n1 nft add rule ip f input udp dport 9 counter
  run n1 nft add rule ip f input icmp type != echo-reply icmp code != 0 counter
  run n1 nft add rule ip f input icmp type != echo-reply counter icmp code != 0 counter
  run n1 nft add table arp a
  run n1 nft add chain arp a input '{ type filter hook input priority 0; }'
  run n1 nft add rule arp a input arp htype 1 arp ptype ip arp hlen 6 arp plen 4 counter
  run n1 nft add rule arp a input arp hlen != 6 counter
  run n2 ping -c2 -W1 -q 172.28.0.11
  run n1 nft list ruleset
  run n1 nft delete rule ip f input handle 2
  run n2 ping -c2 -W1 -q 172.28.0.11
  run n1 nft list table ip f
  run host nft add table bridge b
  run host nft add chain bridge b forward '{ type filter hook forward priority 0; }'
  run host nft add rule bridge b forward icmp type echo-reply counter
  run host nft add rule bridge b forward ip protocol icmp icmp code 0 counter
  run host nft add rule bridge b forward meta l4proto tcp tcp dport 22 counter
  run n3 ping -c3 -W1 -q 172.28.0.11
  run host nft list ruleset
} > l4.out
fi
if has proto; then
# the transport context (proto_ctx): sets of protocols, protocols named twice, th, and the conflicts nft reports; the
# names nft cannot resolve come first, before any input chain counts the resolver's queries to 127.0.0.1 over lo
flush; { run n1 nft add table inet i
  run n1 nft add chain inet i c
  run n1 nft add rule inet i c ip daddr nosuch.example counter
  run n1 nft add rule inet i c ip daddr 10.0.0.256 counter
  run n1 nft delete chain inet i c
  run n1 nft add chain inet i c '{ type filter hook input priority 0; }'
  run n1 nft add rule inet i c meta l4proto '{ tcp, udp }' th dport 53 counter
  run n1 nft add rule inet i c meta l4proto '{ tcp, udp }' tcp dport 53 counter
  run n1 nft add rule inet i c meta l4proto '{ udp, tcp }' tcp dport 53 counter
  run n1 nft add rule inet i c meta l4proto '{ tcp, tcp }' tcp dport 53 counter
  run n1 nft add rule inet i c meta l4proto '{ gre, udp }' udp dport 53 counter
  run n1 nft add rule inet i c meta l4proto '{ udp, gre }' udp dport 53 counter
  run n1 nft add rule inet i c meta l4proto udp meta l4proto tcp tcp dport 22
  run n1 nft add rule inet i c meta l4proto tcp meta l4proto tcp tcp dport 22
  run n1 nft add rule inet i c meta l4proto '{ icmp, tcp }' icmp type echo-request
  run n1 nft add rule inet i c meta l4proto != '{ tcp, udp }' tcp dport 22
  run n1 nft add rule inet i c ip protocol '{ tcp, udp }' udp sport 53
  run n1 nft add rule inet i c ip protocol tcp meta l4proto udp udp sport 53
  run n1 nft add rule inet i c meta l4proto '{ tcp, udp }' th sport 1-1023 th dport 22 counter
  run n1 nft add rule inet i c icmp type echo-request th dport 7 counter
  run n1 nft add rule inet i c icmp type echo-request th dport ssh counter
  run n1 nft add rule inet i c icmp code 1 th dport 0x10 counter
  run n1 nft add rule inet i c icmp type echo-request th dport '{ 1, http }' counter
  run n1 nft add rule inet i c tcp dport 22 th dport http counter
  run n1 nft add rule inet i c th dport ssh-http counter
  run n1 nft -a list ruleset
  run n1 nft add table ip f
  run n1 nft add chain ip f c '{ type filter hook output priority 0; }'
  run n1 nft add rule ip f c ip protocol '{ icmp, udp }' icmp type echo-request counter
  run n1 nft add rule ip f c ip protocol '{ icmp, 255 }' icmp type echo-request counter
  run n1 nft add rule ip f c ip protocol '{ 255, icmp }' icmp type echo-request counter
  run n1 nft add rule ip f c meta l4proto icmp th dport 0 counter
  run n1 nft add rule ip f c jump ip
  run n1 nft add rule ip f c goto 12
  run n1 nft add rule ip f c jump counter
  run n1 nft add rule ip f c goto
  run n3 ping -c2 -W1 -q 172.28.0.11
  run n1 ping -c1 -W1 -q 172.28.0.12
  run n1 nft list ruleset
} > proto.out
fi
if has objects; then
# named counters and quotas, maps and verdict maps, interval sets, and the listings of each kind
flush; { run n1 nft add table ip o
  run n1 nft add counter ip o pings
  run n1 nft add counter ip o other '{ packets 5 bytes 300 ; }'
  run n1 nft add quota ip o q1 '{ over 1000 bytes ; }'
  run n1 nft add quota ip o q2 '{ until 2 kbytes used 100 bytes ; }'
  run n1 nft add quota ip o q3 25 mbytes
  run n1 nft add map ip o ports '{ type inet_service : ipv4_addr ; }'
  run n1 nft add element ip o ports '{ 22 : 172.28.0.12, 80 : 172.28.0.13 }'
  run n1 nft add map ip o verdicts '{ type ipv4_addr : verdict ; }'
  run n1 nft add element ip o verdicts '{ 172.28.0.12 : accept, 172.28.0.13 : drop }'
  run n1 nft add set ip o nets '{ type ipv4_addr ; flags interval ; }'
  run n1 nft add element ip o nets '{ 10.0.0.0/8, 172.28.0.12-172.28.0.13, 192.168.1.1 }'
  run n1 nft add set ip o seen '{ type ipv4_addr ; flags dynamic, timeout ; timeout 1h ; size 64 ; }'
  run n1 nft add chain ip o in '{ type filter hook input priority 0; }'
  run n1 nft add rule ip o in icmp type echo-request counter name pings
  run n1 nft add rule ip o in icmp type echo-request quota over 2 kbytes counter
  run n1 nft add rule ip o in ip saddr @nets counter
  run n1 nft add rule ip o in ip saddr vmap @verdicts
  run n1 nft add rule ip o in ip saddr vmap '{ 172.28.0.1 : accept, 172.28.0.13 : continue }'
  run n1 nft add rule ip o in quota name q1 counter
  run n1 nft add rule ip o in counter name nosuch
  run n1 nft add rule ip o in ip saddr vmap @nosuch
  run n1 nft add element ip o verdicts '{ 10.0.0.1 : jump nosuch }'
  run n1 nft add element ip o ports '{ 22 : 172.28.0.14 }'
  run n1 nft add element ip o nets '{ 10.1.0.0/16 }'
  run n3 ping -c2 -W1 -q 172.28.0.11
  run n2 ping -c3 -W1 -q 172.28.0.11
  run host ping -c1 -W1 -q 172.28.0.11
  run n1 nft list ruleset
  run n1 nft list counters
  run n1 nft list counter ip o pings
  run n1 nft list quotas
  run n1 nft list quota ip o q1
  run n1 nft list maps
  run n1 nft list map ip o verdicts
  run n1 nft list sets
  run n1 nft list set ip o nets
  run n1 nft -a list table ip o
  run n1 nft reset counter ip o pings
  run n1 nft list counter ip o pings
  run n1 nft delete counter ip o pings
  run n1 nft delete counter ip o other
  run n1 nft list counters
  run n1 nft delete element ip o verdicts '{ 172.28.0.13 }'
  run n1 nft delete element ip o nets '{ 172.28.0.12-172.28.0.13 }'
  run n1 nft list map ip o verdicts
  run n1 nft list set ip o nets
  run n1 nft -j list quotas
} > objects.out
fi
teardown; rm -rf $T
