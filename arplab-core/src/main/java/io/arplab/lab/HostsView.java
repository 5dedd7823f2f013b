package io.arplab.lab;

import io.arplab.device.Host;
import io.arplab.sim.Network;
import io.arplab.sim.NetworkNode;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A lab's hosts by name, in the order they were added: a read-only view of its network's nodes, whose name index it
 * reads, rather than a second index with an entry a host. Every host joins the network when the lab adds it, and
 * nothing else adds a host there, so the hosts among the nodes, in node order, are the lab's hosts in order.
 */
final class HostsView extends AbstractMap<String, Host> {
    private final Network network;
    private int size;

    HostsView(Network network) {
        this.network = network;
    }

    /** Counts a host the lab has just added to the network. */
    void added() {
        size++;
    }

    @Override
    public Host get(Object name) {
        NetworkNode n = name instanceof String s ? network.node(s) : null;
        return n != null && n.device() instanceof Host h ? h : null;
    }

    @Override
    public boolean containsKey(Object name) {
        return get(name) != null;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public Set<Entry<String, Host>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Entry<String, Host>> iterator() {
                return new Iterator<>() {
                    private final List<NetworkNode> nodes = network.nodes();
                    private int next = skipToHost(0);

                    private int skipToHost(int i) {
                        while (i < nodes.size() && !(nodes.get(i).device() instanceof Host)) {
                            i++;
                        }
                        return i;
                    }

                    @Override
                    public boolean hasNext() {
                        return next < nodes.size();
                    }

                    @Override
                    public Entry<String, Host> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        Host h = (Host) nodes.get(next).device();
                        next = skipToHost(next + 1);
                        return new SimpleImmutableEntry<>(h.name(), h);
                    }
                };
            }
        };
    }
}
