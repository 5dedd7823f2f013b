package io.arplab.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code run} and {@code shell} share: the topology and how the lab records what happens. */
final class LabOptions {
    @Parameters(index = "0", paramLabel = "TOPOLOGY", description = "a topology file: arplab YAML or docker-compose.yml")
    Path topology;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE}); same seed, same run")
    long seed;

    @Option(names = "--pcap-dir", defaultValue = "pcaps", paramLabel = "DIR",
            description = "where each host interface's capture goes, DIR/<node>.pcap (default ${DEFAULT-VALUE}; 'none' to write none)")
    String pcapDir;

    @Option(names = "--bridge-pcaps", description = "also capture every bridge, DIR/<bridge>.pcap (every frame crossing it)")
    boolean bridgePcaps;

    @Option(names = "--trace", paramLabel = "FILE", description = "write kernel-style tracepoints (perf script layout) to FILE")
    Path trace;

    @Option(names = "--epoch", paramLabel = "SECONDS", defaultValue = "1704067200",
            description = "wall-clock time at virtual time 0, in Unix seconds (default ${DEFAULT-VALUE} = 2024-01-01 00:00:00 UTC)")
    long epochSeconds;

    @Option(names = "--attach", paramLabel = "BRIDGE=TAP",
            description = "give the lab's BRIDGE a port that is a new TAP device TAP, so kernel hosts share its broadcast domain; virtual time then follows the wall clock (root or CAP_NET_ADMIN)")
    java.util.List<String> attach = new java.util.ArrayList<>();

    @Option(names = "--attach-netns", paramLabel = "NS",
            description = "move the --attach TAP devices' kernel side into this network namespace")
    String attachNetns;

    @Option(names = "--max-capture-size", paramLabel = "SIZE",
            description = "stop writing captures and trace, with a note, once they hold SIZE bytes in all (default 1G; k, M, G; 0: no limit)")
    String maxCaptureSize;

    @Option(names = "--verbose", description = "say which topology keys were ignored and where files go")
    boolean verbose;
}
