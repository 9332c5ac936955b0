package dev.launch.config;

import dev.launch.testing.ConfigFiles;

import static dev.launch.testing.ConfigFiles.problemsOf;
import static dev.launch.testing.ConfigFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** depends_on as a mapping NAME: started | ready | completed; a list means ready. */
class DependsOnConditionsTest {
    @TempDir
    Path dir;

    private Profile load(String processes) {
        write(dir, "profiles/p.yaml", "ports: { names: [a], ranges: [SMALL] }\nprocesses:\n" + processes);
        return ProfileLoader.load(dir.resolve("profiles"), "p", ConfigFiles.ports(dir), var -> null);
    }

    private List<String> errors(String processes) {
        write(dir, "profiles/p.yaml", "ports: { names: [a], ranges: [SMALL] }\nprocesses:\n" + processes);
        PortsConfig config = ConfigFiles.ports(dir);
        return problemsOf(() -> ProfileLoader.load(dir.resolve("profiles"), "p", config, var -> null));
    }

    private String at(String rest) {
        return dir.resolve("profiles/p.yaml") + ":" + rest;
    }

    @Test
    void aMappingGivesEachDependencyItsCondition() {
        Profile p = load("""
                  migrate: { command: x }
                  network: { command: x }
                  seed: { command: x }
                  alice:
                    command: x
                    depends_on: { migrate: completed, network: ready, seed: started }
                """);
        Profile.ProcessSpec alice = p.processes().get("alice");
        assertEquals(List.of("migrate", "network", "seed"), alice.dependsOn());
        assertEquals(Map.of("migrate", Profile.Condition.COMPLETED, "network", Profile.Condition.READY, "seed", Profile.Condition.STARTED),
                alice.conditions());
    }

    @Test
    void aListMeansReady() {
        Profile p = load("""
                  network: { command: x }
                  alice: { command: x, depends_on: [network] }
                """);
        assertEquals(List.of("network"), p.processes().get("alice").dependsOn());
        assertEquals(Map.of(), p.processes().get("alice").conditions());
    }

    @Test
    void anUnknownConditionIsAnErrorWithTheChoicesAndADidYouMean() {
        assertEquals(List.of(at("4:47: processes.alice.depends_on.migrate: expected started, ready or completed (got \"complete\"); did you mean \"completed\"?")),
                errors("""
                          migrate: { command: x }
                          alice: { command: x, depends_on: { migrate: complete } }
                        """));
    }

    @Test
    void anUnknownProcessInTheMappingIsAnError() {
        assertEquals(List.of(at("4:38: processes.alice.depends_on.migrat: unknown process \"migrat\"; did you mean \"migrate\"? (processes: migrate, alice)")),
                errors("""
                          migrate: { command: x }
                          alice: { command: x, depends_on: { migrat: completed } }
                        """));
    }
}
