package io.arplab.flow;

import java.util.HashMap;

/**
 * The classification benchmark of issue 8: 10,000 flows over 10 tables (per table 1,000 exact nw_dst flows and a
 * table-miss goto), 1,000 distinct packets, timed by the clock the caller hands in (flow reads none itself). Slow path: each packet misses the megaflow cache and runs the whole
 * pipeline (an upcall, installing its megaflow); hits: the same packets through the bridge once their megaflows are
 * installed (executed from the megaflows' actions); cached: the megaflow cache lookup (dpcls) alone.
 */
public final class ClassifierBench {
    public record Result(int flows, int megaflows, double upcallsPerSecond, double cachedPerSecond,
                         double masksPerPacket, long bytesPerMegaflow, double hitsPerSecond) {}

    private ClassifierBench() {}

    public static Result run(int tables, int flowsPerTable, int packets, double seconds, java.util.function.LongSupplier clock) {
        Ofproto br = new Ofproto("br0", 0xaabbccddee01L, 1);
        br.addPort("p1", "dummy", 1, 0xaa55aa550001L, new HashMap<>());
        br.addPort("p2", "dummy", 2, 0xaa55aa550002L, new HashMap<>());
        for (int t = 0; t < tables; t++) {
            String next = t == tables - 1 ? "output:2" : "goto_table:" + (t + 1);
            for (int i = 0; i < flowsPerTable - 1; i++) {
                apply(br, "table=" + t + ",priority=100,ip,nw_dst=" + ip(i) + ",actions=" + next);
            }
            apply(br, "table=" + t + ",priority=0,actions=" + next);
        }
        long[][] keys = new long[packets][];
        byte[][] frames = new byte[packets][];
        for (int i = 0; i < packets; i++) {
            frames[i] = FlowCompose.compose("eth(src=50:54:00:00:00:05,dst=50:54:00:00:00:07),eth_type(0x0800),"
                    + "ipv4(src=192.168.0.1,dst=" + ip(i % (flowsPerTable - 1)) + ",proto=6,tos=0,ttl=64,frag=no),"
                    + "tcp(src=" + (1000 + i) + ",dst=80)", 0);
            keys[i] = Packet.extract(frames[i], 1);
        }
        // slow path: every packet an upcall (the datapath purged before each round, its flows and ukeys: udpif_flush())
        long n = 0, t0 = clock.getAsLong(), deadline = t0 + (long) (seconds * 1e9);
        do {
            br.datapath.purge();
            for (byte[] f : frames) {
                br.receive(0, 1, f);
            }
            n += packets;
        } while (clock.getAsLong() < deadline);
        double upcalls = n / ((clock.getAsLong() - t0) / 1e9);
        if (br.datapath.lost != 0) {
            throw new IllegalStateException("upcalls lost: " + br.datapath.lost);
        }
        for (byte[] f : frames) {
            br.receive(0, 1, f); // the megaflows stay installed
        }
        int megaflows = br.datapath.flows().size();
        // packets through the bridge that hit a megaflow: executed from its actions, the rules credited
        n = 0;
        t0 = clock.getAsLong();
        deadline = t0 + (long) (seconds * 1e9);
        do {
            for (byte[] f : frames) {
                br.receive(0, 1, f);
            }
            n += packets;
        } while (clock.getAsLong() < deadline);
        double hitsPerSecond = n / ((clock.getAsLong() - t0) / 1e9);
        // cached: megaflow lookups only
        long probes0 = br.datapath.maskProbes, hits = 0;
        n = 0;
        t0 = clock.getAsLong();
        deadline = t0 + (long) (seconds * 1e9);
        do {
            for (int r = 0; r < 100; r++) {
                for (long[] k : keys) {
                    if (br.datapath.lookup(k) != null) {
                        hits++;
                    }
                }
            }
            n += 100L * packets;
        } while (clock.getAsLong() < deadline);
        double cached = n / ((clock.getAsLong() - t0) / 1e9);
        if (hits != n) {
            throw new IllegalStateException("cached lookups missed: " + (n - hits));
        }
        double masks = (br.datapath.maskProbes - probes0) / (double) n;
        // a megaflow, from its layout (compressed references): the object (header, 9 references, 5 longs, an int, a
        // boolean: 96 bytes, as JOL's ClassLayout gives Megaflow's instance size), its key (a long[] of the
        // key's words from its first nonzero one on; the mask is its subtable's, shared), its dpcls slot (a record
        // of its masked words and a reference, the table at most half full: two slots), its actions string, and its
        // xlate cache: the object (header, 5 references, an int, 3 booleans), the tables it looked up and the rule
        // each matched (two arrays of a reference per table), NORMAL's learning (shared when empty), one compiled
        // output action (a list, its array, the action)
        long width = java.util.Arrays.stream(br.datapath.flows().get(0).mask).filter(w -> w != 0).count();
        long lookups = (16 + 4L * tables + 7) / 8 * 8;
        long cache = 40 + 2 * lookups + (24 + 24 + 40);
        long bytes = 96 + (16 + 8L * br.datapath.flows().get(0).keyWords()) + 2 * (8 * width + 4) + 48 + cache;
        return new Result(tables * flowsPerTable, megaflows, upcalls, cached, masks, bytes, hitsPerSecond);
    }

    private static void apply(Ofproto br, String flow) {
        br.tables.apply(FlowParser.parse(flow, FlowMod.Command.ADD, br.portMap()), OfVersion.OF13, 0);
    }

    private static String ip(int i) {
        return "10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff);
    }
}
