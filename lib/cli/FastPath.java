package dev.launch.cli;

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
import java.util.Set;

/**
 * Runs the plain forms of {@code ports}, {@code status} and {@code env} without picocli.
 *
 * <p>Why: these are what scripts call on every shell start ({@code x=$(./jbang launch.java
 * ports) && eval "$x"}), and picocli's classes cannot go into a class-data sharing archive (class file
 * version 49); loading them and building the model of the whole command tree is more than half of
 * such a run. This is not a second parser: it recognises only the forms picocli would accept the
 * same way (each option of the command once, values that are not options, no {@code --opt=value},
 * no {@code @argfiles}, no {@code --}), fills the very fields picocli would fill, and calls the
 * same {@code run} method. Anything else, including every error and {@code --help}, answers
 * {@link #NOT_HANDLED} and goes to picocli, so messages and exit codes stay picocli's.
 */
final class FastPath {
    static final int NOT_HANDLED = Integer.MIN_VALUE;
    private static final Set<String> SUBCOMMAND_OPTIONS = Set.of("--format", "--lease", "--range", "--json");

    private FastPath() {}

    static int run(String[] args) {
        GlobalOptions globals = new GlobalOptions();
        Set<String> seen = new HashSet<>();
        String command = null;
        List<String> positionals = new ArrayList<>();
        List<String[]> options = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("-")) {
                if (a.equals("-q")) {
                    a = "--quiet";
                }
                if (!a.equals("--range") && !seen.add(a)) {
                    return NOT_HANDLED;  // picocli: "should be specified only once"
                }
                if (command == null && SUBCOMMAND_OPTIONS.contains(a)) {
                    return NOT_HANDLED;  // an option of the subcommand before its name
                }
                switch (a) {
                    case "--quiet" -> globals.quiet = true;
                    case "--no-color" -> globals.noColor = true;
                    case "--verbose" -> globals.verbose = true;
                    case "--config", "--profiles", "--state-dir", "--format", "--lease", "--range" -> {
                        if (i + 1 >= args.length || args[i + 1].startsWith("-") || args[i + 1].startsWith("@")) {
                            return NOT_HANDLED;
                        }
                        String value = args[++i];
                        switch (a) {
                            case "--config" -> globals.config = Path.of(value);
                            case "--profiles" -> globals.profiles = Path.of(value);
                            case "--state-dir" -> globals.stateDir = Path.of(value);
                            default -> options.add(new String[] {a, value});
                        }
                    }
                    case "--json" -> options.add(new String[] {a, null});
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
        if (command == null) {
            return NOT_HANDLED;
        }
        PrintWriter out = writer(System.out, "sun.stdout.encoding");
        PrintWriter err = writer(System.err, "sun.stderr.encoding");
        try {
            return switch (command) {
                case "ports" -> ports(globals, positionals, options, out, err);
                case "status", "ps" -> status(globals, positionals, options, out, err);
                case "env" -> env(globals, positionals, options, out, err);
                default -> NOT_HANDLED;
            };
        } catch (RuntimeException e) {
            return Cli.report(e, err, globals.verbose);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static int ports(GlobalOptions globals, List<String> positionals, List<String[]> options,
            PrintWriter out, PrintWriter err) {
        if (positionals.size() > 1) {
            return NOT_HANDLED;
        }
        PortsCommand c = new PortsCommand();
        c.profile = positionals.isEmpty() ? null : positionals.get(0);
        for (String[] o : options) {
            switch (o[0]) {
                case "--range" -> c.ranges.add(o[1]);
                case "--lease" -> {
                    try {
                        c.lease = Durations.parse(o[1]);
                    } catch (IllegalArgumentException e) {
                        return NOT_HANDLED;  // picocli reports it
                    }
                }
                case "--format" -> {
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
        if (!positionals.isEmpty()) {
            return NOT_HANDLED;
        }
        StatusCommand c = new StatusCommand();
        for (String[] o : options) {
            if (!o[0].equals("--json")) {
                return NOT_HANDLED;
            }
            c.json = true;
        }
        return c.run(globals, out, err);
    }

    private static int env(GlobalOptions globals, List<String> positionals, List<String[]> options,
            PrintWriter out, PrintWriter err) {
        if (positionals.size() != 1) {
            return NOT_HANDLED;
        }
        EnvCommand c = new EnvCommand();
        c.id = positionals.get(0);
        for (String[] o : options) {
            PortFormat f = o[0].equals("--format") ? format(o[1]) : null;
            if (f == null) {
                return NOT_HANDLED;
            }
            c.format = f;
        }
        return c.run(globals, out, err);
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
