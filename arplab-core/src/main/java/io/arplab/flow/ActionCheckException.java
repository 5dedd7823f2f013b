package io.arplab.flow;

import java.util.List;

/** Actions that do not fit the match: an optional log line, then OVS's error. */
public final class ActionCheckException extends RuntimeException {
    /** What was logged before the refusal: the parse's port warnings, then the check's own line. */
    public final List<String> log;

    ActionCheckException(String logLine, String ofperr) { // logLine may be null
        this(logLine == null ? List.of() : List.of(logLine), "actions are invalid with specified match ("
                + ofperr + ")");
    }

    public ActionCheckException(List<String> log, String message) {
        super(message, null, false, false);
        this.log = log;
    }
}
