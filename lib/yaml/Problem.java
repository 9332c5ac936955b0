package dev.launch.yaml;

import java.nio.file.Path;

/**
 * One finding in a config file, printed as {@code ports.yaml:7:12: ranges.WEB.base: must be
 * between 1 and 65535 (got 70000)}. Line and column are 1-based; 0 means "the whole file".
 */
public record Problem(Severity severity, Path file, int line, int column, String keyPath, String message) {
    public enum Severity { ERROR, WARNING }

    /**
     * File order: by line, then column. Written out because Comparator.comparingInt's lambdas are
     * the JDK's own, spun afresh in every JVM (never in launch's class-data archive).
     */
    public static final java.util.Comparator<Problem> IN_FILE_ORDER =
            (a, b) -> a.line != b.line ? Integer.compare(a.line, b.line) : Integer.compare(a.column, b.column);

    /** A message quotes what the file says; a 20000-character name must not make it a page long. */
    private static final int LIMIT = 300;

    public Problem {
        keyPath = bounded(keyPath);
        message = bounded(message);
    }

    private static String bounded(String text) {
        if (text == null) {
            return null;
        }
        String line = dev.launch.util.Names.printable(text);
        return line.length() <= LIMIT ? line : line.substring(0, LIMIT) + "…";
    }

    public static Problem error(Path file, int line, int column, String keyPath, String message) {
        return new Problem(Severity.ERROR, file, line, column, keyPath, message);
    }

    public static Problem warning(Path file, int line, int column, String keyPath, String message) {
        return new Problem(Severity.WARNING, file, line, column, keyPath, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file == null ? "<input>" : file.toString());
        if (line > 0) {
            sb.append(':').append(line).append(':').append(column);
        }
        sb.append(": ");
        if (severity == Severity.WARNING) {
            sb.append("warning: ");
        }
        if (keyPath != null && !keyPath.isEmpty()) {
            sb.append(keyPath).append(": ");
        }
        return sb.append(message).toString();
    }
}
