package io.arplab.tools.ovs;

import io.arplab.device.OvsBridge;
import io.arplab.device.Switch;
import io.arplab.flow.Ofproto;
import io.arplab.stack.Errno;
import io.arplab.tools.ToolContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** What the ovs-* tools share: finding the node's bridges, and OVS's log line prefix on stderr. */
final class OvsTools {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private OvsTools() {}

    /** ovs_print_version()'s first line: the program and OVS's version. */
    /** The one datapath ovs-vswitchd runs here, as dpctl names it. */
    static final String DATAPATH = "dummy@ovs-dummy";

    /**
     * dpif_open() of {@code name} ("type@name", "system" without a type) in ovs-vswitchd run with --enable-dummy: a
     * type not registered is EAFNOSUPPORT; a dpif-netdev name that does not exist is ENODEV, the dummy one opened as
     * another class EINVAL (dpif_netdev_open()). Null when it opens.
     */
    static Errno dpifOpenError(String name) {
        int at = name.indexOf('@');
        String type = at < 0 ? "system" : name.substring(0, at), dp = at < 0 ? name : name.substring(at + 1);
        if (!dpifTypeRegistered(name)) {
            return Errno.EAFNOSUPPORT;
        } else if (!dp.equals("ovs-dummy")) {
            return Errno.ENODEV;
        }
        return type.equals("dummy") ? null : Errno.EINVAL;
    }

    /** dp_register_provider()'s classes here: netdev and dummy (system's netlink family is missing). */
    static boolean dpifTypeRegistered(String name) {
        int at = name.indexOf('@');
        return at >= 0 && (name.startsWith("netdev@") || name.startsWith("dummy@"));
    }

    static String version(String program) {
        return program + " (Open vSwitch) 3.1.0\n";
    }

    /** The OVS bridge named so among the node's switches, or null. */
    static OvsBridge bridge(ToolContext ctx, String name) {
        for (OvsBridge b : bridges(ctx)) {
            if (b.bridgeName().equals(name)) {
                return b;
            }
        }
        return null;
    }

    /** The node's ovs-vswitchd's bridges (a deleted one stays wired to the node, down, until it is added again). */
    static java.util.List<OvsBridge> bridges(ToolContext ctx) {
        io.arplab.runtime.Vswitchd vs = ctx.runtime() == null ? null : ctx.runtime().vswitchd();
        if (vs != null) {
            return vs.bridges();
        }
        java.util.List<OvsBridge> bs = new java.util.ArrayList<>();
        for (Switch s : ctx.switches()) {
            if (s instanceof OvsBridge b) {
                bs.add(b);
            }
        }
        return bs;
    }

    /** A command line reaches ovs-vswitchd: the revalidators' timer with OVS's clock stopped counts it. */
    static void commandLine(ToolContext ctx) {
        for (io.arplab.flow.Datapath dp : datapaths(ctx)) {
            dp.udpif.commandLine(ctx.now());
        }
    }

    /** The datapaths of the node's bridges (a dummy and a system one may both be there), each once, in their order. */
    static java.util.List<io.arplab.flow.Datapath> datapaths(ToolContext ctx) {
        java.util.List<io.arplab.flow.Datapath> dps = new java.util.ArrayList<>(2);
        for (Switch s : ctx.switches()) {
            if (s instanceof OvsBridge b && dps.stream().noneMatch(d -> d == b.ofproto().datapath)) {
                dps.add(b.ofproto().datapath);
            }
        }
        return dps;
    }

    static Ofproto ofproto(ToolContext ctx, String name) {
        OvsBridge b = bridge(ctx, name);
        return b == null ? null : b.ofproto();
    }

    /** A vlog line as OVS writes it to the console: time|sequence|module|LEVEL|text. */
    static String log(ToolContext ctx, int seq, String moduleLevelText) {
        return stamp(ctx) + String.format("|%05d|", seq) + moduleLevelText;
    }

    /** vlog's %D: the lab's wall clock to the second, UTC. */
    static String stamp(ToolContext ctx) {
        long nanos = ctx.epochNanos() + ctx.now();
        return STAMP.format(Instant.ofEpochSecond(nanos / 1_000_000_000L));
    }
}
