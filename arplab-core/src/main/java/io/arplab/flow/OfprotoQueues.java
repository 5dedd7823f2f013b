package io.arplab.flow;

import java.util.ArrayList;
import java.util.List;

/** A bridge's queue requests (ofproto/ofproto.c): handle_queue_stats_request(), handle_queue_get_config_request(). */
final class OfprotoQueues {
    private OfprotoQueues() {}

    /**
     * handle_queue_stats_request() and handle_queue_get_config_request(): the ports (in ofproto->ports' order) whose
     * queue {@code queue} (or every queue, OFPQ_ALL) is asked for, port OFPP_ANY for all; each port's queues are its
     * netdev's: netdev-dummy's classes (dummy, dummy-internal) have queue 0 alone, with unknown stats
     * (netdev_dummy_get_queue(), netdev_dummy_dump_queue_stats()), a vport or patch netdev none. An error is
     * OFPQOFC_BAD_PORT for no such port, OFPQOFC_BAD_QUEUE when the queue is on no port asked for.
     */
    static Ofproto.Queues queues(Ofproto br, long port, long queue) {
        List<Ofproto.Port> asked = port == Ports.NONE ? br.portsInOfprotoOrder() : br.port(port) == null ? null
                : List.of(br.port(port));
        if (asked == null) {
            return new Ofproto.Queues(List.of(), "OFPQOFC_BAD_PORT");
        }
        List<Ofproto.Port> out = new ArrayList<>();
        boolean found = queue == Ofproto.QUEUE_ALL;
        for (Ofproto.Port p : asked) {
            boolean dummy = !p.isTunnel() && !p.isPatch();
            if (dummy && (queue == Ofproto.QUEUE_ALL || queue == 0)) {
                out.add(p);
                found = true;
            }
        }
        return found ? new Ofproto.Queues(out, null) : new Ofproto.Queues(List.of(), "OFPQOFC_BAD_QUEUE");
    }
}
