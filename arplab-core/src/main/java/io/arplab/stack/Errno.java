package io.arplab.stack;

/**
 * The errno values the stack returns (negated, as the kernel's functions do), with the text glibc's strerror()
 * gives for them: the one place the tools take both from (include/uapi/asm-generic/errno*.h).
 */
public enum Errno {
    EPERM(1, "Operation not permitted"),
    ENOENT(2, "No such file or directory"),
    ENXIO(6, "No such device or address"),
    EAGAIN(11, "Resource temporarily unavailable"),
    ENOMEM(12, "Cannot allocate memory"),
    EACCES(13, "Permission denied"),
    EBUSY(16, "Device or resource busy"),
    EEXIST(17, "File exists"),
    ENODEV(19, "No such device"),
    EINVAL(22, "Invalid argument"),
    ENONET(64, "Machine is not on the network"),
    EPROTO(71, "Protocol error"),
    EMSGSIZE(90, "Message too long"),
    ENOPROTOOPT(92, "Protocol not available"),
    ESOCKTNOSUPPORT(94, "Socket type not supported"),
    EOPNOTSUPP(95, "Operation not supported"),
    EAFNOSUPPORT(97, "Address family not supported by protocol"),
    EADDRINUSE(98, "Address already in use"),
    EADDRNOTAVAIL(99, "Cannot assign requested address"),
    ENETDOWN(100, "Network is down"),
    ENETUNREACH(101, "Network is unreachable"),
    ECONNRESET(104, "Connection reset by peer"),
    ENOBUFS(105, "No buffer space available"),
    ETIMEDOUT(110, "Connection timed out"),
    ECONNREFUSED(111, "Connection refused"),
    EHOSTDOWN(112, "Host is down"),
    EHOSTUNREACH(113, "No route to host"),
    EINPROGRESS(115, "Operation now in progress");

    /** The positive errno value. */
    public final int number;
    /** strerror(number) as glibc prints it. */
    public final String text;

    Errno(int number, String text) {
        this.number = number;
        this.text = text;
    }

    /** The kernel's return convention: -errno. */
    public int negative() {
        return -number;
    }

    /** The errno with this value (the sign is ignored), or null when it is not one of these. */
    public static Errno of(int number) {
        int n = Math.abs(number);
        for (Errno e : values()) {
            if (e.number == n) {
                return e;
            }
        }
        return null;
    }

    /** strerror(): the text for an errno value (either sign), "Unknown error N" as glibc says for others. */
    public static String strerror(int number) {
        Errno e = of(number);
        return e != null ? e.text : "Unknown error " + Math.abs(number);
    }
}
