package io.arplab.tools.iptables;

/**
 * An iptables failure as the tool reports it: xtables_error()'s "iptables v1.8.9 (nf_tables): MESSAGE" with its
 * exit status (PARAMETER_PROBLEM 2 adds the "Try ..." line, VERSION_PROBLEM 3 the upgrade hint), a kernel's refusal
 * as nft_strerror() words it ("iptables: MESSAGE." exit 1), or a batch error (RESOURCE_PROBLEM 4).
 */
final class IptError extends RuntimeException {
    static final String PROGRAM = "iptables v1.8.9 (nf_tables): ";
    static final String TRY = "Try `iptables -h' or 'iptables --help' for more information.\n";

    final int status;
    final String text;

    private IptError(int status, String text) {
        super(text, null, false, false);
        this.status = status;
        this.text = text;
    }

    /** xtables_error(PARAMETER_PROBLEM, ...): {@code before} is what the extension printed first on stderr. */
    static IptError parameter(String message, String before) {
        return new IptError(2, before + PROGRAM + message + "\n" + TRY);
    }

    static IptError parameter(String message) {
        return parameter(message, "");
    }

    /** A bare "Bad argument" (exit_tryhelp(2)), or "Try" alone. */
    static IptError tryHelp(String before) {
        return new IptError(2, before + TRY);
    }

    /** xtables_error(VERSION_PROBLEM, ...). */
    static IptError version(String message) {
        return new IptError(3, PROGRAM + message + "\nPerhaps iptables or your kernel needs to be upgraded.\n");
    }

    /** xtables_error(OTHER_PROBLEM, ...) as extensions' loaders raise it. */
    static IptError other(String message) {
        return new IptError(1, PROGRAM + message + "\n");
    }

    /** The kernel's refusal: "iptables: MESSAGE." (nft_strerror()), exit 1. */
    static IptError kernel(String message) {
        return new IptError(1, "iptables: " + message + ".\n");
    }

    /** A batch's error (nft_action()'s mnl_batch_talk() failure): exit 4. */
    static IptError batch(String message) {
        return new IptError(4, PROGRAM + " " + message + "\n");
    }
}
