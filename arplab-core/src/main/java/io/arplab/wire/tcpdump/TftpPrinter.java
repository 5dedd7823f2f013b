package io.arplab.wire.tcpdump;

/** print-tftp.c: TFTP (RFC 1350) requests, data, acknowledgements, errors and RFC 2347 options. */
final class TftpPrinter {
    static final int TFTP_PORT = 69;
    private static final String[] OPS = {null, "RRQ", "WRQ", "DATA", "ACK", "ERROR", "OACK"};
    private static final String[] ERRORS = {"EUNDEF", "ENOTFOUND", "EACCESS", "ENOSPACE", "EBADOP", "EBADID",
            "EEXISTS", "ENOUSER"};

    private TftpPrinter() {}

    /** tftp_print(). */
    static void tftpPrint(Dissector nd, int bp, int length) {
        nd.protocol = "tftp";
        StringBuilder out = nd.out;
        out.append("TFTP, length ").append(length);
        try {
            if (length < 2) {
                throw TruncLabel.INSTANCE;
            }
            int opcode = nd.u16(bp);
            if (opcode >= OPS.length || OPS[opcode] == null) {
                out.append(", tftp-#").append(opcode);
                return;
            }
            out.append(", ").append(OPS[opcode]);
            bp += 2;
            length -= 2;
            switch (opcode) {
                case 1, 2 -> {
                    if (length == 0) {
                        throw TruncLabel.INSTANCE;
                    }
                    out.append(" \"");
                    int ui = printztn(nd, bp, length);
                    out.append('"');
                    if (ui == 0) {
                        throw TruncLabel.INSTANCE;
                    }
                    bp += ui;
                    length -= ui;
                    if (length == 0) {
                        throw TruncLabel.INSTANCE;
                    }
                    out.append(' ');
                    ui = printztn(nd, bp, length);
                    if (ui == 0) {
                        throw TruncLabel.INSTANCE;
                    }
                    bp += ui;
                    length -= ui;
                    options(nd, bp, length);
                }
                case 6 -> options(nd, bp, length);
                case 3, 4 -> {
                    if (length < 2) {
                        throw TruncLabel.INSTANCE;
                    }
                    int block = nd.u16(bp);
                    out.append(" block ").append(block);
                }
                default -> { // ERROR
                    if (length < 2) {
                        throw TruncLabel.INSTANCE;
                    }
                    int code = nd.u16(bp);
                    out.append(' ');
                    if (code < ERRORS.length) {
                        out.append(ERRORS[code]);
                    } else {
                        out.append("tftp-err-#").append(code).append(" \"");
                    }
                    bp += 2;
                    length -= 2;
                    if (length == 0) {
                        throw TruncLabel.INSTANCE;
                    }
                    out.append(" \"");
                    int ui = printztn(nd, bp, length);
                    out.append('"');
                    if (ui == 0) {
                        throw TruncLabel.INSTANCE;
                    }
                }
            }
        } catch (TruncLabel t) {
            nd.trunc();
        }
    }

    private static void options(Dissector nd, int bp, int length) {
        while (length != 0) {
            if (nd.u8(bp) != 0) {
                nd.out.append(' ');
            }
            int ui = printztn(nd, bp, length);
            if (ui == 0) {
                throw TruncLabel.INSTANCE;
            }
            bp += ui;
            length -= ui;
        }
    }

    /** nd_printztn(): up to n bytes or a NUL; the bytes used, NUL included, or 0 when none came. */
    static int printztn(Dissector nd, int s, int n) {
        int bytes = 0;
        for (;;) {
            if (n == 0 || s >= nd.snapend) {
                return 0;
            }
            int c = nd.u8(s++);
            bytes++;
            n--;
            if (c == 0) {
                return bytes;
            }
            nd.printChar(c);
        }
    }
}
