package dev.launch.testing;

import dev.launch.proc.ProcessTree;
import dev.launch.registry.Registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one cleanup for tests that start things ({@code @ExtendWith(Cleanup.class)}). After each
 * test, passed or failed, it closes what the test registered (stacks, servers, listeners: last
 * first), SIGKILLs every launcher it started together with that launcher's descendants, and then
 * every process carrying the run token of any run those launchers registered ({@link ProcessTree#byToken}),
 * so a broken teardown or watchdog never leaves processes or ports behind for the next test.
 * Tokens are collected while the launcher runs, so a registry entry that is already gone still counts.
 */
public final class Cleanup implements AfterEachCallback {
    private static final Duration WATCH_EVERY = Duration.ofMillis(100);
    private static final Deque<AutoCloseable> CLOSE = new ArrayDeque<>();
    private static final List<Watched> LAUNCHERS = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final Set<String> TOKENS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Closed after the test (before launchers are killed), last registered first. */
    public static synchronized <T extends AutoCloseable> T close(T resource) {
        CLOSE.push(resource);
        return resource;
    }

    /** Every process with this run token is SIGKILLed after the test. */
    public static String token(String token) {
        TOKENS.add(token);
        return token;
    }

    /**
     * A launcher (or any process) the test started: after the test it is SIGKILLed with everything
     * it started, and with every process of the runs registered in {@code stateDir} (may be null).
     */
    public static Process launcher(Process process, Path stateDir) {
        Watched w = new Watched(process, stateDir);
        LAUNCHERS.add(w);
        Thread t = new Thread(w::watch, "cleanup-watch-" + process.pid());
        t.setDaemon(true);
        t.start();
        return process;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        endAll();
    }

    /** Ends everything registered so far; what it had to end by force is reported on stderr. */
    public static void endAll() {
        List<AutoCloseable> resources;
        synchronized (Cleanup.class) {
            resources = List.copyOf(CLOSE);
            CLOSE.clear();
        }
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                System.err.println("cleanup: closing " + r + ": " + e);
            }
        }
        Set<ProcessHandle> victims = new LinkedHashSet<>();
        for (Watched w : LAUNCHERS) {
            w.stop();
            w.collect();
            victims.add(w.process.toHandle());
            victims.addAll(w.seen);
            TOKENS.addAll(w.tokens);
        }
        LAUNCHERS.clear();
        List<String> ended = new java.util.ArrayList<>(kill(victims));
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        for (int round = 0; round < 50 && System.nanoTime() < deadline; round++) {
            Set<ProcessHandle> byToken = new LinkedHashSet<>();
            TOKENS.forEach(token -> byToken.addAll(ProcessTree.byToken(token)));
            if (byToken.isEmpty()) {
                break;
            }
            ended.addAll(kill(byToken));
            sleep(Duration.ofMillis(50));
        }
        TOKENS.clear();
        if (!ended.isEmpty()) {
            System.err.println("cleanup: SIGKILLed what the test left running: " + String.join(", ", ended));
        }
    }

    /** SIGKILLs those alive and waits for them; "pid (command)" of each. */
    private static List<String> kill(Set<ProcessHandle> processes) {
        List<String> ended = new java.util.ArrayList<>();
        for (ProcessHandle p : processes) {
            String what = p.pid() + " (" + p.info().commandLine().orElse("?").replaceAll("\\s+", " ") + ")";
            if (ProcessTree.running(p) && p.destroyForcibly()) {
                ended.add(what.length() > 80 ? what.substring(0, 77) + "...)" : what);
            }
        }
        for (ProcessHandle p : processes) {
            try {
                p.onExit().get(2, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                // reported by whichever test looks for it next
            }
        }
        return ended;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A launcher whose descendants and run tokens are noted while it runs (the tree is lost once it dies). */
    private static final class Watched {
        final Process process;
        final Path stateDir;
        final Set<ProcessHandle> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final Set<String> tokens = java.util.concurrent.ConcurrentHashMap.newKeySet();
        volatile boolean stopped;

        Watched(Process process, Path stateDir) {
            this.process = process;
            this.stateDir = stateDir;
        }

        void watch() {
            while (!stopped && process.isAlive()) {
                collect();
                sleep(WATCH_EVERY);
            }
        }

        void stop() {
            stopped = true;
        }

        synchronized void collect() {
            process.descendants().forEach(seen::add);
            if (stateDir == null || !Files.isDirectory(stateDir.resolve("instances"))) {
                return;
            }
            try (Stream<Path> entries = Files.list(stateDir.resolve("instances"))) {
                entries.filter(f -> f.getFileName().toString().endsWith(".json")).forEach(f -> {
                    try {
                        String token = Registry.read(f).runToken();
                        if (token != null) {
                            tokens.add(token);
                        }
                    } catch (Exception e) {
                        // half-written or just removed: the next look finds it
                    }
                });
            } catch (Exception e) {
                // the directory went away between the check and the listing
            }
        }
    }
}
