package dev.launch.config;

import dev.launch.config.Profile.ProcessSpec;
import dev.launch.config.Profile.ReadySpec;
import dev.launch.config.Profile.RestartPolicy;
import dev.launch.yaml.Problem;
import dev.launch.yaml.YamlDoc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** The {@code processes:} of a profile: each one's command, env, readiness, dependencies, restarts. */
final class ProcessLoader {
    static final List<String> KEYS = List.of("command", "cwd", "env", "ready", "depends_on", "restart", "max_restarts");
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
    private final ReadyLoader readiness;
    private final DependsOnLoader dependencies;

    private ProcessLoader(ProfileTemplates templates) {
        this.templates = templates;
        this.doc = templates.doc();
        this.readiness = new ReadyLoader(templates);
        this.dependencies = new DependsOnLoader(doc);
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
        dependencies.reportCycles(processes);
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
        ReadySpec ready = fields.containsKey("ready") ? readiness.read(fields.get("ready").value(), path + ".ready") : null;
        List<String> dependsOn = List.of();
        Map<String, Profile.Condition> conditions = new LinkedHashMap<>();
        if (fields.containsKey("depends_on")) {
            Node node = fields.get("depends_on").value();
            dependsOn = dependencies.read(entry.name(), node, path + ".depends_on", processNames, conditions);
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
}
