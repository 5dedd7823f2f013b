package io.arplab.live;

/** An expected failure of live mode (no permission, device busy, ip(8) refused): its message is one line. */
public final class LiveException extends RuntimeException {
    public LiveException(String message) {
        super(message);
    }
}
