package dev.launch.logs;

import java.io.IOException;
import java.io.OutputStream;
import dev.launch.util.PrivateFiles;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A running stack's output on disk, one file per process under {@code STATE/logs/ID-CREATED/}:
 * {@code NAME.log}, and {@code NAME.log.1} once it passes {@link #SEGMENT_BYTES} (the older one is
 * dropped, so a process keeps at most two segments, the newest lines). Each line is stored as
 * {@code MILLIS TEXT} so that {@link LogReader} can merge the processes by time. The directory is
 * 0700 and its files 0600; it lives as long as the instance's registry entry.
 */
public final class LogStore implements AutoCloseable {
    public static final long SEGMENT_BYTES = 1024 * 1024;
    static final String NAMES = "processes";

    private final Path dir;
    private final Map<String, Segment> segments = new LinkedHashMap<>();
    private volatile boolean broken;

    private LogStore(Path dir) {
        this.dir = dir;
    }

    /** The directory that holds the logs of the instance {@code id} created at {@code createdAt}. */
    public static Path dir(Path stateDir, String id, long createdAt) {
        return stateDir.toAbsolutePath().resolve("logs").resolve(id + "-" + createdAt);
    }

    /** A fresh store for the processes {@code names} (in profile order, which {@link LogReader} keeps). */
    public static LogStore create(Path dir, Collection<String> names) throws IOException {
        PrivateFiles.directory(dir.getParent());
        PrivateFiles.directory(dir);
        LogStore store = new LogStore(dir);
        try (OutputStream out = PrivateFiles.append(dir.resolve(NAMES))) {
            out.write((String.join("\n", names) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return store;
    }

    public Path dir() {
        return dir;
    }

    /** Appends one line (without its newline) of process {@code name}. Never throws: a full disk costs the log, not the stack. */
    public void append(String name, long millis, byte[] bytes, int from, int to) {
        if (broken) {
            return;
        }
        Segment s;
        synchronized (segments) {
            s = segments.computeIfAbsent(name, n -> new Segment(dir.resolve(n + ".log")));
        }
        try {
            s.append(millis, bytes, from, to);
        } catch (IOException e) {
            broken = true;
        }
    }

    public void flush() {
        for (Segment s : segmentsNow()) {
            try {
                s.flush();
            } catch (IOException e) {
                broken = true;
            }
        }
    }

    @Override
    public void close() {
        for (Segment s : segmentsNow()) {
            s.close();
        }
    }

    /** Removes a log directory and everything in it (no symlink is followed). */
    public static void delete(Path dir) {
        if (dir == null || !Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // best effort: a leftover directory is removed with the next prune
        }
    }

    private java.util.List<Segment> segmentsNow() {
        synchronized (segments) {
            return java.util.List.copyOf(segments.values());
        }
    }

    /** One process's current file; rotates into NAME.log.1 when full. */
    private static final class Segment {
        private final Path file;
        private OutputStream out;
        private long size;

        Segment(Path file) {
            this.file = file;
        }

        synchronized void append(long millis, byte[] bytes, int from, int to) throws IOException {
            byte[] stamp = (millis + " ").getBytes(StandardCharsets.US_ASCII);
            long len = stamp.length + (to - from) + 1L;
            if (out != null && size + len > SEGMENT_BYTES) {
                out.close();
                out = null;
                Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
            if (out == null) {
                out = new java.io.BufferedOutputStream(PrivateFiles.append(file), 32 * 1024);
                size = Files.size(file);
            }
            out.write(stamp);
            out.write(bytes, from, to - from);
            out.write('\n');
            size += len;
        }

        synchronized void flush() throws IOException {
            if (out != null) {
                out.flush();
            }
        }

        synchronized void close() {
            if (out != null) {
                try {
                    out.close();
                } catch (IOException e) {
                    // the process is gone; what was written stays
                }
                out = null;
            }
        }
    }
}
