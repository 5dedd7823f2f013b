package io.arplab.topo;

import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The flows an Antrea agent of the seed's era (v0.10, OVS 2.14) installs on a node's br-int, in ovs-ofctl syntax,
 * table by table as pkg/agent/openflow/pipeline.go builds them (and as dumlutimuralp/antrea-packet-walks records
 * them): 0 classifier, 10 spoof guard, 20 ARP responder, 30/31 conntrack (zone 65520), 40 DNAT to the gateway for
 * ClusterIPs, 50/60 egress rules, 70 L3 forwarding (MAC rewrite, tunnel destination), 80 L2 forwarding, 90/100
 * ingress rules, 105 conntrack commit (mark 0x20 for the gateway's connections), 110 output. With services,
 * AntreaProxy's tables replace table 40: 40 SessionAffinity, 41 ServiceLB, 42 EndpointDNAT, and table 30's ct
 * un-NATs replies (pkg/agent/openflow/pipeline.go, serviceLBFlow(), endpointDNATFlow(), serviceGroup()).
 */
final class AntreaPipeline {
    /** pkg/agent/config: the global virtual MAC every tunnelled frame is sent to. */
    static final MacAddress GLOBAL_VIRTUAL_MAC = MacAddress.parse("aa:bb:cc:dd:ee:ff");
    static final int CT_ZONE = 65520;
    static final long TUNNEL_PORT = 1, GATEWAY_PORT = 2;
    // pkg/agent/openflow/cookie: the category in bits 40-47 of every cookie
    private static final String DEFAULT = "cookie=0x1000000000000,", NODE = "cookie=0x1020000000000,",
            POD = "cookie=0x1030000000000,", SERVICE = "cookie=0x1040000000000,";

    /** A local pod: its port, address and MAC. */
    record Pod(long ofport, Ipv4Address address, MacAddress mac) {}

    /** A peer node: its pod CIDR, gateway and underlay address. */
    record Peer(String cidr, Ipv4Address gateway, Ipv4Address address) {}

    /** A service as AntreaProxy installs it: its group, frontend and endpoints (pod address, target port). */
    record Service(long group, String protocol, Ipv4Address clusterIp, int port, List<Ipv4Address> endpoints,
                   int targetPort) {}

    /** pkg/agent/openflow/pipeline.go: serviceCTMark, the ct_mark of connections DNATed to an endpoint. */
    static final String SERVICE_CT_MARK = "0x21";

    /**
     * The group per service (serviceGroup(), test/integration/agent/openflow_test.go): select, one bucket per
     * endpoint of weight 100 loading its address into reg3 and port into reg4[0..15], resubmitted to EndpointDNAT.
     */
    static List<String> groups(List<Service> services) {
        List<String> g = new ArrayList<>();
        for (Service s : services) {
            StringBuilder b = new StringBuilder("group_id=" + s.group() + ",type=select");
            for (int i = 0; i < s.endpoints().size(); i++) {
                b.append(",bucket=bucket_id:").append(i).append(",weight:100,actions=load:0x")
                        .append(hex(s.endpoints().get(i))).append("->NXM_NX_REG3[],load:0x")
                        .append(Integer.toHexString(s.targetPort())).append("->NXM_NX_REG4[0..15],resubmit(,42)");
            }
            g.add(b.toString());
        }
        return g;
    }

    private AntreaPipeline() {}

    static List<String> flows(Ipv4Address gw, MacAddress gwMac, String serviceCidr, List<Pod> pods,
                              List<Peer> peers, List<Service> services) {
        boolean proxy = !services.isEmpty();
        List<String> f = new ArrayList<>();
        // table 0, Classification: reg0[0..15] = where from (0 tunnel, 1 gateway, 2 pod); reg0[19]: from a tunnel
        f.add(DEFAULT + "table=0,priority=200,in_port=" + GATEWAY_PORT
                + " actions=load:0x1->NXM_NX_REG0[0..15],goto_table:10");
        f.add(DEFAULT + "table=0,priority=200,in_port=" + TUNNEL_PORT
                + " actions=load:0->NXM_NX_REG0[0..15],load:0x1->NXM_NX_REG0[19],goto_table:30");
        for (Pod p : pods) {
            f.add(POD + "table=0,priority=190,in_port=" + p.ofport()
                    + " actions=load:0x2->NXM_NX_REG0[0..15],goto_table:10");
        }
        f.add(DEFAULT + "table=0,priority=0 actions=drop");
        // table 10, SpoofGuard: a port may only send its own IP and MAC
        f.add(DEFAULT + "table=10,priority=200,ip,in_port=" + GATEWAY_PORT + " actions=goto_table:30");
        f.add(DEFAULT + "table=10,priority=200,arp,in_port=" + GATEWAY_PORT + ",arp_spa=" + gw + ",arp_sha=" + gwMac
                + " actions=goto_table:20");
        for (Pod p : pods) {
            f.add(POD + "table=10,priority=200,arp,in_port=" + p.ofport() + ",arp_spa=" + p.address() + ",arp_sha="
                    + p.mac() + " actions=goto_table:20");
        }
        for (Pod p : pods) {
            f.add(POD + "table=10,priority=200,ip,in_port=" + p.ofport() + ",dl_src=" + p.mac() + ",nw_src="
                    + p.address() + " actions=goto_table:30");
        }
        f.add(DEFAULT + "table=10,priority=0 actions=drop");
        // table 20, ARPResponder: every peer gateway is at the global virtual MAC (arpResponderFlow())
        for (Peer p : peers) {
            f.add(NODE + "table=20,priority=200,arp,arp_tpa=" + p.gateway() + ",arp_op=1 actions="
                    + "move:NXM_OF_ETH_SRC[]->NXM_OF_ETH_DST[],mod_dl_src:" + GLOBAL_VIRTUAL_MAC
                    + ",load:0x2->NXM_OF_ARP_OP[],move:NXM_NX_ARP_SHA[]->NXM_NX_ARP_THA[],load:0x"
                    + Long.toHexString(GLOBAL_VIRTUAL_MAC.bits()) + "->NXM_NX_ARP_SHA[],"
                    + "move:NXM_OF_ARP_SPA[]->NXM_OF_ARP_TPA[],load:0x" + hex(p.gateway())
                    + "->NXM_OF_ARP_SPA[],IN_PORT");
        }
        f.add(DEFAULT + "table=20,priority=190,arp actions=NORMAL");
        f.add(DEFAULT + "table=20,priority=0 actions=drop");
        // tables 30, 31, ConntrackZone and ConntrackState: replies to the gateway's connections go back to it
        f.add(DEFAULT + "table=30,priority=200,ip actions=ct(table=31,zone=" + CT_ZONE + (proxy ? ",nat)" : ")"));
        f.add(DEFAULT + "table=31,priority=210,ct_state=-new+trk,ct_mark=0x20,ip,reg0=0x1/0xffff"
                + " actions=goto_table:40");
        f.add(DEFAULT + "table=31,priority=200,ct_state=-new+trk,ct_mark=0x20,ip actions=load:0x"
                + Long.toHexString(gwMac.bits()) + "->NXM_OF_ETH_DST[],goto_table:40");
        if (proxy) { // conntrackStateFlows(): a service connection's later packets get the MAC-rewrite mark too
            f.add(SERVICE + "table=31,priority=200,ct_state=-new+trk,ct_mark=" + SERVICE_CT_MARK
                    + ",ip actions=load:0x1->NXM_NX_REG0[19],goto_table:40");
        }
        f.add(DEFAULT + "table=31,priority=190,ct_state=+inv+trk,ip actions=drop");
        f.add(DEFAULT + "table=31,priority=0 actions=goto_table:40");
        if (proxy) {
            serviceFlows(f, services);
        } else {
            // table 40, DNAT: ClusterIPs go to the gateway (kube-proxy on the node)
            f.add(SERVICE + "table=40,priority=200,ip,nw_dst=" + serviceCidr + " actions=mod_dl_dst:" + gwMac
                    + ",load:0x" + GATEWAY_PORT + "->NXM_NX_REG1[],load:0x1->NXM_NX_REG0[16],goto_table:105");
            f.add(DEFAULT + "table=40,priority=0 actions=goto_table:50");
        }
        // tables 50, 60, EgressRule and EgressDefaultRule: no policies
        f.add(DEFAULT + "table=50,priority=210,ct_state=-new+est,ip actions=goto_table:70");
        f.add(DEFAULT + "table=50,priority=0 actions=goto_table:60");
        f.add(DEFAULT + "table=60,priority=0 actions=goto_table:70");
        // table 70, L3Forwarding: tunnelled frames for local pods and the gateway, peers' CIDRs into the tunnel
        f.add(DEFAULT + "table=70,priority=200,ip,dl_dst=" + GLOBAL_VIRTUAL_MAC + ",nw_dst=" + gw
                + " actions=mod_dl_dst:" + gwMac + ",goto_table:80");
        // with AntreaProxy, l3FwdFlowToPod() matches the MAC-rewrite mark (reg0[19]: tunnel or ServiceLB) instead
        String toPod = proxy ? "reg0=0x80000/0x80000" : "dl_dst=" + GLOBAL_VIRTUAL_MAC;
        for (Pod p : pods) {
            f.add(POD + "table=70,priority=200,ip," + toPod + ",nw_dst=" + p.address()
                    + " actions=mod_dl_src:" + gwMac + ",mod_dl_dst:" + p.mac() + ",dec_ttl,goto_table:80");
        }
        for (Peer p : peers) {
            f.add(NODE + "table=70,priority=200,ip,nw_dst=" + p.cidr() + " actions=dec_ttl,mod_dl_src:" + gwMac
                    + ",mod_dl_dst:" + GLOBAL_VIRTUAL_MAC + ",load:0x" + TUNNEL_PORT + "->NXM_NX_REG1[],"
                    + "load:0x1->NXM_NX_REG0[16],load:0x" + hex(p.address()) + "->NXM_NX_TUN_IPV4_DST[],"
                    + "goto_table:105");
        }
        f.add(DEFAULT + "table=70,priority=0 actions=goto_table:80");
        // table 80, L2ForwardingCalc: the output port in reg1, reg0[16] marks it found
        f.add(DEFAULT + "table=80,priority=200,dl_dst=" + gwMac + " actions=load:0x" + GATEWAY_PORT
                + "->NXM_NX_REG1[],load:0x1->NXM_NX_REG0[16],goto_table:90");
        for (Pod p : pods) {
            f.add(POD + "table=80,priority=200,dl_dst=" + p.mac() + " actions=load:0x" + Long.toHexString(p.ofport())
                    + "->NXM_NX_REG1[],load:0x1->NXM_NX_REG0[16],goto_table:90");
        }
        f.add(DEFAULT + "table=80,priority=0 actions=goto_table:90");
        // tables 90, 100, IngressRule and IngressDefaultRule: the gateway (kubelet probes) always passes
        f.add(DEFAULT + "table=90,priority=210,ct_state=-new+est,ip actions=goto_table:105");
        f.add(DEFAULT + "table=90,priority=210,ip,nw_src=" + gw + " actions=goto_table:105");
        f.add(DEFAULT + "table=90,priority=0 actions=goto_table:100");
        f.add(DEFAULT + "table=100,priority=0 actions=goto_table:105");
        // table 105, ConntrackCommit: new connections committed, the gateway's marked 0x20
        if (proxy) { // a service's connection was committed by EndpointDNAT already
            f.add(SERVICE + "table=105,priority=210,ct_state=+new+trk,ct_mark=" + SERVICE_CT_MARK
                    + ",ip actions=goto_table:110");
        }
        f.add(DEFAULT + "table=105,priority=200,ct_state=+new+trk,ip,reg0=0x1/0xffff actions=ct(commit,table=110,"
                + "zone=" + CT_ZONE + ",exec(load:0x20->NXM_NX_CT_MARK[]))");
        f.add(DEFAULT + "table=105,priority=190,ct_state=+new+trk,ip actions=ct(commit,table=110,zone=" + CT_ZONE
                + ")");
        f.add(DEFAULT + "table=105,priority=0 actions=goto_table:110");
        // table 110, L2ForwardingOut
        f.add(DEFAULT + "table=110,priority=200,ip,reg0=0x10000/0x10000 actions=output:NXM_NX_REG1[]");
        f.add(DEFAULT + "table=110,priority=0 actions=drop");
        return f;
    }

    // reg4[16..18]: 0b001 needs load balancing, 0b010 endpoint selected (pipeline.go marksRegServiceNeedLB/Selected)
    private static void serviceFlows(List<String> f, List<Service> services) {
        // table 40, SessionAffinity: no affinity modelled, every packet needs an endpoint
        f.add(DEFAULT + "table=40,priority=0 actions=load:0x1->NXM_NX_REG4[16..18],goto_table:41");
        // table 41, ServiceLB: the ClusterIP:port to the service's group (serviceLBFlow())
        for (Service s : services) {
            f.add(SERVICE + "table=41,priority=200," + s.protocol() + ",reg4=0x10000/0x70000,nw_dst=" + s.clusterIp()
                    + ",tp_dst=" + s.port() + " actions=load:0x2->NXM_NX_REG4[16..18],load:0x1->NXM_NX_REG0[19],group:"
                    + s.group());
        }
        f.add(DEFAULT + "table=41,priority=0 actions=goto_table:42");
        // table 42, EndpointDNAT: commit the connection DNATed to the chosen endpoint (endpointDNATFlow())
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Service s : services) {
            for (Ipv4Address ep : s.endpoints()) {
                if (seen.add(s.protocol() + ep + ":" + s.targetPort())) {
                    f.add(SERVICE + "table=42,priority=200," + s.protocol() + ",reg3=0x" + hex(ep) + ",reg4=0x"
                            + Integer.toHexString((0b010 << 16) + s.targetPort()) + "/0x7ffff actions=ct(commit,"
                            + "table=50,zone=" + CT_ZONE + ",nat(dst=" + ep + ":" + s.targetPort() + "),exec(load:"
                            + SERVICE_CT_MARK + "->NXM_NX_CT_MARK[]))");
                }
            }
        }
        f.add(DEFAULT + "table=42,priority=0 actions=goto_table:50");
    }

    private static String hex(Ipv4Address a) {
        return Long.toHexString(a.bits() & 0xffffffffL);
    }
}
