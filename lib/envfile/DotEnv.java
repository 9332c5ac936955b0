package dev.launch.envfile;

import dev.launch.util.LaunchException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The syntax of dotenv files as Node's dotenv (which Vite uses) reads them: {@code KEY=VALUE},
 * optional {@code export}, {@code #} comments (an unquoted value ends at {@code #}), values in
 * single, double (with {@code \\n}) or back quotes, which may span lines. Parsing keeps positions,
 * so {@link EnvFile} can change one value and leave every other byte as it was.
 */
final class DotEnv {
    private static final Pattern PLAIN = Pattern.compile("(?U)[^\\s#'\"`]+");
    static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]+");

    private DotEnv() {}

    /** One assignment: its key and value, and where its line, value and line terminator are. */
    record Entry(String key, String value, int lineStart, int valueStart, int valueEnd, int lineEnd, int nextLine) {}

    static String encode(String key, String value, Path file) {
        boolean multiline = value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
        boolean trailingBackslash = value.endsWith("\\");
        if (PLAIN.matcher(value).matches() || value.isEmpty()) {
            return value;
        } else if (!value.contains("'") && !multiline && !trailingBackslash) {
            return "'" + value + "'";
        } else if (!value.contains("\"") && !value.contains("\\")) {
            return "\"" + value.replace("\n", "\\n").replace("\r", "\\r") + "\"";
        } else if (!value.contains("`") && !trailingBackslash) {
            return "`" + value + "`";
        }
        throw LaunchException.usage("cannot write " + file + ": the value of " + key
                + " cannot be quoted in a dotenv file (it holds every kind of quote, or ends with a backslash)");
    }

    static List<Entry> parse(String s) {
        List<Entry> entries = new ArrayList<>();
        int pos = 0;
        while (pos < s.length()) {
            int lineEnd = lineEnd(s, pos);
            int i = skipBlanks(s, pos, lineEnd);
            if (s.startsWith("export", i) && i + 6 < lineEnd && isBlank(s.charAt(i + 6))) {
                i = skipBlanks(s, i + 6, lineEnd);
            }
            int keyStart = i;
            while (i < lineEnd && isKeyChar(s.charAt(i))) {
                i++;
            }
            String key = s.substring(keyStart, i);
            i = skipBlanks(s, i, lineEnd);
            if (key.isEmpty() || i >= lineEnd || s.charAt(i) != '=') {
                pos = nextLine(s, lineEnd);
                continue;
            }
            int valueStart = skipBlanks(s, i + 1, lineEnd);
            char quote = valueStart < lineEnd ? s.charAt(valueStart) : 0;
            int close = quote == '\'' || quote == '"' || quote == '`' ? closingQuote(s, valueStart + 1, quote) : -1;
            int valueEnd;
            String value;
            if (close >= 0) {
                valueEnd = close + 1;
                value = s.substring(valueStart + 1, close);
                value = quote == '"' ? value.replace("\\n", "\n").replace("\\r", "\r") : value;
                lineEnd = lineEnd(s, close);
            } else {
                int hash = s.indexOf('#', valueStart);
                valueEnd = hash >= 0 && hash < lineEnd ? hash : lineEnd;
                while (valueEnd > valueStart && isBlank(s.charAt(valueEnd - 1))) {
                    valueEnd--;
                }
                value = s.substring(valueStart, valueEnd);
            }
            int next = nextLine(s, lineEnd);
            entries.add(new Entry(key, value, pos, valueStart, valueEnd, lineEnd, next));
            pos = next;
        }
        return entries;
    }

    /** The closing quote at or after {@code from}; a backslash-escaped quote does not close. */
    private static int closingQuote(String s, int from, char quote) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == '\\' && i + 1 < s.length() && s.charAt(i + 1) == quote) {
                i++;
            } else if (s.charAt(i) == quote) {
                return i;
            }
        }
        return -1;
    }

    /** The end of the line holding {@code pos}, before its "\n" or "\r\n". */
    private static int lineEnd(String s, int pos) {
        int nl = s.indexOf('\n', pos);
        if (nl < 0) {
            return s.length();
        }
        return nl > 0 && s.charAt(nl - 1) == '\r' ? nl - 1 : nl;
    }

    private static int nextLine(String s, int lineEnd) {
        int nl = s.indexOf('\n', lineEnd);
        return nl < 0 ? s.length() : nl + 1;
    }

    private static int skipBlanks(String s, int i, int end) {
        while (i < end && isBlank(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isKeyChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-');
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
