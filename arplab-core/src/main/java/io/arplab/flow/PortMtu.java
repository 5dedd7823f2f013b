package io.arplab.flow;

/**
 * The ports' MTUs (ofproto/ofproto.c): a port's netdev MTU, the Interface's mtu_request (iface_set_netdev_mtu()), and
 * the internal ports' MTU, which follows the smallest of the other ports' unless requested (update_mtu()).
 */
final class PortMtu {
    /** netdev-dummy's range (DUMMY_MIN_MTU, DUMMY_MAX_MTU): netdev_dummy_set_mtu() refuses others (EINVAL). */
    static final int MIN = 68, MAX = 65535;

    private final Ofproto ofproto;
    /** ofproto->min_mtu: INT_MAX until the first port. */
    private int minMtu = Integer.MAX_VALUE;
    /** The smallest MTU of a port whose netdev-dummy refuses longer frames (for the transmit path's quick check). */
    int smallest = 1500;

    PortMtu(Ofproto ofproto) {
        this.ofproto = ofproto;
    }

    /** A netdev with an MTU: netdev-vport's tunnels and patch ports have none (netdev_get_mtu() fails). */
    static boolean hasMtu(Ofproto.Port p) {
        return !p.isTunnel() && !p.isPatch();
    }

    // ofport_is_mtu_overridden(): an internal (or patch) port whose MTU the user did not request
    private static boolean overridden(Ofproto.Port p) {
        return (p.ofport == Ports.LOCAL || p.type.equals("internal") || p.isPatch()) && !p.mtuUserConfig;
    }

    /**
     * iface_set_netdev_mtu(): the Interface's mtu_request (null: none) on its netdev, which keeps its MTU when it
     * refuses the value; a change reaches update_mtu() as update_port() sees the netdev's change_seq move.
     */
    void request(Ofproto.Port p, Long request) {
        if (!hasMtu(p)) {
            return;
        }
        boolean user = request != null;
        boolean changed = p.mtuUserConfig != user; // netdev_mtu_user_config()
        p.mtuUserConfig = user;
        if (user && request >= MIN && request <= MAX && p.mtu != request) {
            p.mtu = (int) (long) request;
            changed = true;
        }
        if (changed) {
            update(p);
        }
    }

    /** update_mtu(): a port added or changed; an overridden one is lowered to the minimum, else the minimum moves. */
    void update(Ofproto.Port p) {
        if (!hasMtu(p)) {
            return;
        }
        if (overridden(p)) {
            if (p.mtu > minMtu) {
                p.mtu = minMtu;
            }
        } else {
            updateOfproto();
        }
        refreshSmallest();
    }

    /** ofport_remove(): the minimum found again unless the port was an overridden one. */
    void removed(Ofproto.Port p) {
        if (hasMtu(p) && !overridden(p)) {
            updateOfproto();
        }
        refreshSmallest();
    }

    // update_mtu_ofproto(): find_min_mtu() over the ports not overridden (ETH_PAYLOAD_MAX without any); when it
    // moves, every overridden port takes it
    private void updateOfproto() {
        int min = 0;
        for (Ofproto.Port q : ofproto.ports()) {
            if (hasMtu(q) && !overridden(q) && (min == 0 || q.mtu < min)) {
                min = q.mtu;
            }
        }
        min = min == 0 ? 1500 : min;
        if (min == minMtu) {
            return;
        }
        minMtu = min;
        for (Ofproto.Port q : ofproto.ports()) {
            if (hasMtu(q) && overridden(q)) {
                q.mtu = min;
            }
        }
    }

    private void refreshSmallest() {
        int s = Integer.MAX_VALUE;
        for (Ofproto.Port q : ofproto.ports()) {
            if (q.dummySend()) {
                s = Math.min(s, q.mtu);
            }
        }
        smallest = Math.min(s, MAX);
    }
}
