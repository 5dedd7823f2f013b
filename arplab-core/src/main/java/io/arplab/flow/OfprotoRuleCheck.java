package io.arplab.flow;

/**
 * ofproto-dpif.c rule_check(), which rule_construct() runs for every rule an add or a modify makes: the rule's match
 * (check_mask()) and actions (check_actions()) against the datapath's run-time support, which dpif/set-dp-features
 * lowers.
 */
final class OfprotoRuleCheck {
    private OfprotoRuleCheck() {}

    /** The error that refuses the flow_mod's rule, or null. */
    static String ruleCheck(Datapath dp, FlowMod fm) {
        String mask = checkMask(dp, fm.match());
        return mask != null ? mask : checkActions(dp, fm);
    }

    // check_mask(): a conntrack field the rule matches on (any bit of its mask) the datapath no longer supports
    private static String checkMask(Datapath dp, Match m) {
        long state = m.mask(Slot.CT_STATE);
        boolean tuple = dp.supports(Datapath.Support.CT_ORIG_TUPLE), tuple6 = dp.supports(Datapath.Support.CT_ORIG_TUPLE6);
        if (state != 0 && !dp.supports(Datapath.Support.CT_STATE)
                || (state & (Conntrack.SNAT | Conntrack.DNAT)) != 0 && !dp.supports(Datapath.Support.CT_STATE_NAT)
                || m.mask(Slot.CT_ZONE) != 0 && !dp.supports(Datapath.Support.CT_ZONE)
                || m.mask(Slot.CT_MARK) != 0 && !dp.supports(Datapath.Support.CT_MARK)
                || (m.mask(Slot.CT_LABEL_HI) | m.mask(Slot.CT_LABEL_LO)) != 0 && !dp.supports(Datapath.Support.CT_LABEL)
                || !tuple && !tuple6 && (m.mask(Slot.CT_NW_PROTO) | m.mask(Slot.CT_TP_SRC) | m.mask(Slot.CT_TP_DST)) != 0
                || !tuple && (m.mask(Slot.CT_NW_SRC) | m.mask(Slot.CT_NW_DST)) != 0
                || !tuple6 && (m.mask(Slot.CT_IPV6_SRC_HI) | m.mask(Slot.CT_IPV6_SRC_LO) | m.mask(Slot.CT_IPV6_DST_HI)
                        | m.mask(Slot.CT_IPV6_DST_LO)) != 0) {
            return "NXBMC_CT_DATAPATH_SUPPORT";
        }
        return null;
    }

    // check_actions(): the rule's own actions (not those nested in others): ct() and what it needs, resubmit(,,ct),
    // and set_field into ND's extension fields
    private static String checkActions(Datapath dp, FlowMod fm) {
        for (Action a : fm.actions()) {
            if (a instanceof Action.Ct ct) {
                if (!dp.supports(Datapath.Support.CT_STATE)
                        || (ct.zoneImm() != 0 || ct.zoneSrc() != null) && !dp.supports(Datapath.Support.CT_ZONE)
                        || ct.force() && !dp.supports(Datapath.Support.CT_ORIG_TUPLE)
                        || ct.nat() != null && !dp.supports(Datapath.Support.CT_STATE_NAT)) {
                    return "NXBAC_CT_DATAPATH_SUPPORT";
                }
                for (Action e : ct.exec() == null ? java.util.List.<Action>of() : ct.exec()) {
                    Field dst = e instanceof Action.SetField sf ? sf.field()
                            : e instanceof Action.Move mv ? mv.dst().field() : null;
                    if (dst == Field.CT_MARK && !dp.supports(Datapath.Support.CT_MARK)
                            || dst == Field.CT_LABEL && !dp.supports(Datapath.Support.CT_LABEL)) {
                        return "NXBAC_CT_DATAPATH_SUPPORT";
                    }
                }
            } else if (a instanceof Action.Resubmit r && r.ct() && !dp.supports(Datapath.Support.CT_ORIG_TUPLE)) {
                return "NXBAC_CT_DATAPATH_SUPPORT";
            } else if (a instanceof Action.SetField sf && !dp.supports(Datapath.Support.ND_EXT)
                    && (sf.field() == Field.ND_RESERVED || sf.field() == Field.ND_OPTIONS_TYPE)) {
                return "OFPBAC_BAD_SET_ARGUMENT";
            }
        }
        return null;
    }
}
