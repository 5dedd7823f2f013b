package io.arplab.tools;

/** What every iputils 20221126 tool prints for -V (iputils_common.h, print_config()), as Debian 12 builds it. */
final class Iputils {
    private Iputils() {}

    /** "PROG from iputils 20221126" and the build's configuration line. */
    static String version(String program) {
        return program + " from iputils 20221126\n"
                + "libcap: yes, IDN: yes, NLS: no, error.h: yes, getrandom(): yes, __fpending(): yes\n";
    }
}
