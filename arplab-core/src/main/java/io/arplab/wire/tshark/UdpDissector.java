package io.arplab.wire.tshark;

import java.util.Set;

/** packet-udp.c's dissect() and decode_udp_ports(): "sport → dport", the length checks, the port table. */
final class UdpDissector {
    private static final int ECHO_PORT = 7;

    private UdpDissector() {}

    static void dissect(Tvb tvb, Packet p) {
        int sport = tvb.u16(0);
        int dport = tvb.u16(2);
        p.protocol("UDP");
        p.clearInfo();
        p.info(sport + " \u2192 " + dport);
        int ulen = tvb.u16(4);
        int reported = tvb.reported;
        // RFC 2675: over IPv6 a length of 0 is a jumbogram's, the IP payload's length; then checked as any other
        boolean jumbogram = ulen == 0 && p.netSrc != null && p.netSrc.length == 16;
        if (jumbogram) {
            ulen = reported;
        }
        if (ulen < 8) {
            p.append(" [BAD UDP LENGTH " + ulen + " < 8]");
            return;
        }
        if (ulen > reported && !p.fragmented && !p.inErrorPkt) {
            p.append(" [BAD UDP LENGTH " + ulen + " > IP PAYLOAD LENGTH]");
        }
        p.append(" Len=" + (ulen - 8));
        if (jumbogram) {
            p.append(" [Jumbogram]");
        }
        int cksum = tvb.u16(6);
        if (cksum == 0 && p.netSrc != null && p.netSrc.length == 16) {
            // RFC 8200: over IPv6 a UDP checksum is mandatory
            p.append(" [ILLEGAL CHECKSUM (0)]");
        }
        TftpDissector.findOrCreate(p, sport, dport);
        int len = Math.min(tvb.capturedRemaining(8), ulen - 8);
        int rep = Math.min(tvb.reportedRemaining(8), ulen - 8);
        Tvb next = tvb.subset(8, len, rep);
        int low = Math.min(sport, dport);
        int high = Math.max(sport, dport);
        boolean bad = ulen > reported;
        if (bad && next.reported == 0) {
            // the length claims a payload the datagram does not have
            throw Thrown.REPORTED_BOUNDS.error();
        }
        if (bad && (Values.dissector("udp.port", low) != null || Values.dissector("udp.port", high) != null)) {
            throw new Unsupported("UDP with a bad length to a port with a dissector");
        }
        if (p.inErrorPkt && tvb.capturedRemaining(8) == 0) {
            // dissect(): inside an error packet decode_udp_ports() only runs when some payload was captured
            return;
        }
        if (next.reported == 0) {
            // nothing for a port's dissector
            return;
        }
        if (TftpDissector.tryConversation(next, p, sport, dport)) {
            return;
        }
        if (next.length == 0) {
            // decode_udp_ports() with none of the payload captured: no port's dissector takes it, the data is cut
            throw Thrown.BOUNDS.error();
        }
        if (port(low, next, p, sport, dport) || port(high, next, p, sport, dport)) {
            return;
        }
        heuristics(next, p);
    }

    /** packet-adwin-config.c's structure lengths (UDPStatus ... UDPOut). */
    private static final java.util.Set<Integer> ADWIN_CONFIG_LENGTHS = java.util.Set.of(52, 432, 100, 104, 96, 92, 22);

    /** is_adwin_mac_or_broadcast(): ADwin's IAB block, its OUI, or broadcast. */
    private static boolean adwinMac(long mac) {
        return mac >= 0x0050c2317000L && mac <= 0x0050c2317fffL || mac >>> 24 == 0x002271 || mac == 0xffffffffffffL;
    }

    /**
     * packet-geneve.c's dissect_geneve(): "Encapsulated" and the protocol type's name, the header and its options,
     * then the type's dissector (an Ethernet frame for Transparent Ethernet Bridging), else data.
     */
    private static void geneve(Tvb tvb, Packet p) {
        p.protocol("Geneve");
        p.clearInfo();
        int first = tvb.u8(0);
        tvb.u8(1);
        int type = tvb.u16(2);
        String name = Values.etype(type);
        p.info("Encapsulated " + (name != null ? name : String.format("0x%04x (unknown)", type)));
        tvb.u24(4);
        tvb.u8(7);
        int options = (first & 0x3f) * 4;
        tvb.check(8, options);
        EthDissector.snapEthertype(tvb.subset(8 + options), p, type);
    }

    /**
     * The "udp" heuristic dissectors Wireshark 4.0 enables (DNS's, RTCP's among them) are not modelled: a payload
     * that looks like what they take is not decoded here.
     */
    private static void heuristics(Tvb payload, Packet p) {
        if (payload.length < payload.reported) {
            throw new Unsupported("UDP payload cut by the capture, which the heuristics read");
        }
        if (dnsHeuristicTakes(payload)) {
            throw new Unsupported("UDP payload DNS's heuristic may take");
        }
        if (payload.bytesExist(0, 2) && payload.u8(0) >> 6 == 2 && payload.u8(1) >= 192 && payload.u8(1) <= 223) {
            throw new Unsupported("UDP payload RTCP's heuristic may take");
        }
        if (payload.bytesExist(0, 2) && payload.u16(0) == 0xed01) {
            throw new Unsupported("UDP payload Pathport's heuristic may take"); // its magic (seed 34005)
        }
        if (payload.bytesExist(0, 20) && (payload.u16(2) + 20 == payload.reported || payload.u32(4) == 0x2112a442L)) {
            // classic STUN's message length, STUN's magic cookie (seed 34007)
            throw new Unsupported("UDP payload STUN's heuristic may take");
        }
        if (payload.bytesExist(0, 3) && (payload.u8(0) == 1 || payload.u8(0) == 101)
                && Set.of(12, 16, 24).contains(payload.u8(1)) && payload.u8(1) <= payload.reported
                && payload.u8(2) >= 1 && payload.u8(2) <= 3) {
            // packet_is_cigi(): an IG control or start-of-frame packet of CIGI 1 to 3 and of one of their sizes
            // (seed 35027)
            throw new Unsupported("UDP payload CIGI's heuristic may take");
        }
        if (TftpDissector.validRequest(payload)) {
            // dissect_tftp_heur(): a valid read or write request (probed: no other opcode is taken; which requests
            // with options it takes is not modelled)
            throw new Unsupported("UDP payload TFTP's heuristic may take");
        }
        if (ADWIN_CONFIG_LENGTHS.contains(payload.reported) && (adwinMac(p.dlSrc) || adwinMac(p.dlDst))) {
            // dissect_adwin_config_udp(): its lengths between ADwin or broadcast MACs
            p.protocol("ADwin Config");
            p.clearInfo();
            return;
        }
    }

    /**
     * dissect_dns_heur() as TShark 4.0.17 takes a payload (probed, heldout18's SOME/IP response with no question):
     * more than a header, opcode 0; a query asks one question with no answer or authority record, a response at
     * most one question, 100 answers and 10 authority records; at most 10 additional records either way.
     */
    static boolean dnsHeuristicTakes(Tvb payload) {
        if (payload.reported <= 12 || !payload.bytesExist(0, 12)) {
            return false;
        }
        int flags = payload.u16(2);
        int qd = payload.u16(4);
        int an = payload.u16(6);
        int ns = payload.u16(8);
        int ar = payload.u16(10);
        if ((flags & 0x7800) != 0 || ar > 10) {
            return false;
        }
        return (flags & 0x8000) == 0 ? qd == 1 && an == 0 && ns == 0 : qd <= 1 && an <= 100 && ns <= 10;
    }

    private static boolean port(int port, Tvb next, Packet p, int sport, int dport) {
        if (port == 0) {
            return false;
        }
        if (port == TftpDissector.PORT) {
            return TftpDissector.dissect(next, p, sport, dport);
        }
        if (port == 53) {
            DnsDissector.dissect(next, p, DnsDissector.Kind.DNS);
            return true;
        }
        if (port == 5353 || port == 5355) {
            DnsDissector.dissect(next, p, port == 5353 ? DnsDissector.Kind.MDNS : DnsDissector.Kind.LLMNR);
            return true;
        }
        if (port == 67 || port == 68) {
            DhcpDissector.dissect(next, p);
            return true;
        }
        if (port == 123) {
            NtpDissector.dissect(next, p);
            return true;
        }
        if (port == 514) {
            SyslogDissector.dissect(next, p);
            return true;
        }
        if (port == 137) {
            NbnsDissector.nbns(next, p);
            return true;
        }
        if (port == 138) {
            NbnsDissector.nbdgm(next, p);
            return true;
        }
        if ("snmp".equals(Values.dissector("udp.port", port))) {
            return SnmpDissector.dissect(next, p);
        }
        if (port == 520) {
            RipDissector.dissect(next, p);
            return true;
        }
        if (port == 4789) {
            VxlanDissector.vxlan(next, p);
            return true;
        }
        if (port == 4790) {
            VxlanDissector.gpe(next, p);
            return true;
        }
        if (port == 6635) {
            MplsDissector.dissect(next, p); // MPLS in UDP (RFC 7510)
            return true;
        }
        if (port == 6081) {
            geneve(next, p);
            return true;
        }
        if (BfdDissector.isControlPort(port)) {
            BfdDissector.control(next, p);
            return true;
        }
        if (port == BfdDissector.ECHO_PORT) {
            BfdDissector.echo(p);
            return true;
        }
        if (port == 546 || port == 547) {
            Dhcpv6Dissector.dissect(next, p);
            return true;
        }
        if (port == HsrpDissector.PORT || port == HsrpDissector.PORT_V6) {
            return HsrpDissector.dissect(next, p, dport);
        }
        if (port == L2tpDissector.PORT) {
            return L2tpDissector.dissect(next, p);
        }
        if (port == AodvDissector.PORT) {
            return AodvDissector.dissect(next, p);
        }
        if (port == ECHO_PORT) {
            // packet-echo.c's dissect_echo(): a request to the port, else a response; the data item takes what
            // was captured (probed: cut payloads show no cut)
            p.protocol("ECHO");
            p.info(dport == ECHO_PORT ? "Request" : "Response");
            return true;
        }
        Values.unsupported("udp.port", port);
        return false;
    }
}
