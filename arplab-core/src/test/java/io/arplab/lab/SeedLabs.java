package io.arplab.lab;

import io.arplab.wire.Ipv4Address;

/** Public access to the recordings' topology for tests in other packages. */
public final class SeedLabs {
    private SeedLabs() {}

    public static Lab seed(long seed) {
        return ReferenceLab.build(seed);
    }

    /** The reference topology with tracepoints going to {@code trace} (null: none). */
    public static Lab build(long seed, io.arplab.observe.TraceLog trace) {
        Lab lab = ReferenceLab.build(seed);
        lab.setTraceLog(trace);
        return lab;
    }

    /** Registers an /etc/hosts file with the lab's resolver: the first name of a line is the canonical one. */
    public static void loadHosts(Lab lab, String hosts) {
        for (String line : hosts.split("\\n")) {
            String t = line.replaceAll("#.*", "").strip();
            if (t.isEmpty()) {
                continue;
            }
            String[] w = t.split("\\s+");
            Ipv4Address a = Ipv4Address.tryParse(w[0]);
            if (a == null) {
                continue;
            }
            for (int i = 1; i < w.length; i++) {
                if (i == 1) {
                    lab.resolver().add(w[i], a);
                } else {
                    lab.resolver().alias(w[i], a);
                }
            }
        }
    }
}
