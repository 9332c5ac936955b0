package dev.launch.config;

import dev.launch.testing.ConfigFiles;

import static dev.launch.testing.ConfigFiles.problemsOf;
import static dev.launch.testing.ConfigFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DependsOnTest {
    @TempDir
    Path dir;

    private List<String> errors(String processes) {
        write(dir, "profiles/p.yaml", "ports: { names: [a], ranges: [SMALL] }\nprocesses:\n" + processes);
        PortsConfig config = ConfigFiles.ports(dir);
        return problemsOf(() -> ProfileLoader.load(dir.resolve("profiles"), "p", config, var -> null));
    }

    private String at(String rest) {
        return dir.resolve("profiles/p.yaml") + ":" + rest;
    }

    @Test
    void unknownDependencyGetsDidYouMean() {
        assertEquals(List.of(at("4:35: processes.web.depends_on[0]: unknown process \"netwrk\"; did you mean \"network\"? (processes: network, web)")),
                errors("""
                          network: { command: x }
                          web: { command: x, depends_on: [netwrk] }
                        """));
    }

    @Test
    void cycleIsAnErrorNamingTheWholeLoop() {
        assertEquals(List.of(at("3:32: processes.a.depends_on: dependency cycle: a -> b -> c -> a")),
                errors("""
                          a: { command: x, depends_on: [b] }
                          b: { command: x, depends_on: [c] }
                          c: { command: x, depends_on: [a] }
                          d: { command: x, depends_on: [a] }
                        """));
    }

    @Test
    void selfDependencyIsACycle() {
        assertEquals(List.of(at("3:32: processes.a.depends_on: dependency cycle: a -> a")),
                errors("""
                          a: { command: x, depends_on: [a] }
                        """));
    }

    @Test
    void eachSeparateCycleIsReportedOnce() {
        assertEquals(List.of(at("3:32: processes.a.depends_on: dependency cycle: a -> b -> a"),
                        at("5:32: processes.c.depends_on: dependency cycle: c -> d -> c")),
                errors("""
                          a: { command: x, depends_on: [b] }
                          b: { command: x, depends_on: [a] }
                          c: { command: x, depends_on: [d] }
                          d: { command: x, depends_on: [c] }
                        """));
    }

    @Test
    void dependencyListedTwiceIsAnError() {
        assertEquals(List.of(at("4:36: processes.b.depends_on[1]: \"a\" is listed twice")),
                errors("""
                          a: { command: x }
                          b: { command: x, depends_on: [a, a] }
                        """));
    }

    @Test
    void acyclicChainsLoad() {
        write(dir, "profiles/p.yaml", """
                ports: { names: [a], ranges: [SMALL] }
                processes:
                  db: { command: x }
                  api: { command: x, depends_on: [db] }
                  web: { command: x, depends_on: [api, db] }
                """);
        Profile p = ProfileLoader.load(dir.resolve("profiles"), "p", ConfigFiles.ports(dir), var -> null);
        assertEquals(List.of("api", "db"), p.processes().get("web").dependsOn());
    }
}
