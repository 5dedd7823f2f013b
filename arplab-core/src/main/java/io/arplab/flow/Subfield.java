package io.arplab.flow;

/** Bits [ofs, ofs+nBits) of a field, as move/load/output name them: {@code NXM_NX_REG0[0..15]} (struct mf_subfield). */
public record Subfield(Field field, int ofs, int nBits) {

    /** mf_parse_subfield(): {@code NAME} or {@code NAME[]} (the whole field), {@code NAME[BIT]}, {@code NAME[START..END]}. */
    public static Subfield parse(String s) {
        int lb = 0;
        while (lb < s.length() && s.charAt(lb) != '[' && s.charAt(lb) != '-') {
            lb++;
        }
        String name = s.substring(0, lb);
        Field f = Field.bySubfieldName(name);
        if (f == null) {
            throw new FlowParseException(s + ": unknown field `" + name + "'");
        }
        int rb = s.indexOf(']', lb);
        if (lb < s.length() && s.charAt(lb) == '[' && rb < 0) {
            throw new FlowParseException(s + ": syntax error expecting [] or [<bit>] or [<start>..<end>]");
        }
        int after = lb < s.length() && s.charAt(lb) == '[' ? rb + 1 : lb;
        if (after < s.length()) {
            throw new FlowParseException("unexpected input following field syntax");
        }
        String range = after == lb ? "" : s.substring(lb + 1, rb);
        int start, end;
        if (range.isEmpty()) {
            start = 0;
            end = f.subfieldBits() - 1;
        } else {
            int dots = range.indexOf("..");
            try {
                start = Integer.parseInt(dots < 0 ? range : range.substring(0, dots));
                end = dots < 0 ? start : Integer.parseInt(range.substring(dots + 2));
            } catch (NumberFormatException e) {
                throw new FlowParseException(s + ": syntax error expecting [] or [<bit>] or [<start>..<end>]");
            }
        }
        if (start > end) {
            throw new FlowParseException(s + ": starting bit " + start + " is after ending bit " + end);
        } else if (start >= f.subfieldBits()) {
            throw new FlowParseException(s + ": starting bit " + start + " is not valid because field is only "
                    + f.subfieldBits() + " bits wide");
        } else if (end >= f.subfieldBits()) {
            throw new FlowParseException(s + ": ending bit " + end + " is not valid because field is only "
                    + f.subfieldBits() + " bits wide");
        }
        return new Subfield(f, start, end - start + 1);
    }

    /**
     * The width ovs-ofctl's checks see for {@code sf}, parsed from {@code text}: a whole tun_metadata field is its
     * mf_field's n_bits, TLV_MAX_OPT_SIZE (124) bytes, whatever option the switch maps it to (arplab holds 64 bits).
     */
    static int parsedBits(String text, Subfield sf) {
        boolean whole = text.indexOf('[') < 0 || text.endsWith("[]");
        return whole && sf.field().tunMetadata() >= 0 ? 8 * TunMetadata.MF_BYTES : sf.nBits();
    }

    public static Subfield whole(Field f) {
        return new Subfield(f, 0, f.subfieldBits());
    }

    /** The subfield's bits within the field (the low 64 of them, for a wider field). */
    public long mask() {
        return bits().lo();
    }

    /** The subfield's bits within the field. */
    public U128 bits() {
        return U128.ones(nBits).shl(ofs);
    }

    /** mf_get_subfield(): the subfield's value in a struct-flow array, shifted down to bit 0. */
    public U128 get(long[] a) {
        return whole(a).and(bits()).shr(ofs);
    }

    /** mf_write_subfield_flow(): the subfield of {@code a} set to {@code v}'s low bits. */
    public void put(long[] a, U128 v) {
        if (!field.oxmPort()) {
            field.put(a, v.shl(ofs), bits());
            return;
        }
        long p = whole(a).and(bits().not()).or(v.shl(ofs).and(bits())).lo();
        field.put(a, new U128(0, Ports.fromOfp11(p)), field.ones()); // mf_set_flow_value()
    }

    // mf_get_value(): an OpenFlow 1.1+ port field as ofputil_port_to_ofp11() numbers it (arplab holds actset_output
    // as 0 while no lookup runs: OFPP_UNSET)
    private U128 whole(long[] a) {
        U128 v = field.value(a);
        if (!field.oxmPort()) {
            return v;
        }
        return new U128(0, Ports.toOfp11(field == Field.ACTSET_OUTPUT && v.lo() == 0 ? Xlate.OFPP_UNSET : v.lo()));
    }

    /** mf_format_subfield(). */
    @Override
    public String toString() {
        String name = field.subfieldName();
        if (ofs == 0 && nBits == field.subfieldBits()) {
            return name + "[]";
        } else if (nBits == 1) {
            return name + "[" + ofs + "]";
        }
        return name + "[" + ofs + ".." + (ofs + nBits - 1) + "]";
    }
}
