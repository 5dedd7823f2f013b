package io.arplab.api;

import io.arplab.stack.NudState;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * A neighbour entry changed state, as the kernel's {@code neigh:*} tracepoints show it.
 *
 * @param time    virtual time since the lab started
 * @param node    the node whose table it is
 * @param device  the entry's interface
 * @param address the neighbour's address
 * @param lladdr  the link-layer address in the new state, if it has one
 * @param state   the new state ({@link NudState#NONE} when the entry is removed)
 * @param cause   why, in the words of net/core/neighbour.c's paths
 */
public record NeighbourChange(Duration time, String node, String device, Ipv4Address address,
                              Optional<MacAddress> lladdr, NudState state, String cause) {}
