package io.arplab.wire.tcpdump;

/** print-egp.c: the Exterior Gateway Protocol (RFC 904), IP protocol 8. */
final class EgpPrinter {
    static final int IPPROTO_EGP = 8;
    private static final int HDR_LEN = 16;
    private static final String[] ACQUIRE_CODES = {"request", "confirm", "refuse", "cease", "cease_ack"};
    private static final String[] ACQUIRE_STATUS = {"unspecified", "active_mode", "passive_mode",
        "insufficient_resources", "administratively_prohibited", "going_down", "parameter_violation",
        "protocol_violation"};
    private static final String[] REACH_CODES = {"hello", "i-h-u"};
    private static final String[] UPDOWN = {"indeterminate", "up", "down"};
    private static final String[] REASONS = {"unspecified", "bad_EGP_header_format", "bad_EGP_data_field_format",
        "reachability_info_unavailable", "excessive_polling_rate", "no_response", "unsupported_version"};

    private EgpPrinter() {}

    /** egp_print(). */
    static void egpPrint(Dissector nd, int bp, int length) {
        nd.protocol = "egp";
        StringBuilder out = nd.out;
        if (length < HDR_LEN || !nd.ttest(bp, HDR_LEN)) {
            nd.trunc();
            return;
        }
        int version = nd.u8(bp);
        if (nd.vflag == 0) {
            out.append("EGPv").append(version).append(", AS ").append(nd.u16(bp + 6)).append(", seq ")
                    .append(nd.u16(bp + 8)).append(", length ").append(length);
            return;
        }
        out.append("EGPv").append(version).append(", length ").append(length);
        if (version != 2) {
            out.append("[version ").append(version).append(']');
            return;
        }
        int type = nd.u8(bp + 1);
        int code = nd.u8(bp + 2);
        int status = nd.u8(bp + 3);
        switch (type) {
            case 3 -> {
                out.append(" acquire");
                if (code <= 1) {
                    out.append(' ').append(ACQUIRE_CODES[code]);
                    if (status <= 2) {
                        out.append(' ').append(ACQUIRE_STATUS[status]);
                    } else {
                        out.append(" [status ").append(status).append(']');
                    }
                    out.append(" hello:" + nd.u16(bp + 10)).append(" poll:").append(nd.u16(bp + 12));
                } else if (code <= 4) {
                    out.append(' ').append(ACQUIRE_CODES[code]);
                    if (status == 0 || status >= 3 && status <= 7) {
                        out.append(' ').append(ACQUIRE_STATUS[status]);
                    } else {
                        out.append("[status ").append(status).append(']');
                    }
                } else {
                    out.append("[code ").append(code).append(']');
                }
            }
            case 5 -> {
                if (code <= 1) {
                    out.append(' ').append(REACH_CODES[code]);
                    state(out, status);
                } else {
                    out.append("[reach code ").append(code).append(']');
                }
            }
            case 2 -> {
                out.append(" poll");
                state(out, status);
                out.append(" net:");
                Names.ipaddr(out, nd.p, bp + 12);
            }
            case 1 -> {
                out.append(" update");
                if ((status & 0x80) != 0) {
                    status &= ~0x80;
                    out.append(" unsolicited");
                }
                state(out, status);
                out.append(' ');
                Names.ipaddr(out, nd.p, bp + 12);
                out.append(" int " + nd.u8(bp + 10)).append(" ext ").append(nd.u8(bp + 11));
                nrPrint(nd, bp, length);
            }
            case 8 -> {
                out.append(" error");
                state(out, status);
                int reason = nd.u16(bp + 10);
                if (reason <= 6) {
                    out.append(' ').append(REASONS[reason]);
                } else {
                    out.append(" [reason ").append(reason).append(']');
                }
            }
            default -> out.append("[type ").append(type).append(']');
        }
    }

    private static void state(StringBuilder out, int status) {
        if (status <= 2) {
            out.append(" state:").append(UPDOWN[status]);
        } else {
            out.append(" [status ").append(status).append(']');
        }
    }

    /**
     * ipaddr_string() of a local uint32_t on a little-endian host: egpnr_print() builds its addresses in host order,
     * so tcpdump prints their bytes lowest first.
     */
    private static void hostOrder(StringBuilder out, long v) {
        out.append(v & 0xff).append('.').append(v >> 8 & 0xff).append('.').append(v >> 16 & 0xff).append('.')
                .append(v >> 24 & 0xff);
    }

    /** egpnr_print(): the gateways and their networks; the source net read as network-order memory. */
    private static void nrPrint(Dissector nd, int bp, int len) {
        StringBuilder out = nd.out;
        // GET_IPV4_TO_NETWORK_ORDER on a little-endian host: the first byte is the value's lowest
        long addr = nd.u8(bp + 12) | nd.u8(bp + 13) << 8 | nd.u8(bp + 14) << 16 | (long) nd.u8(bp + 15) << 24;
        long net;
        int netlen;
        if ((addr & 0x80000000L) == 0) {
            net = addr & 0xff000000L;
            netlen = 1;
        } else if ((addr & 0xc0000000L) == 0x80000000L) {
            net = addr & 0xffff0000L;
            netlen = 2;
        } else if ((addr & 0xe0000000L) == 0xc0000000L) {
            net = addr & 0xffffff00L;
            netlen = 3;
        } else {
            net = 0;
            netlen = 0;
        }
        int cp = bp + HDR_LEN;
        long length = (len - HDR_LEN) & 0xffffffffL;
        int intgw = nd.u8(bp + 10);
        int tGateways = intgw + nd.u8(bp + 11);
        for (int gateways = 0; gateways < tGateways; ++gateways) {
            addr = 0;
            if (length < 4 - netlen || !nd.ttest(cp, 4 - netlen)) {
                nd.trunc();
                return;
            }
            switch (netlen) {
                case 1:
                    addr = nd.u8(cp++);
                    // fall through
                case 2:
                    addr = (addr << 8 | nd.u8(cp++)) & 0xffffffffL;
                    // fall through
                case 3:
                    addr = (addr << 8 | nd.u8(cp++)) & 0xffffffffL;
                    break;
                default:
                    break;
            }
            addr |= net;
            length -= 4 - netlen;
            if (length < 1) {
                nd.trunc();
                return;
            }
            int distances = nd.u8(cp++);
            length--;
            out.append(' ').append(gateways < intgw ? "int" : "ext").append(' ');
            hostOrder(out, addr);
            out.append(" (");
            String comma = "";
            while (distances != 0) {
                if (length < 2) {
                    nd.trunc();
                    return;
                }
                out.append(comma).append('d').append(nd.u8(cp++)).append(':');
                comma = ", ";
                int networks = nd.u8(cp++);
                length -= 2;
                while (networks != 0) {
                    if (length < 1) {
                        nd.trunc();
                        return;
                    }
                    addr = (long) nd.u8(cp++) << 24;
                    length--;
                    if ((addr & 0xc0000000L) == 0x80000000L) {
                        if (length < 1) {
                            nd.trunc();
                            return;
                        }
                        addr |= (long) nd.u8(cp++) << 16;
                        length--;
                    } else if ((addr & 0x80000000L) != 0) {
                        if (length < 2) {
                            nd.trunc();
                            return;
                        }
                        addr |= (long) nd.u8(cp++) << 16;
                        addr |= (long) nd.u8(cp++) << 8;
                        length -= 2;
                    }
                    out.append(' ');
                    hostOrder(out, addr);
                    networks--;
                }
                distances--;
            }
            out.append(')');
        }
    }
}
