package io.arplab.testing;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;

/**
 * The machine's own C library through JNA, the reference the C scans (wire.libc: CStrtol, CStrtod, CLib; tools.InetAton) are
 * held against: strtol(), strtoul(), strtod() and inet_aton() as glibc has them.
 */
public interface Glibc extends Library {
    Glibc C = Native.load("c", Glibc.class);

    long strtol(Pointer nptr, PointerByReference endptr, int base);

    long strtoul(Pointer nptr, PointerByReference endptr, int base);

    double strtod(Pointer nptr, PointerByReference endptr);

    int inet_aton(String cp, Memory inp);

    /** {@code s} as a NUL-terminated C string in native memory. */
    static Memory string(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        Memory m = new Memory(bytes.length + 1L);
        m.write(0, bytes, 0, bytes.length);
        m.setByte(bytes.length, (byte) 0);
        return m;
    }

    /** Where *endptr points, as an offset into the string {@code m}. */
    static long offset(Memory m, PointerByReference end) {
        return Pointer.nativeValue(end.getValue()) - Pointer.nativeValue(m);
    }
}
