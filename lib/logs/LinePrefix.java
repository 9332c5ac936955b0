package dev.launch.logs;

import dev.launch.util.Colors;

/**
 * How a process's lines are prefixed, alike in the launcher's terminal and in {@code logs}: the
 * name padded to the stack's widest, then " | ", the name part in the process's colour (its place
 * in the profile) when colour is on.
 */
public final class LinePrefix {
    private LinePrefix() {}

    /** The prefix, up to and including the space before the text. */
    public static String of(String name, int width, int index, boolean color) {
        String padded = name + " ".repeat(Math.max(0, width - name.length())) + " |";
        return (color ? Colors.paint(index, padded) : padded) + " ";
    }
}
