package io.arplab.flow;

/**
 * OpenFlow port numbers and names (OVS's struct ofputil_port_map), for --names and port arguments, and the tables'
 * names (struct ofputil_table_map, which ovs-ofctl fills from the switch's tables and passes beside the port map).
 */
public interface PortMap {
    PortMap NONE = new PortMap() {
        @Override public String name(long port) { return null; }
        @Override public long number(String name) { return -1; }
    };

    /** The port's name, or null. */
    String name(long port);

    /** The port named so, or -1. */
    long number(String name);

    /** ofputil_table_map_get_name(): the table's name, or null. */
    default String tableName(int table) {
        return null;
    }

    /** ofputil_table_map_get_number(): the table named so, or -1. */
    default int tableNumber(String name) {
        return -1;
    }
}
