package io.arplab.topo;

import io.arplab.lab.Cidr;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What Docker's bridge driver and default IPAM decide when a file is silent: the subnet of a network, the gateway,
 * container addresses and MACs, the bridge's name and MAC.
 */
final class DockerIpam {
    private DockerIpam() {}

    /**
     * The local-scope default pools (moby libnetwork/ipamutils/utils.go, localScopeDefaultNetworks):
     * 172.17.0.0/16 .. 172.31.0.0/16, then 192.168.0.0/16 cut into /20s.
     */
    static final List<Cidr> DEFAULT_POOLS;
    /** docker0, the default bridge, always holds the first pool. */
    static final Cidr DOCKER0 = new Cidr(Ipv4Address.of(172, 17, 0, 0), 16);

    static {
        List<Cidr> pools = new ArrayList<>();
        for (int b = 17; b <= 31; b++) {
            pools.add(new Cidr(Ipv4Address.of(172, b, 0, 0), 16));
        }
        for (int c = 0; c < 256; c += 16) {
            pools.add(new Cidr(Ipv4Address.of(192, 168, c, 0), 20));
        }
        DEFAULT_POOLS = List.copyOf(pools);
    }

    static boolean overlaps(Cidr a, Cidr b) {
        int len = Math.min(a.prefixLength(), b.prefixLength());
        return a.address().masked(len).equals(b.address().masked(len));
    }

    /** The first default pool overlapping none of {@code taken} (nor docker0); null when all are used. */
    static Cidr nextPool(Collection<Cidr> taken) {
        for (Cidr pool : DEFAULT_POOLS) {
            if (overlaps(pool, DOCKER0)) {
                continue;
            }
            boolean free = true;
            for (Cidr t : taken) {
                if (overlaps(pool, t)) {
                    free = false;
                    break;
                }
            }
            if (free) {
                return pool;
            }
        }
        return null;
    }

    /** The first usable address, the gateway Docker picks when none is given (x.x.x.1 of a /16). */
    static Ipv4Address firstHost(Cidr subnet) {
        return Ipv4Address.of(subnet.network().bits() + 1);
    }

    static Ipv4Address broadcast(Cidr subnet) {
        return Ipv4Address.of(subnet.network().bits() | ~Ipv4Address.netmask(subnet.prefixLength()));
    }

    /**
     * A container's MAC when none is given: 02:42 followed by the four bytes of its IPv4 address (libnetwork's
     * netutils.GenerateMACFromIP, used by Docker Engine before v26 and by the seed's lab: 172.28.0.11 is
     * 02:42:ac:1c:00:0b).
     */
    static MacAddress macFromIp(Ipv4Address a) {
        return MacAddress.of(0x0242_0000_0000L | (a.bits() & 0xffff_ffffL));
    }

    /**
     * Docker names a network's bridge {@code br-} + the first 12 hex digits of the (random) network ID; arplab's ID
     * is the SHA-256 of the network's name, so the same file gives the same bridge.
     */
    static String bridgeName(String networkName) {
        return "br-" + hex(sha256(networkName)).substring(0, 12);
    }

    /** The bridge's MAC: 02:42 and four bytes of the same digest (Docker's bridges show 02:42 + 4 random bytes). */
    static MacAddress bridgeMac(String networkName) {
        byte[] h = sha256(networkName);
        long v = 0x0242L;
        for (int i = 6; i < 10; i++) {
            v = (v << 8) | (h[i] & 0xff);
        }
        return MacAddress.of(v);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 0xf, 16)).append(Character.forDigit(x & 0xf, 16));
        }
        return sb.toString();
    }

    /**
     * Sequential allocation in a subnet (libnetwork's IPAM hands out the lowest free address after the last one
     * given): skips the network and broadcast addresses, the gateway, and addresses reserved up front (explicit
     * ipv4_address of other containers, aux_addresses).
     */
    static final class Allocator {
        private final Cidr subnet;
        private final Cidr range;
        private final Set<Ipv4Address> used = new HashSet<>();
        private long next;

        Allocator(Cidr subnet, Cidr range, Ipv4Address gateway, Collection<Ipv4Address> reserved) {
            this.subnet = subnet;
            this.range = range == null ? subnet : range;
            if (gateway != null) {
                used.add(gateway);
            }
            used.addAll(reserved);
            next = this.range.network().bits() & 0xffff_ffffL;
        }

        /** The next free address, or null when the subnet (or ip_range) is full. */
        Ipv4Address next() {
            long last = broadcast(range).bits() & 0xffff_ffffL;
            long netAddr = subnet.network().bits() & 0xffff_ffffL;
            long brd = broadcast(subnet).bits() & 0xffff_ffffL;
            for (; next <= last; next++) {
                if (next == netAddr || next == brd) {
                    continue;
                }
                Ipv4Address a = Ipv4Address.of((int) next);
                if (used.add(a)) {
                    next++;
                    return a;
                }
            }
            return null;
        }
    }
}
