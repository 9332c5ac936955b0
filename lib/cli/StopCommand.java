package dev.launch.cli;

import dev.launch.project.Project;
import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import dev.launch.run.Stopper;
import dev.launch.util.ExitCode;
import dev.launch.util.LaunchException;
import dev.launch.util.Threads;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "stop", header = "Stop running instances cleanly (the same teardown as Ctrl-C) and wait until they are gone;"
        + " or, with process names, stop only those processes and keep the stack up.",
        exitCodeList = {"0:stopped (or none was running, with --all)", "1:no such running instance", "2:no such process"},
        footerHeading = "%nExamples:%n",
        footer = {"  ./jbang launch.java stop dev-2", "  ./jbang launch.java stop dev-2 alice      # alice stops, the stack stays up"})
public final class StopCommand extends BaseCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "INSTANCE", completionCandidates = Candidates.Instances.class, description = "instance id, as shown by status (e.g. dev-1)")
    String id;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "PROCESS", completionCandidates = Candidates.Processes.class,
            description = "stop only these processes (they show `stopped`; `start` brings them back)")
    List<String> processes = List.of();

    @Option(names = "--all", description = "stop every running instance")
    boolean all;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "how long to wait for a launcher's own teardown before killing it and ending its stack here"
                    + " (default: the instance's grace + 2s)")
    Duration timeout;

    @Override
    public Integer call() {
        if (all == (id != null)) {
            throw LaunchException.usage(all ? "--all stops every instance; leave out " + id : "Missing required argument: name an instance to stop (see status), or --all");
        }
        if (!processes.isEmpty()) {
            return ProcessCommands.act(spec, "stop", id, processes);
        }
        PrintWriter out = out();
        Project project = project();
        Registry registry = project.registry();
        List<Instance> targets = registry.locked(s -> {
            if (all) {
                return s.live();
            }
            return List.of(s.get(id));
        });
        // All at once: --all waits for the slowest teardown, not for the sum of them.
        List<Future<?>> stopping = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, targets.size()), Threads.daemons("stop"));
        try {
            for (Instance instance : targets) {
                Duration wait = timeout != null ? timeout : Stopper.defaultWait(instance);
                stopping.add(pool.submit(() -> Stopper.stop(registry, instance, wait, Instances.asker("stop"), err())));
            }
            RuntimeException failed = null;
            for (int i = 0; i < targets.size(); i++) {
                try {
                    stopping.get(i).get();
                    out.println("stopped " + targets.get(i).id());
                    out.flush();
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    if (failed == null) {
                        failed = cause;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while stopping " + targets.get(i).id(), e);
                }
            }
            if (failed != null) {
                throw failed;
            }
        } finally {
            pool.shutdown();
        }
        if (targets.isEmpty()) {
            err().println("no instances running");
        }
        return ExitCode.OK;
    }
}
