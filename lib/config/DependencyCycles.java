package dev.launch.config;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Finds a depends_on cycle through a given process, for an error that names the whole loop. */
final class DependencyCycles {
    private DependencyCycles() {}

    /** A shortest-found path start -> ... -> start (e.g. [a, b, a]), or null when start is on no cycle. */
    static List<String> find(String start, Function<String, List<String>> dependsOn) {
        Deque<String> path = new ArrayDeque<>();
        path.add(start);
        return walk(start, start, dependsOn, path, new HashSet<>());
    }

    private static List<String> walk(String start, String at, Function<String, List<String>> dependsOn,
            Deque<String> path, Set<String> visited) {
        for (String next : dependsOn.apply(at)) {
            if (next.equals(start)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                return cycle;
            }
            if (visited.add(next)) {
                path.addLast(next);
                List<String> found = walk(start, next, dependsOn, path, visited);
                if (found != null) {
                    return found;
                }
                path.removeLast();
            }
        }
        return null;
    }
}
