package io.arplab.flow;

import io.arplab.wire.Bytes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A bridge's multicast snooping table (lib/mcast-snooping.c): groups learned from IGMP
 * and MLD reports per VLAN and bundle (an LRU of groups, each an LRU of its bundles, expiring after the idle time),
 * the multicast routers learned from queries (180 s), and the ports configured to take every multicast (flood) or
 * every report (flood-reports). A group's address is an IPv6 address, IPv4 mapped (::ffff:a.b.c.d). Times are in
 * seconds of the bridge's clock.
 */
public final class McastSnooping {
    /** MCAST_MROUTER_PORT_IDLE_TIME. */
    static final int MROUTER_IDLE = 180;

    /** struct mcast_group: a group (its IPv6 address's two halves) in a VLAN, its bundles least recent first. */
    public static final class Group {
        public final long hi, lo;
        public final int vlan;
        public final List<Bundle> bundles = new ArrayList<>();

        Group(long hi, long lo, int vlan) {
            this.hi = hi;
            this.lo = lo;
            this.vlan = vlan;
        }

        /** ipv6_format_mapped(): an IPv4-mapped address dotted, another as IPv6. */
        public String address() {
            if (hi == 0 && lo >>> 32 == 0xffff) {
                return MatchFormat.ip(lo & 0xffffffffL);
            }
            return new io.arplab.wire.Ipv6Address(hi, lo).toString(); // inet_ntop()
        }
    }

    /** in6_addr_mapped_ipv4(). */
    static long mapped(long ip4) {
        return 0xffff_0000_0000L | ip4;
    }

    /** struct mcast_group_bundle and struct mcast_mrouter_bundle: a bundle (its port), and when it expires. */
    public static final class Bundle {
        public final long port;
        public final int vlan;
        public long expires;

        Bundle(long port, int vlan, long expires) {
            this.port = port;
            this.vlan = vlan;
            this.expires = expires;
        }
    }

    /** group_lru: least recently used first. */
    public final List<Group> groups = new ArrayList<>();
    /** mrouter_lru. */
    public final List<Bundle> mrouters = new ArrayList<>();
    /** fport_list and rport_list: the ports flagged mcast-snooping-flood and mcast-snooping-flood-reports. */
    final List<Long> floodPorts = new ArrayList<>();
    final List<Long> reportPorts = new ArrayList<>();
    public int idleTime = 300;
    int maxEntries = 2048;
    boolean floodUnreg = true;

    /** mcast_snooping_set_idle_time(): 15 to 3600 s, the entries' expiry moved by the change. */
    public void setIdleTime(int t) {
        t = t < 15 ? 15 : Math.min(t, 3600);
        int delta = t - idleTime;
        groups.forEach(g -> g.bundles.forEach(b -> b.expires += delta));
        idleTime = t;
    }

    /** mcast_snooping_set_max_entries(): 10 to a million. */
    public void setMaxEntries(int n) {
        maxEntries = n < 10 ? 10 : Math.min(n, 1_000_000);
    }

    /** mcast_snooping_set_flood_unreg(); whether it changed. */
    public boolean setFloodUnreg(boolean enable) {
        boolean changed = floodUnreg != enable;
        floodUnreg = enable;
        return changed;
    }

    /**
     * mcast_snooping_set_port_flood() and ..._flood_reports(): a port set is appended to its list
     * (mcast_snooping_add_port()) unless already there, where it keeps its place; a port cleared leaves it.
     */
    public void setPortFlags(long port, boolean flood, boolean floodReports) {
        setPort(floodPorts, port, flood);
        setPort(reportPorts, port, floodReports);
    }

    private static void setPort(List<Long> list, long port, boolean set) {
        if (!set) {
            list.remove((Long) port);
        } else if (!list.contains(port)) {
            list.add(port);
        }
    }

    /** mcast_snooping_lookup4(). */
    Group lookup(long hi, long lo, int vlan) {
        for (Group g : groups) {
            if (g.hi == hi && g.lo == lo && g.vlan == vlan) {
                return g;
            }
        }
        return null;
    }

    private Bundle mrouter(int vlan, long port) {
        for (Bundle m : mrouters) {
            if (m.vlan == vlan && m.port == port) {
                return m;
            }
        }
        return null;
    }

    /**
     * mcast_snooping_add_group(): nothing for a router or flood port; a new group (the least recently used one
     * evicted when the table is full) or the group refreshed, the bundle last in its LRU. Returns whether the group
     * is new.
     */
    boolean addGroup(long hi, long lo, int vlan, long port, long now) {
        if (mrouter(vlan, port) != null || floodPorts.contains(port)) {
            return false;
        }
        Group g = lookup(hi, lo, vlan);
        boolean learned = g == null;
        if (g == null) {
            if (groups.size() >= maxEntries) {
                groups.remove(0); // mcast_snooping_flush_group(): need_revalidate
            }
            g = new Group(hi, lo, vlan);
            version++; // a group learned
        } else {
            groups.remove(g);
        }
        if (!g.bundles.removeIf(b -> b.port == port)) { // mcast_group_insert_bundle(): a new bundle revalidates
            version++;
        }
        g.bundles.add(new Bundle(port, vlan, now + idleTime));
        groups.add(g);
        return learned;
    }

    /** mcast_snooping_leave_group(): not on a flood-reports port, whose hosts may stay. */
    boolean leaveGroup(long hi, long lo, int vlan, long port) {
        if (reportPorts.contains(port)) {
            return false;
        }
        Group g = lookup(hi, lo, vlan);
        if (g != null && g.bundles.removeIf(b -> b.port == port)) {
            version++; // mcast_group_delete_bundle(): need_revalidate
            return true;
        }
        return false;
    }

    /** mcast_snooping_add_mrouter(): not a flood port; refreshed or new, last in the LRU. */
    boolean addMrouter(int vlan, long port, long now) {
        if (floodPorts.contains(port)) {
            return false;
        }
        Bundle m = mrouter(vlan, port);
        boolean learned = m == null;
        if (m != null) {
            mrouters.remove(m);
        } else {
            m = new Bundle(port, vlan, 0);
            version++; // a router port learned
        }
        m.expires = now + MROUTER_IDLE;
        mrouters.add(m);
        return learned;
    }

    /**
     * mcast_snooping_add_report(): an IGMPv3 report's records of known types (1-6), an INCLUDE with no source a
     * leave, any other a join; returns how many changed the table. An unknown type's record is read again in its
     * place, as OVS's loop does.
     */
    int addReport(byte[] frame, int l4, int vlan, long port, long now) {
        if (frame.length < l4 + 8) {
            return 0;
        }
        int ngrp = Bytes.u16(frame, l4 + 6);
        int off = l4 + 8, count = 0;
        while (ngrp-- > 0) {
            if (frame.length < off + 8) {
                break;
            }
            int type = frame[off] & 0xff, auxLen = frame[off + 1] & 0xff;
            int nsrcs = Bytes.u16(frame, off + 2);
            if (type < 1 || type > 6) {
                continue;
            }
            long addr = Bytes.u32(frame, off + 4);
            boolean ret = nsrcs == 0 && (type == 1 || type == 3) ? leaveGroup(0, mapped(addr), vlan, port)
                    : addGroup(0, mapped(addr), vlan, port, now);
            if (ret) {
                count++;
            }
            off += 8 + nsrcs * 4 + auxLen;
        }
        return count;
    }

    /**
     * mcast_snooping_add_mld(): an MLDv1 report joins and a done leaves the group after the 8-byte header; an MLDv2
     * report's records of known types (1-6) as IGMPv3's (an INCLUDE with no source a leave); returns how many
     * changed the table.
     */
    int addMld(byte[] f, int l4, int vlan, long port, long now) {
        if (f.length < l4 + 8) {
            return 0;
        }
        int type = f[l4] & 0xff, ngrp = Bytes.u16(f, l4 + 6);
        int off = l4 + 8, count = 0;
        if (type == 131 || type == 132) {
            if (f.length < off + 16) {
                return 0;
            }
            long hi = Bytes.i64(f, off), lo = Bytes.i64(f, off + 8);
            return (type == 131 ? addGroup(hi, lo, vlan, port, now) : leaveGroup(hi, lo, vlan, port)) ? 1 : 0;
        }
        while (type == 143 && ngrp-- > 0) {
            if (f.length < off + 20) {
                break;
            }
            int rtype = f[off] & 0xff, auxLen = f[off + 1] & 0xff;
            int nsrcs = Bytes.u16(f, off + 2);
            if (rtype >= 1 && rtype <= 6) {
                long hi = Bytes.i64(f, off + 4), lo = Bytes.i64(f, off + 12);
                boolean ret = nsrcs == 0 && (rtype == 1 || rtype == 3) ? leaveGroup(hi, lo, vlan, port)
                        : addGroup(hi, lo, vlan, port, now);
                if (ret) {
                    count++;
                }
            }
            off += 20 + nsrcs * 16 + auxLen;
        }
        return count;
    }

    /**
     * Counts the changes that wake the revalidators (need_revalidate, read by mcast_snooping_run()): a group or a
     * group's bundle or a router port learned, a bundle left, expired or flushed, a group evicted or flushed.
     */
    int version;

    /** mcast_snooping_mdb_flush(): the groups (each flushed one needs revalidation) and the routers. */
    public void flushMdb() {
        if (!groups.isEmpty()) {
            version++; // mcast_snooping_flush_group()
        }
        groups.clear();
        mrouters.clear();
    }

    /** mcast_snooping_flush_bundle(): a port gone or reconfigured leaves every group and router entry. */
    public void flushBundle(long port) {
        for (Iterator<Group> i = groups.iterator(); i.hasNext();) {
            Group g = i.next();
            if (g.bundles.removeIf(b -> b.port == port)) {
                version++;
                if (g.bundles.isEmpty()) {
                    i.remove();
                }
            }
        }
        if (mrouters.removeIf(m -> m.port == port)) {
            version++;
        }
    }

    /**
     * mcast_snooping_run(): from the least recently used group, groups over the table's size go, then the expired
     * bundles of each (a group left empty goes) until one has none expired; the expired routers.
     */
    public void run(long now) {
        while (!groups.isEmpty()) {
            Group g = groups.get(0);
            if (groups.size() > maxEntries) {
                groups.remove(0);
                version++; // mcast_snooping_flush_group()
                continue;
            }
            int expired = 0;
            while (!g.bundles.isEmpty() && g.bundles.get(0).expires <= now) {
                g.bundles.remove(0);
                expired++;
            }
            if (g.bundles.isEmpty()) {
                groups.remove(0);
                expired++;
            }
            if (expired == 0) {
                break;
            }
            version++; // mcast_snooping_prune_expired()
        }
        while (!mrouters.isEmpty() && now >= mrouters.get(0).expires) {
            mrouters.remove(0);
            version++; // mrouter_expired
        }
    }

    /**
     * set_mcast_snooping() (ofproto-dpif.c): a table made or dropped, its aging time, size and flooding of
     * unregistered groups set; a change of any of them revalidates.
     */
    public static void configure(Ofproto br, boolean enable, int idleTime, int maxEntries, boolean floodUnreg) {
        if (!enable) {
            if (br.mcast != null) {
                br.mcast = null;
                br.datapath.portsVersion++;
            }
            return;
        }
        if (br.mcast == null) {
            br.mcast = new McastSnooping();
            br.datapath.portsVersion++;
        }
        br.mcast.setIdleTime(idleTime);
        br.mcast.setMaxEntries(maxEntries);
        if (br.mcast.setFloodUnreg(floodUnreg)) {
            br.datapath.portsVersion++;
        }
    }

    /** set_mcast_snooping_port(): the Port's other_config:mcast-snooping-flood and -flood-reports. */
    public static void setPortFlags(Ofproto br, Ofproto.Port p, boolean flood, boolean floodReports) {
        if (p.mcastFlood != flood || p.mcastFloodReports != floodReports) {
            br.datapath.portsVersion++;
        }
        p.mcastFlood = flood;
        p.mcastFloodReports = floodReports;
        if (br.mcast != null) {
            br.mcast.setPortFlags(p.ofport, flood, floodReports);
        }
    }
}
