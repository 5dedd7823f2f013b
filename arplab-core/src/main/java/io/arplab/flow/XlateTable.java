package io.arplab.flow;

import java.util.ArrayList;
import java.util.List;

/**
 * xlate_table_action() (ofproto-dpif-xlate.c) and rule_dpif_lookup_from_table() (ofproto-dpif.c): a translation's
 * lookup of one table, the miss configuration, the rule's counters and cache entry, and the chain of lone
 * goto_tables one loop goes through.
 */
final class XlateTable {
    private XlateTable() {
    }

    // flow->actset_output holds the action set's output while a table is looked up; it is no datapath field, so its
    // bits never reach the megaflow (flow_wildcards_init_for_packet())
    // rule_dpif_lookup_from_table(): a fragment is looked up with its ports 0 under frag_handling "normal" (as it is
    // under "nx-match"; "drop" gives the drop_frags_rule, fragmentDropped()), the first fragment's ports put back
    static Rule lookup(Xlate x, Classifier table) {
        int a = Slot.ACTSET_OUTPUT.ordinal();
        long saved = x.flow[a];
        x.flow[a] = x.actsetOutput;
        boolean fragment = (x.flow[Slot.NW_FRAG.ordinal()] & 1) != 0 && x.br.fragHandling().equals("normal");
        long tpSrc = x.flow[Slot.TP_SRC.ordinal()], tpDst = x.flow[Slot.TP_DST.ordinal()];
        if (fragment) {
            x.flow[Slot.TP_SRC.ordinal()] = 0;
            x.flow[Slot.TP_DST.ordinal()] = 0;
        }
        table.unseen = x.learnedNow.isEmpty() ? null : x.learnedNow;
        Rule r = table.lookup(x.flow, x.wc);
        table.unseen = null;
        if (fragment) {
            x.flow[Slot.TP_SRC.ordinal()] = tpSrc;
            x.flow[Slot.TP_DST.ordinal()] = tpDst;
        }
        x.flow[a] = saved;
        x.wc[a] = 0;
        return r;
    }

    // rule_dpif_lookup_from_table(): an IP fragment under frag_handling "drop" matches the drop_frags_rule (nw_frag
    // is always unwildcarded for IP)
    static boolean fragmentDropped(Xlate x) {
        return (x.flow[Slot.NW_FRAG.ordinal()] & 1) != 0 && x.br.fragHandling().equals("drop");
    }

    // xlate_table_action(): what a resubmit changed for its lookup alone is put back before the rule's actions: the
    // input port (rule_dpif_lookup_from_table() restores it) and the ct_orig tuple (swapped back)
    static void afterLookup(Xlate x) {
        if (x.ctOrigSwapped) {
            XlateCt.tupleSwap(x);
        }
        if (x.lookupInPort >= 0) {
            x.flow[Slot.IN_PORT.ordinal()] = x.lookupInPort;
            x.lookupInPort = -1;
        }
    }

    /**
     * xlate_table_action() of table {@code t}; {@code honorMiss}: its may_packet_in and honor_table_miss, false for a
     * resubmit (xlate_ofpact_resubmit()), true for the first lookup, goto_table, an output to TABLE and a patch port.
     */
    static void table(Xlate x, int t, boolean honorMiss) {
        if (x.wasMpls) { // xlate_table_action(): a lookup after an MPLS pop waits for the recirculated packet
            x.freezing = new ArrayList<>();
            x.freezeMpls = true;
            return;
        }
        // a rule whose program is a lone goto_table goes on to its table in this loop, as gotoTable() would
        // recursively (actionList()'s one step, without its loop or a frame per table): chained counts them
        int chained = 0, first = t, savedTableLevel = x.tableLevel;
        List<int[]> outerNested = x.nestedBridges;
        Rule outerRule = x.rule;
        Rule initial = null; // xlate_actions()'s own lookup: its ctx->rule stays for the action set, not restored
        Classifier next = null; // table t's classifier, when the lone goto_table that led to it had it at hand
        while (true) {
            x.depth++;
            // xlate_report_table() names the table the caller asked for, xlate_actions() the last one looked up
            int asked = t;
            boolean dropFrag = fragmentDropped(x);
            Rule r;
            Classifier table;
            FlowTables.TableMiss missConfig = FlowTables.TableMiss.CONTINUE;
            while (true) { // rule_dpif_lookup_from_table()
                table = next != null ? next : x.br.tables.table(t);
                x.tableId = t;
                if (x.prefoundIn == table) {
                    r = x.prefound;
                    x.prefoundIn = null;
                } else {
                    // lib/classifier.c find_match_wc() via classifier_lookup()
                    r = dropFrag ? x.br.internal.dropFrags : lookup(x, table);
                }
                afterLookup(x);
                // the packet counted in the table, and in the cache (XC_TABLE) for its megaflow's later packets
                if (x.execute) {
                    if (r == null) {
                        table.nMissed++;
                    } else {
                        table.nMatched++;
                    }
                }
                x.xc.table(table, r);
                if (r != null || !honorMiss) {
                    break;
                }
                // a miss honours the table's miss_config: CONTINUE looks the next table up (not TBL_INTERNAL)
                missConfig = x.br.tables.missConfig(t);
                if (missConfig != FlowTables.TableMiss.CONTINUE || t + 1 >= Ofproto.TABLE_INTERNAL) {
                    break;
                }
                t++;
                next = null;
            }
            if (r == null && honorMiss && (missConfig == FlowTables.TableMiss.CONTINUE
                    || missConfig == FlowTables.TableMiss.CONTROLLER)) {
                // the miss_rule (a packet-in) for a miss that ended in CONTINUE or CONTROLLER, from a known input port
                // without OFPPC_NO_PACKET_IN; DEFAULT takes it only for a controller that wants misses (none here)
                Ofproto.Port in = x.br.port(x.flow[Slot.IN_PORT.ordinal()]);
                r = in != null && (in.config & Ofproto.Port.NO_PACKET_IN) == 0 ? x.br.internal.miss : null;
            }
            if (r == null || r == x.br.internal.miss) {
                // a miss returns the miss_rule or the no_packet_in_rule, whose stats it credits (XC_RULE)
                x.xc.table(null, r != null ? r : x.br.internal.noPacketIn);
            }
            int reported = x.firstLookup ? t : asked;
            if (x.trace != null) {
                x.lastTopTable = x.depth == 2 && x.tableLevel == 0 ? x.trace.length() : x.lastTopTable;
            }
            // xlate_actions(): the section's rule looked up, its actions run unless tnl_process_ecn() drops the
            // packet (its inner packet not ECN-capable under a CE outer tos) or may_receive() refuses it
            boolean skipActions = false, firstPass = x.firstLookup, mirrorOut = false;
            if (x.firstLookup) {
                x.firstLookup = false;
                initial = r;
                // (nor on a mirror's output port, which takes no traffic)
                mirrorOut = XlateMirror.inputIsOutput(x);
                skipActions = mirrorOut || !Tunnel.processEcn(x.flow) || x.receiveRefused;
                x.receiveRefused = false;
            }
            if (r == null) {
                if (x.hop != null) {
                    x.hop.table(t, null, "drop");
                }
                if (x.trace != null) {
                    XlateTrace.table(x, reported, null, false);
                }
                if (firstPass) {
                    XlateMirror.firstLookup(x, mirrorOut, skipActions);
                }
                if (!skipActions) {
                    x.line("drop");
                }
                x.depth--;
                break;
            }
            // a flow this translation's learn() modified runs the actions its version sees
            List<Action> acts = x.learnedOver.isEmpty() ? r.actions : x.learnedOver.getOrDefault(r, r.actions);
            if (x.hop != null) {
                x.hop.table(t, r, ActionFormat.format(acts, OfVersion.OF15, PortMap.NONE));
            }
            if (x.trace != null) {
                XlateTrace.table(x, reported, r, dropFrag);
            }
            if (firstPass) {
                XlateMirror.firstLookup(x, mirrorOut, skipActions);
            }
            x.nestedBridges = null;
            x.resubmits++; // xlate_recursively(); the first table's rule too, one more than ctx->resubmits
            x.rule = r; // xlate_recursively(): ctx->rule and ctx->rule_cookie
            if (skipActions) {
                x.depth--;
                break;
            } else if (x.patchLookup) {
                x.patchLookup = false;
                XlateClone.cloneActions(x, acts);
            } else if (x.trace == null && !x.exited && !x.wasMpls && r != x.br.internal.miss && !dropFrag
                    && table.foundGoto >= 0 && acts == r.actions) { // the lookup's own rule (foundGoto: the last)
                x.listContinues = false;
                x.tableLevel = x.level; // gotoTable()'s
                chained++;
                honorMiss = true; // goto_table's lookup honours the miss config
                t = table.foundGoto;
                next = table.foundNext;
                if (next != null && x.hop == null && x.learnedNow.isEmpty() && x.learnedOver.isEmpty()
                        && !x.ctOrigSwapped && x.lookupInPort < 0 && (x.flow[Slot.NW_FRAG.ordinal()] & 1) == 0) {
                    chained += chainGotos(x, t, next);
                    t = x.prefoundAt;
                    next = x.prefoundIn;
                }
                continue;
            } else {
                x.actions(acts, true);
            }
            if (x.trace != null && x.nestedBridges != null) {
                NativeTunnel.indentNested(x.trace, x.nestedBridges);
            }
            x.depth--;
            break;
        }
        x.depth -= chained;
        x.rule = initial != null ? initial : outerRule;
        x.nestedBridges = outerNested;
        if (chained > 0) {
            x.tableLevel = savedTableLevel;
            x.tableId = first;
        }
    }

    /**
     * A chain of lone goto_tables from table {@code t} on, each looked up, counted and cached as the loop of
     * {@link #table} would, without its steps for traces, learned flows, conntrack tuple swaps and
     * fragments (the caller has none of them), until a table's rule is anything else or a miss: that rule is left in
     * {@link Xlate#prefound}. Returns the tables gone through.
     */
    static int chainGotos(Xlate x, int t, Classifier next) {
        int a = Slot.ACTSET_OUTPUT.ordinal(), chained = 0;
        long saved = x.flow[a];
        x.flow[a] = x.actsetOutput;
        while (true) {
            Classifier c = next;
            Rule q = c.lookup(x.flow, x.wc);
            if (q == null || c.foundGoto < 0 || c.foundNext == null) {
                x.prefound = q;
                x.prefoundIn = c;
                x.prefoundAt = t;
                break;
            }
            x.depth++;
            x.tableId = t;
            if (x.execute) {
                c.nMatched++;
            }
            x.xc.table(c, q);
            x.resubmits++;
            x.rule = q;
            chained++;
            t = c.foundGoto;
            next = c.foundNext;
        }
        x.flow[a] = saved;
        x.wc[a] = 0;
        return chained;
    }
}
