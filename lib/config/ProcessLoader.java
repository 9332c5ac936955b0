package dev.launch.config;

import dev.launch.ports.PortRange;
import dev.launch.util.Suggest;
import dev.launch.yaml.Problem;
import dev.launch.yaml.YamlDoc;

import dev.launch.config.Profile.ProcessSpec;
import dev.launch.config.Profile.ReadySpec;
import dev.launch.config.Profile.RestartPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** The {@code processes:} of a profile: each one's command, env, readiness, dependencies, restarts. */
final class ProcessLoader {
    static final List<String> KEYS = List.of("command", "cwd", "env", "ready", "depends_on", "restart", "max_restarts");
    static final List<String> READY_KINDS = List.of("tcp", "http", "log");
    static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(60);
    static final int DEFAULT_MAX_RESTARTS = 5;
    static final Pattern PROCESS_NAME = dev.launch.util.Names.PROCESS;
    static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Words other launchers (docker compose, process-compose, foreman) use for our keys. */
    static final Map<String, String> ALIASES = Map.of(
            "cmd", "command", "environment", "env", "working_dir", "cwd", "workdir", "cwd",
            "dir", "cwd", "depends", "depends_on", "readiness_probe", "ready", "healthcheck", "ready",
            "restart_policy", "restart", "availability", "restart");

    private final ProfileTemplates templates;
    private final YamlDoc doc;
    private final Map<String, Node> dependsOnNodes = new LinkedHashMap<>();

    private ProcessLoader(ProfileTemplates templates) {
        this.templates = templates;
        this.doc = templates.doc();
    }

    static Map<String, ProcessSpec> read(ProfileTemplates templates, Node node) {
        return new ProcessLoader(templates).readAll(node);
    }

    private Map<String, ProcessSpec> readAll(Node node) {
        Map<String, ProcessSpec> processes = new LinkedHashMap<>();
        Map<String, YamlDoc.Entry> entries = doc.mapping(node, "processes", "a mapping NAME: { command: ... }");
        if (entries == null) {
            return processes;
        }
        Set<String> names = entries.keySet();
        for (YamlDoc.Entry e : entries.values()) {
            String path = YamlDoc.path("processes", e.name());
            if (!PROCESS_NAME.matcher(e.name()).matches()) {
                doc.error(e.key(), path, "a process name must start with a letter and hold only letters, digits, _ and -");
                continue;
            }
            ProcessSpec spec = readProcess(e, path, names);
            if (spec != null) {
                processes.put(e.name(), spec);
            }
        }
        reportCycles(processes);
        return processes;
    }

    private ProcessSpec readProcess(YamlDoc.Entry entry, String path, Set<String> processNames) {
        Map<String, YamlDoc.Entry> fields = doc.mapping(entry.value(), path, "a mapping { command: ..., env: ..., ... }");
        if (fields == null) {
            return null;
        }
        doc.unknownKeys(fields, path, KEYS, ALIASES);
        int before = errorCount();
        List<String> command = null;
        if (fields.containsKey("command")) {
            command = command(fields.get("command").value(), path + ".command");
        } else {
            doc.error(entry.key(), path, "missing key \"command\" (a list like [java, Server.java] or a string)");
        }
        String cwd = fields.containsKey("cwd") ? templates.text(fields.get("cwd").value(), path + ".cwd") : null;
        Map<String, String> env = fields.containsKey("env") ? env(fields.get("env").value(), path + ".env") : Map.of();
        ReadySpec ready = fields.containsKey("ready") ? ready(fields.get("ready").value(), path + ".ready") : null;
        List<String> dependsOn = List.of();
        Map<String, Profile.Condition> conditions = new LinkedHashMap<>();
        if (fields.containsKey("depends_on")) {
            Node node = fields.get("depends_on").value();
            dependsOn = dependsOn(node, path + ".depends_on", processNames, conditions);
            dependsOnNodes.put(entry.name(), node);
        }
        RestartPolicy restart = fields.containsKey("restart") ? restart(fields.get("restart").value(), path + ".restart") : RestartPolicy.NO;
        Integer maxRestarts = DEFAULT_MAX_RESTARTS;
        if (fields.containsKey("max_restarts")) {
            maxRestarts = doc.wholeNumber(fields.get("max_restarts").value(), path + ".max_restarts");
            if (maxRestarts != null && maxRestarts < 0) {
                doc.error(fields.get("max_restarts").value(), path + ".max_restarts", "must not be negative (got " + maxRestarts + ")");
            }
        }
        if (errorCount() > before || command == null || dependsOn == null) {
            return null;
        }
        return new ProcessSpec(entry.name(), command, cwd, env, ready, dependsOn, restart, maxRestarts, conditions);
    }

    private int errorCount() {
        return (int) doc.problems().stream().filter(Problem::isError).count();
    }

    private List<String> command(Node node, String path) {
        if (node instanceof ScalarNode s && !YamlDoc.isNull(node)) {
            String text = templates.text(node, path);
            try {
                List<String> words = CommandWords.split(text);
                if (words.isEmpty()) {
                    doc.error(node, path, "is empty; write the program and its arguments, e.g. [java, Server.java]");
                    return null;
                }
                for (ShellVariables.Finding f : ShellVariables.find(List.of(text), words, templates.portNames())) {
                    doc.warningInside(s, f.index(), path, f.message());
                }
                return words;
            } catch (IllegalArgumentException e) {
                doc.error(s, path, e.getMessage());
                return null;
            }
        }
        List<Node> items = doc.sequence(node, path, "a list like [java, Server.java] or a string");
        if (items == null) {
            return null;
        }
        if (items.isEmpty()) {
            doc.error(node, path, "is empty; write the program and its arguments, e.g. [java, Server.java]");
            return null;
        }
        List<String> argv = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            argv.add(templates.text(items.get(i), path + "[" + i + "]"));
        }
        if (argv.contains(null)) {
            return null;
        }
        for (ShellVariables.Finding f : ShellVariables.find(argv, argv, templates.portNames())) {
            if (items.get(f.word()) instanceof ScalarNode s) {
                doc.warningInside(s, f.index(), path + "[" + f.word() + "]", f.message());
            }
        }
        return argv;
    }

    private Map<String, String> env(Node node, String path) {
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, YamlDoc.Entry> entries = doc.mapping(node, path, "a mapping NAME: value");
        if (entries == null) {
            return env;
        }
        for (YamlDoc.Entry e : entries.values()) {
            String varPath = YamlDoc.path(path, e.name());
            if (!ENV_NAME.matcher(e.name()).matches()) {
                doc.error(e.key(), path, "\"" + e.name() + "\" is not an environment variable name (letters, digits and _, not starting with a digit)");
                continue;
            }
            String value = templates.text(e.value(), varPath);
            if (value != null) {
                env.put(e.name(), value);
            }
        }
        return env;
    }

    private ReadySpec ready(Node node, String path) {
        Map<String, YamlDoc.Entry> fields = doc.mapping(node, path, "a mapping like { tcp: PORT }, { http: URL } or { log: REGEX }");
        if (fields == null) {
            return null;
        }
        List<String> known = new ArrayList<>(READY_KINDS);
        known.add("timeout");
        doc.unknownKeys(fields, path, known);
        List<YamlDoc.Entry> kinds = fields.values().stream().filter(e -> READY_KINDS.contains(e.name())).toList();
        if (kinds.isEmpty()) {
            doc.error(node, path, "needs one of tcp: PORT, http: URL or log: REGEX");
            return null;
        }
        if (kinds.size() > 1) {
            doc.error(kinds.get(1).key(), path, "has both " + kinds.get(0).name() + " and " + kinds.get(1).name() + "; keep one");
            return null;
        }
        Duration timeout = DEFAULT_READY_TIMEOUT;
        if (fields.containsKey("timeout")) {
            timeout = doc.duration(fields.get("timeout").value(), path + ".timeout");
            if (timeout != null && timeout.isZero()) {
                doc.error(fields.get("timeout").value(), path + ".timeout", "must be more than zero");
                timeout = null;
            }
        }
        YamlDoc.Entry kind = kinds.get(0);
        String kindPath = path + "." + kind.name();
        String text = templates.text(kind.value(), kindPath);
        if (text == null) {
            return null;
        }
        boolean templated = text.contains("${");
        switch (kind.name()) {
            case "tcp":
                if (!templated) {
                    Integer port = doc.wholeNumber(kind.value(), kindPath);
                    if (port != null && !PortRange.isPort(port)) {
                        doc.error(kind.value(), kindPath, "must be a port between 1 and 65535 (got " + port + ")");
                    }
                }
                return timeout == null ? null : new ReadySpec.Tcp(text, timeout);
            case "http":
                if (!text.startsWith("http://") && !text.startsWith("https://")) {
                    doc.error(kind.value(), kindPath, "expected a URL starting with http:// or https:// (got \"" + text + "\")");
                }
                return timeout == null ? null : new ReadySpec.Http(text, timeout);
            default:
                String regex = templated ? renderForCheck(text) : text;
                try {
                    if (regex != null) {
                        Pattern.compile(regex);
                    }
                } catch (PatternSyntaxException e) {
                    doc.error(kind.value(), kindPath, "not a valid regular expression: " + e.getDescription()
                            + " near index " + e.getIndex());
                }
                return timeout == null ? null : new ReadySpec.Log(text, timeout);
        }
    }

    /** Templates stand for plain words or numbers; "0" keeps the regex shape for checking. */
    private static String renderForCheck(String text) {
        try {
            return Template.render(text, key -> "0");
        } catch (IllegalArgumentException e) {
            return null; // already reported as a template error
        }
    }

    /** A list of names (each must be ready), or a mapping NAME: started | ready | completed. */
    private List<String> dependsOn(Node node, String path, Set<String> processNames, Map<String, Profile.Condition> conditions) {
        if (node instanceof org.yaml.snakeyaml.nodes.MappingNode) {
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
        java.util.List<String> words = java.util.Arrays.stream(Profile.Condition.values()).map(Profile.Condition::yaml).toList();
        doc.error(node, path, "expected started, ready or completed (got \"" + text + "\")" + Suggest.didYouMean(text, words));
        return null;
    }

    private RestartPolicy restart(Node node, String path) {
        String text = doc.text(node, path);
        if (text == null) {
            return null;
        }
        for (RestartPolicy p : RestartPolicy.values()) {
            if (p.yaml().equals(text)) {
                return p;
            }
        }
        doc.error(node, path, "expected no, on-failure or always (got \"" + text + "\")");
        return null;
    }

    private void reportCycles(Map<String, ProcessSpec> processes) {
        Set<String> reported = new LinkedHashSet<>();
        for (String start : processes.keySet()) {
            List<String> cycle = DependencyCycles.find(start, name -> {
                ProcessSpec p = processes.get(name);
                return p == null ? List.of() : p.dependsOn();
            });
            if (cycle == null) {
                continue;
            }
            Set<String> members = new java.util.TreeSet<>(cycle);
            if (reported.add(String.join(",", members))) {
                doc.error(dependsOnNodes.get(cycle.get(0)), "processes." + cycle.get(0) + ".depends_on",
                        "dependency cycle: " + String.join(" -> ", cycle));
            }
        }
    }
}
