package dev.launch.cli;

import dev.launch.config.Profile;
import dev.launch.config.ProfileLoader;
import dev.launch.project.Project;
import dev.launch.run.StackRun;
import dev.launch.util.Colors;
import dev.launch.util.LaunchException;
import dev.launch.util.Suggest;
import dev.launch.yaml.YamlReadAhead;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code launch [PROFILE]}: runs a profile as a {@link StackRun}. Mixed into the top command.
 */
public final class RunCommand implements Callable<Integer> {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROFILE", completionCandidates = Candidates.Profiles.class, description = "profile to run (default: dev)")
    String profileArg;

    @Option(names = OptionNames.PROFILE, paramLabel = "NAME", completionCandidates = Candidates.Profiles.class, description = "profile to run (same as the PROFILE argument)")
    String profileOption;

    @Option(names = OptionNames.GRACE, paramLabel = "DURATION",
            description = "how long processes get between SIGTERM and SIGKILL (default: the profile's grace, else 5s)")
    Duration grace;

    @Option(names = OptionNames.STRICT, description = "only the first range of the profile's chain; busy means exit 3 naming the holder")
    boolean strict;

    @Override
    public Integer call() {
        GlobalOptions options = GlobalOptions.of(spec);
        PrintWriter err = spec.commandLine().getErr();
        if (profileArg != null && profileOption != null && !profileArg.equals(profileOption)) {
            throw LaunchException.usage("two profiles given: " + profileArg + " and --profile " + profileOption + "; pick one");
        }
        Project project = options.project(err);
        String name = profileOption != null ? profileOption : profileArg;
        if (name != null && !ProfileLoader.names(options.profilesDir()).contains(name)) {
            // `launch stauts` is more likely a mistyped command than a profile
            Suggest.closest(name, spec.subcommands().keySet()).ifPresent(command -> {
                throw LaunchException.usage("no profile or command \"" + name + "\"; did you mean the command \"" + command
                        + "\"? (profiles: " + String.join(", ", ProfileLoader.names(options.profilesDir())) + ")");
            });
        }
        return run(project, options, err);
    }

    /** Runs the profile the fields name (set in at most one of them, or the same in both). */
    int run(Project project, GlobalOptions options, PrintWriter err) {
        String name = profileOption != null ? profileOption : profileArg;
        StackRun.Output output = new StackRun.Output(System.out, err, options.quiet(), Colors.wanted(options.color()));
        Profile profile;
        try (YamlReadAhead profileText = project.readProfileAhead(name)) {
            Prepare.ahead(profileText);
            profile = project.profile(name);
        }
        return new StackRun(project, profile, grace, strict, output).run();
    }
}
