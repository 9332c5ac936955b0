package dev.launch.util;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for misspelt keys and names: the closest candidate, if any is close enough. */
public final class Suggest {
    private Suggest() {}

    /** The candidate closest to {@code input}, when the two are plausibly the same word mistyped. */
    public static Optional<String> closest(String input, Collection<String> candidates) {
        String in = normalize(input);
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            String c = normalize(candidate);
            int score;
            if (c.equals(in)) {
                score = 0;
            } else {
                int distance = distance(in, c);
                if (distance <= allowed(Math.min(in.length(), c.length()))) {
                    score = distance;
                } else if (Math.min(in.length(), c.length()) >= 3 && (in.startsWith(c) || c.startsWith(in))) {
                    // "enviroment" -> "env", "SECONDARY" -> "SECONDARY_DEV"
                    score = 10 + Math.abs(in.length() - c.length());
                } else {
                    continue;
                }
            }
            if (score < bestScore) {
                best = candidate;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code ; did you mean "ranges"?} or an empty string. */
    public static String didYouMean(String input, Collection<String> candidates) {
        return closest(input, candidates).map(s -> "; did you mean \"" + s + "\"?").orElse("");
    }

    private static int allowed(int length) {
        return length <= 2 ? 0 : length <= 4 ? 1 : length <= 8 ? 2 : 3;
    }

    /** depends-on, dependsOn and depends_on are one word to a human. */
    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    /** Optimal string alignment distance: Levenshtein plus swapping two neighbours ("bsae"). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
