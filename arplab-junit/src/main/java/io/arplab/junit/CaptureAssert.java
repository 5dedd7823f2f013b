package io.arplab.junit;

import io.arplab.api.Capture;
import io.arplab.api.CapturedFrame;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a {@link Capture}; failures print the frames as {@code tcpdump -n -r} prints them. */
public final class CaptureAssert extends AbstractAssert<CaptureAssert, Capture> {
    CaptureAssert(Capture actual) {
        super(actual, CaptureAssert.class);
    }

    /** Goes on with the frames a pcap-filter(7) expression matches ({@code filter("arp")}). */
    public CaptureAssert filter(String expression) {
        isNotNull();
        return new CaptureAssert(actual.filter(expression));
    }

    /** The capture has exactly these frames, in this order. */
    public CaptureAssert containsExactly(FrameMatcher... expected) {
        isNotNull();
        int mismatch = -1;
        for (int i = 0; i < Math.max(expected.length, actual.size()); i++) {
            if (i >= expected.length || i >= actual.size() || !expected[i].matches(actual.get(i))) {
                mismatch = i;
                break;
            }
        }
        if (mismatch >= 0) {
            StringBuilder sb = new StringBuilder("capture of ").append(actual.describe()).append(": expected exactly\n");
            for (int i = 0; i < expected.length; i++) {
                sb.append(i == mismatch ? "> " : "  ").append(expected[i]).append('\n');
            }
            sb.append("but it has ").append(actual.size()).append(actual.size() == 1 ? " frame" : " frames")
                    .append(" (the first difference at ").append(mismatch + 1).append(")\n");
            frames(sb, mismatch);
            failWithMessage("%s", sb.toString());
        }
        return this;
    }

    /** Some frame of the capture matches each of {@code expected}. */
    public CaptureAssert contains(FrameMatcher... expected) {
        isNotNull();
        for (FrameMatcher m : expected) {
            if (actual.stream().noneMatch(m::matches)) {
                StringBuilder sb = new StringBuilder("capture of ").append(actual.describe()).append(": expected\n  ")
                        .append(m).append("\nbut no frame is that; it has ").append(actual.size())
                        .append(actual.size() == 1 ? " frame\n" : " frames\n");
                frames(sb, -1);
                failWithMessage("%s", sb.toString());
            }
        }
        return this;
    }

    /** No frame of the capture matches {@code unexpected}. */
    public CaptureAssert doesNotContain(FrameMatcher unexpected) {
        isNotNull();
        for (int i = 0; i < actual.size(); i++) {
            if (unexpected.matches(actual.get(i))) {
                StringBuilder sb = new StringBuilder("capture of ").append(actual.describe())
                        .append(": expected no frame like\n  ").append(unexpected).append("\nbut frame ").append(i + 1)
                        .append(" is one\n");
                frames(sb, i);
                failWithMessage("%s", sb.toString());
            }
        }
        return this;
    }

    /** The capture has {@code count} frames. */
    public CaptureAssert hasSize(int count) {
        isNotNull();
        if (actual.size() != count) {
            StringBuilder sb = new StringBuilder("capture of ").append(actual.describe()).append(": expected ")
                    .append(count).append(count == 1 ? " frame" : " frames").append(" but it has ")
                    .append(actual.size()).append('\n');
            frames(sb, -1);
            failWithMessage("%s", sb.toString());
        }
        return this;
    }

    /** The capture has no frames. */
    public CaptureAssert isEmpty() {
        return hasSize(0);
    }

    private void frames(StringBuilder sb, int mark) {
        for (int i = 0; i < actual.size(); i++) {
            CapturedFrame f = actual.get(i);
            sb.append(i == mark ? "> " : "  ").append(f.tcpdump()).append('\n');
        }
    }
}
