package dev.launch.yaml;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** A YAML file's text, for pointing inside a scalar (SnakeYAML marks only its start and end). */
record SourceText(String source) {
    /**
     * Line and column (1-based) of character {@code index} of a scalar's value. Exact for plain
     * and quoted scalars whose "${" occurrences appear in the file as in the value (no escapes);
     * otherwise the scalar's own position.
     */
    int[] positionInside(ScalarNode node, int index) {
        int[] fallback = {node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1};
        int start = offset(node.getStartMark());
        int end = offset(node.getEndMark());
        if (start < 0 || end < start) {
            return fallback;
        }
        String value = node.getValue();
        String raw = source.substring(start, end);
        if (!value.startsWith("${", index)) {
            if (value.equals(raw)) {
                return lineColumn(start + index);
            }
            boolean quoted = raw.length() >= 2 && (raw.charAt(0) == '"' || raw.charAt(0) == '\'')
                    && raw.substring(1, raw.length() - 1).equals(value);
            return quoted ? lineColumn(start + 1 + index) : fallback;
        }
        int nth = count(value.substring(0, index));
        if (count(value) != count(raw)) {
            return fallback;
        }
        int at = -1;
        for (int i = 0; i <= nth; i++) {
            at = raw.indexOf("${", at + 1);
        }
        return lineColumn(start + at);
    }

    private static int count(String s) {
        int n = 0;
        for (int i = s.indexOf("${"); i >= 0; i = s.indexOf("${", i + 1)) {
            n++;
        }
        return n;
    }

    private int offset(Mark mark) {
        int lineStart = 0;
        for (int l = 0; l < mark.getLine(); l++) {
            lineStart = source.indexOf('\n', lineStart) + 1;
            if (lineStart == 0) {
                return -1;
            }
        }
        try {
            return source.offsetByCodePoints(lineStart, mark.getColumn());
        } catch (IndexOutOfBoundsException e) {
            return -1;
        }
    }

    private int[] lineColumn(int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = source.indexOf('\n'); i >= 0 && i < offset; i = source.indexOf('\n', i + 1)) {
            line++;
            lineStart = i + 1;
        }
        return new int[] {line, source.codePointCount(lineStart, offset) + 1};
    }
}
