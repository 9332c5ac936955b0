package dev.launch.util;

import java.io.IOException;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The one way this JVM starts a process, and the guard that keeps its port probes out of a spawn.
 *
 * <p>A child starts with a copy of every file descriptor of this JVM and closes them only on its
 * way to exec (the JDK's sockets are not close-on-exec). A port probe binds and listens for an
 * instant; a spawn in that instant hands the listening socket to the child for a few
 * milliseconds, and the probe's next look at the port (a connect) meets its own listener: a free
 * port reads as "busy (listening on 127.0.0.1)", or a SYN is lost when the child closes it ("no
 * answer within 200 ms"). With one thread spawning {@code true} in a loop, half the probes of a
 * free port on another thread said busy; a run whose watchdog spawns while its block is probed
 * refused a free block. So a spawn waits for the probes under way, and a probe for the spawn under
 * way; probes do not wait for each other. {@link ProcessBuilder#start} returns once the child has
 * closed what it inherited (it has exec'd), so the guard spans exactly the hazard.
 */
public final class Spawn {
    private static final ReentrantReadWriteLock GUARD = new ReentrantReadWriteLock();

    private Spawn() {}

    /** {@code builder.start()}, never while a probe's socket is open. */
    public static Process start(ProcessBuilder builder) throws IOException {
        GUARD.writeLock().lock();
        try {
            return builder.start();
        } finally {
            GUARD.writeLock().unlock();
        }
    }

    /** Runs a probe that opens a listening socket and closes it before it returns, never during a spawn. */
    public static <T> T probing(Supplier<T> probe) {
        GUARD.readLock().lock();
        try {
            return probe.get();
        } finally {
            GUARD.readLock().unlock();
        }
    }
}
