/**
 * Labs from files: arplab's own YAML format ({@link io.arplab.topo.LabFormat}) and docker-compose files
 * ({@link io.arplab.topo.ComposeFormat}) read into a {@link io.arplab.topo.Topology}, checked by
 * {@link io.arplab.topo.TopologyValidator} and built into a {@link io.arplab.lab.Lab} by
 * {@link io.arplab.topo.TopologyBuilder}.
 * <p>
 * Reading goes through SnakeYAML's composed node tree ({@code Yaml}), so every node keeps its line and column and
 * every mistake is reported as one line, {@code FILE:LINE:COL: what (did you mean 'x'?)}
 * ({@link io.arplab.topo.TopologyException}). What a file leaves out is filled in by Docker's rules
 * ({@code DockerIpam}: default address pools, sequential addresses, 02:42 MACs, bridge names).
 */
package io.arplab.topo;
