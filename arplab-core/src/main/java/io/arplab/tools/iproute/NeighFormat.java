package io.arplab.tools.iproute;

import io.arplab.device.FdbEntry;
import io.arplab.device.Switch;
import io.arplab.stack.Jiffies;
import io.arplab.stack.NeighbourEntry;
import io.arplab.stack.NeighbourTable;
import io.arplab.stack.NetDevice;
import io.arplab.stack.NudState;

/**
 * Neighbour messages as iproute2 6.1 prints them (ip/ipneigh.c print_neigh, bridge/fdb.c print_fdb): each field
 * followed by one space, the cache ages in seconds of USER_HZ clock ticks.
 */
public final class NeighFormat {
    private NeighFormat() {}

    private static final int USER_HZ = 100;

    /**
     * The age the kernel reports for a timestamp: jiffies_to_clock_t(jiffies - t) at HZ=250 (x * 4 ms / 10 ms,
     * truncated), which iproute2 then divides by USER_HZ.
     */
    public static long ageSeconds(long now, long t) {
        long dj = Jiffies.of(now) - Jiffies.of(t);
        if (dj < 0) {
            dj = 0;
        }
        long clockT = dj * (1_000_000_000L / Jiffies.HZ) / (1_000_000_000L / USER_HZ);
        return clockT / USER_HZ;
    }

    /** The NUD state flags as print_neigh_state() prints them, each followed by a space. */
    public static String states(int nud) {
        StringBuilder sb = new StringBuilder();
        for (NudState s : new NudState[] {NudState.INCOMPLETE, NudState.REACHABLE, NudState.STALE, NudState.DELAY,
                NudState.PROBE, NudState.FAILED, NudState.NOARP, NudState.PERMANENT}) {
            if ((nud & s.bits) != 0) {
                sb.append(s.label).append(' ');
            }
        }
        return sb.toString();
    }

    /** {@link #neigh(NeighbourEntry, long, int, boolean, boolean, boolean)} without colours. */
    public static String neigh(NeighbourEntry n, long now, int stats, boolean showDev, boolean deleted) {
        return neigh(n, now, stats, showDev, deleted, false);
    }

    /**
     * One ARP-table entry: {@code [Deleted ]ADDR [dev DEV ][lladdr MAC ][router ][ ref N][ used A/B/Cprobes P
     * ]STATE }. {@code showDev} is false when the listing was filtered by device; {@code color}: -c's colours.
     */
    public static String neigh(NeighbourEntry n, long now, int stats, boolean showDev, boolean deleted,
                               boolean color) {
        return neigh(n, now, stats, showDev, deleted, color, 0);
    }

    /**
     * A neighbour notification as print_neigh() shows it: RTM_DELNEIGH's {@code Deleted }, RTM_GETNEIGH's
     * (neigh_app_ns()) {@code miss }, then the entry.
     */
    public static String notification(NeighbourEntry n, long now, int stats, int type, boolean color) {
        String entry = neigh(n, now, stats, true, type == NeighbourTable.RTM_DELNEIGH, color);
        return type == NeighbourTable.RTM_GETNEIGH ? "miss " + entry : entry;
    }

    /** {@link #neigh(NeighbourEntry, long, int, boolean, boolean, boolean)} while {@code held} more references. */
    static String neigh(NeighbourEntry n, long now, int stats, boolean showDev, boolean deleted, boolean color,
                        int held) {
        StringBuilder sb = new StringBuilder();
        if (deleted) {
            sb.append("Deleted ");
        }
        sb.append(Color.paint(color, Color.INET, n.address() + " "));
        if (showDev) {
            sb.append("dev ").append(Color.paint(color, Color.IFNAME, n.device().name + " "));
        }
        int state = n.stateBits();
        // neigh_fill_info(): NDA_LLADDR only while the address is valid
        if ((state & NudState.VALID) != 0) {
            sb.append("lladdr ").append(Color.paint(color, Color.MAC, n.lladdr() + " "));
        }
        if (n.isRouter()) {
            sb.append("router ");
        }
        if (n.isExternLearned()) {
            sb.append("extern_learn ");
        }
        if (stats > 0) {
            if (n.refs() + held > 0) {
                sb.append(" ref ").append(n.refs() + held);
            }
            sb.append(" used ").append(ageSeconds(now, n.used())).append('/').append(ageSeconds(now, n.confirmed()))
                    .append('/').append(ageSeconds(now, n.updated()));
            sb.append("probes ").append(n.probes()).append(' ');
        }
        if (state != 0) {
            sb.append(states(state));
        }
        if (n.protocol() != 0) {
            sb.append("proto ").append(IpRoute.rtProtName(n.protocol())).append(' ');
        }
        return sb.toString();
    }

    /** print_neigh() with -br: the address, the device unless filtered by one, and the lladdr while valid. */
    public static String brief(NeighbourEntry n, boolean showDev, boolean color) {
        StringBuilder sb = new StringBuilder(Color.paint(color, Color.INET, String.format("%-39s ", n.address())));
        if (showDev) {
            sb.append(Color.paint(color, Color.IFNAME, String.format("%-16s ", n.device().name)));
        }
        if ((n.stateBits() & NudState.VALID) != 0) {
            sb.append(Color.paint(color, Color.MAC, n.lladdr().toString()));
        }
        return sb.toString();
    }

    /** print_neigh() with -j: the same facts as {@link #neigh} under their JSON keys. */
    static void json(Json j, NeighbourEntry n, long now, int stats, boolean showDev) {
        j.startObject().field("dst", n.address().toString());
        if (showDev) {
            j.field("dev", n.device().name);
        }
        int state = n.stateBits();
        if ((state & NudState.VALID) != 0) {
            j.field("lladdr", n.lladdr().toString());
        }
        if (n.isRouter()) {
            j.name("router").nul();
        }
        if (n.isExternLearned()) {
            j.name("extern_learn").nul();
        }
        if (stats > 0) {
            if (n.refs() > 0) {
                j.field("refcnt", n.refs());
            }
            j.field("used", ageSeconds(now, n.used())).field("confirmed", ageSeconds(now, n.confirmed()))
                    .field("updated", ageSeconds(now, n.updated())).field("probes", n.probes());
        }
        if (state != 0) {
            j.strings("state", java.util.List.of(states(state).trim().split(" ")));
        }
        if (n.protocol() != 0) {
            j.field("protocol", IpRoute.rtProtName(n.protocol()));
        }
        j.endObject();
    }

    /** fdb_to_nud(): local → PERMANENT, static → NOARP, expired → STALE, else REACHABLE. */
    public static int fdbState(FdbEntry e, Switch br, long now) {
        if (e.isLocal()) {
            return NudState.PERMANENT.bits;
        }
        if (e.isStatic()) {
            return NudState.NOARP.bits;
        }
        if (e.updated() + br.fdb().ageingTime() <= now) {
            return NudState.STALE.bits;
        }
        return NudState.REACHABLE.bits;
    }

    /** An AF_BRIDGE neighbour notification as {@code ip monitor neigh} prints it (no address, just dev and lladdr). */
    public static String fdbAsNeigh(FdbEntry e, Switch br, NetDevice dev, long now, int stats, boolean deleted) {
        StringBuilder sb = new StringBuilder();
        if (deleted) {
            sb.append("Deleted ");
        }
        sb.append("dev ").append(dev.name).append(' ');
        sb.append("lladdr ").append(e.mac()).append(' ');
        if (stats > 0) {
            sb.append(" used ").append(ageSeconds(now, e.used())).append("/0/").append(ageSeconds(now, e.updated()));
        }
        sb.append(states(fdbState(e, br, now)));
        return sb.toString();
    }
}
