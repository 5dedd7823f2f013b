/**
 * Wire formats, depending on nothing above them.
 * <p>
 * Reading: a view ({@link io.arplab.wire.EthernetView}, {@link io.arplab.wire.ArpView},
 * {@link io.arplab.wire.Ipv4View}, {@link io.arplab.wire.IcmpView}, {@link io.arplab.wire.UdpView}) wraps
 * {@code (byte[] buf, int off, int len)}; {@code check()} returns null when every accessor is safe, else a short
 * reason. Numeric accessors return primitives; offsets returned by {@code payloadOffset()} and the like index
 * {@code buf} directly, so the next view wraps {@code (buf, v.payloadOffset(), v.payloadLength())}.
 * <p>
 * Writing: the {@code *Frames} classes ({@link io.arplab.wire.ArpFrames}, {@link io.arplab.wire.EthernetFrames},
 * {@link io.arplab.wire.Ipv4Frames}, {@link io.arplab.wire.IcmpFrames}) write the frames the stack sends, from
 * primitives and without allocating. The parse/emit records that check the views round-trip bytes live with the
 * tests.
 */
package io.arplab.wire;
