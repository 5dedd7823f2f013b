package io.arplab.flow;

import java.util.List;

/** An OpenFlow action or instruction as OVS holds it (struct ofpact), after parsing or decoding from the wire. */
public sealed interface Action {
    /** Which wire action a set_field came from; OVS keeps it (ofpact.raw) and prints it back the same way. */
    enum Raw { REG_LOAD, SET_FIELD, LEGACY }

    record Output(long port, int maxLen) implements Action {}

    record OutputReg(Subfield src) implements Action {}

    record Resubmit(long inPort, int table) implements Action {}

    record GotoTable(int table) implements Action {}

    record Move(Subfield src, Subfield dst) implements Action {}

    /** Sets {@code field} to {@code value} under {@code mask}, both in the field's units. */
    record SetField(Field field, long value, long mask, Raw raw) implements Action {}

    record DecTtl() implements Action {}

    record SetNwTtl(int ttl) implements Action {}

    record PopVlan() implements Action {}

    record PushVlan(int ethertype) implements Action {}

    /** ct(): {@code table} -1 for none; {@code zoneSrc} null for an immediate zone; {@code nat} the text of nat(...). */
    record Ct(boolean commit, boolean force, int table, int zoneImm, Subfield zoneSrc, String nat, List<Action> exec)
            implements Action {}

    record Note(byte[] data) implements Action {}

    record ClearActions() implements Action {}

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
    record LearnSpec(int kind, Subfield src, long imm, Subfield dst) {
        public static final int MATCH = 0, LOAD = 1, OUTPUT = 2;
    }
}
