package io.arplab.wire.filter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The name tables libpcap consults: service names (getservbyname), IP protocol names (getprotobyname), Ethernet
 * protocol names (nametoaddr.c's eproto_db) and LLC SAP names. The first two are Debian netbase's, shipped as
 * resources so that a filter means the same on every machine.
 */
final class Names {
    /** {tcp port, udp port}, -1 when the service has none. */
    static final Map<String, int[]> SERVICES = new HashMap<>();
    static final Map<String, Integer> IP_PROTOCOLS = new HashMap<>();
    static final Map<String, Integer> ETHER_PROTOCOLS = Map.ofEntries(
            Map.entry("pup", 0x0200), Map.entry("xns", 0x0600), Map.entry("ip", 0x0800), Map.entry("ip6", 0x86dd),
            Map.entry("arp", 0x0806), Map.entry("rarp", 0x8035), Map.entry("sprite", 0x0500),
            Map.entry("mopdl", 0x6001), Map.entry("moprc", 0x6002), Map.entry("decnet", 0x6003),
            Map.entry("lat", 0x6004), Map.entry("sca", 0x6007), Map.entry("lanbridge", 0x8038),
            Map.entry("vexp", 0x805b), Map.entry("vprod", 0x805c), Map.entry("atalk", 0x809b),
            Map.entry("atalkarp", 0x80f3), Map.entry("loopback", 0x9000), Map.entry("decdts", 0x803e),
            Map.entry("decdns", 0x803c));
    static final Map<String, Integer> LLC_SAPS = Map.of("iso", 0xfe, "stp", 0x42, "ipx", 0xe0, "netbeui", 0xf0);

    static {
        load("services.txt", f -> SERVICES.put(f[0], new int[] {Integer.parseInt(f[1]), Integer.parseInt(f[2])}));
        load("protocols.txt", f -> IP_PROTOCOLS.putIfAbsent(f[0], Integer.parseInt(f[1])));
    }

    private Names() {}

    private interface Line {
        void accept(String[] fields);
    }

    private static void load(String resource, Line sink) {
        try (InputStream in = Names.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    sink.accept(line.trim().split("\\s+"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
