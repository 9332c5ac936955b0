package dev.launch.run;

import dev.launch.config.Profile;

import java.util.Map;

/**
 * depends_on conditions: whether a process may start (each dependency started, ready or
 * completed, as asked), and when one of them can no longer get there, the sentence that says so.
 */
final class Dependencies {
    private Dependencies() {}

    static boolean met(ManagedProcess p, Map<String, ManagedProcess> procs) {
        for (String dep : p.spec.dependsOn()) {
            ManagedProcess d = procs.get(dep);
            boolean ok = switch (p.spec.condition(dep)) {
                case STARTED -> d.started();
                case READY -> d.wasReady;
                case COMPLETED -> d.completed;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code exited} has exited for good (no restart coming) with {@code code}: the first process
     * still waiting for it whose condition can now never hold, as "alice needs migrate to complete,
     * but migrate exited with code 1", or null.
     */
    static String broken(ManagedProcess exited, int code, Map<String, ManagedProcess> procs) {
        for (ManagedProcess p : procs.values()) {
            if (p.started() || p.held || !p.spec.dependsOn().contains(exited.spec.name())) {
                continue;
            }
            Profile.Condition c = p.spec.condition(exited.spec.name());
            boolean holds = switch (c) {
                case STARTED -> true;
                case READY -> exited.wasReady;
                case COMPLETED -> exited.completed;
            };
            if (!holds) {
                return p.spec.name() + " needs " + exited.spec.name() + " to " + verb(c) + ", but " + exited.spec.name() + " "
                        + Failures.exitPhrase(code) + (c == Profile.Condition.READY ? " before it was ready" : "");
            }
        }
        return null;
    }

    private static String verb(Profile.Condition c) {
        return switch (c) {
            case STARTED -> "start";
            case READY -> "be ready";
            case COMPLETED -> "complete";
        };
    }
}
