package dev.launch.config;

import dev.launch.config.Profile.EnvFileSpec;
import dev.launch.config.Profile.PortsSpec;
import dev.launch.config.Profile.ProcessSpec;
import dev.launch.util.Names;
import dev.launch.util.Suggest;
import dev.launch.yaml.Problem;
import dev.launch.yaml.YamlDoc;
import dev.launch.yaml.YamlReadAhead;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** Reads profiles/NAME.yaml in full: every problem is found before anything is allocated or spawned. */
public final class ProfileLoader {
    static final List<String> TOP_KEYS = List.of("description", "ports", "grace", "processes", "envFiles");
    static final Pattern PROFILE_NAME = Names.PROFILE;
    public static final String SUFFIX = ".yaml";
    private static final String MISSING_HINT = "create it, or pick another profile";

    /** What a check found: the profile (null when there are errors) and every problem. */
    public record Checked(Profile profile, List<Problem> problems) {}

    private ProfileLoader() {}

    /**
     * The profiles in {@code profilesDir} (the NAME of each NAME.yaml), sorted; empty if none.
     * java.io's listing, not a stream of Paths: a run asks this first, and the stream's classes
     * cost it ~10 ms before anything else has started.
     */
    public static List<String> names(Path profilesDir) {
        String[] files = profilesDir.toFile().list();
        if (files == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String f : files) {
            if (f.endsWith(SUFFIX) && f.length() > SUFFIX.length()) {
                names.add(f.substring(0, f.length() - SUFFIX.length()));
            }
        }
        names.sort(null);
        return List.copyOf(names);
    }

    /** Profile {@code name}, checked against {@code config} and this process's environment. */
    public static Profile load(Path profilesDir, String name, PortsConfig config) {
        return load(profilesDir, name, config, System::getenv);
    }

    /** As {@link #load(Path, String, PortsConfig)}, handing each warning to {@code warnings}. */
    public static Profile loadReporting(Path profilesDir, String name, PortsConfig config, Consumer<Problem> warnings) {
        return load(profilesDir, name, config, System::getenv, warnings);
    }

    /** As above, with {@code env} answering ${env.VAR} (null: not set). */
    public static Profile load(Path profilesDir, String name, PortsConfig config, Function<String, String> env) {
        return load(profilesDir, name, config, env, w -> { });
    }

    private static Profile load(Path profilesDir, String name, PortsConfig config, Function<String, String> env,
            Consumer<Problem> warnings) {
        Path file = find(profilesDir, name);
        Checked checked = check(file, name, config, config.ranges().keySet(), env);
        List<Problem> errors = checked.problems().stream().filter(Problem::isError).toList();
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        checked.problems().forEach(warnings);
        return checked.profile();
    }

    /**
     * The one message for a profiles directory that is not there ({@code looked}: where it was
     * looked for, or empty) or is something else, such as a file.
     */
    public static Problem notADirectory(Path profilesDir, String looked) {
        if (Files.exists(profilesDir)) {
            return Problem.error(profilesDir, 0, 0, null, "is not a directory; profiles are read from a directory "
                    + "with one NAME.yaml per profile: point --profiles at one");
        }
        return Problem.error(profilesDir, 0, 0, null, "profiles directory not found" + (looked.isEmpty() ? "" : " " + looked)
                + "; create it with one NAME.yaml per profile, or point --profiles at one");
    }

    /** An early read of profile {@code name}'s file for {@link #load} to take; none when the name or the file is not right. */
    public static YamlReadAhead readAhead(Path profilesDir, String name) {
        if (!PROFILE_NAME.matcher(name).matches()) {
            return YamlReadAhead.none();  // load reports it, after ports.yaml's own problems
        }
        Path file = profilesDir.resolve(name + SUFFIX);
        return Files.isRegularFile(file) ? YamlReadAhead.open(file, MISSING_HINT) : YamlReadAhead.none();
    }

    /** profiles/NAME.yaml, or a ConfigException naming the profiles there are. */
    static Path find(Path profilesDir, String name) {
        if (!Files.isDirectory(profilesDir)) {
            throw new ConfigException(notADirectory(profilesDir, ""));
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
        YamlDoc doc = YamlDoc.read(file, MISSING_HINT);
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
            ports = PortsSpecLoader.read(doc, top.get("ports").value(), config, rangeNames, env);
        } else {
            doc.error(doc.root(), null, "missing key \"ports\" (names: [...] and ranges: [...])");
        }
        Duration grace = top.containsKey("grace") ? doc.duration(top.get("grace").value(), "grace") : null;
        ProfileTemplates templates = new ProfileTemplates(doc, ports == null ? null : ports.names(), env);
        Map<String, ProcessSpec> processes = Map.of();
        if (top.containsKey("processes")) {
            Node node = top.get("processes").value();
            if (YamlDoc.isNull(node) || (node instanceof MappingNode m && m.getValue().isEmpty())) {
                doc.error(YamlDoc.isNull(node) ? top.get("processes").key() : node, "processes", "is empty; name at least one process"
                        + " (NAME: { command: [...] }), or leave the key out for a profile that only allocates ports");
            } else {
                processes = ProcessLoader.read(templates, node);
            }
        }
        List<EnvFileSpec> envFiles = top.containsKey("envFiles") && !YamlDoc.isNull(top.get("envFiles").value())
                ? EnvFilesLoader.read(templates, top.get("envFiles").value()) : List.of();
        List<Problem> problems = new ArrayList<>(doc.problems());
        problems.sort(Problem.IN_FILE_ORDER);
        if (doc.hasErrors()) {
            return new Checked(null, problems);
        }
        return new Checked(new Profile(name, file, description, ports, processes, envFiles, grace), problems);
    }
}
