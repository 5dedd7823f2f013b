package io.arplab.flow;

/** OpenFlow port numbers and names (OVS's struct ofputil_port_map), for --names and port arguments. */
public interface PortMap {
    PortMap NONE = new PortMap() {
        @Override public String name(long port) { return null; }
        @Override public long number(String name) { return -1; }
    };

    /** The port's name, or null. */
    String name(long port);

    /** The port named so, or -1. */
    long number(String name);
}
