package io.arplab.wire.tshark;

/**
 * packet-tftp.c (Wireshark 4.0): a valid request to port 69 opens a conversation from the client's port to any port
 * of the server, which the server's first answer fixes; every datagram of it is TFTP (decode_udp_ports()'s
 * try_conversation() before the port table). Info: the opcode, then the file and mode, the options, the block (with
 * "(last)" when shorter than the block size an OACK set) or the error.
 */
final class TftpDissector {
    static final int PORT = 69;
    private static final String[] OPCODES = {null, "Read Request", "Write Request", "Data Packet", "Acknowledgement",
        "Error Code", "Option Acknowledgement"};
    private static final String[] ERRORS = {"Not defined", "File not found", "Access violation",
        "Disk full or allocation exceeded", "Illegal TFTP Operation", "Unknown transfer ID", "File already exists",
        "No such user", "Option negotiation failed"};

    /** A UDP conversation (conversation_t) and, when TFTP's, tftp_conv_info_t's block size. */
    static final class Conversation {
        static final Conversation NONE = new Conversation(false, null, 0, null);
        final boolean tftp;
        final byte[] addr1;
        final int port1;
        final byte[] addr2;
        /** NO_PORT2: the second port is not known yet. */
        boolean noPort2;
        int blocksize = 512;

        Conversation(boolean tftp, byte[] addr1, int port1, byte[] addr2) {
            this.tftp = tftp;
            this.addr1 = addr1;
            this.port1 = port1;
            this.addr2 = addr2;
        }
    }

    private TftpDissector() {}

    static String exactKey(byte[] a, int pa, byte[] b, int pb) {
        String x = hex(a) + ":" + pa;
        String y = hex(b) + ":" + pb;
        return x.compareTo(y) <= 0 ? x + "|" + y : y + "|" + x;
    }

    private static String noPort2Key(byte[] a1, int p1, byte[] a2) {
        return hex(a1) + ":" + p1 + "|" + hex(a2);
    }

    private static String hex(byte[] a) {
        StringBuilder sb = new StringBuilder();
        for (byte b : a) {
            sb.append(Character.forDigit((b >> 4) & 15, 16)).append(Character.forDigit(b & 15, 16));
        }
        return sb.toString();
    }

    /** find_conversation_pinfo(): both endpoints, then a NO_PORT2 one whose first endpoint is either end. */
    private static Conversation find(Packet p, int sport, int dport) {
        Capture c = p.capture;
        Conversation conv = c.udpExact.get(exactKey(p.netSrc, sport, p.netDst, dport));
        if (conv == null) {
            conv = c.udpNoPort2.get(noPort2Key(p.netSrc, sport, p.netDst));
        }
        if (conv == null) {
            conv = c.udpNoPort2.get(noPort2Key(p.netDst, dport, p.netSrc));
        }
        return conv;
    }

    /** packet-udp.c's find_or_create_conversation() for every datagram: a conversation without a dissector. */
    static void findOrCreate(Packet p, int sport, int dport) {
        if (p.netSrc != null && p.netDst != null && find(p, sport, dport) == null) {
            p.capture.udpExact.put(exactKey(p.netSrc, sport, p.netDst, dport), Conversation.NONE);
        }
    }

    /** try_conversation(): a datagram of a TFTP conversation goes to dissect_tftp() whatever its ports. */
    static boolean tryConversation(Tvb tvb, Packet p, int sport, int dport) {
        if (p.netSrc == null || p.netDst == null) {
            return false;
        }
        Conversation conv = find(p, sport, dport);
        return conv != null && conv.tftp && dissect(tvb, p, sport, dport);
    }

    /**
     * dissect_tftp(): a valid read or write request to port 69 opens a NO_PORT2 conversation from the client's port;
     * otherwise the datagram's conversation is looked for by its destination port as a client's (the server's answer
     * completes it, conversation_set_port2(); the wrong direction is not TFTP), then by its endpoints, and failing a
     * TFTP one a conversation of the source address with the destination port is made.
     */
    static boolean dissect(Tvb tvb, Packet p, int sport, int dport) {
        Capture c = p.capture;
        Conversation conv = null;
        if (dport == PORT && validRequest(tvb)) {
            conv = new Conversation(true, p.netSrc, sport, p.netDst);
            conv.noPort2 = true;
            c.udpNoPort2.put(noPort2Key(p.netSrc, sport, p.netDst), conv);
        }
        if (conv == null) {
            conv = c.udpNoPort2.get(noPort2Key(p.netSrc, dport, p.netDst));
            if (conv == null) {
                conv = c.udpNoPort2.get(noPort2Key(p.netDst, dport, p.netSrc));
            }
            if (conv != null) {
                if (dport != conv.port1) {
                    return false;
                }
                c.udpNoPort2.remove(noPort2Key(conv.addr1, conv.port1, conv.addr2));
                conv.noPort2 = false;
                c.udpExact.put(exactKey(conv.addr1, conv.port1, conv.addr2, sport), conv);
            }
        }
        if (conv == null) {
            conv = find(p, sport, dport);
            if (conv == null || !conv.tftp) {
                // conversation_new() with the source address and the destination port as its first endpoint
                conv = new Conversation(true, p.netSrc, dport, p.netDst);
                c.udpExact.put(exactKey(p.netSrc, dport, p.netDst, sport), conv);
            }
        }
        message(tvb, p, conv);
        return true;
    }

    /**
     * is_valid_request(): a read or write request whose bytes after the opcode are printable or NUL, an even number
     * of NULs, and a mode of "netascii", "octet" or "mail".
     */
    static boolean validRequest(Tvb tvb) {
        if (tvb.length < 4) {
            return false;
        }
        int opcode = tvb.u16(0);
        if (opcode != 1 && opcode != 2) {
            return false;
        }
        int zeros = 0;
        for (int i = 2; i < tvb.length; i++) {
            int ch = tvb.u8(i);
            if (ch == 0) {
                zeros++;
            } else if (ch < 0x20 || ch > 0x7e) {
                return false;
            }
        }
        if (zeros == 0 || zeros % 2 != 0) {
            return false;
        }
        int off = 2 + tvb.strsize(2);
        String mode = stringz(tvb, off, tvb.strsize(off));
        return mode.equalsIgnoreCase("netascii") || mode.equalsIgnoreCase("octet") || mode.equalsIgnoreCase("mail");
    }

    /** dissect_tftp_message(). */
    private static void message(Tvb tvb, Packet p, Conversation conv) {
        p.protocol("TFTP");
        int opcode = tvb.u16(0);
        p.clearInfo();
        p.info(opcode < OPCODES.length && OPCODES[opcode] != null ? OPCODES[opcode]
                : opcode == 255 ? "Information (MSDP)" : String.format("Unknown (0x%04x)", opcode));
        int off = 2;
        switch (opcode) {
            case 1, 2 -> {
                int n = tvb.strsize(off);
                p.append(", File: " + stringz(tvb, off, n));
                off += n;
                n = tvb.strsize(off);
                p.append(", Transfer type: " + stringz(tvb, off, n));
                off += n;
                options(tvb, p, off, opcode, conv);
            }
            case 255 -> options(tvb, p, off, opcode, conv);
            case 3 -> {
                int block = tvb.u16(off);
                off += 2;
                int bytes = tvb.reportedLengthRemaining(off) & 0xffff; // guint16
                p.append(", Block: " + block + (bytes < conv.blocksize ? " (last)" : ""));
            }
            case 4 -> p.append(", Block: " + tvb.u16(off));
            case 5 -> {
                int error = tvb.u16(off);
                p.append(", Code: " + (error < ERRORS.length ? ERRORS[error] : "Unknown (" + error + ")"));
                off += 2;
                int n = tvb.strsize(off);
                p.append(", Message: " + stringz(tvb, off, n));
            }
            case 6 -> options(tvb, p, off, opcode, conv);
            default -> {
                // the rest: a data item of length -1 needs a byte (tvb_ensure_captured_length_remaining())
                if (off >= tvb.length) {
                    tvb.check(off, 1);
                }
            }
        }
    }

    /** tftp_dissect_options(): name=value pairs while bytes remain; an OACK's blksize of 8 to 65464 is kept. */
    private static void options(Tvb tvb, Packet p, int off, int opcode, Conversation conv) {
        while (off < tvb.length) {
            int nameLen = tvb.strsize(off);
            int valueLen = tvb.strsize(off + nameLen);
            String name = FormatText.of(tvb.data, tvb.start + off, nameLen - 1);
            String value = FormatText.of(tvb.data, tvb.start + off + nameLen, valueLen - 1);
            off += nameLen + valueLen;
            p.append(", " + name + "=" + value);
            if (opcode == 6 && name.equalsIgnoreCase("blksize")) {
                long size = strtol(value);
                if (size >= 8 && size <= 65464) {
                    conv.blocksize = (int) size;
                }
            }
        }
    }

    /** tvb_format_stringzpad(): the string up to its first NUL. */
    private static String stringz(Tvb tvb, int off, int size) {
        int n = 0;
        while (n < size && tvb.data[tvb.start + off + n] != 0) {
            n++;
        }
        return FormatText.of(tvb.data, tvb.start + off, n);
    }

    /** (gint) strtol(s, NULL, 10): leading blanks, a sign, the digits there are. */
    private static long strtol(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        boolean neg = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            neg = s.charAt(i++) == '-';
        }
        long v = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9' && v < 1L << 40) {
            v = v * 10 + (s.charAt(i++) - '0');
        }
        return (int) (neg ? -v : v);
    }
}
