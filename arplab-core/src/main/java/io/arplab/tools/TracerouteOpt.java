package io.arplab.tools;

import io.arplab.wire.libc.CStrtod;

/** traceroute 2.1.2's option table (traceroute.c's CLIF_option list): short and long names, argument names. */
enum TracerouteOpt {
    FOUR('4', null, null), SIX('6', null, null), DEBUG('d', "debug", null), DONTFRAG('F', "dont-fragment", null),
    FIRST('f', "first", "first_ttl"), GATEWAY('g', "gateway", "gate"), ICMP('I', "icmp", null),
    TCP('T', "tcp", null), IFACE('i', "interface", "device"), MAXHOPS('m', "max-hops", "max_ttl"),
    SIM('N', "sim-queries", "squeries"), NUMERIC('n', null, null), PORT('p', "port", "port"),
    TOS('t', "tos", "tos"), FLOW('l', "flowlabel", "flow_label"), WAIT('w', "wait", "MAX,HERE,NEAR"),
    QUERIES('q', "queries", "nqueries"), NOROUTE('r', null, null), SOURCE('s', "source", "src_addr"),
    SENDWAIT('z', "sendwait", "sendwait"), EXT('e', "extensions", null), AS('A', "as-path-lookups", null),
    MODULE('M', "module", "name"), OPTIONS('O', "options", "OPTS"), SPORT('\0', "sport", "num"),
    FWMARK('\0', "fwmark", "num"), UDP('U', "udp", null), DCCP('D', "dccp", null), RAW('P', "protocol", "prot"),
    MTU('\0', "mtu", null), BACK('\0', "back", null), VERSION('V', "version", null), HELP('\0', "help", null);

    final char shortName;
    final String longName;
    final String argName;

    TracerouteOpt(char shortName, String longName, String argName) {
        this.shortName = shortName;
        this.longName = longName;
        this.argName = argName;
    }

    static TracerouteOpt byShort(char c) {
        for (TracerouteOpt o : values()) {
            if (o.shortName == c && c != '\0') {
                return o;
            }
        }
        return null;
    }

    static TracerouteOpt byLong(String s) {
        for (TracerouteOpt o : values()) {
            if (s.equals(o.longName)) {
                return o;
            }
        }
        return null;
    }

    /**
     * set_wait_specs(): -w MAX[,HERE[,NEAR]], each strtod()'s, the one character after a number skipped whatever it
     * is; the factors not given become 0 (off). {MAX, HERE, NEAR}, or null for CLIF's "cannot handle".
     */
    static double[] waitSpecs(String arg) {
        double[] w = new double[3];
        int q = 0;
        for (int i = 0; i < 3; i++) {
            CStrtod n = CStrtod.scan(arg.substring(q));
            if (n.end() == 0) {
                return null;
            }
            w[i] = n.value();
            q += n.end();
            if (q++ == arg.length()) {
                return w;
            }
        }
        return null; // something after NEAR
    }
}
