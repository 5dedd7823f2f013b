package io.arplab.wire.tcpdump;

/** print-krb.c: Kerberos on UDP 88 and 750: the version, and Kerberos 4's message types with their names. */
final class KrbPrinter {
    static final int KERBEROS_PORT = 88;
    static final int KERBEROS_SEC_PORT = 750;

    /** A name the snapshot cut: nd_print_trunc() and the end of the printer. */
    private static final class Trunc extends RuntimeException {
        private static final Trunc INSTANCE = new Trunc();

        private Trunc() {
            super(null, null, false, false);
        }
    }

    private KrbPrinter() {}

    /** krb_print(). */
    static void krbPrint(Dissector nd, int dat) {
        nd.protocol = "krb";
        if (dat >= nd.snapend) {
            nd.trunc();
            return;
        }
        int pvno = nd.u8(dat);
        switch (pvno) {
            case 1, 2, 3 -> nd.out.append(" v").append(pvno);
            case 4 -> {
                nd.out.append(" v").append(pvno);
                try {
                    krb4(nd, dat);
                } catch (Trunc t) {
                    nd.trunc();
                }
            }
            case 106, 107 -> nd.out.append(" v5");
            default -> { }
        }
    }

    /** c_print(): a NUL-terminated string up to the snapshot's end; without its NUL the message is cut. */
    private static int cPrint(Dissector nd, int s) {
        while (s < nd.snapend) {
            int c = nd.u8(s++);
            if (c == 0) {
                return s;
            }
            nd.printChar(c);
        }
        throw Trunc.INSTANCE;
    }

    /** krb4_print_hdr(): name.instance@realm. */
    private static int hdr(Dissector nd, int cp) {
        cp = cPrint(nd, cp + 2);
        nd.out.append('.');
        cp = cPrint(nd, cp);
        nd.out.append('@');
        return cPrint(nd, cp);
    }

    /** KTOHSP(): a 16-bit value in the byte order the type's low bit gives. */
    private static int ktohs(Dissector nd, boolean le, int cp) {
        return le ? nd.u16le(cp) : nd.u16(cp);
    }

    /** krb4_print(). */
    private static void krb4(Dissector nd, int kp) {
        StringBuilder out = nd.out;
        boolean le = (nd.u8(kp + 1) & 0x01) != 0;
        int type = nd.u8(kp + 1) & 0xfe;
        String name = switch (type) {
            case 1 << 1 -> "KDC_REQUEST";
            case 2 << 1 -> "KDC_REPLY";
            case 3 << 1 -> "APPL_REQUEST";
            case 4 << 1 -> "APPL_REQUEST_MUTUAL";
            case 5 << 1 -> "ERR_REPLY";
            case 6 << 1 -> "PRIVATE";
            case 7 << 1 -> "SAFE";
            case 8 << 1 -> "APPL_ERR";
            case 63 << 1 -> "DIE";
            default -> "#" + type;
        };
        out.append(' ').append(le ? "le" : "be").append(' ').append(name).append(": ");
        int cp = kp;
        switch (type) {
            case 1 << 1 -> {
                cp = hdr(nd, cp) + 4;
                int life = nd.u8(cp) * 5;
                out.append(' ').append(life).append("min ");
                cp = cPrint(nd, cp + 1);
                out.append('.');
                cPrint(nd, cp);
            }
            case 3 << 1 -> {
                cp += 2;
                int v = nd.u8(cp++);
                out.append('v').append(v).append(' ');
                cp = cPrint(nd, cp);
                int a = nd.u8(cp++);
                out.append(" (").append(a).append(')');
                int b = nd.u8(cp);
                out.append(" (").append(b).append(')');
            }
            case 2 << 1 -> {
                cp = hdr(nd, cp) + 10;
                int len = ktohs(nd, le, cp);
                out.append(" (").append(len).append(')');
            }
            case 5 << 1 -> {
                cp = hdr(nd, cp) + 4;
                int e = ktohs(nd, le, cp);
                String err = switch (e) {
                    case 0 -> "OK";
                    case 1 -> "NAME_EXP";
                    case 2 -> "SERVICE_EXP";
                    case 3 -> "AUTH_EXP";
                    case 4 -> "PKT_VER";
                    case 5 -> "NAME_MAST_KEY_VER";
                    case 6 -> "SERV_MAST_KEY_VER";
                    case 7 -> "BYTE_ORDER";
                    case 8 -> "PRINCIPAL_UNKNOWN";
                    case 9 -> "PRINCIPAL_NOT_UNIQUE";
                    case 10 -> "NULL_KEY";
                    default -> "#" + e;
                };
                out.append(' ').append(err).append(' ');
                cPrint(nd, cp + 4);
            }
            default -> out.append("(unknown)");
        }
    }
}
