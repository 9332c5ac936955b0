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

    public Optional<PortRange> range(String name) {
        return Optional.ofNullable(ranges.get(name));
    }
}
