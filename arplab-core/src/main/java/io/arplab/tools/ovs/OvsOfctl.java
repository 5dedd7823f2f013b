package io.arplab.tools.ovs;

import io.arplab.flow.ActionParser;
import io.arplab.flow.FlowMod;
import io.arplab.flow.FlowParseException;
import io.arplab.flow.FlowParser;
import io.arplab.flow.FlowStatsFormat;
import io.arplab.flow.Ofproto;
import io.arplab.flow.OfVersion;
import io.arplab.flow.PortMap;
import io.arplab.flow.Ports;
import io.arplab.flow.Rule;
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
    private boolean stats = true, names, sort, rsort, strict;
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
            } else if (a.equals("--sort")) {
                sort = true;
            } else if (a.equals("--rsort")) {
                rsort = true;
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
                default -> show(br);
            };
        } catch (FlowParseException e) {
            for (String l : e.log) {
                ctx.err().println(OvsTools.log(ctx, logSeq++, l));
            }
            return fail(e.getMessage());
        } catch (ActionParser.ActionCheckException e) {
            if (e.logLine != null) {
                ctx.err().println(OvsTools.log(ctx, logSeq++, e.logLine));
            }
            return fail(e.getMessage());
        }
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

    // ofctl_flow_mod_file(): every line parsed first, so a bad line installs nothing
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
        return flowMods(br, flows, FlowMod.Command.ADD, file, numbers);
    }

    private int flowMods(Ofproto br, List<String> flows, FlowMod.Command command, String file) {
        return flowMods(br, flows, command, file, null);
    }

    private int flowMods(Ofproto br, List<String> flows, FlowMod.Command command, String file, List<Integer> lineNos) {
        List<FlowMod> mods = new ArrayList<>();
        for (int i = 0; i < flows.size(); i++) {
            try {
                FlowMod fm = FlowParser.parse(flows.get(i), command, portMap(br));
                String usable = fm.usableError(version);
                if (usable != null) {
                    throw new FlowParseException(usable);
                }
                mods.add(fm);
            } catch (FlowParseException e) {
                if (file != null) {
                    throw new FlowParseException(file + ":" + lineNos.get(i) + ": " + e.getMessage(), e.log);
                }
                throw e;
            }
        }
        for (FlowMod fm : mods) {
            for (String l : fm.log()) {
                ctx.err().println(OvsTools.log(ctx, logSeq++, l));
            }
        }
        for (FlowMod fm : mods) {
            br.tables.apply(fm, version, ctx.now());
        }
        return 0;
    }

    private List<Rule> query(Ofproto br, String text) {
        FlowMod q = FlowParser.parse(text, FlowMod.Command.QUERY, portMap(br));
        List<Rule> rules = br.tables.collect(q, false);
        if (sort || rsort) {
            List<Rule> sorted = new ArrayList<>(rules);
            Comparator<Rule> c = Comparator.comparingInt(r -> r.priority);
            sorted.sort(rsort ? c.reversed() : c);
            return sorted;
        }
        return rules;
    }

    private int dumpFlows(Ofproto br, String text) {
        List<Rule> rules = query(br, text);
        if (stats && !sort && !rsort) {
            ctx.out().println(replyHeader("FLOW", !text.isBlank()));
        }
        PortMap pm = names ? portMap(br) : PortMap.NONE;
        for (Rule r : rules) {
            ctx.out().println(" " + FlowStatsFormat.format(r, version, stats, pm, ctx.now()));
        }
        return 0;
    }

    private String replyHeader(String what, boolean filtered) {
        if (version == OfVersion.OF10) {
            return "NXST_" + what + " reply (xid=" + (filtered ? "0x8" : "0x4") + "):";
        }
        return "OFPST_" + what + " reply (" + version.shortName + ") (xid=" + (filtered ? "0x6" : "0x2") + "):";
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
            o.append("           tx pkts=").append(p.txPackets).append(", bytes=").append(p.txBytes)
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
