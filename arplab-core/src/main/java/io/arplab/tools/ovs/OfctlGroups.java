package io.arplab.tools.ovs;

import io.arplab.flow.FlowMod;
import io.arplab.flow.FlowParseException;
import io.arplab.flow.FlowParser;
import io.arplab.flow.FlowStatsFormat;
import io.arplab.flow.Group;
import io.arplab.flow.Meter;
import io.arplab.flow.Ofproto;
import io.arplab.flow.OfVersion;
import io.arplab.flow.PacketOut;
import io.arplab.flow.PortMap;
import io.arplab.flow.Ports;
import java.util.ArrayList;
import java.util.List;

/**
 * ovs-ofctl's group, meter and bundle commands (utilities/ovs-ofctl.c over lib/ofp-group.c, lib/ofp-meter.c and
 * lib/ofp-bundle.c): add/mod/del-groups, insert/remove-buckets, dump-groups and their stats and features, the meter
 * commands, and --bundle with the bundle command.
 */
final class OfctlGroups {
    private final OvsOfctl of;

    OfctlGroups(OvsOfctl of) {
        this.of = of;
    }

    // ofctl_group_mod(): the group_mod parsed first
    int groupMods(Ofproto br, List<String> texts, Group.Command command) {
        List<Group.Mod> mods = new ArrayList<>();
        for (String t : texts) {
            mods.add(parseGroup(br, t, command));
        }
        return groupMods(br, mods);
    }

    // ofctl_group_mod__(): sent in the protocol they all allow; the switch's error ends the run (transact_noreply())
    int groupMods(Ofproto br, List<Group.Mod> mods) {
        int usable = FlowMod.P_ANY;
        for (Group.Mod m : mods) {
            usable &= m.usable();
        }
        if (of.bundle) {
            usable &= FlowMod.P_OF13_UP; // bundle_group_mod__(): bundles need OpenFlow 1.3+
        }
        String unusable = FlowMod.usableError(usable, false, of.version); // open_vconn_for_flow_mod()
        if (unusable != null) {
            return of.fail(unusable);
        }
        if (of.bundle) {
            List<Ofproto.BundleEntry> entries = new ArrayList<>();
            for (Group.Mod m : mods) {
                if (unencodable(m)) {
                    return 1;
                }
                entries.add(new Ofproto.BundleEntry(null, m, null, false));
            }
            return bundleTransact(br, entries);
        }
        for (int i = 0; i < mods.size(); i++) {
            Group.Mod m = mods.get(i);
            if (unencodable(m)) {
                return 1;
            }
            String error = br.groupMod(m, of.version, of.ctx.now());
            if (error != null) {
                // ofp_print() of the error decodes the group_mod it carries first (ofputil_pull_ofp11_buckets()):
                // its buckets' deprecations are logged before the error prints
                for (String l : m.decodeLog(of.version)) {
                    of.log(l);
                }
                int xid = 6 + 2 * i; // ofctl_group_mod__(): transact_noreply() of each, a barrier after each
                of.ctx.err().println(of.ofpHeader("OFPT_ERROR", xid) + error);
                m.print(of.version, xid, PortMap.NONE).forEach(of.ctx.err()::println);
                return 1;
            }
        }
        return 0;
    }

    // ofputil_encode_group_mod(): bad_group_cmd() of a bucket command in OpenFlow 1.1 to 1.4, fatal
    boolean unencodable(Group.Mod m) {
        if (m.bucketCommand() && of.version.atLeast(OfVersion.OF11) && !of.version.atLeast(OfVersion.OF15)) {
            of.fail((m.command() == Group.Command.INSERT_BUCKET ? "insert-bucket" : "remove-bucket")
                    + " needs OpenFlow 1.5 or later ('-O OpenFlow15')");
            return true;
        }
        return false;
    }

    // parse_options() with --bundle, ofctl_bundle(): without an OpenFlow 1.3+ version enabled, 1.4 is, and the
    // versions without bundles are not
    void bundleVersions() {
        if (of.allowed.stream().noneMatch(v -> v.atLeast(OfVersion.OF13))) {
            of.allowed = java.util.EnumSet.of(OfVersion.OF14);
        }
    }

    /**
     * ofctl_bundle(): a file of "flow", "group" and "packet-out" lines (parse_ofp_bundle_file(): the first word a
     * prefix of one of them, then the message as its own command parses it, "FILE:LINE: error" else), sent in one
     * bundle.
     */
    int bundleFile(Ofproto br, String file) {
        OvsOfctl.FlowLines lines = of.flowLines(file);
        if (lines == null) {
            return of.fail(file + ": open failed (No such file or directory)");
        }
        List<Ofproto.BundleEntry> entries = new ArrayList<>();
        int usable = FlowMod.P_ANY;
        for (int i = 0; i < lines.flows().size(); i++) {
            String t = lines.flows().get(i);
            int n = lines.numbers().get(i) - 1;
            int len = 0;
            while (len < t.length() && ", \t\r\n".indexOf(t.charAt(len)) < 0) {
                len++;
            }
            String word = t.substring(0, len), body = t.substring(len);
            try {
                if ("flow".startsWith(word)) {
                    FlowMod fm = FlowParser.parseFileLine(body, of.portMap(br));
                    usable &= fm.usable();
                    entries.add(new Ofproto.BundleEntry(fm, null, null, false));
                } else if ("group".startsWith(word)) {
                    Group.Mod m = groupFileLine(br, body);
                    usable &= m.usable();
                    entries.add(new Ofproto.BundleEntry(null, m, null, false));
                } else if ("packet-out".startsWith(word)) {
                    PacketOut po = PacketOut.parse(body, of.portMap(br));
                    usable &= po.usable();
                    entries.add(new Ofproto.BundleEntry(null, null, po, false));
                } else {
                    return of.fail(file + ":" + (n + 1) + ": Unsupported bundle message type: " + word);
                }
            } catch (FlowParseException e) {
                return of.fail(file + ":" + (n + 1) + ": " + e.getMessage());
            }
        }
        usable &= FlowMod.P_OF13_UP; // bundles need OpenFlow 1.3+
        String unusable = FlowMod.usableError(usable, false, of.version);
        if (unusable != null) {
            return of.fail(unusable);
        }
        for (Ofproto.BundleEntry e : entries) {
            if (e.gm() != null && unencodable(e.gm())) {
                return 1;
            }
        }
        return bundleTransact(br, entries);
    }

    /**
     * bundle_transact(): vconn_bundle_transact() opens a bundle, adds each message (xids from 6 in order; one the
     * switch refuses, handle_bundle_add(), is left out with its error), commits it if none was refused, else
     * discards it; bundle_print_errors() prints each error with the message it names, a failed commit's with the
     * commit request, and a failure is fatal.
     */
    int bundleTransact(Ofproto br, List<Ofproto.BundleEntry> entries) {
        boolean refused = false;
        for (int i = 0; i < entries.size(); i++) {
            String error = br.bundleAdd(entries.get(i), of.version);
            if (error != null) {
                bundleError(entries.get(i), 6 + i, error);
                refused = true;
            }
        }
        if (!refused) {
            Ofproto.BundleFailure failed = br.bundleCommit(entries, of.version, of.ctx.now());
            if (failed == null) {
                return 0;
            }
            int i = failed.index();
            bundleError(entries.get(i), 6 + i, failed.error());
            // the open request, the barrier, then the commit: ONF's extension in OpenFlow 1.3
            of.ctx.err().println("Error OFPBFC_MSG_FAILED for: " + (of.version == OfVersion.OF13 ? "ONFT" : "OFPT")
                    + "_BUNDLE_CONTROL (" + of.version.shortName + ") (xid=0x" + Integer.toHexString(6 + entries.size()
                    + 2) + "):");
            of.ctx.err().println(" bundle_id=0 type=COMMIT_REQUEST flags=atomic ordered");
        }
        return of.fail("talking to unix:/var/run/openvswitch/" + br.name + ".mgmt (Protocol error)");
    }

    // bundle_print_errors(): "Error NAME for: ", then ofp_print() of the message, whose decoding logs first
    void bundleError(Ofproto.BundleEntry e, int xid, String error) {
        List<String> msg;
        of.ctx.err().print("Error " + error + " for: ");
        List<String> log = e.fm() != null ? FlowStatsFormat.flowModErrorLog(e.fm(), of.version, error)
                : e.gm() != null ? e.gm().decodeLog(of.version) : List.of();
        for (String l : log) {
            of.ctx.err().println(OvsTools.log(of.ctx, of.logSeq++, l));
        }
        if (e.fm() != null) {
            List<String> lines = FlowStatsFormat.flowModError(e.fm(), of.version, error, xid, e.fm().table() != 255);
            msg = lines.subList(1, lines.size());
        } else if (e.gm() != null) {
            msg = e.gm().print(of.version, xid, PortMap.NONE);
        } else {
            List<String> echo = e.po().format(of.version, PortMap.NONE);
            msg = new ArrayList<>(List.of("OFPT_PACKET_OUT (" + of.version.shortName + ") (xid=0x"
                    + Integer.toHexString(xid) + "):" + echo.get(0)));
            msg.addAll(echo.subList(1, echo.size()));
        }
        msg.forEach(of.ctx.err()::println);
    }

    // parse_ofp_group_mod_str__() with command -2: the line may begin with its command
    Group.Mod groupFileLine(Ofproto br, String line) {
        String t = line.strip();
        Group.Command c = Group.Command.ADD;
        int len = 0;
        while (len < t.length() && ", \t".indexOf(t.charAt(len)) < 0) {
            len++;
        }
        String first = t.substring(0, len);
        for (String[] word : new String[][] {{"add", "ADD"}, {"delete", "DELETE"}, {"modify", "MODIFY"},
            {"add_or_mod", "ADD_OR_MOD"}, {"insert_bucket", "INSERT_BUCKET"}, {"remove_bucket", "REMOVE_BUCKET"}}) {
            if (!first.isEmpty() && word[0].startsWith(first)) {
                c = Group.Command.valueOf(word[1]);
                t = t.substring(len);
                break;
            }
        }
        return parseGroup(br, t.trim(), c);
    }

    // parse_ofp_group_mod_str(): the port warnings of its buckets logged as met, before any error
    Group.Mod parseGroup(Ofproto br, String text, Group.Command command) {
        List<String> log = new ArrayList<>();
        try {
            return Ports.collecting(log, () -> Group.parse(text, command, of.portMap(br)));
        } finally {
            for (String l : log) {
                of.log(l);
            }
        }
    }

    // ofctl_group_mod_file(): a line may begin with its command (parse_ofp_group_mod_str__ with command -2)
    int addGroups(Ofproto br, String file) {
        OvsOfctl.FlowLines lines = of.flowLines(file);
        if (lines == null) {
            return of.fail(file + ": open failed (No such file or directory)");
        }
        List<Group.Mod> mods = new ArrayList<>();
        for (int i = 0; i < lines.flows().size(); i++) { // parse_ofp_group_mod_file(): every line parsed, then sent
            try {
                mods.add(groupFileLine(br, lines.flows().get(i)));
            } catch (FlowParseException e) {
                return of.fail(file + ":" + lines.numbers().get(i) + ": " + e.getMessage());
            }
        }
        return groupMods(br, mods);
    }

    // ofctl_meter_mod__(): meters need OpenFlow 1.3 or later
    // parse_ofp_meter_mod_str() of a meter command's argument: null for a command of no meter; del-meters and the
    // requests without one take every meter
    static Meter.Mod meterArg(String cmd, String text) {
        Meter.Command command = switch (cmd) {
            case "add-meter" -> Meter.Command.ADD;
            case "mod-meter" -> Meter.Command.MODIFY;
            case "del-meter", "del-meters" -> Meter.Command.DELETE;
            case "dump-meter", "dump-meters", "meter-stats" -> null;
            default -> Meter.Command.ADD; // no meter argument
        };
        if (command == Meter.Command.ADD && !cmd.equals("add-meter")) {
            return null;
        }
        return text == null ? new Meter.Mod(command, Meter.ALL, 0, List.of()) : Meter.parse(text, command);
    }

    int meterMod(Ofproto br, Meter.Mod m) {
        Meter.Command command = m.command();
        if (!meterVersion()) {
            return 1;
        }
        String error = br.meterMod(m, of.ctx.now());
        if (error != null) {
            of.ctx.err().println(of.ofpHeader("OFPT_ERROR", 2) + error);
            if (m.decodeError() != null) { // ofp_print() of a request ofputil_decode_meter_mod() refuses
                of.ctx.err().println(of.ofpHeader("OFPT_METER_MOD", 2) + "***decode error: " + m.decodeError() + "***");
                of.ctx.err().print(m.hexDump(of.version, 2));
                return 1;
            }
            of.ctx.err().print(of.ofpHeader("OFPT_METER_MOD", 2)
                    + (command == Meter.Command.ADD ? "ADD " : command == Meter.Command.MODIFY ? "MOD " : "DEL ")
                    + m.format() + "\n");
            return 1;
        }
        return 0;
    }

    // open_vconn_for_flow_mod() with OFPUTIL_P_OF13_UP: the allowed protocols (-F's, narrowed to -O's versions) named
    // by ofputil_protocols_to_string() when none is OpenFlow 1.3 or later
    boolean meterVersion() {
        String e = FlowMod.usableAmongAllowed(FlowMod.P_OF13_UP, false, of.flowFormats);
        if (e == null && of.version.atLeast(OfVersion.OF13)) {
            return true;
        }
        of.fail(e != null ? e : "none of the usable flow formats (OXM-OpenFlow13,OXM-OpenFlow14,OXM-OpenFlow15) is"
                + " among the allowed flow formats (" + (of.version == OfVersion.OF10 ? "OpenFlow10,NXM" : "OpenFlow11")
                + ")");
        return false;
    }

    // ofctl_meter_request__(): dump-meters, meter-stats, meter-features (the userspace datapath's features)
    int meterRequest(Ofproto br, String cmd, long id) {
        if (!meterVersion()) {
            return 1;
        }
        String v = " (" + of.version.shortName + ") (xid=0x2):";
        if (cmd.equals("meter-features")) {
            of.ctx.out().print("OFPST_METER_FEATURES reply" + v + "\nmax_meter:262144 max_bands:8 max_color:0\n"
                    + "band_types: drop\ncapabilities: kbps pktps burst stats\n");
            return 0;
        }
        boolean config = cmd.startsWith("dump-meter");
        if (id != Meter.ALL && !br.meters.containsKey(id)) {
            // dump_transaction(): an error reply is printed (to stdout) as any reply, and ends the dump
            of.ctx.out().println("OFPT_ERROR" + v + " OFPMMFC_UNKNOWN_METER");
            of.ctx.out().println((config ? "OFPST_METER_CONFIG" : "OFPST_METER") + " request" + v + " meter=" + id);
            return 0;
        }
        StringBuilder o = new StringBuilder(config ? "OFPST_METER_CONFIG reply" : "OFPST_METER reply").append(v);
        for (Meter m : br.metersInOrder()) {
            if (id == Meter.ALL || m.id == id) {
                o.append('\n').append(config ? m.config() : m.stats(of.ctx.now(), br.meterFlows(m.id)));
            }
        }
        String s = o.toString();
        of.ctx.out().print(s.endsWith("\n") ? s : s + "\n");
        return 0;
    }

    // ofctl_dump_group_desc(): only OpenFlow 1.0 (Nicira) and 1.5 requests carry a group id
    int dumpGroups(Ofproto br, String group) {
        long id = Group.ALL;
        if (group != null) {
            long parsed = Group.idFromString(group);
            if (parsed < 0) {
                of.ctx.err().println(OvsTools.log(of.ctx, of.logSeq++, Group.badIdLog(group)));
            } else if (!of.version.atLeast(OfVersion.OF11) || of.version.atLeast(OfVersion.OF15)) {
                id = parsed;
            }
        }
        List<Group> shown = new ArrayList<>();
        for (Group g : br.groups.values()) {
            if (id == Group.ALL || id == Group.ANY || g.id == id) {
                shown.add(g);
                // ofputil_pull_ofp11_buckets(): decoding each bucket's actions logs their deprecations first
                for (String l : g.decodeLog(of.version)) {
                    of.log(l);
                }
            }
        }
        of.ctx.out().println(of.version == OfVersion.OF10 ? "NXST_GROUP_DESC reply (xid=0x2):"
                : "OFPST_GROUP_DESC reply (" + of.version.shortName + ") (xid=0x2):");
        PortMap pm = of.names ? of.portMap(br) : PortMap.NONE;
        for (Group g : shown) {
            of.ctx.out().println(" " + g.format(of.version, pm));
        }
        return 0;
    }

    // ofctl_dump_group_stats(): the argument is parsed as a del-groups group_mod
    int dumpGroupStats(Ofproto br, String text) {
        Group.Mod m = parseGroup(br, text, Group.Command.DELETE);
        of.ctx.out().println(of.version == OfVersion.OF10 ? "NXST_GROUP reply (xid=0x6):"
                : "OFPST_GROUP reply (" + of.version.shortName + ") (xid=0x6):");
        for (Group g : br.groups.values()) {
            if (m.id() == Group.ALL || g.id == m.id()) {
                of.ctx.out().println(" " + g.stats(of.ctx.now(), br.groupRefs(g.id),
                        of.version != OfVersion.OF11 && of.version != OfVersion.OF12));
            }
        }
        return 0;
    }

    /**
     * ofctl_dump_group_features(): ofproto's group features (every type, capabilities select-weight, select-liveness
     * and chaining, OFPG_MAX groups of each, every action) as ofputil_group_features_format() prints the reply: the
     * actions those the version's encoding carries (ofpact_bitmap_to_openflow()); a Nicira extension before
     * OpenFlow 1.2.
     */
    int dumpGroupFeatures() {
        String actions = switch (of.version) {
            case OF10 -> "output enqueue set_vlan_vid set_vlan_pcp strip_vlan mod_dl_src mod_dl_dst mod_nw_src"
                    + " mod_nw_dst mod_nw_tos mod_tp_src mod_tp_dst";
            case OF11 -> "output group set_vlan_vid set_vlan_pcp strip_vlan push_vlan mod_dl_src mod_dl_dst"
                    + " mod_nw_src mod_nw_dst mod_nw_tos mod_nw_ecn mod_nw_ttl mod_tp_src mod_tp_dst dec_ttl"
                    + " set_mpls_label set_mpls_tc set_mpls_ttl dec_mpls_ttl push_mpls pop_mpls set_queue";
            default -> "output group set_field strip_vlan push_vlan mod_nw_ttl dec_ttl set_mpls_ttl dec_mpls_ttl"
                    + " push_mpls pop_mpls set_queue";
        };
        var o = of.ctx.out();
        o.println((of.version.atLeast(OfVersion.OF12) ? "OFPST" : "NXST") + "_GROUP_FEATURES reply" + of.versionTag()
                + " (xid=0x2):");
        o.println(" Group table:\n    Types:  0xf\n    Capabilities:  0x7");
        for (String type : List.of("all", "select", "indirect", "fast failover")) {
            o.println("    " + type + " group:\n       max_groups=0xffffff00\n       actions: " + actions);
        }
        return 0;
    }
}
