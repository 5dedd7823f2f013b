package io.arplab.flow;

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
     * hex or inherit, a dst_port other than the default, csum, a GRE port's seq, df_default false, egress_pkt_mark),
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

    /** set_tunnel_config()'s egress_pkt_mark (strtoul(), base 10, kept in 32 bits), or null when not set. */
    static Long egressPktMark(Map<String, String> options) {
        String v = options.get("egress_pkt_mark");
        return v == null ? null : io.arplab.wire.libc.CStrtol.scan(v, 10).asUnsignedLong() & 0xffffffffL;
    }
}
