package io.arplab.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code arplab tcpdump -r FILE ...}: prints a capture exactly as tcpdump 4.99 does. */
@Command(name = "tcpdump", description = "Print a pcap file as tcpdump 4.99 prints it.")
public final class TcpdumpCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UsageException("tcpdump: not implemented yet");
    }
}
