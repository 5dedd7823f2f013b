package io.arplab.wire.tcpdump;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * print-snmp.c without libsmi (as Debian builds tcpdump): SNMPv1/v2c/v3 messages through its small BER parser,
 * OIDs named from tcpdump's mib.h unless -n.
 */
final class SnmpPrinter {
    static final int SNMP_PORT = 161;
    static final int SNMPTRAP_PORT = 162;

    private static final String[] UNIVERSAL = {"U-0", "Boolean", "Integer", "Bitstring", "String", "Null", "ObjID",
            "ObjectDes", "U-8", "U-9", "U-10", "U-11", "U-12", "U-13", "U-14", "U-15", "Sequence", "Set"};
    private static final String[] APPLICATION = {"IpAddress", "Counter", "Gauge", "TimeTicks", "Opaque", "C-5",
            "Counter64"};
    private static final String[] CONTEXT = {"GetRequest", "GetNextRequest", "GetResponse", "SetRequest", "Trap",
            "GetBulk", "Inform", "V2Trap", "Report"};
    private static final String[] PRIVATE = {"P-0"};
    private static final String[] EXCEPTIONS = {"noSuchObject", "noSuchInstance", "endOfMibView"};
    /** Class[]: defineCLASS()'s "x" is not stringified by an ANSI preprocessor, so every class is named "x". */
    private static final String[][] CLASSES = {UNIVERSAL, APPLICATION, CONTEXT, PRIVATE, EXCEPTIONS};
    private static final String[] ERROR_STATUS = {"noError", "tooBig", "noSuchName", "badValue", "readOnly", "genErr",
            "noAccess", "wrongType", "wrongLength", "wrongEncoding", "wrongValue", "noCreation", "inconsistentValue",
            "resourceUnavailable", "commitFailed", "undoFailed", "authorizationError", "notWritable",
            "inconsistentName"};
    private static final String[] GENERIC_TRAP = {"coldStart", "warmStart", "linkDown", "linkUp",
            "authenticationFailure", "egpNeighborLoss", "enterpriseSpecific"};
    private static final String[] VERSIONS = {"SNMPv1", "SNMPv2c", "SNMPv2u", "SNMPv3"};

    private static final int GETREQ = 0, GETNEXTREQ = 1, GETRESP = 2, SETREQ = 3, TRAP = 4, GETBULKREQ = 5,
            INFORMREQ = 6, V2TRAP = 7, REPORT = 8;
    private static final int BE_ANY = 255, BE_NULL = 1, BE_OCTET = 2, BE_OID = 3, BE_INT = 4, BE_UNS = 5,
            BE_STR = 6, BE_SEQ = 7, BE_INETADDR = 8, BE_PDU = 9, BE_UNS64 = 10, BE_NOSUCHOBJECT = 128,
            BE_NOSUCHINST = 129, BE_ENDOFMIBVIEW = 130;

    /** A node of mib.h's tree. */
    private record Obj(String desc, int oid, String child, String next) {}

    private static final Map<String, Obj> MIB = new HashMap<>();
    /** obj_abrev_list: prefix, node, encoded OID. */
    private static final Object[][] ABBREVIATIONS = {
            {"", "mib", new int[] {43, 6, 1, 2, 1}},
            {"E:", "enterprises", new int[] {43, 6, 1, 4, 1}},
            {"X:", "experimental", new int[] {43, 6, 1, 3}},
            {"S:", "snmpModules", new int[] {43, 6, 1, 6, 3}}};
    private static final String MIBROOT = "iso";

    static {
        try (InputStream in = SnmpPrinter.class.getResourceAsStream("mib.txt")) {
            if (in == null) {
                throw new IllegalStateException("missing resource mib.txt");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isEmpty() && line.charAt(0) != '#') {
                    String[] f = line.split(" ");
                    MIB.put(f[0], new Obj(f[1], Integer.parseInt(f[2]), f[3].equals("-") ? null : f[3],
                            f[4].equals("-") ? null : f[4]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** struct be: one parsed BER element. */
    private static final class Be {
        long asnlen;
        int raw;
        int integer;
        long uns;
        long uns64;
        int id;
        int form;
        int cls;
        int type;
    }

    private final Dissector nd;
    private final StringBuilder out;
    /** objp: where OBJ_PRINT looks for the next sub-identifier's name (null: numbers). */
    private Obj objp;

    private SnmpPrinter(Dissector nd) {
        this.nd = nd;
        this.out = nd.out;
    }

    /** snmp_print(). */
    static void snmpPrint(Dissector nd, int np, int length) {
        nd.protocol = "snmp";
        new SnmpPrinter(nd).message(np, length);
    }

    private void message(int np, long length) {
        out.append(' ');
        Be elem = new Be();
        int count = parse(np, length, elem);
        if (count < 0) {
            return;
        }
        if (elem.type != BE_SEQ) {
            out.append("[!init SEQ]");
            print(elem);
            return;
        }
        if (count < length) {
            out.append('[').append(length - count).append(" extra after iSEQ]");
        }
        length = elem.asnlen;
        np = elem.raw;
        if ((count = parse(np, length, elem)) < 0) {
            return;
        }
        if (elem.type != BE_INT) {
            out.append("[version!=INT]");
            print(elem);
            return;
        }
        int version = elem.integer;
        if (version == 0 || version == 1 || version == 3) {
            if (nd.vflag > 0) {
                out.append("{ ").append(VERSIONS[version]).append(' ');
            }
        } else {
            out.append("SNMP [version = ").append(version).append(']');
            return;
        }
        length -= count;
        np += count;
        if (version == 3) {
            v3msg(np, length);
        } else {
            community(np, length, version);
        }
        if (nd.vflag > 0) {
            out.append("} ");
        }
    }

    /** asn1_parse(): the element's total length (header included), or -1 after printing why. */
    private int parse(int p, long len, Be elem) {
        elem.asnlen = 0;
        elem.type = BE_ANY;
        if (len < 1) {
            out.append("[nothing to parse]");
            return -1;
        }
        int id = nd.u8(p) & 0x1f;
        int form = (nd.u8(p) & 0x20) >> 5;
        int cls = (nd.u8(p) & 0xc0) >> 6;
        elem.form = form;
        elem.cls = cls;
        elem.id = id;
        p++;
        len--;
        int hdr = 1;
        if (id == 0x1f) {
            id = 0;
            while ((nd.u8(p) & 0x80) != 0) {
                if (len < 1) {
                    out.append("[Xtagfield?]");
                    return -1;
                }
                id = ((id << 7) | (nd.u8(p) & 0x7f)) & 0xff; // a u_char in tcpdump
                len--;
                hdr++;
                p++;
            }
            if (len < 1) {
                out.append("[Xtagfield?]");
                return -1;
            }
            id = ((id << 7) | nd.u8(p)) & 0xff;
            elem.id = id;
            --len;
            ++hdr;
            ++p;
        }
        if (len < 1) {
            out.append("[no asnlen]");
            return -1;
        }
        elem.asnlen = nd.u8(p);
        p++;
        len--;
        hdr++;
        if ((elem.asnlen & 0x80) != 0) {
            long noct = elem.asnlen % 0x80;
            elem.asnlen = 0;
            if (len < noct) {
                out.append("[asnlen? ").append(len).append('<').append(noct).append(']');
                return -1;
            }
            if (!nd.ttest(p, (int) noct)) {
                nd.trunc();
                return -1;
            }
            for (; noct != 0; len--, hdr++, noct--) {
                elem.asnlen = ((elem.asnlen << 8) | nd.u8(p)) & 0xffffffffL;
                p++;
            }
        }
        if (len < elem.asnlen) {
            out.append("[len").append(len).append("<asnlen").append(elem.asnlen).append(']');
            return -1;
        }
        if (id >= CLASSES[cls].length) {
            out.append("[id?").append(form == 0 ? 'P' : 'C').append("/x/").append(id).append(']');
            return -1;
        }
        if (elem.asnlen > Integer.MAX_VALUE || !nd.ttest(p, (int) elem.asnlen)) {
            nd.trunc();
            return -1;
        }
        elem.raw = p;
        if (form == 0) {
            switch (cls) {
                case 0 -> {
                    switch (id) {
                        case 4 -> elem.type = BE_STR;
                        case 2 -> {
                            elem.type = BE_INT;
                            if (elem.asnlen == 0) {
                                out.append("[asnlen=0]");
                                return -1;
                            }
                            int data = (nd.u8(p) & 0x80) != 0 ? -1 : 0;
                            for (long i = elem.asnlen; i != 0; p++, i--) {
                                data = (data << 8) | nd.u8(p);
                            }
                            elem.integer = data;
                        }
                        case 6 -> elem.type = BE_OID;
                        case 5 -> elem.type = BE_NULL;
                        default -> {
                            elem.type = BE_OCTET;
                            out.append("[P/U/").append(UNIVERSAL[id]).append(']');
                        }
                    }
                }
                case 1 -> {
                    switch (id) {
                        case 0 -> elem.type = BE_INETADDR;
                        case 1, 2, 3 -> {
                            elem.type = BE_UNS;
                            long data = 0;
                            for (long i = elem.asnlen; i != 0; p++, i--) {
                                data = ((data << 8) + nd.u8(p)) & 0xffffffffL;
                            }
                            elem.uns = data;
                        }
                        case 6 -> {
                            elem.type = BE_UNS64;
                            long data = 0;
                            for (long i = elem.asnlen; i != 0; p++, i--) {
                                data = (data << 8) + nd.u8(p);
                            }
                            elem.uns64 = data;
                        }
                        default -> {
                            elem.type = BE_OCTET;
                            out.append("[P/A/").append(APPLICATION[id]).append(']');
                        }
                    }
                }
                case 2 -> {
                    switch (id) {
                        case 0 -> elem.type = BE_NOSUCHOBJECT;
                        case 1 -> elem.type = BE_NOSUCHINST;
                        case 2 -> elem.type = BE_ENDOFMIBVIEW;
                        default -> { }
                    }
                }
                default -> {
                    out.append("[P/x/").append(CLASSES[cls][id]).append(']');
                    elem.type = BE_OCTET;
                }
            }
        } else {
            switch (cls) {
                case 0 -> {
                    if (id == 16) {
                        elem.type = BE_SEQ;
                    } else {
                        elem.type = BE_OCTET;
                        out.append("C/U/").append(UNIVERSAL[id]);
                    }
                }
                case 2 -> elem.type = BE_PDU;
                default -> {
                    elem.type = BE_OCTET;
                    out.append("C/x/").append(CLASSES[cls][id]);
                }
            }
        }
        return (int) (elem.asnlen + hdr);
    }

    /** asn1_print_octets(). */
    private int printOctets(Be elem) {
        if (!nd.ttest(elem.raw, (int) elem.asnlen)) {
            nd.trunc();
            return -1;
        }
        for (int i = 0; i < elem.asnlen; i++) {
            out.append('_');
            nd.hex2(nd.u8(elem.raw + i));
        }
        return 0;
    }

    /** asn1_print_string(): quoted when printable, else hex bytes joined by '_'. */
    private int printString(Be elem) {
        int p = elem.raw;
        if (!nd.ttest(p, (int) elem.asnlen)) {
            nd.trunc();
            return -1;
        }
        boolean printable = true;
        for (int i = 0; printable && i < elem.asnlen; i++) {
            int c = nd.u8(p + i);
            printable = c >= 0x20 && c <= 0x7e;
        }
        if (printable) {
            out.append('"');
            if (nd.printn(p, elem.asnlen)) {
                out.append('"');
                nd.trunc();
                return -1;
            }
            out.append('"');
        } else {
            for (int i = 0; i < elem.asnlen; i++) {
                if (i > 0) {
                    out.append('_');
                }
                nd.hex2(nd.u8(p + i));
            }
        }
        return 0;
    }

    /** asn1_print(). */
    private int print(Be elem) {
        switch (elem.type) {
            case BE_OCTET -> {
                return printOctets(elem);
            }
            case BE_NULL -> { }
            case BE_OID -> printOid(elem);
            case BE_INT -> out.append(elem.integer);
            case BE_UNS -> out.append(elem.uns);
            case BE_UNS64 -> out.append(Long.toUnsignedString(elem.uns64));
            case BE_STR -> {
                return printString(elem);
            }
            case BE_SEQ -> out.append("Seq(").append(elem.asnlen).append(')');
            case BE_INETADDR -> {
                if (elem.asnlen != 4) {
                    out.append("[inetaddr len!=4]");
                }
                if (!nd.ttest(elem.raw, (int) elem.asnlen)) {
                    nd.trunc();
                    return -1;
                }
                for (int i = 0; i < elem.asnlen; i++) {
                    if (i > 0) {
                        out.append('.');
                    }
                    out.append(nd.u8(elem.raw + i));
                }
            }
            case BE_NOSUCHOBJECT, BE_NOSUCHINST, BE_ENDOFMIBVIEW -> out.append('[').append(EXCEPTIONS[elem.id])
                    .append(']');
            case BE_PDU -> out.append(CONTEXT[elem.id]).append('(').append(elem.asnlen).append(')');
            case BE_ANY -> out.append("[BE_ANY!?]");
            default -> out.append("[be!?]");
        }
        return 0;
    }

    /** asn1_print()'s BE_OID: named through mib.h's tree unless -n, with its abbreviations. */
    private void printOid(Be elem) {
        int p = elem.raw;
        long i = elem.asnlen;
        int first = -1;
        if (!nd.numeric && i > 2) {
            for (Object[] a : ABBREVIATIONS) {
                int[] oid = (int[]) a[2];
                if (i < oid.length || !nd.ttest(p, oid.length)) {
                    continue;
                }
                boolean same = true;
                for (int k = 0; k < oid.length && same; k++) {
                    same = nd.u8(p + k) == oid[k];
                }
                if (same) {
                    objp = child(MIB.get((String) a[1]));
                    i -= oid.length;
                    p += oid.length;
                    out.append((String) a[0]);
                    first = 1;
                    break;
                }
            }
        }
        int o = 0; // an int in tcpdump: it wraps, and prints with %u
        for (; i != 0; p++, i--) {
            int b = nd.u8(p);
            o = (o << 7) + (b & 0x7f);
            if ((b & 0x80) != 0) {
                continue;
            }
            if (first < 0) {
                if (!nd.numeric) {
                    objp = MIB.get(MIBROOT);
                }
                first = 0;
                int s = o / 40;
                if (s > 2) {
                    s = 2;
                }
                objPrint(s, false);
                o -= s * 40;
            }
            objPrint(o, first > 0);
            if (--first < 0) {
                first = 0;
            }
            o = 0;
        }
    }

    private static Obj child(Obj node) {
        return node == null || node.child() == null ? null : MIB.get(node.child());
    }

    /** OBJ_PRINT(): the sub-identifier's name among objp's siblings, else its number. */
    private void objPrint(int o, boolean suppressDot) {
        while (objp != null && o != objp.oid()) {
            objp = objp.next() == null ? null : MIB.get(objp.next());
        }
        if (!suppressDot) {
            out.append('.');
        }
        if (objp != null) {
            out.append(objp.desc());
            objp = child(objp);
        } else {
            out.append(Integer.toUnsignedString(o));
        }
    }

    /** community_print(). */
    private void community(int np, long length, int version) {
        Be elem = new Be();
        int count = parse(np, length, elem);
        if (count < 0) {
            return;
        }
        if (elem.type != BE_STR) {
            out.append("[comm!=STR]");
            print(elem);
            return;
        }
        boolean isPublic = elem.asnlen == 6;
        for (int k = 0; isPublic && k < 6; k++) {
            isPublic = nd.u8(elem.raw + k) == "public".charAt(k);
        }
        if (!isPublic) {
            out.append("C=");
            if (printString(elem) == -1) {
                return;
            }
            out.append(' ');
        }
        pdu(np + count, length - count, version);
    }

    /** pdu_print(). */
    private void pdu(int np, long length, int version) {
        Be pdu = new Be();
        int count = parse(np, length, pdu);
        if (count < 0) {
            return;
        }
        if (pdu.type != BE_PDU) {
            out.append("[no PDU]");
            return;
        }
        if (count < length) {
            out.append('[').append((int) (length - count)).append(" extra after PDU]");
        }
        if (nd.vflag > 0) {
            out.append("{ ");
        }
        if (print(pdu) < 0) {
            return;
        }
        out.append(' ');
        length = pdu.asnlen;
        np = pdu.raw;
        if (version == 0 && (pdu.id == GETBULKREQ || pdu.id == INFORMREQ || pdu.id == V2TRAP || pdu.id == REPORT)) {
            out.append("[v2 PDU in v1 message]");
            return;
        }
        if (version == 1 && pdu.id == TRAP) {
            out.append("[v1 PDU in v2 message]");
            return;
        }
        if (pdu.id == TRAP) {
            trapPdu(np, length);
        } else {
            snmpPdu(pdu.id, np, length);
        }
        if (nd.vflag > 0) {
            out.append(" } ");
        }
    }

    /** Parses one element and checks its type; prints "[what]" and the element when it is another. */
    private int expect(int np, long length, Be elem, int type, String what) {
        int count = parse(np, length, elem);
        if (count < 0) {
            return -1;
        }
        if (elem.type != type) {
            out.append('[').append(what).append(']');
            print(elem);
            return -1;
        }
        return count;
    }

    private static String errorStatus(int e) {
        return e >= 0 && e < ERROR_STATUS.length ? ERROR_STATUS[e] : "err=" + Integer.toUnsignedString(e);
    }

    private static boolean requestLike(int pduid) {
        return pduid == GETREQ || pduid == GETNEXTREQ || pduid == SETREQ || pduid == INFORMREQ || pduid == V2TRAP
                || pduid == REPORT;
    }

    /** snmppdu_print(). */
    private void snmpPdu(int pduid, int np, long length) {
        Be elem = new Be();
        int count = expect(np, length, elem, BE_INT, "reqId!=INT");
        if (count < 0) {
            return;
        }
        if (nd.vflag > 0) {
            out.append("R=").append(elem.integer).append(' ');
        }
        length -= count;
        np += count;
        if ((count = expect(np, length, elem, BE_INT, "errorStatus!=INT")) < 0) {
            return;
        }
        int errorStatus = 0;
        if (requestLike(pduid) && elem.integer != 0) {
            out.append("[errorStatus(").append(errorStatus(elem.integer)).append(")!=0]");
        } else if (pduid == GETBULKREQ) {
            out.append(" N=").append(elem.integer);
        } else if (elem.integer != 0) {
            out.append(' ').append(errorStatus(elem.integer));
            errorStatus = elem.integer;
        }
        length -= count;
        np += count;
        if ((count = expect(np, length, elem, BE_INT, "errorIndex!=INT")) < 0) {
            return;
        }
        if (requestLike(pduid) && elem.integer != 0) {
            out.append("[errorIndex(").append(elem.integer).append(")!=0]");
        } else if (pduid == GETBULKREQ) {
            out.append(" M=").append(elem.integer);
        } else if (elem.integer != 0) {
            if (errorStatus == 0) {
                out.append("[errorIndex(").append(elem.integer).append(") w/o errorStatus]");
            } else {
                out.append('@').append(elem.integer);
            }
        } else if (errorStatus != 0) {
            out.append("[errorIndex==0]");
        }
        varbinds(pduid, np + count, length - count);
    }

    /** trappdu_print(). */
    private void trapPdu(int np, long length) {
        Be elem = new Be();
        out.append(' ');
        int count = expect(np, length, elem, BE_OID, "enterprise!=OID");
        if (count < 0 || print(elem) < 0) {
            return;
        }
        length -= count;
        np += count;
        out.append(' ');
        if ((count = expect(np, length, elem, BE_INETADDR, "agent-addr!=INETADDR")) < 0 || print(elem) < 0) {
            return;
        }
        length -= count;
        np += count;
        if ((count = expect(np, length, elem, BE_INT, "generic-trap!=INT")) < 0) {
            return;
        }
        int generic = elem.integer;
        out.append(' ').append(generic >= 0 && generic < GENERIC_TRAP.length ? GENERIC_TRAP[generic]
                : "gt=" + generic);
        length -= count;
        np += count;
        if ((count = expect(np, length, elem, BE_INT, "specific-trap!=INT")) < 0) {
            return;
        }
        if (generic != 6) {
            if (elem.integer != 0) {
                out.append("[specific-trap(").append(elem.integer).append(")!=0]");
            }
        } else {
            out.append(" s=").append(elem.integer);
        }
        length -= count;
        np += count;
        out.append(' ');
        if ((count = expect(np, length, elem, BE_UNS, "time-stamp!=TIMETICKS")) < 0 || print(elem) < 0) {
            return;
        }
        varbinds(TRAP, np + count, length - count);
    }

    /** varbind_print(). */
    private void varbinds(int pduid, int np, long length) {
        Be elem = new Be();
        int count = expect(np, length, elem, BE_SEQ, "!SEQ of varbind");
        if (count < 0) {
            return;
        }
        if (count < length) {
            out.append('[').append((int) (length - count)).append(" extra after SEQ of varbind]");
        }
        length = elem.asnlen;
        np = elem.raw;
        boolean get = pduid == GETREQ || pduid == GETNEXTREQ || pduid == GETBULKREQ;
        while (length != 0) {
            out.append(' ');
            if ((count = expect(np, length, elem, BE_SEQ, "!varbind")) < 0) {
                return;
            }
            int vbend = np + count;
            long vblength = length - count;
            length = elem.asnlen;
            np = elem.raw;
            if ((count = expect(np, length, elem, BE_OID, "objName!=OID")) < 0) {
                return;
            }
            int status = print(elem);
            if (status < 0) {
                return;
            }
            length -= count;
            np += count;
            if (!get) {
                out.append('=');
            }
            if ((count = parse(np, length, elem)) < 0) {
                return;
            }
            if (get) {
                if (elem.type != BE_NULL) {
                    out.append("[objVal!=NULL]");
                    if (print(elem) < 0) {
                        return;
                    }
                }
            } else if (elem.type != BE_NULL && print(elem) < 0) {
                return;
            }
            length = vblength;
            np = vbend;
        }
    }

    /** v3msg_print(). */
    private void v3msg(int np, long length) {
        Be elem = new Be();
        int xnp = np;
        long xlength = length;
        int count = expect(np, length, elem, BE_SEQ, "!message");
        if (count < 0) {
            return;
        }
        length = elem.asnlen;
        np = elem.raw;
        if (nd.vflag > 0) {
            out.append("{ ");
        }
        if ((count = expect(np, length, elem, BE_INT, "msgID!=INT")) < 0) {
            return;
        }
        length -= count;
        np += count;
        if ((count = expect(np, length, elem, BE_INT, "msgMaxSize!=INT")) < 0) {
            return;
        }
        length -= count;
        np += count;
        if ((count = expect(np, length, elem, BE_STR, "msgFlags!=STR")) < 0) {
            return;
        }
        if (elem.asnlen != 1) {
            out.append("[msgFlags size ").append((int) elem.asnlen).append(']');
            return;
        }
        int flags = nd.u8(elem.raw);
        if (flags != 0 && flags != 1 && flags != 3 && flags != 4 && flags != 5 && flags != 7) {
            out.append("[msgFlags=0x").append(Integer.toHexString(flags | 0x100).substring(1)
                    .toUpperCase(java.util.Locale.ROOT)).append(']');
            return;
        }
        length -= count;
        np += count;
        out.append("F=").append((flags & 1) != 0 ? "a" : "").append((flags & 2) != 0 ? "p" : "")
                .append((flags & 4) != 0 ? "r" : "").append(' ');
        if ((count = expect(np, length, elem, BE_INT, "msgSecurityModel!=INT")) < 0) {
            return;
        }
        int model = elem.integer;
        length -= count;
        np += count;
        if (count < length) {
            out.append('[').append((int) (length - count)).append(" extra after message SEQ]");
        }
        if (nd.vflag > 0) {
            out.append("} ");
        }
        if (model == 3) {
            if (nd.vflag > 0) {
                out.append("{ USM ");
            }
        } else {
            out.append("[security model ").append(model).append(']');
            return;
        }
        length = xlength - (np - xnp);
        if ((count = expect(np, length, elem, BE_STR, "msgSecurityParameters!=STR")) < 0) {
            return;
        }
        length -= count;
        np += count;
        usm(elem.raw, elem.asnlen);
        if (nd.vflag > 0) {
            out.append("} ");
        }
        if (nd.vflag > 0) {
            out.append("{ ScopedPDU ");
        }
        scopedPdu(np, length);
        if (nd.vflag > 0) {
            out.append("} ");
        }
    }

    /** usm_print(). */
    private void usm(int np, long length) {
        Be elem = new Be();
        int count = expect(np, length, elem, BE_SEQ, "!usm");
        if (count < 0) {
            return;
        }
        length = elem.asnlen;
        np = elem.raw;
        if ((count = expect(np, length, elem, BE_STR, "msgAuthoritativeEngineID!=STR")) < 0) {
            return;
        }
        length -= count;
        np += count;
        if ((count = expect(np, length, elem, BE_INT, "msgAuthoritativeEngineBoots!=INT")) < 0) {
            return;
        }
        if (nd.vflag > 0) {
            out.append("B=").append(elem.integer).append(' ');
        }
        length -= count;
        np += count;
        if ((count = expect(np, length, elem, BE_INT, "msgAuthoritativeEngineTime!=INT")) < 0) {
            return;
        }
        if (nd.vflag > 0) {
            out.append("T=").append(elem.integer).append(' ');
        }
        length -= count;
        np += count;
        if ((count = expect(np, length, elem, BE_STR, "msgUserName!=STR")) < 0) {
            return;
        }
        length -= count;
        np += count;
        out.append("U=");
        if (printString(elem) == -1) {
            return;
        }
        out.append(' ');
        if ((count = expect(np, length, elem, BE_STR, "msgAuthenticationParameters!=STR")) < 0) {
            return;
        }
        length -= count;
        np += count;
        if ((count = expect(np, length, elem, BE_STR, "msgPrivacyParameters!=STR")) < 0) {
            return;
        }
        length -= count;
        if (count < length) {
            out.append('[').append((int) (length - count)).append(" extra after usm SEQ]");
        }
    }

    /** scopedpdu_print(). */
    private void scopedPdu(int np, long length) {
        Be elem = new Be();
        int count = expect(np, length, elem, BE_SEQ, "!scoped PDU");
        if (count < 0) {
            return;
        }
        length = elem.asnlen;
        np = elem.raw;
        if ((count = expect(np, length, elem, BE_STR, "contextEngineID!=STR")) < 0) {
            return;
        }
        length -= count;
        np += count;
        out.append("E=");
        if (printOctets(elem) == -1) {
            return;
        }
        out.append(' ');
        if ((count = expect(np, length, elem, BE_STR, "contextName!=STR")) < 0) {
            return;
        }
        length -= count;
        np += count;
        out.append("C=");
        if (printString(elem) == -1) {
            return;
        }
        out.append(' ');
        pdu(np, length, 3);
    }
}
