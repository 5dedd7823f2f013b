package io.arplab.tools.iproute;

import io.arplab.device.FdbEntry;
import io.arplab.device.Switch;
import io.arplab.stack.HostStack;
import io.arplab.stack.NetDevice;
import io.arplab.tools.ToolContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ip monitor [neigh | all] [label]}: prints neighbour notifications as they happen until interrupted,
 * including the bridge fdb's AF_BRIDGE neighbour messages of bridges in this namespace (ip/ipmonitor.c).
 */
final class IpMonitor {
    private static final DateTimeFormatter SHORT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final ToolContext ctx;
    private final HostView view;
    private final HostStack stack;
    private final Ip.Options o;
    private boolean banner;
    private NetDevice filterDev;

    IpMonitor(ToolContext ctx, HostView view, Ip.Options o) {
        this.ctx = ctx;
        this.view = view;
        this.stack = view.stack;
        this.o = o;
    }

    int run(Args a) {
        boolean neigh = true;
        while (a.more()) {
            String w = a.take();
            if (Args.matches(w, "label")) {
                banner = true;
            } else if (w.equals("all")) {
                banner = true;
                neigh = true;
            } else if (Args.matches(w, "neigh")) {
                neigh = true;
            } else if (Args.matches(w, "link") || Args.matches(w, "address") || Args.matches(w, "route")
                    || Args.matches(w, "mroute") || Args.matches(w, "prefix") || Args.matches(w, "netconf")
                    || Args.matches(w, "rule") || Args.matches(w, "nsid") || Args.matches(w, "nexthop")
                    || Args.matches(w, "stats")) {
                neigh = false; // such events are not emulated: nothing to print
            } else if (Args.matches(w, "all-nsid")) {
                // one namespace only
            } else if (w.equals("dev")) {
                String v = a.value();
                filterDev = stack.device(v);
                if (filterDev == null) {
                    throw new CommandExit(255, "Device \"" + v + "\" does not exist.");
                }
            } else if (Args.matches(w, "help")) {
                throw new CommandExit(255, "Usage: ip monitor [ all | OBJECTS ] [ FILE ] [ label ] [ all-nsid ]\n"
                        + "                  [ dev DEVICE ]\n"
                        + "OBJECTS :=  address | link | mroute | neigh | netconf |\n"
                        + "            nexthop | nsid | prefix | route | rule | stats");
            } else {
                throw new CommandExit(255, "Argument \"" + w + "\" is unknown, try \"ip monitor help\".");
            }
        }
        List<Runnable> undo = new ArrayList<>();
        if (neigh) {
            HostStack.NeighbourMonitor m = (now, n, type) -> {
                if (filterDev == null || n.device() == filterDev) {
                    print(now, NeighFormat.notification(n, now, o.stats, type, o.colored()));
                }
            };
            stack.addNeighbourMonitor(m);
            undo.add(() -> stack.removeNeighbourMonitor(m));
            for (Map.Entry<NetDevice, Switch> e : view.bridges().entrySet()) {
                Switch br = e.getValue();
                if (br.fdb() == null) {
                    continue;
                }
                io.arplab.device.Fdb.Listener l = (now, f, deleted) -> fdb(now, br, f, deleted);
                br.fdb().addListener(l);
                undo.add(() -> br.fdb().removeListener(l));
            }
        }
        ctx.onInterrupt(() -> undo.forEach(Runnable::run));
        return -1;
    }

    private void fdb(long now, Switch br, FdbEntry f, boolean deleted) {
        NetDevice dev = view.portDevice(br, f.port());
        if (dev == null || filterDev != null && dev != filterDev) {
            return;
        }
        print(now, NeighFormat.fdbAsNeigh(f, br, dev, now, o.stats, deleted));
    }

    private void print(long now, String line) {
        StringBuilder sb = new StringBuilder();
        if (o.timestamp) {
            long wall = ctx.epochNanos() + now;
            Instant t = Instant.ofEpochSecond(Math.floorDiv(wall, 1_000_000_000L), Math.floorMod(wall, 1_000_000_000L));
            long usec = Math.floorMod(wall, 1_000_000_000L) / 1000;
            if (o.tshort) {
                sb.append('[').append(SHORT.format(t)).append('.').append(String.format("%06d", usec)).append("] ");
            } else {
                sb.append("Timestamp: ").append(ASCTIME.format(t)).append(' ').append(usec).append(" usec\n");
            }
        }
        if (banner) {
            sb.append("[NEIGH]");
        }
        sb.append(line);
        ctx.out().println(sb);
        ctx.out().flush();
    }
}
