package dev.launch.cli;

import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import dev.launch.util.LaunchException;
import dev.launch.util.Suggest;

import java.util.List;

/** Finding the instance a command names, with one message when there is none. */
final class Instances {
    private Instances() {}

    /** The live instance {@code id}, else exit 1 naming those that run (and the closest). */
    static Instance running(Registry registry, String id) {
        return registry.locked(s -> s.find(id).orElseThrow(() -> notRunning(id, s.live().stream().map(Instance::id).toList())));
    }

    static LaunchException notRunning(String id, List<String> ids) {
        return LaunchException.failure("no running instance " + id
                + (ids.isEmpty() ? " (none is running; start one with ./jbang launch.java dev)"
                : " (running: " + String.join(", ", ids) + ")" + Suggest.didYouMean(id, ids)));
    }

    /** "launch restart (pid 42)": how a launcher names who asked it. */
    static String asker(String command) {
        return "launch " + command + " (pid " + ProcessHandle.current().pid() + ")";
    }
}
