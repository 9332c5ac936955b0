package dev.launch.yaml;

import dev.launch.util.Names;

import java.util.Collection;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** How a message names what it found: "a mapping", "a list", "nothing", or the value quoted on one line. */
final class NodeWords {
    /** How much of a scalar a message quotes. */
    private static final int QUOTE_LIMIT = 60;

    private NodeWords() {}

    /** {@code key:} with nothing, {@code ~} or {@code null}. */
    static boolean absent(Node node) {
        return node == null || (node instanceof ScalarNode s && s.getScalarStyle() == ScalarStyle.PLAIN
                && Tag.NULL.equals(s.getTag()));
    }

    static String describe(Node node) {
        if (absent(node)) {
            return "nothing";
        }
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return quote(((ScalarNode) node).getValue());
    }

    /** A value as a message quotes it: on one line, cut short when long. */
    static String quote(String value) {
        String oneLine = value.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
        oneLine = Names.printable(oneLine);
        if (oneLine.codePointCount(0, oneLine.length()) > QUOTE_LIMIT) {
            oneLine = oneLine.substring(0, oneLine.offsetByCodePoints(0, QUOTE_LIMIT)) + "…";
        }
        return "\"" + oneLine + "\"";
    }

    static String oneOf(Collection<String> names) {
        return names.size() == 1 ? names.iterator().next() : "one of: " + String.join(", ", names);
    }
}
