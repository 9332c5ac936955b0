package dev.launch.cli;

import dev.launch.util.Names;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain left-aligned text table: columns as wide as their widest cell, two spaces apart. Given a
 * width, the columns marked wrappable are narrowed and their cells wrapped at spaces (never inside
 * a word) until the table fits, or each is as narrow as its longest word.
 */
public final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final java.util.Map<Integer, String> notes = new java.util.HashMap<>();
    private final int columns;

    public Table(String... header) {
        this.columns = header.length;
        rows.add(header);
    }

    public Table row(Object... cells) {
        String[] r = new String[columns];
        for (int i = 0; i < columns; i++) {
            // Cells may come from registry entries: no escape sequence reaches the terminal.
            r[i] = i < cells.length && cells[i] != null ? Names.printable(cells[i].toString()) : "";
        }
        rows.add(r);
        return this;
    }

    /** A line under the last row, indented, wrapped to the table's width like a cell. */
    public Table note(String text) {
        notes.put(rows.size() - 1, text);
        return this;
    }

    public boolean isEmpty() {
        return rows.size() == 1;
    }

    public String render() {
        return render(Integer.MAX_VALUE);
    }

    /** Fits {@code maxWidth} by wrapping the cells of the {@code wrappable} columns (indexes). */
    public String render(int maxWidth, int... wrappable) {
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        narrow(width, maxWidth, wrappable);
        StringBuilder sb = new StringBuilder();
        for (int n = 0; n < rows.size(); n++) {
            String[] r = rows.get(n);
            List<List<String>> cells = new ArrayList<>();
            int height = 1;
            for (int i = 0; i < columns; i++) {
                List<String> lines = wrap(r[i], width[i]);
                cells.add(lines);
                height = Math.max(height, lines.size());
            }
            for (int l = 0; l < height; l++) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < columns; i++) {
                    String text = l < cells.get(i).size() ? cells.get(i).get(l) : "";
                    line.append(text);
                    if (i < columns - 1) {
                        line.append(" ".repeat(Math.max(0, width[i] - text.length()) + 2));
                    }
                }
                sb.append(line.toString().stripTrailing()).append('\n');
            }
            if (notes.containsKey(n)) {
                for (String line : wrap(notes.get(n), Math.max(20, maxWidth == Integer.MAX_VALUE ? Integer.MAX_VALUE : maxWidth - 4))) {
                    sb.append("    ").append(line).append('\n');
                }
            }
        }
        return sb.toString();
    }

    private void narrow(int[] width, int maxWidth, int[] wrappable) {
        int total = 2 * (columns - 1);
        for (int w : width) {
            total += w;
        }
        while (total > maxWidth) {
            int widest = -1;
            for (int c : wrappable) {
                if (width[c] > longestWord(c) && (widest < 0 || width[c] > width[widest])) {
                    widest = c;
                }
            }
            if (widest < 0) {
                return;
            }
            width[widest]--;
            total--;
        }
    }

    private int longestWord(int column) {
        int longest = 0;
        for (String[] r : rows) {
            for (String word : r[column].split(" ")) {
                longest = Math.max(longest, word.length());
            }
        }
        return longest;
    }

    /** Words joined by single spaces into lines of at most {@code width} (a longer word gets a line of its own). */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
