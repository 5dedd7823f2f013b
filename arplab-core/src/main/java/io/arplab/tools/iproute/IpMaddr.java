package io.arplab.tools.iproute;

import io.arplab.device.Switch;
import io.arplab.stack.HostStack;
import io.arplab.stack.NetDevice;
import io.arplab.tools.ToolContext;
import io.arplab.wire.MacAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ip maddr} (ip/ipmaddr.c): show lists /proc/net/dev_mcast, igmp and igmp6 by device; add and del are
 * SIOCADDMULTI and SIOCDELMULTI. The kernel's own groups: at NETDEV_REGISTER addrconf joins ff02::1 and ff01::1
 * (33:33:00:00:00:01 on a device with a link layer) even with IPv6 disabled; at NETDEV_UP ip_mc_up() joins
 * 224.0.0.1 (01:00:5e:00:00:01), after a snooping bridge's br_multicast_open() joined the snoopers' 224.0.0.106 and
 * ff02::6a; going down drops the IPv4 groups and the snoopers'. in_dev->mc_list and idev->mc_list put a new group
 * first, dev->mc a new address last.
 */
final class IpMaddr {

    private final HostView view;
    private final HostStack stack;
    private final Ip.Options o;
    private final StringBuilder out;

    IpMaddr(ToolContext ctx, HostView view, Ip.Options o, StringBuilder out) {
        this.view = view;
        this.stack = view.stack;
        this.o = o;
        this.out = out;
    }

    private static CommandExit usage() {
        return new CommandExit(255, "Usage: ip maddr [ add | del ] MULTIADDR dev STRING\n"
                + "       ip maddr show [ dev STRING ]");
    }

    /** do_multiaddr(). */
    int run(Args a) {
        if (!a.more()) {
            return list(a);
        }
        String c = a.take();
        if (Args.matches(c, "add")) {
            return modify(a, true);
        }
        if (Args.matches(c, "delete")) {
            return modify(a, false);
        }
        if (Args.matches(c, "list") || Args.matches(c, "show") || Args.matches(c, "lst")) {
            return list(a);
        }
        if (Args.matches(c, "help")) {
            throw usage();
        }
        throw new CommandExit(255, "Command \"" + c + "\" is unknown, try \"ip maddr help\".");
    }

    /** One line of the listing (struct ma_info): a link address or a group of a family, its users and features. */
    private record Ma(String family, String address, int users, boolean global) {}

    /** multiaddr_list(). */
    private int list(Args a) {
        String filterDev = null;
        while (a.more()) {
            String w = a.take();
            if (w.equals("dev")) {
                w = a.value();
            } else if (Args.matches(w, "help")) {
                throw usage();
            }
            if (filterDev != null) {
                throw CommandExit.duparg2("dev", w);
            }
            filterDev = w;
        }
        Json j = o.newJson();
        String nl = o.oneline ? "\\" : "\n";
        for (NetDevice d : stack.devices()) {
            if (filterDev != null && !filterDev.equals(d.name)) {
                continue;
            }
            List<Ma> list = new ArrayList<>();
            if (o.family == 0 || o.family == 17) {
                devMcast(d, list);
            }
            Switch br = view.bridgeOf(d);
            boolean snooping = br != null && br.fdb().mcastSnooping() && d.isUp();
            if ((o.family == 0 || o.family == 4) && d.isUp()) {
                list.add(new Ma("inet", "224.0.0.1", 1, false));
                if (snooping) {
                    list.add(new Ma("inet", "224.0.0.106", 1, false));
                }
            }
            if (o.family == 0 || o.family == 6) {
                if (snooping) {
                    list.add(new Ma("inet6", "ff02::6a", 1, false));
                }
                list.add(new Ma("inet6", "ff02::1", 1, false));
                list.add(new Ma("inet6", "ff01::1", 1, false));
            }
            print(j, d, list, nl);
        }
        if (j != null) {
            out.append(j.finish());
        }
        return 0;
    }

    /** /proc/net/dev_mcast: dev->mc with each address's users and whether SIOCADDMULTI made it global. */
    private void devMcast(NetDevice d, List<Ma> list) {
        List<MacAddress> mc = view.devMc(d);
        // __hw_addr_add_ex(): a global add of an address the kernel or bridge fdb holds takes one more reference
        List<MacAddress> global = d.globalMcAddresses();
        List<MacAddress> held = view.heldMc(d);
        for (MacAddress m : mc) {
            boolean g = global.contains(m);
            list.add(new Ma(null, m.toString(), g && held.contains(m) ? 2 : 1, g));
        }
    }

    /** print_mlist() and print_maddr(). */
    private void print(Json j, NetDevice d, List<Ma> list, String nl) {
        boolean open = false;
        for (Ma m : list) {
            if (!open || o.oneline) {
                if (j != null) {
                    if (open) {
                        j.endArray().endObject();
                    }
                    j.startObject().field("ifindex", d.ifindex).field("ifname", d.name).name("maddr").startArray();
                } else {
                    out.append(d.ifindex).append(':').append(o.paint(Color.IFNAME, "\t" + d.name)).append(nl);
                }
                open = true;
            }
            if (j != null) {
                j.startObject();
                if (m.family() == null) {
                    j.field("link", m.address());
                } else {
                    j.field("family", m.family()).field("address", m.address());
                }
                if (m.users() != 1) {
                    j.field("users", m.users());
                }
                if (m.global()) {
                    j.field("features", "static");
                }
                j.endObject();
                continue;
            }
            out.append('\t');
            if (m.family() == null) {
                out.append("link  ").append(o.paint(Color.MAC, m.address()));
            } else {
                out.append(String.format("%-5s ", m.family()))
                        .append(o.paint(m.family().equals("inet") ? Color.INET : Color.INET6, m.address()));
            }
            if (m.users() != 1) {
                out.append(" users ").append(m.users());
            }
            if (m.global()) {
                out.append(" static");
            }
            out.append('\n');
        }
        if (open && j != null) {
            j.endArray().endObject();
        }
    }

    /** multiaddr_modify(): the words, then SIOCADDMULTI or SIOCDELMULTI on the device. */
    private int modify(Args a, boolean add) {
        String devName = null;
        byte[] addr = null;
        while (a.more()) {
            String w = a.take();
            if (w.equals("dev")) {
                w = a.value();
                if (devName != null) {
                    throw CommandExit.duparg("dev", w);
                }
                if (!Args.validIfname(w)) {
                    throw CommandExit.invarg("\"dev\" not a valid ifname", w); // get_ifname()
                }
                devName = w;
            } else {
                if (Args.matches(w, "address")) {
                    w = a.value();
                }
                if (Args.matches(w, "help")) {
                    throw usage();
                }
                if (addr != null && addr[0] != 0) {
                    throw CommandExit.duparg("address", w);
                }
                addr = Args.lladdr(w, 14); // ll_addr_a2n() into ifr_hwaddr.sa_data
                if (addr.length != 6) {
                    throw new CommandExit(1, "Error: Invalid address length " + addr.length + " - must be 6 bytes");
                }
            }
        }
        if (devName == null) {
            throw new CommandExit(255, "Not enough information: \"dev\" is required.");
        }
        MacAddress mac = Args.mac(addr == null ? new byte[6] : addr); // ifr zeroed: no address is 00:00:00:00:00:00
        NetDevice dev = stack.device(devName);
        if (dev == null) {
            throw new CommandExit(1, "ioctl: No such device");
        }
        if (dev.loopback) { // dev_ifsioc(): no ndo_set_rx_mode
            throw new CommandExit(1, "ioctl: Invalid argument");
        }
        if (add) {
            dev.addGlobalMc(mac);
        } else if (!dev.deleteGlobalMc(mac)) {
            throw new CommandExit(1, "ioctl: No such file or directory");
        }
        return 0;
    }
}
