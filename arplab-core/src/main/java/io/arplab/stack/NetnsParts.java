package io.arplab.stack;

import it.unimi.dsi.fastutil.objects.Object2ObjectOpenHashMap;
import java.util.HashMap;
import java.util.List;

/**
 * What a namespace holds only once used (struct net's per-protocol parts and its rarely set state), in one object
 * a {@link Netns} makes on first need: a big lab's idle hosts share {@link #NONE}, whose fields all stay null.
 * Each field is null until its accessor in Netns creates it; a per-frame or per-deadline path that must not create
 * one reads the field and treats null as "nothing there" (HostStack.nextDeadline).
 */
final class NetnsParts {
    /** The parts of every namespace that has none of its own: read only, never written. */
    static final NetnsParts NONE = new NetnsParts();

    Arp arp;
    Icmp icmp;
    IpInput ipInput;
    IpOutput ipOutput;
    IpForward forward;
    Udp udp;
    PingSockets pings;
    PacketSockets packets;
    Tcp tcp;
    /** Raw sockets of protocols other than ICMP (traceroute -T's), or null. */
    RawSockets raw;
    /** IGMPv3 reports of the groups the kernel joins (a snooping bridge's 224.0.0.106), or null. */
    Igmp igmp;
    /** The Geneve device's encapsulation (genev_sys_6081), or null. */
    Geneve geneve;
    /** net.ipv4.ip_default_ttl */
    int defaultTtl = 64;
    /** net.ipv4.icmp_echo_ignore_broadcasts and icmp_echo_ignore_all */
    boolean icmpEchoIgnoreBroadcasts = true;
    boolean icmpEchoIgnoreAll;
    /** net.ipv4.icmp_errors_use_inbound_ifaddr */
    boolean icmpErrorsUseInboundIfaddr;
    /** Whether this is its kernel's initial namespace (init_net): a stack starts as a machine of its own. */
    boolean initialNamespace = true;
    /** The namespace's nftables ruleset, null until nft first touches it (no hook costs anything before). */
    io.arplab.stack.nft.Nftables nft;
    io.arplab.stack.nft.Packet nftPacket;
    /** The namespace's iptables filter table, null until rules are written (a Docker host's: see Xtables). */
    Xtables xtables;
    /** The namespace's iptables nat table, null until rules are written (its chains registered in nft's nat hooks). */
    Xtables xtablesNat;
    /** Sockets with deliveries queued during the current stack call, in the order they got their first. */
    List<SocketQueue> readySockets;
    /** Devices by name, once a host has many (a bridge owner holds one veth per port). */
    Object2ObjectOpenHashMap<String, NetDevice> byName;
    /** net.ipv4.conf.default: null until changed, meaning the kernel's defaults. */
    DevConf defaultConf;
    /** conf/all (devconf_all, whose forwarding is net.ipv4.ip_forward): null until written, meaning the defaults. */
    DevConf allConf;
    /** Values of the sysctls the behaviour does not read, by /proc/sys path: stored so a write reads back. */
    HashMap<String, Integer> storedSysctls;
    IcmpRateLimit icmpRateLimit;
    /** Path MTUs learned from Fragmentation Needed (fib_nh_exception): destination → {mtu, expiry in ns}. */
    it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap<long[]> pmtuExceptions;
    /** The routing tables besides main that a route was added to (fib_new_table()), by id; null until one is. */
    java.util.TreeMap<Long, RouteTable> otherTables;
    /** When table local's routes of an address (or a device's, on NETDEV_UP) were added; see Devinet.localTable(). */
    java.util.IdentityHashMap<Object, Long> fibOrder;
    long fibSeq;
}
