package io.arplab.flow;

import java.util.List;

/** An OpenFlow action or instruction as OVS holds it (struct ofpact), after parsing or decoding from the wire. */
public sealed interface Action {
    /** Which wire action a set_field came from; OVS keeps it (ofpact.raw) and prints it back the same way. */
    enum Raw {
        REG_LOAD, SET_FIELD, LEGACY,
        /** A whole-field reg_load OpenFlow 1.5 carries as Set-Field: its mask covers the field's bits, not its bytes. */
        SET_FIELD_BITS,
        /**
         * A mod_tp_src/dst whose match names no TCP, UDP or SCTP (ofpact_l4_port.flow_ip_proto): no field for a
         * Set-Field, so every version carries it as OFPAT_SET_TP_SRC/DST (encode_SET_L4_port()).
         */
        LEGACY_L4,
        /**
         * set_vlan_vid, set_vlan_pcp: OFPACT_SET_VLAN_VID/PCP without push_vlan_if_needed, as parse_set_vlan_vid()
         * reads them and OpenFlow 1.1 decodes them (LEGACY's VLAN sets are OpenFlow 1.0's mod_vlan_vid/pcp, which
         * push a tag onto an untagged packet); on the wire the same action.
         */
        LEGACY_NO_PUSH
    }

    /** The ports of the connection helpers ct(alg=...) names (IPPORT_FTP, IPPORT_TFTP). */
    int CT_FTP = 21, CT_TFTP = 69;

    record Output(long port, int maxLen) implements Action {}

    record OutputReg(Subfield src) implements Action {}

    /** output(port=P,max_len=N): NXAST_OUTPUT_TRUNC, the packet cut to {@code maxLen} bytes on the way out. */
    record OutputTrunc(long port, long maxLen) implements Action {}

    /**
     * OFPACT_UNROLL_XLATE: an internal action freeze_unroll_actions() puts among a freeze's actions, the table and rule
     * cookie of the translation they came from, restored when the thawed pass reaches it.
     */
    record UnrollXlate(int table, long cookie) implements Action {}

    /** debug_recirc and debug_slow: NXAST_DEBUG_RECIRC, NXAST_DEBUG_SLOW, OVS's own testing actions. */
    record Debug(boolean slow) implements Action {}

    /** resubmit([port],[table][,ct]): {@code ct} looks the table up with the connection's original tuple. */
    record Resubmit(long inPort, int table, boolean ct) implements Action {
        public Resubmit(long inPort, int table) {
            this(inPort, table, false);
        }
    }

    record GotoTable(int table) implements Action {}

    /**
     * {@code copyField}: decoded from a Copy-Field (decode_copy_field__() keeps ofpact.raw ONFACT_RAW13_COPY_FIELD),
     * which encode_REG_MOVE() sends back in OpenFlow 1.3 as the ONF's, not as NXAST_REG_MOVE.
     */
    /** push:SRC or pop:DST (ofpact_stack, NXAST_STACK_PUSH and NXAST_STACK_POP): the translation's stack. */
    record Stack(boolean push, Subfield subfield) implements Action {}

    record Move(Subfield src, Subfield dst, boolean copyField) implements Action {
        public Move(Subfield src, Subfield dst) {
            this(src, dst, false);
        }
    }

    /**
     * Sets {@code field} to {@code value} under {@code mask}, both in the field's units; {@code valueHi} and
     * {@code maskHi} are bits 64..127 of a 128-bit field's (xxreg, ct_label).
     */
    record SetField(Field field, long value, long mask, Raw raw, long valueHi, long maskHi) implements Action {
        public SetField(Field field, long value, long mask, Raw raw) {
            this(field, value, mask, raw, 0, 0);
        }

        public SetField(Field field, U128 value, U128 mask, Raw raw) {
            this(field, value.lo(), mask.lo(), raw, value.hi(), mask.hi());
        }

        /** Parsed from (or decoded as) a version's own set action (mod_dl_src, mod_tp_dst, set_mpls_label...). */
        public boolean legacy() {
            return raw == Raw.LEGACY || raw == Raw.LEGACY_L4 || raw == Raw.LEGACY_NO_PUSH;
        }

        public U128 wideValue() {
            return new U128(valueHi, value);
        }

        public U128 wideMask() {
            return new U128(maskHi, mask);
        }
    }

    /** dec_ttl, or dec_ttl(ids) (NXAST_DEC_TTL_CNT_IDS) when {@code ids} is not null. */
    record DecTtl(List<Integer> ids) implements Action {}

    record SetNwTtl(int ttl) implements Action {}

    /** strip_vlan (OpenFlow 1.0's OFPAT10_STRIP_VLAN) or pop_vlan: OVS keeps which one the switch decoded. */
    record PopVlan(boolean strip) implements Action {}

    /** push_mpls:ETHERTYPE, pop_mpls:ETHERTYPE (ofpact_push_mpls, ofpact_pop_mpls). */
    record PushMpls(int ethertype) implements Action {}

    record PopMpls(int ethertype) implements Action {}

    /** set_mpls_ttl(TTL) and dec_mpls_ttl; set_mpls_label and set_mpls_tc are legacy set_fields. */
    record SetMplsTtl(int ttl) implements Action {}

    record DecMplsTtl() implements Action {}

    /** push_vlan; {@code implicit} for the tag mod_vlan_vid/mod_vlan_pcp push when the match has none. */
    record PushVlan(int ethertype, boolean implicit) implements Action {}

    /** controller(...) (struct ofpact_controller); {@code reason} 1 = action (OFPR_ACTION), {@code meterId} -1 none. */
    record Controller(int maxLen, int reason, int id, byte[] userdata, boolean pause, long meterId)
            implements Action {}

    /** set_tunnel / set_tunnel64 (NXAST_SET_TUNNEL[64]); OpenFlow 1.2+ carries it as set_field to tun_id. */
    record SetTunnel(long tunId, boolean wide) implements Action {}

    /** enqueue:PORT:QUEUE (OFPAT10_ENQUEUE). */
    record Enqueue(long port, long queue) implements Action {}

    /** set_queue:N, or pop_queue when {@code queue} is -1. */
    record Queue(long queue) implements Action {}

    /** sample(...) (struct ofpact_sample): no collector is configured here, so it samples nothing. */
    /**
     * sample(...): {@code samplingPort} {@link Ports#NONE} when not given, {@code direction} NX_ACTION_SAMPLE_DEFAULT
     * (0), INGRESS (1) or EGRESS (2).
     */
    record Sample(int probability, long collectorSetId, long obsDomainId, long obsPointId, long samplingPort,
            int direction) implements Action {
        public Sample(int probability, long collectorSetId, long obsDomainId, long obsPointId) {
            this(probability, collectorSetId, obsDomainId, obsPointId, Ports.NONE, 0);
        }
    }

    record CtClear() implements Action {}

    /**
     * A nat(...) nested in ct()'s actions after the first one, which {@link Ct} holds (struct ofpact_nat): parse_CT()
     * appends each nat, and exec(...) may hold one; {@code text} as format_NAT() prints it.
     */
    record Nat(String text) implements Action {}

    /** bundle(...) or, with {@code dst}, bundle_load(...) (struct ofpact_bundle); see {@link Bundles}. */
    record Bundle(String fields, int basis, boolean hrw, Subfield dst, List<Long> members) implements Action {}

    /** multipath(fields,basis,algorithm,n_links,arg,dst) (struct ofpact_multipath); see {@link Bundles}. */
    record Multipath(String fields, int basis, String algorithm, int nLinks, int arg, Subfield dst)
            implements Action {}

    /** fin_timeout(idle_timeout=N,hard_timeout=M) (NXAST_FIN_TIMEOUT): the rule's timeouts after a TCP FIN or RST. */
    record FinTimeout(int idleTimeout, int hardTimeout) implements Action {}

    /** check_pkt_larger(N)->DST (NXAST_CHECK_PKT_LARGER): a 1-bit subfield set when the packet exceeds N bytes. */
    record CheckPktLarger(int pktLen, Subfield dst) implements Action {}

    /** exit: the translation stops, nested resubmits included (xlate_actions' ctx->exit). */
    record Exit() implements Action {}

    /**
     * ct(): {@code table} -1 for none; {@code zoneSrc} null for an immediate zone; {@code nat} the text of nat(...);
     * {@code alg} the helper's port (21 ftp, 69 tftp), 0 for none; {@code natAt} how many of the nested actions
     * come before the nat (parse_CT() puts nat and exec(...) into one nested list, in the order written).
     */
    record Ct(boolean commit, boolean force, int table, int zoneImm, Subfield zoneSrc, String nat, List<Action> exec,
            int alg, int natAt) implements Action {
        public Ct(boolean commit, boolean force, int table, int zoneImm, Subfield zoneSrc, String nat,
                List<Action> exec) {
            this(commit, force, table, zoneImm, zoneSrc, nat, exec, 0, 0);
        }
    }

    /** note:HEX, its data padded as NXAST_NOTE pads it on the wire; {@code given}: the bytes the text gave. */
    record Note(byte[] data, int given) implements Action {
        Note(byte[] data) {
            this(data, data.length);
        }
    }

    record ClearActions() implements Action {}

    /** write_actions(...) (OFPIT11_WRITE_ACTIONS): actions added to the action set run at the pipeline's end. */
    record WriteActions(List<Action> actions) implements Action {}

    /**
     * clone(...) (struct ofpact_nest, NXAST_CLONE): the actions run on a copy of the packet, the flow, action set and
     * stack as they were afterwards.
     */
    record Clone(List<Action> actions) implements Action {}

    /**
     * conjunction(id,k/n) (struct ofpact_conjunction): the flow is clause {@code clause} (0-based) of the n-clause
     * conjunctive match {@code id}, a soft match of the classifier.
     */
    record Conjunction(long id, int clause, int nClauses) implements Action {
        /** Whether {@code actions} make a conjunctive flow (ofpacts_verify(): only conjunction and note). */
        static boolean in(List<Action> actions) {
            for (int i = 0; actions != null && i < actions.size(); i++) {
                Action a = actions.get(i);
                if (a instanceof Conjunction) {
                    return true;
                } else if (!(a instanceof Note)) {
                    return false;
                }
            }
            return false;
        }
    }

    record WriteMetadata(long value, long mask) implements Action {}

    /** meter:N, the meter table's entry N (ofpact_meter): an instruction before OpenFlow 1.5. */
    record Meter(long meterId) implements Action {}

    /** group:N, the group table's entry N (ofpact_group). */
    record Group(long groupId) implements Action {}

    /**
     * learn(...) (struct ofpact_learn): a flow_mod built per packet into {@code table}; {@code flags} 1 send_flow_rem,
     * 2 delete_learned, 4 result_dst; {@code resultDst} null for none.
     */
    record Learn(int table, int idleTimeout, int hardTimeout, int finIdleTimeout, int finHardTimeout, int priority,
            long cookie, int flags, long limit, Subfield resultDst, List<LearnSpec> specs) implements Action {}

    /**
     * One learn spec (struct ofpact_learn_spec): {@code dst} MATCHed, LOADed from {@code src} (null: the immediate
     * {@code imm}, in {@code dst}'s units) or OUTPUT to {@code src}'s port ({@code dst} null).
     */
    record LearnSpec(int kind, Subfield src, U128 imm, Subfield dst) {
        public static final int MATCH = 0, LOAD = 1, OUTPUT = 2;
    }
}
