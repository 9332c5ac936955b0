package dev.launch.run;

import java.util.concurrent.CompletableFuture;

/**
 * What other threads (exits, readiness checks, backoff timers, stop, requests) post to the
 * supervisor's thread, which alone decides. A generation tells an event of an earlier run of a
 * process from one of its current run.
 */
sealed interface SupervisorEvent {
    record Exited(String name, int generation, int code) implements SupervisorEvent {}

    record Ready(String name, int generation) implements SupervisorEvent {}

    record NotReady(String name, int generation, String problem) implements SupervisorEvent {}

    record Restart(String name) implements SupervisorEvent {}

    record Stop(String by, int exit) implements SupervisorEvent {}

    record Act(ProcessAction action, String name, String by, CompletableFuture<ProcessAction.Result> result) implements SupervisorEvent {}
}
