package io.arplab.wire.tshark;

/**
 * packet-icmp.c's dissect_icmp_extension() (RFC 4884 multi-part extensions, also called by packet-icmpv6.c): nothing
 * reaches the columns, so only its reads are modelled, each where a tvb_get_*() or the length test of
 * proto_tree_add_item() or proto_tree_add_subtree() makes it (the tree is NULL under {@code tshark -r}, the tests
 * still run; probe family icmp-ext).
 */
final class IcmpExtensions {
    private IcmpExtensions() {}

    static void dissect(Tvb tvb) {
        int reported = tvb.reportedRemaining(0);
        if (reported < 4) {
            return;
        }
        int version = tvb.u8(0) >> 4;
        tvb.check(0, 2); // reserved
        int checksum = tvb.u16(2);
        if (checksum != 0) {
            tvb.check(0, reported); // ip_checksum_tvb() takes the whole extension with tvb_get_ptr()
        }
        if (version != 1 && version != 2) {
            return;
        }
        int off = 4;
        // tvb_reported_length_remaining() is 0 past the captured bytes: the walk ends there
        while (tvb.reportedLengthRemaining(off) >= 4) {
            int objLength = tvb.u16(off);
            int trunc = Math.min(objLength, tvb.reportedRemaining(off));
            int end = off + trunc;
            int cls = tvb.u8(off + 2);
            int ctype = tvb.u8(off + 3);
            if (objLength < 4) {
                break;
            }
            tvb.check(off, Math.max(trunc, 4)); // the object's subtree
            boolean unknown = switch (cls) {
                case 1 -> ctype != 1 || mplsStack(tvb, off + 4, end);
                case 2 -> interfaceInformation(tvb, off + 4, end, ctype);
                case 0 -> ctype != 1 || payload(tvb, off + 4, trunc);
                case 3 -> interfaceIdentification(tvb, off, objLength, ctype);
                default -> true;
            };
            if (unknown && trunc > 4) {
                tvb.check(off + 4, trunc - 4);
            }
            off = end;
        }
    }

    /** dissect_mpls_stack_entry_object(): each 4-byte entry while one fits the object and the packet. */
    private static boolean mplsStack(Tvb tvb, int off, int end) {
        while (off + 4 <= end && tvb.reportedLengthRemaining(off) >= 4) {
            tvb.check(off, 4);
            off += 4;
        }
        if (off < end) {
            tvb.check(off, end - off);
        }
        return false;
    }

    /** dissect_mpls_extended_payload_object(): the rest of the original datagram. */
    private static boolean payload(Tvb tvb, int off, int trunc) {
        if (trunc > 4) {
            tvb.check(off, trunc - 4);
        }
        return false;
    }

    /**
     * dissect_interface_information_object() (RFC 5837): the c-type's bits say which sub-objects follow; the IP
     * address sub-object, when two bytes of the object remain, is a subtree of 8 bytes for IPv4 and 20 otherwise
     * (an unknown family too, which then ends the object with a field of {@code offset - end} bytes); the name's
     * length counts its own byte and is its subtree's.
     */
    private static boolean interfaceInformation(Tvb tvb, int off, int end, int ctype) {
        if ((ctype & 0x08) != 0) {
            tvb.check(off, 4);
            off += 4;
        }
        if ((ctype & 0x04) != 0 && end >= off + 2) {
            int afi = tvb.u16(off);
            tvb.check(off, afi == 1 ? 8 : 20);
            off += 2;
            tvb.check(off, 2);
            off += 2;
            switch (afi) {
                case 1 -> {
                    tvb.check(off, 4);
                    off += 4;
                }
                case 2 -> {
                    tvb.check(off, 16);
                    off += 16;
                }
                default -> {
                    item(tvb, off, off - end);
                    return false;
                }
            }
        }
        if ((ctype & 0x02) != 0) {
            int nameLength = 0;
            if (end >= off + 1) {
                nameLength = tvb.u8(off);
                tvb.check(off, nameLength);
                off += 1;
            }
            if (end >= off + nameLength) {
                item(tvb, off, nameLength - 1);
                off += nameLength - 1;
            }
        }
        if ((ctype & 0x01) != 0) {
            tvb.check(off, 4);
        }
        return false;
    }

    /** dissect_interface_identification_object() (RFC 8335). */
    private static boolean interfaceIdentification(Tvb tvb, int off, int objLength, int ctype) {
        if (tvb.reportedLengthRemaining(off) < 5) {
            return true;
        }
        off += 4;
        switch (ctype) {
            case 1 -> item(tvb, off, objLength - 4);
            case 2 -> tvb.check(off, 4);
            case 3 -> {
                int afi = tvb.u16(off);
                int addrLength = tvb.u8(off + 2);
                tvb.check(off + 3, 1);
                off += 4;
                int size = afi == 1 ? 4 : afi == 2 ? 16 : 0;
                if (size == 0) {
                    tvb.check(off, tvb.reportedRemaining(off));
                }
                while (size > 0 && addrLength >= size && tvb.reportedLengthRemaining(off) >= size) {
                    tvb.check(off, size);
                    off += size;
                    addrLength -= size;
                }
            }
            default -> { }
        }
        return false;
    }

    /**
     * proto_tree_add_item()'s length test: -1 is the rest of the tvbuff, which must hold a byte
     * (tvb_ensure_captured_length_remaining()); other negative lengths are malformed.
     */
    private static void item(Tvb tvb, int off, int len) {
        tvb.check(off, len == -1 ? 1 : len);
    }
}
