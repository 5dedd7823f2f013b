package io.arplab.device;

import io.arplab.stack.HostStack;
import io.arplab.stack.NetDevice;
import io.arplab.stack.SeededRandom;
import io.arplab.wire.Ipv4Address;
import io.arplab.wire.MacAddress;

/**
 * A Linux-like node (a container's network namespace): a {@link HostStack} whose Ethernet devices are this
 * device's ports, in the order they were added.
 */
public final class Host implements Device, HostStack.Outbox {
    private final HostStack stack;
    /**
     * The ports: null, the one device (an idle host has eth0 only), or an array of them from the second on, so a
     * host's one port costs no array.
     */
    private Object ports;
    /** The device output of the call in progress (the stack's outbox maps devices to ports onto it). */
    private Output target;

    public Host(String name, SeededRandom random, long now, long epochNanos) {
        this.stack = new HostStack(name, random, now, epochNanos);
    }

    public HostStack stack() {
        return stack;
    }

    /** Adds an Ethernet interface (the container end of a veth pair); returns its port number. */
    public int addInterface(String devName, MacAddress mac, int mtu) {
        return addPort(stack.addDevice(devName, mac, mtu));
    }

    private int addPort(NetDevice d) {
        if (ports == null) {
            ports = d;
            return 0;
        }
        NetDevice[] a = ports instanceof NetDevice one ? new NetDevice[] {one, null}
                : java.util.Arrays.copyOf((NetDevice[]) ports, ((NetDevice[]) ports).length + 1);
        a[a.length - 1] = d;
        ports = a;
        return a.length - 1;
    }

    /** Adds the Geneve device Open vSwitch creates for its Geneve ports (genev_sys_6081); returns its port. */
    public int addGeneveInterface(String devName, MacAddress mac) {
        return addPort(stack.addGeneveDevice(devName, mac));
    }

    /** Adds an interface with an address and its connected route. */
    public int addInterface(String devName, MacAddress mac, Ipv4Address address, int prefixLength) {
        int p = addInterface(devName, mac, 1500);
        stack.addAddress(port(p), address, prefixLength);
        return p;
    }

    public NetDevice port(int port) {
        if (ports instanceof NetDevice one) {
            if (port != 0) {
                throw new ArrayIndexOutOfBoundsException(port);
            }
            return one;
        }
        if (ports == null) {
            throw new ArrayIndexOutOfBoundsException(port);
        }
        return ((NetDevice[]) ports)[port];
    }

    public int portOf(NetDevice dev) {
        if (ports instanceof NetDevice[] a) {
            for (int i = 0; i < a.length; i++) {
                if (a[i] == dev) {
                    return i;
                }
            }
            return -1;
        }
        return ports == dev && dev != null ? 0 : -1;
    }

    @Override
    public String name() {
        return stack.name();
    }

    @Override
    public int portCount() {
        return ports == null ? 0 : ports instanceof NetDevice[] a ? a.length : 1;
    }

    @Override
    public String portName(int port) {
        return port(port).name;
    }

    @Override
    public void receive(long now, int port, byte[] frame, Output out) {
        NetDevice dev = port(port);
        // a veth whose peer is down passes nothing (veth_xmit() drops), nor a frame longer than the receiving
        // device's MTU allows (__dev_forward_skb() → is_skb_forwardable(): mtu + ETH_HLEN + VLAN_HLEN)
        if (countReceive(port, frame)) {
            stack.receive(now, dev, frame, to(out));
        }
    }

    /**
     * Counts a frame arriving on {@code port} in its device's statistics; false when it does not get in. A veth
     * counts the frame whole (veth_xmit()); a bridge's own device what br_pass_frame_up() hands up, which
     * eth_type_trans() has stripped of its Ethernet header.
     */
    public boolean countReceive(int port, byte[] frame) {
        if (!admits(port, frame)) {
            return false;
        }
        NetDevice dev = port(port);
        dev.countRx("bridge".equals(dev.kind()) ? frame.length - 14 : frame.length);
        return true;
    }

    @Override
    public boolean admits(int port, byte[] frame) {
        NetDevice dev = port(port);
        return dev.carrier() && frame.length <= dev.mtu() + 14 + 4; // mtu + ETH_HLEN + VLAN_HLEN
    }

    @Override
    public void advance(long now, Output out) {
        stack.advance(now, to(out));
    }

    @Override
    public long nextDeadline() {
        return stack.nextDeadline();
    }

    /** The stack's outbox for a device output: interface → port number. */
    public HostStack.Outbox outbox(Output out) {
        return to(out);
    }

    private Host to(Output out) {
        this.target = out;
        return this;
    }

    @Override
    public void doSoftirq() {
        target.doSoftirq();
    }

    @Override
    public void transmit(NetDevice dev, byte[] frame) {
        int p = portOf(dev);
        // without carrier, dev_deactivate() has put noop_qdisc in place: dropped before any capture, counted in the
        // device's tx_dropped (a veth's peer taken down: ip -s link shows each ARP probe it could not send)
        if (p >= 0 && stack.running(dev)) {
            dev.countTx(frame.length);
            target.transmit(p, frame);
        } else if (p >= 0) {
            dev.countTxDropped();
        }
    }
}
