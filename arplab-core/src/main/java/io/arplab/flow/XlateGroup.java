package io.arplab.flow;

import java.util.ArrayList;
import java.util.List;

/**
 * Group actions in a translation (ofproto-dpif-xlate.c xlate_group_action() and its bucket choice:
 * group_best_live_bucket(), pick_select_group()): every bucket of all and indirect, the chosen one of select and
 * fast failover.
 */
final class XlateGroup {
    private XlateGroup() {}

    // xlate_group_action__(): all and indirect run every bucket, select and ff the one they pick
    static void group(Xlate x, Action.Group a) {
        if (x.resourcesExhausted()) { // xlate_group_action()'s xlate_resubmit_resource_check(), before the lookup
            return;
        }
        Group g = x.br.groups.get(a.groupId());
        if (g == null) {
            x.problem("output to nonexistent group " + a.groupId());
            return;
        }
        x.xc.replayable = false; // buckets are credited by the translation: groups are translated per packet
        if (g.type == Group.Type.ALL || g.type == Group.Type.INDIRECT) {
            for (Group.Bucket b : g.buckets) {
                bucket(x, b);
            }
            stats(x, g, null);
            return;
        }
        Group.Bucket b = g.type == Group.Type.FF ? firstLive(x, g) : select(x, g, a);
        if (b == null) {
            x.note("no live bucket");
            return;
        }
        x.note("using bucket " + b.id);
        bucket(x, b);
        stats(x, g, b);
    }

    // xlate_group_stats(): the group and bucket (null: all) in the translation's cache (XC_GROUP), and to credit with
    // the packet at the pass's end
    private static void stats(Xlate x, Group g, Group.Bucket b) {
        x.xc.group(g, b);
        if (x.execute) {
            x.groupCredits.add(g);
            x.groupCredits.add(b);
        }
    }

    /**
     * The end of a pass with a packet: an upcall's translation credits its groups (xlate_group_stats() with
     * resubmit_stats); a hit's wait in megaflow {@code hit} for the round that pushes its stats through the ukey's
     * cache (xlate_push_stats_entry()'s XC_GROUP), whose groups and buckets then get them.
     */
    static void passEnd(Xlate x, Megaflow hit) {
        if (x.groupCredits.isEmpty()) {
            return;
        }
        if (hit != null) {
            hit.groupPackets++;
            hit.groupBytes += x.passLength;
        } else {
            for (int i = 0; i < x.groupCredits.size(); i += 2) {
                ((Group) x.groupCredits.get(i)).credit((Group.Bucket) x.groupCredits.get(i + 1), x.passLength);
            }
        }
        x.groupCredits.clear();
    }

    // xlate_group_bucket(): the bucket's action set on a clone of the packet; the flow is restored after
    private static void bucket(Xlate x, Group.Bucket b) {
        x.line("bucket " + b.id);
        long[] saved = x.flow.clone();
        x.tail = false;
        int savedTableLevel = x.tableLevel;
        x.level += 2;
        x.tableLevel = x.level;
        x.recursion++; // xlate_group_bucket(): ctx->depth
        x.bucketList = true;
        x.actions(Group.actionList(b.actions), false);
        if (x.freezing != null) { // a freeze in the bucket finishes there, on the bucket's flow
            XlateFreeze.finishFreezing(x);
        }
        x.recursion--;
        x.level -= 2;
        x.tableLevel = savedTableLevel;
        x.flow = saved;
    }

    // group_first_live_bucket()
    private static Group.Bucket firstLive(Xlate x, Group g) {
        return firstLive(x, g, 0);
    }

    // group_first_live_bucket() at liveness depth {@code depth}: each bucket not live reported
    private static Group.Bucket firstLive(Xlate x, Group g, int depth) {
        for (Group.Bucket b : g.buckets) {
            if (alive(x, g, b, depth)) {
                return b;
            }
            notLive(x, b);
        }
        return null;
    }

    // xlate_report_bucket_not_live()
    private static void notLive(Xlate x, Group.Bucket b) {
        StringBuilder why = new StringBuilder();
        if (b.watchPort != Ports.NONE) {
            why.append("port ").append(Ports.format(b.watchPort, PortMap.NONE));
        }
        if (b.watchGroup != Group.ANY) {
            why.append(why.isEmpty() ? "" : " and ").append("port ").append(b.watchGroup);
        }
        x.note("bucket " + b.id + ": not live due to " + why);
    }

    // bucket_is_alive(): a watched port must exist (may_enable), a watched group have a live bucket (group_is_alive():
    // its group_first_live_bucket(), which reports the watched group's buckets that are not live)
    private static boolean alive(Xlate x, Group g, Group.Bucket b, int depth) {
        if (depth >= 128 || g.type == Group.Type.SELECT && b.weight == 0) {
            return false;
        }
        if (!b.hasLiveness()) {
            return true;
        }
        if (b.watchPort != Ports.NONE && b.watchPort != Ports.CONTROLLER && x.br.mayEnable(b.watchPort)) {
            return true;
        }
        Group w = b.watchGroup != Group.ANY ? x.br.groups.get(b.watchGroup) : null;
        return w != null && firstLive(x, w, depth + 1) != null;
    }

    /**
     * pick_dp_hash_select_group(): without a dp_hash the translation freezes behind hash(sym_l4(0)) and a
     * recirculation; with one, the live bucket the hash map gives from dp_hash on. Groups whose weights need more
     * than 256 hash values (or with selection_method=hash) take the slow path's default hash.
     */
    private static Group.Bucket select(Xlate x, Group g, Action.Group a) {
        if (x.wasMpls) { // pick_select_group(): a select group hashes beyond L2, so an MPLS-popped packet recirculates
            x.freezing = new ArrayList<>();
            x.freezeUnroll(List.of(a));
            x.freezeMpls = true;
            return null;
        }
        if (g.selectionMethod.equals("hash") && !g.fields.isEmpty()) { // group_set_selection_method(): else default
            return hashFieldsSelect(x, g);
        }
        if (g.hashMap == null) {
            return defaultSelect(x, g);
        }
        long dpHash = x.flow[Slot.DP_HASH.ordinal()];
        if (dpHash == 0) {
            x.committer.commit();
            x.freezing = new ArrayList<>();
            x.freezeUnroll(List.of(a)); // the group action itself first among the frozen ones
            x.freezeHash = g; // ctx_trigger_recirculate_with_hash()
            return null;
        }
        int mask = g.hashMap.length - 1;
        x.wc[Slot.DP_HASH.ordinal()] |= mask;
        for (int i = 0; i <= mask; i++) {
            Group.Bucket b = g.hashMap[(int) ((dpHash + i) & mask)];
            if (alive(x, g, b, 0)) {
                return b;
            }
        }
        return null;
    }

    // pick_default_select_group(): the symmetric L4 hash of the flow (its fields unwildcarded), then
    // group_best_live_bucket(): the highest (hash_int(bucket_id, hash) & 0xffff) * weight, the later of equals
    private static Group.Bucket defaultSelect(Xlate x, Group g) {
        FlowHash.maskSymmetricL4(x.flow, x.wc);
        return bestLive(x, g, FlowHash.symmetricL4(x.flow));
    }

    // pick_hash_fields_select_group(): from hash_uint64(selection_method_param), hash_bytes() of each field the packet
    // has (mf_are_prereqs_ok()) in network order, masked by the group's value for it, which is then unwildcarded
    private static Group.Bucket hashFieldsSelect(Xlate x, Group g) {
        int basis = FlowHash.hashUint64(g.selectionMethodParam);
        for (Group.HashField h : g.fields) {
            if (!x.prereqsOk(h.field())) {
                continue;
            }
            U128 v = h.field().value(x.flow);
            basis = FlowHash.hashBytes(h.bytes(new U128(v.hi() & h.mask().hi(), v.lo() & h.mask().lo())), basis);
            h.field().put(x.wc, h.mask(), h.mask());
        }
        return bestLive(x, g, basis);
    }

    // group_best_live_bucket(): the highest (hash_int(bucket_id, basis) & 0xffff) * weight, the later of equals
    private static Group.Bucket bestLive(Xlate x, Group g, int basis) {
        Group.Bucket best = null;
        long bestScore = 0;
        for (Group.Bucket b : g.buckets) {
            if (alive(x, g, b, 0)) {
                long score = (FlowHash.hashInt((int) b.id, basis) & 0xffffL) * b.weight;
                if (score >= bestScore) {
                    best = b;
                    bestScore = score;
                }
                x.note("bucket " + b.id + ": score " + score);
            } else {
                notLive(x, b);
            }
        }
        return best;
    }
}
