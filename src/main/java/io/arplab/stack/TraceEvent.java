package io.arplab.stack;

import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;

/**
 * A kernel tracepoint event as data. Each kind renders its fields as the kernel's TP_printk does
 * (include/trace/events/neigh.h, net.h, bridge.h), so the perf-script writer and any other reader (a report)
 * consume the same typed event.
 */
public sealed interface TraceEvent {
    /** "subsystem:name", as perf script prints it. */
    String name();

    /** The fields, in the kernel's TP_printk layout. */
    void appendFields(StringBuilder sb);

    /** The neighbour entry fields every neigh_* event carries (struct neighbour at the time of the event). */
    record Neigh(String dev, long lladdr, int flags, int nudState, boolean dead, int refcnt, int ip, long confirmed,
                 long updated, long used) {
        static Neigh of(NeighbourEntry n, int callerRefs) {
            return new Neigh(n.dev.name, n.lladdr, n.flags, n.state, n.dead, 1 + n.refs() + callerRefs, n.ip,
                    n.confirmed, n.updated, n.used);
        }

        void append(StringBuilder sb) {
            sb.append("family 2 dev ").append(dev).append(" lladdr ").append(hex(lladdr, 12)).append(" flags ")
                    .append(hex(flags, 2)).append(" nud_state ").append(NudState.of(nudState).traceName)
                    .append(" type 01 dead ").append(dead ? 1 : 0).append(" refcnt ").append(refcnt)
                    .append(" primary_key4 ").append(Ipv4Address.of(ip)).append(" primary_key6 ::ffff:")
                    .append(Ipv4Address.of(ip)).append(" confirmed ").append(Jiffies.of(confirmed))
                    .append(" updated ").append(Jiffies.of(updated)).append(" used ").append(Jiffies.of(used));
        }
    }

    /** neigh:neigh_create (neigh_alloc via ___neigh_create). */
    record NeighCreate(String dev, int entries, int ip, boolean gcExempt) implements TraceEvent {
        @Override
        public String name() {
            return "neigh:neigh_create";
        }

        @Override
        public void appendFields(StringBuilder sb) {
            sb.append("family 2 dev ").append(dev).append(" entries ").append(entries).append(" primary_key4 ")
                    .append(Ipv4Address.of(ip)).append(" primary_key6 :: created 1 gc_exempt ").append(gcExempt ? 1 : 0);
        }
    }

    /** neigh:neigh_update (__neigh_update, before the change). */
    record NeighUpdate(Neigh entry, long newLladdr, int newState, int updateFlags) implements TraceEvent {
        @Override
        public String name() {
            return "neigh:neigh_update";
        }

        @Override
        public void appendFields(StringBuilder sb) {
            entry.append(sb);
            sb.append(" new_lladdr ").append(hex(newLladdr, 12)).append(" new_state ")
                    .append(NudState.of(newState).traceName).append(" update_flags ").append(hex(updateFlags & 0xff, 2))
                    .append(" pid 0");
        }
    }

    /** The neigh_* events of class neigh__update: update_done, timer_handler, event_send_done ... */
    enum NeighPoint {
        UPDATE_DONE("neigh:neigh_update_done"),
        TIMER_HANDLER("neigh:neigh_timer_handler"),
        EVENT_SEND_DONE("neigh:neigh_event_send_done"),
        EVENT_SEND_DEAD("neigh:neigh_event_send_dead"),
        CLEANUP_AND_RELEASE("neigh:neigh_cleanup_and_release");

        final String event;

        NeighPoint(String event) {
            this.event = event;
        }
    }

    /** One of {@link NeighPoint}'s events, with the entry after the change and the error. */
    record NeighDone(NeighPoint point, Neigh entry, int err) implements TraceEvent {
        @Override
        public String name() {
            return point.event;
        }

        @Override
        public void appendFields(StringBuilder sb) {
            entry.append(sb);
            sb.append(" err ").append(err);
        }
    }

    /** net:net_dev_queue, net:net_dev_xmit, net:netif_rx, net:netif_receive_skb. */
    enum NetPoint {
        DEV_QUEUE("net:net_dev_queue"),
        DEV_XMIT("net:net_dev_xmit"),
        NETIF_RX("net:netif_rx"),
        NETIF_RECEIVE_SKB("net:netif_receive_skb");

        final String event;

        NetPoint(String event) {
            this.event = event;
        }
    }

    /** A frame passing a device; {@code len} is skb->len at that point (no Ethernet header on receive). */
    record NetDev(NetPoint point, String dev, long skbaddr, int len) implements TraceEvent {
        @Override
        public String name() {
            return point.event;
        }

        @Override
        public void appendFields(StringBuilder sb) {
            sb.append("dev=").append(dev).append(" skbaddr=").append(hex(skbaddr, 16)).append(" len=").append(len);
            if (point == NetPoint.DEV_XMIT) {
                sb.append(" rc=0");
            }
        }
    }

    /** bridge:br_fdb_update (br_fdb_update, when an entry is created or moves). */
    record FdbUpdate(String bridge, String port, long mac, int vid, int flags) implements TraceEvent {
        @Override
        public String name() {
            return "bridge:br_fdb_update";
        }

        @Override
        public void appendFields(StringBuilder sb) {
            sb.append("br_dev ").append(bridge).append(" source ").append(port).append(" addr ")
                    .append(MacAddress.of(mac)).append(" vid ").append(vid).append(" flags 0x").append(Integer.toHexString(flags));
        }
    }

    private static String hex(long v, int digits) {
        String s = Long.toHexString(v);
        return s.length() >= digits ? s : "0".repeat(digits - s.length()) + s;
    }
}
