package io.arplab.tools.ovs;

import io.arplab.flow.ActionParser;
import io.arplab.flow.FlowMod;
import io.arplab.flow.FlowParseException;
import io.arplab.flow.FlowParser;
import io.arplab.flow.FlowStatsFormat;
import io.arplab.flow.Field;
import io.arplab.flow.Group;
import io.arplab.flow.Meter;
import io.arplab.flow.Ofproto;
import io.arplab.flow.OfVersion;
import io.arplab.flow.PortMap;
import io.arplab.flow.Ports;
import io.arplab.flow.Rule;
import io.arplab.flow.U128;
import io.arplab.tools.Tool;
import io.arplab.tools.ToolContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** ovs-ofctl of Open vSwitch 3.1 (utilities/ovs-ofctl.c), against the node's OVS bridges. */
public final class OvsOfctl implements Tool {
    private ToolContext ctx;
    private OfVersion version = OfVersion.OF10;
    private boolean stats = true, names, strict;
    /** --sort[=FIELD] and --rsort[=FIELD] in order (ovs-ofctl.c's sort criteria); a null field is the priority. */
    private final List<SortCriterion> criteria = new ArrayList<>();

    private record SortCriterion(Field field, boolean ascending) {}
    private int logSeq = 1;

    @Override
    public void start(ToolContext ctx, List<String> args) {
        if (OvsTools.help(ctx, "ovs-ofctl", args)) {
            return;
        }
        this.ctx = ctx;
        ctx.exit(run(args));
    }

    private int run(List<String> args) {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-O") || a.equals("--protocols")) {
                if (i + 1 >= args.size()) {
                    return fail("option '" + a + "' requires an argument");
                }
                if (!protocol(args.get(++i))) {
                    return 1;
                }
            } else if (a.startsWith("-O") || a.startsWith("--protocols=")) {
                if (!protocol(a.startsWith("-O") ? a.substring(2) : a.substring(12))) {
                    return 1;
                }
            } else if (a.equals("--no-stats")) {
                stats = false;
            } else if (a.equals("--names")) {
                names = true;
            } else if (a.equals("--no-names")) {
                names = false;
            } else if (a.equals("--sort") || a.startsWith("--sort=") || a.equals("--rsort")
                    || a.startsWith("--rsort=")) {
                int eq = a.indexOf('=');
                String field = eq < 0 ? null : a.substring(eq + 1);
                if (!addSortCriterion(a.startsWith("--sort"), field)) {
                    return fail(field + ": unknown field name");
                }
            } else if (a.equals("--strict")) {
                strict = true;
            } else if (a.startsWith("--") && !a.equals("--")) {
                return fail("unrecognized option '" + a + "'");
            } else {
                words.add(a);
            }
        }
        if (words.isEmpty()) {
            return fail("missing command name; use --help for help");
        }
        String cmd = words.get(0);
        List<String> rest = words.subList(1, words.size());
        int[] arity = switch (cmd) {
            case "add-flow", "add-flows", "mod-flows" -> new int[] {2, 2};
            case "del-flows", "dump-flows", "dump-aggregate", "dump-ports" -> new int[] {1, 2};
            case "show" -> new int[] {1, 1};
            case "add-group", "mod-group", "del-groups", "dump-groups", "dump-group-stats" -> new int[] {1, 2};
            case "add-groups", "add-meter", "mod-meter" -> new int[] {2, 2};
            case "del-meter", "del-meters", "dump-meters", "meter-stats" -> new int[] {1, 2};
            case "meter-features" -> new int[] {1, 1};
            default -> null;
        };
        if (arity == null) {
            return fail("unknown command '" + cmd + "'; use --help for help");
        }
        if (rest.size() < arity[0]) {
            return fail("'" + cmd + "' command requires at least " + arity[0] + " arguments");
        } else if (rest.size() > arity[1]) {
            return fail("'" + cmd + "' command takes at most " + arity[1] + " arguments");
        }
        Ofproto br = OvsTools.ofproto(ctx, rest.get(0));
        if (br == null) {
            return fail(rest.get(0) + " is not a bridge or a socket");
        }
        if (!br.protocols.contains(version)) {
            ctx.err().println(OvsTools.log(ctx, logSeq++, "vconn|WARN|unix:/var/run/openvswitch/" + br.name
                    + ".mgmt: version negotiation failed (we support version 0x0" + version.wire
                    + ", peer supports versions " + peerVersions(br) + ")"));
            return fail(br.name + ": failed to connect to socket (Protocol error)");
        }
        try {
            return switch (cmd) {
                case "add-flow" -> flowMods(br, List.of(rest.get(1)), FlowMod.Command.ADD, null);
                case "mod-flows" -> flowMods(br, List.of(rest.get(1)),
                        strict ? FlowMod.Command.MODIFY_STRICT : FlowMod.Command.MODIFY, null);
                case "add-flows" -> addFlows(br, rest.get(1));
                case "del-flows" -> flowMods(br, List.of(rest.size() > 1 ? rest.get(1) : ""),
                        strict ? FlowMod.Command.DELETE_STRICT : FlowMod.Command.DELETE, null);
                case "dump-flows" -> dumpFlows(br, rest.size() > 1 ? rest.get(1) : "");
                case "dump-aggregate" -> dumpAggregate(br, rest.size() > 1 ? rest.get(1) : "");
                case "dump-ports" -> dumpPorts(br, rest.size() > 1 ? rest.get(1) : null);
                case "add-group" -> groupMods(br, List.of(arg(rest)), Group.Command.ADD);
                case "mod-group" -> groupMods(br, List.of(arg(rest)), Group.Command.MODIFY);
                case "del-groups" -> groupMods(br, List.of(arg(rest)), Group.Command.DELETE);
                case "add-groups" -> addGroups(br, rest.get(1));
                case "dump-groups" -> dumpGroups(br, rest.size() > 1 ? rest.get(1) : null);
                case "dump-group-stats" -> dumpGroupStats(br, arg(rest));
                case "add-meter" -> meterMod(br, rest.get(1), Meter.Command.ADD);
                case "mod-meter" -> meterMod(br, rest.get(1), Meter.Command.MODIFY);
                case "del-meter", "del-meters" -> meterMod(br, rest.size() > 1 ? rest.get(1) : null,
                        Meter.Command.DELETE);
                case "dump-meters", "meter-stats", "meter-features" -> meterRequest(br, cmd,
                        rest.size() > 1 ? rest.get(1) : null);
                default -> show(br);
            };
        } catch (FlowParseException e) {
            for (String l : e.log) {
                ctx.err().println(OvsTools.log(ctx, logSeq++, l));
            }
            return fail(e.getMessage());
        } catch (ActionParser.ActionCheckException e) {
            for (String l : e.log) {
                ctx.err().println(OvsTools.log(ctx, logSeq++, l));
            }
            return fail(e.getMessage());
        }
    }

    private static String arg(List<String> rest) {
        return rest.size() > 1 ? rest.get(1) : "";
    }

    // ofctl_group_mod(): every group_mod parsed first; the switch's error ends the run (transact_noreply())
    private int groupMods(Ofproto br, List<String> texts, Group.Command command) {
        List<Group.Mod> mods = new ArrayList<>();
        for (String t : texts) {
            mods.add(Group.parse(t, command, portMap(br)));
        }
        for (Group.Mod m : mods) {
            String error = br.groupMod(m, version, ctx.now());
            if (error != null) {
                String cmd = switch (m.command()) {
                    case ADD -> "ADD";
                    case MODIFY -> "MOD";
                    case ADD_OR_MOD -> "ADD_OR_MOD";
                    case DELETE -> "DEL";
                };
                ctx.err().println(ofpHeader("OFPT_ERROR") + error);
                ctx.err().println((version == OfVersion.OF10 ? "NXT_GROUP_MOD (xid=0x6):"
                        : ofpHeader("OFPT_GROUP_MOD").stripTrailing()));
                ctx.err().println(" " + cmd + " " + m.format(version, PortMap.NONE));
                return 1;
            }
        }
        return 0;
    }

    /** "OFPT_X (OF1.3) (xid=0x6): ", as ofp_to_string() heads a message the switch answered with an error. */
    private String ofpHeader(String type) {
        return ofpHeader(type, 6);
    }

    // flow and group mods follow a features request on OVS's connection (xid 0x6), meter mods come first (0x2)
    private String ofpHeader(String type, int xid) {
        return type + (version == OfVersion.OF10 ? "" : " (" + version.shortName + ")") + " (xid=0x" + xid + "): ";
    }

    // ofctl_group_mod_file(): a line may begin with its command (parse_ofp_group_mod_str__ with command -2)
    private int addGroups(Ofproto br, String file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(ctx.workDir().resolve(file));
        } catch (IOException e) {
            return fail(file + ": open failed (No such file or directory)");
        }
        int rc = 0;
        for (String l : lines) {
            int hash = l.indexOf('#');
            String t = (hash >= 0 ? l.substring(0, hash) : l).trim();
            if (t.isEmpty()) {
                continue;
            }
            Group.Command c = Group.Command.ADD;
            int len = 0;
            while (len < t.length() && ", \t".indexOf(t.charAt(len)) < 0) {
                len++;
            }
            String first = t.substring(0, len);
            for (String[] word : new String[][] {{"add", "ADD"}, {"delete", "DELETE"}, {"modify", "MODIFY"},
                {"add_or_mod", "ADD_OR_MOD"}}) {
                if (!first.isEmpty() && word[0].startsWith(first)) {
                    c = Group.Command.valueOf(word[1]);
                    t = t.substring(len);
                    break;
                }
            }
            rc = groupMods(br, List.of(t.trim()), c);
            if (rc != 0) {
                return rc;
            }
        }
        return rc;
    }

    // ofctl_meter_mod__(): meters need OpenFlow 1.3 or later
    private int meterMod(Ofproto br, String text, Meter.Command command) {
        Meter.Mod m = text == null ? new Meter.Mod(command, Meter.ALL, 0, List.of()) : Meter.parse(text, command);
        if (!meterVersion()) {
            return 1;
        }
        String error = br.meterMod(m, ctx.now());
        if (error != null) {
            ctx.err().println(ofpHeader("OFPT_ERROR", 2) + error);
            ctx.err().print(ofpHeader("OFPT_METER_MOD", 2)
                    + (command == Meter.Command.ADD ? "ADD " : command == Meter.Command.MODIFY ? "MOD " : "DEL ")
                    + m.format() + "\n");
            return 1;
        }
        return 0;
    }

    private boolean meterVersion() {
        if (version.atLeast(OfVersion.OF13)) {
            return true;
        }
        fail("none of the usable flow formats (OXM-OpenFlow13,OXM-OpenFlow14,OXM-OpenFlow15) is among the allowed"
                + " flow formats (" + (version == OfVersion.OF10 ? "OpenFlow10,NXM" : "OpenFlow11") + ")");
        return false;
    }

    // ofctl_meter_request__(): dump-meters, meter-stats, meter-features (the userspace datapath's features)
    private int meterRequest(Ofproto br, String cmd, String text) {
        long id = text == null ? Meter.ALL : Meter.parse(text, null).id();
        if (!meterVersion()) {
            return 1;
        }
        String v = " (" + version.shortName + ") (xid=0x2):";
        if (cmd.equals("meter-features")) {
            ctx.out().print("OFPST_METER_FEATURES reply" + v + "\nmax_meter:262144 max_bands:8 max_color:0\n"
                    + "band_types: drop\ncapabilities: kbps pktps burst stats\n");
            return 0;
        }
        if (id != Meter.ALL && !br.meters.containsKey(id)) {
            ctx.err().println("OFPT_ERROR" + v + " OFPMMFC_UNKNOWN_METER");
            ctx.err().println((cmd.equals("dump-meters") ? "OFPST_METER_CONFIG" : "OFPST_METER") + " request" + v
                    + " meter=" + id);
            return 1;
        }
        boolean config = cmd.equals("dump-meters");
        StringBuilder o = new StringBuilder(config ? "OFPST_METER_CONFIG reply" : "OFPST_METER reply").append(v);
        for (Meter m : br.meters.values()) {
            if (id == Meter.ALL || m.id == id) {
                o.append('\n').append(config ? m.config() : m.stats(ctx.now(), br.meterFlows(m.id)));
            }
        }
        String s = o.toString();
        ctx.out().print(s.endsWith("\n") ? s : s + "\n");
        return 0;
    }

    // ofctl_dump_group_desc(): only OpenFlow 1.0 (Nicira) and 1.5 requests carry a group id
    private int dumpGroups(Ofproto br, String group) {
        long id = Group.ALL;
        if (group != null) {
            long parsed = Group.idFromString(group);
            if (parsed < 0) {
                ctx.err().println(OvsTools.log(ctx, logSeq++, Group.badIdLog(group)));
            } else if (!version.atLeast(OfVersion.OF11) || version.atLeast(OfVersion.OF15)) {
                id = parsed;
            }
        }
        ctx.out().println(version == OfVersion.OF10 ? "NXST_GROUP_DESC reply (xid=0x2):"
                : "OFPST_GROUP_DESC reply (" + version.shortName + ") (xid=0x2):");
        PortMap pm = names ? portMap(br) : PortMap.NONE;
        for (Group g : br.groups.values()) {
            if (id == Group.ALL || id == Group.ANY || g.id == id) {
                ctx.out().println(" " + g.format(version, pm));
            }
        }
        return 0;
    }

    // ofctl_dump_group_stats(): the argument is parsed as a del-groups group_mod
    private int dumpGroupStats(Ofproto br, String text) {
        Group.Mod m = Group.parse(text, Group.Command.DELETE, portMap(br));
        ctx.out().println(version == OfVersion.OF10 ? "NXST_GROUP reply (xid=0x6):"
                : "OFPST_GROUP reply (" + version.shortName + ") (xid=0x6):");
        for (Group g : br.groups.values()) {
            if (m.id() == Group.ALL || g.id == m.id()) {
                ctx.out().println(" " + g.stats(ctx.now(), br.groupRefs(g.id)));
            }
        }
        return 0;
    }

    private static String peerVersions(Ofproto br) {
        List<String> v = new ArrayList<>();
        for (OfVersion p : br.protocols) {
            v.add(String.format("0x%02x", p.wire));
        }
        return String.join(", ", v);
    }

    private boolean protocol(String name) {
        OfVersion v = OfVersion.byName(name);
        if (v == null) {
            fail(name + ": unknown OpenFlow version");
            return false;
        }
        version = v;
        return true;
    }

    private int fail(String message) {
        ctx.err().println("ovs-ofctl: " + message);
        return 1;
    }

    private PortMap portMap(Ofproto br) {
        return br.portMap();
    }

    // ofctl_flow_mod_file(): every line parsed first (each may begin with its command), so a bad line sends nothing
    private int addFlows(Ofproto br, String file) {
        List<String> lines;
        Path p = ctx.workDir().resolve(file);
        try {
            lines = Files.readAllLines(p);
        } catch (IOException e) {
            return fail(file + ": open failed (No such file or directory)");
        }
        List<String> flows = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            int hash = l.indexOf('#');
            String t = (hash >= 0 ? l.substring(0, hash) : l).trim();
            if (!t.isEmpty()) {
                flows.add(t);
                numbers.add(i + 1);
            }
        }
        return flowMods(br, flows, null, file, numbers);
    }

    private int flowMods(Ofproto br, List<String> flows, FlowMod.Command command, String file) {
        return flowMods(br, flows, command, file, null);
    }

    /**
     * Parses every flow_mod (a null command: each line's own, parse_ofp_flow_mod_file()), logging as it goes, then
     * checks the protocols they all allow (open_vconn_for_flow_mod()) and sends them; the switch's first error ends
     * the run (transact_noreply()).
     */
    private int flowMods(Ofproto br, List<String> flows, FlowMod.Command command, String file, List<Integer> lineNos) {
        List<FlowMod> mods = new ArrayList<>();
        int usable = FlowMod.P_ANY;
        boolean tableId = false;
        for (int i = 0; i < flows.size(); i++) {
            FlowMod fm;
            try {
                fm = command == null ? FlowParser.parseFileLine(flows.get(i), portMap(br))
                        : FlowParser.parse(flows.get(i), command, portMap(br));
            } catch (FlowParseException e) {
                if (file != null) {
                    throw new FlowParseException(file + ":" + lineNos.get(i) + ": " + e.getMessage(), e.log);
                }
                throw e;
            } catch (ActionParser.ActionCheckException e) {
                if (file != null) {
                    throw new ActionParser.ActionCheckException(e.log, file + ":" + lineNos.get(i) + ": "
                            + e.getMessage());
                }
                throw e;
            }
            for (String l : fm.log()) {
                ctx.err().println(OvsTools.log(ctx, logSeq++, l));
            }
            mods.add(fm);
            usable &= fm.usable();
            tableId |= fm.table() != 255;
        }
        String unusable = FlowMod.usableError(usable, tableId, version);
        if (unusable != null) {
            return fail(unusable);
        }
        boolean nxm = (usable & FlowMod.P_OF10) == 0;
        for (int i = 0; i < mods.size(); i++) {
            FlowMod fm = mods.get(i).withUsable(usable);
            String error = br.flowMod(fm, version, ctx.now());
            if (error != null) {
                int xid = FlowStatsFormat.flowModXid(version, nxm, tableId, i);
                for (String l : FlowStatsFormat.flowModErrorLog(fm, version, error)) {
                    ctx.err().println(OvsTools.log(ctx, logSeq++, l));
                }
                FlowStatsFormat.flowModError(fm, version, error, xid, tableId).forEach(ctx.err()::println);
                return 1;
            }
        }
        return 0;
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

    // compare_flows(): criterion by criterion; a flow without the field (prerequisites unmet or wildcarded) goes
    // last in either order; ties keep the reply's order
    private int compareFlows(Rule a, Rule b) {
        for (SortCriterion sc : criteria) {
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

    private List<Rule> query(Ofproto br, String text) {
        return sorted(reply(br, text));
    }

    // the flows of the switch's reply, in its order
    private List<Rule> reply(Ofproto br, String text) {
        FlowMod q = FlowParser.parse(text, FlowMod.Command.QUERY, portMap(br));
        return br.tables.collect(q, false);
    }

    private List<Rule> sorted(List<Rule> rules) {
        if (!criteria.isEmpty()) {
            List<Rule> sorted = new ArrayList<>(rules);
            sorted.sort(this::compareFlows); // a stable sort, as the tie-break on the array index makes qsort
            return sorted;
        }
        return rules;
    }

    private int dumpFlows(Ofproto br, String text) {
        List<Rule> reply = reply(br, text);
        List<Rule> rules = sorted(reply);
        boolean plain = stats && criteria.isEmpty() && !names; // ofctl_dump_flows(): else the flows alone, no header
        PortMap pm = names ? portMap(br) : PortMap.NONE;
        if (!plain) { // vconn_dump_flows(): the reply decoded whole, or refused, before anything is printed
            FlowStatsFormat.ReplyDecode decoded = FlowStatsFormat.decodeReply(reply, version); // before sorting
            for (String l : decoded.log()) {
                ctx.err().println(OvsTools.log(ctx, logSeq++, l));
            }
            if (decoded.error() != null) {
                return fail(decoded.error());
            }
        } else { // ofp_print(): decoding the reply logs before ovs-ofctl prints it
            FlowStatsFormat.PlainReply plainReply = FlowStatsFormat.plainReply(rules, version,
                    replyXid(!text.isBlank()), ctx.now());
            for (String l : plainReply.log()) {
                ctx.err().println(OvsTools.log(ctx, logSeq++, l));
            }
            StringBuilder o = new StringBuilder(replyHeader("FLOW", !text.isBlank()));
            for (Rule r : rules.subList(0, plainReply.printed())) {
                o.append("\n ").append(FlowStatsFormat.format(r, version, stats, pm, ctx.now(), plain));
            }
            if (plainReply.error() != null) { // ofp_to_string(): the error after what printed, the reply in hex
                o.append(plainReply.printed() > 0 ? "\n" : " ").append("***decode error: ")
                        .append(plainReply.error()).append("***");
                if (plainReply.hexDump() != null) {
                    o.append('\n').append(plainReply.hexDump(), 0, plainReply.hexDump().length() - 1);
                }
            }
            ctx.out().println(o);
            return 0;
        }
        for (Rule r : rules) {
            ctx.out().println(" " + FlowStatsFormat.format(r, version, stats, pm, ctx.now(), plain));
        }
        return 0;
    }

    private String replyHeader(String what, boolean filtered) {
        String xid = "(xid=0x" + Integer.toHexString(replyXid(filtered)) + "):";
        if (version == OfVersion.OF10) {
            return "NXST_" + what + " reply " + xid;
        }
        return "OFPST_" + what + " reply (" + version.shortName + ") " + xid;
    }

    // the request's xid: the flow format and version negotiation took the ones before it
    private int replyXid(boolean filtered) {
        return version == OfVersion.OF10 ? (filtered ? 8 : 4) : (filtered ? 6 : 2);
    }

    // ofctl_dump_ports() and ofputil_format_port_stats(): a dummy port counts packets and bytes only ('?' for the rest)
    private int dumpPorts(Ofproto br, String port) {
        List<Ofproto.Port> ports = br.ports();
        int xid = 2;
        if (port != null) {
            long no = io.arplab.flow.Ports.parse(port, io.arplab.flow.PortMap.NONE);
            if (no < 0) {
                Ofproto.Port p = br.port(port);
                if (p == null) {
                    return fail("could not find port " + port);
                }
                no = p.ofport;
                xid = 4; // the port's name took a port-description request first
            }
            long n = no;
            ports = ports.stream().filter(p -> p.ofport == n).toList();
        }
        StringBuilder o = new StringBuilder(version == OfVersion.OF10 ? "OFPST_PORT reply"
                : "OFPST_PORT reply (" + version.shortName + ")");
        o.append(" (xid=0x").append(xid).append("): ").append(ports.size()).append(" ports\n");
        for (Ofproto.Port p : ports) {
            o.append("  port ").append(p.ofport < 10 ? " " : "")
                    .append(io.arplab.flow.Ports.format(p.ofport, io.arplab.flow.PortMap.NONE))
                    .append(": rx pkts=").append(p.rxPackets).append(", bytes=").append(p.rxBytes)
                    .append(", drop=?, errs=?, frame=?, over=?, crc=?\n");
            o.append("           tx pkts=").append(p.netdevTxPackets()).append(", bytes=").append(p.netdevTxBytes())
                    .append(", drop=?, errs=?, coll=?\n");
            if (version.compareTo(OfVersion.OF13) >= 0) {
                o.append("           duration=").append(String.format("%.3f", ctx.now() / 1e9)).append("s\n");
            }
        }
        ctx.out().print(o);
        return 0;
    }

    private int dumpAggregate(Ofproto br, String text) {
        long packets = 0, bytes = 0;
        List<Rule> rules = query(br, text);
        for (Rule r : rules) {
            packets += r.packets();
            bytes += r.bytes();
        }
        ctx.out().println(replyHeader("AGGREGATE", !text.isBlank()) + " packet_count=" + packets + " byte_count="
                + bytes + " flow_count=" + rules.size());
        return 0;
    }

    // ofp_print of OFPT_FEATURES_REPLY and OFPT_GET_CONFIG_REPLY, as for an OpenFlow 1.0 connection
    private int show(Ofproto br) {
        var o = ctx.out();
        o.println(String.format("OFPT_FEATURES_REPLY (xid=0x2): dpid:%016x", br.datapathId));
        o.println("n_tables:254, n_buffers:0");
        o.println("capabilities: FLOW_STATS TABLE_STATS PORT_STATS QUEUE_STATS ARP_MATCH_IP");
        o.println("actions: output enqueue set_vlan_vid set_vlan_pcp strip_vlan mod_dl_src mod_dl_dst mod_nw_src "
                + "mod_nw_dst mod_nw_tos mod_tp_src mod_tp_dst");
        List<Ofproto.Port> ports = br.ports();
        ports.sort(Comparator.comparingLong(p -> p.ofport));
        for (Ofproto.Port p : ports) {
            o.println(" " + Ports.format(p.ofport, PortMap.NONE) + "(" + p.name + "): addr:"
                    + io.arplab.flow.MatchFormat.mac(p.mac));
            o.println("     config:     0");
            o.println("     state:      0");
            o.println("     speed: 0 Mbps now, 0 Mbps max");
        }
        o.println("OFPT_GET_CONFIG_REPLY (xid=0x4): frags=normal miss_send_len=0");
        return 0;
    }
}
