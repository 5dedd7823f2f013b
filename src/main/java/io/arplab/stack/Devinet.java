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
    private final Arp arp;

    Devinet(Netns ns, Arp arp) {
        this.ns = ns;
        this.arp = arp;
    }

    /** loopback_net_init(): lo, ifindex 1, with 127.0.0.1/8. */
    void addLoopback() {
        NetDevice lo = new NetDevice(1, "lo", 0, 65536, true, ns, ns.drawReachableMs(Netns.LINUX_NEIGH),
                Netns.LINUX_CONF.copy());
        ns.addDevice(lo);
        lo.addresses.add(new NetDevice.Address(Ipv4Address.LOOPBACK, 8, null, "lo"));
        ns.refreshLocalAddresses();
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
        int ifindex = ns.devices.get(ns.devices.size() - 1).ifindex + 1;
        NetDevice d = new NetDevice(ifindex, devName, mac.bits(), mtu, false, ns,
                ns.drawReachableMs(ns.defaultArpParms != null ? ns.defaultArpParms : Netns.LINUX_NEIGH),
                (ns.defaultConf != null ? ns.defaultConf : Netns.LINUX_CONF).copy());
        ns.addDevice(d);
        return d;
    }

    /** inet_rtm_newaddr(): the address plus its connected route (proto kernel scope link src ADDR). */
    void addAddress(NetDevice dev, Ipv4Address addr, int prefixLength, Ipv4Address ifaBroadcast) {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " outside 0..32");
        }
        if (dev.hasAddress(addr.bits())) {
            throw new IllegalArgumentException("address " + addr + "/" + prefixLength + " already on " + ns.name + " "
                    + dev.name + " (RTNETLINK answers: File exists)");
        }
        if (addr.isMulticast() || addr.isLimitedBroadcast() || addr.isUnspecified()) {
            throw new IllegalArgumentException("invalid address " + addr + " for " + ns.name + " " + dev.name);
        }
        Ipv4Address brd = prefixLength >= 31 ? null : Ipv4Address.of(addr.bits() | ~Ipv4Address.netmask(prefixLength));
        boolean secondary = false;
        for (NetDevice.Address a : dev.addresses) {
            if (a.prefixLength() == prefixLength && a.network().equals(addr.masked(prefixLength))) {
                secondary = true;
            }
        }
        dev.addresses.add(new NetDevice.Address(addr, prefixLength, brd, dev.name, ifaBroadcast));
        ns.refreshLocalAddresses();
        if (!secondary && prefixLength < 32) {
            ns.routes.add(Route.connected(dev, addr, prefixLength));
        }
    }

    /** inet_rtm_deladdr() + fib_del_ifaddr(): its routes go; a remaining address of the subnet takes over. */
    boolean removeAddress(NetDevice dev, Ipv4Address addr) {
        NetDevice.Address victim = null;
        for (NetDevice.Address a : dev.addresses) {
            if (a.address().equals(addr)) {
                victim = a;
            }
        }
        if (victim == null) {
            return false;
        }
        dev.addresses.remove(victim);
        ns.refreshLocalAddresses();
        final NetDevice.Address gone = victim;
        List<Route> doomed = new ArrayList<>();
        for (Route r : ns.routes.routes()) {
            if (r.device() == dev && ("kernel".equals(r.protocol()) && addr.equals(r.prefsrc())
                    || r.gateway() != null && !Netns.onLink(dev, r.gateway().bits()))) {
                doomed.add(r);
            }
        }
        doomed.forEach(ns.routes::remove);
        if (gone.prefixLength() < 32) {
            for (NetDevice.Address a : dev.addresses) {
                if (a.network().equals(gone.network()) && a.prefixLength() == gone.prefixLength()) {
                    ns.routes.add(Route.connected(dev, a.address(), a.prefixLength()));
                    break;
                }
            }
        }
        return true;
    }

    /** ip route add (fib_check_nh()): the gateway must be reachable on-link through the device. */
    void addRoute(Route r) {
        if (r.gateway() != null && r.device() != null && !Netns.onLink(r.device(), r.gateway().bits())) {
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
        ns.neighbours.flushDevice(now, dev, false);
        if (ns.devconf(dev, DevConf.ARP_NOTIFY) != 0) {
            arp.announce(dev, out);
        }
    }

    /** dev_change_flags(IFF_UP): going down flushes its neighbours and takes its routes away. */
    void setUp(long now, NetDevice dev, boolean up, Outbox out) {
        if (dev.isUp() == up) {
            return;
        }
        dev.setUp(up);
        if (!up) {
            ns.neighbours.flushDevice(now, dev, false);
            // fib_disable_ip(): every route through the device goes, static ones for good
            ns.routes.removeDevice(dev);
        } else {
            // fib_add_ifaddr() on NETDEV_UP: the connected routes of the primary addresses come back
            for (int i = 0; i < dev.addresses.size(); i++) {
                NetDevice.Address a = dev.addresses.get(i);
                boolean secondary = false;
                for (int k = 0; k < i; k++) {
                    NetDevice.Address p = dev.addresses.get(k);
                    secondary |= p.prefixLength() == a.prefixLength() && p.network().equals(a.network());
                }
                if (!secondary && a.prefixLength() < 32 && !dev.loopback) {
                    ns.routes.add(Route.connected(dev, a.address(), a.prefixLength()));
                }
            }
            if (ns.devconf(dev, DevConf.ARP_NOTIFY) != 0) {
                arp.announce(dev, out);
            }
        }
    }

    /** dev_set_mtu(). */
    void setMtu(NetDevice dev, int mtu) {
        if (mtu < 68 || mtu > 65535) {
            throw new IllegalArgumentException("invalid MTU " + mtu + ": 68..65535");
        }
        dev.setMtu(mtu);
    }
}
