package dev.launch.config;

import dev.launch.config.Profile.ProcessSpec;
import dev.launch.util.Suggest;
import dev.launch.yaml.YamlDoc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** The {@code depends_on:} of each process: names of this profile, their conditions, and no cycle. */
final class DependsOnLoader {
    private final YamlDoc doc;
    /** Each process's depends_on node, where a cycle through it is reported. */
    private final Map<String, Node> nodes = new LinkedHashMap<>();

    DependsOnLoader(YamlDoc doc) {
        this.doc = doc;
    }

    /** A list of names (each must be ready), or a mapping NAME: started | ready | completed. */
    List<String> read(String process, Node node, String path, Set<String> processNames, Map<String, Profile.Condition> conditions) {
        nodes.put(process, node);
        if (node instanceof MappingNode) {
            Map<String, YamlDoc.Entry> entries = doc.mapping(node, path, "a list of process names, or a mapping NAME: started | ready | completed");
            if (entries == null) {
                return null;
            }
            for (YamlDoc.Entry e : entries.values()) {
                if (known(e.name(), e.key(), YamlDoc.path(path, e.name()), processNames)) {
                    Profile.Condition c = condition(e.value(), YamlDoc.path(path, e.name()));
                    if (c != null) {
                        conditions.put(e.name(), c);
                    }
                }
            }
            return new ArrayList<>(entries.keySet().stream().filter(processNames::contains).toList());
        }
        List<Node> items = doc.sequence(node, path, "a list of process names, e.g. [network], or a mapping NAME: started | ready | completed");
        if (items == null) {
            return null;
        }
        Set<String> deps = new LinkedHashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = path + "[" + i + "]";
            String dep = doc.text(items.get(i), itemPath);
            if (dep == null) {
                continue;
            }
            if (known(dep, items.get(i), itemPath, processNames) && !deps.add(dep)) {
                doc.error(items.get(i), itemPath, "\"" + dep + "\" is listed twice");
            }
        }
        return new ArrayList<>(deps);
    }

    private boolean known(String dep, Node at, String path, Set<String> processNames) {
        if (processNames.contains(dep)) {
            return true;
        }
        doc.error(at, path, "unknown process \"" + dep + "\"" + Suggest.didYouMean(dep, processNames)
                + " (processes: " + String.join(", ", processNames) + ")");
        return false;
    }

    private Profile.Condition condition(Node node, String path) {
        String text = doc.text(node, path);
        if (text == null) {
            return null;
        }
        for (Profile.Condition c : Profile.Condition.values()) {
            if (c.yaml().equals(text)) {
                return c;
            }
        }
        List<String> words = Arrays.stream(Profile.Condition.values()).map(Profile.Condition::yaml).toList();
        doc.error(node, path, "expected started, ready or completed (got \"" + text + "\")" + Suggest.didYouMean(text, words));
        return null;
    }

    void reportCycles(Map<String, ProcessSpec> processes) {
        Set<String> reported = new LinkedHashSet<>();
        for (String start : processes.keySet()) {
            List<String> cycle = DependencyCycles.find(start, name -> {
                ProcessSpec p = processes.get(name);
                return p == null ? List.of() : p.dependsOn();
            });
            if (cycle == null) {
                continue;
            }
            Set<String> members = new TreeSet<>(cycle);
            if (reported.add(String.join(",", members))) {
                doc.error(nodes.get(cycle.get(0)), "processes." + cycle.get(0) + ".depends_on",
                        "dependency cycle: " + String.join(" -> ", cycle));
            }
        }
    }
}
