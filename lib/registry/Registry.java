package dev.launch.registry;

import dev.launch.util.IoErrors;
import dev.launch.util.Json;
import dev.launch.util.AtomicWrite;
import dev.launch.util.LaunchException;
import dev.launch.util.Names;
import dev.launch.util.PrivateFiles;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The per-user registry of instances: one JSON file per instance under {@code STATE/instances},
 * every change made while holding an OS lock on {@code STATE/lock} (plus an in-JVM lock, since
 * the OS lock is per process). One file per entry means a damaged file costs one entry, never
 * the others. Entries of dead owners are moved to {@code STATE/dead}, where `prune` and the
 * watchdog finish their cleanup (leftover processes, env files).
 */
public final class Registry {
    private static final ReentrantLock IN_JVM = new ReentrantLock();
    /** Far more than any entry needs (env file backups included); a bigger file is not read. */
    static final long MAX_ENTRY_BYTES = 8L << 20;

    private final Path dir;
    private final Path instances;
    private final Path dead;
    private final PrintWriter warnings;

    public Registry(Path stateDir, PrintWriter warnings) {
        this.dir = stateDir.toAbsolutePath();
        this.instances = dir.resolve("instances");
        this.dead = dir.resolve("dead");
        this.warnings = warnings;
    }

    public Path dir() {
        return dir;
    }

    /** "no running instance ID (running: a, b); did you mean ..." or, with none running, how to start one. */
    public static String noRunningInstance(String id, List<String> running) {
        return "no running instance " + id + (running.isEmpty() ? " (none is running; start one with ./jbang launch.java dev)"
                : " (running: " + String.join(", ", running) + ")" + dev.launch.util.Suggest.didYouMean(id, running));
    }

    /** The blocks checkouts had last time (ports.sticky); use it under {@link #locked}. */
    public StickyRanges sticky() {
        return new StickyRanges(dir);
    }

    /** The entries of one locked read-modify-write; changes are written when the call returns. */
    public final class Session {
        private final List<Instance> live;
        private final List<Instance> foreign;

        private Session(List<Instance> live, List<Instance> foreign) {
            this.live = live;
            this.foreign = foreign;
        }

        /** Live entries this version understands, oldest first. */
        public List<Instance> live() {
            return List.copyOf(live);
        }

        /** Live entries plus those written by a newer launch: all that holds ports. */
        public List<Instance> holders() {
            List<Instance> all = new ArrayList<>(live);
            all.addAll(foreign);
            return all;
        }

        public Optional<Instance> find(String id) {
            return live.stream().filter(i -> i.id().equals(id)).findFirst();
        }

        /** The live entry {@code id}, or the one "no running instance" error (exit 1) naming those that run. */
        public Instance get(String id) {
            return find(id).orElseThrow(() -> LaunchException.failure(noRunningInstance(id, live.stream().map(Instance::id).toList())));
        }

        public void put(Instance instance) {
            live.removeIf(i -> i.id().equals(instance.id()));
            live.add(instance);
            write(instance);
        }

        public void remove(String id) {
            live.removeIf(i -> i.id().equals(id));
            try {
                Files.deleteIfExists(instances.resolve(id + ".json"));
            } catch (IOException e) {
                throw LaunchException.failure("cannot remove registry entry " + id + " in " + instances + ": " + IoErrors.reason(e));
            }
        }

        /** {@code profile-N} with the smallest N no held entry uses. */
        public String nextId(String profile) {
            for (int n = 1; ; n++) {
                String id = profile + "-" + n;
                if (holders().stream().noneMatch(i -> i.id().equals(id))) {
                    return id;
                }
            }
        }
    }

    /** Runs {@code body} holding the registry lock, after dropping the entries of dead owners. */
    public <T> T locked(Function<Session, T> body) {
        return locked(body, true);
    }

    /**
     * As {@link #locked}, but entries of dead owners stay where they are (they are only left out of
     * the session): the watchdog releases a dead run's env files before its entry goes, so an entry
     * that has gone always means its files are back.
     */
    public <T> T lockedLeavingDead(Function<Session, T> body) {
        return locked(body, false);
    }

    private <T> T locked(Function<Session, T> body, boolean bury) {
        try {
            if (!IN_JVM.tryLock(StateLock.WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw LaunchException.failure("the registry in " + dir + " stayed busy in this process for "
                        + StateLock.WAIT.toSeconds() + "s; gave up waiting");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LaunchException.failure("interrupted while waiting for the registry in " + dir);
        }
        try {
            StateDir.prepare(dir);
            PrivateFiles.createDirectory(instances);
            try (StateLock ignored = StateLock.acquire(dir.resolve("lock"))) {
                return body.apply(load(bury));
            }
        } catch (IOException e) {
            throw LaunchException.failure("cannot use the registry in " + dir + ": " + IoErrors.reason(e)
                    + " (choose another with --state-dir or LAUNCH_STATE_DIR)");
        } finally {
            IN_JVM.unlock();
        }
    }

    /** Live entries, dead ones dropped on the way. */
    public List<Instance> live() {
        return locked(Session::live);
    }

    public Optional<Instance> find(String id) {
        return locked(s -> s.find(id));
    }

    /**
     * The entry as last written, read without the lock (every write is an atomic rename), for a
     * launcher watching its own entry; empty when absent or unreadable.
     */
    public Optional<Instance> peek(String id) {
        try {
            Path file = instances.resolve(id + ".json");
            return Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? Optional.of(read(file)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Entries of dead owners waiting for `prune` or the watchdog to finish their cleanup. */
    public List<Path> deadEntries() throws IOException {
        if (!Files.isDirectory(dead)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dead, "*.json")) {
            stream.forEach(files::add);
        }
        files.sort(Comparator.naturalOrder());
        return files;
    }

    /** One entry file: a regular file of bounded size whose content passes {@link InstanceCheck}. */
    public static Instance read(Path file) throws IOException {
        return InstanceJson.read(json(file));
    }

    private static Map<String, Object> json(Path file) throws IOException {
        byte[] bytes = PrivateFiles.read(file, MAX_ENTRY_BYTES);
        return InstanceJson.object(Json.read(new String(bytes, StandardCharsets.UTF_8)));
    }

    private Session load(boolean bury) throws IOException {
        long now = System.currentTimeMillis();
        List<Instance> live = new ArrayList<>();
        List<Instance> foreign = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(instances, "*.json")) {
            stream.forEach(files::add);
        }
        for (Path file : files) {
            Instance instance;
            int format;
            try {
                Map<String, Object> json = json(file);
                format = InstanceJson.format(json);
                instance = InstanceJson.read(json);
            } catch (IOException | RuntimeException e) {
                quarantine(file, e);
                continue;
            }
            if (format > Instance.FORMAT) {
                if (instance.alive(now)) {
                    foreign.add(instance);
                    warn("registry entry " + file.getFileName() + " was written by a newer launch (format " + format
                            + "); its ports are respected and the entry is left as it is");
                }
                continue;
            }
            if (instance.alive(now)) {
                live.add(instance);
            } else if (bury) {
                try {
                    bury(file, instance);
                } catch (IOException e) {
                    warn("the entry " + file.getFileName() + " of a dead launcher could not be moved aside: " + IoErrors.reason(e));
                }
            }
        }
        // Not Comparator.comparingLong: its lambdas are the JDK's, spun afresh in every JVM.
        live.sort((a, b) -> a.createdAt() != b.createdAt() ? Long.compare(a.createdAt(), b.createdAt()) : a.id().compareTo(b.id()));
        return new Session(live, foreign);
    }

    private void bury(Path file, Instance instance) throws IOException {
        if (instance.kind() == Instance.Kind.LEASE || (instance.processes().isEmpty() && instance.envFiles().isEmpty()
                && instance.runToken() == null)) {
            Files.deleteIfExists(file);
            return;
        }
        PrivateFiles.createDirectory(dead);
        move(file, dead.resolve(instance.id() + "-" + instance.createdAt() + ".json"));
    }

    private void quarantine(Path file, Exception cause) {
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
        String reason = cause instanceof JsonProcessingException jpe ? jpe.getOriginalMessage()
                : cause instanceof IOException io ? IoErrors.reason(io) : String.valueOf(cause.getMessage());
        try {
            move(file, aside);
        } catch (IOException e) {
            warn("registry entry " + file + " is unusable (" + Names.printable(reason) + ") and could not be moved aside ("
                    + IoErrors.reason(e) + "); it is ignored");
            return;
        }
        warn("registry entry " + file + " was unreadable (" + Names.printable(reason) + "); moved aside to " + aside.getFileName());
    }

    private void write(Instance instance) {
        Path target = instances.resolve(instance.id() + ".json");
        try {
            InstanceCheck.check(instance);
            // No fsync: after a crash every owner is dead, so no entry could be worth keeping.
            PrivateFiles.writeAtomically(target, InstanceJson.write(instance).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw LaunchException.failure("cannot write registry entry " + target + ": " + IoErrors.reason(e));
        }
    }

    private static void move(Path from, Path to) throws IOException {
        AtomicWrite.move(from, to);
    }

    private void warn(String message) {
        if (warnings != null) {
            warnings.println("launch: warning: " + message);
            warnings.flush();
        }
    }
}
