package io.arplab.tools;

import io.arplab.wire.Bytes;

/**
 * What arp-scan 1.10.0 reads of an answer: its pcap filter (main()'s filter_string) and unmarshal_arp_pkt(), the
 * ARP fields found after an 802.1Q tag and an 802.2 LLC/SNAP header when there are.
 */
final class ArpScanFilter {
    private ArpScanFilter() {}

    /**
     * "ether dst SHA and (arp or (ether[14:4]=0xaaaa0300 and ether[20:2]=0x0806) or (ether[12:2]=0x8100 and
     * ether[16:2]=0x0806) or (ether[12:2]=0x8100 and ether[18:4]=0xaaaa0300 and ether[24:2]=0x0806))": a load past
     * the frame's end fails the filter.
     */
    static boolean passes(byte[] f, long sha) {
        if (f.length < 14 || Bytes.u48(f, 0) != sha) {
            return false;
        }
        int type = Bytes.u16(f, 12);
        return type == 0x0806
                || f.length >= 22 && Bytes.i32(f, 14) == 0xaaaa0300 && Bytes.u16(f, 20) == 0x0806
                || type == 0x8100 && f.length >= 18 && Bytes.u16(f, 16) == 0x0806
                || type == 0x8100 && f.length >= 26 && Bytes.i32(f, 18) == 0xaaaa0300 && Bytes.u16(f, 24) == 0x0806;
    }

    /** unmarshal_arp_pkt()'s result: the frame's source, the ARP fields display_packet() shows, and the framing. */
    record Unpacked(long hdrSrc, int pro, long sha, int sip, int vlanId, boolean llcSnap, byte[] extra) {
        /** Whether the data after the ARP packet has a byte that is not zero. */
        boolean nonzeroExtra() {
            for (byte b : extra) {
                if (b != 0) {
                    return true;
                }
            }
            return false;
        }

        /** hexstring(): the data after the ARP packet, two lower-case hex digits a byte. */
        String extraHex() {
            StringBuilder s = new StringBuilder();
            for (byte b : extra) {
                s.append(String.format("%02x", b & 0xff));
            }
            return s.toString();
        }
    }

    /** unmarshal_arp_pkt() of the first {@code n} bytes (at least an Ethernet header and an ARP packet). */
    static Unpacked unmarshal(byte[] f, int n) {
        int o = 12;
        int vlanId = -1;
        if ((f[12] & 0xff) == 0x81 && f[13] == 0) {
            vlanId = Bytes.u16(f, 14) & 0x0fff; // the PRI and CFI bits masked off
            o = 16;
        }
        o += 2;
        boolean llcSnap = false;
        if (at(f, n, o) == 0xaa && at(f, n, o + 1) == 0xaa && at(f, n, o + 2) == 0x03) {
            llcSnap = true;
            o += 8;
        }
        int pro = at(f, n, o + 2) << 8 | at(f, n, o + 3);
        long sha = 0;
        for (int i = 0; i < 6; i++) {
            sha = sha << 8 | at(f, n, o + 8 + i);
        }
        int sip = 0;
        for (int i = 0; i < 4; i++) {
            sip = sip << 8 | at(f, n, o + 14 + i);
        }
        int end = o + 28;
        byte[] extra = end < n ? java.util.Arrays.copyOfRange(f, end, n) : new byte[0];
        return new Unpacked(Bytes.u48(f, 6), pro, sha, sip, vlanId, llcSnap, extra);
    }

    // a byte of the captured data; past the capture, 0 (the C reads what its buffer held)
    private static int at(byte[] f, int n, int i) {
        return i < n ? f[i] & 0xff : 0;
    }
}
