package io.arplab.wire.libc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * glibc's getprotobyname()/getprotobynumber() and getservbyname() over Debian 12's /etc/protocols and /etc/services
 * (netbase 6.4; the registry's names and numbers, comments dropped: resources protocols and services): the first
 * entry of a number names it, and a name or alias finds its entry.
 */
public final class NetDb {
    private static final Map<String, Integer> PROTOCOL_BY_NAME = new HashMap<>();
    private static final Map<Integer, String> PROTOCOL_BY_NUMBER = new HashMap<>();
    private static final Map<String, Integer> SERVICE_BY_NAME = new HashMap<>();
    private static final Map<String, Integer> SERVICE_BY_NAME_PROTO = new HashMap<>();
    private static final Map<String, String> SERVICE_BY_PORT_PROTO = new HashMap<>();

    static {
        read("protocols", w -> {
            int n = Integer.parseInt(w[1]);
            PROTOCOL_BY_NUMBER.putIfAbsent(n, w[0]);
            for (int i = 0; i < w.length; i++) {
                if (i != 1) {
                    PROTOCOL_BY_NAME.putIfAbsent(w[i], n);
                }
            }
        });
        read("services", w -> {
            int port = Integer.parseInt(w[1].substring(0, w[1].indexOf('/')));
            String proto = w[1].substring(w[1].indexOf('/') + 1);
            SERVICE_BY_PORT_PROTO.putIfAbsent(port + "/" + proto, w[0]);
            for (int i = 0; i < w.length; i++) {
                if (i != 1) {
                    SERVICE_BY_NAME.putIfAbsent(w[i], port);
                    SERVICE_BY_NAME_PROTO.putIfAbsent(w[i] + "/" + proto, port);
                }
            }
        });
    }

    private NetDb() {}

    private static void read(String name, java.util.function.Consumer<String[]> entry) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                NetDb.class.getResourceAsStream(name), StandardCharsets.US_ASCII))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) {
                    entry.accept(line.trim().split("\\s+"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** getprotobyname(): the protocol's number, or -1. */
    public static int protocolNumber(String name) {
        return PROTOCOL_BY_NAME.getOrDefault(name, -1);
    }

    /** getprotobynumber(): the protocol's official name, or null. */
    public static String protocolName(int number) {
        return PROTOCOL_BY_NUMBER.get(number);
    }

    /** getservbyname() for any protocol (getaddrinfo() without a socket type): the port, or -1. */
    public static int servicePort(String name) {
        return SERVICE_BY_NAME.getOrDefault(name, -1);
    }

    /** getservbyname(name, proto): the port, or -1. */
    public static int servicePort(String name, String proto) {
        return SERVICE_BY_NAME_PROTO.getOrDefault(name + "/" + proto, -1);
    }

    /** getservbyport(port, proto): the service's official name, or null. */
    public static String serviceName(int port, String proto) {
        return SERVICE_BY_PORT_PROTO.get(port + "/" + proto);
    }
}
