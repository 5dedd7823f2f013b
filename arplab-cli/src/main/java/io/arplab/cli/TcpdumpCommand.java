package io.arplab.cli;

import io.arplab.tools.TcpdumpTool;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code arplab tcpdump -r FILE [options] [expression]}: prints a capture exactly as tcpdump 4.99 does. */
@Command(name = "tcpdump", description = "Print a capture file as tcpdump 4.99 prints it.")
public final class TcpdumpCommand implements Callable<Integer> {
    /** Everything after 'tcpdump' belongs to the tool, options included, in order. */
    static void configure(CommandLine tcpdump) {
        tcpdump.setUnmatchedOptionsArePositionalParams(true);
        tcpdump.setStopAtPositional(true);
    }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ARG", description = "tcpdump's own options and filter expression")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return TcpdumpTool.run(args, Path.of(""), out, err);
    }
}
