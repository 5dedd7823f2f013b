package io.arplab.report;

import io.arplab.wire.filter.PacketFilter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One self-contained HTML file (inline CSS, JavaScript and SVG; nothing fetched when viewed): the topology, the
 * packet ladder, the neighbour-state bands and the tables at a selected time. The same run gives the same bytes.
 */
public final class HtmlReport {
    private HtmlReport() {}

    public static String render(LabGraph graph, Recording rec, PacketFilter filter) {
        Ladder ladder = Ladder.build(graph, rec, filter);
        StringBuilder sb = new StringBuilder(1 << 16);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<link rel=\"icon\" href=\"data:,\">\n<title>arplab report: ").append(Text.xml(graph.name()))
                .append("</title>\n<style>\n").append(resource("report.css")).append("</style>\n</head>\n<body>\n");
        sb.append("<header><h1>").append(Text.xml(graph.name())).append("</h1>\n<p id=\"story\">")
                .append(Text.xml(story(graph, ladder, rec))).append("</p>\n<p class=\"explain\">")
                .append("Top: the lab as wired. Below: one lifeline per host and bridge, time flowing down, one arrow per "
                        + "frame hop as captured at the host interfaces, labelled as tcpdump prints the frame; idle "
                        + "stretches over 1 ms are compressed and marked. To the right, each neighbour entry's NUD state "
                        + "as a band on the same time scale (hover for the cause). Click an arrow for the frame's fields "
                        + "and bytes and the tables at that moment; \u2190/\u2192 step through the hops.")
                .append(filter != null && !filter.acceptsAll() ? " Frames shown: those matching '" + Text.xml(filter.expression()) + "'." : "")
                .append(rec.traced() ? "" : " Read from captures only: neighbour states were not traced.")
                .append("</p>\n");
        legend(sb);
        sb.append("</header>\n<section id=\"topology\"><h2>Topology</h2>\n<div class=\"scroll\">")
                .append(TopologySvg.render(graph)).append("</div></section>\n");
        sb.append("<section id=\"ladder-section\"><h2>Ladder <span id=\"nav\"><button id=\"prev\" title=\"previous hop (\u2190)\">"
                + "\u25c0</button> <button id=\"next\" title=\"next hop (\u2192)\">\u25b6</button> <span id=\"now\"></span></span></h2>\n"
                + "<div id=\"ladder\"><div id=\"ladder-head\"></div><svg id=\"ladder-body\" xmlns=\"http://www.w3.org/2000/svg\"></svg></div>\n"
                + "</section>\n<section id=\"details\"><div id=\"frame\"><h2>Frame</h2><p class=\"hint\">Click an arrow.</p></div>"
                + "<div id=\"tables\"><h2>Tables</h2><p class=\"hint\">Click an arrow or the time column.</p></div></section>\n");
        sb.append("<script type=\"application/json\" id=\"data\">");
        ReportJson.write(sb, graph, ladder, rec);
        sb.append("</script>\n<script>\n").append(resource("report.js")).append("</script>\n</body>\n</html>\n");
        return sb.toString();
    }

    private static void legend(StringBuilder sb) {
        sb.append("<div id=\"legend\"><span class=\"key arp-req\">ARP request (broadcast: dashed)</span>"
                + "<span class=\"key arp-rep\">ARP reply</span><span class=\"key icmp\">ICMP</span>"
                + "<span class=\"key other\">other</span><span class=\"sep\"></span>");
        for (String s : List.of("INCOMPLETE", "REACHABLE", "STALE", "DELAY", "PROBE", "FAILED", "PERMANENT")) {
            sb.append("<span class=\"band-key nud-").append(s).append("\">").append(s).append("</span>");
        }
        sb.append("</div>\n");
    }

    /** Two sentences on what happened, from the first broadcast ARP request and the unicast ones after it. */
    static String story(LabGraph graph, Ladder l, Recording rec) {
        Ladder.Frame req = null;
        for (Ladder.Frame f : l.frames) {
            if (f.broadcast() && f.label().startsWith("ARP, Request")) {
                req = f;
                break;
            }
        }
        if (req == null) {
            return l.frames.size() + " frames on " + graph.nodes().size() + " nodes; no broadcast ARP request.";
        }
        Set<String> reached = new LinkedHashSet<>();
        int index = l.frames.indexOf(req);
        for (Ladder.Hop h : l.hops) {
            if (h.frame() == index && l.lanes.get(h.to()).kind() == LabGraph.Kind.HOST) {
                reached.add(l.lanes.get(h.to()).name());
            }
        }
        List<String> unreached = new ArrayList<>();
        for (Ladder.Lane lane : l.lanes) {
            if (lane.kind() == LabGraph.Kind.HOST && !reached.contains(lane.name()) && !lane.name().equals(req.firstAt())) {
                unreached.add(lane.name());
            }
        }
        String target = req.label().replaceAll(".*who-has (\\S+).*", "$1");
        String answerer = null;
        long unicastRequests = 0;
        for (Ladder.Frame f : l.frames) {
            if (answerer == null && f.label().startsWith("ARP, Reply " + target + " ")) {
                answerer = f.firstAt();
            }
            if (!f.broadcast() && f.label().startsWith("ARP, Request")) {
                unicastRequests++;
            }
        }
        StringBuilder s = new StringBuilder();
        // the hosts it reached in the lab's order (the lanes'), not the bridge's flood order
        List<String> reachedInLabOrder = new ArrayList<>();
        for (Ladder.Lane lane : l.lanes) {
            if (reached.contains(lane.name())) {
                reachedInLabOrder.add(lane.name());
            }
        }
        s.append(req.firstAt()).append(" broadcast 'who-has ").append(target).append("'; it reached ")
                .append(list(reachedInLabOrder, 6));
        if (!unreached.isEmpty() && !reachedInLabOrder.isEmpty()) {
            s.append(" but not ").append(list(unreached, 4)).append(" (another broadcast domain)");
        }
        s.append(answerer != null ? ", and " + answerer + " answered with a unicast reply. " : ", and nobody answered. ");
        s.append(unicastRequests > 0
                ? unicastRequests + " later ARP request" + (unicastRequests > 1 ? "s were" : " was")
                        + " unicast: a neighbour re-confirming a STALE entry it had used (DELAY, then PROBE)."
                : "No entry needed re-confirming.");
        return s.toString();
    }

    private static String list(List<String> names, int max) {
        if (names.isEmpty()) {
            return "nobody";
        }
        List<String> shown = names.size() > max ? names.subList(0, max) : names;
        String s = shown.size() == 1 ? shown.get(0)
                : String.join(", ", shown.subList(0, shown.size() - 1)) + (names.size() > max ? ", " : " and ")
                        + shown.get(shown.size() - 1);
        return names.size() > max ? s + " and " + (names.size() - max) + " more" : s;
    }

    static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
