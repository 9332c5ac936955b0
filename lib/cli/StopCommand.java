package dev.launch.cli;

import dev.launch.project.Project;
import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import dev.launch.run.Stopper;
import dev.launch.util.ExitCode;
import dev.launch.util.LaunchException;
import dev.launch.util.Suggest;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, name = "stop", header = "Stop running instances cleanly (the same teardown as Ctrl-C) and wait until they are gone.",
        exitCodeList = {"0:stopped (or none was running, with --all)", "1:no such running instance"},
        footerHeading = "%nExample:%n",
        footer = "  ./jbang launch.java stop dev-2")
public final class StopCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(multiplicity = "1")
    Target target;

    static final class Target {
        @Parameters(paramLabel = "INSTANCE", completionCandidates = Candidates.Instances.class, description = "instance id, as shown by status (e.g. dev-1)")
        String id;

        @Option(names = "--all", required = true, description = "stop every running instance")
        boolean all;
    }

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "how long to wait for a launcher's own teardown before killing it (default 30s)")
    Duration timeout;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Project project = GlobalOptions.of(spec).project(spec.commandLine().getErr());
        Registry registry = project.registry();
        List<Instance> targets = registry.locked(s -> {
            if (target.all) {
                return s.live();
            }
            return List.of(s.find(target.id).orElseThrow(() -> {
                List<String> ids = s.live().stream().map(Instance::id).toList();
                return LaunchException.failure("no running instance " + target.id
                        + (ids.isEmpty() ? " (none is running)" : " (running: " + String.join(", ", ids) + ")"
                        + Suggest.didYouMean(target.id, ids)));
            }));
        });
        Duration wait = timeout;
        for (Instance instance : targets) {
            Stopper.stop(registry, instance, wait);
            out.println("stopped " + instance.id());
            out.flush();
        }
        if (targets.isEmpty()) {
            spec.commandLine().getErr().println("no instances running");
        }
        return ExitCode.OK;
    }
}
