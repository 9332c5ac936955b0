package dev.launch;

import java.io.PrintWriter;
import java.util.List;

/**
 * What a command works on: ports.yaml, the profiles directory and the registry, found through
 * the global options. Loading is lazy so that commands pay only for what they use.
 */
public final class Project {
    public static final String DEFAULT_PROFILE = "dev";

    private final GlobalOptions options;
    private final PrintWriter err;
    private PortsConfig config;

    public Project(GlobalOptions options, PrintWriter err) {
        this.options = options;
        this.err = err;
    }

    public GlobalOptions options() {
        return options;
    }

    public PortsConfig config() {
        if (config == null) {
            config = PortsConfigLoader.load(options.configFile());
            if (!options.quiet()) {
                config.warnings().forEach(w -> err.println(w));
                err.flush();
            }
        }
        return config;
    }

    public Profile profile(String name) {
        return ProfileLoader.load(options.profilesDir(), name == null ? DEFAULT_PROFILE : name, config());
    }

    public Registry registry() {
        return new Registry(options.stateDir(), err);
    }

    public Allocator allocator() {
        return new Allocator(port -> PortProbe.isFree(port) ? List.of() : PortProbe.probe(port).reasons());
    }

    /** The chain for a profile, or the ranges forced with --range (then without scan). */
    public Allocator.Request request(Profile profile, List<String> forcedRanges) {
        List<String> names = forcedRanges == null || forcedRanges.isEmpty() ? profile.ports().ranges() : forcedRanges;
        List<PortRange> chain = names.stream().map(n -> config().range(n).orElseThrow(() -> LaunchException.usage(
                "unknown range " + n + " (ports.yaml has " + String.join(", ", config().ranges().keySet()) + ")"
                        + Suggest.didYouMean(n, config().ranges().keySet())))).toList();
        boolean scan = (forcedRanges == null || forcedRanges.isEmpty()) && profile.ports().scan();
        return new Allocator.Request(profile.ports().names(), chain, scan);
    }
}
