package io.arplab.wire.filter;

/** Address texts as libpcap's nametoaddr.c reads them. */
final class Addresses {
    private Addresses() {}

    /**
     * libpcap's __pcap_atoin(): 1 to 4 dotted decimal parts, each 0..255; returns {value, length in bits}
     * ("10.1" is {0x0a01, 16}), or null when a part is over 255.
     */
    static long[] parseIpv4Prefix(String s) {
        long v = 0;
        int len = 0;
        for (String part : s.split("\\.", -1)) {
            if (part.isEmpty() || part.length() > 10) {
                return null;
            }
            long n = Long.parseLong(part);
            if (n > 255) {
                return null;
            }
            v = (v << 8) | n;
            len += 8;
        }
        return new long[] {v & 0xffff_ffffL, len};
    }

    /** A textual IPv6 address (RFC 4291 section 2.2, with an optional dotted IPv4 tail), or null. */
    static byte[] parseIpv6(String s) {
        if (s.isEmpty() || s.length() > 45) {
            return null;
        }
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return null;
        }
        String head = dbl >= 0 ? s.substring(0, dbl) : s;
        String tail = dbl >= 0 ? s.substring(dbl + 2) : "";
        int[] h = groups(head, dbl < 0 || tail.isEmpty());
        int[] t = dbl >= 0 ? groups(tail, true) : new int[0];
        if (h == null || t == null) {
            return null;
        }
        int total = h.length + t.length;
        if (dbl < 0 ? total != 8 : total > 7) {
            return null;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < h.length; i++) {
            out[2 * i] = (byte) (h[i] >> 8);
            out[2 * i + 1] = (byte) h[i];
        }
        for (int i = 0; i < t.length; i++) {
            int g = 8 - t.length + i;
            out[2 * g] = (byte) (t[i] >> 8);
            out[2 * g + 1] = (byte) t[i];
        }
        return out;
    }

    /** 16-bit groups separated by ':'; the last may be a dotted IPv4 address (two groups) when {@code last}. */
    private static int[] groups(String s, boolean last) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int n = parts.length;
        boolean v4 = last && parts[n - 1].indexOf('.') >= 0;
        int[] out = new int[v4 ? n + 1 : n];
        for (int i = 0; i < n; i++) {
            String p = parts[i];
            if (v4 && i == n - 1) {
                String[] q = p.split("\\.", -1);
                if (q.length != 4) {
                    return null;
                }
                int[] b = new int[4];
                for (int k = 0; k < 4; k++) {
                    if (q[k].isEmpty() || q[k].length() > 3 || !q[k].chars().allMatch(Character::isDigit)) {
                        return null;
                    }
                    b[k] = Integer.parseInt(q[k]);
                    if (b[k] > 255) {
                        return null;
                    }
                }
                out[i] = b[0] << 8 | b[1];
                out[i + 1] = b[2] << 8 | b[3];
            } else {
                if (p.isEmpty() || p.length() > 4) {
                    return null;
                }
                for (int k = 0; k < p.length(); k++) {
                    if (Character.digit(p.charAt(k), 16) < 0) {
                        return null;
                    }
                }
                out[i] = Integer.parseInt(p, 16);
            }
        }
        return out;
    }

    /** An Ethernet address in any of the forms the scanner accepts, as 48 bits; -1 when malformed. */
    static long parseMac(String s) {
        String digits;
        if (s.indexOf(':') >= 0 || s.indexOf('-') >= 0 || s.chars().filter(ch -> ch == '.').count() == 5) {
            String[] parts = s.split("[:.\\-]", -1);
            if (parts.length != 6) {
                return -1;
            }
            StringBuilder b = new StringBuilder();
            for (String p : parts) {
                if (p.isEmpty() || p.length() > 2) {
                    return -1;
                }
                b.append(p.length() == 1 ? "0" + p : p);
            }
            digits = b.toString();
        } else {
            digits = s.replace(".", "");
        }
        if (digits.length() != 12) {
            return -1;
        }
        try {
            return Long.parseLong(digits, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
