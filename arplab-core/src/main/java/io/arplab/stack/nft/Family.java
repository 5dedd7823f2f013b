package io.arplab.stack.nft;

import java.util.List;

/** The nftables families arplab has hooks for, with the hooks each accepts (net/netfilter/nft_chain_filter.c). */
public enum Family {
    IP("ip", List.of(Hook.PREROUTING, Hook.INPUT, Hook.FORWARD, Hook.OUTPUT, Hook.POSTROUTING)),
    ARP("arp", List.of(Hook.INPUT, Hook.OUTPUT)),
    BRIDGE("bridge", List.of(Hook.PREROUTING, Hook.INPUT, Hook.FORWARD, Hook.OUTPUT, Hook.POSTROUTING)),
    INET("inet", List.of(Hook.PREROUTING, Hook.INPUT, Hook.FORWARD, Hook.OUTPUT, Hook.POSTROUTING));

    public final String nftName;
    public final List<Hook> hooks;

    Family(String nftName, List<Hook> hooks) {
        this.nftName = nftName;
        this.hooks = hooks;
    }

    public static Family byName(String name) {
        for (Family f : values()) {
            if (f.nftName.equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** The order `nft list` prints tables in: the kernel's per-family lists, in NFPROTO order then creation order. */
    public int nfproto() {
        return switch (this) {
            case INET -> 1;
            case IP -> 2;
            case ARP -> 3;
            case BRIDGE -> 7;
        };
    }
}
