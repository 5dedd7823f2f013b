package io.arplab.wire.tcpdump;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The names tcpdump 4.99.3 prints: its built-in tables (oui.c, ethertype_values, ipproto_values,
 * netdb_protoname()) and the port names of Debian netbase 6.4's /etc/services (addrtoname.c).
 */
final class Names {
    static final char[] HEX = "0123456789abcdef".toCharArray();

    private static final String[] TCP_PORTS = new String[65536];
    private static final String[] UDP_PORTS = new String[65536];
    private static final String[] NETDB_PROTOCOLS = new String[256];
    private static final String[] IPPROTO_VALUES = new String[256];
    private static final String[] IPX_SAP = new String[65536];

    static {
        load("services.txt", f -> {
            String[] table = f[1].equals("tcp") ? TCP_PORTS : UDP_PORTS;
            table[Integer.parseInt(f[0])] = f[2];
        });
        load("protocols.txt", f -> NETDB_PROTOCOLS[Integer.parseInt(f[0])] = f[1]);
        load("ipxsap.txt", "\t", f -> IPX_SAP[Integer.decode(f[0])] = f[1]);
        // ipproto.c ipproto_values: the names of -v's "proto NAME (n)"
        String[][] ipproto = {{"0", "Options"}, {"1", "ICMP"}, {"2", "IGMP"}, {"4", "IPIP"}, {"6", "TCP"},
            {"8", "EGP"}, {"9", "IGRP"}, {"17", "UDP"}, {"33", "DCCP"}, {"41", "IPv6"}, {"43", "Routing"},
            {"44", "Fragment"}, {"46", "RSVP"}, {"47", "GRE"}, {"50", "ESP"}, {"51", "AH"}, {"55", "Mobile IP"},
            {"58", "ICMPv6"}, {"62", "Mobile IP (old)"}, {"88", "EIGRP"}, {"89", "OSPF"}, {"103", "PIM"},
            {"108", "Compressed IP"}, {"112", "VRRP"}, {"113", "PGM"}, {"132", "SCTP"}, {"135", "Mobility"},
            {"143", "Ethernet"}};
        for (String[] e : ipproto) {
            IPPROTO_VALUES[Integer.parseInt(e[0])] = e[1];
        }
    }

    private Names() {}

    /** addrtoname.c's ipxsap_string(): the SAP server type's name (none with -n), else its four hex digits. */
    static String ipxsap(int type, boolean numeric) {
        String name = numeric ? null : IPX_SAP[type];
        return name != null ? name : String.format("%04x", type);
    }

    private interface Row {
        void accept(String[] fields);
    }

    private static void load(String resource, Row row) {
        load(resource, "\\s+", row);
    }

    private static void load(String resource, String separator, Row row) {
        try (InputStream in = Names.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isEmpty() && line.charAt(0) != '#') {
                    row.accept(line.trim().split(separator));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** oui.c oui_values, in table order (tok2str() returns the first match). */
    static String oui(int oui) {
        return switch (oui) {
            case 0x000000 -> "Ethernet";
            case 0x00000c -> "Cisco";
            case 0x00005e -> "IANA";
            case 0x000081 -> "Nortel Networks SONMP";
            case 0x0000f8 -> "Cisco bridged";
            case 0x0080c2 -> "Ethernet bridged";
            case 0x00a03e -> "ATM Forum";
            case 0x00e02f -> "DOCSIS Spanning Tree";
            case 0x080007 -> "Appletalk";
            case 0x009069 -> "Juniper";
            case 0x080009 -> "Hewlett-Packard";
            case 0x00120f -> "IEEE 802.3 Private";
            case 0x0012bb -> "ANSI/TIA";
            case 0x001b21 -> "DCBX";
            case 0x002320 -> "Nicira Networks";
            case 0x5c16c7 -> "Big Switch Networks";
            case 0xb0d2f5 -> "Vello Systems";
            case 0x002481 -> "HP";
            case 0x0004ea -> "HP-Labs";
            case 0x748771 -> "Infoblox Inc";
            case 0xa42305 -> "Open Networking Lab";
            case 0x00049f -> "Freescale";
            case 0x0015ad -> "Netronome";
            case 0x001018 -> "Broadcom";
            case 0x00e004 -> "PMC-Sierra";
            case 0xd0f0db -> "Ericsson";
            default -> null;
        };
    }

    /** print-ether.c ethertype_values; null when tcpdump has no name. */
    static String ethertype(int type) {
        return switch (type) {
            case 0x0800 -> "IPv4";
            case 0x8847 -> "MPLS unicast";
            case 0x8848 -> "MPLS multicast";
            case 0x86dd -> "IPv6";
            case 0x8100 -> "802.1Q";
            case 0x9100 -> "802.1Q-9100";
            case 0x88a8 -> "802.1Q-QinQ";
            case 0x9200 -> "802.1Q-9200";
            case 0x88e5 -> "802.1AE MACsec";
            case 0x0200 -> "PUP";
            case 0x0806 -> "ARP";
            case 0x8035 -> "Reverse ARP";
            case 0x0600 -> "NS";
            case 0x0500 -> "Sprite";
            case 0x1000 -> "Trail";
            case 0x6001 -> "MOP DL";
            case 0x6002 -> "MOP RC";
            case 0x6003 -> "DN";
            case 0x6004 -> "LAT";
            case 0x6007 -> "SCA";
            case 0x6558 -> "TEB";
            case 0x8038 -> "Lanbridge";
            case 0x803c -> "DEC DNS";
            case 0x803e -> "DEC DTS";
            case 0x805b -> "VEXP";
            case 0x805c -> "VPROD";
            case 0x809b -> "Appletalk";
            case 0x80f3 -> "Appletalk ARP";
            case 0x8137 -> "IPX";
            case 0x880b -> "PPP";
            case 0x8808 -> "MPCP";
            case 0x8809 -> "Slow Protocols";
            case 0x8863 -> "PPPoE D";
            case 0x8864 -> "PPPoE S";
            case 0x888e -> "EAPOL";
            case 0x8899 -> "Realtek protocols";
            case 0x886f -> "MS NLB heartbeat";
            case 0x8870 -> "Jumbo";
            case 0x894f -> "NSH";
            case 0x9000 -> "Loopback";
            case 0xfefe -> "OSI";
            case 0x00fe -> "GRE-OSI";
            case 0xabcd -> "CFM (old)";
            case 0x8902 -> "CFM";
            case 0x893a -> "IEEE1905.1";
            case 0x88cc -> "LLDP";
            case 0x88ca -> "TIPC";
            case 0x0707 -> "GeoNet (old)";
            case 0x8947 -> "GeoNet";
            case 0x1111 -> "CALM FAST";
            case 0x88a2 -> "AoE";
            case 0x88f7 -> "PTP";
            case 0xd28b -> "Arista Vendor Specific Protocol";
            default -> null;
        };
    }

    /** tok2str(ipproto_values, "unknown", p). */
    static String ipproto(int proto) {
        String s = IPPROTO_VALUES[proto & 0xff];
        return s == null ? "unknown" : s;
    }

    /** netdb_protoname(): null when unassigned. */
    static String netdbProtocol(int proto) {
        return NETDB_PROTOCOLS[proto & 0xff];
    }

    static void tcpPort(StringBuilder out, int port, boolean numeric) {
        String s = numeric ? null : TCP_PORTS[port];
        if (s == null) {
            out.append(port);
        } else {
            out.append(s);
        }
    }

    static void udpPort(StringBuilder out, int port, boolean numeric) {
        String s = numeric ? null : UDP_PORTS[port];
        if (s == null) {
            out.append(port);
        } else {
            out.append(s);
        }
    }

    /** %x */
    static void appendHex(StringBuilder out, long v) {
        if (v == 0) {
            out.append('0');
            return;
        }
        int shift = (63 - Long.numberOfLeadingZeros(v)) & ~3;
        for (; shift >= 0; shift -= 4) {
            out.append(HEX[(int) (v >>> shift) & 0xf]);
        }
    }

    /** %0Nx */
    static void appendHex(StringBuilder out, long v, int width) {
        int digits = v == 0 ? 1 : ((63 - Long.numberOfLeadingZeros(v)) >> 2) + 1;
        for (int i = digits; i < width; i++) {
            out.append('0');
        }
        appendHex(out, v);
    }

    /** %0Nu */
    static void appendDec(StringBuilder out, long v, int width) {
        long limit = 1;
        for (int i = 1; i < width; i++) {
            limit *= 10;
            if (v < limit) {
                out.append('0');
            }
        }
        out.append(v);
    }

    /** Six colon-separated lower-case octets. */
    static void mac(StringBuilder out, byte[] b, int off) {
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                out.append(':');
            }
            int o = b[off + i] & 0xff;
            out.append(HEX[o >> 4]).append(HEX[o & 0xf]);
        }
    }

    /** addrtoname.c etheraddr_string(): "Broadcast", else the MAC with " (oui NAME)" unless -n. */
    static void etheraddr(StringBuilder out, byte[] b, int off, boolean numeric) {
        if (!numeric) {
            boolean broadcast = true;
            for (int i = 0; i < 6; i++) {
                if (b[off + i] != (byte) 0xff) {
                    broadcast = false;
                    break;
                }
            }
            if (broadcast) {
                out.append("Broadcast");
                return;
            }
        }
        mac(out, b, off);
        if (!numeric) {
            int oui = ((b[off] & 0xff) << 16) | ((b[off + 1] & 0xff) << 8) | (b[off + 2] & 0xff);
            String name = oui(oui);
            out.append(" (oui ").append(name == null ? "Unknown" : name).append(')');
        }
    }

    /** Dotted quad (addrtostr()). */
    static void ipaddr(StringBuilder out, byte[] b, int off) {
        out.append(b[off] & 0xff).append('.').append(b[off + 1] & 0xff).append('.')
                .append(b[off + 2] & 0xff).append('.').append(b[off + 3] & 0xff);
    }

    /** addrtostr6(): RFC 5952-like, longest run of two or more zero words shortened, IPv4-mapped forms. */
    static void ip6addr(StringBuilder out, byte[] b, int off) {
        int bestBase = -1, bestLen = 0, curBase = -1, curLen = 0;
        for (int i = 0; i < 8; i++) {
            int w = ((b[off + 2 * i] & 0xff) << 8) | (b[off + 2 * i + 1] & 0xff);
            if (w == 0) {
                if (curBase == -1) {
                    curBase = i;
                    curLen = 1;
                } else {
                    curLen++;
                }
            } else if (curBase != -1) {
                if (bestBase == -1 || curLen > bestLen) {
                    bestBase = curBase;
                    bestLen = curLen;
                }
                curBase = -1;
            }
        }
        if (curBase != -1 && (bestBase == -1 || curLen > bestLen)) {
            bestBase = curBase;
            bestLen = curLen;
        }
        if (bestBase != -1 && bestLen < 2) {
            bestBase = -1;
        }
        for (int i = 0; i < 8; i++) {
            if (bestBase != -1 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    out.append(':');
                }
                continue;
            }
            if (i != 0) {
                out.append(':');
            }
            int w5 = ((b[off + 10] & 0xff) << 8) | (b[off + 11] & 0xff);
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && w5 == 0xffff))) {
                ipaddr(out, b, off + 12);
                break;
            }
            int w = ((b[off + 2 * i] & 0xff) << 8) | (b[off + 2 * i + 1] & 0xff);
            appendHex(out, w);
        }
        if (bestBase != -1 && bestBase + bestLen == 8) {
            out.append(':');
        }
    }
}
