package dev.launch.run;

import dev.launch.control.ControlClient;
import dev.launch.control.ControlServer;
import dev.launch.util.Threads;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * A run's control channel for `restart`, `stop`, `start` and the web page. It comes up on a thread
 * of its own as soon as the run has an instance id (its socket classes cost more than the spawns),
 * and answers once there is a supervisor: a request that comes first waits for it, a few ms.
 * Without it the run still runs, and `stop` falls back to SIGTERM.
 */
final class RunControl {
    private final CompletableFuture<ControlServer.Handler> handler = new CompletableFuture<>();
    private final Thread listening;
    private volatile ControlServer server;

    private RunControl(Path stateDir, String id, PrintWriter err) {
        listening = Threads.startDaemon("launch-control-start", () -> listen(stateDir, id, err));
    }

    /** Starts listening on the instance's socket under {@code stateDir}. */
    static RunControl open(Path stateDir, String id, PrintWriter err) {
        return new RunControl(stateDir, id, err);
    }

    private void listen(Path stateDir, String id, PrintWriter err) {
        Path socket = ControlClient.socket(stateDir, id);
        try {
            server = ControlServer.start(socket, (request, note) -> handler.get().handle(request, note));
        } catch (IOException | RuntimeException e) {
            err.println("launch: warning: no control channel at " + socket + " (" + e.getMessage()
                    + "); restart, start and stop of one process will not reach this run");
        }
    }

    /** From now on requests are answered by {@code answerer}. */
    void answerWith(ControlServer.Handler answerer) {
        handler.complete(answerer);
    }

    /** Returns once the channel is up (or has failed to come up). */
    void awaitListening() {
        try {
            listening.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** No more requests: one still waiting for a supervisor that never came is failed. */
    void close() {
        awaitListening();
        handler.completeExceptionally(new IllegalStateException("the stack did not start"));
        if (server != null) {
            server.close();
        }
    }
}
