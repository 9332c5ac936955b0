package dev.launch.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command written as one string into argv words, the way a user expects from a shell
 * but without one: whitespace separates words, '...' keeps everything literal, "..." keeps
 * spaces and honours \" and \\. No globbing, variables, pipes or redirections.
 */
public final class CommandWords {
    private CommandWords() {}

    /** The words of {@code command}; IllegalArgumentException (with a column) on an open quote. */
    public static List<String> split(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < command.length()) {
            char c = command.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '\'' || c == '"') {
                int close = closingQuote(command, i);
                if (close < 0) {
                    throw new IllegalArgumentException("unterminated " + (c == '"' ? "double" : "single")
                            + " quote at column " + (i + 1) + " of the command");
                }
                String inside = command.substring(i + 1, close);
                word.append(c == '"' ? inside.replaceAll("\\\\([\"\\\\])", "$1") : inside);
                inWord = true;
                i = close + 1;
            } else if (c == '\\' && i + 1 < command.length()) {
                word.append(command.charAt(i + 1));
                inWord = true;
                i += 2;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static int closingQuote(String s, int open) {
        char quote = s.charAt(open);
        for (int i = open + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote == '"' && c == '\\' && i + 1 < s.length()) {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return -1;
    }
}
