package io.arplab.junit;

import io.arplab.api.CapturedFrame;

/**
 * What a test expects of one captured frame ({@link ArpLabAssertions#arpRequest()}, {@link ArpLabAssertions#frame}).
 * Its {@code toString()} says it in tcpdump's words, for failure messages.
 */
public interface FrameMatcher {
    /** Whether {@code frame} is what is expected. */
    boolean matches(CapturedFrame frame);
}
