package io.arplab.wire.tshark;

import java.util.Set;

/**
 * packet-dhcpv6.c's dissect_dhcpv6() and dhcpv6_option() (UDP 546/547) as TShark 4.0.17 runs them without a tree
 * (probe family dhcpv6): the message type's name, a relay's `L: link-address`, else `XID: 0x%06x`, each followed by
 * a space; the options while their header and data fit the message (else the walk ends, for every enclosing walk),
 * each option's data read whole; the client identifier adds `CID: hex`, an IA address `IAA: address`; IA_NA, IA_PD,
 * IA_TA, IA address, IA prefix, leasequery query, client data and the S46 containers walk their options, a relay
 * message dissects the message inside it in the same buffer.
 */
final class Dhcpv6Dissector {
    private static final String[] TYPES = {null, "Solicit", "Advertise", "Request", "Confirm", "Renew", "Rebind",
        "Reply", "Release", "Decline", "Reconfigure", "Information-request", "Relay-forw", "Relay-reply",
        "Leasequery", "Leasequery-reply", "Leasequery-done", "Leasequery-data", "Reconfigure-request",
        "Reconfigure-reply"};

    /**
     * Options whose dissection reads past their data or adds to Info in ways probed but not modelled (user and
     * vendor classes, vendor options, NTP servers, ERO, S46 rules and others).
     */
    private static final Set<Integer> UNMODELLED = Set.of(15, 16, 17, 43, 56, 89, 91, 92, 117, 118);

    private Dhcpv6Dissector() {}

    static void dissect(Tvb tvb, Packet p) {
        p.protocol("DHCPv6");
        p.clearInfo();
        message(tvb, p, 0, tvb.reported);
    }

    /**
     * The message types in whose options the client FQDN's name is walked (probed on TShark 4.0.17, probe family
     * dhcpv6-fqdn: Solicit, Advertise, Request, Renew, Rebind and Reply; not Confirm, Release, Decline,
     * Reconfigure, Information-request, the relay messages (seed 35062), the leasequery ones or unassigned types;
     * seeds 35067 and 35074).
     */
    private static final java.util.Set<Integer> FQDN_WALKED = java.util.Set.of(1, 2, 3, 5, 6, 7);

    /** dissect_dhcpv6(): may be called again by a relay message option. */
    private static void message(Tvb tvb, Packet p, int off, int eoff) {
        int type = tvb.u8(off);
        p.append((type < TYPES.length && TYPES[type] != null ? TYPES[type] : "Message Type " + type) + " ");
        if (type == 12 || type == 13) {
            tvb.u8(off + 1); // hop count
            p.append("L: " + tvb.ipv6(off + 2) + " ");
            off += 34;
        } else {
            p.append(String.format("XID: 0x%06x ", tvb.u24(off + 1)));
            off += 4;
        }
        boolean[] atEnd = {false};
        while (off < eoff && !atEnd[0]) {
            off += option(tvb, p, off, eoff, atEnd, type);
        }
    }

    /** dhcpv6_option(): the bytes the option took, 0 with {@code atEnd} set when it does not fit. */
    private static int option(Tvb tvb, Packet p, int off, int eoff, boolean[] atEnd, int msgType) {
        if (eoff - off < 4) {
            atEnd[0] = true;
            return 0;
        }
        int type = tvb.u16(off);
        int len = tvb.u16(off + 2);
        if (eoff - off < 4 + len) {
            atEnd[0] = true;
            return 0;
        }
        off += 4;
        if (UNMODELLED.contains(type)) {
            throw new Unsupported("DHCPv6 option " + type);
        }
        tvb.check(off, len); // the option's value
        switch (type) {
            case 1 -> {
                if (len > 0) {
                    p.append("CID: " + Names.bytes(tvb.data, tvb.at(off, len), len) + " ");
                }
            }
            case 3, 25 -> {
                if (len >= 12) {
                    options(tvb, p, off, 12, len, atEnd, msgType);
                }
            }
            case 4 -> {
                if (len >= 4) {
                    options(tvb, p, off, 4, len, atEnd, msgType);
                }
            }
            case 5 -> {
                if (len >= 24) {
                    p.append("IAA: " + tvb.ipv6(off) + " ");
                    options(tvb, p, off, 24, len, atEnd, msgType);
                }
            }
            case 44 -> {
                if (len >= 17) {
                    options(tvb, p, off, 17, len, atEnd, msgType); // after the query type and link address
                }
            }
            case 45, 94, 95, 96 -> options(tvb, p, off, 0, len, atEnd, msgType); // client data, the S46 containers
            case 26 -> {
                if (len >= 25) {
                    options(tvb, p, off, 25, len, atEnd, msgType);
                }
            }
            case 6 -> {
                for (int i = 0; i < len; i += 2) {
                    tvb.check(off + i, 2); // each requested option code
                }
            }
            case 9 -> {
                if (len > 0) {
                    message(tvb, p, off, off + len);
                }
            }
            case 13 -> tvb.check(off, 2); // the status code, whatever the length
            case 21, 24, 29, 30, 33, 64 -> domain(tvb, p, off, len); // SIP, search, NIS, NIS+, BCMCS, AFTR names
            case 39 -> {
                if (len >= 1 && FQDN_WALKED.contains(msgType)) {
                    domain(tvb, p, off + 1, len - 1); // the client FQDN after its flags
                }
            }
            default -> { }
        }
        return 4 + len;
    }

    /**
     * dhcpv6_domain(): the names of a domain field, label by label; what it finds wrong goes to Info (a label past
     * the field, a name over 255 bytes, a lone root label, a partial name after a full one) and ends the field; a
     * length byte over 63 ends it quietly.
     */
    private static void domain(Tvb tvb, Packet p, int start, int fieldLen) {
        if (fieldLen == 0) {
            return;
        }
        int off = start;
        int firstLabel = start;
        int last = start + fieldLen - 1;
        int remlen = fieldLen;
        int labels = 0;
        int dpos = 0;
        boolean fqdnSeen = false;
        while (remlen != 0) {
            int len = tvb.u8(off);
            if (len > 63) {
                return;
            }
            if (dpos == 0) {
                firstLabel = off;
            }
            off++;
            remlen--;
            if (len > remlen) {
                p.append(" [DOMAIN FIELD LEN EXCEEDED]");
                return;
            }
            if (dpos + len + 2 > 255) {
                p.append(" [FQDN > 255]");
                tvb.check(off, len);
                tvb.u8(off + len);
                return;
            }
            if (len == 0) {
                if (labels == 0) {
                    p.append(" [ROOT-ONLY DOMAIN NAME]");
                    return;
                }
                labels = 0;
                dpos = 0;
                fqdnSeen = true;
                continue;
            }
            if (off + len - 1 == last) {
                tvb.check(firstLabel + 1, len); // tvb_memcpy() from the name's first label
                if (fqdnSeen) {
                    p.append(" [PROTOCOL VIOLATION]");
                }
                return;
            }
            if (labels > 0) {
                dpos++;
            }
            tvb.check(off, len);
            off += len;
            remlen -= len;
            dpos += len;
            labels++;
        }
    }

    /** The options inside an option, from {@code from} to its length; a bad one skips to its end. */
    private static void options(Tvb tvb, Packet p, int off, int from, int len, boolean[] atEnd, int msgType) {
        int used = from;
        while (len - used > 0) {
            used += option(tvb, p, off + used, off + len, atEnd, msgType);
            if (atEnd[0]) {
                used = len;
            }
        }
    }
}
