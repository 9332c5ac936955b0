package dev.launch.config;

import dev.launch.util.Suggest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The {@code ${...}} templates of profile values: {@code ${ports.NAME}}, {@code ${env.VAR}} (with
 * an optional {@code :-default}), {@code ${instance.id}}, {@code ${profile}}, {@code ${range}};
 * {@code $${} is a literal "${". Checked at load time, rendered once the ports are known.
 */
public final class Template {
    /** One {@code ${...}}: its key ("ports.alice"), default text or null, and where it starts. */
    public record Ref(String key, String fallback, int index) {}

    /** A problem in a template: where its "${" starts (0-based index into the text) and what is wrong. */
    public record Issue(int index, String name, String message) {}

    public static final List<String> FIXED_NAMES = List.of("instance.id", "profile", "range");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Template() {}

    /** The keys referenced by {@code text}, in order; IllegalArgumentException on a syntax error. */
    public static List<String> references(String text) {
        List<String> keys = new ArrayList<>();
        for (Ref ref : refs(text)) {
            keys.add(ref.key());
        }
        return keys;
    }

    /** The {@code ${...}} of {@code text}; IllegalArgumentException on an unterminated one. */
    public static List<Ref> refs(String text) {
        List<Ref> refs = new ArrayList<>();
        for (Object part : parse(text)) {
            if (part instanceof Ref r) {
                refs.add(r);
            }
        }
        return refs;
    }

    /**
     * {@code text} with every {@code ${...}} replaced by {@code lookup(key)}; a null answer takes
     * the {@code :-default}, or is an IllegalArgumentException naming the template.
     */
    public static String render(String text, Function<String, String> lookup) {
        StringBuilder out = new StringBuilder();
        for (Object part : parse(text)) {
            if (part instanceof Ref r) {
                String value = lookup.apply(r.key());
                if (value == null) {
                    value = r.fallback();
                }
                if (value == null) {
                    throw new IllegalArgumentException("unknown template ${" + r.key() + "} at column " + (r.index() + 1));
                }
                out.append(value);
            } else {
                out.append((String) part);
            }
        }
        return out.toString();
    }

    /** Literal text (String) and references (Ref), in order. */
    private static List<Object> parse(String text) {
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                literal.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    throw new Unterminated(i);
                }
                String body = text.substring(i + 2, close);
                int dash = body.indexOf(":-");
                if (literal.length() > 0) {
                    parts.add(literal.toString());
                    literal.setLength(0);
                }
                parts.add(new Ref((dash < 0 ? body : body.substring(0, dash)).strip(),
                        dash < 0 ? null : body.substring(dash + 2), i));
                i = close + 1;
            } else {
                literal.append(text.charAt(i++));
            }
        }
        if (literal.length() > 0) {
            parts.add(literal.toString());
        }
        return parts;
    }

    private static final class Unterminated extends IllegalArgumentException {
        final int index;

        Unterminated(int index) {
            super("unterminated \"${\" at column " + (index + 1) + "; " + UNTERMINATED_HINT);
            this.index = index;
        }
    }

    private static final String UNTERMINATED_HINT = "close it with \"}\" or write \"$${\" for a literal \"${\"";

    /**
     * Everything wrong with the templates of {@code text}: syntax, names other than the five
     * kinds, ports not in {@code portNames}, and env variables that {@code env} does not know and
     * that have no default.
     */
    public static List<Issue> check(String text, Collection<String> portNames, Function<String, String> env) {
        List<Ref> refs;
        try {
            refs = refs(text);
        } catch (Unterminated e) {
            return List.of(new Issue(e.index, text.substring(e.index), "unterminated \"${\"; " + UNTERMINATED_HINT));
        }
        List<Issue> issues = new ArrayList<>();
        for (Ref ref : refs) {
            String message = checkRef(ref, portNames, env);
            if (message != null) {
                issues.add(new Issue(ref.index(), ref.key(), message));
            }
        }
        return issues;
    }

    private static String checkRef(Ref ref, Collection<String> portNames, Function<String, String> env) {
        String key = ref.key();
        if (ref.fallback() != null && !key.startsWith("env.")) {
            return "a default (\":-\") is only allowed for ${env.VAR}, not ${" + key + "}";
        }
        if (FIXED_NAMES.contains(key)) {
            return null;
        }
        if (key.startsWith("ports.")) {
            String name = key.substring("ports.".length());
            if (portNames.contains(name)) {
                return null;
            }
            return "unknown port \"" + name + "\" in ${" + key + "}" + Suggest.didYouMean(name, portNames)
                    + " (ports.names: " + String.join(", ", portNames) + ")";
        }
        if (key.startsWith("env.")) {
            String var = key.substring("env.".length());
            if (!ENV_NAME.matcher(var).matches()) {
                return "\"" + var + "\" in ${" + key + "} is not an environment variable name";
            }
            if (ref.fallback() == null && env.apply(var) == null) {
                return "environment variable " + var + " is not set; set it, or give a default: ${env." + var + ":-VALUE}";
            }
            return null;
        }
        List<String> known = new ArrayList<>(FIXED_NAMES);
        for (String port : portNames) {
            known.add("ports." + port);
        }
        String hint = Suggest.didYouMean(key, known);
        if (hint.isEmpty() && key.matches("[A-Z_][A-Z0-9_]*")) {
            return "unknown template name \"" + key + "\" in ${" + key + "}; did you mean " + ShellVariables.instead(key, portNames)
                    + "? (a command runs without a shell, so shell variables are not expanded)";
        }
        return "unknown template name \"" + key + "\" in ${" + key + "}"
                + (hint.isEmpty() ? "; expected ports.NAME, env.VAR, instance.id, profile or range" : hint);
    }
}
