package io.arplab.flow;

import java.util.List;
import java.util.Map;

/**
 * A bridge's group table (ofproto/ofproto.c): handle_group_mod() with add_group_start(), modify_group_start() and
 * delete_groups_start(), and a group's ref_count (append_group_stats()).
 */
final class OfprotoGroups {
    private OfprotoGroups() {}

    /**
     * A group_mod decoded as {@code version} (ofproto.c add_group_start(), modify_group_start(),
     * delete_groups_start(): deleting a group deletes the flows that output to it). Returns null or the error.
     */
    static String groupMod(Ofproto br, Group.Mod m, OfVersion version, long now) {
        String decode = m.decodeError(version);
        if (decode != null) {
            return decode;
        }
        java.util.Set<Long> before = new java.util.HashSet<>(br.groups.keySet());
        String error = groupModOn(br.groups, m, version, now);
        if (error != null) {
            return error;
        }
        before.removeAll(br.groups.keySet());
        br.tables.removeTogether(() -> { // delete_flows__(): a deleted group's flows leave their subtables together
            for (Rule r : before.isEmpty() ? List.<Rule>of() : br.tables.all()) {
                for (Action a : Ofproto.flattened(r.actions)) {
                    if (a instanceof Action.Group g && before.contains(g.groupId())) {
                        br.tables.remove(r);
                        break;
                    }
                }
            }
        });
        br.tables.version++; // handle_group_mod(): ofproto_bump_tables_version(), which revalidates (REV_FLOW_TABLE)
        return null;
    }

    // add_group_start(), modify_group_start(), delete_groups_start() on the groups {@code groups}; null or the error
    static String groupModOn(Map<Long, Group> groups, Group.Mod m, OfVersion version, long now) {
        Group old = groups.get(m.id());
        switch (m.command()) {
            case ADD -> {
                if (old != null) {
                    return "OFPGMFC_GROUP_EXISTS";
                }
                groups.put(m.id(), new Group(m, version, now));
            }
            case MODIFY, ADD_OR_MOD -> {
                if (old == null && m.command() == Group.Command.MODIFY) {
                    return "OFPGMFC_UNKNOWN_GROUP";
                }
                Group g = new Group(m, version, old == null ? now : old.created);
                groups.put(m.id(), g);
            }
            case INSERT_BUCKET, REMOVE_BUCKET -> { // modify_group_start()
                if (old == null) {
                    return "OFPGMFC_UNKNOWN_GROUP";
                }
                Group.Edit edited = old.editBuckets(m, version);
                if (edited.error() != null) {
                    return edited.error();
                }
                groups.put(m.id(), edited.group());
            }
            case DELETE -> {
                if (m.id() == Group.ALL) {
                    groups.clear();
                } else {
                    groups.remove(m.id());
                }
            }
        }
        return null;
    }

    /**
     * A group's ref_count (ofproto.c append_group_stats(): rule_collection_n(&group->rules)): group_add_rule() runs
     * once per group action in a rule's flattened actions, so a rule naming the group twice counts twice.
     */
    static int groupRefs(Ofproto br, long id) {
        int n = 0;
        for (Rule r : br.tables.all()) {
            for (Action a : Ofproto.flattened(r.actions)) {
                n += a instanceof Action.Group g && g.groupId() == id ? 1 : 0;
            }
        }
        return n;
    }
}
