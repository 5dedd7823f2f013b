package io.arplab.stack;

import static io.arplab.wire.Bytes.put16;
import static io.arplab.wire.Bytes.put32;

import io.arplab.stack.HostStack.Outbox;
import io.arplab.wire.InternetChecksum;
import java.util.ArrayList;
import java.util.List;

/**
 * IGMPv3 (net/ipv4/igmp.c) as far as the groups the kernel joins itself: a group joined on a device
 * (ip_mc_inc_group() → igmp_group_added()) gets a change record repeated net.ipv4.igmp_qrv times (crcount), and
 * igmp_ifc_event() arms the device's report timer two jiffies ahead; igmp_ifc_timer_expire() sends the records
 * (igmpv3_send_cr(): CHANGE_TO_EXCLUDE for a group with no source filter) to 224.0.0.22 and re-arms the timer a
 * random part of igmpv3_unsolicited_report_interval ahead (igmp_ifc_start_timer()) until mr_ifc_count runs out.
 * A group left is kept as a tomb (igmpv3_add_delrec()) whose CHANGE_TO_INCLUDE records go first, as many times.
 * The device going down stops it all (ip_mc_down(); the tomb of a group it joins again on coming up goes then).
 */
final class Igmp {
    /** IGMPV3_ALL_MCR: where IGMPv3 reports go. */
    static final int ALL_MCR = 0xe000_0016;
    /** IGMP_ALL_HOSTS: joined by every device, never reported. */
    private static final int ALL_HOSTS = 0xe000_0001;
    private static final int ETH = 14;
    /** IGMPV3_HOST_MEMBERSHIP_REPORT and the record type IGMPV3_CHANGE_TO_EXCLUDE. */
    private static final int V3_REPORT = 0x22;
    private static final int CHANGE_TO_INCLUDE = 3;
    private static final int CHANGE_TO_EXCLUDE = 4;
    /** sysctl_igmp_qrv (IGMP_QUERY_ROBUSTNESS_VARIABLE) and igmpv3_unsolicited_report_interval (1000 ms). */
    private static final int QRV = 2;
    private static final long UNSOLICITED_INTERVAL_JIFFIES = 250;

    /** A device's in_device multicast state: its groups' pending change records and its report timer. */
    private static final class InDev {
        final NetDevice dev;
        final List<int[]> groups = new ArrayList<>(1); // {group, crcount}
        final List<int[]> tombs = new ArrayList<>(0); // mc_tomb: {group, crcount} of the groups left
        int ifcCount;
        long due = Long.MAX_VALUE;

        InDev(NetDevice dev) {
            this.dev = dev;
        }
    }

    private final Netns ns;
    private final List<InDev> devs = new ArrayList<>(1);

    Igmp(Netns ns) {
        this.ns = ns;
    }

    /** ip_mc_inc_group() of a new group on a running device: igmp_group_added() then igmp_ifc_event(). */
    void join(long now, NetDevice dev, int group) {
        InDev d = inDev(dev);
        for (int[] g : d.groups) {
            if (g[0] == group) {
                return; // im->users++ only
            }
        }
        d.tombs.removeIf(t -> t[0] == group); // igmpv3_del_delrec()
        d.groups.add(new int[] {group, reportable(group) ? QRV : 0});
        if (reportable(group)) {
            d.ifcCount = QRV;
            startTimer(now, d, 1);
        }
    }

    /**
     * A group joined before time 0 whose reports are long gone: no change record left, no timer; its reports made
     * 224.0.0.22's NOARP neighbour (ip_finish_output2() → arp_constructor()).
     */
    void joinedEarlier(long now, NetDevice dev, int group) {
        InDev d = inDev(dev);
        if (d.groups.stream().noneMatch(g -> g[0] == group)) {
            d.groups.add(new int[] {group, 0});
        }
        if (reportable(group)) {
            ns.neighbours().noarp(now, dev, ALL_MCR, 0x0100_5e00_0016L);
        }
    }

    /** ip_mc_dec_group() of its last user: igmp_group_dropped() → igmpv3_add_delrec() then igmp_ifc_event(). */
    void leave(long now, NetDevice dev, int group) {
        InDev d = inDev(dev);
        if (!d.groups.removeIf(g -> g[0] == group) || !reportable(group)) {
            return;
        }
        d.tombs.add(new int[] {group, QRV});
        d.ifcCount = QRV;
        startTimer(now, d, 1);
    }

    /** ip_mc_down(): the device's groups are dropped and its report timer stopped, with nothing sent. */
    void down(NetDevice dev) {
        devs.removeIf(d -> d.dev == dev);
    }

    /** igmp_ifc_timer_expire() of every device whose timer is due. */
    void advance(long now, Outbox out) {
        for (int i = 0; i < devs.size(); i++) {
            InDev d = devs.get(i);
            if (d.due > now) {
                continue;
            }
            d.due = Long.MAX_VALUE;
            sendChangeReport(now, d, out);
            if (d.ifcCount > 0 && --d.ifcCount > 0) {
                startTimer(now, d, UNSOLICITED_INTERVAL_JIFFIES);
            }
        }
    }

    long nextDeadline() {
        long t = Long.MAX_VALUE;
        for (InDev d : devs) {
            t = Math.min(t, d.due);
        }
        return t;
    }

    /** igmp_ifc_start_timer(): mod_timer(jiffies + get_random_u32_below(delay) + 2). */
    private void startTimer(long now, InDev d, long delay) {
        long tv = delay <= 1 ? 0 : ns.random().nextLong(delay);
        d.due = ns.wheel().expiry(now, now + (tv + 2) * TimerWheel.TICK);
    }

    /** ipv4_is_local_multicast() groups but 224.0.0.1 are reported (igmp_link_local_mcast_reports is 1). */
    private static boolean reportable(int group) {
        return group != ALL_HOSTS;
    }

    /**
     * igmpv3_send_cr(): one report with a record per tomb, then per group, whose crcount is left; igmpv3_newpack()
     * builds its IP header (tos 0xc0, DF, id 0, TTL 1, Router Alert) from inet_select_addr(dev, 0, RT_SCOPE_LINK).
     */
    private void sendChangeReport(long now, InDev d, Outbox out) {
        List<int[]> records = new ArrayList<>(1); // {type, group}
        for (int[] t : d.tombs) {
            records.add(new int[] {CHANGE_TO_INCLUDE, t[0]});
            t[1]--;
        }
        d.tombs.removeIf(t -> t[1] == 0);
        for (int[] g : d.groups) {
            if (g[1] > 0) {
                records.add(new int[] {CHANGE_TO_EXCLUDE, g[0]});
                g[1]--;
            }
        }
        if (records.isEmpty()) {
            return;
        }
        int igmpLen = 8 + 8 * records.size();
        byte[] f = new byte[ETH + 24 + igmpLen];
        int ip = ETH;
        f[ip] = 0x46;
        f[ip + 1] = (byte) 0xc0;
        put16(f, ip + 2, 24 + igmpLen);
        put16(f, ip + 6, 0x4000);
        f[ip + 8] = 1;
        f[ip + 9] = 2; // IPPROTO_IGMP
        put32(f, ip + 12, ns.selectAddress(d.dev, 0, NetDevice.SCOPE_LINK));
        put32(f, ip + 16, ALL_MCR);
        put32(f, ip + 20, 0x9404_0000); // IPOPT_RA, length 4, value 0
        put16(f, ip + 10, InternetChecksum.compute(f, ip, 24));
        int g = ip + 24;
        f[g] = V3_REPORT;
        put16(f, g + 6, records.size());
        for (int i = 0; i < records.size(); i++) {
            int r = g + 8 + 8 * i;
            f[r] = (byte) records.get(i)[0];
            put32(f, r + 4, records.get(i)[1]);
        }
        put16(f, g + 2, InternetChecksum.compute(f, g, igmpLen));
        if (ns.ipOutput().mayLeave(now, f, null, d.dev, out)) {
            ns.ipOutput().finishOutput(now, d.dev, ALL_MCR, null, f, out);
        }
    }

    private InDev inDev(NetDevice dev) {
        for (InDev d : devs) {
            if (d.dev == dev) {
                return d;
            }
        }
        InDev d = new InDev(dev);
        devs.add(d);
        return d;
    }
}
