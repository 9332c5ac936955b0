package dev.launch;

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

@Command(mixinStandardHelpOptions = true, name = "stop", header = "Stop running instances cleanly (the same teardown as Ctrl-C) and wait until they are gone.")
public final class StopCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

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
        PrintWriter out = spec.commandLine().getOut();
        Project project = new Project(GlobalOptions.of(spec), spec.commandLine().getErr());
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
            stop(registry, instance, wait);
            out.println("stopped " + instance.id());
            out.flush();
        }
        if (targets.isEmpty()) {
            spec.commandLine().getErr().println("no instances running");
        }
        return ExitCode.OK;
    }

    /** A lease is just dropped; a run's launcher gets SIGTERM and tears its own stack down. */
    static void stop(Registry registry, Instance instance, Duration wait) {
        if (instance.kind() == Instance.Kind.LEASE) {
            registry.locked(s -> {
                s.remove(instance.id());
                return null;
            });
            return;
        }
        ProcessHandle launcher = Processes.find(instance.pid(), instance.pidStart()).orElse(null);
        if (launcher == null) {
            return;
        }
        launcher.destroy();
        try {
            launcher.onExit().get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // The launcher did not finish its own teardown in time: kill it and do the teardown here.
            launcher.destroyForcibly();
            launcher.onExit().join();
            Reaper.cleanUp(instance, Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
        registry.live();
    }
}
