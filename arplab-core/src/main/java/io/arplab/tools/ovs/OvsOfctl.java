package io.arplab.tools.ovs;

import io.arplab.device.OvsBridge;
import io.arplab.flow.ActionCheckException;
import io.arplab.flow.FlowMod;
import io.arplab.flow.FlowParseException;
import io.arplab.flow.FlowTableEntries;
import io.arplab.flow.FlowTables;
import io.arplab.flow.Field;
import io.arplab.flow.Group;
import io.arplab.flow.Meter;
import io.arplab.flow.Ofproto;
import io.arplab.flow.OfVersion;
import io.arplab.flow.PortMap;
import io.arplab.flow.Ports;
import io.arplab.stack.Errno;
import io.arplab.tools.Tool;
import io.arplab.tools.ToolContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** ovs-ofctl of Open vSwitch 3.1 (utilities/ovs-ofctl.c), against the node's OVS bridges. */
public final class OvsOfctl implements Tool {
    ToolContext ctx;
    OfVersion version = OfVersion.OF10;
    /** The versions -O allows (set_allowed_ofp_versions()); the connection uses the highest the switch shares. */
    java.util.Set<OfVersion> allowed = java.util.EnumSet.of(OfVersion.OF10);
    boolean stats = true, names, strict, mayCreate, bundle, readd;
    /** should_accept_names(): use_names is not 0 (--no-names last). */
    boolean acceptNames = true;
    /** -F's flow formats as FlowMod's protocol bits (ofputil_protocols_from_string()); P_ANY without -F. */
    int flowFormats = FlowMod.P_ANY;
    /** --sort[=FIELD] and --rsort[=FIELD] in order (ovs-ofctl.c's sort criteria); a null field is the priority. */
    final List<SortCriterion> criteria = new ArrayList<>();

    record SortCriterion(Field field, boolean ascending) {}
    int logSeq = 1;
    private final StreamSsl ssl = new StreamSsl();
    /** The commands of groups, meters and bundles; of ports; replace-flows and diff-flows; tables; flows; parsing. */
    final OfctlGroups groups = new OfctlGroups(this);
    final OfctlPorts ports = new OfctlPorts(this);
    final OfctlFte fte = new OfctlFte(this);
    final OfctlTables tables = new OfctlTables(this);
    final OfctlFlows flows = new OfctlFlows(this);
    final OfctlParse parse = new OfctlParse(this);

    @Override
    public void start(ToolContext ctx, List<String> args) {
        this.ctx = ctx;
        OvsTools.commandLine(ctx);
        ctx.exit(run(args));
    }

    /** ovs-ofctl's long_options (parse_options()), in its order: getopt_long() lists ambiguities so. */
    private static final List<OvsGetopt.LongOpt> OPTIONS = OvsGetopt.table(List.of(
            OvsGetopt.opt("timeout", OvsGetopt.REQUIRED, 't'), OvsGetopt.opt("strict", OvsGetopt.NO, '\0'),
            OvsGetopt.opt("readd", OvsGetopt.NO, '\0'), OvsGetopt.opt("flow-format", OvsGetopt.REQUIRED, 'F'),
            OvsGetopt.opt("packet-in-format", OvsGetopt.REQUIRED, 'P'), OvsGetopt.opt("more", OvsGetopt.NO, 'm'),
            OvsGetopt.opt("timestamp", OvsGetopt.NO, '\0'), OvsGetopt.opt("sort", OvsGetopt.OPTIONAL, '\0'),
            OvsGetopt.opt("rsort", OvsGetopt.OPTIONAL, '\0'), OvsGetopt.opt("names", OvsGetopt.NO, '\0'),
            OvsGetopt.opt("no-names", OvsGetopt.NO, '\0'), OvsGetopt.opt("stats", OvsGetopt.NO, '\0'),
            OvsGetopt.opt("no-stats", OvsGetopt.NO, '\0'), OvsGetopt.opt("unixctl", OvsGetopt.REQUIRED, '\0'),
            OvsGetopt.opt("help", OvsGetopt.NO, 'h'), OvsGetopt.opt("option", OvsGetopt.NO, 'o'),
            OvsGetopt.opt("bundle", OvsGetopt.NO, '\0'), OvsGetopt.opt("color", OvsGetopt.OPTIONAL, '\0'),
            OvsGetopt.opt("may-create", OvsGetopt.NO, '\0'), OvsGetopt.opt("pcap", OvsGetopt.NO, '\0'),
            OvsGetopt.opt("raw", OvsGetopt.NO, '\0'), OvsGetopt.opt("read-only", OvsGetopt.NO, '\0')),
            OvsGetopt.DAEMON, OvsGetopt.OFP_VERSION, OvsGetopt.VLOG, OvsGetopt.STREAM_SSL);

    /** all_commands[]: name, usage, min and max arguments, and whether it works in read-only mode (OVS_RO). */
    private record Command(String name, String usage, int min, int max, boolean readOnly) {}

    /** The commands in all_commands[]'s order (list-commands prints them so). */
    private static final Map<String, Command> COMMANDS = new java.util.LinkedHashMap<>();

    static {
        String table = // NAME;USAGE;MIN;MAX;r|w, as ovs-ofctl.c has them
                "show;switch;1;1;r|monitor;switch [misslen] [invalid_ttl] [watch:[...]];1;3;r|snoop;switch;1;1;r|"
                + "dump-desc;switch;1;1;r|dump-tables;switch;1;1;r|dump-table-features;switch;1;1;r|"
                + "dump-table-desc;switch;1;1;r|dump-flows;switch;1;2;r|dump-aggregate;switch;1;2;r|"
                + "queue-stats;switch [port [queue]];1;3;r|queue-get-config;switch [port [queue]];1;3;r|"
                + "add-flow;switch flow;2;2;w|add-flows;switch file;2;2;w|mod-flows;switch flow;2;2;w|"
                + "del-flows;switch [flow];1;2;w|replace-flows;switch file;2;2;w|diff-flows;source1 source2;2;2;w|"
                + "add-meter;switch meter;2;2;w|mod-meter;switch meter;2;2;w|del-meter;switch meter;1;2;w|"
                + "del-meters;switch;1;2;w|dump-meter;switch meter;1;2;r|dump-meters;switch;1;2;r|"
                + "meter-stats;switch [meter];1;2;r|meter-features;switch;1;1;r|"
                + "packet-out;switch \"in_port=<port> packet=<hex data> actions=...\";2;-1;w|"
                + "dump-ports;switch [port];1;2;r|dump-ports-desc;switch [port];1;2;r|mod-port;switch iface act;3;3;w|"
                + "mod-table;switch mod;3;3;w|get-frags;switch;1;1;r|set-frags;switch frag_mode;2;2;w|"
                + "probe;target;1;1;r|ping;target [n];1;2;r|benchmark;target n count;3;3;r|"
                + "dump-ipfix-bridge;switch;1;1;r|dump-ipfix-flow;switch;1;1;r|ct-flush-zone;switch zone;2;2;r|"
                + "ct-flush;switch [zone=N] [ct-orig-tuple [ct-reply-tuple]];1;4;r|ofp-parse;file;1;1;w|"
                + "ofp-parse-pcap;pcap;1;-1;w|add-group;switch group;1;2;w|add-groups;switch file;2;2;w|"
                + "mod-group;switch group;1;2;w|del-groups;switch [group];1;2;w|insert-buckets;switch [group];1;2;w|"
                + "remove-buckets;switch [group];1;2;w|dump-groups;switch [group];1;2;r|"
                + "dump-group-stats;switch [group];1;2;r|dump-group-features;switch;1;1;r|bundle;switch file;2;2;w|"
                + "add-tlv-map;switch map;2;2;r|del-tlv-map;switch [map];1;2;r|dump-tlv-map;switch;1;1;r|help;;0;-1;r|"
                + "list-commands;;0;-1;r|parse-flow;;1;1;w|parse-flows;;1;1;w|parse-group;;1;1;w|parse-nx-match;;0;0;w|"
                + "parse-nxm;;0;0;w|parse-oxm;;1;1;w|parse-actions;;1;1;w|parse-instructions;;1;1;w|"
                + "parse-ofp10-match;;0;0;w|parse-ofp11-match;;0;0;w|parse-pcap;;1;-1;w|check-vlan;;2;2;w|"
                + "print-error;;1;1;w|encode-error-reply;;2;2;w|ofp-print;;1;2;w|encode-hello;;1;1;w|"
                + "parse-key-value;;1;-1;w|compose-packet;;1;2;r|parse-packet;;0;0;r";
        for (String c : table.split("\\|")) {
            String[] w = c.split(";", -1);
            int max = Integer.parseInt(w[3]);
            COMMANDS.put(w[0], new Command(w[0], w[1], Integer.parseInt(w[2]), max < 0 ? Integer.MAX_VALUE : max,
                    w[4].equals("r")));
        }
    }

    private int run(List<String> args) {
        OvsGetopt g = OvsGetopt.parse("ovs-ofctl", OPTIONS, false, args);
        boolean readOnly = false;
        for (OvsGetopt.Opt o : g.options) { // parse_options(): each option handled as getopt_long() returns it
            if (o.error() != null) {
                ctx.err().println(o.error());
                return 1;
            }
            String a = o.arg();
            switch (o.name()) {
                case "option" -> { // parse_options(): ovs_cmdl_print_options() and exit, before any later option
                    ctx.out().print(OvsGetopt.printOptions(OPTIONS));
                    return 0;
                }
                case "help" -> { // usage() exits 0, as getopt_long() reaches it
                    ctx.out().print(io.arplab.tools.Usage.of("ovs-ofctl"));
                    return 0;
                }
                case "verbose" -> { // vlog_set_verbosity(): a bad word is fatal
                    String bad = Vlog.verbosityError("ovs-ofctl", a);
                    if (bad != null) {
                        ctx.err().println(bad);
                        return 1;
                    }
                }
                case "version" -> { // ovs_print_version(OFP10_VERSION, OFP15_VERSION), exit 0
                    ctx.out().print(OvsTools.version("ovs-ofctl") + "OpenFlow versions 0x1:0x6\n");
                    return 0;
                }
                case "protocols" -> {
                    if (!protocol(a)) {
                        return 1;
                    }
                }
                case "flow-format" -> {
                    String bad = flowFormatError(a);
                    if (bad != null) {
                        return fail(bad);
                    }
                    flowFormats = flowFormats(a);
                }
                case "packet-in-format" -> { // ofputil_packet_in_format_from_string()
                    if (!List.of("standard", "openflow10", "nxt_packet_in", "nxm", "nxt_packet_in2").contains(a)) {
                        return fail("unknown packet-in format `" + a + "'");
                    }
                }
                case "timeout" -> {
                    if (!OvsGetopt.positiveUint(a)) {
                        return fail("value " + a + " on -t or --timeout is invalid");
                    }
                }
                case "no-stats" -> stats = false;
                case "stats" -> stats = true;
                case "names" -> {
                    names = true;
                    acceptNames = true;
                }
                case "no-names" -> {
                    names = false;
                    acceptNames = false;
                }
                case "sort", "rsort" -> {
                    if (!addSortCriterion(o.name().equals("sort"), a)) {
                        return fail(a + ": unknown field name");
                    }
                }
                case "strict" -> strict = true;
                case "readd" -> readd = true;
                case "may-create" -> mayCreate = true;
                case "bundle" -> bundle = true;
                case "read-only" -> readOnly = true;
                case "color" -> {
                    if (a != null && !List.of("always", "yes", "force", "never", "no", "none", "auto", "tty",
                            "if-tty").contains(a.toLowerCase(java.util.Locale.ROOT))) {
                        return fail("incorrect value `" + a + "' for --color");
                    }
                }
                default -> {
                    List<String> log = ssl.option(o.name(), a); // the rest change nothing the lab shows
                    for (String l : log == null ? List.<String>of() : log) {
                        log(l);
                    }
                }
            }
        }
        if (!criteria.isEmpty()) {
            criteria.add(new SortCriterion(null, false)); // parse_options(): "a final sort pass based on priority"
        }
        if (bundle) {
            groups.bundleVersions();
        }
        // parse_options(): the enabled versions must carry one of -F's flow formats; each is then narrowed to what
        // the other allows (allowed_protocols &= version_protocols, mask_allowed_ofp_versions())
        int versionProtocols = 0;
        for (OfVersion v : allowed) {
            versionProtocols |= protocolsOf(v);
        }
        if ((flowFormats & versionProtocols) == 0) {
            List<String> names = new ArrayList<>();
            allowed.stream().sorted().forEach(v -> names.add(v.protocolName));
            return fail("None of the enabled OpenFlow versions (" + String.join(", ", names) + ") supports any of the"
                    + " enabled flow formats (" + FlowMod.formatsString(flowFormats) + ").  (Use -O to enable"
                    + " additional OpenFlow versions or -F to enable additional flow formats.)");
        }
        flowFormats &= versionProtocols | FlowMod.F_VARIANTS;
        allowed = java.util.EnumSet.copyOf(allowed);
        allowed.removeIf(v -> (protocolsOf(v) & flowFormats) == 0);
        List<String> words = g.operands;
        // ovs_cmdl_run_command__(): the command by name, its argument counts, then read-only mode
        if (words.isEmpty()) {
            return fail("missing command name; use --help for help");
        }
        String cmd = words.get(0);
        List<String> rest = words.subList(1, words.size());
        Command c = COMMANDS.get(cmd);
        if (c == null) {
            return fail("unknown command '" + cmd + "'; use --help for help");
        }
        if (rest.size() < c.min()) {
            return fail("'" + cmd + "' command requires at least " + c.min() + " arguments");
        } else if (rest.size() > c.max()) {
            return fail("'" + cmd + "' command takes at most " + c.max() + " arguments");
        } else if (readOnly && !c.readOnly()) {
            return fail("'" + cmd + "' command does not work in read only mode");
        }
        if (cmd.equals("help")) { // ofctl_help(): usage(), whatever the arguments
            ctx.out().print(io.arplab.tools.Usage.of("ovs-ofctl"));
            return 0;
        }
        if (cmd.equals("list-commands")) { // ofctl_list_commands(): ovs_cmdl_print_commands() of all_commands[]
            StringBuilder s = new StringBuilder("The available commands are:\n");
            COMMANDS.values().forEach(k -> s.append(String.format("  %-23s %s\n", k.name(), k.usage())));
            ctx.out().print(s);
            return 0;
        }
        if (cmd.equals("packet-out") && rest.size() == 3) { // ofctl_packet_out(): neither syntax, before connecting
            return fail("Too many arguments (4)");
        }
        if (cmd.equals("set-frags") && fragMode(rest.get(1)) == null) { // ofctl_set_frags(): parsed before connecting
            return fail(rest.get(1) + ": unknown fragment handling mode");
        }
        DpctlConntrack.OfctlFlush ctFlush = cmd.startsWith("ct-flush") ? DpctlConntrack.OfctlFlush.parse(cmd, rest)
                : null; // the zone and tuples parsed before connecting
        if (ctFlush != null && ctFlush.error() != null) {
            return fail(ctFlush.error());
        }
        Meter.Mod meter; // ofctl_meter_mod__(), ofctl_meter_request__(): the meter parsed before connecting
        try {
            meter = OfctlGroups.meterArg(cmd, rest.size() > 1 ? rest.get(1) : null);
        } catch (FlowParseException e) {
            return fail(e.getMessage());
        }
        List<io.arplab.flow.TunMetadata.Mapping> tlv = null; // ofctl_tlv_mod(): parsed before connecting
        if (cmd.equals("add-tlv-map") || cmd.equals("del-tlv-map")) {
            try {
                tlv = io.arplab.flow.TunMetadata.parse(rest.size() > 1 ? rest.get(1) : "");
            } catch (IllegalArgumentException e) {
                return fail(e.getMessage());
            }
        }
        if (cmd.equals("diff-flows")) { // each source a file or a switch (read_flows_from_source())
            try {
                return fte.diffFlows(rest.get(0), rest.get(1));
            } catch (FlowParseException e) {
                return refused(e.log, e.getMessage());
            } catch (ActionCheckException e) {
                return refused(e.log, e.getMessage());
            }
        }
        if (cmd.equals("parse-flow") || cmd.equals("parse-flows")) {
            return parse.parseFlows(cmd, rest.get(0));
        }
        if (cmd.equals("parse-group")) {
            return parse.parseGroup(rest.get(0));
        }
        Ofproto br = OvsTools.ofproto(ctx, rest.get(0));
        String name = rest.get(0);
        int colon = name.indexOf(':');
        if (br == null && colon >= 0 && !List.of("tcp", "ssl", "unix").contains(name.substring(0, colon))) {
            // get_port_map() skips a name vconn_verify_name() refuses, so the command parses its arguments (without
            // port names) before open_vconn__() finds that vconn_lookup_class() knows no such type
            if (cmd.equals("replace-flows")) { // ofctl_replace_flows(): read_flows_from_file() before open_vconn()
                try {
                    if (fte.readFlowsFromFile(rest.get(1), new FlowTableEntries(), 0, PortMap.NONE) == null) {
                        return 1;
                    }
                } catch (FlowParseException e) {
                    return refused(e.log, e.getMessage());
                } catch (ActionCheckException e) {
                    return refused(e.log, e.getMessage());
                }
            }
            String parseError = parse.parseUnconnected(cmd, rest);
            return fail(parseError != null ? parseError
                    : "connecting to " + name + " (" + Errno.EAFNOSUPPORT.text + ")");
        }
        if (br == null) {
            // open_vconn__(): "unix:NAME" first; an empty name connects to no socket file
            return fail(rest.get(0).isEmpty() ? ": failed to open socket (Connection refused)"
                    : rest.get(0) + " is not a bridge or a socket");
        }
        if (acceptNames && (TABLE_NAMES.contains(cmd)
                || (cmd.equals("dump-flows") || cmd.equals("dump-aggregate")) && !arg(rest).isEmpty())) {
            tableMapWarnings(br);
        }
        FlowTables.TableMod tableMod = null;
        if (cmd.equals("mod-table")) { // ofctl_mod_table(): parsed (after the table map's fetch), then the versions
            List<String> log = new ArrayList<>();
            try {
                tableMod = Ports.collecting(log,
                        () -> FlowTables.parseTableMod(rest.get(1), rest.get(2), portMap(br)));
            } catch (FlowParseException e) {
                flushLog(log); // ofputil_table_from_string()'s warning, then the error
                return fail(e.getMessage());
            }
            flushLog(log);
            java.util.Set<OfVersion> usable = java.util.EnumSet.copyOf(tableMod.versions());
            if (java.util.Collections.disjoint(allowed, usable)) {
                List<String> names = new ArrayList<>();
                usable.forEach(v -> names.add(v.protocolName));
                return fail("table_mod '" + rest.get(2) + "' requires one of the OpenFlow versions "
                        + String.join(", ", names));
            }
            // not modelled: with OpenFlow 1.4+ allowed, a miss config (each table's table-desc fetched and restored)
            // and TBL_INTERNAL's vacancy
            String setting = rest.get(2);
            boolean eviction = setting.equals("evict") || setting.equals("noevict");
            if (!setting.startsWith("name:") && (tableMod.miss() != FlowTables.TableMiss.DEFAULT
                    && (allowed.contains(OfVersion.OF14) || allowed.contains(OfVersion.OF15))
                    || tableMod.miss() == FlowTables.TableMiss.DEFAULT && tableMod.table() == 254 && !eviction)) {
                return fail("'" + cmd + " " + setting + "' is not modelled by arplab");
            }
            allowed = java.util.EnumSet.copyOf(allowed);
            allowed.retainAll(usable); // mask_allowed_ofp_versions()
        }
        if (!MODELLED.contains(cmd)) {
            return fail("'" + cmd + "' command is not modelled by arplab");
        }
        if (cmd.equals("bundle")) {
            if (!Files.isRegularFile(ctx.workDir().resolve(rest.get(1)))) { // parse_ofp_bundle_file() first
                return fail(rest.get(1) + ": open failed (No such file or directory)");
            }
            groups.bundleVersions(); // ofctl_bundle(), after the file parsed
        }
        if (!connect(br)) {
            return 1;
        }
        try {
            return switch (cmd) {
                case "add-flow" -> flows.flowMods(br, List.of(rest.get(1)), FlowMod.Command.ADD, null);
                case "mod-flows" -> flows.flowMods(br, List.of(rest.get(1)),
                        strict ? FlowMod.Command.MODIFY_STRICT : FlowMod.Command.MODIFY, null);
                case "add-flows" -> flows.addFlows(br, rest.get(1));
                case "replace-flows" -> fte.replaceFlows(br, rest.get(1));
                case "del-flows" -> flows.flowMods(br, List.of(rest.size() > 1 ? rest.get(1) : ""),
                        strict ? FlowMod.Command.DELETE_STRICT : FlowMod.Command.DELETE, null);
                case "dump-flows" -> flows.dumpFlows(br, rest.size() > 1 ? rest.get(1) : "");
                case "dump-aggregate" -> flows.dumpAggregate(br, rest.size() > 1 ? rest.get(1) : "");
                case "dump-ports" -> ports.dumpPorts(br, rest.size() > 1 ? rest.get(1) : null);
                case "dump-ports-desc" -> ports.dumpPortsDesc(br, rest.size() > 1 ? rest.get(1) : null);
                case "mod-port" -> ports.modPort(br, rest.get(1), rest.get(2));
                case "dump-tables" -> tables.dumpTables(br);
                case "dump-table-desc" -> tables.dumpTableDesc(br);
                case "dump-ipfix-bridge", "dump-ipfix-flow" -> { // dump_transaction() of the error: no IPFIX configured
                    ctx.out().println("OFPT_ERROR" + versionTag() + " (xid=0x2): NXST_NOT_CONFIGURED");
                    ctx.out().println((cmd.equals("dump-ipfix-bridge") ? "NXST_IPFIX_BRIDGE" : "NXST_IPFIX_FLOW")
                            + " request" + versionTag() + " (xid=0x2):");
                    yield 0;
                }
                case "dump-table-features" -> tables.dumpTableFeatures(br);
                case "add-tlv-map", "del-tlv-map" -> tlvMod(br, cmd.equals("add-tlv-map") ? "ADD"
                        : rest.size() > 1 ? "DELETE" : "CLEAR", tlv);
                case "dump-tlv-map" -> {
                    ctx.out().println("NXT_TLV_TABLE_REPLY" + versionTag() + " (xid=0x2):");
                    ctx.out().println(br.tlv.formatReply());
                    yield 0;
                }
                case "dump-desc" -> { // ofctl_dump_desc(): handle_desc_stats_request()'s ofp_desc, each string
                    // ovs_strlcpy()'d into its field (SERIAL_NUM_LEN 32, DESC_STR_LEN 256)
                    String sn = br.serialDesc == null ? "None" : br.serialDesc;
                    String dp = br.dpDesc == null ? "None" : br.dpDesc;
                    ctx.out().println("OFPST_DESC reply" + versionTag() + " (xid=0x2):\nManufacturer: Nicira, Inc."
                            + "\nHardware: Open vSwitch\nSoftware: 3.1.0\nSerial Num: " + sn.substring(0,
                            Math.min(sn.length(), 31)) + "\nDP Description: " + dp.substring(0, Math.min(dp.length(),
                            255)));
                    yield 0;
                }
                case "probe" -> 0; // ofctl_probe(): an echo request answered, nothing printed
                case "get-frags" -> {
                    ctx.out().println(br.fragHandling());
                    yield 0;
                }
                case "set-frags" -> { // ofctl_set_frags(): the mode fetched back after setting it
                    if (!br.setFragHandling(fragMode(rest.get(1)))) {
                        yield fail(rest.get(0) + ": setting fragment handling mode failed (this switch probably"
                                + " doesn't support mode \"" + fragMode(rest.get(1)) + "\")");
                    }
                    yield 0;
                }
                case "mod-table" -> tableMod(br, tableMod, rest.get(2));
                case "packet-out" -> flows.packetOut(br, rest);
                case "queue-stats" -> ports.queueStats(br, rest);
                case "queue-get-config" -> ports.queueGetConfig(br, rest);
                case "bundle" -> groups.bundleFile(br, rest.get(1));
                case "dump-group-features" -> groups.dumpGroupFeatures();
                case "add-group" -> groups.groupMods(br, List.of(arg(rest)), Group.Command.ADD);
                case "mod-group" -> groups.groupMods(br, List.of(arg(rest)), // ofctl_mod_group()
                        mayCreate ? Group.Command.ADD_OR_MOD : Group.Command.MODIFY);
                case "del-groups" -> groups.groupMods(br, List.of(arg(rest)), Group.Command.DELETE);
                case "insert-buckets" -> groups.groupMods(br, List.of(arg(rest)), Group.Command.INSERT_BUCKET);
                case "remove-buckets" -> groups.groupMods(br, List.of(arg(rest)), Group.Command.REMOVE_BUCKET);
                case "add-groups" -> groups.addGroups(br, rest.get(1));
                case "dump-groups" -> groups.dumpGroups(br, rest.size() > 1 ? rest.get(1) : null);
                case "dump-group-stats" -> groups.dumpGroupStats(br, arg(rest));
                case "add-meter", "mod-meter", "del-meter", "del-meters" -> groups.meterMod(br, meter);
                case "dump-meter", "dump-meters", "meter-stats", "meter-features" -> groups.meterRequest(br, cmd,
                        meter == null ? Meter.ALL : meter.id());
                case "ct-flush-zone", "ct-flush" -> {
                    ctFlush.run(br.ct, ctx.now());
                    yield 0;
                }
                default -> ports.show(br);
            };
        } catch (FlowParseException e) {
            return refused(e.log, e.getMessage());
        } catch (ActionCheckException e) {
            return refused(e.log, e.getMessage());
        } finally {
            // ofproto_run() expires rules on every pass of ovs-vswitchd's loop: a flow_mod's timeouts wake the bridge
            OvsBridge b = OvsTools.bridge(ctx, br.name);
            if (b != null && ctx.runtime() != null) {
                ctx.runtime().changed(b);
            }
        }
    }

    /** ofputil_frag_handling_from_string(): a mode in any case, as ofputil_frag_handling_to_string() names it. */
    private static String fragMode(String s) {
        for (String m : List.of("normal", "drop", "reassemble", "nx-match")) {
            if (m.equalsIgnoreCase(s)) {
                return m;
            }
        }
        return null;
    }

    /** The commands arplab models; the others pass OVS's checks and then say they are not modelled. */
    private static final java.util.Set<String> MODELLED = java.util.Set.of("add-flow", "add-flows", "mod-flows",
            "del-flows", "dump-flows", "dump-aggregate", "dump-ports", "dump-ports-desc", "show", "add-group",
            "mod-group", "del-groups", "add-groups", "dump-groups", "dump-group-stats", "add-meter", "mod-meter",
            "del-meter", "del-meters", "dump-meter", "dump-meters", "meter-stats", "meter-features", "get-frags",
            "set-frags", "dump-tables", "ct-flush-zone", "ct-flush", "mod-port", "add-tlv-map", "del-tlv-map",
            "dump-tlv-map",
            "dump-desc", "probe", "packet-out", "insert-buckets", "remove-buckets", "bundle", "dump-group-features",
            "replace-flows", "diff-flows", "mod-table", "queue-stats", "queue-get-config", "dump-table-desc",
            "dump-table-features", "dump-ipfix-bridge", "dump-ipfix-flow");

    /** The commands that parse with tables_to_accept() (dump-flows and dump-aggregate for a non-empty match). */
    private static final java.util.Set<String> TABLE_NAMES = java.util.Set.of("add-flow", "add-flows", "mod-flows",
            "del-flows", "packet-out", "add-group", "add-groups", "mod-group", "del-groups", "mod-table", "replace-flows");

    /**
     * get_table_map() fetches the switch's tables over a connection of its own, at the highest version both allow:
     * OpenFlow 1.1's table stats carry each visible table's raw miss_config (ofputil_put_ofp11_table_stats()),
     * whose DROP (3) ofputil_decode_table_miss() warns about, its rate limit letting a burst of 5 through.
     */
    void tableMapWarnings(Ofproto br) {
        OfVersion v = null;
        for (OfVersion a : allowed) {
            v = br.protocols.contains(a) ? a : v;
        }
        for (int t = 0, n = 0; v == OfVersion.OF11 && t < FlowTables.N_TABLES - 1 && n < 5; t++) {
            if (br.tables.missConfig(t) == FlowTables.TableMiss.DROP) {
                ctx.err().println(OvsTools.log(ctx, logSeq++, "ofp_table|WARN|bad table miss config 3"));
                n++;
            }
        }
    }

    /**
     * An OpenFlow 1.1/1.2 OFPT_TABLE_MOD (handle_table_mod()): the switch's error (table_mod()'s OFPTMFC_EPERM for the
     * read-only TBL_INTERNAL, OpenFlow 1.2+'s (13,2), which 1.1 cannot encode) printed with the request by
     * transact_noreply().
     */
    private int tableMod(Ofproto br, FlowTables.TableMod tm, String setting) {
        if (setting.startsWith("name:")) {
            return changeTableName(br, tm.table(), setting.substring(5));
        }
        if (tm.miss() == FlowTables.TableMiss.DEFAULT) {
            // eviction and vacancy (OpenFlow 1.4+), which dump-table-desc shows; TBL_INTERNAL's refusal carries the
            // request as the fetched table-desc completed it
            if (tm.table() != 254) {
                br.tables.tableConfig(tm);
                return 0;
            }
            ctx.err().println(ofpHeader("OFPT_ERROR", 5) + "OFPTMFC_EPERM");
            ctx.err().println(ofpHeader("OFPT_TABLE_MOD", 5) + "table_id=254, eviction="
                    + (setting.equals("evict") ? "on" : "off") + ", vacancy=off");
            return 1;
        }
        String error = br.tables.tableMod(tm.table(), tm.miss());
        if (error == null) {
            return 0;
        }
        ctx.err().println(ofpHeader("OFPT_ERROR", 4) + (version == OfVersion.OF11 ? "NXBRC_UNENCODABLE_ERROR" : error));
        ctx.err().println(ofpHeader("OFPT_TABLE_MOD", 4) + "table_id=" + tm.table() + ", flow_miss_config="
                + tm.miss().name().toLowerCase(java.util.Locale.ROOT));
        return 1;
    }

    /**
     * change_table_name(): the tables' features fetched (table_iterator), the table's name replaced (ovs_strlcpy()
     * into OFP_MAX_TABLE_NAME_LEN, 31 bytes), then OpenFlow 1.5's OFPTFC15_MODIFY of that table alone, 1.3's and 1.4's
     * every table. The switch (handle_table_features_change()) refuses a name OVSDB's wins over
     * (oftable_may_set_name() at level 1: OFPTFFC_EPERM, printed with the request; not modelled: 1.3's and 1.4's,
     * whose data is the request's last multipart message), else sets each table's name from the request at level 1,
     * the hidden table's its own.
     */
    private int changeTableName(Ofproto br, int table, String newName) {
        if (table >= FlowTables.N_TABLES - 1) {
            return fail("switch does not have table " + table);
        }
        String name = newName.length() > 31 ? newName.substring(0, 31) : newName;
        if (!br.tables.maySetName(table, name, 1)) {
            ctx.err().println(ofpHeader("OFPT_ERROR", 5) + "OFPTFFC_EPERM");
            ctx.err().print(ofpHeader("OFPST_TABLE_FEATURES request", 5).stripTrailing());
            if (version == OfVersion.OF15) { // ofputil_table_features_format() of the request, without properties
                ctx.err().print("\n  command: modify\n  table " + table + (name.isEmpty() ? "" : " (\"" + name + "\")")
                        + ":\n    metadata: match=0xffffffffffffffff write=0xffffffffffffffff\n    eviction: not "
                        + "supported\n    vacancy events: not supported\n    max_entries="
                        + Math.min(br.tables.maxFlows(table), 1_000_000L));
            }
            ctx.err().println();
            return 1;
        }
        for (int t = 0; t < FlowTables.N_TABLES; t++) {
            String current = br.tables.name(t);
            br.tables.setName(t, t == table ? name : current == null ? "" : current, 1);
        }
        return 0;
    }

    /**
     * ofctl_tlv_mod(): NXT_TLV_TABLE_MOD, whose error (handle_tlv_table_mod(), tun_metadata_table_mod()) the switch
     * answers with and transact_noreply() prints with the request.
     */
    private int tlvMod(Ofproto br, String command, List<io.arplab.flow.TunMetadata.Mapping> mappings) {
        String[] bad = io.arplab.flow.TunMetadata.decodeError(mappings);
        if (bad != null) { // the switch cannot decode the request, nor can ovs-ofctl when it prints it back
            log(bad[0]);
            ctx.err().println(ofpHeader("OFPT_ERROR", 4) + bad[1]);
            ctx.err().println(ofpHeader("NXT_TLV_TABLE_MOD", 4) + "***decode error: " + bad[1] + "***");
            ctx.err().print(io.arplab.flow.TunMetadata.modDump(version.wire, 4, command, mappings));
            return 1;
        }
        String error;
        try {
            error = br.tlv.mod(command, mappings, br::usesTunMetadata);
        } catch (UnsupportedOperationException e) {
            return fail("not modelled by arplab: " + e.getMessage());
        }
        if (error == null) {
            return 0;
        }
        ctx.err().println(ofpHeader("OFPT_ERROR", 4) + error);
        ctx.err().println(ofpHeader("NXT_TLV_TABLE_MOD", 4).stripTrailing());
        // ofputil_format_tlv_table_mod(): the command, and the mappings on from its line
        ctx.err().println(command.equals("CLEAR") ? " CLEAR" : (command.equals("ADD") ? " ADD" : " DEL")
                + io.arplab.flow.TunMetadata.formatMappings(mappings));
        return 1;
    }

    static String arg(List<String> rest) {
        return rest.size() > 1 ? rest.get(1) : "";
    }

    /** "OFPT_X (OF1.3) (xid=0x6): ", as ofp_to_string() heads a message the switch answered with an error. */
    String ofpHeader(String type) {
        return ofpHeader(type, 6);
    }

    // flow and group mods follow a features request on OVS's connection (xid 0x6), meter mods come first (0x2)
    String ofpHeader(String type, int xid) {
        return type + (version == OfVersion.OF10 ? "" : " (" + version.shortName + ")") + " (xid=0x"
                + Integer.toHexString(xid) + "): ";
    }

    // version_bitmap_to_string(): one version, "version X and earlier" for every one from 0x01 up, else the list
    // ofputil_protocols_from_version_bitmap() of one version, as FlowMod's protocol bits
    static int protocolsOf(OfVersion v) {
        return FlowMod.protocols(v);
    }

    static String versions(java.util.Collection<OfVersion> set) {
        int bitmap = 0;
        for (OfVersion v : set) {
            bitmap |= 1 << v.wire;
        }
        if (bitmap == 0) {
            return "no versions";
        }
        String top = String.format("0x%02x", 31 - Integer.numberOfLeadingZeros(bitmap));
        if (Integer.bitCount(bitmap) == 1) {
            return "version " + top;
        } else if (Integer.bitCount((bitmap >>> 1) + 1) == 1) {
            return "version " + top + " and earlier";
        }
        List<String> v = new ArrayList<>();
        for (int b = bitmap; b != 0; b &= b - 1) {
            v.add(String.format("0x%02x", Integer.numberOfTrailingZeros(b)));
        }
        return "versions " + String.join(", ", v);
    }

    // ofputil_versions_from_string(): versions separated by commas or white space (is_delimiter()), each known, or a
    // fatal error; none at all leaves the bitmap 0, which get_allowed_ofp_versions() reads as every supported version
    private boolean protocol(String list) {
        java.util.EnumSet<OfVersion> set = java.util.EnumSet.noneOf(OfVersion.class);
        for (String key : list.split("[\\s,]+")) {
            if (key.isEmpty()) {
                continue;
            }
            OfVersion v = OfVersion.byName(key);
            if (v == null) {
                fail("Unknown OpenFlow version: \"" + key + "\"");
                return false;
            }
            set.add(v);
        }
        allowed = set.isEmpty() ? java.util.EnumSet.allOf(OfVersion.class) : set;
        return true;
    }

    /**
     * The flow protocols' names and abbreviations (ofputil_protocol_to_string(), proto_abbrevs[]), lower case, each
     * with its enum ofputil_protocol bits.
     */
    private static final Map<String, Integer> FLOW_PROTOCOLS = Map.ofEntries(Map.entry("nxm-table_id", 0x4),
            Map.entry("nxm+table_id", 0x8), Map.entry("openflow10-table_id", 0x1),
            Map.entry("openflow10+table_id", 0x2), Map.entry("openflow11", 0x10),
            Map.entry("oxm-openflow12", 0x20), Map.entry("oxm-openflow13", 0x40),
            Map.entry("oxm-openflow14", 0x80), Map.entry("oxm-openflow15", 0x100),
            Map.entry("any", 0x1ff), Map.entry("openflow10", 0x3), Map.entry("nxm", 0xc),
            Map.entry("oxm", 0x1e0));

    // -F's list as FlowMod's protocol bits (the names already checked by flowFormatError())
    private static int flowFormats(String list) {
        int p = 0;
        for (String name : list.split(",")) {
            p |= FLOW_PROTOCOLS.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), 0);
        }
        return FlowMod.formats(p);
    }

    // ofputil_protocols_from_string(): comma-separated names, any case; the first unknown one, or none, is fatal
    private static String flowFormatError(String list) {
        boolean any = false;
        for (String name : list.split(",")) {
            if (name.isEmpty()) {
                continue;
            }
            if (!FLOW_PROTOCOLS.containsKey(name.toLowerCase(java.util.Locale.ROOT))) {
                return name + ": unknown flow protocol";
            }
            any = true;
        }
        return any ? null : list + ": no flow protocol specified";
    }

    // vconn's hello exchange: the highest version both sides allow; false, the failure printed, when none
    boolean connect(Ofproto br) {
        version = null;
        for (OfVersion v : allowed) {
            if (br.protocols.contains(v)) {
                version = v;
            }
        }
        if (version == null) {
            version = allowed.iterator().next();
            ctx.err().println(OvsTools.log(ctx, logSeq++, "vconn|WARN|unix:/var/run/openvswitch/" + br.name
                    + ".mgmt: version negotiation failed (we support " + versions(allowed) + ", peer supports "
                    + versions(br.protocols) + ")"));
            fail(br.name + ": failed to connect to socket (Protocol error)");
            return false;
        }
        return true;
    }

    /** lib/ofp-match.c's rate limit (VLOG_RATE_LIMIT_INIT(1, 5)): a run logs five normalizations, not the rest. */
    private int normalizations, dropping;

    // a line of ovs-ofctl's log, numbered as vlog numbers what it emits
    void log(String line) {
        if (line.startsWith("ofp_match|INFO|normalization changed ofp_match")) {
            dropping = ++normalizations > 5 ? 2 : 0; // its " pre:" and "post:" lines go with it
            if (dropping > 0) {
                return;
            }
        } else if (dropping > 0 && line.startsWith("ofp_match|INFO|")) {
            dropping--;
            return;
        }
        ctx.err().println(OvsTools.log(ctx, logSeq++, line));
    }

    // a flow or action ovs-ofctl's parser refused: its log, then the fatal error
    int refused(List<String> log, String message) {
        for (String l : log) {
            log(l);
        }
        return fail(message);
    }

    int fail(String message) {
        ctx.err().println("ovs-ofctl: " + message);
        return 1;
    }

    /**
     * ovs-ofctl's port map, from the switch's port descriptions: each name as ofp_port's 16-byte name field carries
     * it (15 characters at most), a name two ports share known for neither (ofputil_port_map_put()'s duplicates); and
     * its table map (get_table_map()): the names of the visible tables that have one, a name two tables share known
     * for neither (namemap_put()); none under --no-names (tables_to_accept(), tables_to_show()).
     */
    PortMap portMap(Ofproto br) {
        return portMap(br, acceptNames);
    }

    /** The port map, with the table map when {@code tables}; none under --no-names (ports_to_accept()). */
    PortMap portMap(Ofproto br, boolean tables) {
        if (br == null || !acceptNames) {
            return PortMap.NONE; // get_port_map() of a target vconn_verify_name() refuses: an empty map
        }
        Map<String, Long> byName = new HashMap<>();
        Map<Long, String> byNumber = new HashMap<>();
        java.util.Set<String> duplicate = new java.util.HashSet<>();
        for (Ofproto.Port p : br.ports()) {
            String name = p.name.length() > 15 ? p.name.substring(0, 15) : p.name;
            Long other = byName.putIfAbsent(name, p.ofport);
            if (other != null && other != p.ofport) {
                duplicate.add(name);
            }
            byNumber.put(p.ofport, name);
        }
        Map<String, Integer> tableByName = new HashMap<>();
        java.util.Set<String> tableDuplicate = new java.util.HashSet<>();
        for (int t = 0; tables && t < FlowTables.N_TABLES - 1; t++) {
            String name = br.tables.name(t);
            if (name != null && tableByName.putIfAbsent(name, t) != null) {
                tableDuplicate.add(name);
            }
        }
        return new PortMap() {
            @Override public String name(long port) {
                String n = byNumber.get(port);
                return n == null || duplicate.contains(n) ? null : n;
            }

            @Override public long number(String name) {
                Long n = byName.get(name);
                return n == null || duplicate.contains(name) ? -1 : n;
            }

            @Override public String tableName(int table) {
                String n = tables && table < FlowTables.N_TABLES - 1 ? br.tables.name(table) : null;
                return n == null || tableDuplicate.contains(n) ? null : n;
            }

            @Override public int tableNumber(String name) {
                Integer t = tableByName.get(name);
                return t == null || tableDuplicate.contains(name) ? -1 : t;
            }
        };
    }

    /** A file's flows and their line numbers. */
    record FlowLines(List<String> flows, List<Integer> numbers) {}

    // ds_get_preprocessed_line(): each line (ds_get_line(): up to '\n' alone, a last one without it too) without its
    // comment ('#' on), lines of nothing but ' ', '\t' and '\n' skipped; null when the file does not open (fopen()
    // of a directory does, and reads as empty)
    FlowLines flowLines(String file) {
        java.nio.file.Path path = ctx.workDir().resolve(file);
        String text;
        try {
            text = Files.isDirectory(path) ? "" : Files.readString(path, java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return null;
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (text.isEmpty() || text.endsWith("\n")) {
            lines.remove(lines.size() - 1);
        }
        List<String> kept = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            int hash = l.indexOf('#');
            String t = hash >= 0 ? l.substring(0, hash) : l;
            if (!t.chars().allMatch(c -> c == ' ' || c == '\t')) {
                t = t.replaceAll("^[ \\t]+|[ \\t]+$", ""); // blanks the parser skips at either end
                kept.add(new String(t.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                        java.nio.charset.StandardCharsets.UTF_8));
                numbers.add(i + 1);
            }
        }
        return new FlowLines(kept, numbers);
    }

    void flushLog(List<String> log) {
        for (String l : log) {
            log(l);
        }
        log.clear();
    }

    // add_sort_criterion(): "priority" (any case) or none is the flow's priority, else a field by mf_from_name()
    private boolean addSortCriterion(boolean ascending, String name) {
        Field f = null;
        if (name != null && !name.equalsIgnoreCase("priority")) {
            f = Field.byName(name);
            if (f == null || !name.equals(f.name) && !name.equals(f.extraName)) {
                return false;
            }
        }
        criteria.add(new SortCriterion(f, ascending));
        return true;
    }

    String versionTag() {
        return version == OfVersion.OF10 ? "" : " (" + version.shortName + ")";
    }
}
