package dev.launch.ui;

import dev.launch.proc.Processes;
import dev.launch.registry.Instance;
import dev.launch.registry.InstanceView;
import dev.launch.registry.Registry;
import dev.launch.run.Stopper;
import dev.launch.util.Json;
import dev.launch.util.LaunchException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The web UI: the page and its assets from {@code web/} on the classpath, and the JSON API it uses
 * ({@code /api/instances}, {@code /api/ranges}, {@code /api/events}, {@code POST /api/instances/ID/stop}, and
 * through {@link InstanceApi} an instance's logs and its processes' restart, stop and start).
 * Bound to 127.0.0.1 only; {@link UiAccess} decides who gets an answer (the server's own user,
 * with the session cookie, from our own origin). A state change also needs POST.
 * Threads are bounded, and so are the long-lived event streams, each of which holds one.
 */
public final class UiServer implements AutoCloseable {
    static final int MAX_THREADS = 48;
    static final int MAX_STREAMS = 32;
    private static final Pattern STOP_PATH = Pattern.compile("/api/instances/([A-Za-z0-9._-]+)/stop");

    private final HttpServer http;
    private final ExecutorService threads;
    private final Registry registry;
    private final Supplier<List<Map<String, Object>>> ranges;
    private final UiSession session;
    private final UiAccess access;
    private final int port;
    private final UiEvents events;
    private final Semaphore streams = new Semaphore(MAX_STREAMS);
    private final InstanceApi instanceApi;

    private UiServer(HttpServer http, Registry registry, UiSession session, Supplier<List<Map<String, Object>>> ranges,
                     PrintWriter err) {
        this.http = http;
        this.registry = registry;
        this.session = session;
        this.ranges = ranges;
        this.port = http.getAddress().getPort();
        this.access = new UiAccess(port, session);
        this.events = new UiEvents(this::instances, err);
        this.instanceApi = new InstanceApi(registry, events::poke);
        // A fixed number of threads that time out when idle; more requests wait in the queue.
        ThreadPoolExecutor pool = new ThreadPoolExecutor(MAX_THREADS, MAX_THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "launch-ui");
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        this.threads = pool;
        http.setExecutor(threads);
        http.createContext("/", this::handle);
    }

    /**
     * Serves on 127.0.0.1:{@code port} (0: any free port). {@code ranges} gives /api/ranges its rows.
     * Throws {@link java.net.BindException} when the port is taken.
     */
    public static UiServer start(Registry registry, Supplier<List<Map<String, Object>>> ranges, int port, PrintWriter err)
            throws IOException {
        InetAddress loopback = InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        UiSession session = UiSession.open(registry.dir());
        UiServer server = new UiServer(HttpServer.create(new InetSocketAddress(loopback, port), 64), registry, session, ranges, err);
        server.http.start();
        server.events.start();
        return server;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    /** The page's address with a fresh one-time key: opening it gives the browser its session. */
    public String loginUrl() throws IOException {
        return loginUrl(url(), session.issueKey());
    }

    public static String loginUrl(String url, String key) {
        return url + "?k=" + key;
    }

    @Override
    public void close() {
        events.close();
        http.stop(0);
        threads.shutdownNow();
    }

    /**
     * What /api/instances and every event carry: status --json's object for each live instance,
     * each running process also with the time it started (the page shows its uptime).
     */
    private List<Map<String, Object>> instances() {
        long now = System.currentTimeMillis();
        List<Map<String, Object>> all = new ArrayList<>();
        for (Instance instance : registry.live()) {
            Map<String, Object> view = InstanceView.describe(instance, now);
            view.put("processes", instance.processes().stream().map(UiServer::process).toList());
            all.add(view);
        }
        return all;
    }

    private static Map<String, Object> process(Instance.ProcessInfo p) {
        Map<String, Object> m = Json.fields(p);
        if (p.pid() > 0 && p.pidStart() != null && Processes.isAlive(p.pid(), p.pidStart())) {
            ProcessHandle.of(p.pid()).flatMap(h -> h.info().startInstant()).ifPresent(t -> m.put("startedAt", t.toString()));
        }
        return m;
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            UiHttp.secureHeaders(ex);
            if (access.admit(ex)) {
                route(ex, ex.getRequestURI().getPath());
            }
        } catch (IOException e) {
            // The browser went away mid-answer: nothing to tell anyone.
        } catch (RuntimeException e) {
            UiHttp.error(ex, 500, e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            ex.close();
        }
    }

    private void route(HttpExchange ex, String path) throws IOException {
        var stop = STOP_PATH.matcher(path);
        if (stop.matches()) {
            if (UiHttp.isPost(ex)) {
                stop(ex, stop.group(1));
            }
            return;
        }
        if (InstanceApi.handles(path)) {
            if (InstanceApi.changesState(path) ? UiHttp.isPost(ex) : UiHttp.isGet(ex)) {
                if (path.endsWith("/stream")) {
                    stream(ex, () -> instanceApi.handle(ex, path));
                } else {
                    instanceApi.handle(ex, path);
                }
            }
            return;
        }
        boolean page = path.equals("/") || path.equals("/index.html");
        if (!page && !UiHttp.ASSETS.containsKey(path) && !path.startsWith("/api/")) {
            UiHttp.error(ex, 404, "no such page: " + path);
            return;
        }
        if (!UiHttp.isGet(ex)) {
            return;
        }
        switch (path) {
            case "/", "/index.html" -> UiHttp.html(ex, 200, UiHttp.asset("index.html"));
            case "/api/instances" -> UiHttp.json(ex, 200, instances());
            case "/api/ranges" -> ranges(ex);
            case "/api/events" -> stream(ex, () -> events.stream(ex));
            case "/api/health" -> UiHttp.json(ex, 200, health());
            default -> {
                if (UiHttp.ASSETS.containsKey(path)) {
                    UiHttp.send(ex, 200, UiHttp.ASSETS.get(path), UiHttp.asset(path.substring(1)).getBytes(StandardCharsets.UTF_8));
                } else {
                    UiHttp.error(ex, 404, "no such API: " + path + " (there are /api/instances, /api/ranges, /api/events)");
                }
            }
        }
    }

    private interface Streaming {
        void run() throws IOException;
    }

    /** A long-lived answer (server-sent events): at most {@link #MAX_STREAMS} at once, each holds a thread. */
    private void stream(HttpExchange ex, Streaming body) throws IOException {
        if (!streams.tryAcquire()) {
            UiHttp.error(ex, 503, "too many live views open (" + MAX_STREAMS + "); close some tabs of this page");
            return;
        }
        try {
            body.run();
        } finally {
            streams.release();
        }
    }

    private void stop(HttpExchange ex, String id) throws IOException {
        Optional<Instance> instance = registry.find(id);
        if (instance.isEmpty()) {
            UiHttp.error(ex, 404, Registry.noRunningInstance(id, registry.live().stream().map(Instance::id).toList()));
            return;
        }
        Stopper.stop(registry, instance.get(), Stopper.defaultWait(instance.get()), "the web page", new PrintWriter(System.err, true));
        events.poke();
        UiHttp.json(ex, 200, Map.of("ok", true, "message", id + " stopped", "stopped", id));
    }

    private void ranges(HttpExchange ex) throws IOException {
        try {
            UiHttp.json(ex, 200, ranges.get());
        } catch (LaunchException e) {
            UiHttp.error(ex, 500, e.getMessage());
        }
    }

    private Map<String, Object> health() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("app", "launch ui");
        m.put("pid", ProcessHandle.current().pid());
        m.put("stateDir", registry.dir().toString());
        return m;
    }
}
