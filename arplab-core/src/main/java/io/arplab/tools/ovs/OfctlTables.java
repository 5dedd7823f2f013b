package io.arplab.tools.ovs;

import io.arplab.flow.FlowTables;
import io.arplab.flow.Ofproto;
import io.arplab.flow.OfVersion;

/**
 * ovs-ofctl's table commands (utilities/ovs-ofctl.c over lib/ofp-table.c): dump-tables, dump-table-desc and
 * dump-table-features, as ofp_print prints their replies.
 */
final class OfctlTables {
    private final OvsOfctl of;

    OfctlTables(OvsOfctl of) {
        this.of = of;
    }

    // ofp_print_table_stats_reply() through ofputil_table_features_format(): the 254 visible tables, a table whose
    // statistics and features equal the previous one's folded into a "ditto" range (format_finish()) unless it has a
    // name (a Flow_Table's), which it shows; OpenFlow 1.0's stats carry the features (the name, max_entries: the
    // table's max_flows up to 1000000), 1.1's and 1.2's (ofputil_decode_ofp11_table_stats(), _ofp12_) those and the
    // miss config, the instructions (the last table's without goto_table), the actions, 1.2's the metadata and the
    // fields it sets; 1.3+'s none
    int dumpTables(Ofproto br) {
        if (of.version == OfVersion.OF11) {
            of.tableMapWarnings(br); // the reply's decoding: the same raw miss configs, the same rate limit
        }
        StringBuilder o = new StringBuilder("OFPST_TABLE reply" + of.versionTag() + " (xid=0x2):");
        boolean of10 = of.version == OfVersion.OF10;
        boolean of11 = of.version == OfVersion.OF11 || of.version == OfVersion.OF12;
        int last = FlowTables.N_TABLES - 2;
        long[] prev = null;
        long prevMax = -1;
        String prevMiss = null;
        int firstDitto = -1, lastDitto = -1;
        for (int t = 0; t <= last; t++) {
            long[] st = br.tables.stats(t);
            long max = Math.min(br.tables.maxFlows(t), 1_000_000L);
            String miss = of11 ? missConfig(br.tables.missConfig(t)) : null;
            String name = of10 || of11 ? br.tables.name(t) : null;
            boolean sameStats = prev != null && java.util.Arrays.equals(st, prev);
            boolean sameInstructions = t > 0 && t != last;
            boolean sameFeatures = prev != null && (of10 ? max == prevMax
                    : !of11 || sameInstructions && max == prevMax && miss.equals(prevMiss));
            prev = st;
            prevMax = max;
            prevMiss = miss;
            if (sameStats && sameFeatures && name == null) {
                firstDitto = firstDitto < 0 ? t : firstDitto;
                lastDitto = t;
                continue;
            }
            o.append(ditto(firstDitto, lastDitto));
            firstDitto = -1;
            o.append("\n  table ").append(t).append(name == null ? "" : " (\"" + name + "\")").append(':');
            if (sameStats && sameFeatures) {
                o.append(" ditto");
                continue;
            }
            o.append("\n    active=").append(st[0]).append(", lookup=").append(st[1]).append(", matched=").append(st[2])
                    .append('\n');
            if (of10) {
                o.append(sameFeatures ? "    (same features)\n" : "    max_entries=" + max + "\n" + (t > 0
                        ? "    (same matching)\n" : "    matching:\n      exact match or wildcard: in_port "
                        + "eth_{src,dst,type} vlan_{vid,pcp} ip_{src,dst} nw_{proto,tos} tcp_{src,dst}\n"));
            } else if (of11) {
                o.append(sameFeatures ? "    (same features)\n" : of11Features(t, max, miss, sameInstructions));
            }
        }
        o.append(ditto(firstDitto, lastDitto));
        of.ctx.out().print(o.append(o.charAt(o.length() - 1) == '\n' ? "" : "\n"));
        return 0;
    }

    /**
     * ofputil_decode_table_miss() of a table's miss config as the stats carry it: OpenFlow 1.2's encoded
     * (ofputil_encode_table_config()), 1.1's the raw enum ofputil_put_ofp11_table_stats() puts (DEFAULT 0, CONTROLLER
     * 1, CONTINUE 2, DROP 3) read as OFPTC11_TABLE_MISS_CONTROLLER, _CONTINUE, _DROP, and 3 as CONTROLLER (its warning
     * from tableMapWarnings()).
     */
    private String missConfig(FlowTables.TableMiss m) {
        if (of.version == OfVersion.OF11) {
            return switch (m) {
                case CONTROLLER -> "continue";
                case CONTINUE -> "drop";
                default -> "controller";
            };
        }
        return m == FlowTables.TableMiss.DEFAULT ? "controller" : m.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** OpenFlow 1.2's writable and matchable fields (ofp12_table_stats' write_setfields and match). */
    private static final String OF12_SET_FIELDS = "metadata in_port_oxm eth_{src,dst} vlan_{vid,pcp} mpls_{label,tc} "
            + "ip_{src,dst} ipv6_{src,dst,label} ip_dscp nw_ecn arp_{op,spa,tpa,sha,tha} tcp_{src,dst} udp_{src,dst} "
            + "sctp_{src,dst} icmp_{type,code} icmpv6_{type,code} nd_{target,sll,tll}";
    private static final String OF12_MATCH = "metadata in_port_oxm eth_{src,dst,type} vlan_{vid,pcp} "
            + "mpls_{label,tc} ip_{src,dst} ipv6_{src,dst,label} nw_proto ip_dscp nw_ecn arp_{op,spa,tpa,sha,tha} "
            + "tcp_{src,dst} udp_{src,dst} sctp_{src,dst} icmp_{type,code} icmpv6_{type,code} nd_{target,sll,tll}";
    /** OpenFlow 1.1's actions (ofpact_bitmap_from_openflow() of its own) and match (mf_bitmap_from_of11()). */
    private static final String OF11_ACTIONS = "output group set_vlan_vid set_vlan_pcp strip_vlan push_vlan mod_dl_src "
            + "mod_dl_dst mod_nw_src mod_nw_dst mod_nw_tos mod_nw_ecn mod_nw_ttl mod_tp_src mod_tp_dst dec_ttl "
            + "set_mpls_label set_mpls_tc set_mpls_ttl dec_mpls_ttl push_mpls pop_mpls set_queue";
    private static final String OF11_MATCH = "metadata in_port eth_{src,dst,type} vlan_{vid,pcp} mpls_{label,tc} "
            + "ip_{src,dst} nw_{proto,tos} tcp_{src,dst}";

    // ofputil_table_features_format() of OpenFlow 1.1's and 1.2's table stats: instructions and actions the same for
    // table miss and others;
    // print_table_instruction_features() says "(same actions)" only for actions with set-fields (1.2's)
    private String of11Features(int t, long max, String miss, boolean sameInstructions) {
        boolean of12 = of.version == OfVersion.OF12;
        String insts = "apply_actions clear_actions write_actions write_metadata";
        String actions = "      Write-Actions and Apply-Actions features:\n        actions: " + (of12 ? "output group "
                + "set_field strip_vlan push_vlan mod_nw_ttl dec_ttl set_mpls_ttl dec_mpls_ttl push_mpls pop_mpls "
                + "set_queue\n        supported on Set-Field: " + OF12_SET_FIELDS : OF11_ACTIONS) + "\n";
        StringBuilder o = new StringBuilder(of12 ? "    metadata: match=0xffffffffffffffff write=0xffffffffffffffff\n"
                : "").append("    config=").append(miss).append("\n    max_entries=").append(max).append('\n');
        if (sameInstructions) {
            o.append("    (same instructions)\n");
        } else if (t == 0) {
            o.append("    instructions (table miss and others):\n      instructions: ").append(insts)
                    .append(" goto_table\n").append(actions);
        } else { // the last table: no goto_table
            o.append("    instructions (table miss and others):\n      instructions: ").append(insts).append('\n')
                    .append(of12 ? "      (same actions)\n" : actions);
        }
        return o.append(t > 0 ? "    (same matching)\n" : "    matching:\n      exact match or wildcard: "
                + (of12 ? OF12_MATCH : OF11_MATCH) + "\n").toString();
    }

    // ofctl_dump_table_desc(): ofputil_encode_table_desc_request() needs OpenFlow 1.4; the visible tables' desc
    int dumpTableDesc(Ofproto br) {
        if (!of.version.atLeast(OfVersion.OF14)) {
            return of.fail("dump-table-desc needs OpenFlow 1.4 or later ('-O OpenFlow14')");
        }
        StringBuilder o = new StringBuilder("OFPST_TABLE_DESC reply" + of.versionTag() + " (xid=0x2):");
        for (int t = 0; t < FlowTables.N_TABLES - 1; t++) {
            o.append(br.tables.tableDesc(t));
        }
        of.ctx.out().print(o);
        return 0;
    }

    /** oxm_writable_fields() and oxm_matchable_fields() as print_mf_bitmap() names them (OVS 3.1's meta-flow). */
    private static final String SET_FIELDS = "tun_{id,src,dst,ipv6_{src,dst},flags,gbp_{id,flags},erspan_{idx,ver,"
            + "dir,hwid},metadata0...metadata63} metadata in_{port,port_oxm} pkt_mark ct_{mark,label} reg0...reg15 "
            + "xreg0...xreg7 xxreg0...xxreg3 eth_{src,dst} vlan_{tci,vid,pcp} mpls_{label,tc,ttl} ip_{src,dst} "
            + "ipv6_{src,dst,label} nw_tos ip_dscp nw_{ecn,ttl} arp_{op,spa,tpa,sha,tha} tcp_{src,dst} udp_{src,dst} "
            + "sctp_{src,dst} icmp_{type,code} icmpv6_{type,code} nd_{target,sll,tll,reserved,options_type} "
            + "nsh_{flags,spi,si,c1...c4,ttl}";
    private static final String MASKABLE = "dp_hash tun_{id,src,dst,ipv6_{src,dst},flags,gbp_{id,flags},"
            + "erspan_{idx,ver,dir,hwid},gtpu_{flags,msgtype},metadata0...metadata63} metadata pkt_mark "
            + "ct_{state,mark,label,nw_{src,dst},ipv6_{src,dst},tp_{src,dst}} reg0...reg15 xreg0...xreg7 "
            + "xxreg0...xxreg3 eth_{src,dst} vlan_{tci,vid} ip_{src,dst} ipv6_{src,dst,label} ip_frag "
            + "arp_{spa,tpa,sha,tha} tcp_{src,dst,flags} udp_{src,dst} sctp_{src,dst} nd_{target,sll,tll} "
            + "nsh_{flags,c1...c4}";
    private static final String EXACT = "recirc_id packet_type conj_id in_{port,port_oxm} actset_output "
            + "ct_{zone,nw_proto} eth_type vlan_pcp mpls_{label,tc,bos,ttl} nw_{proto,tos} ip_dscp nw_{ecn,ttl} arp_op "
            + "icmp_{type,code} icmpv6_{type,code} nd_{reserved,options_type} nsh_{mdtype,np,spi,si,ttl}";

    /**
     * ofctl_dump_table_features(): query_tables()' features of the visible tables as ofputil_table_features_format()
     * folds them, each table equal to the previous one but for the next-tables bit of its own id
     * (table_instruction_features_next_equal()) a "ditto"; the last table has no goto_table. OpenFlow 1.4+ carries the
     * eviction and vacancy capabilities (none), 1.5 the meter as an action, not an instruction.
     */
    int dumpTableFeatures(Ofproto br) {
        if (!of.version.atLeast(OfVersion.OF13)) {
            return of.fail("dump-table-features needs OpenFlow 1.3 or later ('-O OpenFlow13')");
        }
        int last = FlowTables.N_TABLES - 2;
        String caps = !of.version.atLeast(OfVersion.OF14) ? ""
                : "    eviction: not supported\n    vacancy events: not supported\n";
        String insts = (of.version.atLeast(OfVersion.OF15) ? "" : "meter ")
                + "apply_actions clear_actions write_actions write_metadata";
        StringBuilder o = new StringBuilder();
        int firstDitto = -1, lastDitto = -1;
        long prevMax = -1;
        for (int t = 0; t <= last; t++) {
            // the features differ in max_entries (max_flows up to 1000000), and the last table's in its instructions
            long max = Math.min(br.tables.maxFlows(t), 1_000_000L);
            String name = br.tables.name(t);
            boolean sameInstructions = t > 0 && t != last;
            boolean same = sameInstructions && max == prevMax;
            prevMax = max;
            if (same && name == null) {
                firstDitto = firstDitto < 0 ? t : firstDitto;
                lastDitto = t;
                continue;
            }
            o.append(ditto(firstDitto, lastDitto));
            firstDitto = -1;
            o.append("\n  table ").append(t).append(name == null ? "" : " (\"" + name + "\")").append(':');
            if (same) {
                o.append(" ditto");
                continue;
            }
            o.append("\n    metadata: match=0xffffffffffffffff write=0xffffffffffffffff\n").append(caps)
                    .append("    max_entries=").append(max).append('\n');
            if (sameInstructions) {
                o.append("    (same instructions)\n");
            } else if (t == 0) {
                o.append("    instructions (table miss and others):\n      next tables: 1-").append(last)
                        .append("\n      instructions: ").append(insts).append(" goto_table\n      Write-Actions and "
                        + "Apply-Actions features:\n        actions: output group set_field strip_vlan push_vlan "
                        + "mod_nw_ttl dec_ttl set_mpls_ttl dec_mpls_ttl push_mpls pop_mpls set_queue\n        "
                        + "supported on Set-Field: ").append(SET_FIELDS).append('\n');
            } else { // the last table: no next tables, no goto_table
                o.append("    instructions (table miss and others):\n      instructions: ").append(insts)
                        .append("\n      (same actions)\n");
            }
            o.append(t > 0 ? "    (same matching)\n" : "    matching:\n      arbitrary mask: " + MASKABLE
                    + "\n      exact match or wildcard: " + EXACT + "\n");
        }
        o.append(ditto(firstDitto, lastDitto));
        of.ctx.out().print(o.substring(1) + "\n"); // the first table's line begins the output
        return 0;
    }

    private static String ditto(int first, int last) {
        return first < 0 ? "" : first == last ? "\n  table " + first + ": ditto\n"
                : "\n  tables " + first + "..." + last + ": ditto\n";
    }
}
