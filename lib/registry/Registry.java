package dev.launch.registry;

import dev.launch.util.Json;
import dev.launch.util.LaunchException;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
                throw LaunchException.failure("cannot remove registry entry " + id + " in " + instances + ": " + e.getMessage());
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
        IN_JVM.lock();
        try {
            Files.createDirectories(instances);
            try (FileChannel channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                return body.apply(load(bury));
            }
        } catch (IOException e) {
            throw LaunchException.failure("cannot use the registry in " + dir + ": " + e.getMessage()
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

    public static Instance read(Path file) throws IOException {
        return InstanceJson.read(InstanceJson.object(Json.read(Files.readString(file, StandardCharsets.UTF_8))));
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
                Map<String, Object> json = InstanceJson.object(Json.read(Files.readString(file, StandardCharsets.UTF_8)));
                format = InstanceJson.format(json);
                instance = InstanceJson.read(json);
            } catch (IOException e) {
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
                bury(file, instance);
            }
        }
        live.sort(Comparator.comparingLong(Instance::createdAt).thenComparing(Instance::id));
        return new Session(live, foreign);
    }

    private void bury(Path file, Instance instance) throws IOException {
        if (instance.kind() == Instance.Kind.LEASE || (instance.processes().isEmpty() && instance.envFiles().isEmpty()
                && instance.runToken() == null)) {
            Files.deleteIfExists(file);
            return;
        }
        Files.createDirectories(dead);
        move(file, dead.resolve(instance.id() + "-" + instance.createdAt() + ".json"));
    }

    private void quarantine(Path file, Exception cause) throws IOException {
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt");
        move(file, aside);
        String reason = cause instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : cause.getMessage();
        warn("registry entry " + file + " was unreadable (" + reason + "); moved aside to " + aside.getFileName());
    }

    private void write(Instance instance) {
        Path target = instances.resolve(instance.id() + ".json");
        Path tmp = instances.resolve("." + instance.id() + ".json.tmp-" + ProcessHandle.current().pid());
        try {
            byte[] bytes = InstanceJson.write(instance).getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                // No fsync: after a crash every owner is dead, so no entry could be worth keeping.
                ch.write(java.nio.ByteBuffer.wrap(bytes));
            }
            move(tmp, target);
        } catch (IOException e) {
            throw LaunchException.failure("cannot write registry entry " + target + ": " + e.getMessage());
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void warn(String message) {
        if (warnings != null) {
            warnings.println("launch: warning: " + message);
            warnings.flush();
        }
    }
}
