package io.arplab.tools.ovs;

import io.arplab.stack.Errno;
import io.arplab.wire.libc.CLib;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dummy datapaths dpctl/add-dp creates beside ovs-vswitchd's own (lib/dpctl.c dpctl_add_dp(), dpctl_del_dp(),
 * dpctl_add_if(), dpctl_set_if(), dpctl_del_if(), show_dpif(); lib/dpif-netdev.c create_dp(), do_add_port(),
 * do_del_port()): each with its ports by number, no ofproto on it. The process's state (namespaceState()).
 */
final class DpctlDatapaths {
    /** A datapath port: its name and dpif type. */
    private record Port(String name, String type) {}

    /** The datapaths by name ("br1" of dummy@br1), each its ports by number. */
    private final Map<String, TreeMap<Long, Port>> dps = new LinkedHashMap<>();
    /** Their flow tables, by the same names. */
    private final Map<String, io.arplab.flow.DpifNetdevFlows> tables = new LinkedHashMap<>();

    /** The flow table of the datapath {@code arg} names ("dummy@NAME"), or null when there is none. */
    io.arplab.flow.DpifNetdevFlows table(String arg) {
        return tables.get(extra(arg));
    }

    /** The name a "dummy@NAME" argument gives, or null for another class or ovs-vswitchd's own datapath. */
    private static String extra(String arg) {
        return arg.startsWith("dummy@") && !arg.equals(OvsTools.DATAPATH) ? arg.substring("dummy@".length()) : null;
    }

    /** Whether {@code arg} names a datapath of this registry (an existing one, or one add-dp would create). */
    static boolean handles(String arg) {
        return extra(arg) != null;
    }

    /** The datapaths' names (without their class), for dpctl/dump-dps. */
    List<String> names() {
        return List.copyOf(dps.keySet());
    }

    /** The outcome of one command: its output, its error lines and exit status (0, or the last errno's 2). */
    record Outcome(String out, List<String> errors, int status) {}

    Outcome run(String cmd, List<String> args) {
        String full = args.get(0);
        String name = extra(full);
        StringBuilder out = new StringBuilder();
        List<String> errors = new ArrayList<>();
        TreeMap<Long, Port> ports = dps.get(name);
        if (cmd.equals("dpctl/add-dp")) {
            if (ports != null) { // dpif_create(): dp_netdev_lookup() finds it
                errors.add("ovs-vswitchd: add_dp (" + Errno.EEXIST.text + ")");
                return new Outcome("", errors, 2);
            }
            // create_dp(): the local port, named after the datapath, of type internal (dummy-internal here)
            ports = new TreeMap<>();
            ports.put(0L, new Port(name, "dummy-internal"));
            dps.put(name, ports);
            tables.put(name, new io.arplab.flow.DpifNetdevFlows());
            return args.size() > 1 ? addIf(full, ports, args, errors) : new Outcome("", errors, 0);
        }
        if (ports == null) { // parsed_dpif_open(): dpif_netdev_open() of a name not created
            errors.add("ovs-vswitchd: " + (cmd.equals("dpctl/show") ? "opening datapath " + full + " failed"
                    : "opening datapath") + " (" + Errno.ENODEV.text + ")");
            return new Outcome("", errors, 2);
        }
        switch (cmd) {
            case "dpctl/del-dp" -> {
                dps.remove(name);
                tables.remove(name);
            }
            case "dpctl/show", "dpctl/show -s" -> {
                // show_dpif(): the stats (no masks line: n_masks is UINT32_MAX), the ports by number
                out.append(full).append(":\n  lookups: hit:0 missed:0 lost:0\n  flows: ")
                        .append(tables.get(name).size())
                        .append('\n');
                ports.forEach((no, p) -> out.append("  port ").append(no).append(": ").append(p.name())
                        .append(" (").append(p.type()).append(")\n").append(cmd.endsWith("-s")
                                ? io.arplab.flow.DpifNetdevFlows.idlePortStats() : ""));
            }
            case "dpctl/add-if" -> {
                return addIf(full, ports, args, errors);
            }
            case "dpctl/set-if" -> {
                return setIf(full, ports, args, errors);
            }
            default -> { // dpctl/del-if
                return delIf(full, ports, args, errors);
            }
        }
        return new Outcome(out.toString(), errors, 0);
    }

    // dpctl_add_if(): NAME[,type=T][,port_no=N][,KEY=VALUE]..., type "system" by default; do_add_port()
    private static Outcome addIf(String full, TreeMap<Long, Port> ports, List<String> args, List<String> errors) {
        int status = 0;
        for (String arg : args.subList(1, args.size())) {
            String[] parts = arg.split(",");
            String name = parts[0];
            String type = "system";
            Long portNo = null;
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].split("=", 2);
                if (kv[0].equals("type")) {
                    type = kv.length > 1 ? kv[1] : "";
                } else if (kv[0].equals("port_no")) {
                    portNo = CLib.atoi(kv.length > 1 ? kv[1] : "") & 0xffffffffL;
                }
            }
            if (!type.equals("dummy")) { // netdev_open() of the other classes is not modelled
                errors.add("ovs-vswitchd: \"dpctl/add-if\" of a port of type " + type + " is not modelled by arplab");
                status = 2;
                continue;
            }
            if (ports.values().stream().anyMatch(p -> p.name().equals(name))) {
                errors.add("ovs-vswitchd: adding " + name + " to " + full + " failed (" + Errno.EEXIST.text + ")");
                status = 2;
            } else if (portNo != null && ports.containsKey(portNo)) {
                errors.add("ovs-vswitchd: adding " + name + " to " + full + " failed (" + Errno.EBUSY.text + ")");
                status = 2;
            } else {
                ports.put(portNo != null ? portNo : choosePort(ports, name), new Port(name, type));
            }
        }
        return new Outcome("", errors, status);
    }

    // choose_port() on a dummy datapath: the number in the name (plus 100 for a name starting "br") if free, else
    // the lowest free number from 1
    private static long choosePort(TreeMap<Long, Port> ports, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d+").matcher(name);
        if (m.find() && m.group().length() < 10) {
            long no = (name.startsWith("br") ? 100 : 0) + Long.parseLong(m.group());
            if (no > 0 && !ports.containsKey(no)) {
                return no;
            }
        }
        long no = 1;
        while (ports.containsKey(no)) {
            no++;
        }
        return no;
    }

    // dpctl_set_if(): the port by name; a type or port_no other than its own refused
    private static Outcome setIf(String full, TreeMap<Long, Port> ports, List<String> args, List<String> errors) {
        int status = 0;
        for (String arg : args.subList(1, args.size())) {
            String[] parts = arg.split(",");
            String name = parts[0];
            Map.Entry<Long, Port> port = ports.entrySet().stream().filter(e -> e.getValue().name().equals(name))
                    .findFirst().orElse(null);
            if (port == null) {
                errors.add("ovs-vswitchd: " + name + ": failed to query port in " + full + " ("
                        + Errno.ENODEV.text + ")");
                status = 2;
                continue;
            }
            for (int i = 1; i < parts.length; i++) {
                String[] kv = parts[i].split("=", 2);
                String value = kv.length > 1 ? kv[1] : "";
                if (kv[0].equals("type") && !value.equals(port.getValue().type())) {
                    errors.add("ovs-vswitchd: " + name + ": can't change type from " + port.getValue().type() + " to "
                            + value);
                    status = 2;
                    break;
                } else if (kv[0].equals("port_no") && (CLib.atoi(value) & 0xffffffffL) != port.getKey()) {
                    errors.add("ovs-vswitchd: " + name + ": can't change port number from " + port.getKey() + " to "
                            + CLib.atoi(value));
                    status = 2;
                    break;
                }
            }
        }
        return new Outcome("", errors, status);
    }

    // dpctl_del_if(): a port by number (all digits) or name; the local port refused (do_del_port()'s EINVAL)
    private static Outcome delIf(String full, TreeMap<Long, Port> ports, List<String> args, List<String> errors) {
        int status = 0;
        for (String name : args.subList(1, args.size())) {
            Long no;
            if (name.matches("\\d*")) {
                no = CLib.atoi(name) & 0xffffffffL;
            } else {
                no = ports.entrySet().stream().filter(e -> e.getValue().name().equals(name)).map(Map.Entry::getKey)
                        .findFirst().orElse(null);
                if (no == null) {
                    errors.add("ovs-vswitchd: no port named " + name);
                    status = 2;
                    continue;
                }
            }
            if (no == 0) {
                errors.add("ovs-vswitchd: deleting port " + name + " from " + full + " failed ("
                        + Errno.EINVAL.text + ")");
                status = 2;
            } else if (ports.remove(no) == null) {
                errors.add("ovs-vswitchd: deleting port " + name + " from " + full + " failed ("
                        + Errno.ENODEV.text + ")");
                status = 2;
            }
        }
        return new Outcome("", errors, status);
    }
}
