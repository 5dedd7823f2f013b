package io.arplab.wire;

/** An IPv6 address as two longs (bits 127..64 in {@code hi}), parsed and printed as glibc's inet_pton/inet_ntop do. */
public record Ipv6Address(long hi, long lo) {
    public static final Ipv6Address ANY = new Ipv6Address(0, 0);

    public static Ipv6Address read(byte[] buf, int off) {
        return new Ipv6Address(Bytes.i64(buf, off), Bytes.i64(buf, off + 8));
    }

    public void write(byte[] buf, int off) {
        Bytes.put64(buf, off, hi);
        Bytes.put64(buf, off + 8, lo);
    }

    /** glibc inet_pton6(): hex groups of up to four digits, one "::", an optional dotted IPv4 tail; null if invalid. */
    public static Ipv6Address parse(String s) {
        byte[] tmp = new byte[16];
        int tp = 0, colonp = -1, i = 0, n = s.length();
        if (n == 0) {
            return null;
        }
        if (s.charAt(0) == ':' && (++i == n || s.charAt(i) != ':')) {
            return null;
        }
        int curtok = i, seen = 0, val = 0;
        while (i < n) {
            char ch = s.charAt(i++);
            int digit = Character.digit(ch, 16);
            if (digit >= 0 && ch < 0x80) {
                if (seen == 4) {
                    return null;
                }
                val = (val << 4) | digit;
                seen++;
                continue;
            }
            if (ch == ':') {
                curtok = i;
                if (seen == 0) {
                    if (colonp >= 0) {
                        return null;
                    }
                    colonp = tp;
                    continue;
                } else if (i == n || tp + 2 > 16) {
                    return null;
                }
                tmp[tp++] = (byte) (val >> 8);
                tmp[tp++] = (byte) val;
                seen = 0;
                val = 0;
                continue;
            }
            if (ch == '.' && tp + 4 <= 16 && pton4(s, curtok, tmp, tp)) {
                tp += 4;
                seen = 0;
                break;
            }
            return null;
        }
        if (seen > 0) {
            if (tp + 2 > 16) {
                return null;
            }
            tmp[tp++] = (byte) (val >> 8);
            tmp[tp++] = (byte) val;
        }
        if (colonp >= 0) {
            if (tp == 16) {
                return null;
            }
            int moved = tp - colonp;
            System.arraycopy(tmp, colonp, tmp, 16 - moved, moved);
            java.util.Arrays.fill(tmp, colonp, 16 - moved, (byte) 0);
            tp = 16;
        }
        return tp == 16 ? read(tmp, 0) : null;
    }

    // glibc inet_pton4() of s[from..] into dst[off..]
    private static boolean pton4(String s, int from, byte[] dst, int off) {
        long a = io.arplab.wire.libc.CLib.inetPton4(s, from);
        if (a < 0) {
            return false;
        }
        Bytes.put32(dst, off, (int) a);
        return true;
    }

    private int word(int i) {
        return (int) ((i < 4 ? hi >>> (48 - 16 * i) : lo >>> (48 - 16 * (i - 4))) & 0xffff);
    }

    /** glibc inet_ntop6(): the first longest run of two or more zero groups as "::", IPv4-mapped and -compatible tails. */
    @Override
    public String toString() {
        int bestBase = -1, bestLen = 0, curBase = -1, curLen = 0;
        for (int i = 0; i < 8; i++) {
            if (word(i) == 0) {
                if (curBase < 0) {
                    curBase = i;
                    curLen = 0;
                }
                curLen++;
                if (curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
            } else {
                curBase = -1;
            }
        }
        if (bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder s = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    s.append(':');
                }
                continue;
            }
            if (i != 0) {
                s.append(':');
            }
            if (i == 6 && bestBase == 0 && (bestLen == 6 || bestLen == 5 && word(5) == 0xffff)) {
                s.append((lo >>> 24) & 0xff).append('.').append((lo >>> 16) & 0xff).append('.')
                        .append((lo >>> 8) & 0xff).append('.').append(lo & 0xff);
                return s.toString();
            }
            s.append(Integer.toHexString(word(i)));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            s.append(':');
        }
        return s.toString();
    }
}
