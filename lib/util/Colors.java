package dev.launch.util;

/**
 * ANSI colours for name prefixes, assigned in a fixed cycle as foreman does. Used only when
 * stdout is a terminal and neither --no-color nor NO_COLOR is set.
 */
public final class Colors {
    private static final String[] CYCLE = {"36", "33", "32", "35", "34", "31", "96", "93", "92", "95", "94", "91"};
    private static final String RESET = "\u001b[0m";

    private Colors() {}

    /** Colour when asked for and when stdout is a terminal. */
    public static boolean wanted(boolean colorOption) {
        return colorOption && System.getenv("NO_COLOR") == null && System.console() != null;
    }

    /** {@code text} in the {@code index}-th colour of the cycle. */
    public static String paint(int index, String text) {
        return "\u001b[" + CYCLE[Math.floorMod(index, CYCLE.length)] + "m" + text + RESET;
    }

    public static String bold(String text) {
        return "\u001b[1m" + text + RESET;
    }
}
