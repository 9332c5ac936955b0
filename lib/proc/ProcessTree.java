package dev.launch.proc;

import dev.launch.util.Platform;
import dev.launch.util.RandomBytes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Ends a set of processes and everything they started, leaving nothing behind. Each child of a
 * run carries {@code LAUNCH_RUN_TOKEN=<token>} in its environment, which every descendant
 * inherits, so a daemon that double-forked away from its parent (and is now a child of init) is
 * still found through /proc (through {@code ps} the portable way); one that dropped the token is
 * found in the tree of the child that is its subreaper (Linux, see {@link Sessions}). The tree
 * is snapshotted before the first signal, because a parent that dies first takes the parent
 * links of its children with it.
 */
public final class ProcessTree {
    public static final String TOKEN_VAR = "LAUNCH_RUN_TOKEN";
    private static final Path PROC = Path.of("/proc");
    private static final Duration KILL_WAIT = Duration.ofSeconds(2);

    /** How many processes got SIGTERM, and how many of those (or of late forks) needed SIGKILL. */
    public record Outcome(int terminated, int killed, Duration took) {}

    private ProcessTree() {}

    public static String newToken() {
        return RandomBytes.hex(16);
    }

    /** A prefix that starts a command in a session of its own: see {@link Sessions}. */
    public static List<String> sessionPrefix() {
        return Sessions.prefix();
    }

    /** Live processes whose environment holds {@code LAUNCH_RUN_TOKEN=token} (only readable ones: ours). */
    public static List<ProcessHandle> byToken(String token) {
        List<ProcessHandle> found = new ArrayList<>();
        if (token == null || token.isEmpty()) {
            return found;
        }
        if (Platform.portable()) {
            PsProcesses.withEnvEntry(TOKEN_VAR + "=" + token).forEach(pid -> ProcessHandle.of(pid).ifPresent(found::add));
            return found;
        }
        if (!Files.isDirectory(PROC)) {
            return found;
        }
        byte[] needle = (TOKEN_VAR + "=" + token).getBytes(StandardCharsets.ISO_8859_1);
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, p -> isNumeric(p.getFileName().toString()))) {
            for (Path dir : dirs) {
                byte[] environ;
                try {
                    environ = Files.readAllBytes(dir.resolve("environ"));
                } catch (IOException | SecurityException e) {
                    continue; // another user's process, or gone meanwhile
                }
                if (containsEntry(environ, needle)) {
                    ProcessHandle.of(Long.parseLong(dir.getFileName().toString())).ifPresent(found::add);
                }
            }
        } catch (IOException e) {
            // /proc unreadable: the tree snapshot is all we have
        }
        return found;
    }

    /** Alive and not a zombie; see {@link Processes#running}. */
    public static boolean running(ProcessHandle handle) {
        return Processes.running(handle);
    }

    /** Same as {@link #terminate(List, String, Duration, Set)} with one tier and nothing spared. */
    public static Outcome terminate(Collection<ProcessHandle> roots, String token, Duration grace) {
        return terminate(List.of(List.copyOf(roots)), token, grace, Set.of());
    }

    /**
     * SIGTERM, grace, SIGKILL. {@code tiers} are stopped in order (dependents first): a tier gets
     * its SIGTERM once the one before has exited or its share of the grace is used up, so the
     * whole takes at most {@code grace} (plus a short wait for SIGKILL). Processes found only by
     * token go with the first tier. Pids in {@code spare}, this process and its ancestors are
     * never signalled.
     */
    public static Outcome terminate(List<List<ProcessHandle>> tiers, String token, Duration grace, Set<Long> spare) {
        long started = System.nanoTime();
        Set<Long> never = new java.util.HashSet<>(spare);
        for (Optional<ProcessHandle> h = Optional.of(ProcessHandle.current()); h.isPresent(); h = h.get().parent()) {
            never.add(h.get().pid());
        }
        List<Map<Long, ProcessHandle>> snapshot = new ArrayList<>();
        Map<Long, ProcessHandle> all = new LinkedHashMap<>();
        for (List<ProcessHandle> tier : tiers) {
            Map<Long, ProcessHandle> members = new LinkedHashMap<>();
            for (ProcessHandle root : tier) {
                addTree(root, members, all, never);
            }
            snapshot.add(members);
        }
        Map<Long, ProcessHandle> strays = new LinkedHashMap<>();
        for (ProcessHandle h : byToken(token)) {
            addTree(h, strays, all, never);
        }
        if (snapshot.isEmpty()) {
            snapshot.add(strays);
        } else {
            snapshot.get(0).putAll(strays);
        }

        long graceNanos = Math.max(0, grace.toNanos());
        long deadline = started + graceNanos;
        int n = snapshot.size();
        for (int i = 0; i < n; i++) {
            snapshot.get(i).values().forEach(ProcessHandle::destroy);
            long tierDeadline = i == n - 1 ? deadline : started + graceNanos / n * (i + 1);
            waitGone(snapshot.get(i).values(), tierDeadline);
        }
        waitGone(all.values(), deadline);

        int terminated = all.size();
        // Late forks (made during the grace) and anything that ignored SIGTERM.
        Map<Long, ProcessHandle> rest = new LinkedHashMap<>();
        for (ProcessHandle h : Processes.running(all.values())) {
            addTree(h, rest, rest, never);
        }
        for (ProcessHandle h : byToken(token)) {
            addTree(h, rest, rest, never);
        }
        rest.values().forEach(ProcessHandle::destroyForcibly);
        waitGone(rest.values(), System.nanoTime() + KILL_WAIT.toNanos());
        return new Outcome(terminated, rest.size(), Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * Adds {@code root} and its descendants not yet {@code seen}; a root that is never signalled
     * brings none. Roots are the stack's own processes (spawned by this run, matched by start
     * time, or carrying its token); init is never one, whatever a caller passes.
     */
    private static void addTree(ProcessHandle root, Map<Long, ProcessHandle> into, Map<Long, ProcessHandle> seen, Set<Long> never) {
        if (root.pid() <= 1 || never.contains(root.pid())) {
            return;
        }
        List<ProcessHandle> family = new ArrayList<>();
        family.add(root);
        try {
            root.descendants().forEach(family::add);
        } catch (RuntimeException e) {
            // a process that vanished mid-walk has no descendants left to find
        }
        for (ProcessHandle h : Processes.running(family)) {
            if (!never.contains(h.pid()) && !seen.containsKey(h.pid())) {
                into.put(h.pid(), h);
                seen.put(h.pid(), h);
            }
        }
    }

    /** Teardown must not be cut short by an interrupt: the flag is kept and restored after. */
    private static void waitGone(Collection<ProcessHandle> handles, long deadlineNanos) {
        boolean interrupted = false;
        while (!Processes.running(handles).isEmpty()) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                Thread.sleep(Math.min(20, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean containsEntry(byte[] environ, byte[] entry) {
        int start = 0;
        for (int i = 0; i <= environ.length; i++) {
            if (i == environ.length || environ[i] == 0) {
                if (i - start == entry.length && java.util.Arrays.equals(environ, start, i, entry, 0, entry.length)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    private static boolean isNumeric(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
