package io.arplab.tools.iproute;

import io.arplab.device.Fdb;

/**
 * {@code ip link set DEV type bridge ...}: the bridge's options as iproute2 6.1 parses them (ip/iplink_bridge.c), and
 * {@code fdb_max_learned} as iproute2 6.8 added it (6.1 refuses it).
 */
final class IpLinkBridge {
    private static final String EXPLAIN = "Usage: ... bridge [ fdb_flush ]" + "\n"
            + "\t\t  [ forward_delay FORWARD_DELAY ]" + "\n"
            + "\t\t  [ hello_time HELLO_TIME ]" + "\n"
            + "\t\t  [ max_age MAX_AGE ]" + "\n"
            + "\t\t  [ ageing_time AGEING_TIME ]" + "\n"
            + "\t\t  [ stp_state STP_STATE ]" + "\n"
            + "\t\t  [ priority PRIORITY ]" + "\n"
            + "\t\t  [ group_fwd_mask MASK ]" + "\n"
            + "\t\t  [ group_address ADDRESS ]" + "\n"
            + "\t\t  [ no_linklocal_learn NO_LINKLOCAL_LEARN ]" + "\n"
            + "\t\t  [ fdb_max_learned FDB_MAX_LEARNED ]" + "\n"
            + "\t\t  [ vlan_filtering VLAN_FILTERING ]" + "\n"
            + "\t\t  [ vlan_protocol VLAN_PROTOCOL ]" + "\n"
            + "\t\t  [ vlan_default_pvid VLAN_DEFAULT_PVID ]" + "\n"
            + "\t\t  [ vlan_stats_enabled VLAN_STATS_ENABLED ]" + "\n"
            + "\t\t  [ vlan_stats_per_port VLAN_STATS_PER_PORT ]" + "\n"
            + "\t\t  [ mcast_snooping MULTICAST_SNOOPING ]" + "\n"
            + "\t\t  [ mcast_vlan_snooping MULTICAST_VLAN_SNOOPING ]" + "\n"
            + "\t\t  [ mcast_router MULTICAST_ROUTER ]" + "\n"
            + "\t\t  [ mcast_query_use_ifaddr MCAST_QUERY_USE_IFADDR ]" + "\n"
            + "\t\t  [ mcast_querier MULTICAST_QUERIER ]" + "\n"
            + "\t\t  [ mcast_hash_elasticity HASH_ELASTICITY ]" + "\n"
            + "\t\t  [ mcast_hash_max HASH_MAX ]" + "\n"
            + "\t\t  [ mcast_last_member_count LAST_MEMBER_COUNT ]" + "\n"
            + "\t\t  [ mcast_startup_query_count STARTUP_QUERY_COUNT ]" + "\n"
            + "\t\t  [ mcast_last_member_interval LAST_MEMBER_INTERVAL ]" + "\n"
            + "\t\t  [ mcast_membership_interval MEMBERSHIP_INTERVAL ]" + "\n"
            + "\t\t  [ mcast_querier_interval QUERIER_INTERVAL ]" + "\n"
            + "\t\t  [ mcast_query_interval QUERY_INTERVAL ]" + "\n"
            + "\t\t  [ mcast_query_response_interval QUERY_RESPONSE_INTERVAL ]" + "\n"
            + "\t\t  [ mcast_startup_query_interval STARTUP_QUERY_INTERVAL ]" + "\n"
            + "\t\t  [ mcast_stats_enabled MCAST_STATS_ENABLED ]" + "\n"
            + "\t\t  [ mcast_igmp_version IGMP_VERSION ]" + "\n"
            + "\t\t  [ mcast_mld_version MLD_VERSION ]" + "\n"
            + "\t\t  [ nf_call_iptables NF_CALL_IPTABLES ]" + "\n"
            + "\t\t  [ nf_call_ip6tables NF_CALL_IP6TABLES ]" + "\n"
            + "\t\t  [ nf_call_arptables NF_CALL_ARPTABLES ]" + "\n"
            + "" + "\n"
            + "Where: VLAN_PROTOCOL := { 802.1Q | 802.1ad }";

    private IpLinkBridge() {}

    /** bridge_parse_opt(): applies the options to {@code fdb}; an option this iproute2 does not know is an error. */
    static void parse(Args a, Fdb fdb, long now) {
        while (a.more()) {
            String w = a.take();
            if (w.equals("ageing_time")) {
                String v = a.value();
                long cs = Args.unsigned(v);
                if (cs < 0 || cs > 0xffff_ffffL) {
                    throw CommandExit.invarg("invalid ageing_time", v);
                }
                fdb.setAgeingTime(cs * 10_000_000L, now);
            } else if (w.equals("fdb_max_learned")) {
                // iproute2 6.8 bridge_parse_opt(): get_u32() into IFLA_BR_FDB_MAX_LEARNED
                String v = a.value();
                long max = Args.unsigned(v);
                if (max < 0) {
                    throw CommandExit.invarg("invalid fdb_max_learned", v);
                }
                fdb.setMaxLearned((int) Math.min(max, Integer.MAX_VALUE));
            } else if (w.equals("mcast_snooping")) {
                // bridge_parse_opt(): get_u8() into IFLA_BR_MCAST_SNOOPING, any non-zero value turns it on
                String v = a.value();
                long on = Args.unsigned(v);
                if (on < 0 || on > 0xff) {
                    throw CommandExit.invarg("invalid mcast_snooping", v);
                }
                fdb.setMcastSnooping(on != 0);
            } else if (w.equals("help")) {
                throw new CommandExit(255, EXPLAIN);
            } else {
                // the options of later releases
                throw new CommandExit(1, "bridge: unknown command \"" + w + "\"?\n" + EXPLAIN);
            }
        }
    }
}
