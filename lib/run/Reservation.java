package dev.launch.run;

import dev.launch.config.Profile;
import dev.launch.project.Project;
import dev.launch.registry.Allocator;
import dev.launch.registry.Instance;
import dev.launch.registry.Registry;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A run's block and registry entry, taken under the registry lock so no other launcher can take
 * it; with ports.sticky, the block this checkout had last time comes first when it is free.
 */
record Reservation(Allocator.Allocation allocation, Instance instance) {

    /**
     * {@code beforeEntry} gets the new entry, inside the lock before it is written, and returns it
     * as it is to be written (the run names its watchdog there).
     */
    static Reservation take(Project project, Profile profile, boolean strict, String root, String token, Duration grace,
                            PrintWriter err, UnaryOperator<Instance> beforeEntry) {
        Registry registry = project.registry();
        Allocator.Request request = project.request(profile, List.of(), strict);
        Allocator.Allocation[] allocation = new Allocator.Allocation[1];
        Instance instance = registry.locked(session -> {
            Allocator.Request wanted = profile.ports().sticky()
                    ? registry.sticky().last(root, profile.name()).map(request::preferring).orElse(request) : request;
            allocation[0] = project.allocator().allocate(session.holders(), wanted);
            Instance i = Instance.run(session.nextId(profile.name()), profile.name(), allocation[0].block(), allocation[0].ports(),
                    token, root);
            i = i.withFrontend(List.of(), EnvTargets.urls(profile, i), allocation[0].sticky()).withGrace(grace);
            i = beforeEntry.apply(i);
            if (profile.ports().sticky()) {
                remember(registry, session, i, err);
            }
            session.put(i);
            return i;
        });
        return new Reservation(allocation[0], instance);
    }

    /** The checkout's first live instance of the profile sets the block it gets next time. */
    private static void remember(Registry registry, Registry.Session session, Instance i, PrintWriter err) {
        boolean first = session.live().stream().noneMatch(other -> other.kind() == Instance.Kind.RUN
                && i.cwd().equals(other.cwd()) && i.profile().equals(other.profile()));
        if (first) {
            try {
                registry.sticky().remember(i.cwd(), i.profile(), i.block());
            } catch (IOException e) {
                err.println("launch: warning: cannot remember this checkout's range in " + registry.dir() + ": " + e.getMessage());
            }
        }
    }
}
