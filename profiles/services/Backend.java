import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A demo backend standing in for Alice or Bob: JDK only, run as {@code java Backend.java}.
 *
 * <p>Env: PORT (required), HOST (default 127.0.0.1), ROLE or DEVICE_ID (the name it answers
 * with), LAUNCH_INSTANCE, every *_PORT, FAIL_AFTER_MS (exit 1 after that long, to exercise
 * restart policies). {@code GET /} answers its role and ports as JSON, {@code GET /health} "ok".
 *
 * <p>HTTP/1.1 on a plain ServerSocket, one request per connection: com.sun.net.httpserver would
 * double the time from start to the first answer (its logger, date formatting and method handles).
 */
public class Backend {
    static final int MAX_HEAD = 16384;
    static final long MAX_BODY = 16 << 20;

    public static void main(String[] args) throws IOException {
        String role = firstSet("ROLE", "DEVICE_ID", "backend");
        String host = firstSet("HOST", null, "127.0.0.1");
        int port = portFromEnv(role, "PORT");

        ServerSocket server = new ServerSocket();
        try {
            server.bind(new InetSocketAddress(host, port), 64);
        } catch (BindException e) {
            System.err.println(role + ": cannot listen on " + host + ":" + port + ": port is already in use");
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println(role + " stopping");
            try {
                server.close();
            } catch (IOException ignored) {
                // closing anyway
            }
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

        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread t = new Thread(() -> serve(socket, role, port), "http");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println(role + ": accept failed: " + e.getMessage());
                }
            }
        }
    }

    private static void serve(Socket socket, String role, int port) {
        try (socket) {
            socket.setSoTimeout(10_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String[] request = readHead(in);
            if (request == null) {
                respond(socket, 400, "text/plain", "bad request\n", false);
                return;
            }
            // A body left unread makes the close a reset, which can reach the client before the answer.
            in.skipNBytes(Math.min(Long.parseLong(request[2]), MAX_BODY));
            handle(socket, role, port, request[0], request[1]);
        } catch (IOException e) {
            // the client went away or was too slow
        }
    }

    private static void handle(Socket socket, String role, int port, String method, String target) throws IOException {
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        int status;
        String type;
        String body;
        if (!method.equals("GET") && !method.equals("HEAD")) {
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
        System.out.println(role + " " + method + " " + target + " " + status);
        respond(socket, status, type, body, method.equals("HEAD"));
    }

    /** Reads the request head: method, target and body length (0 without one), or null for a malformed head. */
    static String[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0 || head.size() >= MAX_HEAD) {
                return null;
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] parts = lines[0].split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/")) {
            return null;
        }
        String length = "0";
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = lines[i].substring(15).trim();
            }
        }
        return length.matches("\\d{1,18}") ? new String[] {parts[0], parts[1], length} : null;
    }

    static void respond(Socket socket, int status, String type, String body, boolean head) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String reason = switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            default -> "Status";
        };
        String headers = "HTTP/1.1 " + status + " " + reason + "\r\n"
                + "Content-Type: " + type + "; charset=utf-8\r\n"
                + "Access-Control-Allow-Origin: *\r\n"
                + "Content-Length: " + bytes.length + "\r\n"
                + "Connection: close\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(headers.getBytes(StandardCharsets.ISO_8859_1));
        if (!head) {
            out.write(bytes);
        }
        out.flush();
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
