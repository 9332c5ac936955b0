package dev.launch.cli;

import dev.launch.config.ProfileLoader;
import dev.launch.registry.PortFormat;
import dev.launch.util.Durations;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the plain forms of {@code ports}, {@code status}, {@code env} and of a run of a profile
 * ({@code dev}) without picocli.
 *
 * <p>Why: the first three are what scripts call on every shell start ({@code x=$(./jbang launch.java
 * ports) && eval "$x"}), and picocli's classes cannot go into a class-data sharing archive (class file
 * version 49); loading them and building the model of the whole command tree is more than half of
 * such a run, and of a stack's time to its first process. This is not a second parser: it recognises only the forms picocli would accept the
 * same way (each option of the command once, values that are not options, no {@code --opt=value},
 * no {@code @argfiles}, no {@code --}), fills the very fields picocli would fill, and calls the
 * same {@code run} method. Anything else, including every error and {@code --help}, answers
 * {@link #NOT_HANDLED} and goes to picocli, so messages and exit codes stay picocli's.
 */
final class FastPath {
    static final int NOT_HANDLED = Integer.MIN_VALUE;

    /** The commands handled here, by every name picocli knows them by. */
    static final Map<String, String> COMMANDS = Map.of("ports", "ports", "status", "status", "ps", "status", "env", "env");
    /** The options of each command that are read here; any other goes to picocli. */
    static final Map<String, Set<String>> COMMAND_OPTIONS = Map.of(
            "ports", Set.of(OptionNames.RANGE, OptionNames.FORMAT, OptionNames.LEASE),
            "status", Set.of(OptionNames.JSON),
            "env", Set.of(OptionNames.FORMAT));
    /** Options of those commands that are left to picocli (FastPath answers NOT_HANDLED when it meets one). */
    static final Map<String, Set<String>> PICOCLI_ONLY = Map.of("ports", Set.of(OptionNames.STRICT), "status", Set.of(), "env", Set.of(OptionNames.ENV_FILES));
    /** The global options read here; FastPathModelTest checks all three sets against picocli's model. */
    static final Set<String> GLOBAL_OPTIONS = Set.of(OptionNames.CONFIG, OptionNames.PROFILES, OptionNames.STATE_DIR,
            OptionNames.QUIET, OptionNames.QUIET_SHORT, OptionNames.NO_COLOR, OptionNames.VERBOSE);
    /** How many positional arguments each command takes, as picocli writes an arity. */
    static final Map<String, String> POSITIONALS = Map.of("ports", "0..1", "status", "0", "env", "1");
    /** Options that take a value (the rest are flags). */
    static final Set<String> WITH_VALUE = Set.of(OptionNames.CONFIG, OptionNames.PROFILES, OptionNames.STATE_DIR,
            OptionNames.RANGE, OptionNames.FORMAT, OptionNames.LEASE);
    private static final Set<String> SUBCOMMAND_OPTIONS = Set.of(OptionNames.FORMAT, OptionNames.LEASE, OptionNames.RANGE, OptionNames.JSON);
    /** The options of the top command that runs a profile (besides the global ones and help). */
    static final Set<String> RUN_OPTIONS = Set.of(OptionNames.PROFILE, OptionNames.GRACE, OptionNames.STRICT);
    /**
     * Every name and alias of a subcommand: a first argument that is one of these is that command,
     * any other is the profile to run.
     */
    static final Set<String> SUBCOMMANDS = Set.of("ports", "check", "find", "status", "ps", "env", "stop", "restart", "start",
            "logs", "prune", "ranges", "validate", "ui", "completion", "help");

    private FastPath() {}

    static int run(String[] args) {
        GlobalOptions globals = new GlobalOptions();
        Set<String> seen = new HashSet<>();
        String command = null;
        List<String> positionals = new ArrayList<>();
        List<String[]> options = new ArrayList<>();
        RunCommand run = new RunCommand();
        boolean runOptions = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("-")) {
                if (a.equals(OptionNames.QUIET_SHORT)) {
                    a = OptionNames.QUIET;
                }
                if (!a.equals(OptionNames.RANGE) && !seen.add(a)) {
                    return NOT_HANDLED;  // picocli: "should be specified only once"
                }
                if (command == null && SUBCOMMAND_OPTIONS.contains(a)) {
                    return NOT_HANDLED;  // an option of the subcommand before its name
                }
                switch (a) {
                    case OptionNames.QUIET -> globals.quiet = true;
                    case OptionNames.NO_COLOR -> globals.noColor = true;
                    case OptionNames.VERBOSE -> globals.verbose = true;
                    case OptionNames.CONFIG, OptionNames.PROFILES, OptionNames.STATE_DIR, OptionNames.FORMAT, OptionNames.LEASE,
                            OptionNames.RANGE -> {
                        if (i + 1 >= args.length || args[i + 1].startsWith("-") || args[i + 1].startsWith("@")) {
                            return NOT_HANDLED;
                        }
                        String value = args[++i];
                        switch (a) {
                            case OptionNames.CONFIG -> globals.config = Path.of(value);
                            case OptionNames.PROFILES -> globals.profiles = Path.of(value);
                            case OptionNames.STATE_DIR -> globals.stateDir = Path.of(value);
                            default -> options.add(new String[] {a, value});
                        }
                    }
                    case OptionNames.JSON -> options.add(new String[] {a, null});
                    case OptionNames.STRICT -> {
                        run.strict = true;
                        runOptions = true;
                    }
                    case OptionNames.PROFILE, OptionNames.GRACE -> {
                        if (i + 1 >= args.length || args[i + 1].startsWith("-") || args[i + 1].startsWith("@")) {
                            return NOT_HANDLED;
                        }
                        runOptions = true;
                        if (a.equals(OptionNames.PROFILE)) {
                            run.profileOption = args[++i];
                        } else {
                            try {
                                run.grace = Durations.parse(args[++i]);
                            } catch (IllegalArgumentException e) {
                                return NOT_HANDLED;  // picocli reports it
                            }
                        }
                    }
                    default -> {
                        return NOT_HANDLED;
                    }
                }
            } else if (a.isEmpty() || a.startsWith("@")) {
                return NOT_HANDLED;
            } else if (command == null) {
                command = a;
            } else {
                positionals.add(a);
            }
        }
        if (command == null || !SUBCOMMANDS.contains(command)) {
            return options.isEmpty() && positionals.isEmpty() ? runProfile(globals, run, command) : NOT_HANDLED;
        }
        if (runOptions || !COMMANDS.containsKey(command) || !accepts(COMMANDS.get(command), positionals.size())) {
            return NOT_HANDLED;
        }
        PrintWriter out = writer(System.out, "sun.stdout.encoding");
        PrintWriter err = writer(System.err, "sun.stderr.encoding");
        try {
            return switch (COMMANDS.getOrDefault(command, "")) {
                case "ports" -> ports(globals, positionals, options, out, err);
                case "status" -> status(globals, positionals, options, out, err);
                case "env" -> env(globals, positionals, options, out, err);
                default -> NOT_HANDLED;
            };
        } catch (RuntimeException e) {
            return ErrorReport.report(e, err, globals.verbose);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * The top command: runs the profile named by the argument or --profile (or the default one).
     * One that is not there goes to picocli, which suggests a command of a close name.
     */
    private static int runProfile(GlobalOptions globals, RunCommand run, String profile) {
        if (profile != null && run.profileOption != null) {
            return NOT_HANDLED;
        }
        run.profileArg = profile;
        String name = profile != null ? profile : run.profileOption;
        PrintWriter err = writer(System.err, "sun.stderr.encoding");
        try {
            if (name != null && !ProfileLoader.names(globals.profilesDir()).contains(name)) {
                return NOT_HANDLED;
            }
            return run.run(globals.project(err), globals, err);
        } catch (RuntimeException e) {
            return ErrorReport.report(e, err, globals.verbose);
        } finally {
            err.flush();
        }
    }

    private static int ports(GlobalOptions globals, List<String> positionals, List<String[]> options,
            PrintWriter out, PrintWriter err) {
        PortsCommand c = new PortsCommand();
        c.profile = positionals.isEmpty() ? null : positionals.get(0);
        for (String[] o : options) {
            switch (o[0]) {
                case OptionNames.RANGE -> c.ranges.add(o[1]);
                case OptionNames.LEASE -> {
                    try {
                        c.lease = Durations.parse(o[1]);
                    } catch (IllegalArgumentException e) {
                        return NOT_HANDLED;  // picocli reports it
                    }
                }
                case OptionNames.FORMAT -> {
                    PortFormat f = format(o[1]);
                    if (f == null) {
                        return NOT_HANDLED;
                    }
                    c.format = f;
                }
                default -> {
                    return NOT_HANDLED;
                }
            }
        }
        return c.run(globals, out, err);
    }

    private static int status(GlobalOptions globals, List<String> positionals, List<String[]> options,
            PrintWriter out, PrintWriter err) {
        StatusCommand c = new StatusCommand();
        for (String[] o : options) {
            if (!o[0].equals(OptionNames.JSON)) {
                return NOT_HANDLED;
            }
            c.json = true;
        }
        return c.run(globals, out, err);
    }

    private static int env(GlobalOptions globals, List<String> positionals, List<String[]> options,
            PrintWriter out, PrintWriter err) {
        EnvCommand c = new EnvCommand();
        c.id = positionals.get(0);
        for (String[] o : options) {
            PortFormat f = o[0].equals(OptionNames.FORMAT) ? format(o[1]) : null;
            if (f == null) {
                return NOT_HANDLED;
            }
            c.format = f;
        }
        return c.run(globals, out, err);
    }

    private static boolean accepts(String command, int count) {
        String[] range = POSITIONALS.get(command).split("\\.\\.");
        return count >= Integer.parseInt(range[0]) && count <= Integer.parseInt(range[range.length - 1]);
    }

    private static PortFormat format(String value) {
        for (PortFormat f : PortFormat.values()) {
            if (f.name().equals(value)) {
                return f;
            }
        }
        return null;
    }

    /** The writers picocli would give the command: the stream's encoding, autoflush on println. */
    private static PrintWriter writer(OutputStream stream, String encodingProperty) {
        String encoding = System.getProperty(encodingProperty);
        Charset charset = encoding != null ? Charset.forName(encoding) : Charset.defaultCharset();
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(stream, charset)), true);
    }
}
