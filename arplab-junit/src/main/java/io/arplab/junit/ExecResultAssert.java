package io.arplab.junit;

import io.arplab.api.ExecResult;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a command run in a node; failures quote what it printed. */
public final class ExecResultAssert extends AbstractAssert<ExecResultAssert, ExecResult> {
    ExecResultAssert(ExecResult actual) {
        super(actual, ExecResultAssert.class);
    }

    /** The command exited with {@code status}. */
    public ExecResultAssert hasExitCode(int status) {
        return check(actual.exitCode() == status, "exit status " + status);
    }

    /** The command printed exactly {@code text} on standard output. */
    public ExecResultAssert hasStdout(String text) {
        return check(actual.stdout().equals(text), "printed exactly:\n" + text);
    }

    /** The command's standard output contains {@code text}. */
    public ExecResultAssert stdoutContains(String text) {
        return check(actual.stdout().contains(text), "printed " + text);
    }

    private ExecResultAssert check(boolean ok, String expected) {
        isNotNull();
        if (!ok) {
            failWithMessage("expected %s on %s to have %s%nbut it exited with %s and printed:%n%s%s",
                    actual.commandLine(), actual.node(), expected, actual.exitCode(), actual.stdout(), actual.stderr());
        }
        return this;
    }
}
