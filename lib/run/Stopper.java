package dev.launch.run;

import dev.launch.control.ControlClient;
import dev.launch.proc.Processes;
import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import java.time.Duration;
import java.util.List;

/** Stops one instance from outside its launcher: for `stop` and the web page. */
public final class Stopper {
    private Stopper() {}

    /** How long a launcher gets to take a stop request over its control channel. */
    static final Duration ASK_TIMEOUT = Duration.ofSeconds(3);

    /** As {@link #stop(Registry, Instance, Duration, String)}, asked by nobody in particular. */
    public static void stop(Registry registry, Instance instance, Duration wait) {
        stop(registry, instance, wait, null);
    }

    /**
     * A lease is just dropped; a run's launcher is asked over its control channel, naming
     * {@code by} ("launch stop (pid 42)", "the web page"), else sent SIGTERM, and tears its own
     * stack down; one that takes longer than {@code wait} is killed and cleaned up after.
     */
    public static void stop(Registry registry, Instance instance, Duration wait, String by) {
        if (instance.kind() == Instance.Kind.LEASE) {
            registry.locked(s -> {
                s.remove(instance.id());
                return null;
            });
            return;
        }
        ProcessHandle launcher = Processes.find(instance.pid(), instance.pidStart()).orElse(null);
        if (launcher == null) {
            return;
        }
        if (!asked(registry, instance, by)) {
            launcher.destroy();
        }
        try {
            launcher.onExit().get(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // The launcher did not finish its own teardown in time: kill it and do the teardown here.
            launcher.destroyForcibly();
            launcher.onExit().join();
            // its entry as last written: env files handed over to it since `instance` was read count too
            Reaper.cleanUp(registry.peek(instance.id()).orElse(instance), Duration.ofSeconds(5), registry,
                    new java.io.PrintWriter(System.err, true));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
        registry.live();
    }

    private static boolean asked(Registry registry, Instance instance, String by) {
        if (by == null) {
            return false;
        }
        try {
            return ControlClient.call(registry.dir(), instance, ControlClient.request("stop", List.of(), by), ASK_TIMEOUT, note -> { })
                    .map(ControlClient.Answer::ok).orElse(false);
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
