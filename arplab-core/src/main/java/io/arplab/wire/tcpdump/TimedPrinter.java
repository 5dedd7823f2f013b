package io.arplab.wire.tcpdump;

/** print-timed.c: BSD timed's TSP messages on UDP port 525. */
final class TimedPrinter {
    static final int TIMED_PORT = 525;
    private static final String[] TYPES = {"TSP_ANY", "TSP_ADJTIME", "TSP_ACK", "TSP_MASTERREQ", "TSP_MASTERACK",
        "TSP_SETTIME", "TSP_MASTERUP", "TSP_SLAVEUP", "TSP_ELECTION", "TSP_ACCEPT", "TSP_REFUSE", "TSP_CONFLICT",
        "TSP_RESOLVE", "TSP_QUIT", "TSP_DATE", "TSP_DATEREQ", "TSP_DATEACK", "TSP_TRACEON", "TSP_TRACEOFF",
        "TSP_MSITE", "TSP_MSITEREQ", "TSP_TEST", "TSP_SETDATE", "TSP_SETDATEREQ", "TSP_LOOP"};

    private TimedPrinter() {}

    /** timed_print(): the type, version, sequence, the hop count or time, the name (struct tsp). */
    static void timedPrint(Dissector nd, int bp) {
        nd.protocol = "timed";
        StringBuilder out = nd.out;
        int type = nd.u8(bp);
        out.append(type < TYPES.length ? TYPES[type] : "(tsp_type 0x" + Integer.toHexString(type) + ")");
        int vers = nd.u8(bp + 1);
        out.append(" vers ").append(vers);
        int seq = nd.u16(bp + 2);
        out.append(" seq ").append(seq);
        switch (type) {
            case 24 -> {
                int hopcnt = nd.u8(bp + 4);
                out.append(" hopcnt ").append(hopcnt);
            }
            case 5, 1, 22, 23 -> {
                int sec = (int) nd.u32(bp + 4);
                int usec = (int) nd.u32(bp + 8);
                if (usec < 0) {
                    return;
                }
                out.append(" time ");
                if (sec < 0 && usec != 0) {
                    sec++;
                    if (sec == 0) {
                        out.append('-');
                    }
                    usec = 1000000 - usec;
                }
                out.append(sec).append('.');
                Names.appendDec(out, usec, 6);
            }
            default -> { }
        }
        out.append(" name ");
        nd.printjnp(bp + 12, 256);
    }
}
