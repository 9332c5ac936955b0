package dev.launch.yaml;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A YAML file read and parsed early, on a thread the caller picks, for the {@link YamlDoc#read}
 * of the same file and hint that comes later: `ports` reads its profile this way while it reads
 * ports.yaml. Open only inside a try-with-resources; taken at most once; the read happens on
 * whichever thread gets to it first, so a read-ahead never started costs the reader nothing extra.
 */
public final class YamlReadAhead implements Runnable, AutoCloseable {
    private static final Map<Path, YamlReadAhead> OPEN = new ConcurrentHashMap<>();
    private static final YamlReadAhead NONE = new YamlReadAhead(null, null, null);

    private final Path key;
    private final String missingHint;
    private final FutureTask<YamlDoc> read;

    private YamlReadAhead(Path key, String missingHint, FutureTask<YamlDoc> read) {
        this.key = key;
        this.missingHint = missingHint;
        this.read = read;
    }

    public static YamlReadAhead open(Path file, String missingHint) {
        YamlReadAhead ahead = new YamlReadAhead(key(file), missingHint, new FutureTask<>(() -> YamlDoc.readNow(file, missingHint)));
        OPEN.put(ahead.key, ahead);
        return ahead;
    }

    /** Nothing read ahead. */
    public static YamlReadAhead none() {
        return NONE;
    }

    @Override
    public void run() {
        if (read != null) {
            read.run();
        }
    }

    @Override
    public void close() {
        if (key != null) {
            OPEN.remove(key, this);
        }
    }

    /** The read of {@code file} started ahead with the same hint, finished here if need be; null when there is none. */
    static YamlDoc take(Path file, String missingHint) {
        YamlReadAhead ahead = OPEN.get(key(file));
        if (ahead == null || !ahead.missingHint.equals(missingHint) || !OPEN.remove(ahead.key, ahead)) {
            return null;
        }
        ahead.read.run();
        try {
            return ahead.read.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }
}
