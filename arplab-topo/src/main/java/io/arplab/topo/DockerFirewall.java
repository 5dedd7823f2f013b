package io.arplab.topo;

import io.arplab.stack.HostStack;
import io.arplab.stack.Xtables;
import io.arplab.stack.Xtables.Jump;
import io.arplab.stack.Xtables.Rule;
import io.arplab.stack.Xtables.Verdict;
import java.util.List;

/**
 * The filter rules dockerd (Engine 20.10 to 27, libnetwork drivers/bridge setup_ip_tables_linux.go) writes on the
 * host for its bridge networks: FORWARD's policy DROP (set when dockerd turns ip_forward on), the jumps to DOCKER-USER
 * and DOCKER-ISOLATION-STAGE-1, per network the ACCEPT of what a bridge sends anywhere and of its own hairpin
 * (setupIPTablesInternal(), setIcc()), and the isolation: STAGE-1 sends what leaves a bridge for another interface to
 * STAGE-2, which drops it when it enters another Docker bridge (setINC()); an internal network drops what leaves its
 * subnet and what enters from outside it (setupInternalNetworkRules()). What enters a bridge from elsewhere is
 * accepted only for an established connection (conntrack) or a published port (the DOCKER chain); a lab has neither,
 * so it meets the policy. Each network's isolation rules go first in their chains, as dockerd inserts them (only
 * the counters, which arplab does not list, could tell another order).
 */
final class DockerFirewall {
    private DockerFirewall() {}

    static void install(HostStack host, List<Topology.Network> networks, Topology.Docker docker) {
        Xtables xt = host.xtables();
        Xtables.Chain forward = xt.chain("FORWARD");
        xt.chain("DOCKER");
        Xtables.Chain stage1 = xt.chain("DOCKER-ISOLATION-STAGE-1");
        Xtables.Chain stage2 = xt.chain("DOCKER-ISOLATION-STAGE-2");
        xt.chain("DOCKER-USER").rules().add(Rule.any(Verdict.RETURN));
        xt.policy("FORWARD", Verdict.DROP);
        forward.rules().add(Rule.any(new Jump("DOCKER-USER")));
        forward.rules().add(Rule.any(new Jump("DOCKER-ISOLATION-STAGE-1")));
        for (Topology.Network n : networks) {
            if (n.kind() != Topology.NetworkKind.BRIDGE) {
                continue;
            }
            String br = n.bridge();
            boolean internal = docker.internal().contains(n.name());
            // setINC(): each insert goes first
            stage1.rules().add(0, new Rule(br, false, br, true, 0, -1, false, 0, -1, false,
                    new Jump("DOCKER-ISOLATION-STAGE-2")));
            stage2.rules().add(0, new Rule(null, false, br, false, 0, -1, false, 0, -1, false, Verdict.DROP));
            int net = n.subnet().address().bits();
            int len = n.subnet().prefixLength();
            if (internal) { // setupInternalNetworkRules(): the subnet only, both ways
                stage1.rules().add(0, new Rule(null, false, br, false, net, len, true, 0, -1, false, Verdict.DROP));
                stage1.rules().add(0, new Rule(br, false, null, false, 0, -1, false, net, len, true, Verdict.DROP));
            } else { // setupIPTablesInternal(): out of the bridge to anywhere
                forward.rules().add(new Rule(br, false, br, true, 0, -1, false, 0, -1, false, Verdict.ACCEPT));
            }
            forward.rules().add(new Rule(br, false, br, false, 0, -1, false, 0, -1, false, Verdict.ACCEPT)); // setIcc()
        }
        stage1.rules().add(Rule.any(Verdict.RETURN));
        stage2.rules().add(Rule.any(Verdict.RETURN));
    }
}
