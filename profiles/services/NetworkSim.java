import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A demo network simulator: JDK only, run as {@code java NetworkSim.java}. A WebSocket server on
 * WS_PORT (RFC 6455 by hand: handshake, masked client frames, ping/pong, close) that echoes each
 * message back as "echo: MESSAGE" and sends every client "tick N" every TICK_MS (default 3000);
 * and an HTTP API on HTTP_PORT: {@code GET /} its role, ports and client count as JSON,
 * {@code GET /health} "ok". Env HOST (default 127.0.0.1), ROLE, LAUNCH_INSTANCE, every *_PORT.
 *
 * <p>Both ports are plain ServerSockets, the HTTP API one request per connection:
 * com.sun.net.httpserver would double the time from start to the first answer.
 */
public class NetworkSim {
    static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    static final int MAX_MESSAGE = 1 << 20;
    static final Set<Client> clients = ConcurrentHashMap.newKeySet();
    static String role;

    public static void main(String[] args) throws IOException {
        role = env("ROLE", "network-simulator");
        String host = env("HOST", "127.0.0.1");
        int wsPort = port("WS_PORT");
        int httpPort = port("HTTP_PORT");
        long tickMs = Long.parseLong(env("TICK_MS", "3000"));

        // The WebSocket port is bound first, so a launcher waiting on HTTP_PORT finds both ready.
        ServerSocket ws = new ServerSocket();
        ServerSocket http = new ServerSocket();
        try {
            ws.bind(new InetSocketAddress(host, wsPort), 64);
        } catch (BindException e) {
            System.err.println(role + ": cannot listen on " + host + ":" + wsPort + " (WS_PORT): port is already in use");
            System.exit(1);
            return;
        }
        try {
            http.bind(new InetSocketAddress(host, httpPort), 64);
        } catch (BindException e) {
            System.err.println(role + ": cannot listen on " + host + ":" + httpPort + " (HTTP_PORT): port is already in use");
            System.exit(1);
            return;
        }
        Thread acceptor = new Thread(() -> acceptLoop(ws, socket -> serve(socket)), "ws-accept");
        acceptor.start();
        Thread api = new Thread(() -> acceptLoop(http, socket -> serveHttp(socket, httpPort, wsPort)), "http-accept");
        api.start();

        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ticker");
            t.setDaemon(true);
            return t;
        });
        AtomicLong ticks = new AtomicLong();
        ticker.scheduleAtFixedRate(() -> broadcast("tick " + ticks.incrementAndGet()), tickMs, tickMs, TimeUnit.MILLISECONDS);

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println(role + " stopping");
            ticker.shutdownNow();
            closeQuietly(ws);
            for (Client c : clients) {
                c.close(1001, "server going away");
            }
            closeQuietly(http);
        }));
        String h = host.contains(":") ? "[" + host + "]" : host;
        System.out.println(role + " websocket on ws://" + h + ":" + wsPort + "/");
        System.out.println(role + " listening on http://" + h + ":" + httpPort + "/");
    }

    /** Serves each connection of {@code server} on a thread of its own until the server is closed. */
    static void acceptLoop(ServerSocket server, java.util.function.Consumer<Socket> serve) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread t = new Thread(() -> serve.accept(socket), "client");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println(role + ": accept failed: " + e.getMessage());
                }
            }
        }
    }

    static void serve(Socket socket) {
        String peer = socket.getRemoteSocketAddress().toString();
        Client client = null;
        try (socket) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            OutputStream out = socket.getOutputStream();
            Map<String, String> headers = new HashMap<>();
            String requestLine = readHead(in, headers);
            String key = headers.get("sec-websocket-key");
            if (!requestLine.startsWith("GET ") || key == null
                    || !headers.getOrDefault("upgrade", "").toLowerCase(Locale.ROOT).contains("websocket")) {
                System.out.println(role + " " + requestLine + " 426 (not a WebSocket handshake)");
                out.write(("HTTP/1.1 426 Upgrade Required\r\nUpgrade: websocket\r\nConnection: close\r\n"
                        + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                return;
            }
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + acceptKey(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            client = new Client(socket, out);
            clients.add(client);
            System.out.println(role + " client connected from " + peer + " (" + clients.size() + " connected)");
            readFrames(in, client);
        } catch (EOFException e) {
            // the peer went away without a close frame
        } catch (IOException e) {
            if (client == null || !client.closed) {
                System.err.println(role + ": connection " + peer + ": " + e.getMessage());
            }
        } finally {
            if (client != null) {
                clients.remove(client);
                System.out.println(role + " client " + peer + " disconnected (" + clients.size() + " connected)");
            }
        }
    }

    static void readFrames(DataInputStream in, Client client) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        int messageOpcode = -1;
        while (true) {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0F;
            long length = b1 & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            if ((b1 & 0x80) == 0) {
                client.close(1002, "client frames must be masked");
                return;
            }
            if (length < 0 || message.size() + length > MAX_MESSAGE) {
                client.close(1009, "message too big");
                return;
            }
            byte[] mask = new byte[4];
            in.readFully(mask);
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
            switch (opcode) {
                case 0x0, 0x1, 0x2 -> {
                    if (opcode != 0) {
                        messageOpcode = opcode;
                        message.reset();
                    }
                    message.write(payload);
                    if (fin) {
                        onMessage(client, messageOpcode, message.toByteArray());
                        message.reset();
                    }
                }
                case 0x8 -> {
                    int code = payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1000;
                    client.close(code, "");
                    return;
                }
                case 0x9 -> client.send(0xA, payload);
                case 0xA -> { /* pong: nothing to do */ }
                default -> {
                    client.close(1002, "unknown opcode " + opcode);
                    return;
                }
            }
        }
    }

    static void onMessage(Client client, int opcode, byte[] payload) {
        if (opcode == 0x1) {
            String text = new String(payload, StandardCharsets.UTF_8);
            System.out.println(role + " received: " + text);
            client.send(0x1, ("echo: " + text).getBytes(StandardCharsets.UTF_8));
        } else {
            System.out.println(role + " received " + payload.length + " binary bytes");
            client.send(0x2, payload);
        }
    }

    static void broadcast(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        for (Client c : clients) {
            c.send(0x1, payload);
        }
    }

    static String readHead(DataInputStream in, Map<String, String> headers) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > 16384) {
                throw new IOException("request head too large");
            }
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        return lines[0];
    }

    static String acceptKey(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1").digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /** One request of the HTTP API, then the connection closes. */
    static void serveHttp(Socket socket, int httpPort, int wsPort) {
        try (socket) {
            socket.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            Map<String, String> headers = new HashMap<>();
            String[] request = readHead(in, headers).split(" ");
            String length = headers.getOrDefault("content-length", "0");
            if (request.length != 3 || !length.matches("\\d{1,18}")) {
                respond(socket, 400, "text/plain", "bad request\n");
                return;
            }
            // A body left unread makes the close a reset, which can reach the client before the answer.
            in.skipNBytes(Math.min(Long.parseLong(length), MAX_MESSAGE * 16L));
            int query = request[1].indexOf('?');
            String path = query < 0 ? request[1] : request[1].substring(0, query);
            int status = path.equals("/") || path.equals("/health") ? 200 : 404;
            String body = switch (path) {
                case "/" -> info(httpPort, wsPort) + "\n";
                case "/health" -> "ok\n";
                default -> "not found\n";
            };
            System.out.println(role + " " + request[0] + " " + request[1] + " " + status);
            respond(socket, status, path.equals("/") ? "application/json" : "text/plain", body);
        } catch (IOException e) {
            // the client went away or was too slow
        }
    }

    static void respond(Socket socket, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String reason = status == 200 ? "OK" : status == 404 ? "Not Found" : "Bad Request";
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: " + type + "; charset=utf-8\r\n"
                + "Access-Control-Allow-Origin: *\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    static String info(int httpPort, int wsPort) {
        StringBuilder ports = new StringBuilder("{");
        for (Map.Entry<String, String> e : new TreeMap<>(System.getenv()).entrySet()) {
            if (e.getKey().endsWith("_PORT")) {
                String v = e.getValue().trim();
                ports.append(ports.length() > 1 ? ", " : "").append(quote(e.getKey())).append(": ")
                        .append(v.matches("0|[1-9]\\d{0,8}") ? v : quote(v));
            }
        }
        String instance = System.getenv("LAUNCH_INSTANCE");
        return "{\"role\": " + quote(role) + ", \"instance\": " + (instance == null ? "null" : quote(instance))
                + ", \"port\": " + httpPort + ", \"wsPort\": " + wsPort + ", \"ports\": " + ports.append('}')
                + ", \"clients\": " + clients.size() + ", \"pid\": " + ProcessHandle.current().pid() + "}";
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            b.append(c == '"' || c == '\\' ? "\\" + c : c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return b.append('"').toString();
    }

    static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // already closed or gone
        }
    }

    static String env(String name, String otherwise) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? otherwise : v.trim();
    }

    static int port(String name) {
        String v = System.getenv(name);
        try {
            int port = Integer.parseInt(v == null ? "" : v.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        System.err.println(role + ": env " + name + " must be a port number between 1 and 65535 (got " + (v == null ? "nothing" : "'" + v + "'") + ")");
        System.exit(2);
        return -1;
    }

    /** One connected WebSocket client; sends are serialised because the ticker and the echo share it. */
    static final class Client {
        final Socket socket;
        final OutputStream out;
        volatile boolean closed;

        Client(Socket socket, OutputStream out) {
            this.socket = socket;
            this.out = out;
        }

        synchronized void send(int opcode, byte[] payload) {
            if (closed) {
                return;
            }
            ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 10);
            frame.write(0x80 | opcode);
            int n = payload.length;
            int lengthBytes = n < 126 ? 0 : n < 65536 ? 2 : 8;
            frame.write(lengthBytes == 0 ? n : lengthBytes == 2 ? 126 : 127);
            for (int shift = 8 * (lengthBytes - 1); shift >= 0; shift -= 8) {
                frame.write(shift >= 32 ? 0 : (n >>> shift) & 0xFF);
            }
            frame.writeBytes(payload);
            try {
                out.write(frame.toByteArray());
                out.flush();
            } catch (IOException e) {
                closed = true;
            }
        }

        void close(int code, String reason) {
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            payload.write(code >>> 8);
            payload.write(code & 0xFF);
            payload.writeBytes(reason.getBytes(StandardCharsets.UTF_8));
            send(0x8, payload.toByteArray());
            closed = true;
            closeQuietly(socket);
        }
    }
}
