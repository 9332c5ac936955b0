package dev.launch.run;

import dev.launch.proc.ProcessTree;
import dev.launch.proc.Processes;
import dev.launch.registry.Instance;
import dev.launch.util.Spawn;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One process of a stack as the supervisor sees it: its current generation (a restart
 * is a new one, so events of an earlier run are recognised and ignored), its log pumps, and
 * the state it last reported. Touched only from the supervisor's own thread.
 */
final class ManagedProcess {
    final RenderedProcess spec;
    private final ProcessListener listener;
    volatile Process process;
    /** Read once at spawn, while the process is surely ours; a dead process has none to read. */
    volatile String processStart;
    List<Thread> pumps = List.of();
    /** What this generation's output is matched against for a log readiness check (else null). */
    Readiness.LogWatch logWatch;
    int generation;
    int restarts;
    /** Restarts made by the restart policy (max_restarts counts these, not the ones asked for). */
    int policyRestarts;
    boolean ready;
    /** Has passed its ready check (or started, without one) at least once: depends_on's `ready`. */
    boolean wasReady;
    /** Exited 0 with restart `no`: a task that is done. */
    boolean completed;
    /** Stopped on request: the restart policy leaves it alone until it is started again. */
    boolean held;
    /** This generation was started on request and is not ready yet: a failure is told to the asker, not fatal. */
    boolean manual;
    /** A restart on request waits for this generation to exit, then starts the next. */
    boolean restartAfterExit;
    Integer exitCode;
    final List<java.util.concurrent.CompletableFuture<ProcessAction.Result>> waitingReady = new ArrayList<>();
    final List<java.util.concurrent.CompletableFuture<ProcessAction.Result>> waitingStopped = new ArrayList<>();

    ManagedProcess(RenderedProcess spec, ProcessListener listener) {
        this.spec = spec;
        this.listener = listener;
    }

    /**
     * Spawns the next generation in a session of its own, with the run token in its environment,
     * its output pumped into {@code logs} (and into {@code watch}, for a log readiness check).
     */
    Process spawn(String token, LogMux logs, Readiness.LogWatch watch) throws IOException {
        List<String> argv = new ArrayList<>(ProcessTree.sessionPrefix());
        argv.addAll(spec.command());
        ProcessBuilder pb = new ProcessBuilder(argv);
        if (spec.cwd() != null) {
            pb.directory(spec.cwd().toFile());
        }
        pb.environment().putAll(spec.env());
        pb.environment().put(ProcessTree.TOKEN_VAR, token);
        if (logs.color()) {
            pb.environment().put("FORCE_COLOR", "1");
        }
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        generation++;
        logWatch = watch;
        ready = false;
        completed = false;
        exitCode = null;
        process = null;
        processStart = null;
        report("starting");
        process = Spawn.start(pb);
        processStart = Processes.startOf(process.toHandle());
        pumps = List.of(logs.pump(spec.name(), process.getInputStream(), watch),
                logs.pump(spec.name(), process.getErrorStream(), watch));
        report("running");
        return process;
    }

    boolean started() {
        return generation > 0;
    }

    void answerReady(ProcessAction.Result result) {
        waitingReady.forEach(f -> f.complete(result));
        waitingReady.clear();
    }

    void answerStopped(ProcessAction.Result result) {
        waitingStopped.forEach(f -> f.complete(result));
        waitingStopped.clear();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    void report(String state) {
        long pid = process == null ? 0 : process.pid();
        listener.changed(new Instance.ProcessInfo(spec.name(), pid, processStart, state, restarts, exitCode));
    }

    /** Lets the pumps write what the process wrote last (bounded: a grandchild may hold the pipe open). */
    void awaitPumps(long millis) {
        long until = System.currentTimeMillis() + millis;
        for (Thread t : pumps) {
            try {
                t.join(Math.max(1, until - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
