package dev.launch.run;

import java.io.PrintWriter;
import java.util.Optional;

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
        Optional<Long> door = Door.parent();
        door.ifPresent(pid -> Door.watch(pid, supervisor, err));
        Received received = new Received(door.isPresent());
        try {
            handle("INT", 130, supervisor, err, received);
            handle("TERM", 143, supervisor, err, received);
            handle("HUP", 129, supervisor, err, received);
            return true;
        } catch (IllegalArgumentException | LinkageError e) {
            return false;
        }
    }

    public static final long ECHO_MS = 500;

    /** What a signal means: the first, a door's echo of the first, or one more. */
    private enum Meaning { FIRST, ECHO, AGAIN }

    /** The signals received so far: the first one, and when. */
    private static final class Received {
        final boolean door;
        String first;
        long at;

        Received(boolean door) {
            this.door = door;
        }

        synchronized Meaning note(String signal) {
            long now = System.nanoTime();
            if (first == null) {
                first = signal;
                at = now;
                return Meaning.FIRST;
            }
            return door && first.equals(signal) && now - at < ECHO_MS * 1_000_000 ? Meaning.ECHO : Meaning.AGAIN;
        }
    }

    private static void handle(String name, int exit, Supervisor supervisor, PrintWriter err, Received received) {
        sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
            switch (received.note(name)) {
                case FIRST -> {
                    if (name.equals("INT")) {
                        err.println("\nlaunch: stopping (press Ctrl-C again to kill everything at once)");
                        err.flush();
                    }
                    supervisor.requestStop(null, exit);
                }
                case AGAIN -> {
                    err.println("launch: SIG" + name + " again: killing everything left now (SIGKILL)");
                    err.flush();
                    supervisor.killNow();
                }
                case ECHO -> { } // the door passed on what this JVM got already
            }
        });
    }
}
