package dev.launch.util;

import java.util.Locale;
import java.util.regex.Pattern;

/** How port names become environment variable names: networkSimulator → NETWORK_SIMULATOR_PORT. */
public final class Names {
    /** Profile names, and the instance ids made from them ({@code dev-2}). */
    public static final Pattern PROFILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    public static final Pattern PORT = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    public static final Pattern PROCESS = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    public static final Pattern RANGE = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    /** What a shell takes as a variable name. */
    public static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Names() {}

    /** {@code text} as one shell word: unchanged when nothing in it is special, else in single quotes. */
    public static String shellQuote(String text) {
        if (!text.isEmpty() && text.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || "_./:@%+,=-".indexOf(c) >= 0))) {
            return text;
        }
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** Control characters (escape sequences a terminal would act on) shown as '?'. */
    public static String printable(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? '?' : c));
        return sb.toString();
    }

    /** camelCase, kebab-case or snake_case → UPPER_SNAKE_CASE. */
    public static String upperSnake(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '-' || c == '.' || c == ' ') {
                sb.append('_');
            } else if (Character.isUpperCase(c) && i > 0 && (Character.isLowerCase(name.charAt(i - 1))
                    || Character.isDigit(name.charAt(i - 1)))) {
                sb.append('_').append(c);
            } else {
                sb.append(Character.toUpperCase(c));
            }
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }

    public static String portVariable(String portName) {
        return upperSnake(portName) + "_PORT";
    }
}
