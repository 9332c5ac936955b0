package dev.launch.proc;

import java.util.Optional;

/** Process identity that survives pid reuse: a pid plus the instant the process started. */
public final class Processes {
    private Processes() {}

    public static String startOf(ProcessHandle handle) {
        return handle.info().startInstant().map(Object::toString).orElse(null);
    }

    public static String startOf(long pid) {
        return ProcessHandle.of(pid).map(Processes::startOf).orElse(null);
    }

    public static String currentStart() {
        return startOf(ProcessHandle.current());
    }

    /** The live process (not a zombie) with this pid and (when known) this start time. */
    public static Optional<ProcessHandle> find(long pid, String start) {
        return ProcessHandle.of(pid)
                .filter(ProcessTree::running)
                .filter(h -> start == null || start.equals(startOf(h)));
    }

    public static boolean isAlive(long pid, String start) {
        return pid > 0 && find(pid, start).isPresent();
    }
}
