package io.arplab.wire;

/** IPv4 protocol number (RFC 791 §3.1 "Protocol", IANA "Assigned Internet Protocol Numbers"). Unknown numbers are kept. */
public record IpProtocol(int number) {
    public static final IpProtocol ICMP = new IpProtocol(1);
    public static final IpProtocol IGMP = new IpProtocol(2);
    public static final IpProtocol IPIP = new IpProtocol(4);
    public static final IpProtocol TCP = new IpProtocol(6);
    public static final IpProtocol UDP = new IpProtocol(17);
    public static final IpProtocol IPV6 = new IpProtocol(41);
    public static final IpProtocol GRE = new IpProtocol(47);
    public static final IpProtocol ESP = new IpProtocol(50);
    public static final IpProtocol AH = new IpProtocol(51);
    public static final IpProtocol ICMPV6 = new IpProtocol(58);
    public static final IpProtocol OSPF = new IpProtocol(89);
    public static final IpProtocol PIM = new IpProtocol(103);
    public static final IpProtocol VRRP = new IpProtocol(112);
    public static final IpProtocol SCTP = new IpProtocol(132);

    private static final IpProtocol[] CACHE = new IpProtocol[256];

    static {
        for (int i = 0; i < 256; i++) {
            CACHE[i] = new IpProtocol(i);
        }
        for (IpProtocol p : new IpProtocol[] {ICMP, IGMP, IPIP, TCP, UDP, IPV6, GRE, ESP, AH, ICMPV6, OSPF, PIM, VRRP, SCTP}) {
            CACHE[p.number] = p;
        }
    }

    public IpProtocol {
        if (number < 0 || number > 255) {
            throw new IllegalArgumentException("IP protocol outside 0..255: " + number);
        }
    }

    /** A shared instance for every number (never allocates). */
    public static IpProtocol of(int number) {
        if (number < 0 || number > 255) {
            throw new IllegalArgumentException("IP protocol outside 0..255: " + number);
        }
        return CACHE[number];
    }

    /** Upper-case short name as tcpdump prints it ("ICMP", "UDP"), null when unknown. */
    public String name() {
        return switch (number) {
            case 1 -> "ICMP";
            case 2 -> "IGMP";
            case 4 -> "IPIP";
            case 6 -> "TCP";
            case 17 -> "UDP";
            case 41 -> "IPv6";
            case 47 -> "GRE";
            case 50 -> "ESP";
            case 51 -> "AH";
            case 58 -> "ICMPv6";
            case 89 -> "OSPF";
            case 103 -> "PIM";
            case 112 -> "VRRP";
            case 132 -> "SCTP";
            default -> null;
        };
    }

    @Override
    public String toString() {
        String n = name();
        return (n != null ? n : "unknown") + " (" + number + ")";
    }
}
