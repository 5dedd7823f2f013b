package io.arplab.wire.pcap;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/** Reads a whole capture from bytes, keeping the records delivered before a fault and the fault itself. */
record Reading(int linkType, int snaplen, String format, List<PcapRecord> records, PcapFormatException fault) {
    static Reading of(String name, byte[] file) {
        List<PcapRecord> records = new ArrayList<>();
        CaptureReader r;
        try {
            r = CaptureReader.open(name, new ByteArrayInputStream(file));
        } catch (PcapFormatException e) {
            return new Reading(-1, -1, null, records, e);
        }
        try (r) {
            for (PcapRecord rec; (rec = r.next()) != null; ) {
                records.add(rec);
            }
            return new Reading(r.linkType(), r.snaplen(), r.format(), records, null);
        } catch (PcapFormatException e) {
            return new Reading(r.linkType(), r.snaplen(), r.format(), records, e);
        }
    }

    String faultDetail() {
        return fault == null ? null : fault.detail();
    }
}
