package dev.launch.project;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a command finds its files: ports.yaml, the profiles directory and the state directory.
 * A null argument takes the default: ./ports.yaml (else beside launch.java), ./profiles (else
 * beside launch.java), and $LAUNCH_STATE_DIR, $XDG_STATE_HOME/launch or ~/.local/state/launch.
 */
public record Locations(Path configFile, Path profilesDir, Path stateDir) {
    public static final String CONFIG = "ports.yaml";
    public static final String PROFILES = "profiles";

    public static Locations of(Path config, Path profiles, Path stateDir) {
        for (var given : java.util.Map.of("--config", String.valueOf(config), "--profiles", String.valueOf(profiles),
                "--state-dir", String.valueOf(stateDir)).entrySet()) {
            if (given.getValue().isBlank()) {
                throw dev.launch.util.LaunchException.usage(given.getKey() + " was given an empty path; name a "
                        + (given.getKey().equals("--config") ? "file" : "directory") + " (or leave the option out for the default)");
            }
        }
        return new Locations(
                config != null ? config : firstExisting(Path.of(CONFIG), home().resolve(CONFIG)),
                profiles != null ? profiles : firstExisting(Path.of(PROFILES), home().resolve(PROFILES)),
                stateDir != null ? stateDir : defaultStateDir());
    }

    /**
     * Where a missing ports.yaml (or profiles/) was looked for, as a phrase: "in the current
     * directory (/a) or beside launch.java (/b)"; empty when a path other than the default was given.
     */
    public static String looked(Path given, String name) {
        if (!given.equals(Path.of(name))) {
            return "";
        }
        Path here = Path.of("").toAbsolutePath();
        Path beside = home().toAbsolutePath().normalize();
        return here.equals(beside) ? "in the current directory (" + here + ")"
                : "in the current directory (" + here + ") or beside launch.java (" + beside + ")";
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

    static Path defaultStateDir() {
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
