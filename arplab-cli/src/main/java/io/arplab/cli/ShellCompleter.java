package io.arplab.cli;

import io.arplab.device.Host;
import io.arplab.lab.Lab;
import io.arplab.lab.LabConsole;
import io.arplab.stack.NetDevice;
import io.arplab.tools.ToolSyntax;
import java.util.ArrayList;
import java.util.List;
import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab in the shell: the first word is a node or a shell command; after a node, a tool; after a tool, what
 * {@link ToolSyntax} says fits there (options, iproute2's objects and commands, the node's interfaces, hosts and
 * their addresses as targets, sysctl keys, OVS bridges, file paths).
 */
final class ShellCompleter implements Completer {
    private static final List<String> COMMANDS = List.of("nodes", "net", "links", "dump", "pingall", "sleep",
            "run-for", "time", "wait", "jobs", "fg", "kill", "help", "exit", "report");

    private final Lab lab;
    private final LabConsole console;
    private final Completer files = new Completers.FileNameCompleter();

    ShellCompleter(Lab lab, LabConsole console) {
        this.lab = lab;
        this.console = console;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        int at = line.wordIndex();
        if (at == 0) {
            console.nodeNames().forEach(n -> candidates.add(new Candidate(n)));
            COMMANDS.forEach(c -> candidates.add(new Candidate(c)));
            if (!lab.ovsBridges().isEmpty()) {
                List.of("ovs-ofctl", "ovs-appctl", "ovs-vsctl", "ovs-dpctl").forEach(c -> candidates.add(new Candidate(c)));
            }
            return;
        }
        String first = words.get(0);
        String node;
        int toolAt;
        if (lab.network().node(first) != null) {
            node = first;
            toolAt = 1;
        } else if (first.startsWith("ovs-") && !lab.ovsBridges().isEmpty()) {
            node = lab.bridgeOwner(lab.ovsBridges().keySet().iterator().next()).name();
            toolAt = 0;
        } else {
            if (first.equals("help") && at == 1) {
                lab.toolNames().forEach(t -> candidates.add(new Candidate(t)));
            } else if (first.equals("report") && at == 1) {
                files.complete(reader, line, candidates);
            }
            return;
        }
        if (at == toolAt) {
            lab.toolNames().forEach(t -> candidates.add(new Candidate(t)));
            return;
        }
        String tool = words.get(toolAt);
        ToolSyntax syntax = ToolSyntax.of(tool);
        ToolSyntax.Candidates c = syntax.complete(words.subList(toolAt + 1, at), line.word(), env(node, syntax));
        for (String w : c.words()) {
            // "--interface=" wants its value glued on: no space after it
            candidates.add(new Candidate(w, w, null, null, null, null, !w.endsWith("=")));
        }
        if (c.files()) {
            files.complete(reader, line, candidates);
        }
    }

    private ToolSyntax.Env env(String node, ToolSyntax syntax) {
        List<String> hosts = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        for (var n : lab.network().nodes()) {
            if (n.device() instanceof Host h) {
                hosts.add(n.name());
                for (NetDevice d : h.stack().devices()) {
                    if (!d.loopback) {
                        d.addresses().forEach(a -> addresses.add(a.address().toString()));
                    }
                }
            }
        }
        List<String> interfaces = new ArrayList<>();
        if (lab.network().node(node).device() instanceof Host h) {
            h.stack().devices().forEach(d -> interfaces.add(d.name));
        }
        List<String> sysctls = syntax.operand() == ToolSyntax.Kind.SYSCTL
                ? lab.exec(node, "sysctl -aN").stdout().lines().toList() : List.of();
        return new ToolSyntax.Env(hosts, addresses, interfaces, sysctls, new ArrayList<>(lab.ovsBridges().keySet()),
                new ArrayList<>(lab.toolNames()));
    }
}
