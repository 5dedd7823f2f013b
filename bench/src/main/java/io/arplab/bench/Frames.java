package io.arplab.bench;

import io.arplab.wire.Bytes;

/** Real kernel frames from the node1 ping node3 recording (tcpdump -xx), the inputs of every benchmark. */
final class Frames {
    private Frames() {}

    /** node1 asks who-has 172.28.0.13 (broadcast, 42 bytes). */
    static byte[] arpRequest() {
        return Bytes.fromHex("ffff ffff ffff 0242 ac1c 000b 0806 0001 0800 0604 0001 0242 ac1c 000b ac1c 000b"
                + "0000 0000 0000 ac1c 000d");
    }

    /** node1's first echo request to node3 (98 bytes). */
    static byte[] echoRequest() {
        return Bytes.fromHex("0242 ac1c 000d 0242 ac1c 000b 0800 4500 0054 1d10 4000 4001 c548 ac1c 000b ac1c"
                + "000d 0800 d1ec 2756 0001 2d7d 046b 0000 0000 0b01 0300 0000 0000 1011 1213 1415"
                + "1617 1819 1a1b 1c1d 1e1f 2021 2223 2425 2627 2829 2a2b 2c2d 2e2f 3031 3233 3435"
                + "3637");
    }

    static final long NODE3_MAC = 0x0242_ac1c_000dL;
    static final int NODE3_IP = 0xac1c_000d;
}
