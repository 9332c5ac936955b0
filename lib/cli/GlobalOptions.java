package dev.launch.cli;

import dev.launch.project.Locations;
import dev.launch.project.Project;
import dev.launch.config.ConfigException;
import dev.launch.config.ProfileLoader;
import dev.launch.yaml.Problem;

import java.io.PrintWriter;
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
    @Option(names = OptionNames.CONFIG, scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "ports.yaml to use (default: ./ports.yaml, else beside launch.java)")
    Path config;

    @Option(names = OptionNames.PROFILES, scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "profiles directory (default: ./profiles, else beside launch.java)")
    Path profiles;

    @Option(names = OptionNames.STATE_DIR, scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "registry directory (default: $LAUNCH_STATE_DIR, $XDG_STATE_HOME/launch or ~/.local/state/launch)")
    Path stateDir;

    @Option(names = {OptionNames.QUIET_SHORT, OptionNames.QUIET}, scope = ScopeType.INHERIT, description = "only errors on stderr")
    boolean quiet;

    @Option(names = OptionNames.NO_COLOR, scope = ScopeType.INHERIT, description = "no ANSI colours (also: NO_COLOR)")
    boolean noColor;

    @Option(names = OptionNames.VERBOSE, scope = ScopeType.INHERIT, description = "show stack traces of internal errors")
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

    public Locations locations() {
        return Locations.of(config, profiles, stateDir);
    }

    public Path configFile() {
        return locations().configFile();
    }

    public Path profilesDir() {
        return locations().profilesDir();
    }

    public Path stateDir() {
        return locations().stateDir();
    }

    /** The project these options point at; warnings and errors go to err. */
    public Project project(PrintWriter err) {
        Project project = new Project(locations(), quiet, err);
        // A path given on purpose that is not there is a mistake even for commands that would not read it.
        if (config != null && !Files.isRegularFile(config)) {
            project.config();
        }
        if (profiles != null && !Files.isDirectory(profiles)) {
            throw new ConfigException(ProfileLoader.notADirectory(profiles, ""));
        }
        return project;
    }
}
