package io.arplab.junit;

import io.arplab.api.CapturedFrame;
import io.arplab.wire.ArpView;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.util.Optional;

/**
 * An expected Ethernet/IPv4 ARP frame, read as tcpdump prints it: {@code arpRequest().who("10.0.0.2").tell("10.0.0.1")}
 * is "ARP, Request who-has 10.0.0.2 tell 10.0.0.1", {@code arpReply().is("10.0.0.2").at("02:42:0a:00:00:02")} is
 * "ARP, Reply 10.0.0.2 is-at 02:42:0a:00:00:02". A field not given matches anything.
 */
public final class ArpMatcher implements FrameMatcher {
    private final int operation;
    private Ipv4Address spa;
    private MacAddress sha;
    private Ipv4Address tpa;
    private MacAddress tha;
    private MacAddress ethSource;
    private MacAddress ethDestination;

    ArpMatcher(int operation) {
        this.operation = operation;
    }

    /** A request's target protocol address ("who-has"). */
    public ArpMatcher who(String address) {
        tpa = Ipv4Address.parse(address);
        return this;
    }

    /** A request's sender protocol address ("tell"). */
    public ArpMatcher tell(String address) {
        spa = Ipv4Address.parse(address);
        return this;
    }

    /** A reply's sender protocol address (the address that "is-at"). */
    public ArpMatcher is(String address) {
        spa = Ipv4Address.parse(address);
        return this;
    }

    /** A reply's sender hardware address ("is-at"). */
    public ArpMatcher at(String mac) {
        sha = MacAddress.parse(mac);
        return this;
    }

    /** The sender hardware address (ar$sha). */
    public ArpMatcher senderMac(String mac) {
        sha = MacAddress.parse(mac);
        return this;
    }

    /** The target hardware address (ar$tha). */
    public ArpMatcher targetMac(String mac) {
        tha = MacAddress.parse(mac);
        return this;
    }

    /** The target protocol address (ar$tpa). */
    public ArpMatcher targetIp(String address) {
        tpa = Ipv4Address.parse(address);
        return this;
    }

    /** The Ethernet source. */
    public ArpMatcher from(String mac) {
        ethSource = MacAddress.parse(mac);
        return this;
    }

    /** The Ethernet destination ({@code ff:ff:ff:ff:ff:ff} for a broadcast). */
    public ArpMatcher to(String mac) {
        ethDestination = MacAddress.parse(mac);
        return this;
    }

    /** Sent to the Ethernet broadcast address. */
    public ArpMatcher broadcast() {
        ethDestination = MacAddress.BROADCAST;
        return this;
    }

    @Override
    public boolean matches(CapturedFrame frame) {
        Optional<ArpView> a = frame.arp();
        if (a.isEmpty()) {
            return false;
        }
        ArpView v = a.get();
        byte[] b = frame.bytes();
        return v.operationCode() == operation
                && (spa == null || v.senderProtocolAddressBits() == spa.bits())
                && (sha == null || v.senderHardwareAddressBits() == sha.bits())
                && (tpa == null || v.targetProtocolAddressBits() == tpa.bits())
                && (tha == null || v.targetHardwareAddressBits() == tha.bits())
                && (ethDestination == null || MacAddress.read(b, 0).equals(ethDestination))
                && (ethSource == null || MacAddress.read(b, 6).equals(ethSource));
    }

    /** The expected frame in tcpdump's words ({@code *} for a field not given). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (ethSource != null || ethDestination != null) {
            sb.append(ethSource == null ? "*" : ethSource).append(" > ")
                    .append(ethDestination == null ? "*" : ethDestination).append(", ");
        }
        if (operation == 1) {
            sb.append("ARP, Request who-has ").append(text(tpa));
            if (tha != null) {
                sb.append(" (").append(tha).append(')');
            }
            sb.append(" tell ").append(text(spa));
        } else if (operation == 2) {
            sb.append("ARP, Reply ").append(text(spa)).append(" is-at ").append(sha == null ? "*" : sha);
        } else {
            sb.append("ARP, op ").append(operation);
        }
        return sb.toString();
    }

    private static String text(Object o) {
        return o == null ? "*" : o.toString();
    }
}
