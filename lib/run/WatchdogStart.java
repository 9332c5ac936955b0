package dev.launch.run;

import dev.launch.util.LaunchException;
import dev.launch.util.Threads;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The run's {@link Watchdog}, started on a thread of its own while the block is reserved, and
 * told the instance id before the entry is written (so the first entry already names it).
 */
final class WatchdogStart {
    private final FutureTask<Watchdog> task;

    private WatchdogStart(Path stateDir, String token, Duration grace) {
        task = new FutureTask<>(() -> Watchdog.start(stateDir, token, grace));
        Threads.startDaemon("launch-watchdog-start", task);
    }

    static WatchdogStart begin(Path stateDir, String token, Duration grace) {
        return new WatchdogStart(stateDir, token, grace);
    }

    /** The watchdog, told it watches instance {@code id}; a failure to start it fails the run. */
    Watchdog identified(String id) {
        Watchdog watchdog;
        try {
            watchdog = task.get();
        } catch (ExecutionException e) {
            throw LaunchException.failure("cannot start the watchdog of " + id + ": " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LaunchException.failure("interrupted while starting the watchdog of " + id);
        }
        watchdog.identify(id);
        return watchdog;
    }

    /** There is no run to watch after all: the watchdog, once up, leaves without touching anything. */
    void cancel() {
        try {
            task.get().done();
        } catch (ExecutionException e) {
            // it never started
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
