package dev.launch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
        Map<String, Integer> ports) {

    public RenderedProcess {
        if (command.isEmpty()) {
            throw new IllegalArgumentException(name + ": empty command");
        }
        command = List.copyOf(command);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        dependsOn = List.copyOf(dependsOn);
        ports = Collections.unmodifiableMap(new LinkedHashMap<>(ports));
        restart = restart == null ? Profile.RestartPolicy.NO : restart;
    }

    /** {@code networkSimulator} → {@code NETWORK_SIMULATOR_PORT}. */
    public static String portVar(String portName) {
        return portName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("[^A-Za-z0-9]+", "_")
                .toUpperCase(Locale.ROOT) + "_PORT";
    }

    /** NAME_PORT for every port plus LAUNCH_INSTANCE: what every process of an instance gets. */
    public static Map<String, String> instanceEnv(String instanceId, Map<String, Integer> ports) {
        Map<String, String> env = new LinkedHashMap<>();
        ports.forEach((name, port) -> env.put(portVar(name), Integer.toString(port)));
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
