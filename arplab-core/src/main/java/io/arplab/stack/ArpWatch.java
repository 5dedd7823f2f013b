package io.arplab.stack;

/**
 * What decides whether a device's arp_process() can act on a broadcast ARP frame, pushed to whoever indexes it (the
 * simulator's flood index, which keeps devices that cannot act out of a flood). Per net/ipv4/arp.c arp_process(), a
 * frame acts on a device only if its namespace owns the target address, holds an entry for the sender on the device,
 * or the device is not {@link HostStack#arpQuiet quiet}.
 */
public interface ArpWatch {
    /** The namespace created ({@code linked}) or dropped a neighbour entry for {@code ip} on the watched device. */
    void neighbour(int ip, boolean linked);

    /** Addresses, sysctls, link state, packet sockets or proxy entries changed: quietness and local addresses may have. */
    void configChanged();
}
