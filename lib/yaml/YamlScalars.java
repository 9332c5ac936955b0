package dev.launch.yaml;

import dev.launch.util.Durations;

import java.time.Duration;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Numbers, booleans and durations read from a scalar's text by our rules, not YAML 1.1's:
 * {@code 010} is not octal and {@code yes} is not true.
 */
final class YamlScalars {
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");

    /** A value, or the sentence saying why there is none. */
    record Parsed<T>(T value, String problem) {
        static <T> Parsed<T> value(T value) {
            return new Parsed<>(value, null);
        }

        static <T> Parsed<T> problem(String problem) {
            return new Parsed<>(null, problem);
        }
    }

    private YamlScalars() {}

    /** A plain, decimal whole number; rejects what YAML 1.1 would read differently than 1.2. */
    static Parsed<Integer> wholeNumber(Node node) {
        if (!(node instanceof ScalarNode s) || NodeWords.absent(node)) {
            return Parsed.problem("expected a whole number, got " + NodeWords.describe(node));
        }
        String text = s.getValue();
        if (s.getScalarStyle() != ScalarStyle.PLAIN) {
            return Parsed.problem("expected a whole number, got the quoted text \"" + text + "\"; remove the quotes");
        }
        if (!INTEGER.matcher(text).matches()) {
            return Parsed.problem("expected a whole number (got " + text + ")");
        }
        String digits = text.startsWith("-") ? text.substring(1) : text;
        if (digits.length() > 1 && digits.startsWith("0")) {
            String plain = digits.replaceFirst("^0+(?=.)", "");
            return Parsed.problem("leading zero is ambiguous in YAML (octal?); write " + (text.startsWith("-") ? "-" : "") + plain);
        }
        if (digits.length() > 9) {
            return Parsed.problem("is far too large (got " + text + ")");
        }
        return Parsed.value(Integer.parseInt(text));
    }

    /** true or false as YAML 1.2 writes them; yes/no/on/off are not booleans here. */
    static Parsed<Boolean> bool(Node node) {
        if (node instanceof ScalarNode s && s.getScalarStyle() == ScalarStyle.PLAIN) {
            switch (s.getValue()) {
                case "true", "True", "TRUE":
                    return Parsed.value(true);
                case "false", "False", "FALSE":
                    return Parsed.value(false);
                default:
                    break;
            }
        }
        return Parsed.problem("expected true or false, got " + NodeWords.describe(node));
    }

    /** {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, or a whole number of seconds. */
    static Parsed<Duration> duration(Node node) {
        if (node instanceof ScalarNode s && s.getScalarStyle() == ScalarStyle.PLAIN && INTEGER.matcher(s.getValue()).matches()) {
            Parsed<Integer> whole = wholeNumber(node);
            if (whole.problem() != null) {
                return Parsed.problem(whole.problem());
            }
            int seconds = whole.value();
            if (seconds < 0) {
                return Parsed.problem("must not be negative (got " + seconds + ")");
            }
            try {
                return Parsed.value(Durations.capped(Duration.ofSeconds(seconds), s.getValue()));
            } catch (IllegalArgumentException e) {
                return Parsed.problem(e.getMessage());
            }
        }
        if (!(node instanceof ScalarNode s)) {
            return Parsed.problem("expected text, got " + NodeWords.describe(node));
        }
        String text = s.getValue();
        try {
            return Parsed.value(Durations.parse(text));
        } catch (IllegalArgumentException e) {
            return Parsed.problem(e.getMessage());
        }
    }
}
