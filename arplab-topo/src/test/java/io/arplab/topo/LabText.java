package io.arplab.topo;

import io.arplab.device.Host;
import io.arplab.lab.Lab;
import io.arplab.stack.NetDevice;
import io.arplab.stack.Route;
import java.util.ArrayList;
import java.util.List;

/** A built lab's hosts written out as `ip -br addr` / `ip route` would show them, for comparing labs in tests. */
final class LabText {
    private LabText() {}

    /** One host: "dev MAC addr/len" per interface, then "route: ..." per route. */
    static List<String> host(Lab lab, String name) {
        Host h = lab.host(name);
        List<String> out = new ArrayList<>();
        for (NetDevice d : h.stack().devices()) {
            if (d.loopback) {
                continue;
            }
            StringBuilder sb = new StringBuilder(d.name).append(' ').append(d.mac());
            for (NetDevice.Address a : d.addresses()) {
                sb.append(' ').append(a.address()).append('/').append(a.prefixLength());
            }
            out.add(sb.toString());
        }
        for (Route r : h.stack().routes().routes()) {
            out.add(route(r));
        }
        return out;
    }

    static String route(Route r) {
        return "route: " + r.destinationText() + (r.gateway() != null ? " via " + r.gateway() : "") + " dev "
                + r.device().name + " proto " + r.protocol() + " scope " + r.scope()
                + (r.prefsrc() != null ? " src " + r.prefsrc() : "") + (r.metric() != 0 ? " metric " + r.metric() : "");
    }

    /** The addresses of a host, whatever its devices are called. */
    static List<String> addresses(Lab lab, String name) {
        List<String> out = new ArrayList<>();
        for (NetDevice d : lab.host(name).stack().devices()) {
            if (!d.loopback) {
                d.addresses().forEach(a -> out.add(a.address() + "/" + a.prefixLength()));
            }
        }
        return out;
    }
}
