package io.arplab.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The long help texts of tools whose help is a page of prose (sysctl, timeout, traceroute, ovs-*), kept as the real
 * tools print them in {@code io/arplab/tools/usage/TOOL.txt} (from refdata/local/usage/record.sh).
 */
public final class Usage {
    private Usage() {}

    /** The help text of {@code tool}, byte for byte. */
    public static String of(String tool) {
        try (InputStream in = Usage.class.getResourceAsStream("usage/" + tool + ".txt")) {
            if (in == null) {
                throw new IllegalStateException("no usage text for " + tool);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
