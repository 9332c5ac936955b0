package dev.launch.ui;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Server-sent events for the page ({@code /api/events}): every 500 ms, while anyone listens, the
 * instances are read again and, when anything but the uptime changed, sent to every listener as
 * one {@code instances} event (the same array as /api/instances). A comment every 5 s keeps
 * idle connections open and finds the closed ones. Each event carries the whole list, so a
 * listener that falls behind needs only the newest: its queue holds a few and drops the oldest.
 */
final class UiEvents implements AutoCloseable {
    static final long TICK_MILLIS = 500;
    /** Also how soon a listener that left gives its place back: a closed connection shows only on writing. */
    private static final long KEEPALIVE_SECONDS = 5;
    private static final int QUEUE = 4;
    /** Compared by identity: a sentinel that no payload can be. */
    @SuppressWarnings("StringOperationCanBeSimplified")
    private static final String CLOSE = new String("close");

    private final Supplier<List<Map<String, Object>>> snapshot;
    private final PrintWriter err;
    private final Set<BlockingQueue<String>> listeners = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "launch-ui-events");
        t.setDaemon(true);
        return t;
    });
    private String lastKey;
    private String lastProblem;

    UiEvents(Supplier<List<Map<String, Object>>> snapshot, PrintWriter err) {
        this.snapshot = snapshot;
        this.err = err;
    }

    void start() {
        ticker.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Look again now (after a stop), not at the next tick. */
    void poke() {
        try {
            ticker.execute(this::tick);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // shutting down
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        listeners.forEach(q -> offer(q, CLOSE));
    }

    private void tick() {
        if (listeners.isEmpty()) {
            lastKey = null;
            return;
        }
        try {
            List<Map<String, Object>> now = snapshot.get();
            String key = new String(UiHttp.bytes(withoutUptime(now)), StandardCharsets.UTF_8);
            if (!key.equals(lastKey)) {
                lastKey = key;
                String payload = new String(UiHttp.bytes(now), StandardCharsets.UTF_8);
                listeners.forEach(q -> offer(q, payload));
            }
            lastProblem = null;
        } catch (RuntimeException e) {
            // Keep ticking (a failed tick would end the schedule); say it once, not twice a second.
            String problem = String.valueOf(e.getMessage());
            if (!problem.equals(lastProblem) && err != null) {
                err.println("launch: warning: ui: cannot read the registry: " + problem);
                err.flush();
            }
            lastProblem = problem;
        }
    }

    /** The page counts uptime itself from startedAt, so a changing uptime alone is no news. */
    private static List<Map<String, Object>> withoutUptime(List<Map<String, Object>> instances) {
        List<Map<String, Object>> copy = new ArrayList<>();
        for (Map<String, Object> i : instances) {
            Map<String, Object> m = new LinkedHashMap<>(i);
            m.remove("uptimeSeconds");
            copy.add(m);
        }
        return copy;
    }

    /** Holds the exchange open and writes events to it until the browser leaves or we close. */
    void stream(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.sendResponseHeaders(200, 0);
        BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE);
        listeners.add(queue);
        try (OutputStream out = ex.getResponseBody()) {
            write(out, "retry: 1000\n\n");
            write(out, event(new String(UiHttp.bytes(snapshot.get()), StandardCharsets.UTF_8)));
            while (true) {
                String next = queue.poll(KEEPALIVE_SECONDS, TimeUnit.SECONDS);
                if (next == CLOSE) {
                    return;
                }
                write(out, next == null ? ": keepalive\n\n" : event(next));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            listeners.remove(queue);
        }
    }

    private static void offer(BlockingQueue<String> queue, String payload) {
        while (!queue.offer(payload)) {
            queue.poll();
        }
    }

    private static String event(String json) {
        return "event: instances\ndata: " + json + "\n\n";
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
