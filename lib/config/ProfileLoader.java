package dev.launch.config;

import dev.launch.ports.PortRange;
import dev.launch.util.Names;
import dev.launch.util.Suggest;
import dev.launch.yaml.Problem;
import dev.launch.yaml.YamlDoc;

import dev.launch.config.Profile.EnvFileSpec;
import dev.launch.config.Profile.PortsSpec;
import dev.launch.config.Profile.ProcessSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.Node;

/** Reads profiles/NAME.yaml in full: every problem is found before anything is allocated or spawned. */
public final class ProfileLoader {
    static final List<String> TOP_KEYS = List.of("description", "ports", "grace", "processes", "envFiles");
    static final List<String> PORTS_KEYS = List.of("names", "ranges", "scan", "urls", "sticky", "strict");
    static final List<String> ENV_FILE_KEYS = List.of("path", "values");
    static final Pattern PORT_NAME = Names.PORT;
    static final Pattern PROFILE_NAME = Names.PROFILE;
    public static final String SUFFIX = ".yaml";

    /** What a check found: the profile (null when there are errors) and every problem. */
    public record Checked(Profile profile, List<Problem> problems) {}

    private ProfileLoader() {}

    /** The profiles in {@code profilesDir} (the NAME of each NAME.yaml), sorted; empty if none. */
    public static List<String> names(Path profilesDir) {
        if (!Files.isDirectory(profilesDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(profilesDir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(SUFFIX) && f.length() > SUFFIX.length())
                    .map(f -> f.substring(0, f.length() - SUFFIX.length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Profile {@code name}, checked against {@code config} and this process's environment. */
    public static Profile load(Path profilesDir, String name, PortsConfig config) {
        return load(profilesDir, name, config, System::getenv);
    }

    /** As {@link #load(Path, String, PortsConfig)}, handing each warning to {@code warnings}. */
    public static Profile loadReporting(Path profilesDir, String name, PortsConfig config, java.util.function.Consumer<Problem> warnings) {
        return load(profilesDir, name, config, System::getenv, warnings);
    }

    /** As above, with {@code env} answering ${env.VAR} (null: not set). */
    public static Profile load(Path profilesDir, String name, PortsConfig config, Function<String, String> env) {
        return load(profilesDir, name, config, env, w -> { });
    }

    private static Profile load(Path profilesDir, String name, PortsConfig config, Function<String, String> env,
            java.util.function.Consumer<Problem> warnings) {
        Path file = find(profilesDir, name);
        Checked checked = check(file, name, config, config.ranges().keySet(), env);
        List<Problem> errors = checked.problems().stream().filter(Problem::isError).toList();
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        checked.problems().forEach(warnings);
        return checked.profile();
    }

    /** profiles/NAME.yaml, or a ConfigException naming the profiles there are. */
    static Path find(Path profilesDir, String name) {
        if (!Files.isDirectory(profilesDir)) {
            throw new ConfigException(Problem.error(profilesDir, 0, 0, null, "profiles directory not found; "
                    + "create it with one NAME.yaml per profile, or point --profiles at one"));
        }
        Path file = profilesDir.resolve(name + SUFFIX);
        if (PROFILE_NAME.matcher(name).matches() && Files.exists(file)) { // reading it tells what is wrong with a non-file
            return file;
        }
        List<String> available = names(profilesDir);
        throw new ConfigException(Problem.error(profilesDir, 0, 0, null, "no profile \"" + name + "\""
                + Suggest.didYouMean(name, available)
                + (available.isEmpty() ? " (there are no NAME.yaml files here)" : " (available: " + String.join(", ", available) + ")")));
    }

    /**
     * Every problem of one profile file. {@code rangeNames}: every range ports.yaml names, valid
     * or not, so a profile is not blamed for a range whose own definition is broken.
     */
    public static Checked check(Path file, String name, PortsConfig config, Set<String> rangeNames, Function<String, String> env) {
        YamlDoc doc = YamlDoc.read(file, "create it, or pick another profile");
        if (doc.root() == null) {
            if (!doc.hasErrors()) {
                doc.error(null, null, "is empty; a profile needs at least \"ports:\" with names and ranges");
            }
            return new Checked(null, doc.problems());
        }
        Map<String, YamlDoc.Entry> top = doc.mapping(doc.root(), "", "a mapping with ports:, processes:, ...");
        if (top == null) {
            return new Checked(null, doc.problems());
        }
        doc.unknownKeys(top, "", TOP_KEYS, Map.of("env_files", "envFiles", "envfiles", "envFiles"));
        String description = top.containsKey("description") ? doc.text(top.get("description").value(), "description") : null;
        PortsSpec ports = null;
        if (top.containsKey("ports")) {
            ports = ports(doc, top.get("ports").value(), config, rangeNames, env);
        } else {
            doc.error(doc.root(), null, "missing key \"ports\" (names: [...] and ranges: [...])");
        }
        Duration grace = top.containsKey("grace") ? doc.duration(top.get("grace").value(), "grace") : null;
        ProfileTemplates templates = new ProfileTemplates(doc, ports == null ? null : ports.names(), env);
        Map<String, ProcessSpec> processes = Map.of();
        if (top.containsKey("processes")) {
            Node node = top.get("processes").value();
            if (YamlDoc.isNull(node) || (node instanceof org.yaml.snakeyaml.nodes.MappingNode m && m.getValue().isEmpty())) {
                doc.error(YamlDoc.isNull(node) ? top.get("processes").key() : node, "processes", "is empty; name at least one process"
                        + " (NAME: { command: [...] }), or leave the key out for a profile that only allocates ports");
            } else {
                processes = ProcessLoader.read(templates, node);
            }
        }
        List<EnvFileSpec> envFiles = top.containsKey("envFiles") && !YamlDoc.isNull(top.get("envFiles").value())
                ? envFiles(templates, top.get("envFiles").value()) : List.of();
        List<Problem> problems = new ArrayList<>(doc.problems());
        problems.sort(java.util.Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
        if (doc.hasErrors()) {
            return new Checked(null, problems);
        }
        return new Checked(new Profile(name, file, description, ports, processes, envFiles, grace), problems);
    }

    private static PortsSpec ports(YamlDoc doc, Node node, PortsConfig config, Set<String> rangeNames, Function<String, String> env) {
        Map<String, YamlDoc.Entry> fields = doc.mapping(node, "ports", "a mapping { names: [...], ranges: [...] }");
        if (fields == null) {
            return null;
        }
        doc.unknownKeys(fields, "ports", PORTS_KEYS);
        List<String> names = null;
        if (fields.containsKey("names")) {
            names = uniqueList(doc, fields.get("names").value(), "ports.names", "port names, e.g. [api, web]");
            if (names != null) {
                List<Node> items = ((org.yaml.snakeyaml.nodes.SequenceNode) fields.get("names").value()).getValue();
                Map<String, String> variables = new java.util.HashMap<>();
                for (int i = 0; i < items.size(); i++) {
                    String n = ((org.yaml.snakeyaml.nodes.ScalarNode) items.get(i)).getValue();
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
                checkRanges(doc, (org.yaml.snakeyaml.nodes.SequenceNode) rangesNode, config, rangeNames, names);
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
            if (url == null) {
                ok = false;
            } else {
                urls.put(e.name(), url);
            }
        }
        return ok ? urls : null;
    }

    private static void checkRanges(YamlDoc doc, org.yaml.snakeyaml.nodes.SequenceNode node, PortsConfig config,
            Set<String> rangeNames, List<String> portNames) {
        List<Node> items = node.getValue();
        for (int i = 0; i < items.size(); i++) {
            String range = ((org.yaml.snakeyaml.nodes.ScalarNode) items.get(i)).getValue();
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

    private static List<EnvFileSpec> envFiles(ProfileTemplates templates, Node node) {
        YamlDoc doc = templates.doc();
        List<Node> items = doc.sequence(node, "envFiles", "a list of { path: FILE, values: { NAME: value } }");
        List<EnvFileSpec> files = new ArrayList<>();
        if (items == null) {
            return files;
        }
        Set<String> paths = new LinkedHashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String path = "envFiles[" + i + "]";
            Map<String, YamlDoc.Entry> fields = doc.mapping(items.get(i), path, "a mapping { path: FILE, values: { NAME: value } }");
            if (fields == null) {
                continue;
            }
            doc.unknownKeys(fields, path, ENV_FILE_KEYS);
            String file = null;
            if (fields.containsKey("path")) {
                file = templates.text(fields.get("path").value(), path + ".path");
                if (file != null && !paths.add(file)) {
                    doc.error(fields.get("path").value(), path + ".path", "\"" + file + "\" is listed twice");
                }
            } else {
                doc.error(items.get(i), path, "missing key \"path\" (the env file to write, e.g. app/.env.development)");
            }
            Map<String, String> values = new LinkedHashMap<>();
            if (fields.containsKey("values")) {
                Map<String, YamlDoc.Entry> entries = doc.mapping(fields.get("values").value(), path + ".values", "a mapping NAME: value");
                for (YamlDoc.Entry e : entries == null ? List.<YamlDoc.Entry>of() : entries.values()) {
                    if (!ProcessLoader.ENV_NAME.matcher(e.name()).matches()) {
                        doc.error(e.key(), path + ".values", "\"" + e.name() + "\" is not a variable name (letters, digits and _, not starting with a digit)");
                    } else {
                        String value = templates.text(e.value(), path + ".values." + e.name());
                        if (value != null) {
                            values.put(e.name(), value);
                        }
                    }
                }
            } else {
                doc.error(items.get(i), path, "missing key \"values\" (the NAME: value lines to manage)");
            }
            if (file != null) {
                files.add(new EnvFileSpec(file, values));
            }
        }
        return files;
    }
}
