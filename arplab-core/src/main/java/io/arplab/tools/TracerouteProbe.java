package io.arplab.tools;

import io.arplab.stack.UdpSocket;
import io.arplab.wire.Ipv4Address;

/** traceroute.h's probe: one probe's times, its answer and what holds its port; parse_icmp_res() reads an error. */
final class TracerouteProbe {
    boolean done;
    boolean fin;
    double sendTime;
    double recvTime;
    Ipv4Address res;
    int recvTtl;
    String errStr = "";
    /** pb->ext: the tcp module's reply flags under -O info, else null */
    String ext;
    UdpSocket sk;
    /** The tcp module's port-holding SOCK_STREAM socket (its bound port), 0 when none. */
    int heldPort;
    int seq;

    void copyFrom(TracerouteProbe o) {
        done = o.done;
        fin = o.fin;
        sendTime = o.sendTime;
        recvTime = o.recvTime;
        res = o.res;
        recvTtl = o.recvTtl;
        errStr = o.errStr;
        ext = o.ext;
        sk = o.sk;
        heldPort = o.heldPort;
        seq = o.seq;
    }

    /** parse_icmp_res(): time exceeded in transit is a plain hop; unreachables end the trace with their mark. */
    void parseIcmpRes(int type, int code, int info) {
        String str = null;
        if (type == 11) {
            if (code == 0) {
                return;
            }
        } else if (type == 3) {
            str = switch (code) {
                case 0, 6, 8, 11 -> "!N";
                case 1, 7, 12 -> "!H";
                case 9, 10, 13 -> "!X";
                case 3 -> "";
                case 2 -> "!P";
                case 4 -> "!F-" + info;
                case 5 -> "!S";
                case 14 -> "!V";
                case 15 -> "!C";
                default -> "!<" + code + ">";
            };
        }
        if (str == null) {
            str = "!<" + type + "-" + code + ">";
        }
        if (!str.isEmpty()) {
            errStr = str;
        }
        fin = true;
    }
}
