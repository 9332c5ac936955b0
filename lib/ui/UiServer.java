package dev.launch.ui;

import dev.launch.proc.Processes;
import dev.launch.project.Locations;
import dev.launch.registry.InstanceView;
import dev.launch.run.Stopper;
import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import dev.launch.util.Json;
import dev.launch.util.LaunchException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * Bound to 127.0.0.1 only. Every request must name us in its Host header (so a site that rebinds
 * its DNS name to 127.0.0.1 gets nothing), must not come from another origin, and must carry the
 * session cookie ({@link UiSession}) that opening the one-time link gave the browser; a state
 * change also needs POST. Other local users, and pages on other ports, can neither read nor act.
 * Threads are bounded, and so are the long-lived event streams, each of which holds one.
 */
public final class UiServer implements AutoCloseable {
    static final int MAX_THREADS = 48;
    static final int MAX_STREAMS = 32;
    private static final Pattern STOP_PATH = Pattern.compile("/api/instances/([A-Za-z0-9._-]+)/stop");
    private static final String SCRIPT = "text/javascript; charset=utf-8";
    private static final Map<String, String> ASSETS = Map.of(
            "/app.js", SCRIPT,
            "/cards.js", SCRIPT,
            "/logs.js", SCRIPT,
            "/util.js", SCRIPT,
            "/style.css", "text/css; charset=utf-8");
    private static final String CSP = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private final HttpServer http;
    private final ExecutorService threads;
    private final Registry registry;
    private final Supplier<List<Map<String, Object>>> ranges;
    private final UiSession session;
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
    List<Map<String, Object>> instances() {
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
            secureHeaders(ex);
            if (!ownHost(ex.getRequestHeaders().getFirst("Host"))) {
                error(ex, 403, "this server answers only to 127.0.0.1:" + port + " or localhost:" + port);
                return;
            }
            String origin = ex.getRequestHeaders().getFirst("Origin");
            if (origin != null && !ownOrigins().contains(origin)) {
                error(ex, 403, "cross-origin request refused (Origin " + origin + ")");
                return;
            }
            String path = ex.getRequestURI().getPath();
            String key = loginKey(ex);
            if (key != null) {
                login(ex, key);
                return;
            }
            if (!session.admits(ex.getRequestHeaders().get("Cookie"), port)) {
                refuse(ex, path);
                return;
            }
            String site = ex.getRequestHeaders().getFirst("Sec-Fetch-Site");
            if (path.startsWith("/api/") && ("cross-site".equals(site) || "same-site".equals(site))) {
                error(ex, 403, "requests from other sites are refused");
                return;
            }
            var stop = STOP_PATH.matcher(path);
            if (stop.matches()) {
                stop(ex, stop.group(1));
                return;
            }
            if (InstanceApi.handles(path)) {
                if (InstanceApi.changesState(path) ? mayChange(ex) : isGet(ex)) {
                    if (path.endsWith("/stream")) {
                        stream(ex, () -> instanceApi.handle(ex, path));
                    } else {
                        instanceApi.handle(ex, path);
                    }
                }
                return;
            }
            if (!path.equals("/") && !path.equals("/index.html") && !ASSETS.containsKey(path) && !path.startsWith("/api/")) {
                error(ex, 404, "no such page: " + path);
                return;
            }
            if (!ex.getRequestMethod().equals("GET")) {
                ex.getResponseHeaders().set("Allow", "GET");
                error(ex, 405, ex.getRequestMethod() + " is not allowed here; use GET");
                return;
            }
            switch (path) {
                case "/", "/index.html" -> send(ex, 200, "text/html; charset=utf-8", asset("index.html").getBytes(StandardCharsets.UTF_8));
                case "/api/instances" -> json(ex, 200, instances());
                case "/api/ranges" -> ranges(ex);
                case "/api/events" -> stream(ex, () -> events.stream(ex));
                case "/api/health" -> json(ex, 200, health());
                default -> {
                    if (ASSETS.containsKey(path)) {
                        send(ex, 200, ASSETS.get(path), asset(path.substring(1)).getBytes(StandardCharsets.UTF_8));
                    } else {
                        error(ex, 404, "no such API: " + path + " (there are /api/instances, /api/ranges, /api/events)");
                    }
                }
            }
        } catch (IOException e) {
            // The browser went away mid-answer: nothing to tell anyone.
        } catch (RuntimeException e) {
            error(ex, 500, e.getMessage() == null ? e.toString() : e.getMessage());
        } finally {
            ex.close();
        }
    }

    /** The one-time key of a {@code GET /?k=KEY} request, else null. */
    private static String loginKey(HttpExchange ex) {
        String query = ex.getRequestURI().getRawQuery();
        if (!ex.getRequestMethod().equals("GET") || !ex.getRequestURI().getPath().equals("/") || query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("k=")) {
                return pair.substring(2);
            }
        }
        return null;
    }

    /**
     * A good key becomes the session cookie, then the page loads from its plain address. The hop
     * is a page of our own rather than a 303: a SameSite=Strict cookie is not sent on a redirect
     * that a click on another site started, and this way the link works from anywhere.
     */
    private void login(HttpExchange ex, String key) throws IOException {
        boolean hasSession = session.admits(ex.getRequestHeaders().get("Cookie"), port);
        if (!session.redeem(key) && !hasSession) {
            send(ex, 403, "text/html; charset=utf-8", UiPages.usedLink().getBytes(StandardCharsets.UTF_8));
            return;
        }
        ex.getResponseHeaders().add("Set-Cookie", UiSession.cookieName(port) + "=" + session.cookieValue()
                + "; Path=/; HttpOnly; SameSite=Strict");
        send(ex, 200, "text/html; charset=utf-8", UiPages.enter().getBytes(StandardCharsets.UTF_8));
    }

    /** 403 without a session: a page that says how to get one, or JSON for the API. */
    private static void refuse(HttpExchange ex, String path) throws IOException {
        if (path.equals("/") || path.equals("/index.html")) {
            send(ex, 403, "text/html; charset=utf-8", UiPages.noSession().getBytes(StandardCharsets.UTF_8));
        } else {
            error(ex, 403, UiPages.NO_SESSION);
        }
    }

    private interface Streaming {
        void run() throws IOException;
    }

    /** A long-lived answer (server-sent events): at most {@link #MAX_STREAMS} at once, each holds a thread. */
    private void stream(HttpExchange ex, Streaming body) throws IOException {
        if (!streams.tryAcquire()) {
            error(ex, 503, "too many live views open (" + MAX_STREAMS + "); close some tabs of this page");
            return;
        }
        try {
            body.run();
        } finally {
            streams.release();
        }
    }

    /** The guard of every state-changing request, after the session and Origin checks: POST. False after answering. */
    private static boolean mayChange(HttpExchange ex) {
        if (!ex.getRequestMethod().equals("POST")) {
            ex.getResponseHeaders().set("Allow", "POST");
            error(ex, 405, "this needs POST");
            return false;
        }
        return true;
    }

    private void stop(HttpExchange ex, String id) throws IOException {
        if (!mayChange(ex)) {
            return;
        }
        Optional<Instance> instance = registry.find(id);
        if (instance.isEmpty()) {
            error(ex, 404, Registry.noRunningInstance(id, registry.live().stream().map(Instance::id).toList()));
            return;
        }
        Stopper.stop(registry, instance.get(), Stopper.defaultWait(instance.get()), "the web page", new java.io.PrintWriter(System.err, true));
        events.poke();
        json(ex, 200, Map.of("ok", true, "message", id + " stopped", "stopped", id));
    }

    private static boolean isGet(HttpExchange ex) {
        if (ex.getRequestMethod().equals("GET")) {
            return true;
        }
        ex.getResponseHeaders().set("Allow", "GET");
        error(ex, 405, ex.getRequestMethod() + " is not allowed here; use GET");
        return false;
    }

    private void ranges(HttpExchange ex) throws IOException {
        try {
            json(ex, 200, ranges.get());
        } catch (LaunchException e) {
            error(ex, 500, e.getMessage());
        }
    }

    private Map<String, Object> health() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("app", "launch ui");
        m.put("pid", ProcessHandle.current().pid());
        m.put("stateDir", registry.dir().toString());
        return m;
    }

    private boolean ownHost(String host) {
        return host != null && (host.equals("127.0.0.1:" + port) || host.equals("localhost:" + port));
    }

    private Set<String> ownOrigins() {
        return Set.of("http://127.0.0.1:" + port, "http://localhost:" + port);
    }

    /** A file of the page: from the classpath (jar or tests), else from lib/web beside launch.java. */
    static String asset(String name) throws IOException {
        try (InputStream in = UiServer.class.getResourceAsStream("/web/" + name)) {
            if (in != null) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        Path file = Locations.home().resolve("lib").resolve("web").resolve(name);
        if (Files.isRegularFile(file)) {
            return Files.readString(file);
        }
        throw new IllegalStateException("web/" + name + " is missing from the classpath and from " + file.getParent());
    }

    static void json(HttpExchange ex, int status, Object value) throws IOException {
        send(ex, status, "application/json; charset=utf-8", bytes(value));
    }

    static byte[] bytes(Object value) {
        return Json.compact(value).getBytes(StandardCharsets.UTF_8);
    }

    static void error(HttpExchange ex, int status, String message) {
        try {
            json(ex, status, Map.of("error", message));
        } catch (IOException | RuntimeException ignored) {
            // Headers already sent, or the client is gone: the answer cannot be changed any more.
        }
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        if (type.startsWith("text/html")) {
            ex.getResponseHeaders().set("Content-Security-Policy", CSP);
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static void secureHeaders(HttpExchange ex) {
        var h = ex.getResponseHeaders();
        h.set("Cache-Control", "no-store");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "no-referrer");
    }
}
