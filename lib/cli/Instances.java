package dev.launch.cli;

import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import dev.launch.util.LaunchException;

import java.util.List;

/** Finding the instance a command names, with one message when there is none. */
final class Instances {
    private Instances() {}

    /** The live instance {@code id}, else exit 1 naming those that run (and the closest). */
    static Instance running(Registry registry, String id) {
        return registry.locked(s -> s.get(id));
    }

    static LaunchException notRunning(String id, List<String> ids) {
        return LaunchException.failure(Registry.noRunningInstance(id, ids));
    }

    /** "launch restart (pid 42)": how a launcher names who asked it. */
    static String asker(String command) {
        return "launch " + command + " (pid " + ProcessHandle.current().pid() + ")";
    }
}
