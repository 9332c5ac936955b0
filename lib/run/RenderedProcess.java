package dev.launch.run;

import dev.launch.config.Profile;
import dev.launch.config.Template;
import dev.launch.util.Names;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A process of a profile with every template rendered: what the {@link Supervisor} starts.
 * {@code env} is added to the launcher's own environment; {@code ready} holds a rendered port or
 * URL (null: ready once started); {@code ports} are the ports it should bind, named, so a crash
 * over a port taken by a foreign program can be told as such.
 */
public record RenderedProcess(
        String name,
        List<String> command,
        Path cwd,
        Map<String, String> env,
        Profile.ReadySpec ready,
        List<String> dependsOn,
        Profile.RestartPolicy restart,
        int maxRestarts,
        Map<String, Integer> ports,
        Map<String, Profile.Condition> conditions) {

    public RenderedProcess {
        conditions = conditions == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(conditions));
        if (command.isEmpty()) {
            throw new IllegalArgumentException(name + ": empty command");
        }
        command = List.copyOf(command);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        dependsOn = List.copyOf(dependsOn);
        ports = Collections.unmodifiableMap(new LinkedHashMap<>(ports));
        restart = restart == null ? Profile.RestartPolicy.NO : restart;
    }

    /** Every dependency waits until it is ready. */
    public RenderedProcess(String name, List<String> command, Path cwd, Map<String, String> env, Profile.ReadySpec ready,
                           List<String> dependsOn, Profile.RestartPolicy restart, int maxRestarts, Map<String, Integer> ports) {
        this(name, command, cwd, env, ready, dependsOn, restart, maxRestarts, ports, Map.of());
    }

    /** What this process waits for from {@code dependency} (ready unless the profile says otherwise). */
    public Profile.Condition condition(String dependency) {
        return conditions.getOrDefault(dependency, Profile.Condition.READY);
    }

    /**
     * {@code spec} with its templates rendered through {@code lookup} (as for {@link Template#render});
     * relative cwd against {@code root}; env = NAME_PORT for every port, LAUNCH_INSTANCE, then the
     * profile's own values (which win).
     */
    public static RenderedProcess render(Profile.ProcessSpec spec, java.util.function.Function<String, String> lookup,
                                         Path root, String instanceId, Map<String, Integer> ports) {
        List<String> command = spec.command().stream().map(t -> Template.render(t, lookup)).toList();
        Path cwd = spec.cwd() == null ? root : root.resolve(Template.render(spec.cwd(), lookup)).normalize();
        Map<String, String> env = instanceEnv(instanceId, ports);
        spec.env().forEach((k, v) -> env.put(k, Template.render(v, lookup)));
        Profile.ReadySpec ready = spec.ready();
        if (ready instanceof Profile.ReadySpec.Tcp t) {
            ready = new Profile.ReadySpec.Tcp(Template.render(t.port(), lookup), t.timeout());
        } else if (ready instanceof Profile.ReadySpec.Http h) {
            ready = new Profile.ReadySpec.Http(Template.render(h.url(), lookup), h.timeout());
        }
        return new RenderedProcess(spec.name(), command, cwd, env, ready, spec.dependsOn(), spec.restart(),
                spec.maxRestarts(), ownedPorts(spec, ports), spec.conditions());
    }

    /** NAME_PORT for every port plus LAUNCH_INSTANCE: what every process of an instance gets. */
    public static Map<String, String> instanceEnv(String instanceId, Map<String, Integer> ports) {
        Map<String, String> env = new LinkedHashMap<>();
        ports.forEach((name, port) -> env.put(Names.portVariable(name), Integer.toString(port)));
        env.put("LAUNCH_INSTANCE", instanceId);
        return env;
    }

    /**
     * The ports a process should bind: the one named like it, and those its (unrendered) env,
     * command or ready check refer to as {@code ${ports.NAME}}.
     */
    public static Map<String, Integer> ownedPorts(Profile.ProcessSpec spec, Map<String, Integer> ports) {
        List<String> texts = new ArrayList<>(spec.command());
        texts.addAll(spec.env().values());
        if (spec.ready() instanceof Profile.ReadySpec.Tcp t) {
            texts.add(t.port());
        } else if (spec.ready() instanceof Profile.ReadySpec.Http h) {
            texts.add(h.url());
        }
        Map<String, Integer> owned = new LinkedHashMap<>();
        ports.forEach((name, port) -> {
            if (name.equals(spec.name()) || texts.stream().anyMatch(t -> t.contains("${ports." + name + "}"))) {
                owned.put(name, port);
            }
        });
        return owned;
    }
}
