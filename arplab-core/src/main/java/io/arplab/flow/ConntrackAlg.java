package io.arplab.flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The userspace conntrack's ALGs (lib/conntrack.c): which packets are an ALG's control packets, the helper a new
 * connection keeps, and the expectations a TFTP control connection leaves for the server's answer from another port.
 * FTP's (handle_ftp_ctl(): PORT, PASV, EPRT and EPSV parsed and rewritten) is not modelled.
 */
final class ConntrackAlg {
    static final String FTP = "ftp", TFTP = "tftp";

    /**
     * get_alg_ctl_type(): FTP for TCP from or to port 21, TFTP for UDP to port 69; with a helper the datapath flow's
     * own destination port (its source port for FTP without one) is the control port. The datapath passes the ports
     * of the flow that made the datapath flow (aux->flow); arplab those of the packet itself, the same at the upcall.
     */
    static String ctlType(Conntrack.Key k, String helper) {
        long ftpSrc = 21, ftpDst = 21, tftpDst = 69;
        if (k.dport() != 0) {
            if (helper != null && helper.startsWith(FTP)) {
                ftpDst = k.dport();
            } else if (helper != null && helper.startsWith(TFTP)) {
                tftpDst = k.dport();
            }
        } else if (k.sport() != 0 && helper != null && helper.startsWith(FTP)) {
            ftpSrc = k.sport();
        }
        if (k.proto() == Match.PROTO_UDP && k.dport() == tftpDst) {
            return TFTP;
        }
        return k.proto() == Match.PROTO_TCP && (k.sport() == ftpSrc || k.dport() == ftpDst) ? FTP : null;
    }

    /** ct_verify_helper(): the helper a new connection keeps (conn->alg): any but an ALG's control packet's own. */
    static String verifiedHelper(String helper, String ctl) {
        return ctl == null || helper != null && helper.startsWith(ctl) ? helper : null;
    }

    /**
     * An expectation (struct alg_exp_node): the related connection's key with its source port wildcarded
     * (ALG_WC_SRC_PORT), its parent's original tuple, mark and label, and the address a NAT'ed related connection
     * replies to ({@code natReplyDst}: its reply's destination, else its source).
     */
    record Expectation(Conntrack.Key key, Conntrack.Key parent, long mark, U128 label, long replAddrHi,
            long replAddr, boolean natReplyDst) {}

    /** ct->alg_expectations, in the order they were made. */
    private final Map<Conntrack.Key, Expectation> expectations = new LinkedHashMap<>();

    /** handle_tftp_ctl() → expectation_create(): the server may answer the client's port from any port. */
    void tftpCtl(Conntrack.Conn parent, boolean reply) {
        create(parent.orig.sport(), parent, reply);
    }

    // expectation_create() without src_ip_wc and skip_nat (TFTP's): a packet in the original direction expects one
    // from its destination to its source (the reply tuple's), a reply one the other way (the original tuple's)
    private void create(long dstPort, Conntrack.Conn parent, boolean reply) {
        Conntrack.Key from = reply ? parent.orig : parent.reply;
        boolean natReplyDst;
        Conntrack.Key repl;
        if (reply) {
            natReplyDst = !parent.natted() || parent.natSrc;
            repl = natReplyDst ? parent.reply.reverse() : parent.reply; // rev_key.dst, or rev_key.src for DNAT
        } else {
            natReplyDst = parent.natted() && !parent.natSrc;
            repl = natReplyDst ? parent.orig.reverse() : parent.orig; // key.dst for DNAT, else key.src
        }
        Conntrack.Key key = new Conntrack.Key(parent.orig.zone(), parent.orig.proto(), from.src(), from.dst(), 0,
                dstPort, 0, from.srcHi(), from.dstHi(), from.v6());
        expectations.putIfAbsent(key, new Expectation(key, parent.orig, parent.mark, parent.label, repl.srcHi(),
                repl.src(), natReplyDst));
    }

    /** expectation_lookup(): the expectation a new connection's key meets, its source port wildcarded, or null. */
    Expectation lookup(Conntrack.Key k) {
        return k.icmp() ? null : expectations.get(k.withPorts(0, k.dport()));
    }

    /** expectation_clean(): a parent's expectations go with it (conn_clean__() of a connection with a helper). */
    void clean(Conntrack.Key parent) {
        List<Conntrack.Key> gone = new ArrayList<>();
        for (Expectation e : expectations.values()) {
            if (e.parent().equals(parent)) {
                gone.add(e.key());
            }
        }
        gone.forEach(expectations::remove);
    }
}
