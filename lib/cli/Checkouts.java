package dev.launch.cli;

import java.nio.file.Path;

/** A checkout's directory as a table shows it: home as ~, and only its last parts when long. */
final class Checkouts {
    static final int MAX = 24;

    private Checkouts() {}

    static String shorten(String dir) {
        if (dir == null || dir.isEmpty()) {
            return "-";
        }
        String home = System.getProperty("user.home");
        String text = home != null && !home.equals("/") && (dir.equals(home) || dir.startsWith(home + "/"))
                ? "~" + dir.substring(home.length()) : dir;
        if (text.length() <= MAX) {
            return text;
        }
        Path p = Path.of(text);
        String tail = p.getFileName() == null ? text : p.getFileName().toString();
        if (tail.length() + 2 > MAX) {
            return "…" + tail.substring(tail.length() - (MAX - 1));
        }
        for (int i = p.getNameCount() - 2; i >= 0; i--) {
            String longer = p.getName(i) + "/" + tail;
            if (longer.length() + 2 > MAX) {
                break;
            }
            tail = longer;
        }
        return "…/" + tail;
    }
}
