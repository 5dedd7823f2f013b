package io.arplab.junit;

import io.arplab.api.PingResult;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a ping run; failures quote ping's output. */
public final class PingResultAssert extends AbstractAssert<PingResultAssert, PingResult> {
    PingResultAssert(PingResult actual) {
        super(actual, PingResultAssert.class);
    }

    /** ping sent {@code count} requests. */
    public PingResultAssert hasTransmitted(int count) {
        return check(actual.transmitted() == count, "transmitted " + count);
    }

    /** ping received {@code count} replies. */
    public PingResultAssert hasReceived(int count) {
        return check(actual.received() == count, "received " + count);
    }

    /** ping counted {@code count} ICMP errors. */
    public PingResultAssert hasErrors(int count) {
        return check(actual.errors() == count, "+" + count + " errors");
    }

    /** ping exited with {@code status}. */
    public PingResultAssert hasExitCode(int status) {
        return check(actual.exitCode() == status, "exit status " + status);
    }

    private PingResultAssert check(boolean ok, String expected) {
        isNotNull();
        if (!ok) {
            failWithMessage("expected ping %s to have %s, but it printed (exit status %s):%n%s%s", actual.target(),
                    expected, actual.exitCode(), actual.stdout(), actual.stderr());
        }
        return this;
    }
}
