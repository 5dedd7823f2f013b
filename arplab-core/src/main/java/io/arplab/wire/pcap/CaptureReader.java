package io.arplab.wire.pcap;

import io.arplab.wire.Bytes;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A capture file being read, classic pcap or pcapng, told apart by the magic number as libpcap's
 * pcap_fopen_offline() does. Records come one by one, so that the good records before damage are delivered before the
 * {@link PcapFormatException} that names the damage.
 */
public interface CaptureReader extends Closeable {
    /** Opens {@code file}; the name in messages is the path as given. */
    static CaptureReader open(Path file) {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new PcapFormatException(name, "error reading dump file: Is a directory");
        }
        InputStream in;
        try {
            in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        } catch (NoSuchFileException e) {
            throw PcapFormatException.cannotOpen(name, "No such file or directory");
        } catch (AccessDeniedException e) {
            throw PcapFormatException.cannotOpen(name, "Permission denied");
        } catch (IOException e) {
            throw PcapFormatException.cannotOpen(name, String.valueOf(e.getMessage()));
        }
        try {
            return open(name, in);
        } catch (RuntimeException e) {
            try {
                in.close();
            } catch (IOException ignored) {
                // the format fault is the one worth reporting
            }
            throw e;
        }
    }

    /** Reads the file header from {@code in} and returns the reader for its format. */
    static CaptureReader open(String name, InputStream in) {
        CaptureInput input = new CaptureInput(name, in, 0);
        byte[] magic = new byte[4];
        int n = input.read(magic, 0, 4);
        if (n < 4) {
            throw new PcapFormatException(name, "truncated dump file; tried to read 4 file header bytes, only got " + n);
        }
        int le = Bytes.i32le(magic, 0);
        if (PcapReader.isMagic(le) || PcapReader.isMagic(Integer.reverseBytes(le))) {
            return new PcapReader(input, magic);
        }
        if (le == PcapngReader.BT_SHB) {
            CaptureReader ng = PcapngReader.tryOpen(input);
            if (ng != null) {
                return ng;
            }
        }
        throw new PcapFormatException(name, "unknown file format");
    }

    /** Every record of a file (for tests and small captures). */
    static List<PcapRecord> readAll(Path file) {
        try (CaptureReader r = open(file)) {
            List<PcapRecord> out = new ArrayList<>();
            for (PcapRecord rec; (rec = r.next()) != null; ) {
                out.add(rec);
            }
            return out;
        }
    }

    /** The next record, or null at the clean end of the file. */
    PcapRecord next();

    /** LINKTYPE_ value of the file (of the first interface, for pcapng). */
    int linkType();

    /** The snapshot length as libpcap reports it (0, or past INT_MAX, becomes the link type's maximum). */
    int snaplen();

    /** The name given when opening, used in messages. */
    String name();

    /** "pcap" or "pcapng". */
    String format();

    @Override
    void close();

    /** libpcap's max_snaplen_for_dlt(): what a snapshot length of 0 or an insane one becomes. */
    static int maxSnaplen(int linkType) {
        return switch (linkType) {
            case 231 -> 128 * 1024 * 1024; // DLT_DBUS
            case 249 -> 1024 * 1024; // DLT_USBPCAP
            default -> 262144;
        };
    }

    /** libpcap 1.10's pcap_adjust_snapshot(): 0 and values past INT_MAX become the link type's maximum. */
    static int adjustSnaplen(int linkType, long snaplen) {
        return snaplen <= 0 || snaplen > Integer.MAX_VALUE ? maxSnaplen(linkType) : (int) snaplen;
    }
}
