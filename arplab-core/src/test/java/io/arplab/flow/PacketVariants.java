package io.arplab.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packets and pipelines of the megaflow soundness checks (MegaflowSoundnessTest, and the lab-level ones of
 * arplab-topo): a campaign's packets with variants that fall inside and just outside the megaflows their
 * predecessors installed, and its flows without what reaches a megaflow's hits only through the revalidator.
 */
public final class PacketVariants {
    /** A frame given in hex, as netdev-dummy/receive takes it. */
    public static final Pattern HEX = Pattern.compile("(?:[0-9a-f]{2})+");
    /** A field's value in an odp packet string: name=value up to the next ',' or ')'. */
    private static final Pattern FIELD = Pattern.compile("(?<=[(,])([a-z_]+)=([^,()]+)");
    private static final int VARIANTS = 6;

    private PacketVariants() {}

    /** The frame of a packet as netdev-dummy/receive takes it: hex, or a datapath flow composed (flow_compose()). */
    public static byte[] frame(String packet) throws FlowParseException {
        return HEX.matcher(packet).matches() ? java.util.HexFormat.of().parseHex(packet)
                : FlowCompose.compose(packet, 0);
    }

    /**
     * The flow with its learn(...) actions taken out (a learn() alone leaves an empty action list: drop), and NORMAL
     * made FLOOD: a megaflow's hits learn MACs when the revalidator pushes their stats (XC_NORMAL), later than an
     * upcall's translation learns them, so NORMAL's choices may differ between the two by design too.
     */
    public static String soundFlow(String flow) {
        StringBuilder b = new StringBuilder(flow);
        for (int at = b.indexOf("learn("); at >= 0; at = b.indexOf("learn(")) {
            int depth = 0, end = at + "learn".length();
            do {
                char c = b.charAt(end++);
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            } while (depth > 0);
            int from = at > 0 && b.charAt(at - 1) == ',' ? at - 1 : at;
            int to = from == at && end < b.length() && b.charAt(end) == ',' ? end + 1 : end;
            b.delete(from, to);
        }
        // NORMAL anywhere (clone(NORMAL), output:NORMAL too): a hit learns only at the revalidators' push
        String s = b.toString().replaceAll("(?<=[=,(:])NORMAL(?=[,)]|$)", "FLOOD");
        // symmetric_l3l4(+udp) of a non-IP flow hashes its L2 headers (flow_hash_symmetric_l2()), which
        // flow_mask_hash_fields() leaves wildcarded: OVS's own megaflows share one result there; symmetric_l4 masks them
        s = s.replaceAll("symmetric_l3l4(\\+udp)?", "symmetric_l4");
        return s.endsWith("actions=") ? s + "drop" : s;
    }

    /**
     * The packets (port, odp flow or hex frame): each one, then {@value #VARIANTS} variants with one field's value
     * taken from another packet (odp), or 1-4 bytes at one place taken from another frame (hex); a quarter of the
     * odp variants come in on another of {@code ports}.
     */
    public static List<String[]> of(List<String[]> packets, List<String> ports, long seed) {
        List<String[]> out = new ArrayList<>();
        for (List<String[]> g : groups(packets, ports, seed)) {
            out.addAll(g);
        }
        return out;
    }

    /** {@link #of}, a list per packet: the packet, then its variants. */
    public static List<List<String[]>> groups(List<String[]> packets, List<String> ports, long seed) {
        Random r = new Random(seed);
        // the values the seed's packets give each field name
        java.util.Map<String, List<String>> values = new java.util.TreeMap<>();
        for (String[] p : packets) {
            Matcher m = FIELD.matcher(p[1]);
            while (m.find()) {
                List<String> l = values.computeIfAbsent(m.group(1), k -> new ArrayList<>());
                if (!l.contains(m.group(2))) {
                    l.add(m.group(2));
                }
            }
        }
        List<List<String[]>> groups = new ArrayList<>();
        for (String[] p : packets) {
            List<String[]> out = new ArrayList<>();
            groups.add(out);
            out.add(p);
            for (int v = 0; v < VARIANTS && HEX.matcher(p[1]).matches(); v++) {
                // a frame in hex: 1-4 bytes at one place taken from another frame of the seed
                String other = packets.get(r.nextInt(packets.size()))[1];
                int len = Math.min(p[1].length(), other.length()) / 2, n = 1 + r.nextInt(4);
                if (!HEX.matcher(other).matches() || len <= n) {
                    continue;
                }
                int at = 2 * r.nextInt(len - n);
                out.add(new String[] {p[0], p[1].substring(0, at) + other.substring(at, at + 2 * n)
                        + p[1].substring(at + 2 * n)});
            }
            for (int v = 0; v < VARIANTS && !HEX.matcher(p[1]).matches(); v++) {
                List<int[]> fields = new ArrayList<>();
                Matcher m = FIELD.matcher(p[1]);
                while (m.find()) {
                    fields.add(new int[] {m.start(2), m.end(2), m.start(1)});
                }
                if (fields.isEmpty()) {
                    continue;
                }
                int[] f = fields.get(r.nextInt(fields.size()));
                String name = p[1].substring(f[2], f[0] - 1);
                List<String> pool = values.get(name);
                String value = pool.get(r.nextInt(pool.size()));
                String port = r.nextInt(4) == 0 ? ports.get(r.nextInt(ports.size())) : p[0];
                out.add(new String[] {port, p[1].substring(0, f[0]) + value + p[1].substring(f[1])});
            }
        }
        return groups;
    }

}
