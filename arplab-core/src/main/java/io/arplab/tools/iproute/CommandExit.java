package io.arplab.tools.iproute;

/**
 * Ends a command early with a message for stderr and an exit status, as iproute2's exit(-1) (255), "return -1"
 * from a subcommand (1) or a failed netlink request (2) do. Thrown from deep in argument parsing; the tool's entry
 * point turns it into output and {@code ctx.exit}.
 */
public final class CommandExit extends RuntimeException {
    private final int code;

    public CommandExit(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** iproute2's invarg(): "Error: argument "ARG" is wrong: MSG", exit(-1). */
    public static CommandExit invarg(String msg, String arg) {
        return new CommandExit(255, "Error: argument \"" + arg + "\" is wrong: " + msg);
    }

    /** iproute2's duparg(). */
    public static CommandExit duparg(String key, String arg) {
        return new CommandExit(255, "Error: duplicate \"" + key + "\": \"" + arg + "\" is the second value.");
    }

    /** iproute2's duparg2(). */
    public static CommandExit duparg2(String key, String arg) {
        return new CommandExit(255, "Error: either \"" + key + "\" is duplicate, or \"" + arg + "\" is a garbage.");
    }

    /** A netlink request the kernel refused: "RTNETLINK answers: ..." or, with an extended ack, "Error: ...". */
    public static CommandExit rtnetlink(String strerror) {
        return new CommandExit(2, "RTNETLINK answers: " + strerror);
    }

    public static CommandExit extack(String msg) {
        return new CommandExit(2, "Error: " + msg + ".");
    }
}
