package io.arplab.tools.ovs;

import io.arplab.flow.ActionCheckException;
import io.arplab.flow.ActionParser;
import io.arplab.flow.FlowMod;
import io.arplab.flow.FlowParseException;
import io.arplab.flow.FlowParser;
import io.arplab.flow.Group;
import io.arplab.flow.OfVersion;
import io.arplab.flow.PacketOut;
import io.arplab.flow.PortMap;
import io.arplab.flow.Ports;
import java.util.ArrayList;
import java.util.List;

/**
 * What ovs-ofctl parses without a switch (utilities/ovs-ofctl.c): a command's flows, groups and packet-outs before it
 * connects (with no port names, so that a bad one fails first), and the offline commands parse-flow, parse-flows and
 * parse-group, which print the protocols a flow_mod or group_mod allows and the message encoded in the one chosen.
 */
final class OfctlParse {
    private final OvsOfctl of;

    OfctlParse(OvsOfctl of) {
        this.of = of;
    }

    /**
     * What the flow, group and packet-out commands parse before they connect (parse_ofp_flow_mod_str(),
     * prepare_dump_flows(), parse_ofp_group_mod_str(), parse_ofp_packet_out_str(), ofctl_packet_out()'s old
     * syntax, and the files of add-flows and add-groups), with no port names: the error, its log printed, or null.
     */
    String parseUnconnected(String cmd, List<String> rest) {
        String arg = rest.size() > 1 ? rest.get(1) : "";
        List<String> log = new ArrayList<>();
        try {
            Object parsed = Ports.collecting(log, () -> switch (cmd) {
                case "add-flow" -> FlowParser.parse(arg, FlowMod.Command.ADD, PortMap.NONE);
                case "mod-flows" -> FlowParser.parse(arg, of.strict ? FlowMod.Command.MODIFY_STRICT
                        : FlowMod.Command.MODIFY, PortMap.NONE);
                case "del-flows" -> FlowParser.parse(arg, of.strict ? FlowMod.Command.DELETE_STRICT
                        : FlowMod.Command.DELETE, PortMap.NONE);
                case "dump-flows", "dump-aggregate" -> arg.isEmpty() ? null
                        : FlowParser.parse(arg, FlowMod.Command.QUERY, PortMap.NONE);
                case "packet-out" -> rest.size() == 2 ? PacketOut.parse(arg, PortMap.NONE)
                        : ActionParser.parseActions(rest.get(2), PortMap.NONE);
                // ofctl_group_mod(), ofctl_dump_group_stats(): parse_ofp_group_mod_str() before open_vconn()
                case "add-group" -> Group.parse(arg, Group.Command.ADD, PortMap.NONE);
                case "mod-group" -> Group.parse(arg, of.mayCreate ? Group.Command.ADD_OR_MOD : Group.Command.MODIFY,
                        PortMap.NONE);
                case "del-groups", "dump-group-stats" -> Group.parse(arg, Group.Command.DELETE, PortMap.NONE);
                case "insert-buckets" -> Group.parse(arg, Group.Command.INSERT_BUCKET, PortMap.NONE);
                case "remove-buckets" -> Group.parse(arg, Group.Command.REMOVE_BUCKET, PortMap.NONE);
                case "add-flows", "add-groups" -> parseFile(cmd, arg, log);
                default -> null;
            });
            if (parsed instanceof FlowMod fm) {
                log.addAll(fm.log());
            }
            // open_vconn_for_flow_mod() refuses a flow_mod no of.allowed protocol carries before it connects
            OfctlFte.Usable usable = parsed instanceof OfctlFte.Usable u ? u
                    : parsed instanceof FlowMod fm && List.of("add-flow", "mod-flows", "del-flows").contains(cmd)
                    ? new OfctlFte.Usable(fm.usable(), fm.table() != 255) : null;
            if (usable != null) {
                String unusable = unusable(usable.protocols(), usable.tableId());
                if (unusable != null) {
                    return unusable;
                }
            }
            if (cmd.equals("packet-out") && rest.size() > 3 && Ports.parse(rest.get(1), PortMap.NONE, log) < 0) {
                return rest.get(0) + ": unknown port `" + rest.get(1) + "'"; // str_to_port_no()
            }
            return null;
        } catch (FlowParseException e) {
            log.addAll(e.log);
            return e.getMessage();
        } catch (ActionCheckException e) {
            log.addAll(e.log);
            return e.getMessage();
        } finally {
            of.flushLog(log);
        }
    }

    /**
     * ofctl_parse_flow(), ofctl_parse_flows(): the flow or the file's flows parsed as add-flow and add-flows parse
     * them (no port names), then ofctl_parse_flows__(): the protocols they allow, the lowest one ovs-ofctl allows,
     * and each flow_mod encoded with it and printed back (ofputil_encode_flow_mod(), ofp_print()).
     */
    int parseFlows(String cmd, String arg) {
        List<String> log = new ArrayList<>();
        List<FlowMod> fms = new ArrayList<>();
        try {
            if (cmd.equals("parse-flow")) {
                FlowMod fm = Ports.collecting(log, () -> FlowParser.parse(arg, FlowMod.Command.ADD, PortMap.NONE));
                log.addAll(fm.log());
                fms.add(fm);
            } else {
                OvsOfctl.FlowLines lines = of.flowLines(arg);
                if (lines == null) {
                    return of.fail(arg + ": open failed (No such file or directory)");
                }
                for (int i = 0; i < lines.flows().size(); i++) {
                    String line = lines.flows().get(i);
                    try {
                        // parse_ofp_flow_mod_file() with OFPFC_ADD: no add/modify/delete keywords (add-flows' -2)
                        FlowMod fm = Ports.collecting(log, () -> FlowParser.parse(line, FlowMod.Command.ADD,
                                PortMap.NONE));
                        log.addAll(fm.log());
                        fms.add(fm);
                    } catch (FlowParseException e) {
                        throw new FlowParseException(arg + ":" + lines.numbers().get(i) + ": " + e.getMessage(),
                                e.log);
                    } catch (ActionCheckException e) {
                        throw new ActionCheckException(e.log, arg + ":" + lines.numbers().get(i) + ": "
                                + e.getMessage());
                    }
                }
            }
        } catch (FlowParseException e) {
            log.addAll(e.log);
            of.flushLog(log);
            return of.fail(e.getMessage());
        } catch (ActionCheckException e) {
            log.addAll(e.log);
            of.flushLog(log);
            return of.fail(e.getMessage());
        }
        of.flushLog(log);
        int usable = FlowMod.P_ANY;
        boolean tid = false;
        for (FlowMod fm : fms) {
            usable &= fm.usable();
            tid |= fm.table() != 255;
        }
        int allowedProtocols = 0;
        for (OfVersion v : of.allowed) {
            allowedProtocols |= (OvsOfctl.protocolsOf(v) | FlowMod.F_VARIANTS) & of.flowFormats;
        }
        int chosen = FlowMod.chosenProtocol(usable, tid, allowedProtocols);
        if (chosen < 0) { // ovs_fatal(): stderr's line first, stdout (a file's, fully buffered) flushed at exit
            of.fail("no usable protocol");
            of.ctx.out().println("usable protocols: " + FlowMod.protocolsString(usable, tid));
            return 1;
        }
        of.ctx.out().println("usable protocols: " + FlowMod.protocolsString(usable, tid));
        of.ctx.out().println("chosen protocol: " + FlowMod.protocolName(chosen));
        OfVersion v = chosen < 4 ? OfVersion.OF10 : OfVersion.values()[chosen - 3];
        boolean nxm = chosen == 2 || chosen == 3;
        for (int i = 0; i < fms.size(); i++) {
            FlowMod fm = chosen < 4 ? fms.get(i).withUsable(nxm ? FlowMod.P_NXM : FlowMod.P_OF10) : fms.get(i);
            of.ctx.out().println((nxm ? "NXT_FLOW_MOD" : "OFPT_FLOW_MOD") + (v == OfVersion.OF10 ? "" : " ("
                    + v.shortName + ")") + " (xid=0x" + Integer.toHexString(i + 1) + "): "
                    + io.arplab.flow.FlowStatsFormat.flowMod(fm, v, chosen == 1 || chosen == 3 || chosen >= 4));
        }
        return 0;
    }

    /**
     * ofctl_parse_group(): the group parsed as add-group parses it (no port names), the protocols it allows, the
     * version of the lowest one ovs-ofctl allows (`chosen version:`), and the group_mod encoded in it and printed.
     */
    int parseGroup(String arg) {
        List<String> log = new ArrayList<>();
        Group.Mod gm;
        try {
            gm = Ports.collecting(log, () -> Group.parse(arg, Group.Command.ADD, PortMap.NONE));
        } catch (FlowParseException e) {
            log.addAll(e.log);
            of.flushLog(log);
            return of.fail(e.getMessage());
        }
        of.flushLog(log);
        int allowedProtocols = 0;
        for (OfVersion v : of.allowed) {
            allowedProtocols |= (OvsOfctl.protocolsOf(v) | FlowMod.F_VARIANTS) & of.flowFormats;
        }
        int chosen = FlowMod.chosenProtocol(gm.usable(), false, allowedProtocols);
        if (chosen < 0) { // ovs_fatal(): stderr's line first, stdout (a file's, fully buffered) flushed at exit
            of.fail("no usable protocol");
            of.ctx.out().println("usable protocols: " + FlowMod.protocolsString(gm.usable()));
            return 1;
        }
        of.ctx.out().println("usable protocols: " + FlowMod.protocolsString(gm.usable()));
        OfVersion v = chosen < 4 ? OfVersion.OF10 : OfVersion.values()[chosen - 3];
        of.ctx.out().println("chosen version: " + v.protocolName);
        gm.print(v, 1, PortMap.NONE).forEach(of.ctx.out()::println);
        return 0;
    }

    // parse_ofp_flow_mod_file(), parse_ofp_group_mod_file(): every line of the file, each one's log kept in turn
    // (add-flows: the protocols its flow_mods allow)
    private Object parseFile(String cmd, String file, List<String> log) {
        OvsOfctl.FlowLines lines = of.flowLines(file);
        if (lines == null) {
            throw new FlowParseException(file + ": open failed (No such file or directory)");
        }
        int usable = FlowMod.P_ANY;
        boolean tableId = false;
        for (int i = 0; i < lines.flows().size(); i++) {
            String where = file + ":" + lines.numbers().get(i) + ": ";
            try {
                if (cmd.equals("add-flows")) {
                    FlowMod fm = FlowParser.parseFileLine(lines.flows().get(i), PortMap.NONE);
                    log.addAll(fm.log());
                    usable &= fm.usable();
                    tableId |= fm.table() != 255;
                } else {
                    of.groups.groupFileLine(null, lines.flows().get(i));
                }
            } catch (FlowParseException e) {
                throw new FlowParseException(where + e.getMessage(), e.log);
            } catch (ActionCheckException e) {
                throw new ActionCheckException(e.log, where + e.getMessage());
            }
        }
        return cmd.equals("add-flows") ? new OfctlFte.Usable(usable, tableId) : null;
    }

    // open_vconn_for_flow_mod()'s refusal, before it connects, of flow_mods no of.allowed protocol (-F's, narrowed to
    // the of.allowed versions') carries; bundle_flow_mod__() asks OpenFlow 1.3 or later of --bundle's first. Or null
    private String unusable(int usable, boolean tableId) {
        return FlowMod.usableAmongAllowed(of.bundle ? usable & FlowMod.P_OF13_UP : usable, tableId, of.flowFormats);
    }
}
