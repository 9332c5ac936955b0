package dev.launch.util;

import java.util.Locale;

/** How port names become environment variable names: networkSimulator → NETWORK_SIMULATOR_PORT. */
public final class Names {
    private Names() {}

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
