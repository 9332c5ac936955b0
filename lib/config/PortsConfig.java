package dev.launch.config;

import dev.launch.ports.PortRange;
import dev.launch.yaml.Problem;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** ports.yaml, decoded and validated: its ranges in file order, and the warnings it raised. */
public record PortsConfig(Path file, Map<String, PortRange> ranges, List<Problem> warnings) {
    public PortsConfig {
        ranges = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ranges));
        warnings = List.copyOf(warnings);
    }

    /** The range called {@code name}, as written or normalised ("secondary-dev" finds SECONDARY_DEV). */
    public Optional<PortRange> range(String name) {
        return lookup(ranges, name);
    }

    /** A name typed by a person or passed to the API finds its range however it is cased or dashed. */
    public static Optional<PortRange> lookup(Map<String, PortRange> ranges, String name) {
        PortRange exact = ranges.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        String key = normalise(name);
        return ranges.entrySet().stream().filter(e -> normalise(e.getKey()).equals(key)).map(Map.Entry::getValue).findFirst();
    }

    /** "secondary-dev " -> "SECONDARY_DEV": trimmed, upper-cased, runs of dashes and spaces as one underscore. */
    public static String normalise(String name) {
        return name.trim().toUpperCase(java.util.Locale.ROOT).replaceAll("[-\\s]+", "_");
    }
}
