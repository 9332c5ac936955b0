package dev.launch.config;

import dev.launch.config.Profile.PortsSpec;
import dev.launch.ports.PortRange;
import dev.launch.util.Names;
import dev.launch.util.PortUrls;
import dev.launch.util.Suggest;
import dev.launch.yaml.YamlDoc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** A profile's {@code ports:}: its port names, the ranges of ports.yaml to try (each large enough), urls, and switches. */
final class PortsSpecLoader {
    static final List<String> PORTS_KEYS = List.of("names", "ranges", "scan", "urls", "sticky", "strict");
    static final Pattern PORT_NAME = Names.PORT;

    private PortsSpecLoader() {}

    static PortsSpec read(YamlDoc doc, Node node, PortsConfig config, Set<String> rangeNames, Function<String, String> env) {
        Map<String, YamlDoc.Entry> fields = doc.mapping(node, "ports", "a mapping { names: [...], ranges: [...] }");
        if (fields == null) {
            return null;
        }
        doc.unknownKeys(fields, "ports", PORTS_KEYS);
        List<String> names = null;
        if (fields.containsKey("names")) {
            names = uniqueList(doc, fields.get("names").value(), "ports.names", "port names, e.g. [api, web]");
            if (names != null) {
                List<Node> items = ((SequenceNode) fields.get("names").value()).getValue();
                Map<String, String> variables = new HashMap<>();
                for (int i = 0; i < items.size(); i++) {
                    String n = ((ScalarNode) items.get(i)).getValue();
                    if (!PORT_NAME.matcher(n).matches()) {
                        doc.error(items.get(i), "ports.names[" + i + "]", "\"" + n
                                + "\" is not a port name (a letter, then letters, digits and _)");
                        names = null;
                    } else {
                        String other = variables.putIfAbsent(Names.portVariable(n), n);
                        if (other != null) {
                            doc.error(items.get(i), "ports.names[" + i + "]", "\"" + n + "\" and \"" + other
                                    + "\" would both be " + Names.portVariable(n) + "; rename one");
                            names = null;
                        }
                    }
                }
            }
        } else {
            doc.error(node, "ports", "missing key \"names\" (one name per port, e.g. [api, web])");
        }
        List<String> ranges = null;
        if (fields.containsKey("ranges")) {
            Node rangesNode = fields.get("ranges").value();
            ranges = uniqueList(doc, rangesNode, "ports.ranges", "range names from ports.yaml, e.g. [DEVELOPMENT]");
            if (ranges != null) {
                checkRanges(doc, (SequenceNode) rangesNode, config, rangeNames, names);
            }
        } else {
            doc.error(node, "ports", "missing key \"ranges\" (the ranges of ports.yaml to try, in order)");
        }
        Boolean scan = fields.containsKey("scan") ? doc.bool(fields.get("scan").value(), "ports.scan") : Boolean.FALSE;
        Boolean sticky = fields.containsKey("sticky") ? doc.bool(fields.get("sticky").value(), "ports.sticky") : Boolean.FALSE;
        Boolean strict = fields.containsKey("strict") ? doc.bool(fields.get("strict").value(), "ports.strict") : Boolean.FALSE;
        Map<String, String> urls = fields.containsKey("urls") ? urls(doc, fields.get("urls").value(), names, env) : Map.of();
        if (names == null || ranges == null || scan == null || sticky == null || strict == null || urls == null) {
            return null;
        }
        return new PortsSpec(names, ranges, scan, urls, sticky, strict);
    }

    /** ports.urls: one template per port name, e.g. networkSimulator: "ws://localhost:${ports.networkSimulator}". */
    private static Map<String, String> urls(YamlDoc doc, Node node, List<String> names, Function<String, String> env) {
        Map<String, YamlDoc.Entry> entries = doc.mapping(node, "ports.urls", "a mapping PORT_NAME: URL, e.g. { api: \"http://localhost:${ports.api}/docs\" }");
        if (entries == null) {
            return null;
        }
        ProfileTemplates templates = new ProfileTemplates(doc, names, env);
        Map<String, String> urls = new LinkedHashMap<>();
        boolean ok = true;
        for (YamlDoc.Entry e : entries.values()) {
            if (names != null && !names.contains(e.name())) {
                doc.error(e.key(), "ports.urls", "\"" + e.name() + "\" is not one of ports.names (" + String.join(", ", names) + ")"
                        + Suggest.didYouMean(e.name(), names));
                ok = false;
                continue;
            }
            String url = templates.text(e.value(), "ports.urls." + e.name());
            if (url != null && (!PortUrls.hasScheme(url) || url.length() > PortUrls.MAX_LENGTH)) {
                doc.error(e.value(), "ports.urls." + e.name(), "must start with http://, https://, ws:// or wss:// and be at most "
                        + PortUrls.MAX_LENGTH + " characters long, e.g. \"ws://localhost:${ports." + e.name() + "}\"");
                url = null;
            }
            if (url == null) {
                ok = false;
            } else {
                urls.put(e.name(), url);
            }
        }
        return ok ? urls : null;
    }

    private static void checkRanges(YamlDoc doc, SequenceNode node, PortsConfig config,
            Set<String> rangeNames, List<String> portNames) {
        List<Node> items = node.getValue();
        for (int i = 0; i < items.size(); i++) {
            String range = ((ScalarNode) items.get(i)).getValue();
            String path = "ports.ranges[" + i + "]";
            if (!rangeNames.contains(range)) {
                doc.error(items.get(i), path, "unknown range \"" + range + "\"" + Suggest.didYouMean(range, rangeNames)
                        + " (" + config.file() + " defines: " + String.join(", ", rangeNames) + ")");
                continue;
            }
            PortRange r = config.ranges().get(range);
            if (r != null && portNames != null && r.count() < portNames.size()) {
                doc.error(items.get(i), path, "range " + range + " has " + r.count() + (r.count() == 1 ? " port" : " ports")
                        + " (" + r.span() + ") but ports.names lists " + portNames.size());
            }
        }
    }

    /** A non-empty list of distinct texts; null (reported) otherwise. */
    private static List<String> uniqueList(YamlDoc doc, Node node, String path, String expected) {
        List<Node> items = doc.sequence(node, path, "a list of " + expected);
        if (items == null) {
            return null;
        }
        if (items.isEmpty()) {
            doc.error(node, path, "is empty; expected a list of " + expected);
            return null;
        }
        Set<String> values = new LinkedHashSet<>();
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            String v = doc.text(items.get(i), path + "[" + i + "]");
            if (v == null) {
                ok = false;
            } else if (!values.add(v)) {
                doc.error(items.get(i), path + "[" + i + "]", "\"" + v + "\" is listed twice");
                ok = false;
            }
        }
        return ok ? new ArrayList<>(values) : null;
    }
}
