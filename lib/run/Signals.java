package dev.launch.run;

import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ctrl-C, SIGTERM and SIGHUP for a running stack: the first starts the calm teardown (the run
 * then exits 128 + the signal: 130, 143, 129), and says that a second Ctrl-C kills at once; the
 * second sends SIGKILL to everything left, without waiting for the grace period. Under a
 * {@link Door}, the same signal again within {@link #ECHO_MS} is the one the door passed on, not a second.
 */
public final class Signals {
    private Signals() {}

    /** Takes over INT, TERM and HUP; false when the JVM does not allow it (the shutdown hook then does the teardown). */
    public static boolean install(Supervisor supervisor, PrintWriter err) {
        AtomicInteger received = new AtomicInteger();
        Optional<Long> door = Door.parent();
        door.ifPresent(pid -> Door.watch(pid, supervisor, err));
        First first = new First(door.isPresent());
        try {
            handle("INT", 130, supervisor, err, received, first);
            handle("TERM", 143, supervisor, err, received, first);
            handle("HUP", 129, supervisor, err, received, first);
            return true;
        } catch (IllegalArgumentException | LinkageError e) {
            return false;
        }
    }

    public static final long ECHO_MS = 500;

    /** The first signal, and whether a door may echo it. */
    private static final class First {
        final boolean door;
        String name;
        long at;

        First(boolean door) {
            this.door = door;
        }

        /** Notes signal NAME; true when it is the door's echo of the first one. */
        synchronized boolean echo(String signal) {
            long now = System.nanoTime();
            if (name == null) {
                name = signal;
                at = now;
                return false;
            }
            return door && name.equals(signal) && now - at < ECHO_MS * 1_000_000;
        }
    }

    private static void handle(String name, int exit, Supervisor supervisor, PrintWriter err, AtomicInteger received, First first) {
        sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
            if (first.echo(name)) {
                return;
            }
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
