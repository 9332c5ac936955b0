package dev.launch.run;

import dev.launch.registry.Instance;
import dev.launch.registry.Registry;
import dev.launch.util.LaunchException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps the registry entry's process list and the watchdog's pid list in step with the stack. */
final class RunState {
    private final Registry registry;
    private final String id;
    private final Watchdog watchdog;
    private final Map<String, Instance.ProcessInfo> processes = new LinkedHashMap<>();

    RunState(Registry registry, String id, Watchdog watchdog, java.util.Collection<String> names) {
        this.registry = registry;
        this.id = id;
        this.watchdog = watchdog;
        // every process is listed from the start, so `restart`, `logs` and the page know one still waiting for its dependencies
        names.forEach(n -> processes.put(n, new Instance.ProcessInfo(n, 0, null, "starting", 0, null)));
    }

    synchronized void changed(Instance.ProcessInfo info) {
        processes.put(info.name(), info);
        if (info.state().equals("running") && info.pid() > 0) {
            watchdog.track(info.pid(), info.pidStart());
        }
        List<Instance.ProcessInfo> now = List.copyOf(processes.values());
        try {
            registry.locked(session -> {
                session.find(id).ifPresent(i -> session.put(i.withProcesses(now)));
                return null;
            });
        } catch (LaunchException e) {
            // the registry is advisory while running; teardown does not depend on it
        }
    }
}
