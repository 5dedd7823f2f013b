package io.arplab.wire;

/** The reasons views give from check(). */
final class Checks {
    private Checks() {}

    static String truncated(int have, int need) {
        return "truncated: " + have + " of " + need + " bytes";
    }

    /** Null when [off, off+len) lies inside buf. */
    static String bounds(byte[] buf, int off, int len) {
        if (buf == null) {
            return "no buffer";
        }
        if (off < 0 || len < 0 || off > buf.length - len) {
            return "view [" + off + ", " + off + "+" + len + ") outside a buffer of " + buf.length + " bytes";
        }
        return null;
    }
}
