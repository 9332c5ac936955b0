package dev.launch.cli;

import dev.launch.proc.Processes;
import dev.launch.registry.Instance;
import dev.launch.registry.Registry;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/** Dead instances whose processes still run (their launcher and its watchdog were both killed): `prune` ends them. */
final class Leftovers {
    private Leftovers() {}

    static void warn(Registry registry, PrintWriter err) {
        List<Path> dead;
        try {
            dead = registry.deadEntries();
        } catch (IOException e) {
            return;
        }
        for (Path file : dead) {
            Instance i;
            try {
                i = Registry.read(file);
            } catch (IOException e) {
                continue;
            }
            List<String> running = i.processes().stream().filter(p -> Processes.isAlive(p.pid(), p.pidStart()))
                    .map(Instance.ProcessInfo::name).toList();
            if (!running.isEmpty()) {
                err.println("launch: " + i.id() + " is dead (its launcher, pid " + i.pid() + ", is gone) but " + running.size()
                        + (running.size() == 1 ? " of its processes still runs (" : " of its processes still run (") + String.join(", ", running)
                        + "); end " + (running.size() == 1 ? "it" : "them") + " with ./jbang launch.java prune");
            }
        }
        err.flush();
    }
}
