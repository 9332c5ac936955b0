package dev.launch.cli;

import dev.launch.config.PortsConfigLoader;
import dev.launch.config.ProfileLoader;
import dev.launch.project.Locations;
import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import dev.launch.util.ExitCode;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code __complete KIND WORD...}: what the completion script asks while the user presses TAB.
 * KIND is what to list; the WORDs are the command line typed so far (after the command name), from
 * which the global options that point at another project or state dir, and the instance a process
 * belongs to, are taken. Prints one candidate a line; prints nothing (and exits 0) when it cannot
 * tell, since a completion must never show an error in the middle of the user's line.
 */
final class Complete {
    static final String COMMAND = "__complete";
    static final String PROFILES = "profiles";
    static final String INSTANCES = "instances";
    static final String PROCESSES = "processes";
    static final String RANGES = "ranges";

    private static final Set<String> VALUED = Set.of("--config", "--profiles", "--state-dir", "--profile", "--grace",
            "--format", "--lease", "--range", "--timeout", "--count", "--max", "--port", "-n");

    private Complete() {}

    static int run(String[] args, PrintWriter out) {
        if (args.length < 2) {
            return ExitCode.USAGE;
        }
        String kind = args[1];
        List<String> words = List.of(args).subList(2, args.length);
        Path config = null;
        Path profiles = null;
        Path state = null;
        List<String> positionals = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String value = null;
            String option = w;
            if (w.startsWith("--") && w.contains("=")) {
                option = w.substring(0, w.indexOf('='));
                value = w.substring(w.indexOf('=') + 1);
            } else if (VALUED.contains(w)) {
                // bash splits --config=FILE at the '=' into three words
                int at = i + 1 < words.size() && words.get(i + 1).equals("=") ? i + 2 : i + 1;
                value = at < words.size() ? words.get(at) : null;
                i = at;
            } else if (w.startsWith("-")) {
                continue;
            } else {
                positionals.add(w);
                continue;
            }
            switch (option) {
                case "--config" -> config = value == null ? null : Path.of(value);
                case "--profiles" -> profiles = value == null ? null : Path.of(value);
                case "--state-dir" -> state = value == null ? null : Path.of(value);
                default -> { }
            }
        }
        try {
            Locations where = Locations.of(config, profiles, state);
            List<String> found = switch (kind) {
                case PROFILES -> ProfileLoader.names(where.profilesDir());
                case RANGES -> List.copyOf(PortsConfigLoader.load(where.configFile()).ranges().keySet());
                case INSTANCES -> registry(where).live().stream().map(Instance::id).toList();
                case PROCESSES -> positionals.size() < 2 ? List.of() : registry(where).live().stream()
                        .filter(i -> i.id().equals(positionals.get(1)))
                        .flatMap(i -> i.processes().stream().map(Instance.ProcessInfo::name)).toList();
                default -> List.of();
            };
            found.forEach(out::println);
        } catch (RuntimeException e) {
            // nothing to offer: the shell falls back to its own completion
        }
        out.flush();
        return ExitCode.OK;
    }

    private static Registry registry(Locations where) {
        return new Registry(where.stateDir(), new PrintWriter(new StringWriter()));
    }
}
