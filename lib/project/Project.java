package dev.launch.project;

import dev.launch.config.PortsConfig;
import dev.launch.config.PortsConfigLoader;
import dev.launch.config.Profile;
import dev.launch.config.ProfileLoader;
import dev.launch.ports.PortProbe;
import dev.launch.ports.PortRange;
import dev.launch.registry.Allocator;
import dev.launch.registry.Registry;
import dev.launch.util.LaunchException;
import dev.launch.util.Suggest;

import dev.launch.config.ConfigException;
import dev.launch.yaml.Problem;
import dev.launch.yaml.YamlReadAhead;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a command works on: ports.yaml, the profiles directory and the registry, found through
 * its {@link Locations}. Loading is lazy so that commands pay only for what they use.
 */
public final class Project {
    public static final String DEFAULT_PROFILE = "dev";

    private final Locations locations;
    private final boolean quiet;
    private final PrintWriter err;
    private PortsConfig config;

    public Project(Locations locations, boolean quiet, PrintWriter err) {
        this.locations = locations;
        this.quiet = quiet;
        this.err = err;
    }

    public Locations locations() {
        return locations;
    }

    public PortsConfig config() {
        if (config == null) {
            missingConfig().ifPresent(p -> {
                throw new ConfigException(p);
            });
            config = PortsConfigLoader.load(locations.configFile());
            if (!quiet) {
                config.warnings().forEach(w -> err.println(w));
                err.flush();
            }
        }
        return config;
    }

    /** ports.yaml is missing from every default place: the problem names them. */
    public Optional<Problem> missingConfig() {
        Path file = locations.configFile();
        String looked = Locations.looked(file, Locations.CONFIG);
        if (Files.exists(file) || looked.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Problem.error(file, 0, 0, null, "not found " + looked + "; " + PortsConfigLoader.MISSING_HINT));
    }

    public Profile profile(String name) {
        Path dir = locations.profilesDir();
        String looked = Locations.looked(dir, Locations.PROFILES);
        if (!looked.isEmpty() && !Files.isDirectory(dir)) {
            throw new ConfigException(ProfileLoader.notADirectory(dir, looked));
        }
        return ProfileLoader.loadReporting(locations.profilesDir(), name == null ? DEFAULT_PROFILE : name, config(), warning -> {
            if (!quiet) {
                err.println(warning);
                err.flush();
            }
        });
    }

    /** An early read of profile {@code name} (default: dev) that {@link #profile} takes; run it on another thread. */
    public YamlReadAhead readProfileAhead(String name) {
        return ProfileLoader.readAhead(locations.profilesDir(), name == null ? DEFAULT_PROFILE : name);
    }

    public Registry registry() {
        return new Registry(locations.stateDir(), err);
    }

    public Allocator allocator() {
        return new Allocator(port -> PortProbe.isFree(port) ? List.of() : PortProbe.probe(port).reasons());
    }

    /** The chain for a profile, or the ranges forced with --range (then without scan). */
    public Allocator.Request request(Profile profile, List<String> forcedRanges) {
        return request(profile, forcedRanges, false);
    }

    /**
     * As above; strict (the flag or the profile's ports.strict) keeps only the chain's first
     * range, without scan, so a busy block is an error rather than another block.
     */
    public Allocator.Request request(Profile profile, List<String> forcedRanges, boolean strictFlag) {
        boolean forced = forcedRanges != null && !forcedRanges.isEmpty();
        boolean strict = strictFlag || profile.ports().strict();
        List<String> names = forced ? forcedRanges : profile.ports().ranges();
        List<PortRange> chain = (strict ? names.subList(0, 1) : names).stream().map(n -> config().range(n).orElseThrow(() -> LaunchException.usage(
                "unknown range " + n + " (ports.yaml has " + String.join(", ", config().ranges().keySet()) + ")"
                        + Suggest.didYouMean(n, config().ranges().keySet())))).toList();
        boolean scan = !forced && !strict && profile.ports().scan();
        return new Allocator.Request(profile.ports().names(), chain, scan);
    }
}
