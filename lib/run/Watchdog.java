package dev.launch.run;

import dev.launch.control.ControlClient;
import dev.launch.logs.LogStore;
import dev.launch.proc.ProcessTree;
import dev.launch.proc.Processes;
import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import dev.launch.util.JvmFlags;
import dev.launch.util.Platform;
import dev.launch.util.Spawn;
import dev.launch.util.Threads;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The launcher's dead-man switch: a small process of its own whose stdin is a pipe from the launcher.
 * The kernel closes that pipe however the launcher dies, SIGKILL included; EOF without a "done"
 * line first means the launcher is gone, and the watchdog ends the run's processes, gives the
 * env files back and removes the registry entry. Polling the launcher's pid backs up the pipe.
 * It starts before the run has an instance id (so it is up while the block is being reserved),
 * and learns the id as a line on the pipe before the run's entry is written.
 */
public final class Watchdog implements AutoCloseable {
    /** The watchdog gives children less grace than a calm stop: all must be gone within seconds. */
    static final Duration MAX_GRACE = Duration.ofSeconds(2);

    private final Process process;
    private final Writer toWatchdog;
    private boolean closed;

    private Watchdog(Process process) {
        this.process = process;
        this.toWatchdog = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /** Starts a watchdog for the run {@code token} of instance {@code instanceId} (stateDir may be null). */
    public static Watchdog start(Path stateDir, String instanceId, String token, Duration grace) throws IOException {
        Watchdog w = start(stateDir, token, grace);
        w.identify(instanceId);
        return w;
    }

    /** Starts a watchdog for the run {@code token}, whose instance id it learns from {@link #identify}. */
    public static Watchdog start(Path stateDir, String token, Duration grace) throws IOException {
        List<String> jvm = new ArrayList<>();
        jvm.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        jvm.addAll(JvmFlags.LEAN);
        jvm.addAll(List.of("-Xmx32m", "-cp", System.getProperty("java.class.path"), Watchdog.class.getName(),
                stateDir == null ? "-" : stateDir.toAbsolutePath().toString(), token,
                Long.toString(ProcessHandle.current().pid()), String.valueOf(Processes.currentStart()),
                Long.toString(grace.toMillis())));
        List<String> cmd = new ArrayList<>();
        if (Platform.onPath("perl") && !"jvm".equals(System.getenv("LAUNCH_WATCHDOG"))) {
            cmd.addAll(List.of("perl", "-e", PERL_WATCHDOG, "--", Long.toString(ProcessHandle.current().pid())));
        } else {
            cmd.addAll(ProcessTree.sessionPrefix());
        }
        cmd.addAll(jvm);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().remove(ProcessTree.TOKEN_VAR);
        return new Watchdog(Spawn.start(pb));
    }

    /**
     * The watchdog as it waits: perl (~5 MB) instead of a JVM (~40 MB) per stack. It holds the
     * pipe, keeps the "pid" lines, and only when the launcher is gone (EOF without "done", or its
     * pid no longer there) starts the JVM cleanup below and hands it those lines: {@code
     * perl -e PERL_WATCHDOG -- LAUNCHER_PID JAVA ARGS...}. In a process group of its own, deaf to
     * the terminal's Ctrl-C and hang-up, so only the launcher's end sets it off. (The POSIX module
     * for setsid would double its size.) LAUNCH_WATCHDOG=jvm keeps the whole-JVM watchdog.
     */
    private static final String PERL_WATCHDOG = """
            setpgrp(0, 0);
            $SIG{INT} = $SIG{HUP} = $SIG{PIPE} = 'IGNORE';
            my $launcher = shift @ARGV; my ($buf, @lines) = ('');
            my $rin = ''; vec($rin, fileno(STDIN), 1) = 1;
            while (1) {
                my $n = select(my $rout = $rin, undef, undef, 0.5);
                if ($n > 0) {
                    my $got = sysread(STDIN, my $chunk, 4096);
                    last unless $got;
                    $buf .= $chunk;
                    while ($buf =~ s/^([^\n]*)\n//) { exit 0 if $1 eq 'done'; push @lines, $1; }
                } elsif ($n == 0 && !kill(0, $launcher)) { last; }
            }
            open(my $cleanup, '|-', @ARGV) or exit 1;
            print $cleanup "$_\n" for @lines;
            close $cleanup;
            exit 0;
            """;

    public long pid() {
        return process.pid();
    }

    /** Tells the watchdog the run's instance id: its registry entry, env files and logs. Before the entry is written. */
    public synchronized void identify(String instanceId) {
        send("id " + instanceId);
    }

    /** Tells the watchdog of a process to end should the launcher die (beyond those found by token). */
    public synchronized void track(long pid, String start) {
        send("pid " + pid + " " + start);
    }

    /** The launcher finished its own teardown: the watchdog exits without touching anything. */
    public synchronized void done() {
        if (!closed) {
            send("done");
            closed = true;
            try {
                toWatchdog.close();
                process.waitFor(2, TimeUnit.SECONDS);
            } catch (IOException e) {
                // it is gone already
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        done();
    }

    private void send(String line) {
        if (closed) {
            return;
        }
        try {
            toWatchdog.write(line + "\n");
            toWatchdog.flush();
        } catch (IOException e) {
            // a dead watchdog cannot be told; the registry entry still lets `prune` clean up
        }
    }

    /**
     * {@code STATE_DIR|- TOKEN LAUNCHER_PID LAUNCHER_START GRACE_MILLIS}; on stdin, lines {@code id
     * INSTANCE}, {@code pid PID START} and {@code done}.
     */
    public static void main(String[] args) throws Exception {
        Path stateDir = "-".equals(args[0]) ? null : Path.of(args[0]);
        String token = args[1];
        long launcherPid = Long.parseLong(args[2]);
        String launcherStart = "null".equals(args[3]) ? null : args[3];
        Duration grace = Duration.ofMillis(Math.min(Long.parseLong(args[4]), MAX_GRACE.toMillis()));
        Map<Long, String> tracked = new ConcurrentHashMap<>();
        AtomicReference<String> id = new AtomicReference<>();
        CountDownLatch identified = new CountDownLatch(1);
        Thread reader = Threads.startDaemon("watchdog-stdin", () -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.equals("done")) {
                        System.exit(0);
                    }
                    String[] f = line.split(" ");
                    if (f.length == 3 && f[0].equals("pid")) {
                        tracked.put(Long.parseLong(f[1]), f[2]);
                    } else if (f.length == 2 && f[0].equals("id")) {
                        id.set(f[1]);
                        identified.countDown();
                    }
                }
            } catch (IOException | RuntimeException e) {
                // treated as EOF: the launcher cannot talk to us any more
            }
            cleanUp(stateDir, id.get(), token, launcherPid, grace, tracked);
        });
        if (stateDir != null && identified.await(2, TimeUnit.SECONDS)) {
            entryOf(new Registry(stateDir, null), id.get(), token); // loads the JSON classes now, not when every second counts
        }
        // Without the launcher's start time its pid proves nothing; the pipe alone tells.
        while (launcherStart == null || Processes.find(launcherPid, launcherStart).isPresent()) {
            Thread.sleep(500);
        }
        reader.join(1000); // the pipe usually reports first; give it a moment, then act ourselves
        cleanUp(stateDir, id.get(), token, launcherPid, grace, tracked);
    }

    /** {@code id} null: the launcher died before it had an entry (nor, then, any process but by token). */
    private static synchronized void cleanUp(Path stateDir, String id, String token, long launcherPid, Duration grace,
                                             Map<Long, String> tracked) {
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        // Processes first (tracked pids and the token find them all); the registry, slower to
        // read in a cold JVM, only adds pids a process may have hidden from the token scan.
        List<ProcessHandle> roots = new ArrayList<>();
        tracked.forEach((pid, start) -> Processes.find(pid, start).ifPresent(roots::add));
        ProcessTree.Outcome outcome = ProcessTree.terminate(roots, token, grace);
        Registry registry = stateDir == null || id == null ? null : new Registry(stateDir, err);
        Optional<Instance> entry = registry == null ? Optional.empty() : entryOf(registry, id, token);
        boolean restored = true;
        if (entry.isPresent()) {
            Reaper.Result more = Reaper.cleanUp(entry.get(), grace, registry, err); // recorded pids a process hid from the token; env files
            more.problems().forEach(p -> err.println("launch: " + p));
            restored = more.problems().isEmpty();
            outcome = new ProcessTree.Outcome(outcome.terminated() + more.processesEnded(), outcome.killed(), outcome.took());
        }
        if (registry != null) {
            forget(registry, id, token, restored);
            ControlClient.removeIfStale(ControlClient.socket(stateDir, id));
            if (restored) {
                entry.ifPresent(i -> LogStore.delete(LogStore.dir(stateDir, i.id(), i.createdAt())));
            }
        }
        if (outcome.terminated() + outcome.killed() > 0) {
            err.println("launch: the launcher of " + (id == null ? "a run" : id) + " (pid " + launcherPid + ") is gone; its watchdog ended "
                    + outcome.terminated() + " process" + (outcome.terminated() == 1 ? "" : "es") + " (the stack's and their descendants)"
                    + (outcome.killed() > 0 ? ", " + outcome.killed() + " of them killed" : ""));
        }
        err.flush();
        System.exit(0);
    }

    /** This run's entry, wherever the registry holds it (live, or moved aside as dead). */
    private static Optional<Instance> entryOf(Registry registry, String id, String token) {
        List<Path> candidates = new ArrayList<>();
        candidates.add(registry.dir().resolve("instances").resolve(id + ".json"));
        try {
            candidates.addAll(registry.deadEntries());
        } catch (IOException e) {
            // no dead entries to look at
        }
        for (Path file : candidates) {
            try {
                if (Files.exists(file)) {
                    Instance i = Registry.read(file);
                    if (token.equals(i.runToken())) {
                        return Optional.of(i);
                    }
                }
            } catch (IOException e) {
                // unreadable: the registry quarantines it on its next load
            }
        }
        return Optional.empty();
    }

    /**
     * The entry goes, live or already moved to the dead entries, unless an env file could not be
     * restored: then it stays among the dead entries for `prune` to try again.
     */
    private static void forget(Registry registry, String id, String token, boolean restored) {
        try {
            // A SIGKILLed launcher may linger as a zombie that the registry still counts as alive.
            registry.locked(s -> {
                s.find(id).filter(i -> token.equals(i.runToken()) && (restored || i.envFiles().isEmpty()))
                        .ifPresent(i -> s.remove(id));
                return null;
            });
            for (Path dead : registry.deadEntries()) {
                Instance i = Registry.read(dead);
                if (token.equals(i.runToken()) && (restored || i.envFiles().isEmpty())) {
                    Files.deleteIfExists(dead);
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("launch: watchdog could not tidy the registry entry " + id + ": " + e.getMessage());
        }
    }
}
