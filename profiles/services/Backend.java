import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A demo backend standing in for Alice or Bob: JDK only, run as {@code java Backend.java}.
 *
 * <p>Env: PORT (required), HOST (default 127.0.0.1), ROLE or DEVICE_ID (the name it answers
 * with), LAUNCH_INSTANCE, every *_PORT, FAIL_AFTER_MS (exit 1 after that long, to exercise
 * restart policies). {@code GET /} answers its role and ports as JSON, {@code GET /health} "ok".
 */
public class Backend {
    public static void main(String[] args) throws IOException {
        String role = firstSet("ROLE", "DEVICE_ID", "backend");
        String host = firstSet("HOST", null, "127.0.0.1");
        int port = portFromEnv(role, "PORT");

        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 64);
        } catch (BindException e) {
            System.err.println(role + ": cannot listen on " + host + ":" + port + ": port is already in use");
            System.exit(1);
            return;
        }
        server.createContext("/", exchange -> handle(exchange, role, port));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println(role + " stopping");
            server.stop(0);
        }));
        System.out.println(role + " listening on http://" + hostForUrl(host) + ":" + port + "/");

        String failAfter = System.getenv("FAIL_AFTER_MS");
        if (failAfter != null && !failAfter.isBlank()) {
            long ms = Long.parseLong(failAfter.trim());
            Thread failer = new Thread(() -> {
                try {
                    Thread.sleep(ms);
                } catch (InterruptedException e) {
                    return;
                }
                System.err.println(role + ": failing on purpose after " + ms + " ms (FAIL_AFTER_MS)");
                System.exit(1);
            });
            failer.setDaemon(true);
            failer.start();
        }
    }

    private static void handle(HttpExchange exchange, String role, int port) throws IOException {
        String path = exchange.getRequestURI().getPath();
        int status;
        String type;
        String body;
        if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
            status = 405;
            type = "text/plain";
            body = "method not allowed\n";
        } else if (path.equals("/")) {
            status = 200;
            type = "application/json";
            body = info(role, port) + "\n";
        } else if (path.equals("/health")) {
            status = 200;
            type = "text/plain";
            body = "ok\n";
        } else {
            status = 404;
            type = "text/plain";
            body = "not found\n";
        }
        System.out.println(role + " " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + status);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(bytes);
            }
        }
    }

    private static String info(String role, int port) {
        StringBuilder ports = new StringBuilder("{");
        for (Map.Entry<String, String> e : new TreeMap<>(System.getenv()).entrySet()) {
            if (e.getKey().endsWith("_PORT")) {
                ports.append(ports.length() > 1 ? ", " : "").append(quote(e.getKey())).append(": ").append(number(e.getValue()));
            }
        }
        ports.append('}');
        String instance = System.getenv("LAUNCH_INSTANCE");
        return "{\"role\": " + quote(role)
                + ", \"instance\": " + (instance == null ? "null" : quote(instance))
                + ", \"port\": " + port
                + ", \"ports\": " + ports
                + ", \"pid\": " + ProcessHandle.current().pid() + "}";
    }

    static String firstSet(String name, String fallbackName, String otherwise) {
        for (String n : new String[] {name, fallbackName}) {
            String v = n == null ? null : System.getenv(n);
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return otherwise;
    }

    static int portFromEnv(String role, String name) {
        String v = System.getenv(name);
        try {
            int port = Integer.parseInt(v == null ? "" : v.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        System.err.println(role + ": env " + name + " must be a port number between 1 and 65535 (got " + (v == null ? "nothing" : "'" + v + "'") + ")");
        System.exit(2);
        return -1;
    }

    static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    static String number(String v) {
        return v.trim().matches("0|[1-9]\\d{0,8}") ? v.trim() : quote(v);
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return b.append('"').toString();
    }
}
