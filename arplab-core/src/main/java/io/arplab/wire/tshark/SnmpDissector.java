package io.arplab.wire.tshark;

/**
 * packet-snmp.c (Wireshark 4.0, from asn1/snmp's template and snmp.cnf): dissect_snmp()'s look at the first
 * SEQUENCE, dissect_snmp_pdu()'s version switch, the PDUs CHOICE (col_clear(), the varbinds' OIDs appended by
 * dissect_snmp_VarBind(), the PDU's name prepended), the Trap-PDU's enterprise as oid_resolved_from_string() names
 * it, SNMPv3's header, USM parameters and scoped PDU; only a datagram's first message. Only the well-formed paths
 * are followed: a message with a field of the wrong tag, a length past its container or a capture cut is left
 * undecoded.
 */
final class SnmpDissector {
    /** snmp_PDUs_vals, by context tag. */
    private static final String[] PDUS = {"get-request", "get-next-request", "get-response", "set-request", "trap",
        "getBulkRequest", "informRequest", "snmpV2-trap", "report"};
    private static final int UNI = 0;
    private static final int APP = 1;
    private static final int CON = 2;
    private static final int SEQUENCE = 16;
    private static final int INTEGER = 2;
    private static final int OCTETS = 4;
    private static final int NULL = 5;
    private static final int OID = 6;

    private SnmpDissector() {}

    /** One BER header: class, constructed, tag, where the contents start and their length. */
    private record Ber(int cls, boolean pc, int tag, int off, int len, boolean ind) {
        int end() {
            return off + len;
        }
    }

    /** get_ber_identifier() and get_ber_length(), inside the captured bytes. */
    private static Ber header(Tvb tvb, int off) {
        if (!tvb.bytesExist(off, 2)) {
            throw new Unsupported("SNMP BER header past the datagram");
        }
        return header(tvb, off, false);
    }

    /** get_ber_identifier() and get_ber_length(); raw reads throw what tvb_get_guint8() throws. */
    private static Ber header(Tvb tvb, int off, boolean raw) {
        int id = raw ? tvb.u8(off++) : u8(tvb, off++);
        int cls = id >> 6;
        boolean pc = (id & 0x20) != 0;
        int tag = id & 0x1f;
        if (tag == 0x1f) {
            tag = 0;
            int b;
            int n = 0;
            do {
                b = raw ? tvb.u8(off++) : u8(tvb, off++);
                tag = tag << 7 | b & 0x7f;
                if (++n > 4) {
                    throw new Unsupported("SNMP BER tag of more than four bytes");
                }
            } while ((b & 0x80) != 0);
        }
        int first = raw ? tvb.u8(off++) : u8(tvb, off++);
        long len = first;
        boolean ind = false;
        if (first == 0x80) {
            ind = true;
            len = 0;
        } else if (first > 0x80) {
            int n = first & 0x7f;
            if (n > 4) {
                throw new Unsupported("SNMP BER length of more than four bytes");
            }
            len = 0;
            for (int i = 0; i < n; i++) {
                len = len << 8 | (raw ? tvb.u8(off++) : u8(tvb, off++));
            }
            if (len > Integer.MAX_VALUE) {
                throw new Unsupported("SNMP BER length past 2^31");
            }
        }
        return new Ber(cls, pc, tag, off, (int) len, ind);
    }

    private static int u8(Tvb tvb, int off) {
        if (!tvb.bytesExist(off, 1)) {
            throw new Unsupported("SNMP BER header past the datagram");
        }
        return tvb.u8(off);
    }

    /** The next element inside [.., end): of the class and tag given, primitive or not as asked, within end. */
    private static Ber expect(Tvb tvb, int off, int end, int cls, int tag, boolean pc) {
        if (off >= end) {
            throw new Unsupported("SNMP SEQUENCE ended before a field");
        }
        Ber b = header(tvb, off);
        if (b.cls != cls || b.tag != tag || b.pc != pc || b.ind || b.end() > end) {
            throw new Unsupported("SNMP field not as the ASN.1 has it");
        }
        return b;
    }

    /** dissect_ber_integer() on an INTEGER of one to four bytes (as the template's varbind check wants). */
    private static long integer(Tvb tvb, Ber b) {
        if (b.len < 1 || b.len > 4) {
            throw new Unsupported("SNMP INTEGER of " + b.len + " bytes");
        }
        long v = (byte) tvb.u8(b.off);
        for (int i = 1; i < b.len; i++) {
            v = v << 8 | tvb.u8(b.off + i);
        }
        return v;
    }

    private static void done(int off, int end) {
        if (off != end) {
            throw new Unsupported("SNMP SEQUENCE with more than its fields");
        }
    }

    /**
     * dissect_snmp(): a universal SEQUENCE whose length is not more than the datagram's rest (UDP loosens it so),
     * then a universal INTEGER; false lets UDP try its other port.
     */
    static boolean dissect(Tvb tvb, Packet p) {
        if (tvb.length < tvb.reported) {
            throw new Unsupported("SNMP message cut by the capture");
        }
        Ber msg = header(tvb, 0, true);
        if (msg.cls != UNI || msg.tag != SEQUENCE) {
            return false;
        }
        if ((long) msg.len > tvb.reportedRemaining(msg.off)) {
            return false;
        }
        Ber version = header(tvb, msg.off, true);
        if (version.cls != UNI || version.tag != INTEGER) {
            return false;
        }
        if (msg.ind || !msg.pc) {
            throw new Unsupported("SNMP message of an indefinite length or primitive");
        }
        // dissect_snmp_pdu(): the version read, then COL_PROTOCOL, then the version's message
        if (version.pc || version.ind || version.end() > msg.end()) {
            throw new Unsupported("SNMP version not an INTEGER");
        }
        long v = integer(tvb, version);
        p.protocol("SNMP");
        if (v == 0 || v == 1) {
            message(tvb, msg, version, p);
        } else if (v == 3) {
            v3(tvb, msg, version, p);
        } else if (v == 2) {
            throw new Unsupported("SNMPv2u message");
        }
        // any other version: ei_snmp_version_unknown, the columns as they are
        return true;
    }

    /** Message ::= SEQUENCE { version, community OCTET STRING, data PDUs }. */
    private static void message(Tvb tvb, Ber msg, Ber version, Packet p) {
        if (version.end() == msg.end()) {
            return; // dissect_ber_sequence()'s missing fields are experts; Info stays UDP's
        }
        Ber community = expect(tvb, version.end(), msg.end(), UNI, OCTETS, false);
        int end = pdus(tvb, community.end(), msg.end(), p);
        done(end, msg.end());
    }

    /**
     * SNMPv3Message ::= SEQUENCE { msgVersion, msgGlobalData HeaderData, msgSecurityParameters OCTET STRING,
     * msgData ScopedPduData }; USM's parameters are parsed inside their OCTET STRING.
     */
    private static void v3(Tvb tvb, Ber msg, Ber version, Packet p) {
        Ber header = expect(tvb, version.end(), msg.end(), UNI, SEQUENCE, true);
        Ber id = expect(tvb, header.off, header.end(), UNI, INTEGER, false);
        integer(tvb, id);
        Ber max = expect(tvb, id.end(), header.end(), UNI, INTEGER, false);
        integer(tvb, max);
        Ber flags = expect(tvb, max.end(), header.end(), UNI, OCTETS, false);
        if (flags.len < 1) {
            throw new Unsupported("SNMPv3 msgFlags empty");
        }
        int f = tvb.u8(flags.off);
        Ber model = expect(tvb, flags.end(), header.end(), UNI, INTEGER, false);
        long securityModel = integer(tvb, model);
        done(model.end(), header.end());
        Ber params = expect(tvb, header.end(), msg.end(), UNI, OCTETS, false);
        if (securityModel == 3) {
            usm(tvb, params); // other models' parameters are a plain OCTET STRING
        }
        int off = params.end();
        if ((f & 0x02) != 0) {
            // encryptedPDU: no user table, "privKey Unknown"
            Ber crypt = expect(tvb, off, msg.end(), UNI, OCTETS, false);
            done(crypt.end(), msg.end());
            p.info("encryptedPDU: privKey Unknown");
            return;
        }
        Ber scoped = expect(tvb, off, msg.end(), UNI, SEQUENCE, true);
        done(scoped.end(), msg.end());
        Ber engine = expect(tvb, scoped.off, scoped.end(), UNI, OCTETS, false);
        Ber context = expect(tvb, engine.end(), scoped.end(), UNI, OCTETS, false);
        done(pdus(tvb, context.end(), scoped.end(), p), scoped.end());
    }

    /** UsmSecurityParameters ::= SEQUENCE { engine ID, boots, time, user name, authentication, privacy }. */
    private static void usm(Tvb tvb, Ber params) {
        Ber seq = expect(tvb, params.off, params.end(), UNI, SEQUENCE, true);
        done(seq.end(), params.end());
        Ber engine = expect(tvb, seq.off, seq.end(), UNI, OCTETS, false);
        Ber boots = expect(tvb, engine.end(), seq.end(), UNI, INTEGER, false);
        integer(tvb, boots);
        Ber time = expect(tvb, boots.end(), seq.end(), UNI, INTEGER, false);
        integer(tvb, time);
        Ber user = expect(tvb, time.end(), seq.end(), UNI, OCTETS, false);
        Ber auth = expect(tvb, user.end(), seq.end(), UNI, OCTETS, false);
        Ber priv = expect(tvb, auth.end(), seq.end(), UNI, OCTETS, false);
        done(priv.end(), seq.end());
    }

    /**
     * The PDUs CHOICE (snmp.cnf's FN_BODY PDUs): col_clear(), the chosen PDU (its varbinds append their OIDs), then
     * the PDU's name prepended; a tag no alternative has leaves Info empty.
     */
    private static int pdus(Tvb tvb, int off, int end, Packet p) {
        if (off >= end) {
            return end; // a missing field: the choice is never reached, Info stays UDP's
        }
        p.clearInfo();
        Ber pdu = header(tvb, off);
        if (pdu.cls != CON || pdu.tag >= PDUS.length) {
            // dissect_ber_choice(): "This choice field was not found", nothing added, Info left empty
            return end;
        }
        if (!pdu.pc || pdu.ind || pdu.end() > end) {
            throw new Unsupported("SNMP PDU not a constructed value");
        }
        if (pdu.tag == 4) {
            trap(tvb, pdu, p);
        } else {
            // PDU ::= SEQUENCE { request-id, error-status, error-index, variable-bindings } (BulkPDU alike)
            int o = pdu.off;
            for (int i = 0; i < 3; i++) {
                Ber b = expect(tvb, o, pdu.end(), UNI, INTEGER, false);
                integer(tvb, b);
                o = b.end();
            }
            done(varbinds(tvb, o, pdu.end(), p), pdu.end());
        }
        p.prepend(PDUS[pdu.tag]);
        return pdu.end();
    }

    /**
     * Trap-PDU: enterprise OID (snmp.cnf's FN_BODY EnterpriseOID appends oid_resolved_from_string()'s name),
     * agent-addr, generic-trap, specific-trap, time-stamp, variable-bindings.
     */
    private static void trap(Tvb tvb, Ber pdu, Packet p) {
        Ber enterprise = expect(tvb, pdu.off, pdu.end(), UNI, OID, false);
        long[] arcs = arcs(tvb, enterprise);
        p.append(" " + resolved(arcs));
        Ber agent = expect(tvb, enterprise.end(), pdu.end(), APP, 0, false);
        if (agent.len != 4) {
            throw new Unsupported("SNMP trap agent address of " + agent.len + " bytes");
        }
        Ber generic = expect(tvb, agent.end(), pdu.end(), UNI, INTEGER, false);
        integer(tvb, generic);
        Ber specific = expect(tvb, generic.end(), pdu.end(), UNI, INTEGER, false);
        integer(tvb, specific);
        Ber stamp = expect(tvb, specific.end(), pdu.end(), APP, 3, false);
        if (stamp.len < 1 || stamp.len > 5) {
            throw new Unsupported("SNMP trap time stamp of " + stamp.len + " bytes");
        }
        done(varbinds(tvb, stamp.end(), pdu.end(), p), pdu.end());
    }

    /** VarBindList ::= SEQUENCE OF VarBind. */
    private static int varbinds(Tvb tvb, int off, int end, Packet p) {
        Ber list = expect(tvb, off, end, UNI, SEQUENCE, true);
        int o = list.off;
        while (o < list.end()) {
            o = varbind(tvb, o, list.end(), p);
        }
        done(o, list.end());
        return list.end();
    }

    /**
     * dissect_snmp_VarBind(): the name's OID, the value's header; with no MIB loaded every name's deepest known
     * node is unnamed, so Info gets the OID's numbers. A value of a length its type does not allow is not followed.
     */
    private static int varbind(Tvb tvb, int off, int end, Packet p) {
        Ber seq = expect(tvb, off, end, UNI, SEQUENCE, true);
        Ber name = expect(tvb, seq.off, seq.end(), UNI, OID, false);
        long[] arcs = arcs(tvb, name);
        if (name.end() >= seq.end()) {
            throw new Unsupported("SNMP VarBind without its value");
        }
        Ber value = header(tvb, name.end());
        if (value.pc || value.ind || value.end() != seq.end()) {
            throw new Unsupported("SNMP VarBind value not primitive or not ending the VarBind");
        }
        checkValue(value);
        p.append(" " + numeric(arcs));
        return seq.end();
    }

    /**
     * The template's value checks: a context value of tag 0, 1 or 2 (noSuchObject, noSuchInstance, endOfMibView)
     * or any other class's value goes on to the label and Info, a wrong length only adding its experts afterwards
     * (with no tree the items are not built, so their type checks throw nothing); another context tag ("Wrong tag
     * for Error Value") returns before Info gets the OID, and is not followed here.
     */
    private static void checkValue(Ber v) {
        if (v.cls == CON && v.tag > 2) {
            throw new Unsupported("SNMP VarBind error value of tag " + v.tag);
        }
    }

    /**
     * oids.c's tree without MIBs: itu-t, iso and joint-iso-itu-t are its named roots, and the arcs dissectors
     * register put unnamed nodes on the SNMP subtrees' paths (mgmt, private enterprises, snmpModules); elsewhere
     * (other registered OIDs, Microsoft's enterprise with its named ones) which node is named is not modelled.
     */
    private static void snmpSubtree(long[] arcs) {
        boolean mgmt = arcs.length > 5 && arcs[0] == 1 && arcs[1] == 3 && arcs[2] == 6 && arcs[3] == 1
                && (arcs[4] == 2 || arcs[4] == 4 && arcs[5] == 1 && (arcs.length == 6 || arcs[6] != 311)
                    || arcs[4] == 6 && arcs[5] == 3);
        if (!mgmt) {
            throw new Unsupported("SNMP OID outside mgmt, enterprises and snmpModules");
        }
    }

    /** oid_subid2string(): the arcs with dots (dissect_snmp_VarBind()'s info_oid for an unnamed node). */
    private static String numeric(long[] arcs) {
        snmpSubtree(arcs);
        StringBuilder sb = new StringBuilder();
        for (long a : arcs) {
            sb.append(sb.length() == 0 ? "" : ".").append(a);
        }
        return sb.toString();
    }

    /** oid_resolved(): the nearest named node ("iso" here), then the arcs after it. */
    private static String resolved(long[] arcs) {
        String n = numeric(arcs);
        return "iso" + n.substring(1);
    }

    /** oid_encoded2subids(): the first byte's two arcs, then base-128 arcs of at most 32 bits. */
    private static long[] arcs(Tvb tvb, Ber b) {
        if (b.len < 1) {
            throw new Unsupported("SNMP OID of no bytes");
        }
        long[] out = new long[b.len + 1];
        int n = 0;
        long cur = 0;
        boolean first = true;
        for (int i = 0; i < b.len; i++) {
            int c = tvb.u8(b.off + i);
            cur = cur << 7 | c & 0x7f;
            if (cur > 0xffffffffL) {
                throw new Unsupported("SNMP OID arc past 32 bits");
            }
            if ((c & 0x80) != 0) {
                continue;
            }
            if (first) {
                int top = cur < 40 ? 0 : cur < 80 ? 1 : 2;
                out[n++] = top;
                out[n++] = cur - 40L * top;
                first = false;
            } else {
                out[n++] = cur;
            }
            cur = 0;
        }
        if ((tvb.u8(b.end() - 1) & 0x80) != 0) {
            throw new Unsupported("SNMP OID ending in a continued arc");
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
