package io.arplab.runtime;

import io.arplab.wire.Ipv4Address;
import java.util.HashMap;
import java.util.Map;

/**
 * Name resolution inside a lab: forward names (hosts file, or Docker's embedded DNS) and the reverse names tools
 * print ({@code node3} from a hosts file, {@code node3.arp_lan} from Docker's DNS).
 */
public final class Resolver {
    private final Map<String, Ipv4Address> forward = new HashMap<>();
    private final Map<Ipv4Address, String> reverse = new HashMap<>();
    private final java.util.Set<String> aliases = new java.util.HashSet<>();
    /** The hosts-file canonical name of an address: the first name {@link #add}ed for it. */
    private final Map<Ipv4Address, String> canonical = new HashMap<>();
    /** How long a reverse lookup of an address without a name blocks before failing (no name server answers). */
    private long failedLookupNanos;
    /** gai_strerror() of a failed forward lookup: EAI_NONAME from a hosts file, EAI_AGAIN when no server answers. */
    private String lookupError = "Name or service not known";
    /** Docker's embedded DNS, which answers a container instead of the lab-wide names; null when there is none. */
    private EmbeddedDns embedded;
    /** For a container's view ({@link #forNode}): the lab's resolver and the container asking; else null. */
    private final Resolver lab;
    private final String node;
    private final Map<String, Resolver> views = new HashMap<>();

    public Resolver() {
        this(null, null);
    }

    private Resolver(Resolver lab, String node) {
        this.lab = lab;
        this.node = node;
    }

    /** Makes containers ask {@code dns} (a compose lab's networks) instead of the lab-wide names. */
    public void embeddedDns(EmbeddedDns dns) {
        this.embedded = dns;
    }

    /** What {@code node}'s tools resolve with: Docker's embedded DNS as that container asks it, else this. */
    public Resolver forNode(String node) {
        if (lab != null) {
            return lab.forNode(node);
        }
        if (embedded == null || !embedded.serves(node)) {
            return this;
        }
        return views.computeIfAbsent(node, n -> new Resolver(this, n));
    }

    /** Adds {@code name} → {@code address}; the first name added for an address is its reverse name. */
    public void add(String name, Ipv4Address address) {
        forward.putIfAbsent(name, address);
        reverse.putIfAbsent(address, name);
        canonical.putIfAbsent(address, name);
    }

    /** Adds a forward-only alias. */
    public void alias(String name, Ipv4Address address) {
        if (forward.putIfAbsent(name, address) == null) {
            aliases.add(name);
        }
    }

    /** Sets the name a reverse lookup of {@code address} yields. */
    public void reverseName(Ipv4Address address, String name) {
        reverse.put(address, name);
    }

    /**
     * The canonical name getaddrinfo(AI_CANONNAME) gives for a known name: as in a hosts file, the first name
     * registered for its address when {@code name} is a forward-only alias, else the name itself; null if unknown.
     */
    public String canonicalName(String name) {
        if (lab != null) { // a DNS answer without CNAME keeps the name asked for
            return lab.embedded.resolve(node, name) != null ? name : null;
        }
        Ipv4Address a = forward.get(name);
        if (a == null) {
            return null;
        }
        // a hosts file names the address's first name; a DNS answer without CNAME keeps the name asked for
        String primary = canonical.get(a);
        return aliases.contains(name) && primary != null ? primary : name;
    }

    /** A dotted quad or a known name; null when neither. */
    public Ipv4Address resolve(String nameOrAddress) {
        Ipv4Address a = Ipv4Address.tryParse(nameOrAddress);
        if (a != null) {
            return a;
        }
        return lab != null ? lab.embedded.resolve(node, nameOrAddress) : forward.get(nameOrAddress);
    }

    /** The reverse name of {@code address}, or null. */
    public String reverse(Ipv4Address address) {
        if (lab != null) {
            return lab.embedded.reverse(node, address);
        }
        return reverse.get(address);
    }

    /**
     * What getnameinfo() without NI_NAMEREQD gives for {@code address}: its name; the number when the lookup ends at
     * once in HOST_NOT_FOUND (a hosts file, no name server asked: glibc falls back to the numeric host); null for
     * EAI_AGAIN, when a name server that does not answer was asked ({@link #failedLookupNanos()} above zero).
     */
    public String nameInfo(Ipv4Address address) {
        String name = reverse(address);
        return name != null ? name : failedLookupNanos() == 0 ? address.toString() : null;
    }

    /**
     * What getaddrinfo() reports for {@code name}, which nobody knows: "Name or service not known" for a name glibc
     * refuses before asking a server (ResNameCheck), else the resolver's failure ({@link #lookupError(String)} set).
     */
    public String lookupErrorFor(String name) {
        return io.arplab.wire.libc.ResNameCheck.refusedBeforeQuery(name) ? "Name or service not known"
                : lab != null ? lab.lookupError : lookupError;
    }

    /** Sets {@link #lookupErrorFor}'s failure: "Temporary failure in name resolution" for a name server that cannot be reached. */
    public void lookupError(String gaiError) {
        this.lookupError = gaiError;
    }

    /** The time a failed reverse lookup takes (the resolver's timeouts towards a name server that does not answer). */
    public long failedLookupNanos() {
        return lab != null ? lab.failedLookupNanos : failedLookupNanos;
    }

    public void failedLookupNanos(long nanos) {
        this.failedLookupNanos = nanos;
    }
}
