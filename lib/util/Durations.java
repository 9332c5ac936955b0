package dev.launch.util;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as users write them: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, or {@code 5} (seconds). */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("([0-9]+)\\s*(ms|s|m|h)?");

    /** Longer than any grace, timeout or lease means anything; beyond it arithmetic on nanoseconds would overflow. */
    public static final Duration MAX = Duration.ofHours(24);

    private Durations() {}

    /** {@code d} itself, or an IllegalArgumentException (fit for the user) when it is over {@link #MAX}. */
    public static Duration capped(Duration d, String text) {
        if (d.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("must be at most 24h (got " + text + ")");
        }
        return d;
    }

    /** Parses a duration of at most 24h; the message of the IllegalArgumentException is fit for the user. */
    public static Duration parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches() || m.group(1).length() > 9) {
            throw new IllegalArgumentException("expected a duration like 500ms, 5s, 2m or 1h (got \"" + text + "\")");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return capped(switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        }, text.strip());
    }

    /** The shortest of the accepted forms that says exactly {@code d}: "5s", "500ms", "2m". */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    /** For people reading uptimes: "42s", "5m02s", "2h05m". */
    public static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
