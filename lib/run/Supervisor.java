package dev.launch.run;

import dev.launch.config.Profile;
import dev.launch.proc.ProcessTree;
import dev.launch.registry.Instance;
import dev.launch.util.ExitCode;
import dev.launch.util.LaunchException;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the processes of one stack: starts each once its dependencies are ready, restarts by
 * policy, and on the first unrecoverable failure, or on {@link #stop()}, tears everything down
 * with {@link ProcessTree}. All decisions happen on the thread that calls {@link #run()}; other
 * threads (exits, readiness checks, backoff timers, stop) only post events to it.
 */
public final class Supervisor {
    /** Told of every state change: starting, running, ready, restarting, exited, completed, failed, stopping, stopped. */
    public interface Listener {
        void changed(Instance.ProcessInfo info);
    }

    private interface Event {}

    private record Exited(String name, int generation, int code) implements Event {}

    private record Ready(String name, int generation) implements Event {}

    private record NotReady(String name, int generation, String problem) implements Event {}

    private record Restart(String name) implements Event {}

    private record Stop(String by, int exit) implements Event {}

    private record Act(ProcessAction action, String name, String by, CompletableFuture<ProcessAction.Result> result) implements Event {}

    static final long SETTLE_MILLIS = 500;

    private final Map<String, ManagedProcess> procs = new LinkedHashMap<>();
    private final String token;
    private final Duration grace;
    private final LogMux logs;
    private final PrintWriter err;
    private final boolean quiet;
    private final Listener listener;
    private final Set<Long> spare = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> allReady = new CompletableFuture<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final ExecutorService checks = Executors.newCachedThreadPool(daemon("ready-check"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("restart-timer"));
    private final Object lifecycle = new Object();
    private final List<Runnable> afterTeardown = new java.util.concurrent.CopyOnWriteArrayList<>();
    private boolean runCalled;
    private boolean stopRequested;
    private volatile boolean over;
    private volatile Thread runThread;

    public Supervisor(List<RenderedProcess> processes, String runToken, Duration grace, LogMux logs,
                      PrintWriter err, boolean quiet, Listener listener) {
        this.listener = listener == null ? info -> { } : listener;
        for (RenderedProcess p : processes) {
            procs.put(p.name(), new ManagedProcess(p, this.listener));
        }
        for (RenderedProcess p : processes) {
            for (String dep : p.dependsOn()) {
                if (!procs.containsKey(dep)) {
                    throw LaunchException.usage(p.name() + " depends on " + dep + ", which is not a process of this profile");
                }
            }
        }
        this.token = runToken;
        this.grace = grace;
        this.logs = logs;
        this.err = err;
        this.quiet = quiet;
    }

    /** Never signalled by the teardown (the watchdog). */
    public void spare(long pid) {
        spare.add(pid);
    }

    /**
     * Runs once the processes are gone, before {@link #run()} returns and before {@link #stop()}
     * does: so a shutdown hook that calls stop() also waits for this (remove the registry entry,
     * restore env files, release the watchdog). Exceptions are reported, not thrown.
     */
    public void afterTeardown(Runnable action) {
        afterTeardown.add(action);
    }

    /** Completes once every process is ready; never completes if the stack fails first. */
    public CompletableFuture<Void> allReady() {
        return allReady;
    }

    /** Starts the stack and blocks until it has failed or been stopped, and is torn down. 0 or 1. */
    public int run() {
        synchronized (lifecycle) {
            if (runCalled) {
                throw new IllegalStateException("run() called twice");
            }
            runCalled = true;
            runThread = Thread.currentThread();
            if (stopRequested) {
                finished.countDown();
                return ExitCode.OK;
            }
        }
        int exit = ExitCode.FAILURE;
        try {
            exit = loop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                teardown();
                for (Runnable action : afterTeardown) {
                    try {
                        action.run();
                    } catch (RuntimeException e) {
                        err.println("launch: " + e.getMessage());
                        err.flush();
                    }
                }
            } finally {
                finished.countDown();
            }
        }
        return exit;
    }

    /** Asks for a calm teardown and waits until it is done. Thread-safe, idempotent; fine in a shutdown hook. */
    public void stop() {
        synchronized (lifecycle) {
            stopRequested = true;
            if (!runCalled) {
                return;
            }
        }
        events.add(new Stop(null, ExitCode.OK));
        if (Thread.currentThread() == runThread) {
            return;
        }
        boolean interrupted = false;
        while (true) {
            try {
                finished.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Asks for the calm teardown without waiting for it; {@link #run()} then returns {@code exit}.
     * {@code by} (e.g. "launch stop (pid 42)") is named in the output first; null for a signal.
     */
    public void requestStop(String by, int exit) {
        synchronized (lifecycle) {
            stopRequested = true;
        }
        events.add(new Stop(by, exit));
    }

    /** Ends at once (SIGKILL, no grace) every process of the stack that is still there: the second Ctrl-C. */
    public void killNow() {
        List<ProcessHandle> roots = new ArrayList<>();
        for (ManagedProcess p : procs.values()) {
            Process process = p.process;
            if (process != null) {
                roots.add(process.toHandle());
            }
        }
        ProcessTree.terminate(List.of(roots), token, Duration.ZERO, spare);
    }

    /** The names of the stack's processes, in profile order. */
    public List<String> names() {
        return List.copyOf(procs.keySet());
    }

    /**
     * Starts, stops or restarts one process, as asked from another shell or the web page; the
     * result comes once it is ready again (start, restart) or gone (stop). Safe from any thread.
     */
    public CompletableFuture<ProcessAction.Result> act(ProcessAction action, String name, String by) {
        CompletableFuture<ProcessAction.Result> result = new CompletableFuture<>();
        if (!procs.containsKey(name)) {
            result.complete(ProcessAction.Result.failed("no process " + name + " in this stack (" + String.join(", ", procs.keySet()) + ")"));
        } else if (over) {
            result.complete(ProcessAction.Result.failed("the stack is stopping"));
        } else {
            events.add(new Act(action, name, by, result));
        }
        return result;
    }

    private int loop() throws InterruptedException {
        String problem = startEligible();
        if (problem != null) {
            return fail(problem);
        }
        while (true) {
            Event e = events.take();
            if (e instanceof Stop stop) {
                if (stop.by() != null) {
                    info("stop requested by " + stop.by());
                }
                return stop.exit();
            } else if (e instanceof Ready r) {
                ManagedProcess p = procs.get(r.name());
                if (r.generation() == p.generation && !p.ready && p.alive()) {
                    p.ready = true;
                    p.wasReady = true;
                    p.manual = false;
                    p.report("ready");
                    p.answerReady(ProcessAction.Result.ok(p.spec.name() + " is ready" + (p.restarts > 0 ? " again" : "")));
                    problem = startEligible();
                    if (problem != null) {
                        return fail(problem);
                    }
                    checkAllReady();
                }
            } else if (e instanceof NotReady n) {
                ManagedProcess p = procs.get(n.name());
                if (n.generation() == p.generation && p.process.isAlive()) {
                    String why = n.name() + " was not ready after " + Failures.show(p.spec.ready().timeout()) + ": " + n.problem();
                    if (!p.manual) {
                        return fail(why);
                    }
                    p.manual = false;
                    p.answerReady(ProcessAction.Result.failed(why + lastLines(p)));
                }
            } else if (e instanceof Restart r) {
                ManagedProcess p = procs.get(r.name());
                if (p.held || p.alive() || p.restartAfterExit) {
                    continue;
                }
                problem = start(p);
                if (problem != null) {
                    return fail(problem);
                }
            } else if (e instanceof Act a) {
                ProcessActions.handle(this, procs.get(a.name()), a.action(), a.by(), a.result());
            } else if (e instanceof Exited x) {
                ManagedProcess p = procs.get(x.name());
                if (x.generation() != p.generation) {
                    continue;
                }
                Integer verdict = exited(p, x.code());
                if (verdict != null) {
                    return verdict;
                }
            }
        }
    }

    private void checkAllReady() {
        if (procs.values().stream().allMatch(q -> q.ready || q.completed || q.held)) {
            allReady.complete(null);
        }
    }

    String lastLines(ManagedProcess p) {
        p.awaitPumps(1000);
        StringBuilder sb = new StringBuilder();
        List<String> tail = logs.tail(p.spec.name());
        if (!tail.isEmpty()) {
            sb.append("\nlast lines of ").append(p.spec.name()).append(':');
            tail.forEach(line -> sb.append("\n  ").append(p.spec.name()).append(" | ").append(line));
        }
        return sb.toString();
    }

    /** Restarts by policy (null), or reports why the stack must stop and returns the exit code. */
    private Integer exited(ManagedProcess p, int code) {
        p.exitCode = code;
        p.ready = false;
        RenderedProcess s = p.spec;
        if (p.restartAfterExit) {
            p.restartAfterExit = false;
            String problem = start(p);
            if (problem != null) {
                p.manual = false;
                p.report("failed");
                p.answerReady(ProcessAction.Result.failed(problem));
            }
            return null;
        }
        if (p.held) {
            p.report("stopped");
            p.answerStopped(ProcessAction.Result.ok(s.name() + " is stopped"));
            return null;
        }
        p.report("exited");
        if (p.manual && code == 0 && s.restart() == Profile.RestartPolicy.NO) {
            p.manual = false;
            p.completed = true;
            p.report("completed");
            p.answerReady(ProcessAction.Result.ok(s.name() + " completed"));
            return null;
        }
        if (p.manual) {
            p.manual = false;
            p.report("failed");
            p.answerReady(ProcessAction.Result.failed(s.name() + " " + Failures.exitPhrase(code)
                    + (s.ready() != null ? " before it was ready" : "") + lastLines(p)));
            return null;
        }
        boolean again = switch (s.restart()) {
            case NO -> false;
            case ON_FAILURE -> code != 0;
            case ALWAYS -> true;
        };
        if (again && p.policyRestarts < s.maxRestarts()) {
            long delay = Math.min(8000, 500L << Math.min(p.policyRestarts, 5));
            p.policyRestarts++;
            p.restarts++;
            p.report("restarting");
            info(s.name() + " " + Failures.exitPhrase(code) + "; restarting in " + Failures.show(Duration.ofMillis(delay))
                    + " (restart " + p.policyRestarts + " of " + s.maxRestarts() + ")");
            timers.schedule(() -> events.add(new Restart(s.name())), delay, TimeUnit.MILLISECONDS);
            return null;
        }
        p.completed = code == 0 && s.restart() == Profile.RestartPolicy.NO;
        String broken = Dependencies.broken(p, code, procs);
        if (p.completed && broken == null) {
            p.report("completed");
            if (procs.values().stream().allMatch(q -> q.completed)) {
                info(s.name() + " completed; every process has completed");
                return ExitCode.OK;
            }
            info(s.name() + " completed");
            String problem = startEligible();
            if (problem != null) {
                return fail(problem);
            }
            checkAllReady();
            return null;
        }
        p.completed = false;
        p.awaitPumps(500);
        p.report("failed");
        String why = Failures.describe(p.spec, code, p.wasReady, p.policyRestarts, token, logs.tail(s.name()));
        err.println("launch: " + why);
        if (broken != null) {
            err.println("launch: " + broken);
        }
        err.flush();
        return ExitCode.FAILURE;
    }

    private int fail(String message) {
        err.println("launch: " + message);
        err.flush();
        return ExitCode.FAILURE;
    }

    /** Starts every process whose depends_on conditions hold; a message when one cannot start. */
    private String startEligible() {
        for (ManagedProcess p : procs.values()) {
            if (!p.started() && !p.held && Dependencies.met(p, procs)) {
                String problem = start(p);
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    String start(ManagedProcess p) {
        RenderedProcess s = p.spec;
        String missing = Failures.missingCommand(s);
        if (missing != null) {
            return missing;
        }
        Readiness.LogWatch watch = s.ready() instanceof Profile.ReadySpec.Log l ? new Readiness.LogWatch(l.regex()) : null;
        Process process;
        try {
            process = p.spawn(token, logs, watch);
        } catch (IOException e) {
            return "cannot start " + s.name() + " (" + String.join(" ", s.command()) + "): " + e.getMessage();
        }
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
        return null;
    }

    /** Dependents first, in tiers, sharing one grace period; then the log pumps drain. */
    private void teardown() {
        over = true;
        timers.shutdownNow();
        checks.shutdownNow();
        for (Event e : events) {
            if (e instanceof Act a) {
                a.result().complete(ProcessAction.Result.failed("the stack is stopping"));
            }
        }
        for (ManagedProcess p : procs.values()) {
            p.answerReady(ProcessAction.Result.failed("the stack is stopping"));
            p.answerStopped(ProcessAction.Result.ok(p.spec.name() + " stopped with the stack"));
        }
        List<ManagedProcess> alive = procs.values().stream().filter(p -> p.alive()).toList();
        alive.forEach(p -> p.report("stopping"));
        if (!alive.isEmpty()) {
            info("stopping " + alive.stream().map(p -> p.spec.name()).collect(java.util.stream.Collectors.joining(", "))
                    + " (SIGTERM, then SIGKILL after " + Failures.show(grace) + ")");
        }
        if (!alive.isEmpty() || token != null) {
            ProcessTree.Outcome outcome = ProcessTree.terminate(tiers(), token, grace, spare);
            if (outcome.terminated() > 0) {
                info("stopped " + Failures.stopped(alive.size(), outcome.terminated())
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
    void stopOne(ManagedProcess p) {
        ProcessHandle handle = p.process.toHandle();
        Thread t = new Thread(() -> ProcessTree.terminate(List.of(List.of(handle)), null, grace, spare), "stop-" + p.spec.name());
        t.setDaemon(true);
        t.start();
    }

    void info(String message) {
        if (!quiet) {
            err.println("launch: " + message);
            err.flush();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
