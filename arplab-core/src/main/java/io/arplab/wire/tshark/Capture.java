package io.arplab.wire.tshark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the dissectors remember from one frame to the next of a capture file (wmem_file_scope() state). */
final class Capture {
    /** packet-arp.c's address_hash_table: IPv4 address to the MAC first seen with it and the frame last showing it. */
    final Map<Long, long[]> arpAddresses = new HashMap<>();
    /** packet-icmp.c's unmatched echo requests: conversation and key to the request's frame and answered flag. */
    final Map<String, int[]> icmpRequests = new HashMap<>();
    /** packet-ip.c's reassembly table: fragments by datagram key. */
    final Map<String, Reassembly> ipFragments = new HashMap<>();
    /** packet-ipv6.c's reassembly table: fragments by source, destination and identification. */
    final Map<String, Reassembly> ipv6Fragments = new HashMap<>();

    /** packet-tcp.c's conversations: the latest one of each pair of endpoints. */
    final Map<String, TcpConversation> tcpConversations = new HashMap<>();

    /**
     * epan/conversation.c's UDP conversations: by both endpoints ({@link TftpDissector#exactKey}), and those whose
     * second port is not yet known by the first endpoint and the second address (NO_PORT2); a value is the
     * conversation's dissector's state, {@link TftpDissector.Conversation#NONE} for none.
     */
    final Map<String, TftpDissector.Conversation> udpExact = new HashMap<>();
    final Map<String, TftpDissector.Conversation> udpNoPort2 = new HashMap<>();

    /** One datagram being put together (epan/reassemble.c's fragment_head). */
    static final class Reassembly {
        final List<int[]> pieces = new ArrayList<>();
        final List<byte[]> data = new ArrayList<>();
        int total = -1;

        /**
         * fragment_add_check(): the piece at {@code off} joins the datagram, the last one fixing its length.
         * @return the datagram when every byte of it has come, else null
         */
        byte[] add(int off, boolean last, byte[] src, int at, int len) {
            pieces.add(new int[] {off, len});
            data.add(java.util.Arrays.copyOfRange(src, at, at + len));
            if (last && total < 0) {
                total = off + len;
            }
            if (total < 0) {
                return null;
            }
            byte[] whole = new byte[total];
            boolean[] have = new boolean[total];
            for (int i = 0; i < pieces.size(); i++) {
                int[] pc = pieces.get(i);
                int n = Math.max(0, Math.min(pc[1], total - pc[0]));
                if (n > 0) {
                    System.arraycopy(data.get(i), 0, whole, pc[0], n);
                    java.util.Arrays.fill(have, pc[0], pc[0] + n, true);
                }
            }
            for (boolean b : have) {
                if (!b) {
                    return null;
                }
            }
            return whole;
        }
    }
}
