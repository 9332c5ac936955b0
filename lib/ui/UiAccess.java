package dev.launch.ui;

import dev.launch.ports.SocketOwners;
import dev.launch.proc.Users;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Who gets an answer. The connection must come from a socket of the user who runs the server
 * (a browser sends its 127.0.0.1 cookies to every port of 127.0.0.1, so another user's server
 * could be handed a session; it still could not use it here). Then every request must name us in
 * its Host header (so a site that rebinds its DNS name to 127.0.0.1 gets nothing), must not come
 * from another origin, and must carry the session cookie ({@link UiSession}) that opening the
 * one-time link gave the browser; the API also refuses requests another site started.
 */
final class UiAccess {
    static final String OTHER_USER = "this launch ui serves only the user who started it";
    static final String UNKNOWN_USER = "this launch ui cannot tell which user this connection belongs to, so it refuses it";

    private final int port;
    private final UiSession session;
    private final Long uid = Users.currentUid();

    UiAccess(int port, UiSession session) {
        this.port = port;
        this.session = session;
    }

    /** True when the request may go on; else it has been answered (403, or the login hop). */
    boolean admit(HttpExchange ex) throws IOException {
        OptionalLong peer = SocketOwners.uidOf(ex.getRemoteAddress(), ex.getLocalAddress());
        if (peer.isEmpty() || uid == null) {
            UiHttp.plain(ex, 403, UNKNOWN_USER);
            return false;
        }
        if (peer.getAsLong() != uid) {
            UiHttp.plain(ex, 403, OTHER_USER);
            return false;
        }
        if (!ownHost(ex.getRequestHeaders().getFirst("Host"))) {
            UiHttp.error(ex, 403, "this server answers only to 127.0.0.1:" + port + " or localhost:" + port);
            return false;
        }
        String origin = ex.getRequestHeaders().getFirst("Origin");
        if (origin != null && !Set.of("http://127.0.0.1:" + port, "http://localhost:" + port).contains(origin)) {
            UiHttp.error(ex, 403, "cross-origin request refused (Origin " + origin + ")");
            return false;
        }
        String path = ex.getRequestURI().getPath();
        String key = loginKey(ex);
        if (key != null) {
            login(ex, key);
            return false;
        }
        if (!session.admits(ex.getRequestHeaders().get("Cookie"), port)) {
            if (path.equals("/") || path.equals("/index.html")) {
                UiHttp.html(ex, 403, UiPages.noSession());
            } else {
                UiHttp.error(ex, 403, UiPages.NO_SESSION);
            }
            return false;
        }
        String site = ex.getRequestHeaders().getFirst("Sec-Fetch-Site");
        if (path.startsWith("/api/") && ("cross-site".equals(site) || "same-site".equals(site))) {
            UiHttp.error(ex, 403, "requests from other sites are refused");
            return false;
        }
        return true;
    }

    private boolean ownHost(String host) {
        return host != null && (host.equals("127.0.0.1:" + port) || host.equals("localhost:" + port));
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
            UiHttp.html(ex, 403, UiPages.usedLink());
            return;
        }
        ex.getResponseHeaders().add("Set-Cookie", UiSession.cookieName(port) + "=" + session.cookieValue()
                + "; Path=/; HttpOnly; SameSite=Strict");
        UiHttp.html(ex, 200, UiPages.enter());
    }
}
