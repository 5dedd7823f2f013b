package io.arplab.tools.ovs;

import java.util.ArrayList;
import java.util.List;

/**
 * lib/table.c as ovs-vsctl uses it: a run's table style (struct table_style: --format list, table, csv or json,
 * --data string, bare or json, --no-headings, --max-column-width) and table_print() of one table's cells, already
 * turned into text as --data makes them (cell_to_text()).
 */
final class VsctlTable {
    String format = "list", cellFormat = "string";
    boolean headings = true;
    int maxColumnWidth;
    /** table.c's first_table: a blank line between the tables of one run. */
    private boolean firstTable = true;

    /** table_print(): the headings {@code cols} and the rows of {@code cells}, each line ended by a newline. */
    void print(List<String> cols, List<List<String>> cells, StringBuilder out) {
        if (format.equals("json")) { // table_print_json__(): each cell's JSON, the object's keys sorted
            StringBuilder j = new StringBuilder("{\"data\":[");
            for (int y = 0; y < cells.size(); y++) {
                j.append(y > 0 ? "," : "").append('[').append(String.join(",", cells.get(y))).append(']');
            }
            j.append("],\"headings\":[");
            for (int x = 0; x < cols.size(); x++) {
                j.append(x > 0 ? "," : "").append(Ovsdb.quote(cols.get(x)));
            }
            out.append(j.append("]}")).append('\n');
            return;
        }
        if (!firstTable) {
            out.append('\n');
        }
        firstTable = false;
        switch (format) {
            case "table" -> printTable(cols, cells, out);
            case "csv" -> { // table_print_csv__()
                if (headings) {
                    out.append(String.join(",", cols.stream().map(VsctlTable::csvCell).toList())).append('\n');
                }
                cells.forEach(row -> out.append(String.join(",", row.stream().map(VsctlTable::csvCell).toList()))
                        .append('\n'));
            }
            default -> { // table_print_list__() (html not modelled: printed as a list)
                for (int y = 0; y < cells.size(); y++) {
                    if (y > 0) {
                        out.append('\n');
                    }
                    for (int x = 0; x < cols.size(); x++) {
                        out.append(headings ? String.format("%-20s: %s", cols.get(x), cells.get(y).get(x))
                                : cells.get(y).get(x)).append('\n');
                    }
                }
            }
        }
    }

    // table_print_table__(): each column as wide as its widest cell (at most --max-column-width) and its heading,
    // cells padded and cut to it, a space between columns, no trailing blanks (table_finish_line())
    private void printTable(List<String> cols, List<List<String>> cells, StringBuilder out) {
        int[] widths = new int[cols.size()];
        for (int x = 0; x < cols.size(); x++) {
            for (List<String> row : cells) {
                widths[x] = Math.max(widths[x], row.get(x).length());
            }
            if (maxColumnWidth > 0 && widths[x] > maxColumnWidth) {
                widths[x] = maxColumnWidth;
            }
            if (headings) {
                widths[x] = Math.max(widths[x], cols.get(x).length());
            }
        }
        List<List<String>> lines = new ArrayList<>();
        if (headings) {
            lines.add(cols);
            List<String> dashes = new ArrayList<>();
            for (int w : widths) {
                dashes.add("-".repeat(w));
            }
            lines.add(dashes);
        }
        lines.addAll(cells);
        for (int y = 0; y < lines.size(); y++) {
            StringBuilder l = new StringBuilder();
            for (int x = 0; x < cols.size(); x++) {
                String t = lines.get(y).get(x);
                t = y >= (headings ? 2 : 0) && t.length() > widths[x] ? t.substring(0, widths[x]) : t;
                l.append(x > 0 ? " " : "").append(t).append(" ".repeat(Math.max(0, widths[x] - t.length())));
            }
            out.append(l.toString().stripTrailing()).append('\n');
        }
    }

    // table_print_csv_cell__(): quoted, with its quotes doubled, when it holds a newline, quote or comma
    private static String csvCell(String s) {
        return s.matches("(?s).*[\n\",].*") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
