package dev.launch.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * A client of one UiServer that does what the browser does: opens a one-time link, keeps the
 * cookie it gets, and sends it (or not, or another one) with each request.
 */
final class UiClient {
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String base;
    final int port;
    String cookie;

    UiClient(String url, int port) {
        this.base = url;
        this.port = port;
    }

    static UiClient signedIn(UiServer server) throws Exception {
        UiClient client = new UiClient(server.url(), server.port());
        client.open(server.loginUrl());
        return client;
    }

    /** Opens a one-time link; a good one sets the cookie. */
    HttpResponse<String> open(String link) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(link)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        response.headers().firstValue("Set-Cookie").ifPresent(c -> cookie = c.substring(0, c.indexOf(';')));
        return response;
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<Stream<String>> lines(String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofLines());
    }

    HttpResponse<String> post(String path, String origin) throws Exception {
        HttpRequest.Builder b = request(path).POST(HttpRequest.BodyPublishers.noBody());
        if (origin != null) {
            b.header("Origin", origin);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    String ownOrigin() {
        return "http://127.0.0.1:" + port;
    }

    /** The same requests without any cookie. */
    UiClient anonymous() {
        return new UiClient(base, port);
    }

    void assertRefused(String path) throws Exception {
        assertEquals(403, get(path).statusCode(), "GET " + path + " with cookie " + cookie);
    }

    private HttpRequest.Builder request(String path) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path.substring(1))).timeout(Duration.ofSeconds(30));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return b;
    }
}
