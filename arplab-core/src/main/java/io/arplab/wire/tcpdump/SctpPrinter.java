package io.arplab.wire.tcpdump;

/** print-sctp.c: the SCTP common header and its chunks (RFC 4960), IP protocol 132. */
final class SctpPrinter {
    private static final String[] PPID = {null, "ISDN Q.921", "M2UA", "M3UA", "SUA", "M2PA", "V5.2", "H.248", "BICC",
        "TALI", "DUA", "ASAP", "ENRP", "H.323", "Q.IPC", "SIMCO", "DDPSC", "DDPSSC", "S1AP", "RUA", "HNBAP",
        "ForCES HP", "ForCES MP", "ForCES LP", "SBc-AP", "NBAP", null, "X2AP"};

    private SctpPrinter() {}

    /** sctp_chunkid_str. */
    private static String chunkName(int id) {
        return switch (id) {
            case 0x00 -> "DATA";
            case 0x01 -> "INIT";
            case 0x02 -> "INIT ACK";
            case 0x03 -> "SACK";
            case 0x04 -> "HB REQ";
            case 0x05 -> "HB ACK";
            case 0x06 -> "ABORT";
            case 0x07 -> "SHUTDOWN";
            case 0x08 -> "SHUTDOWN ACK";
            case 0x09 -> "OP ERR";
            case 0x0a -> "COOKIE ECHO";
            case 0x0b -> "COOKIE ACK";
            case 0x0c -> "ECN ECHO";
            case 0x0d -> "ECN CWR";
            case 0x0e -> "SHUTDOWN COMPLETE";
            case 0xc0 -> "FOR CUM TSN";
            case 0xc1 -> "REL CTRL";
            case 0xc2 -> "REL CTRL ACK";
            default -> "Unknown chunk type: 0x" + Integer.toHexString(id);
        };
    }

    private static boolean forcesPort(int port) {
        return port == 6704 || port == 6705 || port == 6706;
    }

    private static String forcesChannel(int port) {
        return port == 6704 ? "ForCES HP" : port == 6705 ? "ForCES MP" : "ForCES LP";
    }

    /** sctp_print(). */
    static void sctpPrint(Dissector nd, int bp, int ip, int sctpPacketLength) {
        nd.protocol = "sctp";
        try {
            body(nd, bp, ip, sctpPacketLength);
        } catch (TruncLabel t) {
            nd.trunc();
        }
    }

    private static void body(Dissector nd, int bp, int ip, int sctpPacketLength) {
        StringBuilder out = nd.out;
        if (sctpPacketLength < 12) {
            out.append("truncated-sctp - ").append(12 - sctpPacketLength).append(" bytes missing!");
            return;
        }
        nd.tcheck(bp, 12);
        long remaining = sctpPacketLength & 0xffffffffL;
        int sourcePort = nd.u16(bp);
        int destPort = nd.u16(bp + 2);
        if ((nd.p[ip] & 0xf0) == 0x60) {
            nd.check(ip + 8, 16);
            Names.ip6addr(out, nd.p, ip + 8);
            out.append('.').append(sourcePort).append(" > ");
            nd.check(ip + 24, 16);
            Names.ip6addr(out, nd.p, ip + 24);
        } else {
            nd.check(ip + 12, 4);
            Names.ipaddr(out, nd.p, ip + 12);
            out.append('.').append(sourcePort).append(" > ");
            nd.check(ip + 16, 4);
            Names.ipaddr(out, nd.p, ip + 16);
        }
        out.append('.').append(destPort).append(": sctp");
        boolean isforces = false;
        if (forcesPort(sourcePort)) {
            out.append('[').append(forcesChannel(sourcePort)).append(']');
            isforces = true;
        }
        if (forcesPort(destPort)) {
            out.append('[').append(forcesChannel(destPort)).append(']');
            isforces = true;
        }
        bp += 12;
        remaining -= 12;
        String sep = nd.vflag >= 2 ? "\n\t" : " (";
        for (int chunkCount = 0; remaining != 0; chunkCount++) {
            int chunk = bp;
            if (remaining < 4) {
                out.append(sep).append(chunkCount + 1).append(") [chunk descriptor cut off at end of packet]");
                break;
            }
            nd.tcheck(chunk, 4);
            int chunkLength = nd.u16(chunk + 2);
            if (chunkLength < 4) {
                out.append(sep).append(chunkCount + 1).append(") [Bad chunk length ").append(chunkLength)
                        .append(", < size of chunk descriptor]");
                break;
            }
            int chunkRemaining = chunkLength;
            int align = chunkLength % 4;
            if (align != 0) {
                align = 4 - align;
            }
            if (remaining < align) {
                out.append(sep).append(chunkCount + 1).append(") [Bad chunk length ").append(chunkLength)
                        .append(", > remaining data in packet]");
                break;
            }
            nd.tcheck(bp, chunkLength);
            bp += 4;
            remaining = (remaining - 4) & 0xffffffffL;
            chunkRemaining -= 4;
            out.append(sep).append(chunkCount + 1).append(") ");
            int chunkId = nd.u8(chunk);
            out.append('[').append(chunkName(chunkId)).append("] ");
            switch (chunkId) {
                case 0x00 -> {
                    int flg = nd.u8(chunk + 1);
                    if ((flg & 0x04) != 0) {
                        out.append("(U)");
                    }
                    if ((flg & 0x02) != 0) {
                        out.append("(B)");
                    }
                    if ((flg & 0x01) != 0) {
                        out.append("(E)");
                    }
                    if ((flg & 0x07) != 0) {
                        out.append(' ');
                    }
                    if (chunkRemaining < 12) {
                        out.append("bogus chunk length ").append(chunkLength).append(']');
                        return;
                    }
                    long ppid = nd.u32(bp + 8);
                    out.append("[TSN: " + nd.u32(bp)).append("] ");
                    out.append("[SID: " + nd.u16(bp + 4)).append("] ");
                    out.append("[SSEQ " + nd.u16(bp + 6)).append("] ");
                    out.append("[PPID ");
                    if (ppid < PPID.length && PPID[(int) ppid] != null) {
                        out.append(PPID[(int) ppid]);
                    } else {
                        out.append("0x");
                        Names.appendHex(out, ppid);
                    }
                    out.append("] ");
                    if (!isforces) {
                        isforces = ppid == 21 || ppid == 22 || ppid == 23;
                    }
                    bp += 12;
                    remaining = (remaining - 12) & 0xffffffffL;
                    chunkRemaining -= 12;
                    int payloadSize = chunkRemaining;
                    if (payloadSize == 0) {
                        out.append("bogus chunk length ").append(chunkLength).append(']');
                        return;
                    }
                    if (!isforces && nd.vflag >= 2 && ppid != 3) {
                        // forces_print() and m3ua_print() are printers this package does not carry
                        out.append("[Payload");
                        if (!nd.suppressDefaultPrint) {
                            out.append(':');
                            HexDump.hexAndAscii(nd, "\n\t", bp, payloadSize);
                        }
                        out.append(']');
                    }
                    bp += payloadSize;
                    remaining = (remaining - payloadSize) & 0xffffffffL;
                    chunkRemaining = 0;
                }
                case 0x01, 0x02 -> {
                    if (chunkRemaining < 16) {
                        out.append("bogus chunk length ").append(chunkLength).append(']');
                        return;
                    }
                    out.append("[init tag: " + nd.u32(bp)).append("] ");
                    out.append("[rwnd: " + nd.u32(bp + 4)).append("] ");
                    out.append("[OS: " + nd.u16(bp + 8)).append("] ");
                    out.append("[MIS: " + nd.u16(bp + 10)).append("] ");
                    out.append("[init TSN: " + nd.u32(bp + 12)).append("] ");
                    bp += chunkRemaining;
                    remaining = (remaining - chunkRemaining) & 0xffffffffL;
                    chunkRemaining = 0;
                }
                case 0x03 -> {
                    if (chunkRemaining < 12) {
                        out.append("bogus chunk length ").append(chunkLength).append(']');
                        return;
                    }
                    int sack = bp;
                    out.append("[cum ack " + nd.u32(sack)).append("] ");
                    out.append("[a_rwnd " + nd.u32(sack + 4)).append("] ");
                    out.append("[#gap acks " + nd.u16(sack + 8)).append("] ");
                    out.append("[#dup tsns " + nd.u16(sack + 10)).append("] ");
                    bp += 12;
                    remaining = (remaining - 12) & 0xffffffffL;
                    chunkRemaining -= 12;
                    for (int fragNo = 0; chunkRemaining != 0 && fragNo < nd.u16(sack + 8); fragNo++) {
                        if (chunkRemaining < 4) {
                            out.append("bogus chunk length ").append(chunkLength).append(']');
                            return;
                        }
                        long cum = nd.u32(sack);
                        long start = (cum + nd.u16(bp)) & 0xffffffffL;
                        long end = (cum + nd.u16(bp + 2)) & 0xffffffffL;
                        out.append("\n\t\t[gap ack block #").append(fragNo + 1).append(": start = ").append(start)
                                .append(", end = ").append(end).append("] ");
                        bp += 4;
                        remaining = (remaining - 4) & 0xffffffffL;
                        chunkRemaining -= 4;
                    }
                    for (int tsnNo = 0; chunkRemaining != 0 && tsnNo < nd.u16(sack + 10); tsnNo++) {
                        if (chunkRemaining < 4) {
                            out.append("bogus chunk length ").append(chunkLength).append(']');
                            return;
                        }
                        long tsn = nd.u32(bp);
                        out.append("\n\t\t[dup TSN #").append(tsnNo + 1).append(": ").append(tsn).append("] ");
                        bp += 4;
                        remaining = (remaining - 4) & 0xffffffffL;
                        chunkRemaining -= 4;
                    }
                }
                default -> {
                    bp += chunkRemaining;
                    remaining = (remaining - chunkRemaining) & 0xffffffffL;
                    chunkRemaining = 0;
                }
            }
            bp += chunkRemaining;
            remaining = (remaining - chunkRemaining) & 0xffffffffL;
            if (nd.vflag < 2) {
                sep = ", (";
            }
            if (align != 0) {
                nd.tcheck(bp, align);
                bp += align;
                remaining = (remaining - align) & 0xffffffffL;
            }
        }
    }
}
