package io.arplab.bench;

import io.arplab.wire.pcap.PcapRecord;
import io.arplab.wire.tcpdump.TcpdumpOptions;
import io.arplab.wire.tcpdump.TcpdumpPrinter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** One tcpdump -n line per frame, into a reused StringBuilder. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TcpdumpBenchmark {
    private final PcapRecord arpRequest = PcapRecord.of(1_700_000_000_000_000_000L, Frames.arpRequest());
    private final PcapRecord echoRequest = PcapRecord.of(1_700_000_000_000_042_000L, Frames.echoRequest());
    private final TcpdumpPrinter printer = new TcpdumpPrinter(TcpdumpOptions.numericUtc());
    private final StringBuilder sb = new StringBuilder(256);

    @Benchmark
    public int arpRequestLine() {
        sb.setLength(0);
        printer.print(arpRequest, sb);
        return sb.length();
    }

    @Benchmark
    public int echoRequestLine() {
        sb.setLength(0);
        printer.print(echoRequest, sb);
        return sb.length();
    }
}
