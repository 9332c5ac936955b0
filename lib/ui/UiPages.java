package dev.launch.ui;

/** The small pages around the session: entering with a one-time link, and being refused without one. */
final class UiPages {
    static final String NO_SESSION = "this page needs a session: open the link that `./jbang launch.java ui` prints "
            + "(run it again for a fresh one; it reuses the running server)";

    private UiPages() {}

    /** After a good key: straight on to the page, from our own origin, so the Strict cookie goes along. */
    static String enter() {
        return page("launch — signing in", "<meta http-equiv=\"refresh\" content=\"0; url=/\">",
                "<p>Signed in. <a href=\"/\">Continue to the page</a>.</p>");
    }

    static String usedLink() {
        return page("launch — link used", "",
                "<h1>This link has been used</h1><p>Each link that <code>ui</code> prints opens the page once "
                        + "(and expires after " + UiSession.KEY_LIFETIME.toHours() + " hours). For a fresh one, run</p>"
                        + "<pre>./jbang launch.java ui</pre><p>again (with the same <code>--state-dir</code>, if you gave one): "
                        + "it reuses the running server and prints a new link.</p>");
    }

    static String noSession() {
        return page("launch — sign-in needed", "",
                "<h1>This page needs the link that <code>ui</code> printed</h1><p>The launch page opens only for the "
                        + "user who started it, through the one-time link <code>ui</code> prints. For a fresh one, run</p>"
                        + "<pre>./jbang launch.java ui</pre><p>again (with the same <code>--state-dir</code>, if you gave one): "
                        + "it reuses the running server and prints a new link.</p>");
    }

    private static String page(String title, String head, String body) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"color-scheme\" content=\"light dark\">"
                + "<meta name=\"referrer\" content=\"no-referrer\"><title>" + title + "</title>" + head + "</head>\n<body>"
                + body + "</body></html>\n";
    }
}
