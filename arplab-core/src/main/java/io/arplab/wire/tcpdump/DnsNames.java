package io.arplab.wire.tcpdump;

/**
 * print-domain.c's domain names: ns_nskip(), labellen(), blabel_print() of EDNS0 bit-string labels, fqdn_print() of
 * a possibly compressed name (its loop check and MAXCDNAME cut), and ns_cprint() of a character-string.
 */
final class DnsNames {
    private static final int TYPE_MASK = 0xc0;
    private static final int TYPE_INDIR = 0xc0;
    private static final int TYPE_EDNS0 = 0x40;
    private static final int TYPE_RESERVED = 0x80;
    private static final int EDNS0_ELT_BITLABEL = 0x01;
    private static final int MAXCDNAME = 255;

    private DnsNames() {}

    /** ns_nskip(): the end of a domain name, -1 when it cannot be skipped. */
    static int nskip(Dissector nd, int cp) {
        if (!nd.ttest(cp, 1)) {
            return -1;
        }
        int i = nd.u8(cp);
        cp++;
        while (i != 0) {
            switch (i & TYPE_MASK) {
                case TYPE_INDIR -> {
                    return cp + 1;
                }
                case TYPE_EDNS0 -> {
                    if ((i & ~TYPE_MASK) != EDNS0_ELT_BITLABEL) {
                        return -1;
                    }
                    if (!nd.ttest(cp, 1)) {
                        return -1;
                    }
                    int bitlen = nd.u8(cp);
                    if (bitlen == 0) {
                        bitlen = 256;
                    }
                    cp++;
                    cp += (bitlen + 7) / 8;
                }
                case TYPE_RESERVED -> {
                    return -1;
                }
                default -> cp += i;
            }
            if (!nd.ttest(cp, 1)) {
                return -1;
            }
            i = nd.u8(cp);
            cp++;
        }
        return cp;
    }

    /** blabel_print(): an EDNS0 bit-string label. */
    private static int blabelPrint(Dissector nd, int cp) {
        StringBuilder out = nd.out;
        if (!nd.ttest(cp, 1)) {
            return -1;
        }
        int bitlen = nd.u8(cp);
        if (bitlen == 0) {
            bitlen = 256;
        }
        int slen = (bitlen + 3) / 4;
        int lim = cp + 1 + slen;
        out.append("\\[x");
        int bitp = cp + 1;
        int b = bitlen;
        for (; bitp < lim && b > 7; b -= 8, bitp++) {
            nd.hex2(nd.u8(bitp));
        }
        if (b > 4) {
            int tc = nd.u8(bitp);
            bitp++;
            nd.hex2(tc & (0xff << (8 - b)));
        } else if (b > 0) {
            int tc = nd.u8(bitp);
            bitp++;
            out.append(Names.HEX[((tc >> 4) & 0x0f) & (0x0f << (4 - b))]);
        }
        out.append('/').append(bitlen).append(']');
        return lim;
    }

    /** labellen(). */
    private static int labellen(Dissector nd, int cp) {
        if (!nd.ttest(cp, 1)) {
            return -1;
        }
        int i = nd.u8(cp);
        switch (i & TYPE_MASK) {
            case TYPE_EDNS0 -> {
                int elt = i & ~TYPE_MASK;
                if (elt != EDNS0_ELT_BITLABEL) {
                    nd.out.append("<ELT ").append(elt).append('>');
                    return -1;
                }
                if (!nd.ttest(cp + 1, 1)) {
                    return -1;
                }
                int bitlen = nd.u8(cp + 1);
                if (bitlen == 0) {
                    bitlen = 256;
                }
                return ((bitlen + 7) / 8) + 1;
            }
            case TYPE_INDIR, 0 -> {
                return i;
            }
            default -> {
                nd.out.append("<BAD LABEL TYPE>");
                return -1;
            }
        }
    }

    /** fqdn_print(): a possibly compressed domain name; returns the offset after it, -1 on failure. */
    static int fqdnPrint(Dissector nd, int cp, int bp) {
        StringBuilder out = nd.out;
        int l = labellen(nd, cp);
        if (l == -1) {
            return -1;
        }
        if (!nd.ttest(cp, 1)) {
            return -1;
        }
        int maxOffset = cp - bp;
        int i = nd.u8(cp);
        cp++;
        int rp = -1;
        boolean compress = false;
        if ((i & TYPE_MASK) != TYPE_INDIR) {
            rp = cp + l;
        }
        int nameChars = 0;
        if (i != 0) {
            while (i != 0 && cp < nd.snapend) {
                switch (i & TYPE_MASK) {
                    case TYPE_INDIR -> {
                        if (!compress) {
                            rp = cp + 1;
                            compress = true;
                        }
                        if (!nd.ttest(cp, 1)) {
                            return -1;
                        }
                        int offset = ((i << 8) | nd.u8(cp)) & 0x3fff;
                        if (offset >= maxOffset) {
                            out.append("<BAD PTR>");
                            return -1;
                        }
                        maxOffset = offset;
                        cp = bp + offset;
                        if (!nd.ttest(cp, 1)) {
                            return -1;
                        }
                        i = nd.u8(cp);
                        l = labellen(nd, cp);
                        if (l == -1) {
                            return -1;
                        }
                        cp++;
                        continue;
                    }
                    case TYPE_EDNS0 -> {
                        int elt = i & ~TYPE_MASK;
                        if (elt == EDNS0_ELT_BITLABEL) {
                            if (blabelPrint(nd, cp) == -1) {
                                return -1;
                            }
                        } else {
                            out.append("<ELT ").append(elt).append('>');
                            return -1;
                        }
                    }
                    case TYPE_RESERVED -> {
                        out.append("<BAD LABEL TYPE>");
                        return -1;
                    }
                    default -> {
                        if (nameChars + l <= MAXCDNAME) {
                            if (nd.printn(cp, l)) {
                                return -1;
                            }
                        } else if (nameChars < MAXCDNAME) {
                            if (nd.printn(cp, MAXCDNAME - nameChars)) {
                                return -1;
                            }
                        }
                        nameChars += l;
                    }
                }
                cp += l;
                if (nameChars <= MAXCDNAME) {
                    out.append('.');
                }
                nameChars++;
                if (!nd.ttest(cp, 1)) {
                    return -1;
                }
                i = nd.u8(cp);
                l = labellen(nd, cp);
                if (l == -1) {
                    return -1;
                }
                cp++;
                if (!compress) {
                    rp += l + 1;
                }
            }
            if (nameChars > MAXCDNAME) {
                out.append("<DOMAIN NAME TOO LONG>");
            }
        } else {
            out.append('.');
        }
        return rp;
    }

    /** ns_cprint(): a character-string. */
    static int cprint(Dissector nd, int cp) {
        if (!nd.ttest(cp, 1)) {
            return -1;
        }
        int i = nd.u8(cp);
        cp++;
        if (nd.printn(cp, i)) {
            return -1;
        }
        return cp + i;
    }
}
