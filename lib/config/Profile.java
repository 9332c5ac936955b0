package dev.launch.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * profiles/NAME.yaml, decoded and validated. Strings that may hold templates ({@code ${ports.x}})
 * are kept as written and rendered with {@link Template} once the ports are known; every
 * reference in them was checked at load time.
 */
public record Profile(
        String name,
        Path file,
        String description,
        PortsSpec ports,
        Map<String, ProcessSpec> processes,
        List<EnvFileSpec> envFiles,
        Duration grace) {

    public Profile {
        processes = Collections.unmodifiableMap(new LinkedHashMap<>(processes));
        envFiles = List.copyOf(envFiles);
    }

    /**
     * Port names (one port each, in block order), the fallback chain of range names, scan; how
     * each port is shown (templates by port name, default http://localhost:PORT/); sticky: this
     * checkout gets its last range back when free; strict: only the chain's first range.
     */
    public record PortsSpec(List<String> names, List<String> ranges, boolean scan, Map<String, String> urls,
                            boolean sticky, boolean strict) {
        public PortsSpec {
            names = List.copyOf(names);
            ranges = List.copyOf(ranges);
            urls = Collections.unmodifiableMap(new LinkedHashMap<>(urls));
        }

        public PortsSpec(List<String> names, List<String> ranges, boolean scan) {
            this(names, ranges, scan, Map.of(), false, false);
        }
    }

    public record ProcessSpec(
            String name,
            List<String> command,
            String cwd,
            Map<String, String> env,
            ReadySpec ready,
            List<String> dependsOn,
            RestartPolicy restart,
            int maxRestarts,
            Map<String, Condition> conditions) {
        public ProcessSpec {
            command = List.copyOf(command);
            env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
            dependsOn = List.copyOf(dependsOn);
            conditions = conditions == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(conditions));
        }

        /** Every dependency waits until it is ready. */
        public ProcessSpec(String name, List<String> command, String cwd, Map<String, String> env, ReadySpec ready,
                           List<String> dependsOn, RestartPolicy restart, int maxRestarts) {
            this(name, command, cwd, env, ready, dependsOn, restart, maxRestarts, Map.of());
        }
    }

    /**
     * What a process waits for before it starts, per dependency ({@code depends_on: {migrate: completed}}):
     * the dependency has been started, has passed its ready check (once started when it has none),
     * or has exited 0 as a task. A list of names means READY for each.
     */
    public enum Condition {
        STARTED("started"), READY("ready"), COMPLETED("completed");

        private final String yaml;

        Condition(String yaml) {
            this.yaml = yaml;
        }

        public String yaml() {
            return yaml;
        }
    }

    public enum RestartPolicy {
        NO("no"), ON_FAILURE("on-failure"), ALWAYS("always");

        private final String yaml;

        RestartPolicy(String yaml) {
            this.yaml = yaml;
        }

        public String yaml() {
            return yaml;
        }
    }

    /** How to tell a process is ready; each check has its own timeout (default 60 s). */
    public sealed interface ReadySpec {
        Duration timeout();

        /** A TCP connect succeeds on 127.0.0.1 or ::1; {@code port} is a template. */
        record Tcp(String port, Duration timeout) implements ReadySpec {}

        /** An HTTP GET answers 2xx or 3xx; {@code url} is a template. */
        record Http(String url, Duration timeout) implements ReadySpec {}

        /** A line of the process's output contains a match of {@code regex}. */
        record Log(String regex, Duration timeout) implements ReadySpec {}
    }

    /** An env file to write while the stack runs; path and values are templates. */
    public record EnvFileSpec(String path, Map<String, String> values) {
        public EnvFileSpec {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }
}
