package io.arplab.topo;

import io.arplab.lab.Cidr;
import io.arplab.topo.Yaml.Entry;
import io.arplab.topo.Yaml.Kind;
import io.arplab.topo.Yaml.ListNode;
import io.arplab.topo.Yaml.MapNode;
import io.arplab.topo.Yaml.Node;
import io.arplab.topo.Yaml.Scalar;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.util.Collection;
import java.util.List;

/** Typed reads of YAML nodes that fail with one located line saying what was expected. */
final class Fields {
    private Fields() {}

    static TopologyException error(Node at, String problem) {
        return new TopologyException(at.where(), problem);
    }

    static MapNode map(Node n, String what) {
        if (n instanceof MapNode m) {
            return m;
        }
        throw error(n, "expected a map of " + what + ", found " + n.describe());
    }

    /** A map, or an empty map for a key written without a value ({@code node1:}). */
    static MapNode mapOrEmpty(Node n, String what) {
        if (n instanceof Scalar s && s.isNull()) {
            return new MapNode(java.util.Map.of(), n.where());
        }
        return map(n, what);
    }

    static ListNode list(Node n, String what) {
        if (n instanceof ListNode l) {
            return l;
        }
        throw error(n, "expected a list of " + what + ", found " + n.describe());
    }

    static Scalar scalar(Node n, String what) {
        if (n instanceof Scalar s && !s.isNull()) {
            return s;
        }
        throw error(n, "expected " + what + ", found " + n.describe());
    }

    static String string(Node n, String what) {
        return scalar(n, what).text();
    }

    static long integer(Node n, String what) {
        Scalar s = scalar(n, what);
        String t = s.text().trim();
        try {
            return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            throw error(n, "expected " + what + ", found " + s.describe());
        }
    }

    static boolean bool(Node n, String what) {
        Scalar s = scalar(n, what);
        if (s.kind() == Kind.BOOL || s.kind() == Kind.STRING) {
            String t = s.text().toLowerCase(java.util.Locale.ROOT);
            if (t.equals("true") || t.equals("yes") || t.equals("on")) {
                return true;
            }
            if (t.equals("false") || t.equals("no") || t.equals("off")) {
                return false;
            }
        }
        throw error(n, "expected " + what + " (true or false), found " + s.describe());
    }

    static Ipv4Address address(Node n, String what) {
        Scalar s = scalar(n, what + " (an IPv4 address like 172.28.0.11)");
        Ipv4Address a = Ipv4Address.tryParse(s.text().trim());
        if (a == null) {
            throw error(n, "'" + s.text() + "' is not a valid " + what + ": expected an IPv4 address like 172.28.0.11");
        }
        return a;
    }

    /** A prefix such as 172.28.0.0/16; host bits must be zero, as {@code docker network create --subnet} wants. */
    static Cidr subnet(Node n, String what) {
        Scalar s = scalar(n, what + " (an IPv4 prefix like 172.28.0.0/16)");
        Cidr c = prefix(s, what);
        if (c.prefixLength() == 0) {
            // its prefix route would be the default route the hosts also get
            throw error(n, what + " '" + s.text() + "' is every address: a network needs a prefix like 172.28.0.0/16");
        }
        if (!c.address().equals(c.network())) {
            throw error(n, what + " '" + s.text() + "' has host bits set (did you mean '" + c.network() + "/"
                    + c.prefixLength() + "'?)");
        }
        return c;
    }

    /** A prefix, host bits allowed (route destinations are masked, as ip route does); "default" is 0.0.0.0/0. */
    static Cidr prefix(Scalar s, String what) {
        String t = s.text().trim();
        if (t.equals("default") || t.equals("0/0")) {
            return new Cidr(Ipv4Address.ANY, 0);
        }
        int slash = t.indexOf('/');
        Ipv4Address a = Ipv4Address.tryParse(slash < 0 ? t : t.substring(0, slash));
        int len = -1;
        if (slash >= 0) {
            try {
                len = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                len = -1;
            }
        }
        if (a == null || len < 0 || len > 32) {
            throw error(s, "'" + s.text() + "' is not a valid " + what + ": expected an IPv4 prefix like 172.28.0.0/16");
        }
        return new Cidr(a, len);
    }

    static MacAddress mac(Node n, String what) {
        Scalar s = scalar(n, what + " (like 02:42:ac:1c:00:0b)");
        String t = s.text().trim();
        if (!t.matches("\\p{XDigit}{1,2}(:\\p{XDigit}{1,2}){5}") && !t.matches("\\p{XDigit}{1,2}(-\\p{XDigit}{1,2}){5}")) {
            throw error(n, "'" + s.text() + "' is not a valid " + what + ": expected six hex octets like 02:42:ac:1c:00:0b");
        }
        MacAddress m = MacAddress.parse(t);
        if (m.isMulticast() || m.isZero()) {
            throw error(n, "'" + t + "' cannot be the " + what + ": it is " + (m.isZero() ? "zero" : "a multicast address")
                    + "; a device's MAC must be unicast (first octet even) and not zero");
        }
        return m;
    }

    /** A device name as Linux accepts it (dev_valid_name): 1..15 characters, no '/', ':' or blank. */
    static String ifname(Node n, String what) {
        String t = string(n, what);
        if (!validIfname(t)) {
            throw error(n, "'" + t + "' is not a valid " + what + ": 1 to 15 characters, no '/', ':' or spaces");
        }
        return t;
    }

    static boolean validIfname(String t) {
        return !t.isEmpty() && t.length() <= 15 && !t.equals(".") && !t.equals("..")
                && t.chars().noneMatch(c -> c == '/' || c == ':' || Character.isWhitespace(c));
    }

    /** A node name as the lab accepts it: letters, digits, '.', '_' and '-'. */
    static String nodeName(Scalar key, String what) {
        String t = key.text();
        if (!t.matches("[A-Za-z0-9_.-]+")) {
            throw error(key, "'" + t + "' is not a valid " + what + ": letters, digits, '.', '_' and '-' only");
        }
        return t;
    }

    /** Refuses the first key (in file order) not in {@code known}, suggesting the nearest known one. */
    static void checkKeys(MapNode m, String context, Collection<String> known) {
        for (Entry e : m.entries().values()) {
            if (!known.contains(e.key().text())) {
                throw error(e.key(), "unknown key '" + e.key().text() + "' " + context + Suggest.didYouMean(e.key().text(), known));
            }
        }
    }

    static void require(MapNode m, String key, String context) {
        if (!m.has(key)) {
            throw error(m, "missing '" + key + "' " + context);
        }
    }

    /** "interface 2 of host 'node1'" style ordinal (1-based for people). */
    static String nth(int index) {
        return Integer.toString(index + 1);
    }

    static List<String> strings(Node n, String what) {
        if (n instanceof Scalar s && !s.isNull()) {
            return List.of(s.text());
        }
        ListNode l = list(n, what);
        return l.items().stream().map(i -> string(i, what)).toList();
    }
}
