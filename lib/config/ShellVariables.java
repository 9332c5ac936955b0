package dev.launch.config;

import dev.launch.util.Names;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Procfile habit: {@code command: "python3 -m http.server $WEB_PORT"}. Commands run without a
 * shell, so {@code $WEB_PORT} reaches the program as those nine characters and the process fails
 * at run time. Finds such {@code $NAME} in a command that is not itself a shell's {@code -c}, and
 * says what to write instead ({@code ${NAME}} is an unknown template, which {@link Template} rejects).
 */
public final class ShellVariables {
    private static final Pattern VARIABLE = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)");
    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "zsh", "ksh", "ash", "mksh");

    /** One variable: where it starts in its word (0-based) and the sentence to show. */
    public record Finding(int word, int index, String message) {}

    private ShellVariables() {}

    /** {@code words} as written (one word for a string command), {@code argv} as split. */
    public static List<Finding> find(List<String> words, List<String> argv, Collection<String> portNames) {
        List<Finding> found = new ArrayList<>();
        if (argv.isEmpty() || throughShell(argv)) {
            return found;
        }
        for (int w = 0; w < words.size(); w++) {
            String word = words.get(w);
            Matcher m = VARIABLE.matcher(word);
            while (m.find()) {
                if (m.start() > 0 && word.charAt(m.start() - 1) == '$') {
                    continue;  // "$${" and "$$" are literal
                }
                found.add(new Finding(w, m.start(), message(m.group(), m.group(1), argv, portNames)));
            }
        }
        return found;
    }

    /** What to write instead of $NAME or ${NAME}: the port's template, else the variable's. */
    static String instead(String name, Collection<String> portNames) {
        return portNames.stream().filter(p -> Names.portVariable(p).equals(name) || p.equals(name)).findFirst()
                .map(p -> "${ports." + p + "}").orElse("${env." + name + "}");
    }

    static boolean throughShell(List<String> argv) {
        String program = Path.of(argv.get(0)).getFileName().toString();
        if (program.equals("env") || program.contains("=") || program.startsWith("-")) {
            return argv.size() > 1 && throughShell(argv.subList(1, argv.size()));
        }
        return SHELLS.contains(program) && argv.contains("-c");
    }

    private static String message(String written, String name, List<String> argv, Collection<String> portNames) {
        return "\"" + written + "\" reaches the program as it is, not as a value: a command runs without a shell; write "
                + instead(name, portNames) + ", or run it through a shell: [sh, -c, \"" + String.join(" ", argv).replace("\"", "\\\"") + "\"]";
    }
}
