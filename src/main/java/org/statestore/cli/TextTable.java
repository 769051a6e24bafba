package org.statestore.cli;

import java.util.ArrayList;
import java.util.List;

/** Rows of cells as text lines: every column padded to its widest cell, two spaces apart, no trailing blanks. */
final class TextTable {

    private TextTable() {
    }

    static List<String> lines(List<List<String>> rows) {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                widths[i] = Math.max(widths[i], r.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                line.append(r.get(i)).append(" ".repeat(widths[i] - r.get(i).length() + 2));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }
}
