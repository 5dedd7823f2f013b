package io.arplab.wire.tcpdump;

/**
 * print-udp.c: the UDP header and the port-based dispatch (DNS, timed, TFTP, BOOTP, RIP, ISAKMP and ESP-in-UDP, SNMP,
 * NTP, Kerberos, L2TP, vat, Zephyr, Rx, RIPng, DHCPv6, AHCP, Babel, wb, Cisco Auto-RP, RADIUS, HSRP, Broadcom's LI
 * shim, BFD, VQP, sFlow, LWAPP, SIP, syslog, OTV, VXLAN, Geneve, VXLAN-GPE, MPLS, PTP, SOME/IP), in udp_print()'s
 * order.
 */
final class UdpPrinter {
    private static final int NAMESERVER_PORT = 53;
    private static final int MULTICASTDNS_PORT = 5353;
    /** MPLS in UDP (RFC 7510). */
    private static final int MPLS_PORT = 6635;

    private UdpPrinter() {}

    /** udp_print(). */
    static void udpPrint(Dissector nd, int bp, int length, int ip, boolean fragmented) {
        nd.protocol = "udp";
        try {
            body(nd, bp, length, ip, fragmented);
        } catch (TruncLabel t) {
            nd.trunc();
        }
    }

    private static void body(Dissector nd, int bp, int length, int ip, boolean fragmented) {
        StringBuilder out = nd.out;
        int version = (nd.p[ip] & 0xff) >> 4;
        if (!nd.ttest(bp + 2, 2)) {
            ipaddrPrint(nd, ip, -1, -1);
            throw TruncLabel.INSTANCE;
        }
        int sport = nd.u16(bp);
        int dport = nd.u16(bp + 2);
        if (length < 8) {
            ipaddrPrint(nd, ip, sport, dport);
            out.append("truncated-udp ").append(length);
            return;
        }
        if (!nd.ttest(bp + 4, 2)) {
            ipaddrPrint(nd, ip, sport, dport);
            throw TruncLabel.INSTANCE;
        }
        int ulen = nd.u16(bp + 4);
        if (ulen == 0 && length > 65535) {
            ulen = length;
        }
        if (ulen < 8) {
            ipaddrPrint(nd, ip, sport, dport);
            out.append("truncated-udplength ").append(ulen);
            return;
        }
        ulen -= 8;
        length -= 8;
        if (ulen < length) {
            length = ulen;
        }
        int cp = bp + 8;
        if (cp > nd.snapend) {
            ipaddrPrint(nd, ip, sport, dport);
            throw TruncLabel.INSTANCE;
        }
        ipaddrPrint(nd, ip, sport, dport);
        if (nd.vflag > 0 && !fragmented) {
            if (version == 4 && nd.vflag > 1) {
                int udpSum = nd.u16(bp + 6);
                if (udpSum == 0) {
                    out.append("[no cksum] ");
                } else if (nd.ttest(cp, length)) {
                    int sum = IpPrinter.nextproto4Cksum(nd, ip, bp, length + 8, length + 8, IpPrinter.IPPROTO_UDP);
                    sumVerdict(out, udpSum, sum);
                }
            } else if (version == 6) {
                if (nd.ttest(cp, length)) {
                    int sum = Ip6Printer.nextproto6Cksum(nd, ip, bp, length + 8, length + 8, IpPrinter.IPPROTO_UDP);
                    sumVerdict(out, nd.u16(bp + 6), sum);
                }
            }
        }
        if (nd.qflag) {
            if (ulen > length && !fragmented) {
                out.append("UDP, bad length ").append(ulen).append(" > ").append(length);
            } else {
                out.append("UDP, length ").append(ulen);
            }
        } else if (either(sport, dport, NAMESERVER_PORT)) {
            DnsPrinter.domainPrint(nd, cp, length, false);
        } else if (either(sport, dport, MULTICASTDNS_PORT)) {
            DnsPrinter.domainPrint(nd, cp, length, true);
        } else if (either(sport, dport, TimedPrinter.TIMED_PORT)) {
            TimedPrinter.timedPrint(nd, cp);
        } else if (either(sport, dport, TftpPrinter.TFTP_PORT)) {
            TftpPrinter.tftpPrint(nd, cp, length);
        } else if (either(sport, dport, BootpPrinter.BOOTPC_PORT) || either(sport, dport, BootpPrinter.BOOTPS_PORT)) {
            BootpPrinter.bootpPrint(nd, cp, length);
        } else if (either(sport, dport, RipPrinter.RIP_PORT)) {
            RipPrinter.ripPrint(nd, cp, length);
        } else if (either(sport, dport, AodvPrinter.AODV_PORT)) {
            AodvPrinter.aodvPrint(nd, cp, length, version == 6);
        } else if (either(sport, dport, IsakmpPrinter.ISAKMP_PORT)) {
            IsakmpPrinter.isakmpPrint(nd, cp, length, ip);
        } else if (either(sport, dport, IsakmpPrinter.ISAKMP_PORT_NATT)) {
            IsakmpPrinter.rfc3948Print(nd, cp, length, ip);
        } else if (either(sport, dport, IsakmpPrinter.ISAKMP_PORT_USER1)
                || either(sport, dport, IsakmpPrinter.ISAKMP_PORT_USER2)) {
            IsakmpPrinter.isakmpPrint(nd, cp, length, ip);
        } else if (either(sport, dport, SnmpPrinter.SNMP_PORT) || either(sport, dport, SnmpPrinter.SNMPTRAP_PORT)) {
            SnmpPrinter.snmpPrint(nd, cp, length);
        } else if (either(sport, dport, NtpPrinter.NTP_PORT)) {
            NtpPrinter.ntpPrint(nd, cp, length);
        } else if (either(sport, dport, KrbPrinter.KERBEROS_PORT)
                || either(sport, dport, KrbPrinter.KERBEROS_SEC_PORT)) {
            KrbPrinter.krbPrint(nd, cp);
        } else if (either(sport, dport, L2tpPrinter.L2TP_PORT)) {
            L2tpPrinter.l2tpPrint(nd, cp, length);
        } else if (dport == VatPrinter.VAT_PORT) {
            VatPrinter.vatPrint(nd, cp, length);
        } else if (either(sport, dport, ZephyrPrinter.ZEPHYR_SRV_PORT)
                || either(sport, dport, ZephyrPrinter.ZEPHYR_CLT_PORT)) {
            ZephyrPrinter.zephyrPrint(nd, cp, length);
        } else if (RxPrinter.isPort(sport, dport)) {
            RxPrinter.rxPrint(nd, cp, length);
        } else if (either(sport, dport, RipngPrinter.RIPNG_PORT)) {
            RipngPrinter.ripngPrint(nd, cp, length);
        } else if (either(sport, dport, Dhcp6Printer.DHCP6_SERV_PORT)
                || either(sport, dport, Dhcp6Printer.DHCP6_CLI_PORT)) {
            Dhcp6Printer.dhcp6Print(nd, cp, length);
        } else if (either(sport, dport, AhcpPrinter.AHCP_PORT)) {
            AhcpPrinter.ahcpPrint(nd, cp, length);
        } else if (BabelPrinter.isPort(sport, dport)) {
            BabelPrinter.babelPrint(nd, cp, length);
        } else if (dport == WbPrinter.WB_PORT) {
            WbPrinter.wbPrint(nd, cp, length);
        } else if (either(sport, dport, AutoRpPrinter.CISCO_AUTORP_PORT)) {
            AutoRpPrinter.autorpPrint(nd, cp, length);
        } else if (RadiusPrinter.isPort(sport, dport)) {
            RadiusPrinter.radiusPrint(nd, cp, length);
        } else if (dport == HsrpPrinter.HSRP_PORT) {
            HsrpPrinter.hsrpPrint(nd, cp, length);
        } else if (either(sport, dport, LdpPrinter.LDP_PORT)) {
            LdpPrinter.ldpPrint(nd, cp, length);
        } else if (either(sport, dport, OlsrPrinter.OLSR_PORT)) {
            OlsrPrinter.olsrPrint(nd, cp, length, version == 6);
        } else if (either(sport, dport, LspPingPrinter.MPLS_LSP_PING_PORT)) {
            LspPingPrinter.lspPingPrint(nd, cp, length);
        } else if (sport == BcmLiPrinter.BCM_LI_PORT) {
            BcmLiPrinter.bcmLiPrint(nd, cp, length);
        } else if (BfdPrinter.isPort(dport)) {
            BfdPrinter.bfdPrint(nd, cp, length, dport);
        } else if (either(sport, dport, VqpPrinter.VQP_PORT)) {
            VqpPrinter.vqpPrint(nd, cp, length);
        } else if (either(sport, dport, SflowPrinter.SFLOW_PORT)) {
            SflowPrinter.sflowPrint(nd, cp, length);
        } else if (dport == LwappPrinter.LWAPP_CONTROL_PORT) {
            LwappPrinter.controlPrint(nd, cp, length, true);
        } else if (sport == LwappPrinter.LWAPP_CONTROL_PORT) {
            LwappPrinter.controlPrint(nd, cp, length, false);
        } else if (either(sport, dport, LwappPrinter.LWAPP_DATA_PORT)) {
            LwappPrinter.dataPrint(nd, cp, length);
        } else if (either(sport, dport, TxtprotoPrinter.SIP_PORT)) {
            TxtprotoPrinter.sipPrint(nd, cp, length);
        } else if (either(sport, dport, SyslogPrinter.SYSLOG_PORT)) {
            SyslogPrinter.syslogPrint(nd, cp, length);
        } else if (either(sport, dport, OtvPrinter.OTV_PORT)) {
            OtvPrinter.otvPrint(nd, cp, length);
        } else if (either(sport, dport, VxlanPrinter.VXLAN_PORT)) {
            VxlanPrinter.vxlanPrint(nd, cp, length);
        } else if (either(sport, dport, GenevePrinter.GENEVE_PORT)) {
            GenevePrinter.genevePrint(nd, cp, length);
        } else if (either(sport, dport, LispPrinter.LISP_CONTROL_PORT)) {
            LispPrinter.lispPrint(nd, cp, length);
        } else if (either(sport, dport, VxlanGpePrinter.VXLAN_GPE_PORT)) {
            VxlanGpePrinter.vxlanGpePrint(nd, cp, length);
        } else if (either(sport, dport, MPLS_PORT)) {
            MplsPrinter.mplsPrint(nd, cp, length);
        } else if (PtpPrinter.isPort(sport, dport)) {
            PtpPrinter.ptpPrint(nd, cp, length);
        } else if (either(sport, dport, SomeipPrinter.SOMEIP_PORT)) {
            SomeipPrinter.someipPrint(nd, cp, length);
        } else if (ulen > length && !fragmented) {
            out.append("UDP, bad length ").append(ulen).append(" > ").append(length);
        } else {
            out.append("UDP, length ").append(ulen);
        }
    }

    /** IS_SRC_OR_DST_PORT(). */
    private static boolean either(int sport, int dport, int port) {
        return sport == port || dport == port;
    }

    private static void sumVerdict(StringBuilder out, int udpSum, int sum) {
        if (sum != 0) {
            out.append("[bad udp cksum 0x");
            Names.appendHex(out, udpSum, 4);
            out.append(" -> 0x");
            Names.appendHex(out, Checksum.shouldBe(udpSum, sum), 4);
            out.append("!] ");
        } else {
            out.append("[udp sum ok] ");
        }
    }

    /** udpipaddr_print(): addresses and ports, "src.sport > dst.dport: ". */
    private static void ipaddrPrint(Dissector nd, int ip, int sport, int dport) {
        StringBuilder out = nd.out;
        int version = (nd.p[ip] & 0xff) >> 4;
        if (version == 6) {
            if (nd.u8(ip + 6) == IpPrinter.IPPROTO_UDP) {
                nd.check(ip + 8, 32);
                Names.ip6addr(out, nd.p, ip + 8);
                if (sport != -1) {
                    out.append('.');
                    Names.udpPort(out, sport, nd.numeric);
                }
                out.append(" > ");
                Names.ip6addr(out, nd.p, ip + 24);
                if (dport != -1) {
                    out.append('.');
                    Names.udpPort(out, dport, nd.numeric);
                }
                out.append(": ");
            } else if (sport != -1) {
                Names.udpPort(out, sport, nd.numeric);
                out.append(" > ");
                Names.udpPort(out, dport, nd.numeric);
                out.append(": ");
            }
        } else {
            if (nd.u8(ip + 9) == IpPrinter.IPPROTO_UDP) {
                nd.check(ip + 12, 8);
                Names.ipaddr(out, nd.p, ip + 12);
                if (sport != -1) {
                    out.append('.');
                    Names.udpPort(out, sport, nd.numeric);
                }
                out.append(" > ");
                Names.ipaddr(out, nd.p, ip + 16);
                if (dport != -1) {
                    out.append('.');
                    Names.udpPort(out, dport, nd.numeric);
                }
                out.append(": ");
            } else if (sport != -1) {
                Names.udpPort(out, sport, nd.numeric);
                out.append(" > ");
                Names.udpPort(out, dport, nd.numeric);
                out.append(": ");
            }
        }
    }
}
