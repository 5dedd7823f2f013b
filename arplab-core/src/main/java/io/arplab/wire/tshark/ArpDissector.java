package io.arplab.wire.tshark;

/** packet-arp.c's dissect_arp(): Protocol ARP/RARP/DRARP/Inverse ARP/MARS/MAPOS and the Info sentences. */
final class ArpDissector {
    private static final int HDR = 8;
    private static final int ARPHRD_ETHER = 1;
    private static final int ARPHRD_IEEE802 = 6;
    private static final int ARPHRD_AX25 = 3;
    private static final int ARPHRD_ATM2225 = 19;
    private static final int ETHERTYPE_IP = 0x0800;
    private static final int AX25_P_IP = 0xcc;

    private ArpDissector() {}

    private static boolean hwIsEther(int hrd, int hln) {
        return (hrd == ARPHRD_ETHER || hrd == ARPHRD_IEEE802) && hln == 6;
    }

    private static boolean proIsIpv4(int pro, int pln) {
        return (pro == ETHERTYPE_IP || pro == AX25_P_IP) && pln == 4;
    }

    static void dissect(Tvb tvb, Packet p) {
        p.protocol("ARP");
        p.clearInfo();
        int hrd = tvb.u16(0);
        if (hrd == ARPHRD_ATM2225) {
            atmarp(tvb, p);
            return;
        }
        if (hrd == ARPHRD_AX25) {
            throw new Unsupported("AX.25 ARP");
        }
        int pro = tvb.u16(2);
        int hln = tvb.u8(4);
        int pln = tvb.u8(5);
        int op = tvb.u16(6);
        tvb.setReportedLength(HDR + 2 * hln + 2 * pln);
        p.protocol(switch (op) {
            case 3, 4 -> "RARP";
            case 5, 6, 7 -> "DRARP";
            case 8, 9 -> "Inverse ARP";
            case 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22 -> "MARS";
            case 23 -> "MAPOS";
            default -> "ARP";
        });
        int sha = HDR;
        int spa = sha + hln;
        int tha = spa + pln;
        int tpa = tha + hln;
        boolean duplicate = false;
        long duplicateIp = 0;
        if ((op == 1 || op == 2) && hwIsEther(hrd, hln) && proIsIpv4(pro, pln)) {
            long ip = tvb.u32(spa);
            long mac = mac(tvb, sha);
            if ((mac & 0x0100_0000_0000L) == 0 && mac != 0 && ip != 0) {
                duplicate = duplicateAddress(p, mac, ip);
                if (duplicate) {
                    duplicateIp = ip;
                }
            }
            ip = tvb.u32(tpa);
            mac = mac(tvb, tha);
            if ((mac & 0x0100_0000_0000L) == 0 && mac != 0 && ip != 0 && op != 1 && duplicateIp != ip) {
                duplicate = duplicateAddress(p, mac, ip);
                if (duplicate) {
                    duplicateIp = ip;
                }
            }
        }
        boolean gratuitous = false, announcement = false, probe = false;
        if ((op == 1 || op == 2) && equal(tvb, spa, tpa, pln)) {
            gratuitous = true;
            announcement = op == 1 && zeroMac(tvb, tha);
        } else if (op == 1 && zeroMac(tvb, tha) && tvb.u32(spa) == 0) {
            probe = true;
        }
        switch (op) {
            case 1 -> {
                if (gratuitous) {
                    p.info(announcement ? "ARP Announcement for " + pro(tvb, tpa, pln, pro)
                            : "Gratuitous ARP for " + pro(tvb, tpa, pln, pro) + " (Request)");
                } else if (probe) {
                    p.info("Who has " + pro(tvb, tpa, pln, pro) + "? (ARP Probe)");
                } else {
                    p.info("Who has " + pro(tvb, tpa, pln, pro) + "? Tell " + pro(tvb, spa, pln, pro));
                }
            }
            case 2 -> p.info(gratuitous ? "Gratuitous ARP for " + pro(tvb, spa, pln, pro) + " (Reply)"
                    : pro(tvb, spa, pln, pro) + " is at " + hw(tvb, sha, hln, hrd));
            case 3, 8, 5 -> p.info("Who is " + hw(tvb, tha, hln, hrd) + "? Tell " + hw(tvb, sha, hln, hrd));
            case 4, 6 -> p.info(hw(tvb, tha, hln, hrd) + " is at " + pro(tvb, tpa, pln, pro));
            case 7 -> p.info("DRARP Error");
            case 9 -> p.info(hw(tvb, sha, hln, hrd) + " is at " + pro(tvb, spa, pln, pro));
            case 10 -> p.info("ARP NAK");
            case 11 -> mars(p, "MARS request from ", tvb, sha, hln, hrd, spa, pln, pro);
            case 12 -> mars(p, "MARS MULTI request from ", tvb, sha, hln, hrd, spa, pln, pro);
            case 13 -> mars(p, "MARS MSERV request from ", tvb, sha, hln, hrd, spa, pln, pro);
            case 14 -> mars(p, "MARS JOIN request from ", tvb, sha, hln, hrd, spa, pln, pro);
            case 15 -> mars(p, "MARS LEAVE from ", tvb, sha, hln, hrd, spa, pln, pro);
            case 16 -> mars(p, "MARS NAK from ", tvb, sha, hln, hrd, spa, pln, pro);
            case 17 -> mars(p, "MARS UNSERV request from ", tvb, sha, hln, hrd, spa, pln, pro);
            case 18 -> mars(p, "MARS SJOIN request from ", tvb, sha, hln, hrd, spa, pln, pro);
            case 19 -> mars(p, "MARS SLEAVE from ", tvb, sha, hln, hrd, spa, pln, pro);
            case 20 -> mars(p, "MARS grouplist request from ", tvb, sha, hln, hrd, spa, pln, pro);
            case 21 -> mars(p, "MARS grouplist reply from ", tvb, sha, hln, hrd, spa, pln, pro);
            case 22 -> mars(p, "MARS redirect map from ", tvb, sha, hln, hrd, spa, pln, pro);
            case 23 -> mars(p, "MAPOS UNARP request from ", tvb, sha, hln, hrd, spa, pln, pro);
            case 24 -> p.info("Experimental 1 ( opcode " + op + " )");
            case 25 -> p.info("Experimental 2 ( opcode " + op + " )");
            case 0, 65535 -> p.info("Reserved opcode " + op);
            default -> p.info("Unknown ARP opcode 0x" + Names.hex4(op));
        }
        if (duplicate) {
            p.append(" (duplicate use of " + Names.ipv4(new byte[] {(byte) (duplicateIp >>> 24),
                    (byte) (duplicateIp >>> 16), (byte) (duplicateIp >>> 8), (byte) duplicateIp}, 0) + " detected!)");
        }
    }

    private static final int ATMARP_IS_E164 = 0x40;
    private static final int ATMARP_LEN_MASK = 0x3f;

    /**
     * dissect_atmarp() (RFC 2225): the twelve header bytes, the datagram's length, then each address as a string
     * (what the capture cut throws there, the protocol column still "ARP"), then the protocol and the Info.
     */
    private static void atmarp(Tvb tvb, Packet p) {
        int pro = tvb.u16(2);
        int shtl = tvb.u8(4);
        int shl = shtl & ATMARP_LEN_MASK;
        int sstl = tvb.u8(5);
        int ssl = sstl & ATMARP_LEN_MASK;
        int op = tvb.u16(6);
        int spln = tvb.u8(8);
        int thtl = tvb.u8(9);
        int thl = thtl & ATMARP_LEN_MASK;
        int tstl = tvb.u8(10);
        int tsl = tstl & ATMARP_LEN_MASK;
        int tpln = tvb.u8(11);
        tvb.setReportedLength(12 + shl + ssl + spln + thl + tsl + tpln);
        int sha = 12;
        String shaStr = atmNumber(tvb, sha, shtl);
        int ssa = sha + shl;
        String ssaStr = ssl != 0 ? Names.bytes(tvb.data, tvb.at(ssa, ssl), ssl) : null;
        int spa = ssa + ssl;
        String spaStr = pro(tvb, spa, spln, pro);
        int tha = spa + spln;
        String thaStr = atmNumber(tvb, tha, thtl);
        int tsa = tha + thl;
        String tsaStr = tsl != 0 ? Names.bytes(tvb.data, tvb.at(tsa, tsl), tsl) : null;
        int tpa = tsa + tsl;
        String tpaStr = pro(tvb, tpa, tpln, pro);
        p.protocol(switch (op) {
            case 3, 4 -> "ATMRARP";
            case 8, 9 -> "Inverse ATMARP";
            case 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22 -> "MARS";
            case 23 -> "MAPOS";
            default -> "ATMARP";
        });
        String ss = ssaStr != null ? "," + ssaStr : "";
        String from = shaStr + ss + " at " + spaStr;
        p.info(switch (op) {
            case 1 -> "Who has " + tpaStr + "? Tell " + spaStr;
            case 2 -> spaStr + " is at " + shaStr + ss;
            case 8 -> "Who is " + thaStr + (tsaStr != null ? "," + tsaStr : "") + "? Tell " + shaStr + ss;
            case 9 -> shaStr + ss + " is at " + spaStr;
            case 10 -> "I don't know where " + spaStr + " is";
            case 11 -> "MARS request from " + from;
            case 12 -> "MARS MULTI request from " + from;
            case 13 -> "MARS MSERV request from " + from;
            case 14 -> "MARS JOIN request from " + from;
            case 15 -> "MARS LEAVE from " + from;
            case 16 -> "MARS NAK from " + from;
            case 17 -> "MARS UNSERV request from " + from;
            case 18 -> "MARS SJOIN request from " + from;
            case 19 -> "MARS SLEAVE from " + from;
            case 20 -> "MARS grouplist request from " + from;
            case 21 -> "MARS grouplist reply from " + from;
            case 22 -> "MARS redirect map from " + from;
            case 23 -> "MAPOS UNARP request from " + from;
            case 24 -> "Experimental 1 ( opcode " + op + " )";
            case 25 -> "Experimental 2 ( opcode " + op + " )";
            case 0, 65535 -> "Reserved opcode " + op;
            default -> "Unknown ATMARP opcode 0x" + Names.hex4(op);
        });
    }

    /** atmarpnum_to_str(): an NSAP as hex; an E.164 number's characters are copied unterminated, not modelled. */
    private static String atmNumber(Tvb tvb, int off, int tl) {
        int len = tl & ATMARP_LEN_MASK;
        if (len == 0) {
            return "<No address>";
        }
        if ((tl & ATMARP_IS_E164) != 0) {
            throw new Unsupported("ATMARP E.164 number");
        }
        return Names.bytes(tvb.data, tvb.at(off, len), len);
    }

    private static void mars(Packet p, String what, Tvb tvb, int sha, int hln, int hrd, int spa, int pln, int pro) {
        p.info(what + hw(tvb, sha, hln, hrd) + " at " + pro(tvb, spa, pln, pro));
    }

    /**
     * check_for_duplicate_addresses(): the first MAC seen with an address is kept with the frame that last showed
     * it; a later frame giving the address that MAC again moves the frame on, another MAC is a duplicate (the table
     * keeps the first). An entry is compared only from a later frame (pinfo->num > value->frame_num): a frame's
     * target cannot contradict its own sender.
     */
    private static boolean duplicateAddress(Packet p, long mac, long ip) {
        long[] known = p.capture.arpAddresses.get(ip);
        if (known == null) {
            p.capture.arpAddresses.put(ip, new long[] {mac, p.number});
            return false;
        }
        if (p.number <= known[1]) {
            return false;
        }
        if (known[0] == mac) {
            known[1] = p.number;
            return false;
        }
        return true;
    }

    private static long mac(Tvb tvb, int off) {
        int at = tvb.at(off, 6);
        long a = 0;
        for (int i = 0; i < 6; i++) {
            a = (a << 8) | (tvb.data[at + i] & 0xff);
        }
        return a;
    }

    /** tvb_memeql(tvb, tha_offset, mac_allzero, 6): false, not an exception, when the bytes are not there. */
    private static boolean zeroMac(Tvb tvb, int off) {
        if (!tvb.bytesExist(off, 6)) {
            return false;
        }
        for (int i = 0; i < 6; i++) {
            if (tvb.data[tvb.start + off + i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** tvb_memeql(tvb, spa, tvb_get_ptr(tvb, tpa, pln), pln): the tpa read may throw, the comparison not. */
    private static boolean equal(Tvb tvb, int a, int b, int len) {
        if (len == 0) {
            // tvb_get_ptr() of no bytes gives no pointer to compare with
            return false;
        }
        int at = tvb.at(b, len);
        if (!tvb.bytesExist(a, len)) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (tvb.data[tvb.start + a + i] != tvb.data[at + i]) {
                return false;
            }
        }
        return true;
    }

    /** tvb_arphrdaddr_to_str(). */
    private static String hw(Tvb tvb, int off, int len, int hrd) {
        if (len == 0) {
            return "<No address>";
        }
        if (hwIsEther(hrd, len)) {
            return tvb.mac(off);
        }
        return Names.bytes(tvb.data, tvb.at(off, len), len);
    }

    /** tvb_arpproaddr_to_str(). */
    private static String pro(Tvb tvb, int off, int len, int pro) {
        if (len == 0) {
            // tvb_get_ptr() of no bytes checks nothing
            return "<No address>";
        }
        int at = tvb.at(off, len);
        if (proIsIpv4(pro, len)) {
            return Names.ipv4(tvb.data, at);
        }
        return Names.bytes(tvb.data, at, len);
    }
}
