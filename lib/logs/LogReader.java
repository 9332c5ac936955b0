package dev.launch.logs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads what a {@link LogStore} wrote: the last lines of some processes merged by time, then
 * (for {@code logs -f} and the web page's stream) the lines written since, across rotations.
 * One reader per reading client; it keeps a position per process.
 */
public final class LogReader {
    /** One line of one process, and when the launcher read it. */
    public record Line(long millis, String process, String text) {}

    private final Path dir;
    private final List<String> all;
    private final List<String> selected;
    private final int width;
    private final Map<String, Position> positions = new LinkedHashMap<>();

    private record Position(Object fileKey, long offset) {}

    private LogReader(Path dir, List<String> all, List<String> selected) {
        this.dir = dir;
        this.all = all;
        this.selected = selected;
        this.width = all.stream().mapToInt(String::length).max().orElse(0);
    }

    /** A reader of {@code processes} (empty: all) of the store in {@code dir}. */
    public static LogReader open(Path dir, Collection<String> processes) throws IOException {
        List<String> names = names(dir);
        return new LogReader(dir, names, processes.isEmpty() ? names : List.copyOf(processes));
    }

    /** Every process of the store, in profile order. */
    public static List<String> names(Path dir) throws IOException {
        return Files.readAllLines(dir.resolve(LogStore.NAMES), StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
    }

    public List<String> processes() {
        return all;
    }

    /** The line as the launcher's terminal showed it: the name padded to the stack's widest, then " | ". */
    public String format(Line line) {
        return format(line, false);
    }

    /** The same, the prefix in the colour the terminal gave that process (its place in the profile) when {@code color}. */
    public String format(Line line, boolean color) {
        return LinePrefix.of(line.process(), width, all.indexOf(line.process()), color) + line.text();
    }

    /** The last {@code n} lines of the selected processes, oldest first; later calls of {@link #next} continue from here. */
    public List<Line> tail(int n) throws IOException {
        List<List<Line>> perProcess = new ArrayList<>();
        for (String name : selected) {
            List<Line> lines = new ArrayList<>();
            Path current = dir.resolve(name + ".log");
            Path older = dir.resolve(name + ".log.1");
            Object key = fileKey(current);
            byte[] olderBytes = read(older, 0);
            byte[] currentBytes = read(current, 0);
            parse(name, olderBytes, lines);
            int used = parse(name, currentBytes, lines);
            positions.put(name, new Position(key, used));
            perProcess.add(lines.size() > n ? lines.subList(lines.size() - n, lines.size()) : lines);
        }
        List<Line> merged = merge(perProcess);
        return merged.size() > n ? new ArrayList<>(merged.subList(merged.size() - n, merged.size())) : merged;
    }

    /** The whole lines written since the last call (or since {@link #tail}), merged by time. */
    public List<Line> next() throws IOException {
        List<List<Line>> perProcess = new ArrayList<>();
        for (String name : selected) {
            List<Line> lines = new ArrayList<>();
            Path current = dir.resolve(name + ".log");
            Position at = positions.getOrDefault(name, new Position(null, 0));
            Object key = fileKey(current);
            long offset = at.offset();
            if (at.fileKey() != null && !Objects.equals(key, at.fileKey())) {
                // rotated: the rest of the file we were reading is now NAME.log.1
                Path older = dir.resolve(name + ".log.1");
                if (Objects.equals(fileKey(older), at.fileKey())) {
                    parse(name, read(older, offset), lines);
                }
                offset = 0;
            }
            int used = parse(name, read(current, offset), lines);
            positions.put(name, new Position(key, offset + used));
            perProcess.add(lines);
        }
        return merge(perProcess);
    }

    /** Whether the store is still there (the instance's entry exists). */
    public boolean exists() {
        return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS);
    }

    private static Object fileKey(Path file) {
        try {
            return Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private static byte[] read(Path file, long from) throws IOException {
        try (SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = ch.size();
            if (from >= size) {
                return new byte[0];
            }
            ch.position(from);
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, size - from));
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // keep reading
            }
            return java.util.Arrays.copyOf(buf.array(), buf.position());
        } catch (NoSuchFileException e) {
            return new byte[0];
        }
    }

    /** Adds the whole lines in {@code bytes}; returns how many bytes they took (a partial last line waits). */
    private static int parse(String name, byte[] bytes, List<Line> into) {
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                into.add(line(name, bytes, start, i));
                start = i + 1;
            }
        }
        return start;
    }

    private static Line line(String name, byte[] bytes, int from, int to) {
        int space = from;
        long millis = 0;
        while (space < to && bytes[space] >= '0' && bytes[space] <= '9') {
            millis = millis * 10 + (bytes[space] - '0');
            space++;
        }
        int textFrom = space < to && bytes[space] == ' ' ? space + 1 : from;
        return new Line(millis, name, new String(bytes, textFrom, to - textFrom, StandardCharsets.UTF_8));
    }

    /** By time; a tie goes to the process listed first, and each process keeps its own order. */
    private static List<Line> merge(List<List<Line>> perProcess) {
        List<Line> out = new ArrayList<>();
        int[] at = new int[perProcess.size()];
        while (true) {
            int best = -1;
            for (int i = 0; i < perProcess.size(); i++) {
                if (at[i] < perProcess.get(i).size()
                        && (best < 0 || perProcess.get(i).get(at[i]).millis() < perProcess.get(best).get(at[best]).millis())) {
                    best = i;
                }
            }
            if (best < 0) {
                return out;
            }
            out.add(perProcess.get(best).get(at[best]++));
        }
    }
}
