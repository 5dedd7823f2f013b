package io.arplab.stack;

/** Per-device IPv4 settings ({@code /proc/sys/net/ipv4/conf/<dev>/*}) with the kernel's defaults. */
public final class DevConf {
    public int arpAccept;
    public int arpAnnounce;
    public int arpFilter;
    public int arpIgnore;
    public int arpNotify;
    public int arpEvictNocarrier = 1;
    public int dropGratuitousArp;
    public int proxyArp;
    public int forwarding;
    public int rpFilter;
    public int acceptLocal;
    public int routeLocalnet;
    public int acceptRedirects = 1;
    public int sendRedirects = 1;
    public int secureRedirects = 1;
    public int sharedMedia = 1;

    public DevConf copy() {
        DevConf c = new DevConf();
        c.arpAccept = arpAccept;
        c.arpAnnounce = arpAnnounce;
        c.arpFilter = arpFilter;
        c.arpIgnore = arpIgnore;
        c.arpNotify = arpNotify;
        c.arpEvictNocarrier = arpEvictNocarrier;
        c.dropGratuitousArp = dropGratuitousArp;
        c.proxyArp = proxyArp;
        c.forwarding = forwarding;
        c.rpFilter = rpFilter;
        c.acceptLocal = acceptLocal;
        c.routeLocalnet = routeLocalnet;
        c.acceptRedirects = acceptRedirects;
        c.sendRedirects = sendRedirects;
        c.secureRedirects = secureRedirects;
        c.sharedMedia = sharedMedia;
        return c;
    }

    /** Sets a sysctl by its /proc name (arp_accept, arp_ignore, proxy_arp, forwarding ...). */
    public void set(String name, int value) {
        switch (name) {
            case "arp_accept" -> arpAccept = range(name, value, 0, 2);
            case "arp_announce" -> arpAnnounce = range(name, value, 0, 2);
            case "arp_filter" -> arpFilter = range(name, value, 0, 1);
            case "arp_ignore" -> arpIgnore = range(name, value, 0, 8);
            case "arp_notify" -> arpNotify = range(name, value, 0, 1);
            case "arp_evict_nocarrier" -> arpEvictNocarrier = range(name, value, 0, 1);
            case "drop_gratuitous_arp" -> dropGratuitousArp = range(name, value, 0, 1);
            case "proxy_arp" -> proxyArp = range(name, value, 0, 1);
            case "forwarding" -> forwarding = range(name, value, 0, 1);
            case "rp_filter" -> rpFilter = range(name, value, 0, 2);
            case "accept_local" -> acceptLocal = range(name, value, 0, 1);
            case "route_localnet" -> routeLocalnet = range(name, value, 0, 1);
            case "accept_redirects" -> acceptRedirects = range(name, value, 0, 1);
            case "send_redirects" -> sendRedirects = range(name, value, 0, 1);
            case "secure_redirects" -> secureRedirects = range(name, value, 0, 1);
            case "shared_media" -> sharedMedia = range(name, value, 0, 1);
            default -> throw new IllegalArgumentException("unknown IPv4 device sysctl '" + name + "'");
        }
    }

    /** Reads a sysctl by its /proc name; null when there is no such setting. */
    public Integer get(String name) {
        return switch (name) {
            case "arp_accept" -> arpAccept;
            case "arp_announce" -> arpAnnounce;
            case "arp_filter" -> arpFilter;
            case "arp_ignore" -> arpIgnore;
            case "arp_notify" -> arpNotify;
            case "arp_evict_nocarrier" -> arpEvictNocarrier;
            case "drop_gratuitous_arp" -> dropGratuitousArp;
            case "proxy_arp" -> proxyArp;
            case "forwarding" -> forwarding;
            case "rp_filter" -> rpFilter;
            case "accept_local" -> acceptLocal;
            case "route_localnet" -> routeLocalnet;
            case "accept_redirects" -> acceptRedirects;
            case "send_redirects" -> sendRedirects;
            case "secure_redirects" -> secureRedirects;
            case "shared_media" -> sharedMedia;
            default -> null;
        };
    }

    private static int range(String name, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException("sysctl '" + name + "' must be " + lo + ".." + hi + ", not " + v);
        }
        return v;
    }
}
