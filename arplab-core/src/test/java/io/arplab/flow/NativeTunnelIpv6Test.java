package io.arplab.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.arplab.wire.Geneve;
import io.arplab.wire.Ipv6Address;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Native tunnelling over an IPv6 underlay (lib/netdev-native-tnl.c, lib/packets.c compose_nd_ns()) in the forms the
 * IPv6 seeds of refdata/ovs/tnl-random-* recorded with OVS 3.1.
 */
class NativeTunnelIpv6Test {
    private static final long PHY_MAC = 0xaa55aa660001L, REMOTE_MAC = 0xaabbcc000002L;
    private static final Ipv6Address LOCAL = Ipv6Address.parse("fd00:79::201");
    private static final Ipv6Address REMOTE = Ipv6Address.parse("fd00:79::202");

    @Test
    void aNeighbourMissSolicitsTheSolicitedNodeGroup() {
        assertThat(HexFormat.of().formatHex(NativeTunnel.ndSolicit(PHY_MAC, LOCAL, Ipv6Address.parse("fd00:79::203"))))
                .isEqualTo("3333ff000203aa55aa66000186dd6000000000203afffd000079000000000000000000000201"
                        + "ff0200000000000000000001ff000203870023e700000000fd000079000000000000000000000203"
                        + "0101aa55aa660001");
    }

    @Test
    void anIpv6HeaderAlwaysAsksForTheUdpChecksumAndPopsBack() {
        Geneve.Metadata t = new Geneve.Metadata(0x4d, 0, 0, 0x20, 64, 0, 6081, Geneve.TNL_KEY, Ipv6Address.ANY,
                REMOTE);
        byte[] h = NativeTunnel.header(TunnelType.GENEVE, REMOTE_MAC, PHY_MAC, 0, LOCAL, t, new byte[0], false);
        assertThat(NativeTunnel.format(TunnelType.GENEVE, 6081, h, 3)).isEqualTo("tnl_push(tnl_port(6081),header("
                + "size=70,type=5,eth(dst=aa:bb:cc:00:00:02,src=aa:55:aa:66:00:01,dl_type=0x86dd),ipv6(src=fd00:79::201,"
                + "dst=fd00:79::202,label=0,proto=17,tclass=0x20,hlimit=64),udp(src=0,dst=6081,csum=0xffff),"
                + "geneve(vni=0x4d)),out_port(3))");
        byte[] inner = HexFormat.of().parseHex("505400000001f232d807e20308004500002c000040003f0123120ade02030ade0101"
                + "0000c7b000070008000102030405060708090a0b0c0d0e0f");
        byte[] f = NativeTunnel.push(h, inner, Packet.extract(inner, 1), new int[] {32768, 61000});
        int[] at = new int[2];
        long[] flow = Tunnel.pop(f, 0, TunnelType.GENEVE, at); // the checksum over the IPv6 pseudo-header holds
        assertThat(flow).isNotNull();
        assertThat(Tunnel.address6(flow, Slot.TUN_IPV6_SRC_HI)).isEqualTo(LOCAL);
        assertThat(Tunnel.address6(flow, Slot.TUN_IPV6_DST_HI)).isEqualTo(REMOTE);
        assertThat(flow[Slot.TUN_TOS.ordinal()]).isEqualTo(0x20);
        assertThat(flow[Slot.TUN_FLAGS.ordinal()] & Geneve.TNL_CSUM).isEqualTo(Geneve.TNL_CSUM);
        assertThat(at[1] - at[0]).isEqualTo(inner.length);
    }
}
