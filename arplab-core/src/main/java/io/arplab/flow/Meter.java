package io.arplab.flow;

import java.util.ArrayList;
import java.util.List;

/**
 * An OpenFlow meter (ofproto's struct meter) and the userspace datapath's meter it is installed as (dpif-netdev's
 * struct dp_meter: token buckets per band, run per packet by dp_netdev_run_meter() in milliseconds of the
 * datapath's clock). Parsed as lib/ofp-meter.c parse_ofp_meter_mod_str__() does, printed as
 * ofputil_format_meter_config() and ofputil_format_meter_stats() do.
 */
public final class Meter {
    public static final long ALL = 0xffffffffL;
    static final long MAX = 0xffff0000L, SLOWPATH = 0xfffffffdL, CONTROLLER = 0xfffffffeL;
    /** The userspace datapath's max_bands (dpif_netdev_meter_get_features()). */
    static final int MAX_BANDS = 8;
    static final int KBPS = 1, PKTPS = 2, BURST = 4, STATS = 8;
    static final int DROP = 1, DSCP_REMARK = 2;

    public enum Command { ADD, MODIFY, DELETE }

    /** A band as configured; {@code bucket} its tokens (1/1000 packets, or bits), {@code packets}/{@code bytes} fired. */
    public static final class Band {
        final int type;
        long rate, burstSize;
        final int precLevel;
        long bucket, packets, bytes;

        Band(int type, long rate, long burstSize, int precLevel) {
            this.type = type;
            this.rate = rate;
            this.burstSize = burstSize;
            this.precLevel = precLevel;
        }
    }

    /** A parsed meter_mod. */
    public record Mod(Command command, long id, int flags, List<Band> bands) {
        /** ofputil_format_meter_mod()'s meter. */
        public String format() {
            return Meter.format(id, flags, bands);
        }

        /** ofputil_decode_meter_mod(): an add or modify of both kbps and pktps is OFPMMFC_BAD_FLAGS, else null. */
        public String decodeError() {
            return command != Command.DELETE && (flags & KBPS) != 0 && (flags & PKTPS) != 0 ? "OFPMMFC_BAD_FLAGS"
                    : null;
        }

        /** The message hex-dumped as ofp_print() shows one it cannot decode (ovs_hex_dump()). */
        public String hexDump(OfVersion v, int xid) {
            return OfpEncode.hexDump(wire(v, xid), true);
        }

        /** ofputil_encode_meter_mod() in OpenFlow 1.3+: ofp13_meter_mod, then each ofp13_meter_band_*. */
        byte[] wire(OfVersion v, int xid) {
            boolean bands = command != Command.DELETE;
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16 + (bands ? 16 * this.bands.size() : 0));
            b.put((byte) v.wire).put((byte) 29).putShort((short) b.capacity()).putInt(xid); // OFPT_METER_MOD
            b.putShort((short) command.ordinal()).putShort((short) (bands ? flags : 0)).putInt((int) id);
            for (Band band : bands ? this.bands : List.<Band>of()) {
                b.putShort((short) band.type).putShort((short) 16).putInt((int) band.rate)
                        .putInt((int) band.burstSize).put((byte) (band.type == DSCP_REMARK ? band.precLevel : 0))
                        .put(new byte[3]);
            }
            return b.array();
        }
    }

    public final long id;
    final int flags;
    final List<Band> bands;
    final long created;
    /** The datapath's meter id (ofproto-dpif meter_set(): the lowest free one). */
    final int providerId;
    private long usedUs;
    private long maxDeltaMs;
    long packetsIn, bytesIn;

    Meter(Mod m, int providerId, long now) {
        this.id = m.id();
        this.flags = m.flags();
        this.bands = new ArrayList<>();
        this.created = now;
        this.providerId = providerId;
        // dpif_netdev_meter_set(): burst defaults to the rate, buckets start full
        this.usedUs = now / 1000;
        for (Band b : m.bands()) {
            Band d = new Band(b.type, b.rate, b.burstSize, b.precLevel);
            bands.add(d);
            long burst = d.burstSize == 0 ? d.rate : d.burstSize;
            d.bucket = burst * 1000;
            maxDeltaMs = Math.max(maxDeltaMs, d.bucket / d.rate);
        }
    }

    private long burst(Band b) {
        return b.burstSize == 0 ? b.rate : b.burstSize;
    }

    /**
     * dp_netdev_run_meter() for a batch of one packet of {@code length} bytes at {@code now} (ns): refills each
     * band's bucket for the milliseconds since the last packet, takes the packet's volume; true when a band fires
     * (the packet is dropped).
     */
    boolean run(long now, int length) {
        long nowUs = now / 1000;
        long delta = Math.max(0, nowUs / 1000 - usedUs / 1000);
        delta = Math.min(delta, maxDeltaMs);
        usedUs = nowUs;
        packetsIn++;
        bytesIn += length;
        long volume = (flags & PKTPS) != 0 ? 1000 : length * 8L;
        Band fired = null;
        for (Band b : bands) {
            b.bucket = Math.min(b.bucket + delta * b.rate, burst(b) * 1000);
            if (b.bucket >= volume) {
                b.bucket -= volume;
            } else {
                if ((flags & PKTPS) != 0) {
                    b.bucket %= 1000;
                }
                if (fired == null || b.rate > fired.rate) {
                    fired = b;
                }
            }
        }
        if (fired != null) {
            fired.packets++;
            fired.bytes += length;
            return true;
        }
        return false;
    }

    /** ofputil_format_meter_config(), with its trailing newline. */
    public String config() {
        return format(id, flags, bands) + "\n";
    }

    static String format(long id, int flags, List<Band> bands) {
        StringBuilder s = new StringBuilder(id(id, '=')).append(' ');
        if ((flags & KBPS) != 0) {
            s.append("kbps ");
        }
        if ((flags & PKTPS) != 0) {
            s.append("pktps ");
        }
        if ((flags & BURST) != 0) {
            s.append("burst ");
        }
        if ((flags & STATS) != 0) {
            s.append("stats ");
        }
        int other = flags & ~(KBPS | PKTPS | BURST | STATS);
        if (other != 0) {
            s.append(String.format("flags:0x%x ", other));
        }
        s.append("bands=");
        for (Band b : bands) {
            s.append("\ntype=").append(b.type == DROP ? "drop" : b.type == DSCP_REMARK ? "dscp_remark" : b.type);
            s.append(" rate=").append(b.rate);
            if ((flags & BURST) != 0) {
                s.append(" burst_size=").append(b.burstSize);
            }
            if (b.type == DSCP_REMARK) {
                s.append(" prec_level=").append(b.precLevel);
            }
        }
        return s.toString();
    }

    /** ofputil_format_meter_stats(), with its trailing newline; {@code flows} the rules that use the meter. */
    public String stats(long now, int flows) {
        StringBuilder s = new StringBuilder(id(id, ':')).append(" flow_count:").append(flows)
                .append(" packet_in_count:").append(packetsIn).append(" byte_in_count:").append(bytesIn)
                .append(" duration:").append(FlowStatsFormat.duration(now - created)).append(" bands:\n");
        for (int i = 0; i < bands.size(); i++) {
            s.append(i).append(": packet_count:").append(bands.get(i).packets).append(" byte_count:")
                    .append(bands.get(i).bytes).append('\n');
        }
        return s.toString();
    }

    // ofputil_format_meter_id()
    static String id(long id, char sep) {
        String name = id <= MAX ? Long.toString(id) : id == 0xfffffffdL ? "slowpath"
                : id == 0xfffffffeL ? "controller" : id == ALL ? "all" : "unknown";
        return "meter" + sep + name;
    }

    /** parse_ofp_meter_mod_str__(): {@code command} null for a request (dump-meters, meter-stats: meter= only). */
    public static Mod parse(String text, Command command) {
        boolean full = command == Command.ADD || command == Command.MODIFY;
        String head = text;
        String bandText = null;
        if (full) {
            int band = text.indexOf("band");
            if (band < 0) {
                throw new FlowParseException("must specify bands");
            }
            int eq = text.indexOf('=', band + 1);
            if (eq < 0) {
                throw new FlowParseException("must specify bands");
            }
            head = text.substring(0, band);
            bandText = text.substring(eq + 1);
        }
        long id = 0;
        int flags = 0;
        Tokens t = new Tokens(head);
        for (String name = t.next("=, \t\r\n"); name != null; name = t.next("=, \t\r\n")) {
            if (full && name.equals("kbps")) {
                flags |= KBPS;
            } else if (full && name.equals("pktps")) {
                flags |= PKTPS;
            } else if (full && name.equals("burst")) {
                flags |= BURST;
            } else if (full && name.equals("stats")) {
                flags |= STATS;
            } else {
                String value = t.next(", \t\r\n");
                if (value == null) {
                    throw new FlowParseException("field " + name + " missing value");
                }
                if (!name.equals("meter")) {
                    throw new FlowParseException("unknown keyword " + name);
                }
                id = switch (value) {
                    case "all" -> ALL;
                    case "controller" -> 0xfffffffeL;
                    case "slowpath" -> 0xfffffffdL;
                    default -> {
                        long v = ActionParser.u32(value);
                        if (v > MAX || v == 0) {
                            throw new FlowParseException("invalid value for " + name);
                        }
                        yield v;
                    }
                };
            }
        }
        if (command != null && id == 0) {
            throw new FlowParseException("must specify 'meter'");
        }
        if (full && flags == 0) {
            throw new FlowParseException("meter must specify either 'kbps' or 'pktps'");
        }
        List<Band> bands = new ArrayList<>();
        if (full) {
            long[] rateBurst = null;
            List<long[]> values = new ArrayList<>();
            List<Integer> types = new ArrayList<>();
            Tokens b = new Tokens(bandText);
            for (String name = b.next("=, \t\r\n"); name != null; name = b.next("=, \t\r\n")) {
                String value = b.next(", \t\r\n");
                if (value == null) {
                    throw new FlowParseException("field " + name + " missing value");
                }
                if (name.equals("type")) {
                    int type = switch (value) {
                        case "drop" -> DROP;
                        case "dscp_remark" -> DSCP_REMARK;
                        default -> throw new FlowParseException("field " + name + " unknown value " + value);
                    };
                    rateBurst = new long[3];
                    values.add(rateBurst);
                    types.add(type);
                } else if (rateBurst == null) {
                    throw new FlowParseException("band must start with the 'type' keyword");
                } else if (name.equals("rate")) {
                    rateBurst[0] = ActionParser.u32(value);
                } else if (name.equals("burst_size")) {
                    rateBurst[1] = ActionParser.u32(value);
                } else if (name.equals("prec_level")) {
                    try {
                        rateBurst[2] = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        rateBurst[2] = -1;
                    }
                    if (rateBurst[2] < 0 || rateBurst[2] > 255) {
                        throw new FlowParseException("invalid prec_level \"" + value + "\"");
                    }
                } else {
                    throw new FlowParseException("unknown keyword " + name);
                }
            }
            if (values.isEmpty()) {
                throw new FlowParseException("meter must have bands");
            }
            for (int i = 0; i < values.size(); i++) {
                long[] v = values.get(i);
                int type = types.get(i);
                if (type == DSCP_REMARK && v[2] == 0) {
                    throw new FlowParseException("'dscp_remark' band must have 'prec_level'");
                } else if (type != DSCP_REMARK && v[2] != 0) {
                    throw new FlowParseException("Only 'dscp_remark' band may have 'prec_level'");
                }
                if (v[0] == 0) {
                    throw new FlowParseException("band must have 'rate'");
                }
                if ((flags & BURST) != 0 && v[1] == 0) {
                    throw new FlowParseException("band must have 'burst_size' when 'burst' flag is set");
                } else if ((flags & BURST) == 0 && v[1] != 0) {
                    throw new FlowParseException("band may have 'burst_size' only when 'burst' flag is set");
                }
                bands.add(new Band(type, v[0], v[1], (int) v[2]));
            }
        }
        return new Mod(command, id, flags, bands);
    }

    /** strtok_r() over one string: each call skips leading delimiters and takes up to the next one. */
    private static final class Tokens {
        private final String s;
        private int pos;

        Tokens(String s) {
            this.s = s;
        }

        String next(String delims) {
            while (pos < s.length() && delims.indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
            if (pos >= s.length()) {
                return null;
            }
            int start = pos;
            while (pos < s.length() && delims.indexOf(s.charAt(pos)) < 0) {
                pos++;
            }
            String token = s.substring(start, pos);
            if (pos < s.length()) {
                pos++;
            }
            return token;
        }
    }
}
