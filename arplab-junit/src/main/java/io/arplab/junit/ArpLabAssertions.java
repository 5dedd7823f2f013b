package io.arplab.junit;

import io.arplab.api.Capture;
import io.arplab.api.CapturedFrame;
import io.arplab.api.ExecResult;
import io.arplab.api.Neighbour;
import io.arplab.api.PingResult;
import io.arplab.wire.filter.PacketFilter;
import java.util.Optional;

/**
 * Entry points of arplab's AssertJ assertions; import them statically beside AssertJ's own.
 * <pre>{@code
 * assertThat(lab.capture("a", "eth0")).filter("arp").containsExactly(
 *         arpRequest().who("10.0.0.2").tell("10.0.0.1"),
 *         arpReply().is("10.0.0.2").at("02:42:0a:00:00:02"));
 * assertThat(a.neigh("10.0.0.2")).hasState(NudState.REACHABLE).hasLladdr("02:42:0a:00:00:02");
 * assertThat(a.ping("b", 2)).hasReceived(2);
 * }</pre>
 */
public final class ArpLabAssertions {
    private ArpLabAssertions() {}

    /** Assertions on the frames of a capture. */
    public static CaptureAssert assertThat(Capture capture) {
        return new CaptureAssert(capture);
    }

    /** Assertions on a neighbour entry that may not exist ({@link io.arplab.api.Node#neigh}). */
    public static NeighbourAssert assertThat(Optional<Neighbour> entry) {
        return new NeighbourAssert(entry);
    }

    /** Assertions on a ping run. */
    public static PingResultAssert assertThat(PingResult result) {
        return new PingResultAssert(result);
    }

    /** Assertions on a command's exit status and output. */
    public static ExecResultAssert assertThat(ExecResult result) {
        return new ExecResultAssert(result);
    }

    /** An ARP request; say which with {@code who(...)} and {@code tell(...)}. */
    public static ArpMatcher arpRequest() {
        return new ArpMatcher(1);
    }

    /** An ARP reply; say which with {@code is(...)} and {@code at(...)}. */
    public static ArpMatcher arpReply() {
        return new ArpMatcher(2);
    }

    /** Any frame a pcap-filter(7) expression matches ({@code frame("icmp[icmptype] == icmp-echo")}). */
    public static FrameMatcher frame(String filterExpression) {
        PacketFilter f = PacketFilter.compile(filterExpression);
        return new FrameMatcher() {
            @Override
            public boolean matches(CapturedFrame frame) {
                byte[] b = frame.bytes();
                return f.matches(b, b.length, b.length);
            }

            @Override
            public String toString() {
                return "a frame matching '" + filterExpression + "'";
            }
        };
    }
}
