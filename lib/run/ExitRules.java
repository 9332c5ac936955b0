package dev.launch.run;

import dev.launch.config.Profile;
import dev.launch.util.ExitCode;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What a process's exit means: the next generation of a restart asked for, a stop asked for, a
 * task that completed, a restart by policy (with backoff), or the end of the stack. Called on the
 * supervisor's thread.
 */
final class ExitRules {
    private final Map<String, ManagedProcess> procs;
    private final ProcessStarter starter;
    private final String token;
    private final LogMux logs;
    private final Notices notices;
    private final BlockingQueue<SupervisorEvent> events;
    private final ScheduledExecutorService timers;
    private final Runnable checkAllReady;

    ExitRules(Map<String, ManagedProcess> procs, ProcessStarter starter, String token, LogMux logs, Notices notices,
              BlockingQueue<SupervisorEvent> events, ScheduledExecutorService timers, Runnable checkAllReady) {
        this.procs = procs;
        this.starter = starter;
        this.token = token;
        this.logs = logs;
        this.notices = notices;
        this.events = events;
        this.timers = timers;
        this.checkAllReady = checkAllReady;
    }

    /** Restarts by policy (null), or reports why the stack must stop and returns the exit code. */
    Integer exited(ManagedProcess p, int code) {
        p.exitCode = code;
        p.ready = false;
        RenderedProcess s = p.spec;
        if (p.restartAfterExit) {
            p.restartAfterExit = false;
            String problem = starter.start(p);
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
        if (p.manual && code == 0 && s.restart() != Profile.RestartPolicy.ALWAYS) {
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
                    + (s.ready() != null ? " before it was ready" : "") + Failures.lastLines(p, logs)));
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
            notices.info(s.name() + " " + Failures.exitPhrase(code) + "; restarting in " + Failures.show(Duration.ofMillis(delay))
                    + " (restart " + p.policyRestarts + " of " + s.maxRestarts() + ")");
            timers.schedule(() -> events.add(new SupervisorEvent.Restart(s.name())), delay, TimeUnit.MILLISECONDS);
            return null;
        }
        // A clean exit under `no` or `on-failure` is a task that finished; `always` meant to keep it up.
        p.completed = code == 0 && s.restart() != Profile.RestartPolicy.ALWAYS;
        String broken = Dependencies.broken(p, code, procs);
        if (p.completed && broken == null) {
            p.report("completed");
            if (procs.values().stream().allMatch(q -> q.completed)) {
                notices.info(s.name() + " completed; every process has completed");
                return ExitCode.OK;
            }
            notices.info(s.name() + " completed");
            String problem = starter.startEligible();
            if (problem != null) {
                return notices.fail(problem);
            }
            checkAllReady.run();
            return null;
        }
        p.completed = false;
        p.awaitPumps(500);
        p.report("failed");
        notices.error(Failures.describe(p.spec, code, p.wasReady, p.policyRestarts, token, logs.tail(s.name())));
        if (broken != null) {
            notices.error(broken);
        }
        return ExitCode.FAILURE;
    }
}
