package io.arplab.cli;

import io.arplab.report.GraphText;
import io.arplab.report.LabGraph;
import io.arplab.report.TopologySvg;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code arplab graph LAB}: the topology alone, as containerlab graph draws it. */
@Command(name = "graph", description = "Print a lab's topology as SVG (laid out in layers), Graphviz DOT or a Mermaid flowchart.")
public final class GraphCommand implements Callable<Integer> {
    enum Format { svg, dot, mermaid }

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TOPOLOGY", description = "a topology file: arplab YAML or docker-compose.yml")
    Path topology;

    @Option(names = "--format", defaultValue = "svg", description = "svg, dot or mermaid (default ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--seed", defaultValue = "1", description = "random seed for generated names (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        LabGraph g = ReportCommand.graph(topology, seed);
        spec.commandLine().getOut().print(switch (format) {
            case svg -> TopologySvg.render(g);
            case dot -> GraphText.dot(g);
            case mermaid -> GraphText.mermaid(g);
        });
        return 0;
    }
}
