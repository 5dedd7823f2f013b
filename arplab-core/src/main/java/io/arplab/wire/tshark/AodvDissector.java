package io.arplab.wire.tshark;

/**
 * packet-aodv.c's dissect_aodv() (UDP 654): Protocol "AODV", Info cleared; a type outside type_vals is not AODV
 * (the port's other dissectors and the heuristics go on), else its name, then what each message appends. Over
 * IPv6 (pinfo->src is an IPv6 address) the addresses have 16 bytes; types 16 to 19 are draft 01's IPv6 forms.
 */
final class AodvDissector {
    static final int PORT = 654;
    private static final int AODV_EXT_INT = 2;
    private static final int AODV_EXT_NTP = 3;

    private AodvDissector() {}

    /** @return false when the type is not one of AODV's (the dissector returns 0) */
    static boolean dissect(Tvb tvb, Packet p) {
        p.protocol("AODV");
        p.clearInfo();
        boolean ipv6 = p.netSrc != null && p.netSrc.length == 16;
        int type = tvb.u8(0);
        String name = switch (type) {
            case 1 -> "Route Request";
            case 2 -> "Route Reply";
            case 3 -> "Route Error";
            case 4 -> "Route Reply Acknowledgment";
            case 16 -> "draft-perkins-manet-aodv6-01 IPv6 Route Request";
            case 17 -> "draft-perkins-manet-aodv6-01 IPv6 Route Reply";
            case 18 -> "draft-perkins-manet-aodv6-01 IPv6 Route Error";
            case 19 -> "draft-perkins-manet-aodv6-01 IPv6 Route Reply Acknowledgment";
            default -> null;
        };
        if (name == null) {
            return false;
        }
        p.info(name);
        switch (type) {
            case 1 -> rreq(tvb, p, ipv6 ? 16 : 4);
            case 2 -> rrep(tvb, p, ipv6 ? 16 : 4);
            case 3 -> rerr(tvb, p, ipv6 ? 16 : 4);
            case 16 -> draftRreq(tvb, p);
            case 17 -> draftRrep(tvb, p);
            case 18 -> rerr(tvb, p, 16);
            default -> { }
        }
        return true;
    }

    private static String addr(Tvb tvb, int off, int alen) {
        return alen == 4 ? tvb.ipv4(off) : tvb.ipv6(off); // tvb_ip_to_str(), tvb_ip6_to_str()
    }

    /** dissect_aodv_rreq(): the flags (a 16-bit bitmask read), hop count, ID, addresses and sequence numbers. */
    private static void rreq(Tvb tvb, Packet p, int alen) {
        tvb.u8(1);
        tvb.u16(1);
        int hops = tvb.u8(3);
        long id = tvb.u32(4);
        p.append(", D: " + addr(tvb, 8, alen));
        long ds = tvb.u32(8 + alen);
        p.append(", O: " + addr(tvb, 12 + alen, alen));
        long os = tvb.u32(12 + 2 * alen);
        p.append(" Id=" + id + " Hcnt=" + hops + " DSN=" + ds + " OSN=" + os);
        extensions(tvb, 16 + 2 * alen);
    }

    /** dissect_aodv_draft_01_v6_rreq(): the sequence numbers before the addresses. */
    private static void draftRreq(Tvb tvb, Packet p) {
        tvb.u8(1);
        tvb.u16(1);
        int hops = tvb.u8(3);
        long id = tvb.u32(4);
        long ds = tvb.u32(8);
        long os = tvb.u32(12);
        p.append(", D: " + tvb.ipv6(16));
        p.append(", O: " + tvb.ipv6(32) + " Id=" + id + " Hcnt=" + hops + " DSN=" + ds + " OSN=" + os);
        extensions(tvb, 48);
    }

    /** dissect_aodv_rrep(). */
    private static void rrep(Tvb tvb, Packet p, int alen) {
        tvb.u8(1);
        tvb.u16(1);
        tvb.u8(2); // the prefix size
        int hops = tvb.u8(3);
        p.append(", D: " + addr(tvb, 4, alen));
        long ds = tvb.u32(4 + alen);
        p.append(", O: " + addr(tvb, 8 + alen, alen));
        long life = tvb.u32(8 + 2 * alen);
        p.append(" Hcnt=" + hops + " DSN=" + ds + " Lifetime=" + life);
        extensions(tvb, 12 + 2 * alen);
    }

    /** dissect_aodv_draft_01_v6_rrep(): the destination's sequence number before its address. */
    private static void draftRrep(Tvb tvb, Packet p) {
        tvb.u8(1);
        tvb.u16(1);
        tvb.u8(2);
        int hops = tvb.u8(3);
        long ds = tvb.u32(4);
        p.append(", D: " + tvb.ipv6(8));
        p.append(", O: " + tvb.ipv6(24));
        long life = tvb.u32(40);
        p.append(" Hcnt=" + hops + " DSN=" + ds + " Lifetime=" + life);
        extensions(tvb, 44);
    }

    /**
     * dissect_aodv_rerr() and dissect_aodv_draft_01_v6_rerr(): the count, then the unreachable destinations'
     * subtree, whose length (count entries of address and sequence number) is checked.
     */
    private static void rerr(Tvb tvb, Packet p, int alen) {
        tvb.u8(1);
        tvb.u16(1);
        int count = tvb.u8(3);
        p.append(", Dest Count=" + count);
        tvb.check(4, (alen + 4) * count);
    }

    /**
     * dissect_aodv_ext(), when reported bytes follow: each extension's type and length, its subtree of 2 + length
     * bytes checked; a length of 0 ends the walk; the hello interval's 4 bytes and the timestamp's 8 are read.
     */
    private static void extensions(Tvb tvb, int off) {
        if (tvb.reportedLengthRemaining(off) <= 0) {
            return;
        }
        while (tvb.reported > off) {
            int type = tvb.u8(off);
            int len = tvb.u8(off + 1);
            tvb.check(off, 2 + len);
            if (len == 0) {
                return;
            }
            off += 2;
            if (type == AODV_EXT_INT) {
                tvb.u32(off);
            } else if (type == AODV_EXT_NTP) {
                tvb.check(off, 8);
            }
            off += len;
        }
    }
}
