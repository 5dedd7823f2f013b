package io.arplab.wire.tshark;

/**
 * packet-igmp.c's dissect_igmp() for IGMP v1, v2 and v3 (queries, reports, leaves): the version from the type and
 * length, and the Info texts; v3 reports add a " / ..." per group record (dissect_v3_group_record()).
 */
final class IgmpDissector {
    private static final int MEMBERSHIP_QUERY = 0x11;
    private static final int V1_MEMBERSHIP_REPORT = 0x12;
    private static final int V2_MEMBERSHIP_REPORT = 0x16;
    private static final int V2_LEAVE_GROUP = 0x17;
    private static final int V3_MEMBERSHIP_REPORT = 0x22;

    private IgmpDissector() {}

    static void dissect(Tvb tvb, Packet p) {
        int type = tvb.u8(0);
        p.protocol("IGMP");
        p.clearInfo();
        int length = tvb.reported;
        switch (type) {
            case MEMBERSHIP_QUERY -> {
                if (length >= 12) {
                    v3Query(tvb, p);
                } else if (length == 8) {
                    int maxResp = tvb.u8(1);
                    p.protocol(maxResp == 0 ? "IGMPv1" : "IGMPv2");
                    p.info("Membership Query");
                    tvb.u16(2);
                    long group = tvb.u32(4);
                    if (maxResp != 0) {
                        p.append(group == 0 ? ", general" : ", specific for group " + tvb.ipv4(4));
                    }
                } else {
                    throw new Unsupported("IGMP query of length " + length);
                }
            }
            case V1_MEMBERSHIP_REPORT -> {
                p.protocol("IGMPv1");
                p.info("Membership Report");
                tvb.u16(2);
                tvb.u32(4);
            }
            case V2_MEMBERSHIP_REPORT, V2_LEAVE_GROUP -> {
                p.protocol("IGMPv2");
                p.info(type == V2_LEAVE_GROUP ? "Leave Group" : "Membership Report");
                tvb.u8(1);
                tvb.u16(2);
                // dissect_igmp_v2(): a group of 0.0.0.0 is ", general" in a report or leave too (seed 35073)
                p.append(tvb.u32(4) == 0 ? ", general" : (type == V2_LEAVE_GROUP ? " " : " group ") + tvb.ipv4(4));
            }
            case V3_MEMBERSHIP_REPORT -> v3Report(tvb, p);
            default -> throw new Unsupported("IGMP type 0x" + Integer.toHexString(type));
        }
    }

    private static void v3Query(Tvb tvb, Packet p) {
        p.protocol("IGMPv3");
        p.info("Membership Query");
        tvb.u8(1);
        tvb.u16(2);
        long group = tvb.u32(4);
        tvb.u8(8);
        tvb.u8(9);
        int sources = tvb.u16(10);
        if (sources != 0) {
            throw new Unsupported("IGMPv3 query with sources");
        }
        p.append(group == 0 ? ", general" : ", specific for group " + tvb.ipv4(4));
    }

    private static void v3Report(Tvb tvb, Packet p) {
        p.protocol("IGMPv3");
        p.info("Membership Report");
        tvb.u8(1);
        tvb.u16(2);
        tvb.u16(4);
        int records = tvb.u16(6);
        if (records == 0) {
            p.append(" - General query");
        }
        int off = 8;
        for (int i = 0; i < records; i++) {
            off = groupRecord(tvb, off, p);
        }
    }

    /** dissect_v3_group_record(): " / Join group G for any sources", " / Leave group G", or the sources listed. */
    private static int groupRecord(Tvb tvb, int off, Packet p) {
        int type = tvb.u8(off);
        int aux = tvb.u8(off + 1);
        int num = tvb.u16(off + 2);
        String group = tvb.ipv4(off + 4);
        boolean include = type == 1 || type == 3;
        boolean exclude = type == 2 || type == 4;
        if (num == 0) {
            p.append(include ? " / Leave group " + group
                    : exclude ? " / Join group " + group + " for any sources"
                    : type == 5 ? " / Group " + group + ", ALLOW_NEW_SOURCES but no source specified (?)"
                    : type == 6 ? " / Group " + group + ", BLOCK_OLD_SOURCES but no source specified (?)"
                    : " / Group " + group + ", unknown record type (?)");
        } else {
            p.append(include ? " / Join group " + group + " for source" + (num > 1 ? "s in" : "") + " {"
                    : exclude ? " / Join group " + group + ", for source" + (num > 1 ? "s not in" : " not") + " {"
                    : type == 5 ? " / Group " + group + ", new source" + (num > 1 ? "s" : "") + " {"
                    : type == 6 ? " / Group " + group + ", block source" + (num > 1 ? "s" : "") + " {"
                    : " / Group " + group + ", unknown record type (?), sources {");
        }
        int cur = off + 8;
        for (int i = 0; i < num; i++) {
            p.append(tvb.ipv4(cur) + (i < num - 1 ? ", " : "}"));
            cur += 4;
        }
        if (aux > 0) {
            tvb.check(cur, aux * 4);
        }
        return cur + aux * 4;
    }
}
