package dev.launch.control;

import dev.launch.registry.Instance;
import dev.launch.util.LaunchException;
import dev.launch.util.Suggest;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Start, stop or restart some processes of a running instance from outside it (the commands and
 * the web page): the names are checked against the instance first (exit 2 with the names and a
 * "did you mean"), then the launcher does the work over its control channel.
 */
public final class ProcessControl {
    /** Long enough for a grace period and a ready check's default timeout; bounded all the same. */
    public static final Duration TIMEOUT = Duration.ofMinutes(3);

    private ProcessControl() {}

    public static ControlClient.Answer act(Path stateDir, Instance instance, String op, List<String> processes, String by,
                                           Consumer<String> onNote) {
        check(instance, processes);
        try {
            return ControlClient.call(stateDir, instance, ControlClient.request(op, processes, by), TIMEOUT, onNote)
                    .orElseThrow(() -> LaunchException.failure(instance.id() + " does not answer on its control channel (launcher pid "
                            + instance.pid() + "); it may be stopping, or started by an older launch"));
        } catch (IOException e) {
            throw LaunchException.failure("cannot reach the launcher of " + instance.id() + ": " + e.getMessage());
        }
    }

    /** Every name is a process of {@code instance}, else a usage error naming them all. */
    public static void check(Instance instance, List<String> processes) {
        List<String> names = instance.processes().stream().map(Instance.ProcessInfo::name).toList();
        for (String p : processes) {
            if (!names.contains(p)) {
                throw LaunchException.usage("no process \"" + p + "\" in " + instance.id() + " (processes: " + String.join(", ", names) + ")"
                        + Suggest.didYouMean(p, names));
            }
        }
    }
}
