package dev.launch.util;

import java.util.List;
import java.util.Locale;

/**
 * What a port's url ({@code ports.urls}) may be. Banner, status and the web page show it (the page
 * as a link when it is http), so it is a web address of bounded length with nothing a terminal
 * or a browser would act on. Profiles are held to it when loaded and rendered, registry entries
 * when read.
 */
public final class PortUrls {
    public static final int MAX_LENGTH = 2048;
    private static final List<String> SCHEMES = List.of("http://", "https://", "ws://", "wss://");

    private PortUrls() {}

    /** Null when {@code url} may be shown; else what is wrong with it, to end a sentence. */
    public static String problem(String url) {
        if (url.length() > MAX_LENGTH) {
            return "is longer than " + MAX_LENGTH + " characters";
        }
        if (!hasScheme(url)) {
            return "does not start with http://, https://, ws:// or wss://";
        }
        if (url.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c))) {
            return "holds spaces or control characters";
        }
        return null;
    }

    /** True when {@code text} starts with one of the schemes a port's url may have (in any case). */
    public static boolean hasScheme(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return SCHEMES.stream().anyMatch(lower::startsWith);
    }
}
