package io.arplab.stack;

import io.arplab.stack.HostStack.Outbox;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * net/ipv4/devinet.c with the device events it reacts to: devices (register_netdevice), addresses and their
 * connected routes (inet_insert_ifa, fib_add_ifaddr/fib_del_ifaddr), link up/down (NETDEV_UP/DOWN), MAC and MTU
 * changes (NETDEV_CHANGEADDR flushes the device's neighbours; arp_notify announces).
 */
final class Devinet {
    private final Netns ns;

    Devinet(Netns ns) {
        this.ns = ns;
    }

    /** Creates an Ethernet device (veth end) with the host's default sysctls; returns it. */
    NetDevice addDevice(String devName, MacAddress mac, int mtu) {
        if (ns.device(devName) != null) {
            throw new IllegalArgumentException("device '" + devName + "' already exists on " + ns.name);
        }
        if (mac.isMulticast() || mac.isZero()) {
            throw new IllegalArgumentException("invalid MAC address " + mac + " for " + ns.name + " " + devName
                    + ": must be unicast and not zero");
        }
        if (mtu < 68 || mtu > 65535) {
            throw new IllegalArgumentException("invalid MTU " + mtu + " for " + ns.name + " " + devName + ": 68..65535");
        }
        int ifindex = ns.nextIfindex();
        NetDevice d = new NetDevice(ifindex, devName, mac.bits(), mtu, false, ns, ns.tblParms());
        ns.addDevice(d);
        return d;
    }

    /** inet_rtm_newaddr(); an invalid address throws. */
    void addAddress(NetDevice dev, Ipv4Address addr, int prefixLength, Ipv4Address ifaBroadcast) {
        int scope = addr.isLoopback() ? NetDevice.SCOPE_HOST : NetDevice.SCOPE_UNIVERSE;
        String error = newAddress(dev, addr, prefixLength, ifaBroadcast, scope);
        if (error != null) {
            throw new IllegalArgumentException("address " + addr + "/" + prefixLength + " on " + ns.name + " "
                    + dev.name + ": " + error);
        }
    }

    /**
     * inet_rtm_newaddr() → find_matching_ifa(), __inet_insert_ifa(): a second address of a subnet becomes secondary
     * and goes last, a primary goes after the primaries of its scope or wider; then fib_add_ifaddr(). Returns the
     * kernel's extack text when refused, else null.
     */
    String newAddress(NetDevice dev, Ipv4Address addr, int prefixLength, Ipv4Address ifaBroadcast, int scope) {
        return newAddress(dev, addr, prefixLength, ifaBroadcast, scope, dev.name);
    }

    /** The same with IFA_LABEL ({@code ip addr add ... label eth0:1}). */
    String newAddress(NetDevice dev, Ipv4Address addr, int prefixLength, Ipv4Address ifaBroadcast, int scope,
                      String label) {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " outside 0..32");
        }
        if (addr.isMulticast() || addr.isLimitedBroadcast() || addr.isUnspecified()) {
            throw new IllegalArgumentException("invalid address " + addr + " for " + ns.name + " " + dev.name);
        }
        Ipv4Address brd = prefixLength >= 31 ? null
                : Ipv4Address.shared(addr.bits() | ~Ipv4Address.netmask(prefixLength));
        NetDevice.Address ifa = new NetDevice.Address(addr, prefixLength, brd, label, ifaBroadcast, scope, false);
        boolean secondary = false;
        int lastPrimary = 0;
        for (int i = 0; i < dev.addresses().size(); i++) {
            NetDevice.Address x = dev.addresses().get(i);
            if (!x.secondary() && scope <= x.scope()) {
                lastPrimary = i + 1;
            }
            if (x.prefixLength() == prefixLength && ifa.matches(x.address().bits())) {
                if (x.address().equals(addr)) {
                    return "ipv4: Address already assigned";
                }
                if (x.scope() != scope) {
                    return "ipv4: Invalid scope value";
                }
                secondary = true;
            }
        }
        List<NetDevice.Address> list = new ArrayList<>(dev.addresses());
        if (secondary) {
            ifa = ifa.withSecondary(true);
            list.add(ifa);
        } else {
            list.add(lastPrimary, ifa);
        }
        dev.setAddresses(list);
        dev.conf().setAll(); // rtm_to_ifa(): ipv4_devconf_setall(): conf/default no longer reaches the device
        noteFibOrder(dev, ifa);
        ns.refreshLocalAddresses();
        addIfaddrRoutes(dev, ifa);
        return null;
    }

    /** fib_add_ifaddr(): a primary address of an up device brings its prefix route (scope link, src the address). */
    private void addIfaddrRoutes(NetDevice dev, NetDevice.Address ifa) {
        if (ifa.secondary() || !dev.isUp() || dev.loopback || ifa.prefixLength() == 32) {
            return; // lo's prefix routes are RTN_LOCAL, in table local
        }
        ns.routes.append(Route.connected(dev, ifa.address(), ifa.prefixLength()));
    }

    /**
     * Table local as fib_add_ifaddr() fills it, derived from the addresses: every address has its {@code local}
     * route, kept while its device is down (scope host: fib_sync_down_dev() spares it); on an up device an explicit
     * IFA_BROADCAST and, for a primary address with a prefix shorter than 31, its subnet's broadcast have a
     * {@code broadcast} route, and a loopback device's primary prefix is {@code local} as a whole. A secondary
     * address's routes take its subnet's primary as source.
     */
    RouteTable localTable() {
        List<Route> found = new ArrayList<>();
        List<Long> when = new ArrayList<>();
        java.util.IdentityHashMap<Object, Long> order = ns.parts.fibOrder;
        for (int d = 0, n = ns.deviceCount(); d < n; d++) {
            NetDevice dev = ns.deviceAt(d);
            long upAt = order == null ? 0 : order.getOrDefault(dev, 0L);
            for (NetDevice.Address ifa : dev.addresses()) {
                NetDevice.Address prim = ifa;
                if (ifa.secondary()) {
                    prim = primaryOf(dev, ifa); // inet_ifa_byprefix()
                }
                Ipv4Address src = prim.address();
                long addedAt = order == null ? 0 : order.getOrDefault(ifa, 0L);
                long routedAt = Math.max(addedAt, upAt); // NETDEV_UP appends the routes the device's going down took
                found.add(Route.kernelLocal(Route.LOCAL, ifa.address(), 32, dev, src));
                when.add(addedAt);
                if (!dev.isUp()) {
                    continue;
                }
                Ipv4Address brd = ifa.ifaBroadcast();
                if (routedBroadcast(brd)) {
                    found.add(Route.kernelLocal(Route.BROADCAST, brd, 32, dev, src));
                    when.add(routedAt);
                }
                if (!prefixRouted(ifa)) {
                    continue;
                }
                int mask = Ipv4Address.netmask(ifa.prefixLength());
                int prefix = ifa.address().bits() & mask;
                if (dev.loopback) {
                    found.add(Route.kernelLocal(Route.LOCAL, Ipv4Address.shared(prefix), ifa.prefixLength(), dev, src));
                    when.add(routedAt);
                }
                if (ifa.prefixLength() < 31) {
                    found.add(Route.kernelLocal(Route.BROADCAST, Ipv4Address.shared(prefix | ~mask), 32, dev, src));
                    when.add(routedAt);
                }
            }
        }
        // fib_magic() appends (NLM_F_APPEND): routes of one key list in the order they were added
        Integer[] byTime = new Integer[found.size()];
        for (int i = 0; i < byTime.length; i++) {
            byTime[i] = i;
        }
        java.util.Arrays.sort(byTime, java.util.Comparator.comparingLong(when::get)); // stable
        RouteTable t = new RouteTable();
        for (int i : byTime) {
            appendOnce(t, found.get(i));
        }
        return t;
    }

    /**
     * fib_lookup() in table local finds a {@code broadcast} route to {@code a} ({@link #localTable()}'s, without
     * building it): what ip_route_input_slow() takes as RTN_BROADCAST. The route's device, or null.
     */
    NetDevice broadcastRouteDevice(int a) {
        for (int d = 0, n = ns.deviceCount(); d < n; d++) {
            NetDevice dev = ns.deviceAt(d);
            if (!dev.isUp()) {
                continue;
            }
            for (NetDevice.Address ifa : dev.addresses()) {
                Ipv4Address brd = ifa.ifaBroadcast();
                int mask = Ipv4Address.netmask(ifa.prefixLength());
                if (routedBroadcast(brd) && brd.bits() == a || prefixRouted(ifa) && ifa.prefixLength() < 31
                        && ((ifa.address().bits() & mask) | ~mask) == a) {
                    return dev;
                }
            }
        }
        return null;
    }

    /** fib_add_ifaddr(): an explicit IFA_BROADCAST gets its route unless it is 0.0.0.0 or 255.255.255.255. */
    private static boolean routedBroadcast(Ipv4Address brd) {
        return brd != null && !brd.isLimitedBroadcast() && !brd.isUnspecified();
    }

    /** fib_add_ifaddr(): a primary address with a prefix (not a /32 of itself, not in 0/8) routes its subnet. */
    private static boolean prefixRouted(NetDevice.Address ifa) {
        int prefix = ifa.address().bits() & Ipv4Address.netmask(ifa.prefixLength());
        return prefix != 0 && !ifa.secondary() && !(prefix == ifa.address().bits() && ifa.prefixLength() == 32);
    }

    /**
     * Notes when a route of table local was added, for the order of routes sharing a key ({@link #localTable()}):
     * only once two devices have addresses of one subnet (an address of eth0's subnet on lo); until then the devices'
     * order is the order they were added in.
     */
    private void noteFibOrder(NetDevice dev, Object key) {
        if (ns.parts.fibOrder == null) {
            boolean shared = false;
            if (key instanceof NetDevice.Address ifa) {
                for (int d = 0, n = ns.deviceCount(); d < n && !shared; d++) {
                    NetDevice other = ns.deviceAt(d);
                    for (int k = 0, m = other == dev ? 0 : other.addressCount(); k < m && !shared; k++) {
                        NetDevice.Address x = other.addressAt(k);
                        shared = x.matches(ifa.address().bits()) || ifa.matches(x.address().bits());
                    }
                }
            }
            if (!shared) {
                return;
            }
            ns.own().fibOrder = new java.util.IdentityHashMap<>();
        }
        NetnsParts p = ns.parts;
        p.fibOrder.put(key, ++p.fibSeq);
    }

    private static NetDevice.Address primaryOf(NetDevice dev, NetDevice.Address ifa) {
        for (NetDevice.Address x : dev.addresses()) {
            if (!x.secondary() && x.prefixLength() == ifa.prefixLength() && x.matches(ifa.address().bits())) {
                return x;
            }
        }
        return ifa;
    }

    /** fib_table_insert() under NLM_F_APPEND: a route the table holds already (the same fib_info) stays one. */
    private static void appendOnce(RouteTable t, Route r) {
        if (!t.routes().contains(r)) {
            t.append(r);
        }
    }

    /** inet_rtm_deladdr(): the first address with this local address (and prefix length unless -1). */
    NetDevice.Address findAddress(NetDevice dev, Ipv4Address addr, int prefixLength) {
        for (NetDevice.Address x : dev.addresses()) {
            if (x.address().equals(addr) && (prefixLength < 0 || x.prefixLength() == prefixLength)) {
                return x;
            }
        }
        return null;
    }

    /** Deletes the first address {@code addr} of the device; false when there is none. */
    boolean removeAddress(long now, NetDevice dev, Ipv4Address addr) {
        NetDevice.Address x = findAddress(dev, addr, -1);
        if (x == null) {
            return false;
        }
        deleteAddress(now, dev, x);
        return true;
    }

    /**
     * __inet_del_ifa(): deleting a primary deletes its subnet's secondaries, or with promote_secondaries makes the
     * first of them primary (moved after the last primary, its subnet's routes re-added with it as source);
     * fib_del_ifaddr() removes the prefix route, fib_sync_down_addr() the routes with the address as source, and
     * when the last address goes, fib_disable_ip() every route through the device and arp_ifdown() its neighbours.
     */
    void deleteAddress(long now, NetDevice dev, NetDevice.Address ifa1) {
        // the device's list is immutable (shared while unchanged): edited here, set again after each change
        List<NetDevice.Address> list = new ArrayList<>(dev.addresses());
        NetDevice.Address promote = null;
        if (!ifa1.secondary()) {
            boolean doPromote = ns.devconf(dev, DevConf.PROMOTE_SECONDARIES) != 0;
            for (int i = 0; i < list.size(); i++) {
                NetDevice.Address x = list.get(i);
                if (x == ifa1 || !x.secondary() || x.prefixLength() != ifa1.prefixLength()
                        || !ifa1.matches(x.address().bits())) {
                    continue;
                }
                if (doPromote) {
                    promote = x;
                    break;
                }
                list.remove(i--);
                dev.setAddresses(list);
                dropAddressRoutes(dev, x);
            }
        }
        list.remove(ifa1);
        dev.setAddresses(list);
        dropAddressRoutes(dev, ifa1);
        if (promote != null) {
            int at = list.indexOf(promote);
            list.remove(at);
            int lastPrimary = 0;
            for (int i = 0; i < list.size(); i++) {
                if (!list.get(i).secondary() && ifa1.scope() <= list.get(i).scope()) {
                    lastPrimary = i + 1;
                }
            }
            NetDevice.Address p = promote.withSecondary(false);
            list.add(Math.min(lastPrimary, at), p);
            dev.setAddresses(list);
            addIfaddrRoutes(dev, p);
        }
        ns.refreshLocalAddresses();
        if (list.isEmpty()) {
            ns.removeRoutesIf(r -> r.device() == dev);
            // fib_inetaddr_event(): the last address gone, fib_disable_ip() → arp_ifdown() → neigh_ifdown(): every
            // entry of the device, permanent ones and proxy entries too
            ns.flushNeighbours(now, dev, false);
            if (ns.parts.arp != null) {
                ns.parts.arp.proxyIfdown(dev);
            }
        }
    }

    /** fib_del_ifaddr() + fib_sync_down_addr(): the routes whose source is the address, unless another has it. */
    private void dropAddressRoutes(NetDevice dev, NetDevice.Address ifa) {
        ns.refreshLocalAddresses();
        if (ns.isLocalAddress(ifa.address().bits()) && !ifa.address().isLoopback()) {
            ns.routes.removeIf(r -> r.device() == dev && "kernel".equals(r.protocol())
                    && ifa.address().equals(r.prefsrc()) && r.prefixLength() == ifa.prefixLength());
            return;
        }
        ns.removeRoutesIf(r -> ifa.address().equals(r.prefsrc()));
    }

    /** ip route add (fib_check_nh()): the gateway must be reachable on-link through the device. */
    void addRoute(Route r) {
        if (r.gateway() != null && r.device() != null && !r.onlink()
                && !Netns.onLink(r.device(), r.gateway().bits())) {
            throw new IllegalArgumentException("gateway " + r.gateway() + " is not on-link via " + ns.name + " "
                    + r.device().name + " (Error: Nexthop has invalid gateway.)");
        }
        ns.routes.add(r);
    }

    /** dev_set_mac_address() → NETDEV_CHANGEADDR: the device's neighbours are flushed (arp_netdev_event). */
    void setMac(long now, NetDevice dev, MacAddress mac, Outbox out) {
        if (mac.isMulticast() || mac.isZero()) {
            throw new IllegalArgumentException("invalid MAC address " + mac + ": must be unicast and not zero");
        }
        dev.setMac(mac.bits());
        ns.configChanged();
        ns.flushNeighbours(now, dev, false);
        if (ns.devconf(dev, DevConf.ARP_NOTIFY) != 0) {
            ns.arp().announce(now, dev, out);
        }
    }

    /**
     * dev_change_flags(IFF_NOARP) (ip link set DEV arp on|off): arp_netdev_event(NETDEV_CHANGE) sees the flag change
     * and neigh_changeaddr() flushes every entry of the device, permanent ones too.
     */
    void setNoarp(long now, NetDevice dev, boolean noarp) {
        if (dev.setNoarp(noarp)) {
            ns.configChanged();
            ns.flushNeighbours(now, dev, false);
        }
    }

    /** dev_change_flags(IFF_UP): going down flushes its neighbours and takes its routes away. */
    void setUp(long now, NetDevice dev, boolean up, Outbox out) {
        if (dev.isUp() == up) {
            return;
        }
        dev.setUp(up);
        if (up && ns.parts.fibOrder != null) {
            noteFibOrder(dev, dev);
        }
        ns.configChanged();
        NetDevice peer = dev.peer;
        if (!up && peer != null && peer.owner() != null && peer.isUp()) {
            // veth_close() takes the peer's carrier: arp_netdev_event(NETDEV_CHANGE) evicts its neighbours but the
            // permanent ones (neigh_carrier_down())
            Netns pns = peer.owner();
            if (pns.devconf(peer, DevConf.ARP_EVICT_NOCARRIER) != 0) {
                pns.flushNeighbours(now, peer, true);
                if (pns.parts.arp != null) {
                    pns.parts.arp.proxyCarrierDown(peer); // net-tools' (ioctl) and non-permanent ones (6.18)
                }
            }
            if (peer.bridge != null) {
                peer.bridge.portDisabled(peer.name, now);
            }
        }
        if (!up) {
            if (dev.bridge != null && (peer == null || peer.isUp())) {
                dev.bridge.portDisabled(dev.name, now); // a port that had no carrier was disabled already
            }
            ns.flushNeighbours(now, dev, false);
            if (ns.parts.arp != null) {
                ns.parts.arp.proxyIfdown(dev); // neigh_ifdown(), unlike a carrier loss, takes the proxy entries
            }
            if (ns.parts.igmp != null) {
                ns.parts.igmp.down(dev); // ip_mc_down()
            }
            // fib_disable_ip(): every route through the device goes, static ones for good
            ns.removeRoutesIf(r -> r.device() == dev);
        } else {
            // br_device_event(NETDEV_UP) / br_port_carrier_check(): a bridge port runs again once both ends are up
            if (dev.bridge != null && (peer == null || peer.isUp())) {
                dev.bridge.portEnabled(dev.name, now);
            }
            if (peer != null && peer.bridge != null && peer.isUp()) {
                peer.bridge.portEnabled(peer.name, now);
            }
            // fib_add_ifaddr() on NETDEV_UP: the prefix routes of the primary addresses come back
            for (NetDevice.Address a : dev.addresses()) {
                addIfaddrRoutes(dev, a);
            }
            // inetdev_event(NETDEV_UP) announces at once, but a bridge port at the veth's other end is enabled only
            // when linkwatch runs br_port_carrier_check() after this call: br_handle_frame() drops the announcement
            // (refdata/local/timeline/garp_sysctls)
            boolean peerBridgePort = peer != null && peer.master() != null;
            if (ns.devconf(dev, DevConf.ARP_NOTIFY) != 0 && !peerBridgePort) {
                ns.arp().announce(now, dev, out);
            }
        }
    }

    /** dev_set_mtu(): an Ethernet device takes 68..65535 (ETH_MIN_MTU, ETH_MAX_MTU), lo any size. */
    void setMtu(long now, NetDevice dev, int mtu) {
        if (mtu < (dev.loopback ? 0 : 68) || !dev.loopback && mtu > 65535) {
            throw new IllegalArgumentException("invalid MTU " + mtu + ": 68..65535");
        }
        dev.setMtu(mtu);
        if (mtu < 68) {
            // inetdev_event(NETDEV_CHANGEMTU): below IPV4_MIN_MTU inetdev_destroy() deletes every address (with its
            // routes) and arp_ifdown() the neighbours; a larger MTU later brings an in_device without addresses
            for (NetDevice.Address a : List.copyOf(dev.addresses())) {
                if (dev.addresses().contains(a)) {
                    deleteAddress(now, dev, a);
                }
            }
            ns.flushNeighbours(now, dev, false);
        }
    }
}
