package io.arplab.tools.ovs;

import io.arplab.flow.Action;
import io.arplab.flow.ActionCheckException;
import io.arplab.flow.ActionParser;
import io.arplab.flow.Field;
import io.arplab.flow.FlowMod;
import io.arplab.flow.FlowParseException;
import io.arplab.flow.FlowParser;
import io.arplab.flow.FlowStatsFormat;
import io.arplab.flow.Ofproto;
import io.arplab.flow.OfVersion;
import io.arplab.flow.PacketOut;
import io.arplab.flow.PortMap;
import io.arplab.flow.Ports;
import io.arplab.flow.Rule;
import io.arplab.flow.U128;
import java.util.ArrayList;
import java.util.List;

/**
 * ovs-ofctl's flow commands (utilities/ovs-ofctl.c: ofctl_flow_mod__(), ofctl_dump_flows(), ofctl_dump_aggregate(),
 * ofctl_packet_out()): add-flow, add-flows, mod-flows, del-flows, dump-flows with --sort/--rsort, dump-aggregate and
 * packet-out, each checked against the protocols -O and -F allow before it is sent.
 */
final class OfctlFlows {
    private final OvsOfctl of;

    OfctlFlows(OvsOfctl of) {
        this.of = of;
    }

    // ofctl_flow_mod_file(): every line parsed first (each may begin with its command), so a bad line sends nothing
    int addFlows(Ofproto br, String file) {
        OvsOfctl.FlowLines lines = of.flowLines(file);
        if (lines == null) {
            return of.fail(file + ": open failed (No such file or directory)");
        }
        return flowMods(br, lines.flows(), null, file, lines.numbers());
    }

    int flowMods(Ofproto br, List<String> flows, FlowMod.Command command, String file) {
        return flowMods(br, flows, command, file, null);
    }

    /**
     * Parses every flow_mod (a null command: each line's own, parse_ofp_flow_mod_file()), logging as it goes, then
     * checks the protocols they all allow (open_vconn_for_flow_mod()) and sends them; the switch's first error ends
     * the run (transact_noreply()).
     */
    int flowMods(Ofproto br, List<String> flows, FlowMod.Command command, String file, List<Integer> lineNos) {
        List<FlowMod> mods = new ArrayList<>();
        int usable = FlowMod.P_ANY;
        boolean tableId = false;
        for (int i = 0; i < flows.size(); i++) {
            FlowMod fm;
            try {
                fm = command == null ? FlowParser.parseFileLine(flows.get(i), of.portMap(br))
                        : FlowParser.parse(flows.get(i), command, of.portMap(br));
            } catch (FlowParseException e) {
                if (file != null) {
                    throw new FlowParseException(file + ":" + lineNos.get(i) + ": " + e.getMessage(), e.log);
                }
                throw e;
            } catch (ActionCheckException e) {
                if (file != null) {
                    throw new ActionCheckException(e.log, file + ":" + lineNos.get(i) + ": "
                            + e.getMessage());
                }
                throw e;
            }
            for (String l : fm.log()) {
                of.log(l);
            }
            mods.add(fm);
            usable &= fm.usable();
            tableId |= fm.table() != 255;
        }
        if (of.bundle) {
            usable &= FlowMod.P_OF13_UP; // bundle_flow_mod__(): bundles need OpenFlow 1.3+
        }
        String unusable = FlowMod.usableError(usable, tableId, of.version, of.flowFormats);
        if (unusable != null) {
            return of.fail(unusable);
        }
        usable &= of.flowFormats; // open_vconn_for_flow_mod(): the protocol is one -F allows (-F nxm: no ofp10_match)
        if (of.bundle) {
            List<Ofproto.BundleEntry> entries = new ArrayList<>();
            for (FlowMod fm : mods) {
                entries.add(new Ofproto.BundleEntry(fm.withUsable(usable), null, null, false));
            }
            return of.groups.bundleTransact(br, entries);
        }
        boolean nxm = (usable & FlowMod.P_OF10) == 0;
        for (int i = 0; i < mods.size(); i++) {
            FlowMod fm = mods.get(i).withUsable(usable);
            String error = br.flowMod(fm, of.version, of.ctx.now());
            if (error != null) {
                int xid = FlowStatsFormat.flowModXid(of.version, nxm, tableId, i);
                for (String l : FlowStatsFormat.flowModErrorLog(fm, of.version, error)) {
                    of.log(l);
                }
                FlowStatsFormat.flowModError(fm, of.version, error, xid, tableId).forEach(of.ctx.err()::println);
                return 1;
            }
        }
        return 0;
    }

    /**
     * ofctl_packet_out(): more than four words are the old syntax (IN_PORT ACTIONS PACKET..., one packet-out per
     * packet, a bad packet fatal after the ones before went out), two are parse_ofp_packet_out_str()'s one string;
     * the switch's first error ends the run (transact_noreply()).
     */
    int packetOut(Ofproto br, List<String> rest) {
        List<String> log = new ArrayList<>();
        List<PacketOut> pos = new ArrayList<>();
        String badPacket = null;
        int usable;
        try {
            if (rest.size() == 2) {
                pos.add(Ports.collecting(log, () -> PacketOut.parse(rest.get(1), of.portMap(br))));
                usable = pos.get(0).usable();
            } else { // more than four words (three were refused before connecting)
                List<Action> actions = Ports.collecting(log, () -> ActionParser.parseActions(rest.get(2), of.portMap(br)));
                of.flushLog(log);
                long in = of.ports.portNo(br, rest.get(1));
                if (in < 0) {
                    return 1;
                }
                for (String hex : rest.subList(3, rest.size())) {
                    try {
                        pos.add(PacketOut.of(in, io.arplab.flow.Packet.ethFromHex(hex), actions));
                    } catch (FlowParseException e) {
                        badPacket = e.getMessage();
                        break;
                    }
                }
                usable = PacketOut.usable(actions);
            }
        } finally {
            of.flushLog(log);
        }
        String unusable = FlowMod.usableError(usable, false, of.version, of.flowFormats); // open_vconn_for_flow_mod()
        if (unusable != null) {
            return of.fail(unusable);
        }
        usable &= of.flowFormats;
        boolean nxm = (usable & FlowMod.P_OF10) == 0;
        for (int i = 0; i < pos.size(); i++) {
            PacketOut po = pos.get(i);
            String error = br.packetOut(po, of.version, !nxm && !of.version.atLeast(OfVersion.OF11), of.ctx.now());
            if (error != null) {
                String ver = of.version == OfVersion.OF10 ? "" : " (" + of.version.shortName + ")";
                int x = FlowStatsFormat.flowModXid(of.version, nxm, false, i);
                String xid = " (xid=0x" + Integer.toHexString(x) + "):";
                // ofp_print() of the refused packet-out decodes its actions (ofpacts_pull_openflow_actions()) first
                List<String> bad = FlowStatsFormat.packetOutBadActions(po, of.version);
                String hex = bad == null ? null : po.hexDump(of.version, x);
                if (hex != null) {
                    for (String l : bad.subList(0, bad.size() - 1)) {
                        of.ctx.err().println(OvsTools.log(of.ctx, of.logSeq++, l));
                    }
                }
                of.ctx.err().println("OFPT_ERROR" + ver + xid + " " + error);
                if (hex != null) {
                    of.ctx.err().println("OFPT_PACKET_OUT" + ver + xid + " ***decode error: " + bad.get(bad.size() - 1)
                            + "***");
                    of.ctx.err().print(hex.endsWith("\n") ? hex : hex + "\n");
                    return 1;
                }
                List<String> echo = po.format(of.version, PortMap.NONE); // ofp_print() without a port map
                of.ctx.err().println("OFPT_PACKET_OUT" + ver + xid + echo.get(0));
                echo.subList(1, echo.size()).forEach(of.ctx.err()::println);
                return 1;
            }
        }
        return badPacket == null ? 0 : of.fail(badPacket);
    }

    // compare_flows(): criterion by criterion; a flow without the field (prerequisites unmet or wildcarded) goes
    // last in either order; ties keep the reply's order
    private int compareFlows(Rule a, Rule b) {
        for (OvsOfctl.SortCriterion sc : of.criteria) {
            int ret;
            if (sc.field() == null) {
                ret = Integer.compare(a.priority, b.priority);
            } else {
                Field f = sc.field();
                boolean ina = a.match.prereqsOk(f) && !a.match.mask(f).isZero();
                boolean inb = b.match.prereqsOk(f) && !b.match.mask(f).isZero();
                if (ina != inb) {
                    return ina ? -1 : 1;
                }
                U128 va = a.match.value(f), vb = b.match.value(f);
                ret = va.hi() != vb.hi() ? Long.compareUnsigned(va.hi(), vb.hi()) : Long.compareUnsigned(va.lo(), vb.lo());
            }
            if (ret != 0) {
                return sc.ascending() ? ret : -ret;
            }
        }
        return 0;
    }

    // parse_ofp_flow_stats_request_str(): its warnings logged, then the versions checked (open_vconn_for_flow_mod())
    private FlowMod request(Ofproto br, String text) {
        FlowMod q = FlowParser.parse(text, FlowMod.Command.QUERY, of.portMap(br));
        for (String l : q.log()) {
            of.log(l);
        }
        String unusable = FlowMod.usableError(q.usable(), false, of.version, of.flowFormats);
        if (unusable == null) { // set_protocol_for_flow_dump(): no "+table_id" variant carries a dump
            unusable = FlowMod.dumpUsableError(q.usable(), false, of.version, of.allowed, of.flowFormats);
        }
        if (unusable != null) {
            throw new FlowParseException(unusable);
        }
        return q;
    }

    // the switch's refusal of the request, as dump_transaction() prints the OFPT_ERROR reply (exit status 0)
    private boolean refusedRequest(FlowMod q, boolean aggregate, String text) {
        List<String> refused = FlowStatsFormat.statsRequestError(q, of.version, aggregate, replyXid(!text.isBlank()));
        if (refused != null) {
            refused.forEach(of.ctx.out()::println);
        }
        return refused != null;
    }

    private List<Rule> sorted(List<Rule> rules) {
        if (!of.criteria.isEmpty()) {
            List<Rule> sorted = new ArrayList<>(rules);
            sorted.sort(this::compareFlows); // a stable sort, as the tie-break on the array index makes qsort
            return sorted;
        }
        return rules;
    }

    int dumpFlows(Ofproto br, String text) {
        FlowMod q = request(br, text);
        boolean plain = of.stats && of.criteria.isEmpty() && !of.names; // ofctl_dump_flows(): else the flows alone, no header
        List<String> refused = plain ? null
                : FlowStatsFormat.statsRequestError(q, of.version, false, replyXid(!text.isBlank()));
        if (refused != null) { // vconn_dump_flows()'s recv_flow_stats_reply(): an OFPT_ERROR is no flow of.stats reply
            of.log("vconn|WARN|received bad reply: " + String.join("\n", refused));
            return of.fail("dump flows (Protocol error)");
        } else if (plain && refusedRequest(q, false, text)) {
            return 0;
        }
        br.tlv.normalise(q.match()); // the switch's nx_pull_match() of the request through its TLV map
        List<Rule> reply = br.tables.collect(q, false); // the switch's reply, in its order
        List<Rule> rules = sorted(reply);
        PortMap pm = of.names ? of.portMap(br) : PortMap.NONE;
        if (!plain) { // vconn_dump_flows(): the reply decoded whole, or refused, before anything is printed
            FlowStatsFormat.ReplyDecode decoded = FlowStatsFormat.decodeReply(reply, of.version); // before sorting
            for (String l : decoded.log()) {
                of.log(l);
            }
            if (decoded.error() != null) {
                return of.fail(decoded.error());
            }
        } else { // ofp_print(): decoding the reply logs before ovs-ofctl prints it
            FlowStatsFormat.PlainReply plainReply = FlowStatsFormat.plainReply(rules, of.version,
                    replyXid(!text.isBlank()), of.ctx.now());
            for (String l : plainReply.log()) {
                of.log(l);
            }
            StringBuilder o = new StringBuilder(replyHeader("FLOW", !text.isBlank()));
            for (Rule r : rules.subList(0, plainReply.printed())) {
                o.append("\n ").append(FlowStatsFormat.format(r, of.version, of.stats, pm, of.ctx.now(), plain, nxmDump()));
            }
            if (plainReply.error() != null) { // ofp_to_string(): the error after what printed, the reply in hex
                o.append(plainReply.printed() > 0 ? "\n" : " ").append("***decode error: ")
                        .append(plainReply.error()).append("***");
                if (plainReply.hexDump() != null) {
                    o.append('\n').append(plainReply.hexDump(), 0, plainReply.hexDump().length() - 1);
                }
            }
            of.ctx.out().println(o);
            return 0;
        }
        for (Rule r : rules) {
            of.ctx.out().println(" " + FlowStatsFormat.format(r, of.version, of.stats, pm, of.ctx.now(), plain, nxmDump()));
        }
        return 0;
    }

    String replyHeader(String what, boolean filtered) {
        String xid = "(xid=0x" + Integer.toHexString(replyXid(filtered)) + "):";
        if (of.version == OfVersion.OF10) {
            return (nxmDump() ? "NXST_" : "OFPST_") + what + " reply " + xid;
        }
        return "OFPST_" + what + " reply (" + of.version.shortName + ") " + xid;
    }

    // the request's xid: the flow format and of.version negotiation took the ones before it, and for a match
    // prepare_dump_flows()' port and table maps (not fetched under --no-of.names, should_accept_names())
    int replyXid(boolean filtered) {
        filtered &= of.acceptNames;
        return of.version == OfVersion.OF10 && nxmDump() ? (filtered ? 8 : 4) : (filtered ? 6 : 2);
    }

    // set_protocol_for_flow_dump(): an OpenFlow 1.0 dump prefers NXM (set with a request first) where -F allows it
    boolean nxmDump() {
        return of.version != OfVersion.OF10 || FlowMod.dumpsAsNxm(of.flowFormats);
    }

    int dumpAggregate(Ofproto br, String text) {
        long packets = 0, bytes = 0;
        FlowMod q = request(br, text);
        if (refusedRequest(q, true, text)) {
            return 0;
        }
        br.tlv.normalise(q.match());
        List<Rule> rules = br.tables.collect(q, false);
        for (Rule r : rules) {
            packets += r.packets();
            bytes += r.bytes();
        }
        of.ctx.out().println(replyHeader("AGGREGATE", !text.isBlank()) + " packet_count=" + packets + " byte_count="
                + bytes + " flow_count=" + rules.size());
        return 0;
    }
}
