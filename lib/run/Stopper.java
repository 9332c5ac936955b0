package dev.launch.run;

import dev.launch.proc.Processes;
import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import java.time.Duration;

/** Stops one instance from outside its launcher: for `stop` and the web page. */
public final class Stopper {
    private Stopper() {}

    /** A lease is just dropped; a run's launcher gets SIGTERM and tears its own stack down. */
    public static void stop(Registry registry, Instance instance, Duration wait) {
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
        launcher.destroy();
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
}
