package dev.launch.run;

import dev.launch.proc.ProcessTree;
import dev.launch.util.Threads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Ends processes of the stack with {@link ProcessTree}, what they started included: the whole
 * stack in tiers (dependents first) sharing one grace period, one process on request, or
 * everything at once without grace. The run token finds what escaped its session.
 */
final class Teardown {
    private final Map<String, ManagedProcess> procs;
    private final String token;
    private final Duration grace;
    private final LogMux logs;
    private final Notices notices;
    private final Set<Long> spare = ConcurrentHashMap.newKeySet();

    Teardown(Map<String, ManagedProcess> procs, String token, Duration grace, LogMux logs, Notices notices) {
        this.procs = procs;
        this.token = token;
        this.grace = grace;
        this.logs = logs;
        this.notices = notices;
    }

    /** Never signalled (the watchdog). */
    void spare(long pid) {
        spare.add(pid);
    }

    /** Dependents first, in tiers, sharing one grace period; then the log pumps drain. */
    void all() {
        for (ManagedProcess p : procs.values()) {
            p.answerReady(ProcessAction.Result.failed("the stack is stopping"));
            p.answerStopped(ProcessAction.Result.ok(p.spec.name() + " stopped with the stack"));
        }
        List<ManagedProcess> alive = procs.values().stream().filter(ManagedProcess::alive).toList();
        alive.forEach(p -> p.report("stopping"));
        if (!alive.isEmpty()) {
            notices.info("stopping " + alive.stream().map(p -> p.spec.name()).collect(Collectors.joining(", "))
                    + " (SIGTERM, then SIGKILL after " + Failures.show(grace) + ")");
        }
        if (!alive.isEmpty() || token != null) {
            ProcessTree.Outcome outcome = ProcessTree.terminate(tiers(), token, grace, spare);
            if (outcome.terminated() > 0) {
                notices.info("stopped " + Failures.stopped(alive.size(), outcome.terminated())
                        + (outcome.killed() > 0 ? " (" + outcome.killed() + " killed after the " + Failures.show(grace) + " grace)" : "")
                        + " in " + Failures.show(outcome.took()));
            }
        }
        long until = System.currentTimeMillis() + 1000;
        for (ManagedProcess p : procs.values()) {
            p.awaitPumps(Math.max(1, until - System.currentTimeMillis()));
            if (p.process != null && !p.completed) {
                p.exitCode = p.process.isAlive() ? null : p.process.exitValue();
                p.report("stopped");
            }
        }
        logs.flush();
    }

    /** The running processes, dependents before what they depend on (see {@link StopOrder}). */
    private List<List<ProcessHandle>> tiers() {
        Map<String, List<String>> dependsOn = new LinkedHashMap<>();
        procs.forEach((name, p) -> dependsOn.put(name, p.spec.dependsOn()));
        List<List<ProcessHandle>> tiers = new ArrayList<>();
        for (List<String> names : StopOrder.tiers(dependsOn)) {
            List<ProcessHandle> tier = new ArrayList<>();
            for (String name : names) {
                ManagedProcess p = procs.get(name);
                if (p.process != null) {
                    tier.add(p.process.toHandle());
                }
            }
            tiers.add(tier);
        }
        return tiers;
    }

    /** Ends one process and what it started (SIGTERM, the grace, SIGKILL) off the supervisor's thread; its exit comes as an event. */
    void one(ManagedProcess p) {
        ProcessHandle handle = p.process.toHandle();
        Threads.startDaemon("stop-" + p.spec.name(), () -> ProcessTree.terminate(List.of(List.of(handle)), null, grace, spare));
    }

    /** Ends at once (SIGKILL, no grace) every process of the stack that is still there: the second Ctrl-C. */
    void now() {
        List<ProcessHandle> roots = new ArrayList<>();
        for (ManagedProcess p : procs.values()) {
            Process process = p.process;
            if (process != null) {
                roots.add(process.toHandle());
            }
        }
        ProcessTree.terminate(List.of(roots), token, Duration.ZERO, spare);
    }
}
