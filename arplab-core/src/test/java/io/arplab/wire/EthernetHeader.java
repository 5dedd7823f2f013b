package io.arplab.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * An Ethernet header: destination, source, 802.1Q/802.1ad tags (outermost first; an empty list costs nothing)
 * and the payload's EtherType or 802.3 length.
 */
public record EthernetHeader(MacAddress destination, MacAddress source, List<VlanTag> tags, EtherType etherType) {
    public EthernetHeader {
        if (destination == null || source == null || etherType == null) {
            throw new IllegalArgumentException("null field");
        }
        tags = tags == null ? List.of() : List.copyOf(tags);
        if (EtherType.isVlanTpid(etherType.value())) {
            throw new IllegalArgumentException("EtherType " + etherType + " is a tag: put it in tags");
        }
    }

    /** An untagged header. */
    public static EthernetHeader of(MacAddress destination, MacAddress source, EtherType etherType) {
        return new EthernetHeader(destination, source, List.of(), etherType);
    }

    /** Reads a checked view. */
    public static EthernetHeader parse(EthernetView v) {
        int n = v.tagCount();
        List<VlanTag> tags;
        if (n == 0) {
            tags = List.of();
        } else {
            List<VlanTag> t = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                t.add(VlanTag.fromTci(v.tagTpid(i), v.tagControl(i)));
            }
            tags = t;
        }
        return new EthernetHeader(v.destination(), v.source(), tags, v.etherType());
    }

    public int headerLength() {
        return EthernetView.HEADER_LENGTH + tags.size() * EthernetView.TAG_LENGTH;
    }

    /** Writes the header at {@code out[off]}; returns bytes written (14 + 4 per tag). */
    public int emit(byte[] out, int off) {
        BigEndian.put48(out, off, destination.bits());
        BigEndian.put48(out, off + 6, source.bits());
        int p = off + 12;
        for (int i = 0; i < tags.size(); i++) {
            VlanTag t = tags.get(i);
            BigEndian.put16(out, p, t.tpid());
            BigEndian.put16(out, p + 2, t.tci());
            p += EthernetView.TAG_LENGTH;
        }
        BigEndian.put16(out, p, etherType.value());
        return p + 2 - off;
    }
}
