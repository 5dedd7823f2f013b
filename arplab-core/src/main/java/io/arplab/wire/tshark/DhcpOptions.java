package io.arplab.wire.tshark;

import java.nio.charset.StandardCharsets;

/**
 * packet-dhcp.c's "dhcp.option" dissectors (Wireshark 4.0), each given the option's value in a tvbuff of its own
 * (tvb_new_subset_length()) whose bytes the caller checked were captured: what matters for the one-line output is
 * which of them read past the value (a malformed packet) and which only add an expert info. Every option without a
 * dissector of its own, and the basic types (dhcp_handle_basic_types() checks each length before its item), never
 * throws; the dissectors below are the others. Those this package does not model throw {@link Unsupported}.
 */
final class DhcpOptions {
    private DhcpOptions() {}

    /** The codes proto_reg_handoff_dhcp() gives a dissector other than dissect_dhcpopt_basic_type(). */
    private static boolean special(int code) {
        return switch (code) {
            case 21, 33, 43, 52, 53, 55, 60, 61, 63, 77, 78, 79, 81, 82, 83, 85, 90, 93, 94, 97, 99, 117, 119, 120,
                    121, 122, 123, 124, 125, 145, 146, 151, 152, 154, 155, 158, 159, 160, 212, 242, 249 -> true;
            default -> false;
        };
    }

    /**
     * dissector_try_uint_new(dhcp_option_table, code, ...) for an option other than 53: {@code vendorClassId} is
     * option 60's value from the first pass, or null.
     */
    static void dissect(int code, Tvb t, String vendorClassId) {
        if (!special(code)) {
            return;
        }
        int len = t.reported;
        switch (code) {
            // loops that test what remains before each read, or fixed lengths tested first
            // (77: 4.0.17 never finds a user class malformed, whatever its lengths; the stored packet-dhcp.c,
            // a later one, reads each instance's length)
            case 21, 33, 55, 77, 78, 85, 90, 93, 97, 99, 117, 145, 151, 152, 154, 155, 159, 160, 212 -> { }
            case 121, 249 -> classlessStaticRoute(t, len);
            case 43 -> {
                // dissect_dhcpopt_vendor_specific_info(): the "dhcp.vendor_info" heuristics; all but
                // Alcatel-Lucent's (which never reads past the value) look at option 60
                if (vendorClassId != null) {
                    throw new Unsupported("DHCP option 43 with a vendor class identifier");
                }
            }
            case 60 -> {
                // the "dhcp.vendor_id" heuristics: PacketCable MTA and CM, Apple BSDP
                String v = ascii(t, 0, len);
                if (v.startsWith("pktc") || v.startsWith("docsis") || v.startsWith("AAPLBSDPC")) {
                    throw new Unsupported("DHCP option 60 of a PacketCable or BSDP client");
                }
            }
            case 61 -> {
                if (len > 0 && t.u8(0) == 255) {
                    throw new Unsupported("DHCP option 61 with a DUID");
                }
            }
            case 63 -> {
                for (int off = 0; t.reportedLengthRemaining(off) > 0; ) {
                    off = netwareIp(t, off, len);
                }
            }
            case 79 -> {
                t.check(0, 1);
                t.check(1, t.reportedLengthRemaining(1));
            }
            case 81 -> {
                if (len > 3 && (t.u8(0) & 0x04) != 0) {
                    throw new Unsupported("DHCP option 81 with a DNS-encoded name");
                }
            }
            case 82 -> {
                for (int off = 0; t.reportedLengthRemaining(off) > 0; ) {
                    off = agentInfo(t, off, len);
                }
            }
            case 94 -> {
                if (t.u8(0) == 1) {
                    t.check(1, 1);
                    t.check(2, 1);
                }
            }
            case 123 -> coordinateLocation(t, len);
            case 124 -> viVendorClass(t, len);
            case 125 -> viVendorSpecific(t);
            default -> throw new Unsupported("DHCP option " + code + " of length " + len);
        }
    }

    private static String ascii(Tvb t, int off, int len) {
        return new String(t.data, t.at(off, len), len, StandardCharsets.ISO_8859_1);
    }

    /** dissect_netware_ip_suboption(): the value's item is added before its length is checked. */
    private static int netwareIp(Tvb t, int optoff, int optend) {
        t.u8(optoff);
        int s = optoff + 1;
        if (s >= optend) {
            return optend;
        }
        int sublen = t.u8(s);
        t.check(s + 1, sublen);
        return optoff + sublen + 2;
    }

    /**
     * dhcp_dhcp_decode_agent_info(): a sub-option's length is checked against the option, and only the
     * vendor-specific sub-option (9) reads what its lengths say without checking them (probe family dhcp-options).
     */
    private static int agentInfo(Tvb t, int optoff, int optend) {
        int subopt = t.u8(optoff);
        int s = optoff + 1;
        if (s >= optend) {
            return optend;
        }
        int sublen = t.u8(s);
        s++;
        int subEnd = s + sublen;
        if (subEnd > optend) {
            return optend;
        }
        t.check(s, sublen);
        if (subopt == 9) {
            while (s < subEnd) {
                long enterprise = t.u32(s);
                s += 4;
                int datalen = t.u8(s);
                s++;
                if (enterprise == 4491) {
                    // CableLabs' DOCSIS version: 4.0.17 reads it otherwise than the stored source
                    throw new Unsupported("DHCP option 82 CableLabs vendor-specific sub-option");
                } else {
                    t.check(s, datalen);
                    s += datalen;
                }
            }
        }
        return optoff + sublen + 2;
    }

    /**
     * dissect_dhcpopt_classless_static_route(): 4.0.17 reads each route's significant octets and router without
     * first testing what remains (the stored, later source tests it; probe family dhcp-options).
     */
    private static void classlessStaticRoute(Tvb t, int len) {
        if (len < 5) {
            return;
        }
        for (int off = 0; t.reportedLengthRemaining(off) > 0; ) {
            int maskWidth = t.u8(off);
            if (maskWidth > 32) {
                break;
            }
            off++;
            if (maskWidth != 0) {
                off += (maskWidth + 7) / 8;
                t.check(off - (maskWidth + 7) / 8, (maskWidth + 7) / 8);
            }
            t.check(off, 4);
            off += 4;
        }
    }

    /** dissect_dhcpopt_coordinate_based_location(): RFC 3825's 16 bytes, else CableLabs' DSS_IDs. */
    private static void coordinateLocation(Tvb t, int len) {
        if (len == 16 || len >= 69) {
            return;
        }
        t.check(0, 1);
        t.check(1, 1);
        int sLen = t.u8(1);
        t.check(2, sLen);
        if (len > sLen + 2) {
            t.check(2 + sLen, 1);
            t.check(3 + sLen, 1);
            int second = t.u8(3 + sLen);
            t.check(4 + second, second);
        }
    }

    /** dissect_dhcpopt_vi_vendor_class(). */
    private static void viVendorClass(Tvb t, int len) {
        if (len == 1) {
            return;
        }
        for (int off = 0; t.reportedLengthRemaining(off) >= 5; ) {
            off += 4;
            int dataLen = t.u8(off);
            off++;
            t.check(off, dataLen);
            off += dataLen;
        }
    }

    /**
     * dissect_dhcpopt_vi_vendor_specific_info() as 4.0 has it: no test of the enterprise's length against the
     * option, so its tvbuff (tvb_new_subset_length() of that length at each sub-option) throws when it is longer
     * (heldout15's dhcp_relay_vendor, frame 2); the "dhcp.enterprise" table's TR-111 (3561) and CableLabs (4491)
     * sub-options, dissect_vendor_generic_suboption() for the others.
     */
    private static void viVendorSpecific(Tvb t) {
        int off = 0;
        while (t.reportedLengthRemaining(off) >= 5) {
            long enterprise = t.u32(off);
            off += 4;
            int dataLen = t.u8(off);
            off++;
            int sEnd = off + dataLen;
            while (off < sEnd) {
                Tvb e = t.subset(off, -1, dataLen);
                if (enterprise == 3561 || enterprise == 4491) {
                    off += enterpriseSuboption(e, enterprise == 4491);
                } else {
                    off = genericSuboption(t, off, sEnd);
                }
            }
        }
    }

    /** dissect_vendor_tr111_suboption() / dissect_vendor_cl_suboption(): the number of bytes they say they took. */
    private static int enterpriseSuboption(Tvb e, boolean cablelabs) {
        int subopt = e.u8(0);
        if (e.reportedLengthRemaining(1) < 1) {
            return 1;
        }
        int sublen = e.u8(1);
        if (e.reportedLengthRemaining(2) < sublen) {
            return 2;
        }
        e.check(2, sublen);
        if (cablelabs && subopt == 5) {
            throw new Unsupported("DHCP option 125 CableLabs modem capabilities");
        }
        return sublen + 2;
    }

    /** dissect_vendor_generic_suboption(). */
    private static int genericSuboption(Tvb t, int optoff, int optend) {
        t.u8(optoff);
        int s = optoff + 1;
        if (s >= optend) {
            return optend;
        }
        int sublen = t.u8(s);
        s++;
        if (s + sublen > optend) {
            return optend;
        }
        t.check(s, sublen);
        return s + sublen;
    }
}
