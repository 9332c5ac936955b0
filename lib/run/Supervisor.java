package dev.launch.run;

import dev.launch.run.SupervisorEvent.Act;
import dev.launch.run.SupervisorEvent.Exited;
import dev.launch.run.SupervisorEvent.NotReady;
import dev.launch.run.SupervisorEvent.Ready;
import dev.launch.run.SupervisorEvent.Restart;
import dev.launch.run.SupervisorEvent.Stop;
import dev.launch.util.ExitCode;
import dev.launch.util.LaunchException;
import dev.launch.util.Threads;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Runs the processes of one stack: starts each once its dependencies are ready
 * ({@link ProcessStarter}), restarts by policy ({@link ExitRules}), and on the first unrecoverable
 * failure, or on {@link #stop()}, tears everything down ({@link Teardown}). All decisions happen on
 * the thread that calls {@link #run()}; other threads only post {@link SupervisorEvent}s to it.
 */
public final class Supervisor {
    private final Map<String, ManagedProcess> procs = new LinkedHashMap<>();
    private final Notices notices;
    private final LinkedBlockingQueue<SupervisorEvent> events = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(Threads.daemons("restart-timer"));
    private final ProcessStarter starter;
    private final ExitRules exits;
    private final Teardown teardown;
    private final LogMux logs;
    private final ProcessListener listener;
    private final CompletableFuture<Void> allReady = new CompletableFuture<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Object lifecycle = new Object();
    private final List<Runnable> afterTeardown = new CopyOnWriteArrayList<>();
    private boolean runCalled;
    private boolean stopRequested;
    private volatile boolean over;
    private volatile Thread runThread;

    public Supervisor(List<RenderedProcess> processes, String runToken, Duration grace, LogMux logs,
                      PrintWriter err, boolean quiet, ProcessListener listener) {
        ProcessListener told = listener == null ? info -> { } : listener;
        for (RenderedProcess p : processes) {
            procs.put(p.name(), new ManagedProcess(p, told));
        }
        for (RenderedProcess p : processes) {
            for (String dep : p.dependsOn()) {
                if (!procs.containsKey(dep)) {
                    throw LaunchException.usage(p.name() + " depends on " + dep + ", which is not a process of this profile");
                }
            }
        }
        this.logs = logs;
        this.listener = told;
        this.notices = new Notices(err, quiet);
        this.starter = new ProcessStarter(procs, runToken, logs, events, timers);
        this.exits = new ExitRules(procs, starter, runToken, logs, notices, events, timers, this::checkAllReady);
        this.teardown = new Teardown(procs, runToken, grace, logs, notices);
    }

    /** Never signalled by the teardown (the watchdog). */
    public void spare(long pid) {
        teardown.spare(pid);
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
                        notices.error(e.getMessage());
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
        teardown.now();
    }

    /** Returns once every state change so far is where other shells read it (see {@link ProcessListener#settle}). */
    public void settle() {
        listener.settle();
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
        String problem = starter.startEligible();
        if (problem != null) {
            return notices.fail(problem);
        }
        while (true) {
            SupervisorEvent e = events.take();
            if (e instanceof Stop stop) {
                if (stop.by() != null) {
                    notices.info("stop requested by " + stop.by());
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
                    problem = starter.startEligible();
                    if (problem != null) {
                        return notices.fail(problem);
                    }
                    checkAllReady();
                }
            } else if (e instanceof NotReady n) {
                ManagedProcess p = procs.get(n.name());
                if (n.generation() == p.generation && p.process.isAlive()) {
                    String why = n.name() + " was not ready after " + Failures.show(p.spec.ready().timeout()) + ": " + n.problem();
                    if (!p.manual) {
                        return notices.fail(why);
                    }
                    p.manual = false;
                    p.answerReady(ProcessAction.Result.failed(why + Failures.lastLines(p, logs)));
                }
            } else if (e instanceof Restart r) {
                ManagedProcess p = procs.get(r.name());
                if (p.held || p.alive() || p.restartAfterExit) {
                    continue;
                }
                problem = starter.start(p);
                if (problem != null) {
                    return notices.fail(problem);
                }
            } else if (e instanceof Act a) {
                ProcessActions.handle(starter, teardown, notices, procs.get(a.name()), a.action(), a.by(), a.result());
            } else if (e instanceof Exited x) {
                ManagedProcess p = procs.get(x.name());
                if (x.generation() != p.generation) {
                    continue;
                }
                Integer verdict = exits.exited(p, x.code());
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

    /** No more timers, checks or requests; then the processes go. */
    private void teardown() {
        over = true;
        timers.shutdownNow();
        starter.shutdown();
        for (SupervisorEvent e : events) {
            if (e instanceof Act a) {
                a.result().complete(ProcessAction.Result.failed("the stack is stopping"));
            }
        }
        teardown.all();
    }
}
