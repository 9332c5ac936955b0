package dev.launch.ui;

import dev.launch.control.ControlClient;
import dev.launch.control.ControlServer;
import dev.launch.control.ProcessControl;
import dev.launch.logs.LogReader;
import dev.launch.logs.LogStore;
import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import dev.launch.util.Json;
import dev.launch.util.LaunchException;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page's API for one instance's logs and processes:
 * {@code GET /api/instances/ID/logs?process=P&lines=N} (text, as `logs` prints it),
 * {@code GET /api/instances/ID/logs/stream?process=P&lines=N} (server-sent events: the last lines,
 * then each new one, as {@code {"process", "line", "text", "time"}}, and an {@code end} event when
 * the instance is gone), and {@code POST /api/instances/ID/processes/P/restart|stop|start}
 * (through the launcher's control channel; {@code {"ok", "message"}} once ready or stopped).
 * UiAccess checks the request (user, host, session, origin) before it gets here.
 */
final class InstanceApi {
    static final Pattern LOGS = Pattern.compile("/api/instances/([A-Za-z0-9._-]+)/logs(/stream)?");
    static final Pattern ACTION = Pattern.compile("/api/instances/([A-Za-z0-9._-]+)/processes/([A-Za-z0-9_-]+)/(restart|stop|start)");
    static final int DEFAULT_LINES = 100;
    static final int MAX_LINES = 10_000;
    private static final long POLL_MILLIS = 200;
    private static final long KEEPALIVE_MILLIS = 15_000;

    private final Registry registry;
    private final Runnable changed;

    InstanceApi(Registry registry, Runnable changed) {
        this.registry = registry;
        this.changed = changed;
    }

    /** The path is one of ours. */
    static boolean handles(String path) {
        return LOGS.matcher(path).matches() || ACTION.matcher(path).matches();
    }

    static boolean changesState(String path) {
        return ACTION.matcher(path).matches();
    }

    void handle(HttpExchange ex, String path) throws IOException {
        Matcher action = ACTION.matcher(path);
        if (action.matches()) {
            act(ex, action.group(1), action.group(2), action.group(3));
            return;
        }
        Matcher logs = LOGS.matcher(path);
        if (!logs.matches()) {
            throw new IllegalArgumentException(path);
        }
        Optional<Instance> instance = registry.find(logs.group(1));
        if (instance.isEmpty()) {
            UiHttp.json(ex, 404, Map.of("error", notRunning(logs.group(1))));
            return;
        }
        Map<String, List<String>> query = query(ex.getRequestURI().getRawQuery());
        List<String> processes = query.getOrDefault("process", List.of());
        try {
            ProcessControl.check(instance.get(), processes);
        } catch (LaunchException e) {
            UiHttp.json(ex, 404, Map.of("error", e.getMessage()));
            return;
        }
        int lines;
        try {
            lines = query.containsKey("lines") ? Math.max(0, Math.min(MAX_LINES, Integer.parseInt(query.get("lines").get(0)))) : DEFAULT_LINES;
        } catch (NumberFormatException e) {
            UiHttp.json(ex, 400, Map.of("error", "lines must be a whole number"));
            return;
        }
        LogReader reader;
        try {
            reader = LogReader.open(LogStore.dir(registry.dir(), instance.get().id(), instance.get().createdAt()), processes);
        } catch (IOException e) {
            UiHttp.json(ex, 404, Map.of("error", instance.get().id() + " keeps no log files (" + e.getMessage() + ")"));
            return;
        }
        if (logs.group(2) == null) {
            StringBuilder text = new StringBuilder();
            for (LogReader.Line line : reader.tail(lines)) {
                text.append(reader.format(line)).append('\n');
            }
            send(ex, 200, "text/plain; charset=utf-8", text.toString().getBytes(StandardCharsets.UTF_8));
        } else {
            stream(ex, reader, lines);
        }
    }

    private String notRunning(String id) {
        return Registry.noRunningInstance(id, registry.live().stream().map(Instance::id).toList());
    }

    private void act(HttpExchange ex, String id, String process, String op) throws IOException {
        Optional<Instance> instance = registry.find(id);
        if (instance.isEmpty()) {
            UiHttp.json(ex, 404, ControlServer.result(false, notRunning(id)));
            return;
        }
        try {
            ControlClient.Answer answer = ProcessControl.act(registry.dir(), instance.get(), op, List.of(process), "the web page", note -> { });
            changed.run();
            UiHttp.json(ex, answer.ok() ? 200 : 500, ControlServer.result(answer.ok(), answer.message()));
        } catch (LaunchException e) {
            UiHttp.json(ex, e.exitCode() == 2 ? 404 : 502, ControlServer.result(false, e.getMessage()));
        }
    }

    /** The last lines, then each new one, until the instance is gone (event `end`) or the browser leaves. */
    private static void stream(HttpExchange ex, LogReader reader, int lines) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            write(out, "retry: 1000\n\n");
            List<LogReader.Line> batch = reader.tail(lines);
            long quietSince = System.currentTimeMillis();
            while (true) {
                if (!batch.isEmpty()) {
                    StringBuilder events = new StringBuilder();
                    for (LogReader.Line line : batch) {
                        events.append("data: ").append(Json.line(event(reader, line))).append("\n\n");
                    }
                    write(out, events.toString());
                    quietSince = System.currentTimeMillis();
                } else if (!reader.exists()) {
                    write(out, "event: end\ndata: {}\n\n");
                    return;
                } else if (System.currentTimeMillis() - quietSince > KEEPALIVE_MILLIS) {
                    write(out, ": keepalive\n\n");
                    quietSince = System.currentTimeMillis();
                }
                Thread.sleep(POLL_MILLIS);
                batch = reader.next();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, Object> event(LogReader reader, LogReader.Line line) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("process", line.process());
        m.put("line", reader.format(line));
        m.put("text", line.text());
        m.put("time", line.millis());
        return m;
    }

    static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return m;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            m.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return m;
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
