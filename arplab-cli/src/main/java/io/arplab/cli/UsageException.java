package io.arplab.cli;

/** A user-facing error: printed as one line, no stack trace, with the given exit status. */
public final class UsageException extends RuntimeException {
    private final int exitCode;
    private final boolean located;

    public UsageException(String message) {
        this(message, 2);
    }

    public UsageException(String message, int exitCode) {
        this(message, exitCode, false);
    }

    /** @param located the message starts with its own place ({@code file:line:col: ...}) and needs no "arplab: " */
    public UsageException(String message, int exitCode, boolean located) {
        super(message, null, false, false);
        this.exitCode = exitCode;
        this.located = located;
    }

    public boolean located() {
        return located;
    }

    public int exitCode() {
        return exitCode;
    }
}
