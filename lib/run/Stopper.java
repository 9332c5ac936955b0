package dev.launch.run;

import dev.launch.control.ControlClient;
import dev.launch.proc.Processes;
import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import java.time.Duration;
import java.util.List;

/** Stops one instance from outside its launcher: for `stop` and the web page. */
public final class Stopper {
    /** How long a SIGKILLed launcher gets to vanish, and the grace its leftovers get after it. */
    static final Duration AFTER_KILL = Duration.ofSeconds(1);

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
     * stack down; one that takes longer than {@code wait} is killed and cleaned up after. Every
     * wait is bounded, and a launcher that exited but was not reaped by its parent (a zombie)
     * counts as gone.
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
        if (!awaitGone(launcher, wait)) {
            // The launcher did not finish its own teardown in time: kill it and do the teardown here.
            launcher.destroyForcibly();
            awaitGone(launcher, AFTER_KILL);
            // its entry as last written: env files handed over to it since `instance` was read count too
            Reaper.cleanUp(registry.peek(instance.id()).orElse(instance), AFTER_KILL, registry,
                    new java.io.PrintWriter(System.err, true));
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
