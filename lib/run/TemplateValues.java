package dev.launch.run;

import dev.launch.registry.Instance;

import java.util.function.Function;

/** The values a profile's templates see for one instance: ports.NAME, env.VAR, instance.id, profile, range. */
public final class TemplateValues {
    private TemplateValues() {}

    public static Function<String, String> of(Instance instance) {
        return key -> {
            if (key.startsWith("ports.")) {
                Integer port = instance.ports().get(key.substring("ports.".length()));
                return port == null ? null : port.toString();
            }
            if (key.startsWith("env.")) {
                return System.getenv(key.substring("env.".length()));
            }
            return switch (key) {
                case "instance.id" -> instance.id();
                case "profile" -> instance.profile();
                case "range" -> instance.range();
                default -> null;
            };
        };
    }
}
