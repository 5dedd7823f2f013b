package io.arplab.report;

import io.arplab.wire.ArpView;
import io.arplab.wire.EthernetView;
import io.arplab.wire.IcmpView;
import io.arplab.wire.IpProtocol;
import io.arplab.wire.Ipv4View;
import io.arplab.wire.MacAddress;
import io.arplab.wire.UdpView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A frame's layers decoded field by field, as Wireshark's packet details pane or Packet Tracer's PDU view lists them. */
public final class FrameFields {
    public record Field(String name, String value) {}

    public record Layer(String name, List<Field> fields) {}

    private FrameFields() {}

    public static List<Layer> decode(byte[] frame) {
        List<Layer> layers = new ArrayList<>();
        EthernetView eth = new EthernetView(frame);
        if (eth.check() != null) {
            layers.add(new Layer("Ethernet", List.of(new Field("error", eth.check()))));
            return layers;
        }
        List<Field> e = new ArrayList<>();
        e.add(new Field("Destination", mac(eth.destination())));
        e.add(new Field("Source", mac(eth.source())));
        for (int i = 0; i < eth.tagCount(); i++) {
            e.add(new Field("802.1Q VLAN", "id " + eth.tagVid(i) + ", priority " + eth.tagPcp(i)));
        }
        e.add(new Field("Type", eth.etherType().toString()));
        layers.add(new Layer("Ethernet II", e));
        int off = eth.payloadOffset();
        int len = eth.payloadLength();
        switch (eth.etherTypeValue()) {
            case 0x0806 -> arp(layers, new ArpView(frame, off, len));
            case 0x0800 -> ipv4(layers, new Ipv4View(frame, off, len));
            default -> { }
        }
        return layers;
    }

    private static void arp(List<Layer> layers, ArpView a) {
        if (a.check() != null) {
            layers.add(new Layer("ARP", List.of(new Field("error", a.check()))));
            return;
        }
        List<Field> f = new ArrayList<>();
        f.add(new Field("Hardware type", a.hardwareType() + (a.hardwareType() == 1 ? " (Ethernet)" : "")));
        f.add(new Field("Protocol type", hex(a.protocolType(), 4) + (a.protocolType() == 0x0800 ? " (IPv4)" : "")));
        f.add(new Field("Hardware size", Integer.toString(a.hardwareLength())));
        f.add(new Field("Protocol size", Integer.toString(a.protocolLength())));
        f.add(new Field("Opcode", a.operationCode() + " (" + a.operation() + ")"));
        if (a.isEthernetIpv4()) {
            f.add(new Field("Sender MAC address", mac(a.senderHardwareAddress())));
            f.add(new Field("Sender IP address", a.senderProtocolAddress().toString()));
            f.add(new Field("Target MAC address", mac(a.targetHardwareAddress())));
            f.add(new Field("Target IP address", a.targetProtocolAddress().toString()));
        }
        layers.add(new Layer("Address Resolution Protocol", f));
    }

    private static void ipv4(List<Layer> layers, Ipv4View ip) {
        if (ip.check() != null) {
            layers.add(new Layer("IPv4", List.of(new Field("error", ip.check()))));
            return;
        }
        List<Field> f = new ArrayList<>();
        f.add(new Field("Version", Integer.toString(ip.version())));
        f.add(new Field("Header length", ip.headerLength() + " bytes (" + ip.ihl() + ")"));
        f.add(new Field("Type of service", hex(ip.tos(), 2)));
        f.add(new Field("Total length", Integer.toString(ip.totalLength())));
        f.add(new Field("Identification", hex(ip.identification(), 4) + " (" + ip.identification() + ")"));
        f.add(new Field("Flags", (ip.dontFragment() ? "DF" : "") + (ip.moreFragments() ? " MF" : "")
                + (ip.dontFragment() || ip.moreFragments() ? "" : "none")));
        f.add(new Field("Fragment offset", Integer.toString(ip.fragmentOffset())));
        f.add(new Field("Time to live", Integer.toString(ip.ttl())));
        f.add(new Field("Protocol", ip.protocolNumber() + (ip.protocol().name() != null ? " (" + ip.protocol().name() + ")" : "")));
        f.add(new Field("Header checksum", hex(ip.headerChecksum(), 4) + (ip.headerChecksumValid() ? " (correct)" : " (incorrect)")));
        f.add(new Field("Source", ip.source().toString()));
        f.add(new Field("Destination", ip.destination().toString()));
        layers.add(new Layer("Internet Protocol Version 4", f));
        if (ip.isFragment() && ip.fragmentOffset() != 0) {
            return;
        }
        int off = ip.payloadOffset();
        int len = ip.availablePayloadLength();
        if (ip.protocolNumber() == IpProtocol.ICMP.number()) {
            icmp(layers, new IcmpView(ip.buffer(), off, len));
        } else if (ip.protocolNumber() == IpProtocol.UDP.number()) {
            UdpView u = new UdpView(ip.buffer(), off, len);
            if (u.check() == null) {
                layers.add(new Layer("User Datagram Protocol", List.of(
                        new Field("Source port", Integer.toString(u.sourcePort())),
                        new Field("Destination port", Integer.toString(u.destinationPort())),
                        new Field("Length", Integer.toString(u.udpLength())),
                        new Field("Checksum", hex(u.checksum(), 4)))));
            }
        }
    }

    private static void icmp(List<Layer> layers, IcmpView i) {
        if (i.check() != null) {
            layers.add(new Layer("ICMP", List.of(new Field("error", i.check()))));
            return;
        }
        List<Field> f = new ArrayList<>();
        f.add(new Field("Type", i.type() + typeName(i.type())));
        f.add(new Field("Code", Integer.toString(i.code())));
        f.add(new Field("Checksum", hex(i.checksum(), 4) + (i.checksumValid() ? " (correct)" : " (incorrect)")));
        if (i.type() == 0 || i.type() == 8) {
            f.add(new Field("Identifier", i.identifier() + " (" + hex(i.identifier(), 4) + ")"));
            f.add(new Field("Sequence number", Integer.toString(i.sequenceNumber())));
            f.add(new Field("Data", i.dataLength() + " bytes"));
        }
        layers.add(new Layer("Internet Control Message Protocol", f));
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0 -> " (Echo reply)";
            case 3 -> " (Destination unreachable)";
            case 5 -> " (Redirect)";
            case 8 -> " (Echo request)";
            case 11 -> " (Time exceeded)";
            default -> "";
        };
    }

    private static String mac(MacAddress m) {
        return m.bits() == 0xffff_ffff_ffffL ? m + " (broadcast)" : m.toString();
    }

    private static String hex(int v, int digits) {
        return "0x" + String.format(Locale.ROOT, "%0" + digits + "x", v);
    }
}
