package dev.launch.cli;

import dev.launch.config.Profile;
import dev.launch.project.Project;
import dev.launch.registry.Allocator;
import dev.launch.registry.Instance;
import dev.launch.registry.PortFormat;
import dev.launch.run.EnvTargets;
import dev.launch.util.Durations;
import dev.launch.util.ExitCode;
import dev.launch.yaml.YamlReadAhead;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ports", header = "Allocate a block of ports without starting anything; print them as exports.",
        description = "Reserves the block for a lease (default 30s) so back-to-back calls get different blocks.",
        exitCodeList = {"0:allocated (the exports are on standard output)", "2:bad usage or bad configuration",
                "3:no free block in any range of the chain"},
        footerHeading = "%nExample (the && keeps a failure from running an empty eval):%n",
        footer = "  x=$(./jbang launch.java ports) && eval \"$x\"")
public final class PortsCommand extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "PROFILE", completionCandidates = Candidates.Profiles.class, description = "profile whose port names and chain to use (default: dev)")
    String profile;

    @Option(names = OptionNames.RANGE, paramLabel = "NAME", completionCandidates = Candidates.Ranges.class, description = "use this range instead of the profile's chain (repeatable, tried in order)")
    List<String> ranges = new ArrayList<>();

    // Defaults are the fields' initial values (picocli takes them as such), so FastPath,
    // which fills these fields without picocli, starts from the same ones.
    @Option(names = OptionNames.FORMAT, paramLabel = "FORMAT", description = "sh (default), dotenv or json")
    PortFormat format = PortFormat.sh;

    @Option(names = OptionNames.LEASE, paramLabel = "DURATION",
            description = "how long the block stays reserved for you (0: not at all); default 30s")
    Duration lease = Duration.ofSeconds(30);

    @Option(names = OptionNames.STRICT, description = "only the first range of the chain (or of --range); busy means exit 3 naming the holder")
    boolean strict;

    @Override
    public Integer call() {
        return run(globals(), out(), err());
    }

    int run(GlobalOptions options, PrintWriter out, PrintWriter err) {
        Duration leaseFor = lease;
        Project project = options.project(err);
        Profile p;
        try (YamlReadAhead profileText = project.readProfileAhead(profile)) {
            Prepare.ahead(profileText);
            p = project.profile(profile);
        }
        Allocator.Request request = project.request(p, ranges, strict);
        Path root = options.profilesDir().toAbsolutePath().normalize().getParent();
        Instance instance = project.registry().locked(session -> {
            Allocator.Allocation a = project.allocator().allocate(session.holders(), request);
            Instance lease = Instance.lease(session.nextId(p.name()), p.name(), a.block(), a.ports(), leaseFor,
                    root.toString());
            lease = lease.withFrontend(EnvTargets.render(p, lease, root), EnvTargets.urls(p, lease), false);
            if (!leaseFor.isZero()) {
                session.put(lease);
            }
            if (!options.quiet()) {
                a.skipped().forEach(s -> err.println("# skipped " + s));
                err.println("# Using " + a.range() + " ports " + a.block().span()
                        + (leaseFor.isZero() ? "" : " (reserved as " + lease.id() + " for " + Durations.format(leaseFor) + ")"));
                err.flush();
            }
            return lease;
        });
        out.print(format.render(instance));
        out.flush();
        return ExitCode.OK;
    }
}
