package io.arplab.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the frame views and records: any bytes walk through every view as a receiver would
 * ({@link Exercise}), and nothing may throw but a failed round trip. Regression mode (plain {@code mvn verify}) runs
 * the seeds in {@code WireFuzzTestInputs/framesDecode}; {@code JAZZER_FUZZ=1 mvn test -Dtest=WireFuzzTest} fuzzes.
 */
class WireFuzzTest {
    @FuzzTest
    void framesDecode(byte[] frame) {
        Exercise.frame(frame, 0, frame.length);
        // the same bytes as a bare ARP packet and IPv4 datagram (at offset 0: no Ethernet header to answer through)
        Exercise.arp(frame, 0, frame.length, new Exercise.Reached());
        Exercise.ipv4(frame, 0, frame.length, new Exercise.Reached(), 0);
    }
}
