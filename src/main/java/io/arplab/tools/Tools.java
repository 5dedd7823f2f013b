package io.arplab.tools;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The commands a node knows, by name. */
public final class Tools {
    private Tools() {}

    public static Map<String, Supplier<Tool>> standard() {
        Map<String, Supplier<Tool>> m = new LinkedHashMap<>();
        m.put("ping", Ping::new);
        m.put("arping", Arping::new);
        m.put("traceroute", Traceroute::new);
        return m;
    }
}
