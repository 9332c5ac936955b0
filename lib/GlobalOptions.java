package dev.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Options accepted before or after any subcommand (picocli INHERIT scope binds them all to this
 * one object, mixed into the top command). Subcommands reach it with {@link #of(CommandSpec)}.
 */
public final class GlobalOptions {
    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "ports.yaml to use (default: ./ports.yaml, else beside launch.java)")
    Path config;

    @Option(names = "--profiles", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "profiles directory (default: ./profiles, else beside launch.java)")
    Path profiles;

    @Option(names = "--state-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "registry directory (default: $LAUNCH_STATE_DIR, $XDG_STATE_HOME/launch or ~/.local/state/launch)")
    Path stateDir;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "only errors on stderr")
    boolean quiet;

    @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "no ANSI colours (also: NO_COLOR)")
    boolean noColor;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "show stack traces of internal errors")
    boolean verbose;

    public static GlobalOptions of(CommandSpec spec) {
        return (GlobalOptions) spec.root().mixins().get("globals").userObject();
    }

    public boolean quiet() {
        return quiet;
    }

    public boolean verbose() {
        return verbose;
    }

    public boolean color() {
        return !noColor && System.getenv("NO_COLOR") == null;
    }

    /** Where ports.yaml and profiles/ live when not in the working directory: the project root. */
    public static Path home() {
        String env = System.getenv("LAUNCH_HOME");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String source = System.getProperty("jbang.source");
        if (source != null && !source.isBlank()) {
            Path parent = Path.of(source).toAbsolutePath().getParent();
            if (parent != null) {
                return parent;
            }
        }
        return Path.of("").toAbsolutePath();
    }

    public Path configFile() {
        if (config != null) {
            return config;
        }
        return firstExisting(Path.of("ports.yaml"), home().resolve("ports.yaml"));
    }

    public Path profilesDir() {
        if (profiles != null) {
            return profiles;
        }
        return firstExisting(Path.of("profiles"), home().resolve("profiles"));
    }

    public Path stateDir() {
        if (stateDir != null) {
            return stateDir;
        }
        String env = System.getenv("LAUNCH_STATE_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String xdg = System.getenv("XDG_STATE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "launch");
        }
        return Path.of(System.getProperty("user.home"), ".local", "state", "launch");
    }

    private static Path firstExisting(Path local, Path besideScript) {
        return Files.exists(local) || !Files.exists(besideScript) ? local : besideScript;
    }
}
