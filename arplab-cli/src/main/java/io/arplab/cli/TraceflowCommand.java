package io.arplab.cli;

import io.arplab.flow.TraceflowHop;
import io.arplab.lab.Lab;
import io.arplab.lab.Traceflow;
import io.arplab.topo.TopologyBuilder;
import io.arplab.topo.TopologyException;
import io.arplab.topo.TopologyLoader;
import io.arplab.wire.Ipv4Address;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code arplab traceflow LAB --from POD --to POD|IP}: Antrea's traceflow, hop by hop across the nodes. */
@Command(name = "traceflow", description = "Trace one packet from a pod through every node's Open vSwitch pipeline"
        + " (tables, conntrack, tunnel) to its delivery or drop, as antctl traceflow does.")
public final class TraceflowCommand implements Callable<Integer> {
    enum Proto { icmp, udp, tcp }

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TOPOLOGY", description = "a lab file with pods on OVS bridges (cluster:)")
    Path topology;

    @Option(names = "--from", required = true, paramLabel = "POD", description = "the pod that sends the packet")
    String from;

    @Option(names = "--to", required = true, paramLabel = "POD|IP", description = "the destination: a name or address")
    String to;

    @Option(names = "--proto", defaultValue = "icmp", description = "icmp, udp or tcp (default ${DEFAULT-VALUE})")
    Proto proto;

    @Option(names = "--port", defaultValue = "80", description = "destination port for udp and tcp (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--json", description = "the report as JSON")
    boolean json;

    @Option(names = "--seed", defaultValue = "1", description = "the lab's random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(topology)) {
            throw new UsageException(topology + ": No such file");
        }
        if (port < 1 || port > 65535) {
            throw new UsageException("--port " + port + ": outside 1..65535");
        }
        Traceflow.Report r;
        try (Lab lab = TopologyBuilder.build(TopologyLoader.load(topology).topology(), seed, Lab.DEFAULT_EPOCH)) {
            r = Traceflow.run(lab, from, to, proto.name(), port);
        } catch (TopologyException e) {
            throw new UsageException(e.getMessage(), 2, true);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage(), 2, true);
        }
        spec.commandLine().getOut().print(json ? json(r) : text(r));
        return r.verdict().equals("delivered") ? 0 : 1;
    }

    static String text(Traceflow.Report r) {
        StringBuilder s = new StringBuilder("traceflow " + r.from() + " (" + r.source() + ") -> " + r.to() + " ("
                + r.destination() + "), " + r.protocol() + (r.protocol().equals("icmp") ? "" : " port " + r.port())
                + "\n");
        for (Traceflow.Hop h : r.hops()) {
            s.append('\n').append(h.node()).append(' ').append(h.bridge()).append(", in_port ").append(h.inPort());
            if (h.tunnel() != null) {
                s.append(", tun_id=0x").append(Long.toHexString(h.tunnel().tunId())).append(" tun_src=")
                        .append(Ipv4Address.of(h.tunnel().src())).append(" tun_dst=")
                        .append(Ipv4Address.of(h.tunnel().dst()));
            }
            s.append('\n');
            int ct = 0;
            for (TraceflowHop.Table t : h.decisions().tables) {
                s.append(String.format("  %3d  ", t.table()));
                if (t.match() == null) {
                    s.append("no match: drop\n");
                    continue;
                }
                s.append(t.match().isEmpty() ? "" : t.match() + ",").append("priority=").append(t.priority())
                        .append("  actions=").append(t.actions()).append('\n');
                if (t.actions().contains("ct(") && t.actions().contains("table=") && ct < h.decisions().conntrack.size()) {
                    TraceflowHop.Ct c = h.decisions().conntrack.get(ct++);
                    s.append("       conntrack zone ").append(c.zone()).append(c.commit() ? ", committed" : "")
                            .append(": ").append(c.state()).append('\n');
                }
            }
            s.append("  datapath actions: ").append(String.join(" | ", h.decisions().datapathActions)).append('\n');
            s.append("  -> ").append(h.result()).append('\n');
        }
        return s.append('\n').append(r.verdict()).append('\n').toString();
    }

    static String json(Traceflow.Report r) {
        StringBuilder s = new StringBuilder("{\"from\":").append(q(r.from())).append(",\"source\":")
                .append(q(r.source().toString())).append(",\"to\":").append(q(r.to())).append(",\"destination\":")
                .append(q(r.destination().toString())).append(",\"protocol\":").append(q(r.protocol()));
        if (!r.protocol().equals("icmp")) {
            s.append(",\"port\":").append(r.port());
        }
        s.append(",\"hops\":[");
        for (int i = 0; i < r.hops().size(); i++) {
            Traceflow.Hop h = r.hops().get(i);
            s.append(i == 0 ? "" : ",").append("{\"node\":").append(q(h.node())).append(",\"bridge\":")
                    .append(q(h.bridge())).append(",\"inPort\":").append(q(h.inPort()));
            if (h.tunnel() != null) {
                s.append(",\"tunnel\":{\"tunId\":").append(h.tunnel().tunId()).append(",\"src\":")
                        .append(q(Ipv4Address.of(h.tunnel().src()).toString())).append(",\"dst\":")
                        .append(q(Ipv4Address.of(h.tunnel().dst()).toString())).append('}');
            }
            s.append(",\"tables\":[");
            var ts = h.decisions().tables;
            for (int j = 0; j < ts.size(); j++) {
                TraceflowHop.Table t = ts.get(j);
                s.append(j == 0 ? "" : ",").append("{\"table\":").append(t.table());
                if (t.match() != null) {
                    s.append(",\"match\":").append(q(t.match())).append(",\"priority\":").append(t.priority());
                }
                s.append(",\"actions\":").append(q(t.actions())).append('}');
            }
            s.append("],\"conntrack\":[");
            var cs = h.decisions().conntrack;
            for (int j = 0; j < cs.size(); j++) {
                TraceflowHop.Ct c = cs.get(j);
                s.append(j == 0 ? "" : ",").append("{\"zone\":").append(c.zone()).append(",\"commit\":")
                        .append(c.commit()).append(",\"state\":").append(q(c.state())).append('}');
            }
            s.append("],\"datapathActions\":[");
            var ds = h.decisions().datapathActions;
            for (int j = 0; j < ds.size(); j++) {
                s.append(j == 0 ? "" : ",").append(q(ds.get(j)));
            }
            s.append("],\"result\":").append(q(h.result())).append('}');
        }
        return s.append("],\"verdict\":").append(q(r.verdict())).append("}\n").toString();
    }

    private static String q(String v) {
        StringBuilder s = new StringBuilder("\"");
        for (char c : v.toCharArray()) {
            if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c < 0x20) {
                s.append(String.format("\\u%04x", (int) c));
            } else {
                s.append(c);
            }
        }
        return s.append('"').toString();
    }
}
