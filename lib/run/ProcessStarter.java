package dev.launch.run;

import dev.launch.config.Profile;
import dev.launch.run.SupervisorEvent.Exited;
import dev.launch.run.SupervisorEvent.NotReady;
import dev.launch.run.SupervisorEvent.Ready;
import dev.launch.util.Threads;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts a process's next generation and watches it: its exit, and its readiness check (run on a
 * thread of its own), come back to the supervisor as events. Called on the supervisor's thread.
 */
final class ProcessStarter {
    static final long SETTLE_MILLIS = 500;

    private final Map<String, ManagedProcess> procs;
    private final String token;
    private final LogMux logs;
    private final BlockingQueue<SupervisorEvent> events;
    private final ScheduledExecutorService timers;
    private final ExecutorService checks = Executors.newCachedThreadPool(Threads.daemons("ready-check"));

    ProcessStarter(Map<String, ManagedProcess> procs, String token, LogMux logs, BlockingQueue<SupervisorEvent> events,
                   ScheduledExecutorService timers) {
        this.procs = procs;
        this.token = token;
        this.logs = logs;
        this.events = events;
        this.timers = timers;
    }

    /**
     * Starts every process whose depends_on conditions hold; a message when one cannot start.
     * All are spawned before any is watched: the next spawn does not wait for the last one's exit
     * hook and readiness thread.
     */
    String startEligible() {
        List<ManagedProcess> spawned = new ArrayList<>();
        String problem = null;
        for (ManagedProcess p : procs.values()) {
            if (!p.started() && !p.held && Dependencies.met(p, procs)) {
                problem = spawn(p);
                if (problem != null) {
                    break;
                }
                spawned.add(p);
            }
        }
        spawned.forEach(this::watch);
        return problem;
    }

    /** Null once started, else why it could not be. */
    String start(ManagedProcess p) {
        String problem = spawn(p);
        if (problem == null) {
            watch(p);
        }
        return problem;
    }

    /** The next generation of {@code p} spawned: null, else why it could not be. */
    private String spawn(ManagedProcess p) {
        RenderedProcess s = p.spec;
        String missing = Failures.missingCommand(s);
        if (missing != null) {
            return missing;
        }
        Readiness.LogWatch watch = s.ready() instanceof Profile.ReadySpec.Log l ? new Readiness.LogWatch(l.regex()) : null;
        try {
            p.spawn(token, logs, watch);
        } catch (IOException e) {
            return "cannot start " + s.name() + " (" + String.join(" ", s.command()) + "): " + e.getMessage();
        }
        return null;
    }

    /** Its exit and its readiness check, as events for the supervisor. */
    private void watch(ManagedProcess p) {
        RenderedProcess s = p.spec;
        Process process = p.process;
        Readiness.LogWatch watch = p.logWatch;
        int generation = p.generation;
        process.onExit().thenAccept(done -> events.add(new Exited(s.name(), generation, done.exitValue())));
        if (s.ready() == null && p.manual) {
            // started on request without a check: ready once it has stayed up a moment, so a crash on start is told to the asker
            timers.schedule(() -> events.add(new Ready(s.name(), generation)), SETTLE_MILLIS, TimeUnit.MILLISECONDS);
        } else if (s.ready() == null) {
            events.add(new Ready(s.name(), generation));
        } else {
            checks.submit(() -> {
                try {
                    Readiness.Result r = Readiness.await(s.ready(), watch, process::isAlive);
                    events.add(r.ready() ? new Ready(s.name(), generation) : new NotReady(s.name(), generation, r.problem()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    // A check that dies must say so: silence would leave the stack "starting" for ever.
                    events.add(new NotReady(s.name(), generation, "its readiness check failed (" + e.getMessage() + ")"));
                }
            });
        }
    }

    /** No more readiness checks: the stack is going down. */
    void shutdown() {
        checks.shutdownNow();
    }
}
