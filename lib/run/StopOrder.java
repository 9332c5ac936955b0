package dev.launch.run;

import dev.launch.util.Names;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order a stack is stopped in: the reverse of its start order. A process's depth is one more
 * than the deepest of its dependencies; the deepest tier goes first, so nothing loses a
 * dependency while it is still running. A cycle (refused at load time) cannot loop here.
 */
final class StopOrder {
    private StopOrder() {}

    /** Names in tiers, deepest dependents first; within a tier in the given order. */
    static List<List<String>> tiers(Map<String, List<String>> dependsOn) {
        Map<String, Integer> depth = new LinkedHashMap<>();
        dependsOn.keySet().forEach(n -> depthOf(n, dependsOn, depth, new HashSet<>()));
        int max = depth.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<List<String>> tiers = new ArrayList<>();
        for (int d = max; d >= 0; d--) {
            List<String> tier = new ArrayList<>();
            for (String name : dependsOn.keySet()) {
                if (depth.get(name) == d) {
                    tier.add(name);
                }
            }
            tiers.add(tier);
        }
        return tiers;
    }

    private static int depthOf(String name, Map<String, List<String>> dependsOn, Map<String, Integer> depth, Set<String> visiting) {
        Integer known = depth.get(name);
        if (known != null) {
            return known;
        }
        int d = 0;
        if (visiting.add(name)) {
            for (String dep : dependsOn.getOrDefault(name, List.of())) {
                d = Math.max(d, depthOf(dep, dependsOn, depth, visiting) + 1);
            }
        }
        depth.put(name, d);
        return d;
    }
}
