package io.arplab.report;

import io.arplab.device.Host;
import io.arplab.lab.Lab;
import io.arplab.observe.CaptureSink;
import io.arplab.observe.TraceSink;
import io.arplab.stack.NudState;
import io.arplab.stack.TraceEvent;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records a run for the report: a capture sink on every host interface (passing frames on to the run's own
 * captures) and a trace sink that keeps the typed neighbour and FDB events (passing every event on to --trace).
 */
public final class RunRecorder implements TraceSink {
    private final Lab lab;
    private final long epoch;
    private TraceSink downstream;
    private final List<Recording.Captured> frames = new ArrayList<>();
    private final List<Recording.NeighChange> neighbours = new ArrayList<>();
    private final List<Recording.FdbChange> fdb = new ArrayList<>();
    private final List<Recording.MacChange> macs = new ArrayList<>();
    private final Map<String, NudState> states = new HashMap<>(); // lookups only: never iterated into output
    private final Set<String> captured = new HashSet<>();
    private java.util.function.Consumer<Recording.NeighChange> onNeighbour;

    private RunRecorder(Lab lab, TraceSink downstream) {
        this.lab = lab;
        this.epoch = lab.network().epochNanos();
        this.downstream = downstream;
    }

    /** Starts recording {@code lab}; {@code downstream} (or null) still receives every tracepoint event. */
    public static RunRecorder attach(Lab lab, TraceSink downstream) {
        RunRecorder r = new RunRecorder(lab, downstream);
        lab.setTraceLog(r);
        lab.ovsBridges().forEach((name, b) -> b.ofproto().ml.observe(r.macLearning(name)));
        return r;
    }

    // an Open vSwitch bridge's MAC learning (no tracepoint has it: the table tells the recorder of each change)
    private io.arplab.flow.MacLearning.Observer macLearning(String bridge) {
        return new io.arplab.flow.MacLearning.Observer() {
            @Override
            public void learned(io.arplab.flow.MacLearning.Entry e) {
                change(e, e.isStatic() ? Recording.MacChange.Kind.STATIC : Recording.MacChange.Kind.LEARNED);
            }

            @Override
            public void forgot(io.arplab.flow.MacLearning.Entry e) {
                change(e, Recording.MacChange.Kind.FORGOTTEN);
            }

            private void change(io.arplab.flow.MacLearning.Entry e, Recording.MacChange.Kind kind) {
                String port = kind == Recording.MacChange.Kind.FORGOTTEN ? ""
                        : io.arplab.flow.Ports.format(e.port, io.arplab.flow.PortMap.NONE);
                macs.add(new Recording.MacChange(lab.now(), bridge, port, e.vlan, MacAddress.of(e.mac).toString(),
                        kind));
            }
        };
    }

    /** Captures {@code node}'s {@code ifname} for the report and hands each frame on to {@code also} (or null). */
    public void capture(String node, String ifname, CaptureSink also) {
        captured.add(node + " " + ifname);
        lab.capture(node, ifname, (epochNanos, frame) -> {
            frames.add(new Recording.Captured(epochNanos - epoch, node, ifname, frame.clone()));
            if (also != null) {
                also.record(epochNanos, frame);
            }
        });
    }

    /**
     * Captures every host interface not captured yet but a tunnel's (its frames are the underlay's); call after the
     * run's own captures are set up.
     */
    public void captureRest() {
        for (Map.Entry<String, Host> e : lab.hosts().entrySet()) {
            Host h = e.getValue();
            for (int p = 0; p < h.portCount(); p++) {
                String ifname = h.port(p).name;
                if (!captured.contains(e.getKey() + " " + ifname) && !h.port(p).isTunnel()) {
                    capture(e.getKey(), ifname, null);
                }
            }
        }
    }

    /** Calls {@code listener} with each neighbour state change as it is recorded (the API's listeners). */
    public void onNeighbour(java.util.function.Consumer<Recording.NeighChange> listener) {
        this.onNeighbour = listener;
    }

    /** Hands every tracepoint event on to {@code sink} too (the run's --trace log). */
    public void alsoTrace(TraceSink sink) {
        this.downstream = sink;
    }

    public Recording recording() {
        return new Recording(frames, neighbours, fdb, true, macs);
    }

    @Override
    public void event(String comm, int pid, long now, TraceEvent event) {
        if (event instanceof TraceEvent.NeighDone d) {
            neighbour(comm, now, d.point(), d.entry());
        } else if (event instanceof TraceEvent.NeighUpdate u && u.entry().nudState() == NudState.INCOMPLETE.bits) {
            // neigh_update shows the entry before the change: an INCOMPLETE one whose neigh_event_send_done comes
            // only after the exchange (as the kernel traces it) is seen here first
            neighbour(comm, now, TraceEvent.NeighPoint.EVENT_SEND_DONE, u.entry());
        } else if (event instanceof TraceEvent.FdbUpdate f) {
            fdb.add(new Recording.FdbChange(now, f.bridge(), f.port(), MacAddress.of(f.mac()).toString()));
        }
        if (downstream != null) {
            downstream.event(comm, pid, now, event);
        }
    }

    private void neighbour(String host, long now, TraceEvent.NeighPoint point, TraceEvent.Neigh n) {
        NudState state = point == TraceEvent.NeighPoint.CLEANUP_AND_RELEASE || n.dead()
                ? NudState.NONE : NudState.of(n.nudState());
        String key = host + " " + n.dev() + " " + n.ip();
        NudState before = states.getOrDefault(key, NudState.NONE);
        if (before == state) {
            return;
        }
        states.put(key, state);
        String lladdr = (state.bits & NudState.VALID) != 0 ? MacAddress.of(n.lladdr()).toString() : "";
        // an entry is INCOMPLETE from its updated time (neigh_event_send), which its tracepoints may follow
        long time = state == NudState.INCOMPLETE ? Math.min(now, n.updated()) : now;
        int at = neighbours.size();
        while (at > 0 && neighbours.get(at - 1).time() > time) {
            at--;
        }
        Recording.NeighChange change = new Recording.NeighChange(time, host, n.dev(), Ipv4Address.of(n.ip()).toString(),
                lladdr, state, cause(point, before, state));
        neighbours.add(at, change);
        if (onNeighbour != null) {
            onNeighbour.accept(change);
        }
    }

    /** Why an entry changed, in the words of net/core/neighbour.c's paths. */
    static String cause(TraceEvent.NeighPoint point, NudState before, NudState after) {
        return switch (point) {
            case UPDATE_DONE -> switch (after) {
                case REACHABLE -> "an ARP reply confirmed the address (neigh_update, solicited)";
                case STALE -> before == NudState.NONE
                        ? "learnt from an ARP request for us (arp_process: neigh_event_ns)"
                        : "a new address or an unsolicited ARP packet (neigh_update)";
                case FAILED -> "marked failed (neigh_update)";
                default -> "neigh_update to " + after.label;
            };
            case EVENT_SEND_DONE -> switch (after) {
                case INCOMPLETE -> "a packet needs the address: broadcast request (neigh_event_send)";
                case DELAY -> "a packet was sent on a STALE entry (neigh_event_send): wait delay_first_probe_time";
                default -> "neigh_event_send to " + after.label;
            };
            case TIMER_HANDLER -> switch (after) {
                case PROBE -> "not confirmed within delay_first_probe_time: unicast probe (neigh_timer_handler)";
                case STALE -> "reachable_time passed without confirmation (neigh_timer_handler)";
                case REACHABLE -> "confirmed while in DELAY (neigh_timer_handler)";
                case FAILED -> "no answer to the probes (neigh_timer_handler)";
                default -> "neigh_timer_handler to " + after.label;
            };
            case CLEANUP_AND_RELEASE -> "removed by garbage collection (neigh_cleanup_and_release)";
            case EVENT_SEND_DEAD -> "send on a dead entry";
        };
    }

    @Override
    public void flush() {
        if (downstream != null) {
            downstream.flush();
        }
    }
}
