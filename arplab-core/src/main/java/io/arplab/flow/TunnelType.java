package io.arplab.flow;

import io.arplab.wire.Ipv6Address;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tunnel netdev-vport classes the userspace datapath tunnels natively (lib/netdev-vport.c's vport_classes):
 * their datapath port names, default UDP ports, the header type tnl_push carries (OVS_VPORT_TYPE_*) and the IP
 * protocol the listening ports match, and the configuration a port's options make (set_tunnel_config(), as
 * get_tunnel_config() gives it back).
 */
enum TunnelType {
    GENEVE("geneve", "genev_sys", 6081, 5, Match.PROTO_UDP),
    VXLAN("vxlan", "vxlan_sys", 4789, 4, Match.PROTO_UDP),
    GRE("gre", "gre_sys", 0, 3, TunnelType.PROTO_GRE);

    static final int PROTO_GRE = 47;
    /** DEFAULT_TTL of lib/netdev-vport.h. */
    static final int DEFAULT_TTL = 64;

    final String name;
    final String dpifPort;
    final int defaultPort;
    final int odpType;
    final int nwProto;

    TunnelType(String name, String dpifPort, int defaultPort, int odpType, int nwProto) {
        this.name = name;
        this.dpifPort = dpifPort;
        this.defaultPort = defaultPort;
        this.odpType = odpType;
        this.nwProto = nwProto;
    }

    /** The class of a port type, or null for a port that is no tunnel. */
    static TunnelType of(String type) {
        for (TunnelType t : values()) {
            if (t.name.equals(type)) {
                return t;
            }
        }
        return null;
    }

    boolean udp() {
        return nwProto == Match.PROTO_UDP;
    }

    /** tnl_cfg.dst_port: options:dst_port, else the class's default (0 for GRE). */
    int dstPort(Map<String, String> options) {
        if (!udp()) {
            return 0;
        }
        String p = options.get("dst_port");
        return p == null || number(p) == 0 ? defaultPort : (int) number(p);
    }

    // parse_key(): "flow", or a number in decimal or hex as the netdev holds it (a bad one: 0)
    private static String key(String k) {
        return k == null || k.equals("flow") ? k : Long.toUnsignedString(number(k));
    }

    /** An option's number as strtoul() reads it (decimal, 0x hex), 0 when it is none. */
    static long number(String v) {
        try {
            return Long.decode(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * tnl_port_add__()'s tnl_match: in_key (in_key_flow for "flow"), the local and remote addresses (ip_src_flow,
     * ip_dst_flow for "flow"), the datapath port, the packet type mode (options:packet_type, legacy_l2 by default).
     */
    String match(Map<String, String> options) {
        String in = key(options.getOrDefault("in_key", options.get("key")));
        return String.join("|", in == null ? "0" : in, options.getOrDefault("local_ip", ""),
                options.getOrDefault("remote_ip", ""), dpifName(options), options.getOrDefault("packet_type",
                "legacy_l2"));
    }

    /** netdev_vport_get_dpif_port(): "genev_sys_6081", "vxlan_sys_4789", "gre_sys". */
    String dpifName(Map<String, String> options) {
        return udp() ? dpifPort + "_" + dstPort(options) : dpifPort;
    }

    /** The datapath port name of a port: its tunnel class's, else its own. */
    static String dpifName(String type, String name, Map<String, String> options) {
        TunnelType t = of(type);
        return t == null ? name : t.dpifName(options);
    }

    /**
     * get_tunnel_config(): the options as the netdev holds them (remote_ip, local_ip, key, ttl other than 64, tos in
     * hex or inherit, a dst_port other than the default, csum, a GRE port's seq, a packet_type other than the
     * default, df_default false, egress_pkt_mark),
     * sorted as dpif/show prints them.
     */
    Map<String, String> config(Map<String, String> options) {
        Map<String, String> c = new TreeMap<>();
        for (String k : new String[] {"remote_ip", "local_ip"}) {
            if (options.containsKey(k)) {
                c.put(k, options.get(k));
            }
        }
        String in = key(options.getOrDefault("in_key", options.get("key")));
        String out = key(options.getOrDefault("out_key", options.get("key")));
        if ("flow".equals(in) && "flow".equals(out)) {
            c.put("key", "flow");
        } else if (in != null && in.equals(out)) {
            c.put("key", in);
        } else {
            if (in != null) {
                c.put("in_key", in);
            }
            if (out != null) {
                c.put("out_key", out);
            }
        }
        String ttl = options.get("ttl");
        if ("inherit".equals(ttl)) {
            c.put("ttl", ttl);
        } else if (ttl != null && number(ttl) != DEFAULT_TTL) {
            c.put("ttl", Long.toString(number(ttl)));
        }
        String tos = options.get("tos");
        if ("inherit".equals(tos)) {
            c.put("tos", tos);
        } else if (tos != null && number(tos) != 0) {
            c.put("tos", "0x" + Long.toHexString(number(tos)));
        }
        if (udp() && dstPort(options) != defaultPort) {
            c.put("dst_port", Integer.toString(dstPort(options)));
        }
        if ("true".equals(options.get("csum"))) {
            c.put("csum", "true");
        }
        String pt = options.get("packet_type"); // default_pt_mode(): legacy_l2 for the classes modelled
        if (pt != null && !pt.equals("legacy_l2")) {
            c.put("packet_type", pt);
        }
        if (this == GRE && "true".equals(options.get("seq"))) { // set_tunnel_config()'s has_seq: a GRE type
            c.put("seq", "true");
        }
        if ("false".equals(options.get("df_default"))) {
            c.put("df_default", "false");
        }
        Long mark = egressPktMark(options);
        if (mark != null) {
            c.put("egress_pkt_mark", Long.toString(mark));
        }
        return c;
    }

    /**
     * tnl_match_map()'s index of a port's match: 6 for key=flow, 3 for remote_ip=flow, then its source (IP_SRC_CFG 0
     * for a local_ip, IP_SRC_ANY 1, IP_SRC_FLOW 2): the order ofproto/list-tunnels walks tnl_match_maps in.
     */
    static int matchMap(Map<String, String> options) {
        String local = options.getOrDefault("local_ip", "");
        return 6 * ("flow".equals(key(options.getOrDefault("in_key", options.get("key")))) ? 1 : 0)
                + 3 * ("flow".equals(options.get("remote_ip")) ? 1 : 0)
                + (local.equals("flow") ? 2 : local.isEmpty() ? 1 : 0);
    }

    /** tnl_port_format(): ofproto/list-tunnels' line of tunnel port {@code name} on datapath port {@code odpPort}. */
    String listLine(String name, int odpPort, Map<String, String> options) {
        StringBuilder s = new StringBuilder("port ").append(odpPort).append(": ").append(name).append(" (")
                .append(this.name).append(": ");
        String local = options.getOrDefault("local_ip", ""), remote = options.getOrDefault("remote_ip", "");
        if (!remote.equals("flow")) { // tnl_match_fmt(): ipv6_format_mapped() of the addresses
            s.append(mapped(local)).append("->").append(mapped(remote));
        } else if (!local.equals("flow")) {
            s.append(mapped(local)).append("->flow");
        } else {
            s.append("flow->flow");
        }
        String in = key(options.getOrDefault("in_key", options.get("key")));
        String out = key(options.getOrDefault("out_key", options.get("key")));
        s.append(", key=").append("flow".equals(in) ? "flow" : hex(in == null ? 0 : Long.parseUnsignedLong(in)));
        s.append(", ").append(options.getOrDefault("packet_type", "legacy_l2")).append(", dp port=").append(odpPort);
        if (!java.util.Objects.equals(in, out)) { // out_key, out_key_present or out_key_flow differ
            s.append(", out_key=").append(out == null ? "none" : out.equals("flow") ? "flow"
                    : hex(Long.parseUnsignedLong(out)));
        }
        String ttl = options.get("ttl");
        s.append("inherit".equals(ttl) ? ", ttl=inherit" : ", ttl=" + (ttl == null ? DEFAULT_TTL : number(ttl)));
        String tos = options.get("tos");
        if ("inherit".equals(tos)) {
            s.append(", tos=inherit");
        } else if (tos != null && number(tos) != 0) {
            s.append(", tos=").append(hex(number(tos)));
        }
        if ("false".equals(options.get("df_default"))) {
            s.append(", df=false");
        }
        if ("true".equals(options.get("csum"))) {
            s.append(", csum=true");
        }
        return s.append(")").toString();
    }

    // printf's %#x: 0 bare, else 0x and the hex digits
    private static String hex(long v) {
        return v == 0 ? "0" : "0x" + Long.toHexString(v);
    }

    // ipv6_format_mapped(): an IPv4 address dotted, an IPv6 one compressed, none "::"
    private static String mapped(String ip) {
        if (ip.isEmpty()) {
            return "::";
        }
        if (ip.indexOf(':') < 0) {
            return ip;
        }
        Ipv6Address a = Ipv6Address.parse(ip);
        return a == null ? "::" : a.toString();
    }

    /** set_tunnel_config()'s egress_pkt_mark (strtoul(), base 10, kept in 32 bits), or null when not set. */
    static Long egressPktMark(Map<String, String> options) {
        String v = options.get("egress_pkt_mark");
        return v == null ? null : io.arplab.wire.libc.CStrtol.scan(v, 10).asUnsignedLong() & 0xffffffffL;
    }
}
