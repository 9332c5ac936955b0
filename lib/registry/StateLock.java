package dev.launch.registry;

import dev.launch.proc.LockHolders;
import dev.launch.util.IoErrors;
import dev.launch.util.LaunchException;
import dev.launch.util.PrivateFiles;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * An OS lock on a file of the state dir, waited for a bounded time: anyone who can open the file
 * can hold a lock on it, and a command must not hang behind them. The error names the holder
 * where the OS tells.
 */
public final class StateLock implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);

    private final FileChannel channel;
    private final FileLock lock;

    private StateLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static StateLock acquire(Path file) {
        return acquire(file, WAIT);
    }

    public static StateLock acquire(Path file, Duration wait) {
        FileChannel channel;
        try {
            channel = PrivateFiles.openForLock(file);
        } catch (IOException e) {
            throw LaunchException.failure("cannot open the lock " + file + ": " + IoErrors.reason(e)
                    + " (choose another state dir with --state-dir or LAUNCH_STATE_DIR)");
        }
        long deadline = System.nanoTime() + wait.toNanos();
        long pause = 5;
        long nextLook = System.nanoTime() + 500_000_000L;
        java.util.Set<Long> lastHolders = null;  // read once the lock is found taken: most calls never wait
        try {
            while (true) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    lock = null; // another thread of this JVM holds it
                }
                if (lock != null) {
                    return new StateLock(channel, lock);
                }
                if (lastHolders == null) {
                    lastHolders = LockHolders.pids(file);
                }
                long now = System.nanoTime();
                if (now >= nextLook) {
                    // Many commands taking turns is progress, not a stuck holder: the wait counts from the last change.
                    java.util.Set<Long> seen = LockHolders.pids(file);
                    if (!seen.isEmpty() && !seen.equals(lastHolders)) {
                        deadline = now + wait.toNanos();
                    }
                    lastHolders = seen;
                    nextLook = now + 500_000_000L;
                }
                if (now >= deadline) {
                    break;
                }
                Thread.sleep(pause);
                pause = Math.min(pause * 2, 100);
            }
        } catch (IOException e) {
            close(channel);
            throw LaunchException.failure("cannot lock " + file + ": " + IoErrors.reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close(channel);
            throw LaunchException.failure("interrupted while waiting for the lock " + file);
        }
        close(channel);
        List<String> holders = LockHolders.of(file);
        throw LaunchException.failure("the lock " + file + " has been held by "
                + (holders.isEmpty() ? "another process" : String.join(", ", holders)) + " for " + wait.toSeconds()
                + "s; gave up waiting." + (holders.isEmpty() ? " (lsof " + file + " or fuser " + file + " shows which one.)"
                : " If it is stuck, end it."));
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel releases it anyway
        }
        close(channel);
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
