package io.arplab.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * arp-scan 1.10.0's MAC/vendor table (add_mac_vendor() into hsearch()): each line's prefix (its hex digits, upper
 * case, 2 to 12 of them) and vendor, the first entry of a prefix kept; display_packet() looks an address up from its
 * twelve digits down to two. The installed files are Debian 12's (/usr/share/arp-scan/ieee-oui.txt and
 * /etc/arp-scan/mac-vendor.txt, copied by make-arp-scan-vendors.sh); -O and -m name others.
 */
final class ArpScanVendors {
    static final String OUI_FILE = "/usr/share/arp-scan/ieee-oui.txt", MAC_FILE = "/etc/arp-scan/mac-vendor.txt";
    private static final Pattern LINE = Pattern.compile("([^\t]+)\t[\t ]*([^\t\r\n]+)");
    private static final int MAXLINE = 255;
    private static volatile ArpScanVendors installedOui, installedMac, installed;

    private final Map<String, String> vendors = new HashMap<>();
    /** The entries the file added (add_mac_vendor()'s count, duplicates included). */
    int count;

    /** /usr/share/arp-scan/ieee-oui.txt's table, read once. */
    static ArpScanVendors installedOui() {
        if (installedOui == null) {
            installedOui = read("arp-scan-ieee-oui.txt.gz", true);
        }
        return installedOui;
    }

    /** /etc/arp-scan/mac-vendor.txt's table, read once. */
    static ArpScanVendors installedMac() {
        if (installedMac == null) {
            installedMac = read("arp-scan-mac-vendor.txt", false);
        }
        return installedMac;
    }

    /** Both installed files, as main() reads them when neither -O nor -m is given. */
    static ArpScanVendors installed() {
        if (installed == null) {
            installed = of(installedOui(), installedMac());
        }
        return installed;
    }

    private static ArpScanVendors read(String name, boolean gzip) {
        try (InputStream raw = ArpScanVendors.class.getResourceAsStream(name)) {
            if (raw == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            ArpScanVendors v = new ArpScanVendors();
            v.count = v.add(gzip ? new java.util.zip.GZIPInputStream(raw) : raw, w -> { });
            return v;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A file of the user's (-O, -m): its table, bad lines warned of; an unreadable one (a directory) adds none. */
    static ArpScanVendors read(java.nio.file.Path file, Consumer<String> warn) {
        ArpScanVendors v = new ArpScanVendors();
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            v.count = v.add(in, warn);
        } catch (IOException e) {
            v.count = 0;
        }
        return v;
    }

    /** The two files' tables read one after the other: the first file's entry of a prefix wins. */
    static ArpScanVendors of(ArpScanVendors first, ArpScanVendors second) {
        ArpScanVendors v = new ArpScanVendors();
        v.vendors.putAll(first.vendors);
        second.vendors.forEach(v.vendors::putIfAbsent);
        return v;
    }

    /** A table of no entries (a vendor file that does not open). */
    static ArpScanVendors empty() {
        return new ArpScanVendors();
    }

    /** add_mac_vendor(): the lines of one file (fgets() pieces of MAXLINE - 1), its count; a bad line is warned of. */
    int add(InputStream in, Consumer<String> warn) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1));
        int count = 0;
        StringBuilder piece = new StringBuilder();
        int c;
        while ((c = r.read()) >= 0) {
            piece.append((char) c);
            if (c == '\n' || piece.length() == MAXLINE - 1) {
                count += line(piece.toString(), warn);
                piece.setLength(0);
            }
        }
        if (piece.length() > 0) {
            count += line(piece.toString(), warn);
        }
        return count;
    }

    private int line(String line, Consumer<String> warn) {
        char first = line.charAt(0);
        if (first == '#' || first == '\n' || first == '\r') {
            return 0;
        }
        Matcher m = LINE.matcher(line);
        if (!m.find()) {
            warn.accept("WARNING: Could not parse oui: " + line);
            return 0;
        }
        StringBuilder key = new StringBuilder();
        for (char k : m.group(1).toCharArray()) {
            if (Character.digit(k, 16) >= 0 && k < 128) {
                key.append(Character.toUpperCase(k));
            }
        }
        vendors.putIfAbsent(key.toString(), m.group(2)); // hsearch(ENTER) keeps the first
        return 1;
    }

    /** The vendor of {@code mac}: its longest prefix (12 hex digits down to 2) in the table, or null. */
    String find(long mac) {
        String hex = String.format("%012X", mac);
        for (int end = 12; end > 1; end--) {
            String v = vendors.get(hex.substring(0, end));
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
