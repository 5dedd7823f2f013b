/**
 * Live mode's low-level pieces: a TAP device ({@link io.arplab.live.TapDevice}) whose other side is the real
 * Linux kernel, and {@link io.arplab.live.IpCommand} for placing and configuring that side with iproute2.
 */
package io.arplab.live;
