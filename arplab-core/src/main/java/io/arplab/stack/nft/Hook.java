package io.arplab.stack.nft;

/** Netfilter hook points, by the names nft gives them. */
public enum Hook {
    PREROUTING, INPUT, FORWARD, OUTPUT, POSTROUTING;

    public String nftName() {
        return name().toLowerCase();
    }

    public static Hook byName(String name) {
        for (Hook h : values()) {
            if (h.nftName().equals(name)) {
                return h;
            }
        }
        return null;
    }
}
