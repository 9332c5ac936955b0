package dev.launch.run;

import dev.launch.proc.ProcessTree;
import dev.launch.proc.Processes;
import dev.launch.registry.Instance;
import dev.launch.registry.Registry;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Finishes what a launcher that died without cleaning up left behind: ends every process of its
 * run (recorded pids with their start times, their descendants, and anything carrying the run's
 * token) and gives its env files their earlier content back. Used by the watchdog and `prune`.
 */
public final class Reaper {
    private Reaper() {}

    public record Result(int processesEnded, int envFilesRestored, List<String> problems) {}

    /**
     * As below; the env files are released under the registry lock, so one another live instance
     * of the checkout also uses passes to it (see {@link EnvFileHandOver}), told on {@code err}.
     */
    public static Result cleanUp(Instance instance, Duration grace, Registry registry, PrintWriter err) {
        Result processes = cleanUp(instance.withEnvFiles(List.of()), grace);
        List<String> problems = registry.lockedLeavingDead(session -> EnvFileHandOver.release(session, instance, line -> {
            err.println("launch: " + line);
            err.flush();
        })).stream().map(EnvFileRestore.Unrestored::problem).toList();
        return new Result(processes.processesEnded(), instance.envFiles().size() - problems.size(), problems);
    }

    public static Result cleanUp(Instance instance, Duration grace) {
        List<ProcessHandle> roots = new ArrayList<>();
        for (Instance.ProcessInfo p : instance.processes()) {
            Processes.find(p.pid(), p.pidStart()).ifPresent(roots::add);
        }
        int ended = 0;
        if (instance.runToken() != null || !roots.isEmpty()) {
            ProcessTree.Outcome outcome = ProcessTree.terminate(roots, instance.runToken(), grace);
            ended = outcome.terminated() + outcome.killed();
        }
        List<EnvFileRestore.Unrestored> left = EnvFileRestore.restore(instance.envFiles());
        return new Result(ended, instance.envFiles().size() - left.size(), left.stream().map(EnvFileRestore.Unrestored::problem).toList());
    }
}
