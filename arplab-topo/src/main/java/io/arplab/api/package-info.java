/**
 * arplab as a library for other people's tests: a lab loaded from a file or built in code ({@link io.arplab.api.Lab}),
 * its nodes ({@link io.arplab.api.Node}) with typed results of the tools they run, typed neighbour entries, frames
 * built with {@link io.arplab.api.Frames} and put on the wire, and captures as lists of typed frames that print as
 * tcpdump prints them. Everything runs in virtual time: the same lab, calls and seed give the same frames, bytes and
 * text.
 * <pre>{@code
 * try (Lab lab = Lab.fromYaml(Path.of("lab.yaml"))) {
 *     PingResult r = lab.node("node1").ping("node3", 2);
 *     Optional<Neighbour> n = lab.node("node1").neigh("172.28.0.13");
 *     lab.advance(Duration.ofSeconds(60));
 * }
 * }</pre>
 * This package uses only the engine's packages and {@code topo} (lab files): no command line or shell library.
 */
package io.arplab.api;
