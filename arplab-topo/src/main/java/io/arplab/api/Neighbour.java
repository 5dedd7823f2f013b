package io.arplab.api;

import io.arplab.stack.NudState;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * One neighbour (ARP cache) entry of a node at one moment, with what {@code ip -s neigh} shows of it.
 *
 * @param address   the neighbour's IPv4 address
 * @param device    the interface the entry belongs to
 * @param state     its NUD state (the kernel's)
 * @param lladdr    its link-layer address while the state is valid (NUD_VALID), as netlink reports it
 * @param probes    the probes sent since the last confirmation (neigh->probes)
 * @param used      time since the entry was last used (the first of {@code used A/B/C})
 * @param confirmed time since the address was last confirmed
 * @param updated   time since the entry last changed
 * @param router    whether it is flagged {@code router}
 * @param line      the entry as {@code ip neigh show} prints it, without the newline
 */
public record Neighbour(Ipv4Address address, String device, NudState state, Optional<MacAddress> lladdr, int probes,
                        Duration used, Duration confirmed, Duration updated, boolean router, String line) {
    /** The link-layer address as {@code ip neigh} prints it, or an empty string. */
    public String lladdrText() {
        return lladdr.map(MacAddress::toString).orElse("");
    }

    /** As {@code ip neigh show} prints the entry ({@code 10.0.0.2 dev eth0 lladdr 02:42:0a:00:00:02 REACHABLE }). */
    @Override
    public String toString() {
        return line;
    }
}
