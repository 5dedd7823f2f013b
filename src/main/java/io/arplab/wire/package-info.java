/**
 * Wire formats, depending on nothing above them.
 * <p>
 * Reading: a view ({@link io.arplab.wire.EthernetView}, {@link io.arplab.wire.ArpView},
 * {@link io.arplab.wire.Ipv4View}, {@link io.arplab.wire.IcmpView}, {@link io.arplab.wire.UdpView}) wraps
 * {@code (byte[] buf, int off, int len)}; {@code check()} returns null when every accessor is safe, else a short
 * reason. Numeric accessors return primitives; offsets returned by {@code payloadOffset()} and the like index
 * {@code buf} directly, so the next view wraps {@code (buf, v.payloadOffset(), v.payloadLength())}.
 * <p>
 * Writing: records ({@link io.arplab.wire.EthernetHeader}, {@link io.arplab.wire.ArpPacket},
 * {@link io.arplab.wire.Ipv4Header}, {@link io.arplab.wire.IcmpMessage}, {@link io.arplab.wire.UdpDatagram})
 * {@code parse} a checked view and {@code emit(byte[], int)} returning bytes written; parse then emit gives back
 * the same bytes. The {@code *Frames} classes write whole frames on the hot path without allocating.
 */
package io.arplab.wire;
