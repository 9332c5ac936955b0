package dev.launch.config;

import dev.launch.ports.PortRange;
import dev.launch.yaml.Problem;
import dev.launch.yaml.YamlDoc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/** Reads ports.yaml: named blocks of consecutive ports, checked in full before anything uses them. */
public final class PortsConfigLoader {
    static final List<String> TOP_KEYS = List.of("ranges");
    static final List<String> RANGE_KEYS = List.of("base", "count");
    static final Pattern RANGE_NAME = dev.launch.util.Names.RANGE;
    public static final String MISSING_HINT = "create it with your port ranges, e.g. "
            + "\"ranges: { DEVELOPMENT: { base: 5001, count: 4 } }\", or point --config at one";

    /**
     * What a check found: the ranges that are valid (a config usable for checking profiles), every
     * problem (errors and warnings, in file order), and every range name written, valid or not.
     */
    public record Checked(PortsConfig config, List<Problem> problems, Set<String> names) {
        List<Problem> errors() {
            return problems.stream().filter(Problem::isError).toList();
        }
    }

    private PortsConfigLoader() {}

    /** The config of {@code file}, or a ConfigException (exit 2) listing every error in it. */
    public static PortsConfig load(Path file) {
        Checked checked = check(file);
        if (!checked.errors().isEmpty()) {
            throw new ConfigException(checked.errors());
        }
        return checked.config();
    }

    public static Checked check(Path file) {
        YamlDoc doc = YamlDoc.read(file, MISSING_HINT);
        Map<String, PortRange> ranges = new LinkedHashMap<>();
        Map<String, Node> where = new LinkedHashMap<>();
        Set<String> names = new LinkedHashSet<>();
        if (doc.root() == null && !doc.hasErrors()) {
            doc.error(null, null, "is empty; it needs a \"ranges:\" mapping, e.g. "
                    + "\"ranges: { DEVELOPMENT: { base: 5001, count: 4 } }\"");
        }
        if (doc.root() != null) {
            Map<String, YamlDoc.Entry> top = doc.mapping(doc.root(), "", "a mapping with a \"ranges:\" key");
            if (top != null) {
                doc.unknownKeys(top, "", TOP_KEYS);
                YamlDoc.Entry rangesEntry = top.get("ranges");
                if (rangesEntry == null) {
                    doc.error(doc.root(), null, "missing key \"ranges\" (a mapping NAME: { base: PORT, count: N })");
                } else {
                    readRanges(doc, rangesEntry.value(), ranges, where, names);
                }
            }
        }
        List<Problem> warnings = warnings(doc, ranges, where);
        List<Problem> problems = new ArrayList<>(doc.problems());
        problems.sort(Problem.IN_FILE_ORDER);
        return new Checked(new PortsConfig(file, ranges, warnings), problems, names);
    }

    private static void readRanges(YamlDoc doc, Node node, Map<String, PortRange> ranges,
            Map<String, Node> where, Set<String> names) {
        Map<String, YamlDoc.Entry> entries = doc.mapping(node, "ranges", "a mapping NAME: { base: PORT, count: N }");
        if (entries == null) {
            return;
        }
        if (entries.isEmpty()) {
            doc.error(node, "ranges", "no ranges defined; add one, e.g. DEVELOPMENT: { base: 5001, count: 4 }");
        }
        for (YamlDoc.Entry e : entries.values()) {
            String name = e.name();
            String path = YamlDoc.path("ranges", name);
            names.add(name);
            if (!RANGE_NAME.matcher(name).matches()) {
                doc.error(e.key(), path, "a range name must start with a letter and hold only letters, digits and _");
                continue;
            }
            PortRange range = readRange(doc, e, path);
            if (range != null) {
                ranges.put(name, range);
                where.put(name, e.key());
            }
        }
    }

    private static PortRange readRange(YamlDoc doc, YamlDoc.Entry entry, String path) {
        Map<String, YamlDoc.Entry> fields = doc.mapping(entry.value(), path, "a mapping { base: PORT, count: N }");
        if (fields == null) {
            return null;
        }
        doc.unknownKeys(fields, path, RANGE_KEYS);
        Integer base = null;
        Integer count = null;
        YamlDoc.Entry baseEntry = fields.get("base");
        if (baseEntry == null) {
            doc.error(entry.key(), path, "missing key \"base\" (the first port of the block)");
        } else {
            base = doc.wholeNumber(baseEntry.value(), path + ".base");
            if (base != null && !PortRange.isPort(base)) {
                doc.error(baseEntry.value(), path + ".base", "must be between 1 and 65535 (got " + base + ")");
                base = null;
            }
        }
        YamlDoc.Entry countEntry = fields.get("count");
        if (countEntry == null) {
            doc.error(entry.key(), path, "missing key \"count\" (how many consecutive ports)");
        } else {
            count = doc.wholeNumber(countEntry.value(), path + ".count");
            if (count != null && count < 1) {
                doc.error(countEntry.value(), path + ".count", "must be at least 1 (got " + count + ")");
                count = null;
            }
        }
        if (base == null || count == null) {
            return null;
        }
        if (!PortRange.isPort((long) base + count - 1)) {
            doc.error(countEntry.value(), path + ".count", "the block " + base + "-" + ((long) base + count - 1)
                    + " ends above 65535; at most " + (PortRange.MAX_PORT - base + 1) + " ports fit from base " + base);
            return null;
        }
        return new PortRange(entry.name(), base, count);
    }

    private static List<Problem> warnings(YamlDoc doc, Map<String, PortRange> ranges, Map<String, Node> where) {
        int before = doc.problems().size();
        PortRange ephemeral = PortWarnings.ephemeralRange();
        List<PortRange> seen = new ArrayList<>();
        for (PortRange range : ranges.values()) {
            Node at = where.get(range.name());
            String path = YamlDoc.path("ranges", range.name());
            for (PortRange earlier : seen) {
                if (earlier.overlaps(range)) {
                    doc.warning(at, path, "overlaps range " + earlier.name() + " (" + range.span() + " and "
                            + earlier.span() + "); instances of the two may compete for the same ports");
                }
            }
            for (String warning : PortWarnings.about(range, ephemeral)) {
                doc.warning(at, path, warning);
            }
            seen.add(range);
        }
        return List.copyOf(doc.problems().subList(before, doc.problems().size()));
    }
}
