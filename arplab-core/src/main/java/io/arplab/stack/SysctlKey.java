package io.arplab.stack;

/**
 * One net.ipv4 sysctl as the kernel registers it: where it lives, how its handler converts and bounds a written
 * value, its default, and how the stack reads a per-device key together with conf/all.
 *
 * @param name    the leaf name under /proc/sys/net/ipv4[/conf|neigh/DIR]
 * @param scope   where the key exists
 * @param unit    the proc handler's conversion
 * @param min     smallest accepted value, in the unit written (the handler's extra1, or the type's bound)
 * @param max     largest accepted value, in the unit written (extra2, or the type's bound)
 * @param dflt    the kernel's default, stored (jiffies for times, bytes for unres_qlen)
 * @param combine how conf/all and the device's value make the value in force (conf keys only)
 * @param slot    index in {@link DevConf} when the stack's behaviour reads the key; -1 when only stored
 */
public record SysctlKey(String name, Scope scope, Unit unit, long min, long max, int dflt, Combine combine, int slot,
                        boolean readOnly) {

    /** Where a key exists. */
    public enum Scope {
        /** net.ipv4.NAME */
        NET,
        /** net.ipv4.conf.{all,default,DEV}.NAME (devinet_sysctl_register) */
        CONF,
        /** net.ipv4.neigh.DEV.NAME (neigh_sysctl_register) */
        NEIGH,
        /** net.ipv4.neigh.default.gc_*: neigh_sysctl_register registers them for the initial namespace only */
        NEIGH_INIT_NS,
        /** net.bridge.NAME: br_netfilter's brnf_table, in every namespace while the module is loaded */
        BRIDGE
    }

    /** The proc handler: how a written number becomes the stored int and is shown again (kernel/sysctl.c). */
    public enum Unit {
        /** proc_dointvec / proc_dointvec_minmax: an int, shown as stored */
        INT,
        /** proc_dou8vec_minmax: a u8 */
        U8,
        /** proc_dointvec_jiffies: seconds, stored as jiffies */
        SECONDS,
        /** proc_dointvec_userhz_jiffies: USER_HZ ticks (1/100 s), stored as jiffies */
        CENTISECONDS,
        /** proc_dointvec_ms_jiffies: milliseconds, stored as jiffies */
        MILLISECONDS,
        /** proc_unres_qlen (net/core/neighbour.c): packets, stored as bytes of SKB_TRUESIZE(ETH_FRAME_LEN) */
        PACKETS,
        /** proc_dointvec_minmax over int[2] (ipv4_local_port_range()): two ports, stored as low | high << 16 */
        PORT_RANGE,
        /** brnf_sysctl_call_tables(): proc_dointvec, then any value but 0 stored as 1 */
        SWITCH
    }

    /** How the kernel reads conf/all together with conf/DEV (include/linux/inetdevice.h). */
    public enum Combine {
        /** IN_DEV_CONF_GET: the device's value alone */
        DEVICE,
        /** IN_DEV_ORCONF */
        OR,
        /** IN_DEV_ANDCONF */
        AND,
        /** IN_DEV_MAXCONF */
        MAX,
        /** IN_DEV_RX_REDIRECTS: ANDCONF on a forwarding device, ORCONF on the others */
        RX_REDIRECTS;

        /** The value in force for a device whose own value is {@code dev}; {@code forwarding} is its forwarding. */
        public int apply(int all, int dev, int forwarding) {
            return switch (this) {
                case DEVICE -> dev;
                case OR -> all != 0 || dev != 0 ? 1 : 0;
                case AND -> all != 0 && dev != 0 ? 1 : 0;
                case MAX -> Math.max(all, dev);
                case RX_REDIRECTS -> forwarding != 0 ? AND.apply(all, dev, 0) : OR.apply(all, dev, 0);
            };
        }
    }

    /** Whether the stack's behaviour reads this key (otherwise it is stored and read back only). */
    public boolean modelled() {
        return slot >= 0;
    }
}
