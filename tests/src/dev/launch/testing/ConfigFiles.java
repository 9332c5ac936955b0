package dev.launch.testing;

import dev.launch.config.ConfigException;
import dev.launch.config.PortsConfig;
import dev.launch.config.PortsConfigLoader;
import dev.launch.yaml.Problem;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/** Writes config files into a test's directory and collects what loading them reports. */
public final class ConfigFiles {
    private ConfigFiles() {}

    public static Path write(Path dir, String name, String text) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The ranges of {@code portsYaml} (the repository's, say) with the same names and counts, each
     * moved to a free block of the tests' port window, so a test of the real profiles never probes
     * the ports of real stacks.
     */
    public static String rangesAbove20000(Path portsYaml) {
        try {
            StringBuilder out = new StringBuilder("ranges:\n");
            for (var range : PortsConfigLoader.load(portsYaml).ranges().values()) {
                out.append("  ").append(range.name()).append(": { base: ").append(TestPorts.freeBlock(range.count()))
                        .append(", count: ").append(range.count()).append(" }\n");
            }
            return out.toString();
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot read " + portsYaml + ": " + e.getMessage(), e);
        }
    }

    /** The problem lines of the ConfigException that {@code load} must throw. */
    public static List<String> problemsOf(Supplier<?> load) {
        ConfigException e = assertThrows(ConfigException.class, load::get);
        return e.problems().stream().map(Problem::toString).toList();
    }

    public static final String PORTS = """
            ranges:
              DEVELOPMENT:   { base: 5001, count: 4 }
              SECONDARY_DEV: { base: 5101, count: 4 }
              SMALL:         { base: 3001, count: 2 }
            """;

    public static PortsConfig ports(Path dir) {
        return PortsConfigLoader.load(write(dir, "ports.yaml", PORTS));
    }
}
