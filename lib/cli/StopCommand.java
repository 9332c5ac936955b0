package dev.launch.cli;

import dev.launch.project.Project;
import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import dev.launch.run.Stopper;
import dev.launch.util.ExitCode;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "stop", header = "Stop running instances cleanly (the same teardown as Ctrl-C) and wait until they are gone.")
public final class StopCommand extends BaseCommand {
    @ArgGroup(multiplicity = "1")
    Target target;

    static final class Target {
        @Parameters(paramLabel = "INSTANCE", description = "instance id, as shown by status (e.g. dev-1)")
        String id;

        @Option(names = "--all", required = true, description = "stop every running instance")
        boolean all;
    }

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30s",
            description = "how long to wait for a launcher's own teardown before killing it (default 30s)")
    Duration timeout;

    @Override
    public Integer call() {
        PrintWriter out = out();
        Project project = project();
        Registry registry = project.registry();
        List<Instance> targets = registry.locked(s -> {
            if (target.all) {
                return s.live();
            }
            return List.of(s.get(target.id));
        });
        Duration wait = timeout;
        for (Instance instance : targets) {
            Stopper.stop(registry, instance, wait);
            out.println("stopped " + instance.id());
            out.flush();
        }
        if (targets.isEmpty()) {
            err().println("no instances running");
        }
        return ExitCode.OK;
    }
}
