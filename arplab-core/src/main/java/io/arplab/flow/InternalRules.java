package io.arplab.flow;

import java.util.List;

/**
 * add_internal_flows() (ofproto-dpif.c): the hidden rules of TBL_INTERNAL (table 254) that translation reaches
 * through reg0 or a recirculation: a table miss sent to the controllers, one without a packet-in, fragments
 * frag_handling "drop" gives up, and runaway lookups.
 */
final class InternalRules {
    /** ofproto->miss_rule: reg0=0x1, whose controller action (OFPR_IMPLICIT_MISS) sends a table miss on. */
    final Rule miss = new Rule(254, 0, new Match(), 0, 0);
    /** ofproto->no_packet_in_rule: reg0=0x2, without actions, what a table miss takes otherwise. */
    final Rule noPacketIn = new Rule(254, 0, new Match(), 0, 0);
    /** ofproto->drop_frags_rule: reg0=0x3, without actions (add_internal_miss_flow()). */
    final Rule dropFrags = new Rule(254, 0, new Match(), 0, 0);
    /** The last rule: recirc_id=0 at priority 2, without actions. */
    final Rule recircZero = new Rule(254, 2, new Match(), 0, 0);

    InternalRules() {
        miss.match.setSlot(Slot.REG0, 1, 0xffffffffL);
        miss.actions(List.of(new Action.Controller(0xffff, 7, 0, null, false, -1)));
        noPacketIn.match.setSlot(Slot.REG0, 2, 0xffffffffL);
        noPacketIn.actions(List.of());
        dropFrags.match.setSlot(Slot.REG0, 3, 0xffffffffL);
        dropFrags.actions(List.of());
        recircZero.match.setSlot(Slot.RECIRC_ID, 0, 0xffffffffL);
        recircZero.actions(List.of());
    }

    /** In TBL_INTERNAL's classifier order: the recirc_id subtable, then reg0's rules 1, 2 and 3. */
    List<Rule> all() {
        return List.of(recircZero, miss, noPacketIn, dropFrags);
    }
}
