package io.arplab.wire.tcpdump;

/** print-eap.c's eap_print(): an EAP packet (RFC 3748), as RADIUS's EAP-Message attribute carries it. */
final class EapPrinter {
    private EapPrinter() {}

    private static String type(int t) {
        return switch (t) {
            case 0 -> "No proposed";
            case 1 -> "Identity";
            case 2 -> "Notification";
            case 3 -> "Nak";
            case 4 -> "MD5-challenge";
            case 5 -> "OTP";
            case 6 -> "GTC";
            case 13 -> "TLS";
            case 18 -> "SIM";
            case 21 -> "TTLS";
            case 23 -> "AKA";
            case 43 -> "FAST";
            case 254 -> "Expanded types";
            case 255 -> "Experimental";
            default -> "unknown";
        };
    }

    /** bittok2str(eap_tls_flags_values, "none", flags). */
    private static String tlsFlags(int f) {
        return BfdPrinter.bittok2str(new int[] {0x80, 0x40, 0x20}, new String[] {"L bit", "More fragments bit",
            "Start bit"}, f);
    }

    /** eap_print(). */
    static void eapPrint(Dissector nd, int cp, int length) {
        StringBuilder out = nd.out;
        int code = nd.u8(cp);
        int len = nd.u16(cp + 2);
        if (len != length) {
            out.append("EAP fragment?");
            return;
        }
        int id = nd.u8(cp + 1);
        out.append(switch (code) {
            case 1 -> "Request";
            case 2 -> "Response";
            case 3 -> "Success";
            case 4 -> "Failure";
            default -> "unknown";
        }).append(" (").append(code).append("), id ").append(id).append(", len ").append(len);
        if (len < 4) {
            out.append(" (too short for EAP header)");
            return;
        }
        if (!nd.ttest(cp, len)) {
            nd.trunc();
            return;
        }
        if (code != 1 && code != 2) {
            return;
        }
        if (len < 5) {
            out.append(" (too short for EAP request/response)");
            return;
        }
        int subtype = nd.u8(cp + 4);
        out.append("\n\t\t Type ").append(type(subtype)).append(" (").append(subtype).append(')');
        switch (subtype) {
            case 1 -> {
                if (len > 5) {
                    out.append(", Identity: ");
                    nd.printjnp(cp + 5, len - 5);
                }
            }
            case 2 -> {
                if (len < 6) {
                    out.append(" (too short for EAP Notification request/response)");
                    return;
                }
                out.append(", Notification: ");
                nd.printjnp(cp + 5, len - 5);
            }
            case 3 -> {
                if (len < 6) {
                    out.append(" (too short for EAP Legacy NAK request/response)");
                    return;
                }
                String sep = "";
                for (int count = 5; count < len; count++) {
                    int t = nd.u8(cp + count);
                    out.append(sep).append(' ').append(type(t)).append(" (").append(t).append(')');
                    sep = ",";
                }
            }
            case 13, 21, 43 -> {
                String what = subtype == 43 ? "FAST" : "TLS/TTLS";
                if (len < 6) {
                    out.append(" (too short for EAP ").append(what).append(" request/response)");
                    return;
                }
                int f = nd.u8(cp + 5);
                if (subtype != 13) {
                    out.append(subtype == 21 ? " TTLSv" : " FASTv").append(f & 0x07);
                }
                out.append(" flags [").append(tlsFlags(f)).append("] 0x");
                nd.hex2(f);
                if ((f & 0x80) != 0) {
                    if (len < 10) {
                        out.append(" (too short for EAP ").append(what).append(" request/response with length)");
                        return;
                    }
                    out.append(", len ").append(nd.u32(cp + 6));
                }
            }
            case 18, 23 -> {
                if (len < 6) {
                    out.append(" (too short for EAP SIM/AKA request/response)");
                    return;
                }
                int s = nd.u8(cp + 5);
                out.append(" subtype [").append(switch (s) {
                    case 1, 11 -> "Challenge";
                    case 2 -> "Auth reject";
                    case 4 -> "Sync failure";
                    case 5 -> "Identity";
                    case 10 -> "Start";
                    case 12 -> "Notification";
                    case 13 -> "Reauth";
                    case 14 -> "Client error";
                    default -> "unknown";
                }).append("] 0x");
                nd.hex2(s);
            }
            default -> { }
        }
    }
}
