package io.arplab.cli;

/** A user-facing error: printed as one line, no stack trace, with the given exit status. */
public final class UsageException extends RuntimeException {
    private final int exitCode;

    public UsageException(String message) {
        this(message, 2);
    }

    public UsageException(String message, int exitCode) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
