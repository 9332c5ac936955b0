package dev.launch.proc;

import dev.launch.util.Platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Process identity that survives pid reuse: a pid plus the instant the process started. A start
 * time is read once, while the process is known to be ours (at spawn), and kept from then on; a
 * pid whose start time is unknown is never matched, so it is never signalled.
 */
public final class Processes {
    private static final Path PROC = Path.of("/proc");

    private Processes() {}

    public static String startOf(ProcessHandle handle) {
        return handle.info().startInstant().map(Object::toString).orElse(null);
    }

    public static String currentStart() {
        return startOf(ProcessHandle.current());
    }

    /**
     * The live process (not a zombie) with this pid and this start time. Without a start time
     * nothing matches: any process could have been given a recycled pid.
     */
    public static Optional<ProcessHandle> find(long pid, String start) {
        if (pid <= 1 || start == null || start.isEmpty() || "null".equals(start)) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(Processes::running)
                .filter(h -> start.equals(startOf(h)));
    }

    public static boolean isAlive(long pid, String start) {
        return find(pid, start).isPresent();
    }

    /** Alive and not a zombie (a zombie has exited; it only waits for a parent to reap it). */
    public static boolean running(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        if (Platform.portable()) {
            return PsProcesses.runningNotZombie(List.of(handle.pid())).contains(handle.pid());
        }
        char state = state(handle.pid());
        return state != 'Z' && state != 'X' && state != '-' && handle.isAlive();
    }

    /** Those of {@code handles} that are {@link #running}; the portable way asks one {@code ps} for all. */
    public static List<ProcessHandle> running(Collection<ProcessHandle> handles) {
        if (!Platform.portable()) {
            return handles.stream().filter(Processes::running).toList();
        }
        List<ProcessHandle> alive = handles.stream().filter(ProcessHandle::isAlive).toList();
        Set<Long> running = PsProcesses.runningNotZombie(alive.stream().map(ProcessHandle::pid).toList());
        return alive.stream().filter(h -> running.contains(h.pid())).toList();
    }

    /** The one-letter state the kernel reports (R, S, D, T, Z, X...) from /proc/PID/stat; '-' when gone. */
    static char state(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.ISO_8859_1);
            int close = stat.lastIndexOf(')');
            return close > 0 && close + 2 < stat.length() ? stat.charAt(close + 2) : '?';
        } catch (IOException e) {
            return '-';
        }
    }
}
