package io.arplab.junit;

import io.arplab.api.Neighbour;
import io.arplab.stack.NudState;
import io.arplab.wire.MacAddress;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a neighbour entry that may be absent; failures print it as {@code ip neigh show} does. */
public final class NeighbourAssert extends AbstractAssert<NeighbourAssert, Optional<Neighbour>> {
    NeighbourAssert(Optional<Neighbour> actual) {
        super(actual, NeighbourAssert.class);
    }

    /** The entry exists ({@code ip neigh show} lists it). */
    public NeighbourAssert exists() {
        isNotNull();
        if (actual.isEmpty()) {
            failWithMessage("expected a neighbour entry but there is none");
        }
        return this;
    }

    /** There is no entry. */
    public NeighbourAssert doesNotExist() {
        isNotNull();
        if (actual.isPresent()) {
            failWithMessage("expected no neighbour entry but there is: %s", actual.get());
        }
        return this;
    }

    /** The entry is in {@code state}. */
    public NeighbourAssert hasState(NudState state) {
        exists();
        if (actual.get().state() != state) {
            failWithMessage("expected the entry %s but it is: %s", state.label, actual.get());
        }
        return this;
    }

    /** The entry's link-layer address is {@code mac}. */
    public NeighbourAssert hasLladdr(String mac) {
        return hasLladdr(MacAddress.parse(mac));
    }

    /** The entry's link-layer address is {@code mac}. */
    public NeighbourAssert hasLladdr(MacAddress mac) {
        exists();
        if (!actual.get().lladdr().equals(Optional.of(mac))) {
            failWithMessage("expected the entry at lladdr %s but it is: %s", mac, actual.get());
        }
        return this;
    }

    /** The entry has sent {@code probes} probes since its last confirmation. */
    public NeighbourAssert hasProbes(int probes) {
        exists();
        if (actual.get().probes() != probes) {
            failWithMessage("expected %s probes but the entry has %s: %s", probes, actual.get().probes(), actual.get());
        }
        return this;
    }
}
