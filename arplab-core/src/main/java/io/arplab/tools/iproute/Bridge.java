package io.arplab.tools.iproute;

import io.arplab.device.FdbEntry;
import io.arplab.device.Switch;
import io.arplab.stack.HostStack;
import io.arplab.stack.NetDevice;
import io.arplab.stack.NudState;
import io.arplab.tools.Tool;
import io.arplab.tools.ToolContext;
import io.arplab.wire.MacAddress;
import io.arplab.wire.libc.CLib;
import java.util.ArrayList;
import java.util.List;

/**
 * iproute2 6.1's {@code bridge}: {@code fdb show|add|del|replace|flush} and {@code link show} for the Linux
 * bridges whose own interface is in this namespace (bridge/fdb.c, bridge/link.c).
 */
public final class Bridge implements Tool {
    private static final String[] OBJECTS = {"link", "fdb", "mdb", "vlan", "vni", "monitor", "help"};

    private ToolContext ctx;
    private HostView view;
    private HostStack stack;
    private int stats;
    private boolean details;
    /** -j (-p): fdb show prints through {@link #jw}. */
    private boolean json;
    /** -c: colour on (check_enable_color(): never with -json). */
    private boolean color;
    private boolean pretty;
    private Json jw;
    private int fdbVlan = -1;
    private final StringBuilder out = new StringBuilder();

    @Override
    public void start(ToolContext ctx, List<String> args) {
        this.ctx = ctx;
        int code;
        try {
            code = run(args);
        } catch (CommandExit e) {
            ctx.out().print(out);
            ctx.err().println(e.getMessage());
            ctx.exit(e.code());
            return;
        }
        ctx.out().print(out);
        ctx.exit(code);
    }

    private static CommandExit usage() {
        return new CommandExit(255, """
                Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }
                       bridge [ -force ] -batch filename
                where  OBJECT := { link | fdb | mdb | vlan | monitor }
                       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] |
                                    -o[neline] | -t[imestamp] | -n[etns] name |
                                    -c[ompressvlans] -color -p[retty] -j[son] }""");
    }

    private int run(List<String> args) {
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
            String opt = args.get(i);
            if (opt.startsWith("--")) {
                opt = opt.substring(1);
            }
            if (Args.matches(opt, "-help")) {
                throw usage();
            } else if (Args.matches(opt, "-Version")) {
                out.append("bridge utility, 6.1.0\n");
                return 0;
            } else if (Args.matches(opt, "-stats") || Args.matches(opt, "-statistics")) {
                stats++;
            } else if (Args.matches(opt, "-details")) {
                details = true;
            } else if (Args.matches(opt, "-oneline") || Args.matches(opt, "-timestamp")) {
                // no effect on what this emulation prints
            } else if (Args.matches(opt, "-family")) {
                if (++i >= args.size() || args.get(i).equals("help")) {
                    throw usage();
                }
                if (!List.of("inet", "inet6", "link", "bridge").contains(args.get(i))) {
                    throw CommandExit.invarg("invalid protocol family", args.get(i));
                }
            } else if (opt.equals("-4") || opt.equals("-6")) {
                // bridge.c: preferred_family, which no object here filters on
            } else if (Args.matches(opt, "-netns")) {
                if (++i >= args.size()) {
                    throw Args.incomplete();
                }
                // netns_switch(): a node, like a container, has no /run/netns of its own
                throw new CommandExit(255, "Cannot open network namespace \"" + args.get(i)
                        + "\": No such file or directory");
            } else if (Ip.matchesColor(opt)) { // bridge.c: before -compressvlans, so "-c" is -color
                color = Color.enables(opt);
            } else if (Args.matches(opt, "-compressvlans") || Args.matches(opt, "-force")) {
                // no effect on what this emulation prints
            } else if (Args.matches(opt, "-json")) {
                json = true;
            } else if (Args.matches(opt, "-pretty")) {
                pretty = true;
            } else if (Args.matches(opt, "-batch")) {
                if (++i >= args.size()) {
                    throw usage();
                }
                throw new CommandExit(1, "Cannot open file \"" + args.get(i) + "\" for reading: No such file or directory");
            } else {
                throw new CommandExit(255, "Option \"" + opt + "\" is unknown, try \"bridge help\".");
            }
            i++;
        }
        if (i >= args.size()) {
            throw usage();
        }
        String object = args.get(i);
        String cmd = null;
        for (String c : OBJECTS) {
            if (Args.matches(object, c)) {
                cmd = c;
                break;
            }
        }
        if (cmd == null) {
            throw new CommandExit(255, "Object \"" + object + "\" is unknown, try \"bridge help\".");
        }
        view = new HostView(ctx);
        stack = view.stack;
        Args a = new Args(args.subList(i + 1, args.size()));
        return switch (cmd) {
            case "fdb" -> fdb(a);
            case "link" -> link(a);
            case "vlan" -> vlan(a);
            case "mdb" -> mdb(a);
            case "help" -> throw usage();
            default -> throw new CommandExit(255, "bridge: object \"" + cmd + "\" is not supported by this emulation");
        };
    }

    /**
     * vlan show: print_vlan_info() under its header; the lab's bridges never filter VLANs (vlan_filtering 0), so
     * their ports hold no VLAN and only the header prints.
     */
    private int vlan(Args a) {
        if (a.more() && Args.matches(a.peek(), "help")) {
            throw new CommandExit(255, io.arplab.tools.Usage.of("bridge-vlan").stripTrailing());
        }
        if (a.more() && !Args.matches(a.peek(), "show") && !Args.matches(a.peek(), "list")) {
            boolean known = List.of("add", "delete", "set", "tunnelshow", "global").stream()
                    .anyMatch(c -> Args.matches(a.peek(), c));
            throw new CommandExit(255, known ? "bridge: vlan " + a.peek() + " is not supported by this emulation"
                    : "Command \"" + a.peek() + "\" is unknown, try \"bridge vlan help\".");
        }
        if (json) {
            out.append(new Json(pretty).finish());
        } else {
            // vlan_show(): -s prints its statistics header; -d dumps per-VLAN (RTM_GETVLAN), which a bridge
            // without vlan_filtering refuses after the header
            out.append(stats > 0 ? "port              vlan-id\n" : "port              vlan-id  \n");
            if (details && stats == 0) {
                throw new CommandExit(1, "RTNETLINK answers: Operation not supported\nDump terminated");
            }
        }
        return 0;
    }

    /** color_fprintf() under check_enable_color(color, json). */
    private String paint(String attr, String text) {
        return Color.paint(color && !json, attr, text);
    }

    /** mdb show: the lab's bridges hold no multicast group (no IGMP is emulated), so nothing is printed. */
    private int mdb(Args a) {
        if (a.more() && Args.matches(a.peek(), "help")) {
            throw new CommandExit(255, "Usage: bridge mdb { add | del } dev DEV port PORT grp GROUP [src SOURCE]"
                    + " [permanent | temp] [vid VID]\n       bridge mdb {show} [ dev DEV ] [ vid VID ]");
        }
        if (a.more() && !Args.matches(a.peek(), "show") && !Args.matches(a.peek(), "list")) {
            boolean known = Args.matches(a.peek(), "add") || Args.matches(a.peek(), "delete");
            throw new CommandExit(255, known ? "bridge: mdb " + a.peek() + " is not supported by this emulation"
                    : "Command \"" + a.peek() + "\" is unknown, try \"bridge mdb help\".");
        }
        if (json) {
            // mdb.c mdb_show(): one object around both dumps, the (empty) "mdb" array and "router" object
            Json jw = new Json(pretty).startObject();
            jw.name("mdb").startArray().endArray();
            jw.name("router").startObject().endObject();
            out.append(jw.endObject().finish());
        }
        return 0;
    }

    // -------------------------------------------------------------------------------------------- fdb

    private int fdb(Args a) {
        if (!a.more()) {
            return fdbShow(a);
        }
        String c = a.take();
        // bridge/fdb.c do_fdb(): the netlink flags of each (NLM_F_REQUEST|NLM_F_ACK and CREATE|EXCL, CREATE|APPEND,
        // CREATE|REPLACE)
        if (Args.matches(c, "add")) {
            return fdbModify(a, true, 0x605);
        }
        if (Args.matches(c, "append")) {
            return fdbModify(a, true, 0xc05);
        }
        if (Args.matches(c, "replace")) {
            return fdbModify(a, true, 0x505);
        }
        if (Args.matches(c, "delete")) {
            return fdbModify(a, false, 0x5);
        }
        if (Args.matches(c, "show") || Args.matches(c, "lst") || Args.matches(c, "list")) {
            return fdbShow(a);
        }
        if (c.equals("flush")) { // do_fdb(): strcmp(), no abbreviation
            return fdbFlush(a);
        }
        if (Args.matches(c, "help")) {
            throw new CommandExit(255, "Usage: bridge fdb { add | append | del | replace } ADDR dev DEV\n"
                    + "              [ self ] [ master ] [ use ] [ router ] [ extern_learn ]\n"
                    + "              [ sticky ] [ local | static | dynamic ] [ vlan VID ]\n"
                    + "       bridge fdb [ show [ br BRDEV ] [ brport DEV ] [ vlan VID ]\n"
                    + "              [ state STATE ] [ dynamic ] ]\n"
                    + "       bridge fdb flush dev DEV [ brport DEV ] [ vlan VID ]\n"
                    + "              [ self ] [ master ] [ [no]permanent | [no]static | [no]dynamic ]");
        }
        throw new CommandExit(255, "Command \"" + c + "\" is unknown, try \"bridge fdb help\".");
    }

    private static int stateBits(String arg) {
        if (Args.matches(arg, "permanent")) {
            return 0x80;
        }
        if (Args.matches(arg, "static") || Args.matches(arg, "temp")) {
            return 0x40;
        }
        if (Args.matches(arg, "stale")) {
            return 0x04;
        }
        if (Args.matches(arg, "reachable") || Args.matches(arg, "dynamic")) {
            return 0x02;
        }
        if (arg.equals("all")) {
            return ~0;
        }
        long v = Args.unsigned(arg);
        return (int) v;
    }

    private int fdbShow(Args a) {
        int vlan = -1; // filter_vlan: only entries of that VLAN
        NetDevice filterDev = null;
        NetDevice br = null;
        int filterState = 0;
        boolean dynamic = false;
        String devName = null;
        String brName = null;
        while (a.more()) {
            String w = a.take();
            if (w.equals("brport") || w.equals("dev")) {
                devName = a.value();
            } else if (w.equals("br")) {
                brName = a.value();
            } else if (w.equals("vlan")) {
                String v = a.value();
                vlan = (int) Args.unsigned(v);
                if (vlan < 0 || vlan >= 4095) {
                    throw CommandExit.invarg("invalid VLAN", v);
                }
            } else if (w.equals("state")) {
                String v = a.value();
                int s = stateBits(v);
                if (s == -1) {
                    throw CommandExit.invarg("invalid state", v);
                }
                filterState |= s;
            } else if (w.equals("dynamic")) {
                dynamic = true;
            } else if (Args.matches(w, "help")) {
                return fdb(new Args(List.of("help")));
            }
        }
        // fdb_show(): the last brport/dev and br given, looked up once the words are read, the bridge first
        if (brName != null && (br = stack.device(brName)) == null) {
            throw new CommandExit(255, "Cannot find bridge device \"" + brName + "\"");
        }
        if (devName != null && (filterDev = stack.device(devName)) == null) {
            throw new CommandExit(255, "Cannot find device \"" + devName + "\"");
        }
        long now = ctx.now();
        jw = json ? new Json(pretty) : null;
        fdbVlan = vlan;
        for (NetDevice d : stack.devices()) {
            if (filterDev != null && d != filterDev) {
                continue;
            }
            Switch own = view.bridgeOf(d);
            Switch master = view.masterBridge(d);
            if (br != null) {
                if (d != br && master == null) {
                    continue;
                }
                if (d != br && view.masterDevice(d) != br) {
                    continue;
                }
                if (d == br && own == null) {
                    continue;
                }
            }
            if (master != null && master.fdb() != null) {
                int port = view.portNumber(master, d);
                for (FdbEntry e : master.fdb().entries()) {
                    if (e.port() == port) {
                        line(e, master, d, now, filterDev == null, filterState, dynamic);
                    }
                }
            }
            if (d.loopback) {
                continue;
            }
            for (MacAddress mc : selfAddresses(d)) {
                if (dynamic || filterState != 0 && (filterState & 0x80) == 0 || fdbVlan >= 0) {
                    continue;
                }
                if (jw != null) {
                    jw.startObject().field("mac", mc.toString());
                    if (filterDev == null) {
                        jw.field("ifname", d.name);
                    }
                    jw.strings("flags", List.of("self")).field("state", "permanent").endObject();
                } else if (filterDev == null) {
                    out.append(paint(Color.MAC, mc + " ")).append("dev ").append(paint(Color.IFNAME, d.name + " "))
                            .append("self permanent\n");
                } else {
                    out.append(paint(Color.MAC, mc + " ")).append("self permanent\n");
                }
            }
            if (own != null && own.fdb() != null) {
                for (FdbEntry e : own.fdb().entries()) {
                    if (e.port() == Switch.LOCAL_PORT) {
                        line(e, own, d, now, filterDev == null, filterState, dynamic);
                    }
                }
            }
        }
        if (jw != null) {
            out.append(jw.finish());
        }
        return 0;
    }

    /** ndo_dflt_fdb_dump(): dev->uc (the unicast addresses bridge fdb added), then dev->mc. */
    private List<MacAddress> selfAddresses(NetDevice d) {
        List<MacAddress> all = new java.util.ArrayList<>();
        d.fdbAddresses().stream().filter(m -> !m.isMulticast()).forEach(all::add);
        all.addAll(view.devMc(d));
        return all;
    }

    private void line(FdbEntry e, Switch br, NetDevice dev, long now, boolean showDev, int filterState,
                      boolean dynamic) {
        int state = NeighFormat.fdbState(e, br, now);
        if (filterState != 0 && (state & filterState) == 0) {
            return;
        }
        // print_fdb(): "dynamic" hides NUD_PERMANENT only (static entries are NUD_NOARP)
        if (dynamic && (state & NudState.PERMANENT.bits) != 0 || fdbVlan >= 0 && e.vid() != fdbVlan) {
            return;
        }
        String stateName = switch (state) {
            case 0x80 -> "permanent";
            case 0x40 -> "static";
            case 0x04 -> "stale";
            default -> "";
        };
        if (jw != null) {
            // print_fdb(): mac, ifname, used/updated (-s), flags, master, state
            jw.startObject().field("mac", e.mac().toString());
            if (showDev) {
                jw.field("ifname", dev.name);
            }
            if (stats > 0) {
                jw.field("used", NeighFormat.ageSeconds(now, e.used()))
                        .field("updated", NeighFormat.ageSeconds(now, e.updated()));
            }
            jw.strings("flags", List.of()).field("master", br.name()).field("state", stateName).endObject();
            return;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(paint(Color.MAC, e.mac() + " "));
        if (showDev) {
            sb.append("dev ").append(paint(Color.IFNAME, dev.name + " "));
        }
        if (stats > 0) {
            sb.append("used ").append(NeighFormat.ageSeconds(now, e.used())).append('/')
                    .append(NeighFormat.ageSeconds(now, e.updated())).append(' ');
        }
        sb.append("master ").append(br.name()).append(' ');
        sb.append(switch (state) {
            case 0x80 -> "permanent";
            case 0x40 -> "static";
            case 0x04 -> "stale";
            default -> "";
        });
        out.append(sb).append('\n');
    }

    private int fdbModify(Args a, boolean add, int nlmFlags) {
        int vid = -1;
        String devName = null;
        String addr = null;
        boolean self = false;
        boolean master = false;
        int state = 0x40;
        while (a.more()) {
            String w = a.take();
            if (w.equals("dev")) {
                devName = a.value();
            } else if (w.equals("self")) {
                self = true;
            } else if (Args.matches(w, "master")) {
                master = true;
            } else if (Args.matches(w, "local") || Args.matches(w, "permanent")) {
                state |= 0x80;
            } else if (Args.matches(w, "temp") || Args.matches(w, "static")) {
                state |= 0x02;
            } else if (Args.matches(w, "dynamic")) {
                state = (state | 0x02) & ~0x40;
            } else if (Args.matches(w, "vlan")) {
                if (!a.more()) {
                    throw Args.incomplete();
                }
                vid = CLib.atoi(a.take()); // bridge/fdb.c: atoi(); a negative value sends no NDA_VLAN
            } else if (Args.matches(w, "router") || Args.matches(w, "use") || w.equals("extern_learn")
                    || w.equals("sticky")) {
                // flags without effect here
            } else {
                if (w.equals("to")) {
                    w = a.value();
                }
                if (Args.matches(w, "help")) {
                    return fdb(new Args(List.of("help")));
                }
                if (addr != null) {
                    throw CommandExit.duparg2("to", w);
                }
                addr = w;
            }
        }
        if (devName == null || addr == null) {
            throw new CommandExit(255, "Device and address are required arguments.");
        }
        if (!self && !master) {
            self = true;
        }
        if ((state & (0x80 | 0x02)) == 0) {
            state |= 0x80;
        }
        byte[] b = scanMac(addr);
        if (b == null) {
            throw new CommandExit(255, "Invalid mac address " + addr);
        }
        MacAddress mac = Args.mac(b);
        NetDevice dev = stack.device(devName);
        if (dev == null) {
            throw new CommandExit(255, "Cannot find device \"" + devName + "\"");
        }
        if (vid >= 0 && (vid == 0 || vid >= 4095)) {
            throw new CommandExit(255, "Error: invalid vlan id."); // rtnetlink.c fdb_vid_parse()
        }
        // rtnl_fdb_add() / rtnl_fdb_del(): the master's handler for a bridge port, then with NTF_SELF the device's
        // own (a bridge's br_fdb_add()) or the default one on dev->uc / dev->mc
        Switch br = master ? view.masterBridge(dev) : null;
        if (master && br == null && view.bridgeOf(dev) != null) {
            br = view.bridgeOf(dev);
        }
        boolean done = false;
        if (br != null && br.fdb() != null) {
            bridgeFdbModify(br, dev, mac, vid, add, nlmFlags, state, master, self);
            done = true;
        }
        if (self && !(br != null && view.bridgeOf(dev) == br)) {
            Switch own = view.bridgeOf(dev);
            if (own != null && own.fdb() != null) {
                bridgeFdbModify(own, dev, mac, vid, add, nlmFlags, state, master, self);
            } else {
                defaultFdbModify(dev, mac, vid, add, nlmFlags, state);
            }
            done = true;
        }
        if (!done) {
            throw new CommandExit(255, "RTNETLINK answers: Operation not supported");
        }
        return 0;
    }

    /** br_fdb_add() / br_fdb_delete() on {@code br}'s table, for {@code dev} (a port, or the bridge itself). */
    private void bridgeFdbModify(Switch br, NetDevice dev, MacAddress mac, int vid, boolean add, int nlmFlags,
            int state, boolean master, boolean self) {
        int port = view.bridgeOf(dev) == br ? Switch.LOCAL_PORT : view.portNumber(br, dev);
        if (add) {
            // the ndm flags NTF_MASTER (0x04) and NTF_SELF (0x02)
            br.fdb().traceAdd(ctx.now(), dev.name, mac, Math.max(vid, 0), nlmFlags,
                    (master ? 0x04 : 0) | (self ? 0x02 : 0));
        }
        if (vid > 0) {
            // br_fdb_add()/br_fdb_delete(): the vlan must be configured on the bridge (no vlan here)
            throw new CommandExit(255, "RTNETLINK answers: Invalid argument");
        }
        long now = ctx.now();
        FdbEntry existing = br.fdb().lookup(mac, 0);
        if (!add) {
            if (existing == null || existing.port() != port) {
                throw new CommandExit(255, "RTNETLINK answers: No such file or directory");
            }
            br.fdb().delete(mac, 0, now);
            return;
        }
        if (existing != null && (nlmFlags & NLM_F_EXCL) != 0) { // fdb_add_entry()
            throw new CommandExit(255, "RTNETLINK answers: File exists");
        }
        if (!mac.isMulticast() || (state & 0x80) == 0) {
            if (existing != null) {
                br.fdb().delete(mac, 0, Long.MIN_VALUE);
            }
            br.fdb().addUser(mac, port, now, (state & 0x80) != 0, (state & (0x80 | 0x40)) != 0);
            ctx.runtime().changed(br);
            return;
        }
        throw new CommandExit(255, "RTNETLINK answers: Invalid argument");
    }

    /**
     * ndo_dflt_fdb_add() / ndo_dflt_fdb_del(), for a device without an fdb of its own (a veth): only permanent
     * ("local") addresses, no vlan; the address joins or leaves dev->uc (dev->mc for a multicast one).
     */
    private static void defaultFdbModify(NetDevice dev, MacAddress mac, int vid, boolean add, int nlmFlags,
            int state) {
        if (add ? state != 0 && (state & 0x80) == 0 : (state & 0x80) == 0) {
            throw new CommandExit(255, "RTNETLINK answers: Invalid argument");
        }
        if (add && vid >= 0) {
            throw new CommandExit(255, "RTNETLINK answers: Invalid argument");
        }
        if (add) {
            // only a duplicate of NLM_F_EXCL is an error
            if (!dev.addFdbAddress(mac) && (nlmFlags & NLM_F_EXCL) != 0) {
                throw new CommandExit(255, "RTNETLINK answers: File exists");
            }
        } else if (!dev.deleteFdbAddress(mac)) {
            throw new CommandExit(255, "RTNETLINK answers: No such file or directory");
        }
    }

    private static final int NLM_F_EXCL = 0x200;

    /**
     * fdb_flush() (iproute2 6.1): the words first, then dev and brport looked up; neither self nor master means self.
     * rtnl_fdb_del() with NLM_F_BULK then asks the master bridge of a port for master, and the device itself for
     * self: only a bridge has ndo_fdb_del_bulk, anything else answers EOPNOTSUPP.
     */
    private int fdbFlush(Args a) {
        String d = null;
        String brport = null;
        boolean master = false;
        boolean self = false;
        while (a.more()) {
            String w = a.take();
            if (w.equals("dev")) {
                d = a.value();
            } else if (w.equals("brport")) {
                if (brport != null) {
                    throw CommandExit.duparg2("brport", w);
                }
                brport = a.value();
            } else if (w.equals("master")) {
                master = true;
            } else if (w.equals("self")) {
                self = true;
            }
        }
        if (d == null) {
            throw new CommandExit(255, "Device is required arguments.");
        }
        NetDevice dev = stack.device(d);
        if (dev == null) {
            throw new CommandExit(255, "Cannot find bridge device \"" + d + "\"");
        }
        if (brport != null && stack.device(brport) == null) {
            throw new CommandExit(255, "Cannot find bridge port device \"" + brport + "\"");
        }
        self |= !master;
        Switch viaMaster = master ? view.masterBridge(dev) : null;
        Switch viaSelf = self ? view.bridgeOf(dev) : null;
        if ((viaMaster == null || viaMaster.fdb() == null) && (viaSelf == null || viaSelf.fdb() == null)) {
            throw new CommandExit(255, "RTNETLINK answers: Operation not supported");
        }
        (viaMaster != null && viaMaster.fdb() != null ? viaMaster : viaSelf).fdb().flushLearned(ctx.now());
        return 0;
    }

    // ------------------------------------------------------------------------------------------- link

    private int link(Args a) {
        NetDevice filter = null;
        if (a.more()) {
            String c = a.take();
            if (Args.matches(c, "set") || Args.matches(c, "change")) {
                return linkSet(a);
            }
            if (!(Args.matches(c, "show") || Args.matches(c, "lst") || Args.matches(c, "list"))) {
                throw new CommandExit(255, "Command \"" + c + "\" is unknown, try \"bridge link help\".");
            }
            // bridge/link.c brlink_show(): "dev DEV" is its only word; any other is skipped
            String filterName = null;
            while (a.more()) {
                String w = a.take();
                if (w.equals("dev")) {
                    w = a.value();
                    if (filterName != null) {
                        throw CommandExit.duparg("dev", w);
                    }
                    filterName = w;
                }
            }
            if (filterName != null) {
                filter = stack.device(filterName);
                if (filter == null) {
                    throw new CommandExit(255, "Cannot find device \"" + filterName + "\"");
                }
            }
        }
        List<NetDevice> devs = new ArrayList<>(stack.devices());
        Json j = json ? new Json(pretty) : null;
        for (NetDevice d : devs) {
            if (d.master() == null || filter != null && d != filter) {
                continue;
            }
            // bridge messages carry IFLA_LINK without the peer's netnsid: the index is read as a local one
            NetDevice local = d.peerIfindex() > 0 ? stack.device(d.peerIfindex()) : null;
            String link = d.peerIfindex() <= 0 ? null : local != null ? local.name : "if" + d.peerIfindex();
            if (j != null) { // print_linkinfo() under -json: the same facts, print_name_and_link()'s "link" first
                j.startObject().field("ifindex", d.ifindex);
                if (link != null) {
                    j.field("link", link);
                }
                String flags = view.flags(d).trim();
                j.field("ifname", d.name).strings("flags", List.of(flags.substring(1, flags.length() - 1).split(",")))
                        .field("mtu", d.mtu()).field("master", d.master())
                        .field("state", view.carrier(d) ? "forwarding" : "disabled").field("priority", 32)
                        .field("cost", 2).endObject();
                continue;
            }
            StringBuilder sb = new StringBuilder();
            // print_name_and_link("%s: ")
            sb.append(d.ifindex).append(": ").append(paint(Color.IFNAME, d.name + (link == null ? "" : "@" + link)
                    + ": "));
            sb.append(view.flags(d));
            sb.append("mtu ").append(d.mtu()).append(' ');
            sb.append("master ").append(d.master()).append(' ');
            sb.append("state ").append(view.carrier(d) ? "forwarding" : "disabled").append(' ');
            sb.append("priority 32 cost 2 ");
            out.append(sb).append('\n');
            Switch br = view.masterBridge(d);
            int port = br == null ? -1 : portOf(br, d);
            int flags = port < 0 ? -1 : br.portFlags(port);
            if (details && flags >= 0) {
                // print_protinfo(): the flags in the kernel's IFLA_BRPORT_* order
                out.append("    hairpin ").append(onOff(flags, Switch.BR_HAIRPIN_MODE))
                        .append(" guard off root_block off fastleave off learning ")
                        .append(onOff(flags, Switch.BR_LEARNING)).append(" flood ").append(onOff(flags, Switch.BR_FLOOD))
                        .append(" mcast_flood ").append(onOff(flags, Switch.BR_MCAST_FLOOD))
                        .append(" bcast_flood ").append(onOff(flags, Switch.BR_BCAST_FLOOD))
                        .append(" mcast_router 1 mcast_to_unicast off neigh_suppress ")
                        .append(onOff(flags, Switch.BR_NEIGH_SUPPRESS)).append(" vlan_tunnel off isolated off locked ")
                        .append(onOff(flags, Switch.BR_PORT_LOCKED)).append(" \n");
            }
        }
        if (j != null) {
            out.append(j.finish());
        }
        return 0;
    }

    private static String onOff(int flags, int flag) {
        return (flags & flag) != 0 ? "on" : "off";
    }

    private static int portOf(Switch br, NetDevice dev) {
        for (int p = 1; p < br.portCount(); p++) {
            if (br.portName(p).equals(dev.name)) {
                return p;
            }
        }
        return -1;
    }

    private static final String LINK_USAGE = """
            Usage: bridge link set dev DEV [ cost COST ] [ priority PRIO ] [ state STATE ]
                                           [ guard {on | off} ]
                                           [ hairpin {on | off} ]
                                           [ fastleave {on | off} ]
                                           [ root_block {on | off} ]
                                           [ learning {on | off} ]
                                           [ learning_sync {on | off} ]
                                           [ flood {on | off} ]
                                           [ mcast_router MULTICAST_ROUTER ]
                                           [ mcast_flood {on | off} ]
                                           [ bcast_flood {on | off} ]
                                           [ mcast_to_unicast {on | off} ]
                                           [ neigh_suppress {on | off} ]
                                           [ vlan_tunnel {on | off} ]
                                           [ isolated {on | off} ]
                                           [ locked {on | off} ]
                                           [ hwmode {vepa | veb} ]
                                           [ backup_port DEVICE ] [ nobackup_port ]
                                           [ self ] [ master ]
                   bridge link show [dev DEV]""";

    /** bridge/link.c brlink_modify(): the port flags a Linux bridge models; the others are refused in one line. */
    private int linkSet(Args a) {
        String devName = null;
        List<int[]> changes = new ArrayList<>();
        while (a.more()) {
            String w = a.take();
            int flag = switch (w) {
                case "learning" -> Switch.BR_LEARNING;
                case "hairpin" -> Switch.BR_HAIRPIN_MODE;
                case "flood" -> Switch.BR_FLOOD;
                case "mcast_flood" -> Switch.BR_MCAST_FLOOD;
                case "bcast_flood" -> Switch.BR_BCAST_FLOOD;
                case "neigh_suppress" -> Switch.BR_NEIGH_SUPPRESS;
                case "locked" -> Switch.BR_PORT_LOCKED;
                default -> 0;
            };
            if (w.equals("dev")) {
                devName = a.value();
            } else if (flag != 0) {
                String v = a.value();
                if (!v.equals("on") && !v.equals("off")) {
                    // parse_on_off(): -EINVAL as the exit status
                    throw new CommandExit(234, "Error: argument of \"" + w + "\" must be one of \"off\", \"on\", not \""
                            + v + "\"");
                }
                changes.add(new int[] {flag, v.equals("on") ? 1 : 0});
            } else if (List.of("cost", "priority", "state", "guard", "fastleave", "root_block",
                    "learning_sync", "mcast_router", "mcast_to_unicast", "vlan_tunnel", "isolated", "hwmode",
                    "backup_port", "nobackup_port", "self", "master").contains(w)) {
                throw new CommandExit(255, "bridge: link set " + w + " is not supported by this emulation");
            } else {
                throw new CommandExit(255, LINK_USAGE);
            }
        }
        if (devName == null) {
            throw new CommandExit(255, "Device is a required argument.");
        }
        NetDevice d = stack.device(devName);
        if (d == null) { // brlink_modify()'s own words, not nodev()'s
            throw new CommandExit(255, "Cannot find bridge device \"" + devName + "\"");
        }
        Switch br = view.masterBridge(d);
        int port = br == null ? -1 : portOf(br, d);
        if (port < 0 || br.portFlags(port) < 0) {
            throw new CommandExit(255, "RTNETLINK answers: Operation not supported");
        }
        for (int[] c : changes) {
            br.setPortFlag(port, c[0], c[1] == 1);
        }
        return 0;
    }

    /**
     * fdb_modify()'s sscanf(addr, "%hhx:%hhx:%hhx:%hhx:%hhx:%hhx"): each byte a strtoul()-like hex number kept to its
     * low eight bits ("00256" is 0x56), what follows the sixth ignored; null unless all six were read.
     */
    static byte[] scanMac(String s) {
        byte[] b = new byte[6];
        int i = 0;
        for (int k = 0; k < 6; k++) {
            if (k > 0) {
                if (i >= s.length() || s.charAt(i) != ':') {
                    return null;
                }
                i++;
            }
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            boolean neg = i < s.length() && s.charAt(i) == '-';
            if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            if (i + 2 < s.length() && s.charAt(i) == '0' && (s.charAt(i + 1) | 0x20) == 'x'
                    && Character.digit(s.charAt(i + 2), 16) >= 0) {
                i += 2;
            }
            int start = i;
            int v = 0;
            while (i < s.length() && Character.digit(s.charAt(i), 16) >= 0) {
                v = (v * 16 + Character.digit(s.charAt(i), 16)) & 0xff;
                i++;
            }
            if (i == start) {
                return null;
            }
            b[k] = (byte) (neg ? -v : v);
        }
        return b;
    }
}
