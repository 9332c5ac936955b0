package dev.launch.run;

import dev.launch.run.ProcessAction.Result;

import java.util.concurrent.CompletableFuture;

/**
 * Start, stop and restart of one process on request, decided on the supervisor's thread: the
 * same start (readiness check, log pumps) as at start-up, and the same teardown of its process
 * tree. Two requests for the same change at once share one change and both get its result.
 */
final class ProcessActions {
    private ProcessActions() {}

    static void handle(ProcessStarter starter, Teardown teardown, Notices notices, ManagedProcess p, ProcessAction action, String by, CompletableFuture<Result> result) {
        String name = p.spec.name();
        String asked = by == null ? "" : " (asked by " + by + ")";
        switch (action) {
            case STOP -> {
                p.restartAfterExit = false;
                p.manual = false;
                p.answerReady(Result.failed(name + " was stopped" + asked));
                if (!p.alive()) {
                    if (!p.held) {
                        p.held = true;
                        p.report("stopped");
                    }
                    result.complete(Result.ok(name + " is stopped"));
                    return;
                }
                p.waitingStopped.add(result);
                if (!p.held) {
                    p.held = true;
                    notices.info("stopping " + name + asked);
                    p.report("stopping");
                    teardown.one(p);
                }
            }
            case START -> {
                p.held = false;
                if (p.restartAfterExit || (p.alive() && !p.ready)) {
                    p.waitingReady.add(result);
                    return;
                }
                if (p.alive()) {
                    result.complete(Result.ok(name + " is already running"));
                    return;
                }
                notices.info("starting " + name + asked);
                begin(starter, p, result);
            }
            case RESTART -> {
                if (p.restartAfterExit || (p.manual && p.alive() && !p.ready)) {
                    p.waitingReady.add(result); // a restart is under way: this asker gets its result too
                    return;
                }
                p.held = false;
                p.restarts++;
                notices.info("restarting " + name + asked);
                if (p.alive()) {
                    p.manual = true;
                    p.restartAfterExit = true;
                    p.waitingReady.add(result);
                    p.report("restarting");
                    teardown.one(p);
                } else {
                    p.report("restarting");
                    begin(starter, p, result);
                }
            }
        }
    }

    private static void begin(ProcessStarter starter, ManagedProcess p, CompletableFuture<Result> result) {
        p.manual = true;
        p.waitingReady.add(result);
        String problem = starter.start(p);
        if (problem != null) {
            p.manual = false;
            p.report("failed");
            p.answerReady(Result.failed(problem));
        }
    }
}
