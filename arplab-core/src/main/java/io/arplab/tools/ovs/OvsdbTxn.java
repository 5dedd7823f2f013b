package io.arplab.tools.ovs;

import io.arplab.tools.ovs.Ovsdb.Datum;
import io.arplab.tools.ovs.Ovsdb.Row;
import io.arplab.tools.ovs.Ovsdb.VsctlException;
import java.util.ArrayList;
import java.util.List;

/**
 * What ovsdb-server's commit of an ovs-vsctl transaction checks (ovsdb/transaction.c): the rows the transaction
 * inserted and destroyed, their uuids, the Bridge table's name index, the references left to destroyed rows, and
 * the garbage collection of Bridge rows the Open_vSwitch row's bridges column no longer names.
 */
final class OvsdbTxn {
    private final OvsdbRows rows;

    OvsdbTxn(OvsdbRows rows) {
        this.rows = rows;
    }

    /** The rows create inserted in this transaction. */
    final java.util.Set<Row> insertedRows =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    /** The "TABLE:uuid" of the rows created with a uuid given, checked by the commit. */
    final java.util.Set<String> persisted = new java.util.HashSet<>();
    /** Port, Interface and second Bridge rows created in this transaction, which no bridge holds. */
    final List<Row> inserted = new ArrayList<>();
    /** Root-table rows destroyed in this transaction. */
    final List<Row> destroyed = new ArrayList<>();
    /**
     * The server's refusals of values the IDL wrote without ovs-vsctl's parse (ovsdb_atom_check_constraints() as
     * ovsdb_row_from_json() reads each operation's row), as transaction errors, in the operations' order.
     */
    final List<String> violations = new ArrayList<>();
    /** Bridge rows of a name another bridge has, which the bridges column names. */
    private final List<Row> nameClashes = new ArrayList<>();

    /**
     * The commit's checks in ovsdb_txn_precommit()'s order; the transaction error's text (the one ovs-vsctl prints),
     * or null when the commit goes on, with the Bridge rows nothing names collected.
     */
    String check() {
        String error = violations.isEmpty() ? checkReferences() : violations.get(0);
        error = error != null ? error : checkUuids();
        error = error != null ? error : checkIndexes();
        if (error == null) {
            rows.detached.forEach(rows.bridges::remove);
            rows.detached.clear();
        }
        return error;
    }

    // check_ref_count(): a destroyed row that a Port's qos or a QoS's queues still name fails the transaction
    private String checkReferences() {
        for (Row d : destroyed) {
            long refs = d.table.equals("QoS")
                    ? rows.ports.values().stream().filter(p -> p.get("qos").keys().contains(d.uuid())).count()
                    : rows.qos.values().stream().mapToLong(q -> q.get("queues").values().stream()
                            .filter(d.uuid()::equals).count()).sum();
            if (refs > 0) {
                return "transaction error: {\"details\":\"cannot delete " + d.table + " row " + d.uuid()
                        + " because of " + refs + " remaining reference(s)\",\"error\":\"referential integrity "
                        + "violation\"}";
            }
        }
        return null;
    }

    // ovsdb_execute_insert()'s "duplicate uuid": a row inserted with the uuid of a row of its table
    private String checkUuids() {
        for (String p : persisted) {
            String table = p.substring(0, p.indexOf(':')), uuid = p.substring(p.indexOf(':') + 1);
            long n = rows.table(table).values().stream().filter(r -> r.uuid().equals(uuid)).count()
                    + inserted.stream().filter(r -> r.table.equals(table) && r.uuid().equals(uuid)).count();
            if (n > 1) {
                return "transaction error: {\"details\":\"This UUID would duplicate a UUID already present within the"
                        + " table or deleted within the same transaction.\",\"error\":\"duplicate uuid\",\"syntax\":"
                        + "\"\\\"" + uuid + "\\\"\"}";
            }
        }
        return null;
    }

    // ovsdb_txn_precommit()'s index check (ovsdb_index_conflict()): a second Bridge row of a bridge's name
    private String checkIndexes() {
        if (!nameClashes.isEmpty()) {
            Row r = nameClashes.get(0);
            return "transaction error: {\"details\":\"Transaction causes multiple rows in \\\"Bridge\\\" table to have"
                    + " identical values (" + r.string("name") + ") for index on column \\\"name\\\".  First row, with"
                    + " UUID " + r.uuid() + ", was inserted by this transaction.  Second row, with UUID "
                    + rows.bridges.get(r.string("name")).uuid() + ", existed in the database before this transaction"
                    + " and was not modified by the transaction.\",\"error\":\"constraint violation\"}";
        }
        return null;
    }

    // the Open_vSwitch row's bridges column written: the Bridge rows it names are the bridges, one it no longer names
    // goes with its ports (the garbage collection), a created one it names is attached
    void setBridges(Datum d) {
        for (String u : d.keys()) {
            Row ghost = inserted.stream().filter(r -> r.table.equals("Bridge") && r.uuid().equals(u)).findFirst()
                    .orElse(null);
            if (ghost != null) { // a second Bridge row of a name the commit's index check refuses
                nameClashes.add(ghost);
            } else if (rows.bridges.values().stream().noneMatch(b -> b.uuid().equals(u))) {
                throw new VsctlException("arplab does not model a bridges column naming a row that is no bridge of"
                        + " the lab's (" + u + ")");
            }
        }
        for (Row b : List.copyOf(rows.bridges.values())) {
            if (d.keys().contains(b.uuid())) {
                rows.detached.remove(b.name);
            } else if (!rows.detached.contains(b.name)) {
                rows.removeBridge(b.name);
            }
        }
        rows.syncBridges();
    }
}
