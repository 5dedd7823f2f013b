package io.arplab.runtime;

import io.arplab.wire.Ipv4Address;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Docker's embedded DNS server (127.0.0.11), as libnetwork's Sandbox.ResolveName() and ResolveIP() answer a
 * container: a name is looked up in the asking container's networks in turn, the first that knows it giving its
 * address there; {@code name.network} asks one network by its name; a PTR is answered only for an address on one of
 * the container's networks ({@code container.network}). Names match whatever their case (addNameToIP() and
 * Network.ResolveName() lower-case both), a network's name only as written. Anything else goes to the host's
 * servers, which a lab has not: the lookup fails.
 */
public final class EmbeddedDns {
    /** One network's service records (libnetwork's svcRecords): names to addresses and addresses to PTR names. */
    private record Records(String dockerName, Map<String, Ipv4Address> names, Map<Ipv4Address, String> ptr) {}

    private final Map<String, Records> networks = new LinkedHashMap<>();
    private final Map<String, List<Records>> containers = new HashMap<>();

    /**
     * Registers {@code container}'s endpoint on {@code network} (the lab's key; {@code dockerName} as Docker names
     * it): its names (container and service names, network aliases) and its PTR name. Call in the container's
     * endpoint order.
     */
    public void endpoint(String container, String network, String dockerName, List<String> names, Ipv4Address address,
                         String ptr) {
        Records r = networks.computeIfAbsent(network, k -> new Records(dockerName, new HashMap<>(), new HashMap<>()));
        for (String n : names) {
            r.names().putIfAbsent(n.toLowerCase(java.util.Locale.ROOT), address);
        }
        if (ptr != null) {
            r.ptr().putIfAbsent(address, ptr);
        }
        List<Records> own = containers.computeIfAbsent(container, k -> new ArrayList<>());
        if (!own.contains(r)) {
            own.add(r);
        }
    }

    /** Whether {@code container} asks this server (it is attached to a network it serves). */
    public boolean serves(String container) {
        return containers.containsKey(container);
    }

    /**
     * Sandbox.ResolveName(): {@code a.b.c} is tried whole in each of the container's networks, then as {@code a.b}
     * in network {@code c}, then {@code a} in network {@code b.c}; null when none answers.
     */
    public Ipv4Address resolve(String container, String name) {
        List<Records> own = containers.getOrDefault(container, List.of());
        String n = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        for (Records r : own) {
            Ipv4Address a = r.names().get(n.toLowerCase(java.util.Locale.ROOT));
            if (a != null) {
                return a;
            }
        }
        for (int i = n.lastIndexOf('.'); i > 0; i = n.lastIndexOf('.', i - 1)) {
            String network = n.substring(i + 1);
            for (Records r : own) {
                if (r.dockerName().equals(network)) {
                    Ipv4Address a = r.names().get(n.substring(0, i).toLowerCase(java.util.Locale.ROOT));
                    if (a != null) {
                        return a;
                    }
                }
            }
        }
        return null;
    }

    /** Sandbox.ResolveIP(): the PTR name on the first of the container's networks that holds the address, or null. */
    public String reverse(String container, Ipv4Address address) {
        for (Records r : containers.getOrDefault(container, List.of())) {
            String name = r.ptr().get(address);
            if (name != null) {
                return name;
            }
        }
        return null;
    }
}
