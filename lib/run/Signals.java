package dev.launch.run;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C, SIGTERM and SIGHUP for a running stack: the first starts the calm teardown (the run
 * then exits 128 + the signal: 130, 143, 129), and says that a second Ctrl-C kills at once; the
 * second sends SIGKILL to everything left, without waiting for the grace period.
 */
public final class Signals {
    private Signals() {}

    /** Takes over INT, TERM and HUP; false when the JVM does not allow it (the shutdown hook then does the teardown). */
    public static boolean install(Supervisor supervisor, PrintWriter err) {
        AtomicInteger received = new AtomicInteger();
        try {
            handle("INT", 130, supervisor, err, received);
            handle("TERM", 143, supervisor, err, received);
            handle("HUP", 129, supervisor, err, received);
            return true;
        } catch (IllegalArgumentException | LinkageError e) {
            return false;
        }
    }

    private static void handle(String name, int exit, Supervisor supervisor, PrintWriter err, AtomicInteger received) {
        sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
            if (received.incrementAndGet() == 1) {
                if (name.equals("INT")) {
                    err.println("\nlaunch: stopping (press Ctrl-C again to kill everything at once)");
                    err.flush();
                }
                supervisor.requestStop(null, exit);
            } else {
                err.println("launch: SIG" + name + " again: killing everything left now (SIGKILL)");
                err.flush();
                supervisor.killNow();
            }
        });
    }
}
