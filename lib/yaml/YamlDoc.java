package dev.launch.yaml;

import dev.launch.util.Suggest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML file as SnakeYAML's node tree, read for its text and positions only: no value is ever
 * constructed by YAML's rules, so {@code no} stays "no" and {@code 010} stays "010". Every
 * accessor reports what is wrong as a {@link Problem} at the node's line:column and returns null,
 * so a loader can go on and report everything in one pass.
 */
public final class YamlDoc {
    /** One key of a mapping with its value; both keep their positions. */
    public record Entry(ScalarNode key, Node value) {
        public String name() {
            return key.getValue();
        }
    }

    private final Path file;
    private final String source;
    private final Node root;
    private final List<Problem> problems = new ArrayList<>();
    private final Set<Node> merging = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    /** Each merged mapping is read once, however often aliases repeat it (else 25 nested merges take minutes). */
    private final Map<Node, Map<String, Entry>> merged = new java.util.IdentityHashMap<>();

    private YamlDoc(Path file, String source, Node root) {
        this.file = file;
        this.source = source;
        this.root = root;
    }

    /** Reads and parses {@code file} (or takes a {@link YamlReadAhead} of it); a missing file is reported with {@code missingHint}. */
    public static YamlDoc read(Path file, String missingHint) {
        YamlDoc ahead = YamlReadAhead.take(file, missingHint);
        return ahead != null ? ahead : readNow(file, missingHint);
    }

    static YamlDoc readNow(Path file, String missingHint) {
        ConfigFileText.Read read = ConfigFileText.read(file, missingHint);
        return read.text() == null ? failed(file, read.problem()) : parse(file, read.text());
    }

    public static YamlDoc parse(Path file, String text) {
        try {
            return new YamlDoc(file, text, YamlSyntax.compose(text));
        } catch (YAMLException e) {
            YamlDoc doc = new YamlDoc(file, text, null);
            doc.problems.add(YamlSyntax.problem(file, e));
            return doc;
        }
    }

    private static YamlDoc failed(Path file, String message) {
        YamlDoc doc = new YamlDoc(file, null, null);
        doc.problems.add(Problem.error(file, 0, 0, null, message));
        return doc;
    }

    public Path file() {
        return file;
    }

    /** The document's top node; null when the file is missing, broken or empty. */
    public Node root() {
        return root;
    }

    public List<Problem> problems() {
        return problems;
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }

    public void error(Node at, String keyPath, String message) {
        problems.add(Problem.error(file, line(at), column(at), keyPath, message));
    }

    public void warning(Node at, String keyPath, String message) {
        problems.add(Problem.warning(file, line(at), column(at), keyPath, message));
    }

    /** Reports at a position inside a scalar, e.g. the "${" of a bad template in a value. */
    public void errorInside(ScalarNode at, int indexInValue, String keyPath, String message) {
        int[] pos = positionInside(at, indexInValue);
        problems.add(Problem.error(file, pos[0], pos[1], keyPath, message));
    }

    public void warningInside(ScalarNode at, int indexInValue, String keyPath, String message) {
        int[] pos = positionInside(at, indexInValue);
        problems.add(Problem.warning(file, pos[0], pos[1], keyPath, message));
    }

    private int[] positionInside(ScalarNode at, int indexInValue) {
        return source == null ? new int[] {line(at), column(at)} : new SourceText(source).positionInside(at, indexInValue);
    }

    private static int line(Node n) {
        return n == null ? 0 : n.getStartMark().getLine() + 1;
    }

    private static int column(Node n) {
        return n == null ? 0 : n.getStartMark().getColumn() + 1;
    }

    public static String path(String parent, String key) {
        return parent == null || parent.isEmpty() ? key : parent + "." + key;
    }

    /** True for an absent value: {@code key:} with nothing, {@code ~} or {@code null}. */
    public static boolean isNull(Node node) {
        return NodeWords.absent(node);
    }

    /** The keys of a mapping in file order; duplicates and {@code <<} merges are handled here. */
    public Map<String, Entry> mapping(Node node, String keyPath, String expected) {
        if (!(node instanceof MappingNode m)) {
            error(node, keyPath, "expected " + expected + ", got " + NodeWords.describe(node));
            return null;
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<Entry> merged = new ArrayList<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode key)) {
                error(t.getKeyNode(), keyPath, "a key must be plain text, got " + NodeWords.describe(t.getKeyNode()));
                continue;
            }
            if (Tag.MERGE.equals(key.getTag())) {
                collectMerge(t.getValueNode(), keyPath, merged);
                continue;
            }
            Entry earlier = entries.get(key.getValue());
            if (earlier != null) {
                error(key, keyPath, "duplicate key \"" + key.getValue() + "\": defined on line "
                        + line(earlier.key()) + " and again on line " + line(key));
                continue;
            }
            entries.put(key.getValue(), new Entry(key, t.getValueNode()));
        }
        for (Entry e : merged) {
            entries.putIfAbsent(e.name(), e);
        }
        return entries;
    }

    private void collectMerge(Node value, String keyPath, List<Entry> into) {
        List<Node> sources = value instanceof SequenceNode s ? s.getValue() : List.of(value);
        for (Node source : sources) {
            Map<String, Entry> m = merged.get(source);
            if (m == null && !merged.containsKey(source)) {
                if (!merging.add(source)) {
                    error(value, keyPath, "a << merge refers to itself");
                    continue;
                }
                m = mapping(source, keyPath, "a mapping to merge with <<");
                merging.remove(source);
                merged.put(source, m);
            }
            if (m != null) {
                into.addAll(m.values());
            }
        }
    }

    /** Reports every key not in {@code known}, with a "did you mean" when one is close. */
    public void unknownKeys(Map<String, Entry> entries, String keyPath, Collection<String> known) {
        unknownKeys(entries, keyPath, known, Map.of());
    }

    /** As above; {@code aliases} maps other tools' words ("environment") to ours ("env"). */
    public void unknownKeys(Map<String, Entry> entries, String keyPath, Collection<String> known,
            Map<String, String> aliases) {
        for (Entry e : entries.values()) {
            if (!known.contains(e.name())) {
                String alias = aliases.get(e.name().toLowerCase(java.util.Locale.ROOT));
                String hint = alias != null ? "; did you mean \"" + alias + "\"?" : Suggest.didYouMean(e.name(), known);
                error(e.key(), keyPath, "unknown key \"" + e.name() + "\""
                        + (hint.isEmpty() ? " (expected " + NodeWords.oneOf(known) + ")" : hint));
            }
        }
    }

    public List<Node> sequence(Node node, String keyPath, String expected) {
        if (!(node instanceof SequenceNode s)) {
            error(node, keyPath, "expected " + expected + ", got " + NodeWords.describe(node));
            return null;
        }
        return s.getValue();
    }

    /** The scalar's text exactly as written (after YAML quoting); null if not a scalar. */
    public String text(Node node, String keyPath) {
        if (!(node instanceof ScalarNode s)) {
            error(node, keyPath, "expected text, got " + NodeWords.describe(node));
            return null;
        }
        return s.getValue();
    }

    /** A plain, decimal whole number; rejects what YAML 1.1 would read differently than 1.2. */
    public Integer wholeNumber(Node node, String keyPath) {
        return reported(node, keyPath, YamlScalars.wholeNumber(node));
    }

    /** true or false as YAML 1.2 writes them; yes/no/on/off are not booleans here. */
    public Boolean bool(Node node, String keyPath) {
        return reported(node, keyPath, YamlScalars.bool(node));
    }

    /** {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, or a whole number of seconds. */
    public java.time.Duration duration(Node node, String keyPath) {
        return reported(node, keyPath, YamlScalars.duration(node));
    }

    private <T> T reported(Node node, String keyPath, YamlScalars.Parsed<T> parsed) {
        if (parsed.problem() != null) {
            error(node, keyPath, parsed.problem());
        }
        return parsed.value();
    }
}
