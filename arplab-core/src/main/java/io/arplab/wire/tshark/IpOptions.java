package io.arplab.wire.tshark;

/** dissect_ipopt_*() of packet-ip.c, as far as they read the header (nothing reaches Info). */
final class IpOptions {
    private IpOptions() {}

    static void check(Tvb tvb, int hlen) {
        // Without a protocol tree the options are only looked at through proto_tree_add_*(), which reads nothing.
    }
}
