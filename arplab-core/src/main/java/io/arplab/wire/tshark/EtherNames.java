package io.arplab.wire.tshark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The MAC names TShark shows with its default name resolution: eth_addr_resolve() of epan/addr_resolv.c over
 * Wireshark 4.0.17's whole {@code manuf} and {@code wka} files (manuf.gz, made by make-manuf.sh). The whole list
 * is carried, not the OUIs some lab happens to use: any IEEE-assigned prefix prints as {@code Vendor_xx:xx:xx},
 * so a partial table would print wrong names for every address outside it.
 */
final class EtherNames {
    /** Full addresses (mask 48): add_eth_name(). */
    private final Map<Long, String> exact = new HashMap<>();
    /** Ranges (any other mask), keyed by the masked address: the well-known-address table. */
    private final Map<Long, String> ranges = new HashMap<>();
    /** Manufacturer IDs (three bytes, no mask): manuf_hash_new_entry(). */
    private final Map<Integer, String> manuf = new HashMap<>();
    /** Their long names (the manuf file's third column). */
    private final Map<Integer, String> longNames = new HashMap<>();
    private final Map<Long, String> cache = new HashMap<>();

    private static EtherNames instance;

    static synchronized EtherNames get() {
        if (instance == null) {
            instance = new EtherNames();
        }
        return instance;
    }

    private EtherNames() {
        try (InputStream raw = EtherNames.class.getResourceAsStream("manuf.gz")) {
            if (raw == null) {
                throw new IllegalStateException("io/arplab/wire/tshark/manuf.gz missing");
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw),
                    StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split("\t", 3);
                if (f.length >= 2) {
                    add(f[0], f[1], f.length == 3 ? f[2] : null);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** parse_ether_address() then add_manuf_name(): 3 bytes alone are a manufacturer, 6 alone an address. */
    private void add(String text, String name, String longName) {
        int slash = text.indexOf('/');
        String bytes = slash < 0 ? text : text.substring(0, slash);
        String[] parts = bytes.split("[:.-]");
        if (parts.length < 3 || parts.length > 6) {
            return;
        }
        long addr = 0;
        for (int i = 0; i < 6; i++) {
            addr = (addr << 8) | (i < parts.length ? Integer.parseInt(parts[i], 16) : 0);
        }
        int mask = slash < 0 ? (parts.length == 3 ? 0 : parts.length == 6 ? 48 : -1) : Integer.parseInt(
                text.substring(slash + 1));
        if (mask < 0) {
            return;
        }
        if (mask == 0) {
            // manuf_hash_new_entry(): without a long name the short one stands for it
            manuf.put((int) (addr >>> 24), name);
            longNames.put((int) (addr >>> 24), longName != null ? longName : name);
        } else if (mask == 48) {
            exact.put(addr, name);
        } else {
            ranges.put(masked(addr, mask), name);
        }
    }

    private static long masked(long addr, int bits) {
        return bits == 0 ? 0 : addr & (0xffff_ffff_ffffL << (48 - bits)) & 0xffff_ffff_ffffL;
    }

    /** A BASE_OUI field's text: the manufacturer's long name, or "Unknown". */
    synchronized String manufacturer(int oui) {
        String n = longNames.get(oui);
        return n == null ? "Unknown" : n;
    }

    /** get_manuf_name_if_known(): whether the manuf file names the OUI (its 3 bytes as they are). */
    synchronized boolean manufKnown(int oui) {
        return manuf.containsKey(oui);
    }

    /** The name of a 6-byte address as the Source/Destination columns show it. */
    synchronized String name(long addr) {
        return cache.computeIfAbsent(addr, this::resolve);
    }

    String name(byte[] b, int off) {
        long a = 0;
        for (int i = 0; i < 6; i++) {
            a = (a << 8) | (b[off + i] & 0xff);
        }
        return name(a);
    }

    /** eth_addr_resolve(): exact name, then ranges of 5, 4 and 3 whole bytes, the OUI, then shorter ranges. */
    private String resolve(long addr) {
        String n = exact.get(addr);
        if (n != null) {
            return n;
        }
        for (int whole = 5; whole >= 3; whole--) {
            String r = range(addr, whole, 0);
            if (r != null) {
                return r;
            }
        }
        int oui = (int) (addr >>> 24);
        n = manuf.get(oui);
        if (n == null && (oui & 0x010000) != 0) {
            n = manuf.get(oui & 0xfeffff);
        }
        if (n != null) {
            return n + "_" + hex(addr, 3);
        }
        for (int whole = 2; whole >= 0; whole--) {
            String r = range(addr, whole, whole == 0 ? 1 : 0);
            if (r != null) {
                return r;
            }
        }
        return Names.mac(addr);
    }

    /** One loop of eth_addr_resolve(): masks whole*8+7 down to whole*8+lowest, printing the bytes after. */
    private String range(long addr, int whole, int lowest) {
        for (int k = 7; k >= lowest; k--) {
            String n = ranges.get(masked(addr, whole * 8 + k));
            if (n != null) {
                StringBuilder sb = new StringBuilder(n).append('_');
                int first = (int) (addr >>> (8 * (5 - whole))) & 0xff & (0xff >> k);
                Names.hex2(sb, first);
                for (int i = whole + 1; i < 6; i++) {
                    sb.append(':');
                    Names.hex2(sb, (int) (addr >>> (8 * (5 - i))) & 0xff);
                }
                return sb.toString();
            }
        }
        return null;
    }

    private static String hex(long addr, int from) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < 6; i++) {
            if (i > from) {
                sb.append(':');
            }
            Names.hex2(sb, (int) (addr >>> (8 * (5 - i))) & 0xff);
        }
        return sb.toString();
    }
}
