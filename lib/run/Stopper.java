package dev.launch.run;

import dev.launch.control.ControlClient;
import dev.launch.proc.Processes;
import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import dev.launch.util.Durations;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/** Stops one instance from outside its launcher: for `stop` and the web page. */
public final class Stopper {
    /** How long a SIGKILLed launcher gets to vanish, and the grace its leftovers get after it. */
    static final Duration AFTER_KILL = Duration.ofSeconds(1);
    /** What a launcher needs past its grace to finish: the SIGKILL round, env files, its entry, its exit. */
    static final Duration MARGIN = Duration.ofSeconds(2);
    /** The wait for an entry that does not record its grace (one written by an older launch). */
    static final Duration UNKNOWN_GRACE_WAIT = Duration.ofSeconds(30);

    private Stopper() {}

    /** How long a launcher gets to take a stop request over its control channel. */
    static final Duration ASK_TIMEOUT = Duration.ofSeconds(3);

    /**
     * How long a stop waits for the launcher's own teardown: its grace plus {@link #MARGIN}, so
     * that, with the cleanup after it, a stop returns within the grace and 5 seconds.
     */
    public static Duration defaultWait(Instance instance) {
        return instance.grace() == null ? UNKNOWN_GRACE_WAIT : instance.grace().plus(MARGIN);
    }

    /** As {@link #stop(Registry, Instance, Duration, String, PrintWriter)}, asked by nobody in particular. */
    public static void stop(Registry registry, Instance instance, Duration wait) {
        stop(registry, instance, wait, null, new PrintWriter(System.err, true));
    }

    /**
     * A lease is just dropped; a run's launcher is asked over its control channel, naming
     * {@code by} ("launch stop (pid 42)", "the web page"), else sent SIGTERM, and tears its own
     * stack down. One that has not finished within {@code wait} (counted from the call: a
     * stopped or wedged launcher, a teardown that hangs) is killed first, so it cannot fight
     * back, with its watchdog, then its stack is ended here as the watchdog would have, and
     * {@code err} says so in a line. Every wait is bounded, and a launcher that exited but was not reaped by its parent
     * (a zombie) counts as gone.
     */
    public static void stop(Registry registry, Instance instance, Duration wait, String by, PrintWriter err) {
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
        long deadline = System.nanoTime() + wait.toNanos();
        if (!asked(registry, instance, by, wait.compareTo(ASK_TIMEOUT) < 0 ? wait : ASK_TIMEOUT)) {
            launcher.destroy();
        }
        if (!awaitGone(launcher, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
            // Its watchdog would start the same cleanup once the launcher dies: let there be one, this one.
            if (instance.watchdogPid() != null) {
                launcher.children().filter(c -> c.pid() == instance.watchdogPid()).forEach(ProcessHandle::destroyForcibly);
            }
            launcher.destroyForcibly();
            awaitGone(launcher, AFTER_KILL);
            // its entry as last written: env files handed over to it since `instance` was read count too
            Reaper.Result done = Reaper.cleanUp(registry.peek(instance.id()).orElse(instance), AFTER_KILL, registry, err);
            err.println("launch: the launcher of " + instance.id() + " (pid " + instance.pid() + ") had not finished its teardown after "
                    + Durations.format(wait) + "; killed it and ended its " + done.processesEnded() + " process"
                    + (done.processesEnded() == 1 ? "" : "es") + " here"
                    + (done.problems().isEmpty() ? "" : "; " + String.join("; ", done.problems())));
            err.flush();
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

    private static boolean asked(Registry registry, Instance instance, String by, Duration timeout) {
        if (by == null) {
            return false;
        }
        try {
            return ControlClient.call(registry.dir(), instance, ControlClient.request("stop", List.of(), by), timeout, note -> { })
                    .map(ControlClient.Answer::ok).orElse(false);
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
