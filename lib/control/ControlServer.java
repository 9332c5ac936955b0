package dev.launch.control;

import dev.launch.util.Json;
import dev.launch.util.PrivateFiles;
import dev.launch.util.Threads;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The launcher's end of the control channel: a Unix domain socket (0600, in a 0700 directory, so
 * only the user reaches it) that takes one JSON request line per connection and answers with
 * lines: notes while it works, then the result ({@code "ok": true|false, "message": ...}).
 * A request names the launcher pid it means; another pid gets {@code "stale": true}, so a
 * client that found an old socket never acts on the wrong stack.
 */
public final class ControlServer implements AutoCloseable {
    /** Does what a request asks; {@code note} sends a line before the result. */
    public interface Handler {
        Map<String, Object> handle(Map<String, Object> request, Consumer<String> note) throws Exception;
    }

    static final int MAX_REQUEST = 64 * 1024;

    private final Path socket;
    private final ServerSocketChannel channel;
    private final Handler handler;
    private volatile boolean closed;

    private ControlServer(Path socket, ServerSocketChannel channel, Handler handler) {
        this.socket = socket;
        this.channel = channel;
        this.handler = handler;
    }

    /** Listens on {@code socket} (a stale file there is replaced) until {@link #close}. */
    public static ControlServer start(Path socket, Handler handler) throws IOException {
        PrivateFiles.directory(socket.getParent());
        Files.deleteIfExists(socket); // ours: the registry gave this instance id to this launcher
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(socket));
            try {
                Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the 0700 directory still keeps others out
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        ControlServer server = new ControlServer(socket, channel, handler);
        Threads.startDaemon("control-accept", server::accept);
        return server;
    }

    public Path socket() {
        return socket;
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            // closing anyway
        }
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // a later launcher or prune removes it
        }
    }

    private void accept() {
        while (!closed) {
            SocketChannel client;
            try {
                client = channel.accept();
            } catch (IOException e) {
                return; // closed
            }
            Threads.startDaemon("control-client", () -> serve(client));
        }
    }

    private void serve(SocketChannel client) {
        try (client; OutputStream out = Channels.newOutputStream(client)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
            Map<String, Object> request;
            try {
                request = request(in);
            } catch (IOException e) {
                write(out, result(false, "bad request: " + e.getMessage()));
                return;
            }
            Object pid = request.get("pid");
            if (pid instanceof Number n && n.longValue() != ProcessHandle.current().pid()) {
                Map<String, Object> stale = result(false, "this channel belongs to pid " + ProcessHandle.current().pid());
                stale.put("stale", true);
                write(out, stale);
                return;
            }
            Map<String, Object> answer;
            try {
                answer = handler.handle(request, note -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("note", note);
                    write(out, m);
                });
            } catch (Exception e) {
                answer = result(false, e.getMessage() == null ? e.toString() : e.getMessage());
            }
            write(out, answer);
        } catch (IOException | RuntimeException e) {
            // the client went away; whatever it asked is still done
        }
    }

    private static Map<String, Object> request(BufferedReader in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (line.length() >= MAX_REQUEST) {
                throw new IOException("request longer than " + MAX_REQUEST + " characters");
            }
            line.append((char) c);
        }
        Object json = Json.read(line.toString());
        if (!(json instanceof Map<?, ?> map)) {
            throw new IOException("expected a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) map;
        return m;
    }

    /** The answer {@code {"ok": ..., "message": ...}}, the same on this channel and the web page's API. */
    public static Map<String, Object> result(boolean ok, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", ok);
        m.put("message", message);
        return m;
    }

    private static void write(OutputStream out, Map<String, Object> line) {
        try {
            synchronized (out) {
                out.write((Json.line(line) + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
