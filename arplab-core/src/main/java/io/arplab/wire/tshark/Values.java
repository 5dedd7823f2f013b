package io.arplab.wire.tshark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Wireshark 4.0.17's value_strings of a few fields (values.txt, made by make-values.sh from tshark -G values). */
final class Values {
    private static final Map<String, Map<Integer, String>> TABLES = load("values.txt");
    /** decodes.txt: the dissector tables' entries (table, value, dissector) of Wireshark 4.0.17. */
    private static final Map<String, Map<Integer, String>> DECODES = load("decodes.txt");

    private Values() {}

    private static Map<String, Map<Integer, String>> load(String file) {
        Map<String, Map<Integer, String>> tables = new HashMap<>();
        try (InputStream raw = Values.class.getResourceAsStream(file)) {
            if (raw == null) {
                throw new IllegalStateException("io/arplab/wire/tshark/" + file + " missing");
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split("\t", 3);
                if (f.length == 3) {
                    // mpls.label's MPLS_LABEL_INVALID is 2^32 - 1: read as a long, kept as its int bits
                    int v = f[1].startsWith("0x") ? Integer.parseInt(f[1].substring(2), 16)
                            : (int) Long.parseLong(f[1]);
                    tables.computeIfAbsent(f[0], k -> new HashMap<>()).putIfAbsent(v, f[2]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tables;
    }

    /** try_val_to_str(): the text, or null. */
    static String of(String field, int value) {
        Map<Integer, String> t = TABLES.get(field);
        return t == null ? null : t.get(value);
    }

    /** The dissector Wireshark registers in {@code table} for {@code value}, or null. */
    static String dissector(String table, int value) {
        Map<Integer, String> t = DECODES.get(table);
        return t == null ? null : t.get(value);
    }

    /** Throws {@link Unsupported} when Wireshark has a dissector for the value (this package then has none). */
    static void unsupported(String table, int value) {
        String d = dissector(table, value);
        if (d != null) {
            throw new Unsupported(table + " " + value + " (" + d + ")");
        }
    }

    /** etype_vals. */
    static String etype(int type) {
        return of("eth.type", type);
    }

    /** ipprotostr(): ipproto_val's text or "Unknown". */
    static String ipProto(int proto) {
        String s = of("ip.proto", proto);
        return s == null ? "Unknown" : s;
    }
}
