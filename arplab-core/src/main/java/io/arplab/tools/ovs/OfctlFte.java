package io.arplab.tools.ovs;

import io.arplab.flow.ActionCheckException;
import io.arplab.flow.FlowMod;
import io.arplab.flow.FlowParseException;
import io.arplab.flow.FlowParser;
import io.arplab.flow.FlowStatsFormat;
import io.arplab.flow.FlowTableEntries;
import io.arplab.flow.FlowTables;
import io.arplab.flow.MatchFormat;
import io.arplab.flow.Ofproto;
import io.arplab.flow.OfVersion;
import io.arplab.flow.PortMap;
import io.arplab.flow.Rule;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * ovs-ofctl's replace-flows and diff-flows (utilities/ovs-ofctl.c's struct fte, flow.FlowTableEntries): a file's flows
 * and a switch's side by side.
 */
final class OfctlFte {
    private final OvsOfctl of;

    OfctlFte(OvsOfctl of) {
        this.of = of;
    }

    /**
     * read_flows_from_file(): each line parsed as an add (parse_ofp_str(), no command words), a bad one fatal; the
     * versions go to {@code entries} as {@code index}; returns the protocols usable for all of them and whether one
     * names a table, or null when the file does not open (the error printed).
     */
    Usable readFlowsFromFile(String file, FlowTableEntries entries, int index, PortMap ports) {
        OvsOfctl.FlowLines lines = of.flowLines(file);
        if (lines == null) {
            of.fail(file + ": open (No such file or directory)");
            return null;
        }
        int usable = FlowMod.P_ANY;
        boolean tableId = false;
        for (int i = 0; i < lines.flows().size(); i++) {
            FlowMod fm;
            try {
                fm = FlowParser.parse(lines.flows().get(i), FlowMod.Command.ADD, ports);
            } catch (FlowParseException e) {
                throw new FlowParseException(file + ":" + lines.numbers().get(i) + ": " + e.getMessage(), e.log);
            } catch (ActionCheckException e) {
                throw new ActionCheckException(e.log, file + ":" + lines.numbers().get(i) + ": " + e.getMessage());
            }
            for (String l : fm.log()) {
                if (!l.startsWith("ofp_match|INFO|")) { // parse_ofp_str() normalizes no copy to log
                    of.log(l);
                }
            }
            usable &= fm.usable();
            tableId |= fm.table() != 255; // OFPUTIL_P_TID
            entries.insert(fm.parsed(), fm.priority(), FlowTableEntries.of(fm), index);
        }
        return new Usable(usable, tableId);
    }

    /** The protocols a file's flows allow, and whether one names a table (OpenFlow 1.0 then needs table_id). */
    record Usable(int protocols, boolean tableId) {}

    // read_flows_from_switch(): every flow of every table, as the dump in the session's version decodes it (a reply
    // it cannot decode is fatal, as vconn_dump_flows() has it); false when it failed, the error printed
    boolean readFlowsFromSwitch(Ofproto br, FlowTableEntries entries, int index) {
        List<Rule> rules = br.tables.all();
        FlowStatsFormat.ReplyDecode decoded = FlowStatsFormat.decodeReply(rules, of.version);
        decoded.log().forEach(of::log);
        if (decoded.error() != null) {
            of.fail(decoded.error());
            return false;
        }
        for (Rule r : rules) {
            entries.insert(MatchFormat.onWire(r.match, of.version), r.priority, FlowTableEntries.of(r, of.version), index);
        }
        return true;
    }

    /**
     * ofctl_replace_flows(): the file's flows against the switch's, table by table: a strict delete of each flow
     * only the switch has, then an add of each flow of the file the switch lacks or has otherwise (every one with
     * --readd); the switch's first error ends the run.
     */
    int replaceFlows(Ofproto br, String file) {
        FlowTableEntries entries = new FlowTableEntries();
        Usable read = readFlowsFromFile(file, entries, 0, of.portMap(br));
        if (read == null) {
            return 1;
        }
        String unusable = FlowMod.dumpUsableError(read.protocols(), read.tableId(), of.version, of.allowed, of.flowFormats);
        if (unusable != null) {
            return of.fail(unusable);
        }
        int usable = read.protocols();
        if (!readFlowsFromSwitch(br, entries, 1)) {
            return 1;
        }
        // set_protocol_for_flow_dump()'s protocol carries the flow_mods too (fte_make_flow_mod()): in OpenFlow 1.0
        // NXM where allowed, set by NXT_SET_FLOW_FORMAT and a barrier before the dump request
        boolean nxm = of.version == OfVersion.OF10 && (usable & FlowMod.P_NXM) != 0
                && FlowMod.dumpsAsNxm(of.flowFormats);
        if (of.version == OfVersion.OF10) {
            usable &= nxm ? FlowMod.P_NXM : FlowMod.P_OF10;
        }
        List<FlowTableEntries.Entry> all = entries.entries();
        List<FlowMod> mods = new ArrayList<>();
        for (int t = 0; t < FlowTables.N_TABLES; t++) {
            for (FlowTableEntries.Entry e : all) {
                if (e.table() == t && e.version(1) != null && e.version(0) == null) {
                    mods.add(FlowTableEntries.flowMod(e, 1, FlowMod.Command.DELETE_STRICT, usable & of.flowFormats,
                            of.version.atLeast(OfVersion.OF11)));
                }
            }
            for (FlowTableEntries.Entry e : all) {
                FlowTableEntries.Version f = e.version(0), sw = e.version(1);
                if (e.table() == t && f != null && (of.readd || sw == null || !FlowTableEntries.same(sw, f))) {
                    mods.add(FlowTableEntries.flowMod(e, 0, FlowMod.Command.ADD, usable & of.flowFormats,
                            of.version.atLeast(OfVersion.OF11)));
                }
            }
        }
        if (of.bundle) { // bundle_transact(): all of them or none
            List<Ofproto.BundleEntry> bundled = new ArrayList<>();
            for (FlowMod fm : mods) {
                bundled.add(new Ofproto.BundleEntry(fm, null, null, false));
            }
            return of.groups.bundleTransact(br, bundled);
        }
        for (FlowMod fm : mods) {
            String error = br.flowMod(fm, of.version, of.ctx.now());
            if (error != null) { // transact_multiple_noreply(): the first error, with the request it refused
                for (String l : FlowStatsFormat.flowModErrorLog(fm, of.version, error)) {
                    of.log(l);
                }
                // transact_multiple_noreply(): the flow_mods' xids in turn, after the dump request's
                int xid = 7 + (nxm ? 2 : 0) + mods.indexOf(fm);
                FlowStatsFormat.flowModError(fm, of.version, error, xid, !nxm && fm.table() != 0)
                        .forEach(of.ctx.err()::println);
                return 1;
            }
        }
        return 0;
    }

    /**
     * ofctl_diff_flows(): the flows of two sources (read_flows_from_source(): a file when the name starts with '/' or
     * '.', or has no ':' and names an existing file; else a switch), each entry that differs as "-" its first
     * version and "+" its second; exit status 2 when any differs. A switch's port names show with --names, and a
     * file read after a switch may name its ports; no table names (fte_state's table_map stays NULL).
     */
    int diffFlows(String a, String b) {
        FlowTableEntries entries = new FlowTableEntries();
        PortMap ports = null;
        String[] sources = {a, b};
        for (int i = 0; i < 2; i++) {
            String source = sources[i];
            boolean isFile = source.startsWith("/") || source.startsWith(".")
                    || source.indexOf(':') < 0 && Files.exists(of.ctx.workDir().resolve(source));
            if (isFile) {
                if (readFlowsFromFile(source, entries, i, ports != null ? ports : PortMap.NONE) == null) {
                    return 1;
                }
                continue;
            }
            Ofproto br = OvsTools.ofproto(of.ctx, source);
            if (br == null) {
                return of.fail(source.isEmpty() ? ": failed to open socket (Connection refused)"
                        : source + " is not a bridge or a socket");
            }
            if (!of.connect(br)) {
                return 1;
            }
            if (!readFlowsFromSwitch(br, entries, i)) {
                return 1;
            }
            if (ports == null && of.names) {
                ports = of.portMap(br, false); // ports_to_show()
            }
        }
        PortMap shown = ports != null ? ports : PortMap.NONE;
        boolean differences = false;
        StringBuilder out = new StringBuilder();
        for (FlowTableEntries.Entry e : entries.entries()) {
            FlowTableEntries.Version x = e.version(0), y = e.version(1);
            if (x == null || y == null || !FlowTableEntries.same(x, y)) {
                if (x != null) {
                    out.append('-').append(FlowTableEntries.format(e, 0, shown)).append('\n');
                }
                if (y != null) {
                    out.append('+').append(FlowTableEntries.format(e, 1, shown)).append('\n');
                }
                differences = true;
            }
        }
        of.ctx.out().print(out);
        return differences ? 2 : 0;
    }
}
