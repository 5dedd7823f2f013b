package io.arplab.stack;

import java.util.Arrays;

/**
 * The stored values of the conf keys the stack's behaviour reads, for one of conf/{all,default,DEV} (the kernel's
 * struct ipv4_devconf: data[] plus the state bitmap of keys written on this device). Keys, ranges and the rule that
 * combines conf/all with a device live in {@link SysctlRegistry}; the behaviour reads the combined value through
 * {@link HostStack#devconf}.
 */
public final class DevConf {
    public static final int FORWARDING = 0;
    public static final int PROXY_ARP = 1;
    public static final int ACCEPT_REDIRECTS = 2;
    public static final int SECURE_REDIRECTS = 3;
    public static final int SEND_REDIRECTS = 4;
    public static final int SHARED_MEDIA = 5;
    public static final int RP_FILTER = 6;
    public static final int ARP_FILTER = 7;
    public static final int ARP_ANNOUNCE = 8;
    public static final int ARP_IGNORE = 9;
    public static final int ARP_ACCEPT = 10;
    public static final int ARP_NOTIFY = 11;
    public static final int ARP_EVICT_NOCARRIER = 12;
    public static final int DROP_GRATUITOUS_ARP = 13;
    public static final int ACCEPT_LOCAL = 14;
    public static final int ROUTE_LOCALNET = 15;
    public static final int PROMOTE_SECONDARIES = 16;
    public static final int PROXY_ARP_PVLAN = 17;
    public static final int BC_FORWARDING = 18;
    static final int SLOTS = 19;

    private int[] values;
    /** Whether {@link #values} may be another DevConf's too: copied on the first write (copy-on-write, as fork's pages). */
    private boolean sharedValues;
    /** Slots written on this device (ipv4_devconf.state): conf/default no longer reaches them. */
    private int explicit;

    /** The kernel's defaults (ipv4_devconf_dflt in net/ipv4/devinet.c). */
    public DevConf() {
        values = new int[SLOTS];
        for (SysctlKey k : SysctlRegistry.CONF) {
            if (k.modelled()) {
                values[k.slot()] = k.dflt();
            }
        }
    }

    private DevConf(int[] values) {
        this.values = values;
    }

    /** A copy without the written-keys state (a new device starts from conf/default: devinet_init_net). */
    public DevConf copy() {
        DevConf c = new DevConf(values);
        c.sharedValues = true;
        sharedValues = true;
        return c;
    }

    public int get(int slot) {
        return values[slot];
    }

    /** Stores a value as a sysctl write does, marking the key as set on this device. */
    public void set(int slot, int value) {
        own();
        values[slot] = value;
        explicit |= 1 << slot;
    }

    /** ipv4_devconf_setall(): every key counts as set on this device, so conf/default reaches none of them. */
    void setAll() {
        explicit = (1 << SLOTS) - 1;
    }

    /** devinet_copy_dflt_conf(): a conf/default write reaches a device that never set the key itself. */
    void inherit(int slot, int value) {
        if ((explicit & 1 << slot) == 0 && values[slot] != value) {
            own();
            values[slot] = value;
        }
    }

    private void own() {
        if (sharedValues) {
            values = Arrays.copyOf(values, SLOTS);
            sharedValues = false;
        }
    }
}
