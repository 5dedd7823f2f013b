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
                 long updated, long used, TimerWheel clock) {
        /** The entry now; its times print as the jiffies of its kernel's {@code clock}. */
        static Neigh of(NeighbourEntry n, int callerRefs, TimerWheel clock) {
            return new Neigh(n.dev.name, n.lladdr, n.flags, n.state, n.dead, 1 + n.refs() + callerRefs, n.ip,
                    n.confirmed, n.updated, n.used, clock);
        }

        void append(StringBuilder sb) {
            sb.append("family 2 dev ").append(dev).append(" lladdr ").append(hex(lladdr, 12)).append(" flags ")
                    .append(hex(flags, 2)).append(" nud_state ").append(NudState.of(nudState).traceName)
                    .append(" type 01 dead ").append(dead ? 1 : 0).append(" refcnt ").append(refcnt)
                    .append(" primary_key4 ").append(Ipv4Address.of(ip)).append(" primary_key6 ::ffff:")
                    .append(Ipv4Address.of(ip)).append(" confirmed ").append(clock.jiffies(confirmed))
                    .append(" updated ").append(clock.jiffies(updated)).append(" used ").append(clock.jiffies(used));
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

    /** net:net_dev_queue, net:net_dev_xmit, net:netif_rx, net:netif_receive_skb (class net_dev_template). */
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
            sb.append("dev=").append(dev).append(" skbaddr=0x").append(hex(skbaddr, 16)).append(" len=").append(len);
            if (point == NetPoint.DEV_XMIT) {
                sb.append(" rc=0");
            }
        }
    }

    /**
     * net:net_dev_start_xmit (include/trace/events/net.h), fired by xmit_one() just before the driver's
     * ndo_start_xmit. {@code transportOffset} is -1 while the skb has no transport header (an ARP skb from
     * arp_create() until a receive resets it to the network header).
     */
    record StartXmit(String dev, long skbaddr, int protocol, int len, int transportOffset) implements TraceEvent {
        @Override
        public String name() {
            return "net:net_dev_start_xmit";
        }

        @Override
        public void appendFields(StringBuilder sb) {
            sb.append("dev=").append(dev).append(" queue_mapping=0 skbaddr=0x").append(hex(skbaddr, 16))
                    .append(" vlan_tagged=0 vlan_proto=0x0000 vlan_tci=0x0000 protocol=0x").append(hex(protocol, 4))
                    .append(" ip_summed=0 len=").append(len).append(" data_len=0 network_offset=14 transport_offset_valid=")
                    .append(transportOffset < 0 ? 0 : 1).append(" transport_offset=").append(Math.max(0, transportOffset))
                    .append(" tx_flags=0 gso_size=0 gso_segs=0 gso_type=0");
        }
    }

    /** The events of class net_dev_rx_verbose_template: netif_rx_entry and netif_receive_skb_entry. */
    enum RxEntryPoint {
        NETIF_RX_ENTRY("net:netif_rx_entry"),
        NETIF_RECEIVE_SKB_ENTRY("net:netif_receive_skb_entry");

        final String event;

        RxEntryPoint(String event) {
            this.event = event;
        }
    }

    /** One of {@link RxEntryPoint}'s events: the skb as it enters netif_rx() or netif_receive_skb(). */
    record RxEntry(RxEntryPoint point, String dev, long skbaddr, int protocol, int len, int truesize)
            implements TraceEvent {
        @Override
        public String name() {
            return point.event;
        }

        @Override
        public void appendFields(StringBuilder sb) {
            sb.append("dev=").append(dev).append(" napi_id=0 queue_mapping=0 skbaddr=0x").append(hex(skbaddr, 16))
                    .append(" vlan_tagged=0 vlan_proto=0x0000 vlan_tci=0x0000 protocol=0x").append(hex(protocol, 4))
                    .append(" ip_summed=0 hash=0x00000000 l4_hash=0 len=").append(len).append(" data_len=0 truesize=")
                    .append(truesize).append(" mac_header_valid=1 mac_header=-14 nr_frags=0 gso_size=0 gso_type=0");
        }
    }

    /** The events of class net_dev_rx_exit_template: netif_rx_exit and netif_receive_skb_exit. */
    enum RxExitPoint {
        NETIF_RX_EXIT("net:netif_rx_exit"),
        NETIF_RECEIVE_SKB_EXIT("net:netif_receive_skb_exit");

        final String event;

        RxExitPoint(String event) {
            this.event = event;
        }
    }

    /** One of {@link RxExitPoint}'s events with the function's return value (NET_RX_SUCCESS: 0). */
    record RxExit(RxExitPoint point, int ret) implements TraceEvent {
        @Override
        public String name() {
            return point.event;
        }

        @Override
        public void appendFields(StringBuilder sb) {
            sb.append("ret=").append(ret);
        }
    }

    /** The ethertype skb->protocol holds for an Ethernet frame (eth_type_trans()). */
    static int protocol(byte[] frame) {
        return frame.length < 14 ? 0 : ((frame[12] & 0xff) << 8) | (frame[13] & 0xff);
    }

    /**
     * skb->truesize of a received frame: the kmalloc bucket holding the data and skb_shared_info (320 bytes), plus
     * the sk_buff's own share; 832 for every frame of the recording (ARP and 98-byte ICMP).
     */
    static int truesize(int frameLen) {
        int need = frameLen + 64 + 320;
        int bucket = 512;
        while (bucket < need) {
            bucket <<= 1;
        }
        return bucket + 320;
    }

    /** The tracepoints of one frame crossing a veth, in the kernel's order. */
    static void emitVethCrossing(long now, Tracer tx, String txDev, Tracer rx, String rxDev, long skb, byte[] frame,
                                 int transportOffset) {
        // __dev_queue_xmit → xmit_one → veth_xmit → __netif_rx on the peer; net_dev_xmit once the driver returned
        int proto = protocol(frame);
        int len = Math.max(0, frame.length - 14);
        emitXmitStart(now, tx, txDev, skb, frame, transportOffset);
        if (rx != null) {
            rx.emit(now, new RxEntry(RxEntryPoint.NETIF_RX_ENTRY, rxDev, skb, proto, len, truesize(frame.length)));
            rx.emit(now, new NetDev(NetPoint.NETIF_RX, rxDev, skb, len));
            rx.emit(now, new RxExit(RxExitPoint.NETIF_RX_EXIT, 0));
        }
        emitXmitDone(now, tx, txDev, skb, frame);
    }

    /** __dev_queue_xmit() → xmit_one(): net_dev_queue and net_dev_start_xmit, before the driver's xmit. */
    static void emitXmitStart(long now, Tracer tx, String txDev, long skb, byte[] frame, int transportOffset) {
        tx.emit(now, new NetDev(NetPoint.DEV_QUEUE, txDev, skb, frame.length));
        tx.emit(now, new StartXmit(txDev, skb, protocol(frame), frame.length, transportOffset));
    }

    /** net_dev_xmit, once the driver's xmit returned. */
    static void emitXmitDone(long now, Tracer tx, String txDev, long skb, byte[] frame) {
        tx.emit(now, new NetDev(NetPoint.DEV_XMIT, txDev, skb, frame.length));
    }

    /**
     * The transport offset an skb carries when it leaves a device: the IPv4 header's end when an IP stack built or
     * received it, 14 for any other skb that crossed a receive (__netif_receive_skb_core resets it to the network
     * header), none for a non-IP skb straight from a host's stack.
     */
    static int transportOffset(byte[] frame, boolean received) {
        if (protocol(frame) == 0x0800 && frame.length >= 15) {
            return 14 + (frame[14] & 0x0f) * 4;
        }
        return received ? 14 : -1;
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

    /** bridge:br_fdb_add (br_fdb_add(): an RTM_NEWNEIGH for the bridge's fdb, before it is checked). */
    record FdbAdd(String dev, long mac, int vid, int nlhFlags, int ndmFlags) implements TraceEvent {
        @Override
        public String name() {
            return "bridge:br_fdb_add";
        }

        @Override
        public void appendFields(StringBuilder sb) {
            sb.append("dev ").append(dev).append(" addr ").append(MacAddress.of(mac)).append(" vid ").append(vid)
                    .append(" nlh_flags ").append(hex(nlhFlags, 4)).append(" ndm_flags ").append(hex(ndmFlags, 2));
        }
    }

    /** bridge:fdb_delete (fdb_delete(): ageing, a disabled port, bridge fdb del and flush); dev "null" for the bridge's own. */
    record FdbDelete(String bridge, String port, long mac, int vid) implements TraceEvent {
        @Override
        public String name() {
            return "bridge:fdb_delete";
        }

        @Override
        public void appendFields(StringBuilder sb) {
            sb.append("br_dev ").append(bridge).append(" dev ").append(port == null ? "null" : port).append(" addr ")
                    .append(MacAddress.of(mac)).append(" vid ").append(vid);
        }
    }

    private static String hex(long v, int digits) {
        String s = Long.toHexString(v);
        return s.length() >= digits ? s : "0".repeat(digits - s.length()) + s;
    }
}
