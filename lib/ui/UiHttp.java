package dev.launch.ui;

import dev.launch.project.Locations;
import dev.launch.util.Json;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** How the ui server answers: the page's files, JSON, errors, and the headers every answer carries. */
final class UiHttp {
    static final String HTML = "text/html; charset=utf-8";
    private static final String SCRIPT = "text/javascript; charset=utf-8";
    /** The page's files besides index.html, with their types. */
    static final Map<String, String> ASSETS = Map.of(
            "/app.js", SCRIPT,
            "/cards.js", SCRIPT,
            "/logs.js", SCRIPT,
            "/util.js", SCRIPT,
            "/style.css", "text/css; charset=utf-8");
    private static final String CSP = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private UiHttp() {}

    /** A file of the page: from the classpath (jar or tests), else from lib/web beside launch.java. */
    static String asset(String name) throws IOException {
        try (InputStream in = UiHttp.class.getResourceAsStream("/web/" + name)) {
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

    static void html(HttpExchange ex, int status, String page) throws IOException {
        send(ex, status, HTML, page.getBytes(StandardCharsets.UTF_8));
    }

    static void plain(HttpExchange ex, int status, String text) throws IOException {
        send(ex, status, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        if (type.startsWith("text/html")) {
            ex.getResponseHeaders().set("Content-Security-Policy", CSP);
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    static void secureHeaders(HttpExchange ex) {
        var h = ex.getResponseHeaders();
        h.set("Cache-Control", "no-store");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "no-referrer");
    }

    /** The method is GET; else 405, answered, and false. */
    static boolean isGet(HttpExchange ex) {
        return is(ex, "GET", ex.getRequestMethod() + " is not allowed here; use GET");
    }

    /** The guard of every state-changing request, after the session and Origin checks: POST. False after answering. */
    static boolean isPost(HttpExchange ex) {
        return is(ex, "POST", "this needs POST");
    }

    private static boolean is(HttpExchange ex, String method, String message) {
        if (ex.getRequestMethod().equals(method)) {
            return true;
        }
        ex.getResponseHeaders().set("Allow", method);
        error(ex, 405, message);
        return false;
    }
}
