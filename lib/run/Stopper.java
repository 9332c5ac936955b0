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
            Reaper.cleanUp(instance, Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
        registry.live();
    }
}
