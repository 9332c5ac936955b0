package dev.launch.run;

import dev.launch.logs.LinePrefix;
import dev.launch.util.Threads;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The stack's output: every line of every process, whole, behind a fixed-width name prefix
 * ({@code alice   | }). One pump thread per stream reads lines; all writes go through one lock
 * into one buffer, flushed when a stream has nothing more waiting, so lines never tear and a
 * burst costs one write. Lines longer than 64 KiB are cut into prefixed pieces rather than held;
 * a line's unfinished tail is written after a short wait. With {@link #keep} every line also goes
 * to the stack's log files.
 */
public final class LogMux {
    public static final int TAIL_LINES = 20;
    private static final int MAX_LINE = 64 * 1024;
    static final long PARTIAL_DELAY_MILLIS = 150;
    private static final java.util.Set<LogMux> MUXES = java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>());
    private static final java.util.concurrent.ScheduledExecutorService PARTIAL_TIMER =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(Threads.daemons("log-partial-lines"));

    static {
        PARTIAL_TIMER.scheduleWithFixedDelay(() -> {
            synchronized (MUXES) {
                flushPartials();
            }
        }, PARTIAL_DELAY_MILLIS / 2, PARTIAL_DELAY_MILLIS / 2, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private final OutputStream out;
    private final OutputStream raw;
    private volatile Runnable onClosed = () -> { };
    private final boolean color;
    private final Map<String, byte[]> prefixes = new LinkedHashMap<>();
    private final Map<String, Deque<String>> tails = new ConcurrentHashMap<>();
    private final java.util.Set<Partial> partials = ConcurrentHashMap.newKeySet();
    private volatile dev.launch.logs.LogStore store;
    private final int width;
    private volatile boolean broken;

    public LogMux(OutputStream out, Collection<String> names, boolean color) {
        this.raw = out;
        this.out = new BufferedOutputStream(out, 64 * 1024);
        this.color = color;
        this.width = names.stream().mapToInt(String::length).max().orElse(0);
        int i = 0;
        for (String name : names) {
            prefixes.put(name, prefix(name, i++));
            tails.put(name, new ArrayDeque<>());
        }
        synchronized (MUXES) {
            MUXES.add(this);
        }
    }

    /** Also keeps every line in {@code store} (the logs `logs` and the web page read). */
    public void keep(dev.launch.logs.LogStore logStore) {
        this.store = logStore;
    }

    /** Whether prefixes are coloured (children then get FORCE_COLOR=1). */
    public boolean color() {
        return color;
    }

    public int width() {
        return width;
    }

    /** Starts a daemon thread copying {@code in} line by line; {@code onLine} sees each line. */
    public Thread pump(String name, InputStream in, Consumer<String> onLine) {
        return Threads.startDaemon("log-" + name, () -> copy(name, in, onLine));
    }

    /** One prefixed line, as if the process had written it. */
    public void line(String name, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        emit(name, bytes, 0, bytes.length, null);
        flush();
    }

    /** Lines without a prefix (the banner). */
    public void plain(String text) {
        byte[] bytes = (text.endsWith("\n") ? text : text + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (out) {
            write(bytes, 0, bytes.length);
        }
        flush();
    }

    /** The last lines a process wrote (stdout and stderr together), oldest first. */
    public List<String> tail(String name) {
        Deque<String> tail = tails.get(name);
        if (tail == null) {
            return List.of();
        }
        synchronized (tail) {
            return new ArrayList<>(tail);
        }
    }

    /**
     * Runs {@code action} once, on the thread that noticed, when writing fails because standard
     * output is gone (EPIPE: the reader of a pipe exited, as in {@code dev | head -3}).
     */
    public void onClosed(Runnable action) {
        this.onClosed = action;
    }

    public void flush() {
        dev.launch.logs.LogStore keeping = store;
        if (keeping != null) {
            keeping.flush();
        }
        synchronized (out) {
            if (!broken) {
                try {
                    out.flush();
                    // a PrintStream (System.out) keeps its IOExceptions to itself
                    if (raw instanceof PrintStream ps && ps.checkError()) {
                        closed();
                    }
                } catch (IOException e) {
                    closed();
                }
            }
        }
    }

    private void closed() {
        if (!broken) {
            broken = true;
            onClosed.run();
        }
    }

    private void copy(String name, InputStream in, Consumer<String> onLine) {
        byte[] buf = new byte[16 * 1024];
        Partial partial = new Partial(name, onLine);
        partials.add(partial);
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                synchronized (partial) {
                    partial.take(buf, n);
                }
                if (in.available() == 0) {
                    flush();
                }
            }
        } catch (IOException e) {
            // the stream closed under us (process gone): what was read is written below
        } finally {
            partials.remove(partial);
        }
        synchronized (partial) {
            partial.emit();
        }
        flush();
    }

    /**
     * What one stream has read but not yet written: whole lines go out at once; the tail of a
     * line (a prompt, a progress bar) goes out as a line of its own once it has waited
     * {@link #PARTIAL_DELAY_MILLIS}, so it is never held back until the process writes a newline.
     */
    private final class Partial {
        final String name;
        final Consumer<String> onLine;
        final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        long since;

        Partial(String name, Consumer<String> onLine) {
            this.name = name;
            this.onLine = onLine;
        }

        void take(byte[] buf, int n) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    if (pending.size() == 0) {
                        LogMux.this.emit(name, buf, start, i, onLine);
                    } else {
                        pending.write(buf, start, i - start);
                        emit();
                    }
                    start = i + 1;
                } else if (pending.size() + (i - start) >= MAX_LINE) {
                    pending.write(buf, start, i - start);
                    emit();
                    start = i;
                }
            }
            if (n > start && pending.size() == 0) {
                since = System.nanoTime();
            }
            pending.write(buf, start, n - start);
        }

        void emit() {
            if (pending.size() > 0) {
                emitPending(name, pending, onLine);
            }
        }

        void emitIfWaited(long now) {
            if (pending.size() > 0 && now - since >= PARTIAL_DELAY_MILLIS * 1_000_000L) {
                emit();
                flush();
            }
        }
    }

    private static void flushPartials() {
        long now = System.nanoTime();
        for (LogMux mux : MUXES) {
            for (Partial p : mux.partials) {
                synchronized (p) {
                    p.emitIfWaited(now);
                }
            }
        }
    }

    private void emitPending(String name, ByteArrayOutputStream pending, Consumer<String> onLine) {
        byte[] bytes = pending.toByteArray();
        pending.reset();
        emit(name, bytes, 0, bytes.length, onLine);
    }

    private void emit(String name, byte[] bytes, int from, int to, Consumer<String> onLine) {
        if (to > from && bytes[to - 1] == '\r') {
            to--;
        }
        if (to > from && bytes[from] == '\r') {
            from++; // a progress bar's return to column 0 would write over the prefix
        }
        byte[] prefix = prefixes.computeIfAbsent(name, k -> prefix(k, prefixes.size()));
        synchronized (out) {
            write(prefix, 0, prefix.length);
            write(bytes, from, to - from);
            write(new byte[] {'\n'}, 0, 1);
        }
        dev.launch.logs.LogStore keeping = store;
        if (keeping != null) {
            keeping.append(name, System.currentTimeMillis(), bytes, from, to);
        }
        String text = new String(bytes, from, to - from, StandardCharsets.UTF_8);
        Deque<String> tail = tails.computeIfAbsent(name, k -> new ArrayDeque<>());
        synchronized (tail) {
            if (tail.size() == TAIL_LINES) {
                tail.removeFirst();
            }
            tail.addLast(text);
        }
        if (onLine != null) {
            onLine.accept(text);
        }
    }

    private void write(byte[] bytes, int from, int len) {
        if (broken) {
            return; // stdout is gone; keep draining the children so they never block on a full pipe
        }
        try {
            out.write(bytes, from, len);
        } catch (IOException e) {
            closed();
        }
    }

    private byte[] prefix(String name, int index) {
        return LinePrefix.of(name, width, index, color).getBytes(StandardCharsets.UTF_8);
    }
}
