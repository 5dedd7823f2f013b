package io.arplab.wire.libc;

/**
 * The names glibc's getaddrinfo() refuses before it asks a name server, so that their failure is EAI_NONAME ("Name
 * or service not known") whatever the server would have said: the empty name; digits and dots alone, not ending in a
 * dot, that inet_aton() did not read; and a name res_hnok() rejects (resolv/res-name-checking.c).
 */
public final class ResNameCheck {
    private ResNameCheck() {}

    /** Whether getaddrinfo() fails {@code name} at once (its caller has tried it as a numeric address first). */
    public static boolean refusedBeforeQuery(String name) {
        return name.isEmpty() || numericOnly(name) || !hostnameOk(name);
    }

    // nss_dns: a name of digits and dots that inet_aton() refused is HOST_NOT_FOUND ("1.2.3.4.5", "256.1.1.1")
    private static boolean numericOnly(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return name.charAt(0) != '.' && name.charAt(name.length() - 1) != '.';
    }

    /**
     * res_hnok(): printable ASCII, a valid presentation name (ns_name_pton(): labels of 1 to 63 bytes, \X and \DDD
     * escapes, at most 255 bytes in wire format), every label of [0-9A-Za-z_-], the first not starting with '-'.
     */
    static boolean hostnameOk(String dn) {
        for (int i = 0; i < dn.length(); i++) {
            char c = dn.charAt(i);
            if (c <= ' ' || c > '~') {
                return false;
            }
        }
        if (dn.equals(".")) {
            return true; // the root
        }
        int wire = 1; // the root label's length byte
        int label = 0;
        boolean first = true;
        for (int i = 0; i < dn.length(); i++) {
            int b = dn.charAt(i);
            if (b == '.') {
                if (label == 0) {
                    return false; // an empty label ("a..b", ".x")
                }
                wire += 1 + label;
                label = 0;
                first = false;
                continue;
            }
            if (b == '\\') {
                if (isDigit(dn, i + 1)) { // \DDD: three digits or an error
                    if (!isDigit(dn, i + 2) || !isDigit(dn, i + 3)) {
                        return false;
                    }
                    b = (dn.charAt(i + 1) - '0') * 100 + (dn.charAt(i + 2) - '0') * 10 + dn.charAt(i + 3) - '0';
                    if (b > 255) {
                        return false;
                    }
                    i += 3;
                } else if (i + 1 < dn.length()) {
                    b = dn.charAt(++i);
                } else {
                    return false;
                }
            }
            if (!(b >= '0' && b <= '9' || b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b == '-' || b == '_')) {
                return false; // binary_hnok()
            }
            if (first && label == 0 && b == '-') {
                return false; // binary_leading_dash()
            }
            if (++label > 63) {
                return false;
            }
        }
        wire += label == 0 ? 0 : 1 + label;
        return wire <= 255;
    }

    private static boolean isDigit(String s, int i) {
        return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9';
    }
}
