package dev.launch.run;

import dev.launch.proc.Processes;
import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import java.time.Duration;

/** Stops one instance from outside its launcher: for `stop` and the web page. */
public final class Stopper {
    /** How long a SIGKILLed launcher gets to vanish, and the grace its leftovers get after it. */
    static final Duration AFTER_KILL = Duration.ofSeconds(1);

    private Stopper() {}

    /**
     * A lease is just dropped; a run's launcher gets SIGTERM and tears its own stack down. Every
     * wait is bounded: a launcher still there after {@code wait} is killed and its stack ended
     * here. A launcher that exited but was not reaped by its parent (a zombie) counts as gone.
     */
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
        if (!awaitGone(launcher, wait)) {
            launcher.destroyForcibly();
            awaitGone(launcher, AFTER_KILL);
            Reaper.cleanUp(instance, AFTER_KILL);
        }
        registry.live();
    }

    /** True once {@code process} has exited (or is a zombie); false when {@code limit} passed first. */
    static boolean awaitGone(ProcessHandle process, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        boolean interrupted = false;
        try {
            while (Processes.running(process)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    Thread.sleep(Math.min(50, Math.max(1, left / 1_000_000)));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            return true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
