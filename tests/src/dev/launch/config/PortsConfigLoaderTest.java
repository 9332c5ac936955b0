package dev.launch.config;

import dev.launch.ports.PortRange;
import dev.launch.util.ExitCode;

import static dev.launch.testing.ConfigFiles.problemsOf;
import static dev.launch.testing.ConfigFiles.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortsConfigLoaderTest {
    @TempDir
    Path dir;

    private List<String> errors(String yaml) {
        Path file = write(dir, "ports.yaml", yaml);
        return problemsOf(() -> PortsConfigLoader.load(file));
    }

    private String at(String rest) {
        return dir.resolve("ports.yaml") + ":" + rest;
    }

    @Test
    void readsRangesInFileOrder() {
        PortsConfig config = PortsConfigLoader.load(write(dir, "ports.yaml", """
                ranges:
                  DEVELOPMENT: { base: 5001, count: 4 }
                  CYPRESS:
                    base: 3011
                    count: 2
                """));
        assertEquals(List.of("DEVELOPMENT", "CYPRESS"), List.copyOf(config.ranges().keySet()));
        assertEquals(new PortRange("CYPRESS", 3011, 2), config.ranges().get("CYPRESS"));
        assertTrue(config.warnings().isEmpty(), config.warnings().toString());
    }

    @Test
    void baseOutsideOneTo65535IsAnErrorAtTheValue() {
        assertEquals(List.of(at("2:16: ranges.WEB.base: must be between 1 and 65535 (got 70000)"),
                        at("3:16: ranges.LOW.base: must be between 1 and 65535 (got 0)")),
                errors("""
                        ranges:
                          WEB: { base: 70000, count: 4 }
                          LOW: { base: 0, count: 4 }
                        """));
    }

    @Test
    void blockEndingAbove65535IsAnErrorAtTheCount() {
        assertEquals(List.of(at("2:30: ranges.TOP.count: the block 65530-65539 ends above 65535; at most 6 ports fit from base 65530")),
                errors("""
                        ranges:
                          TOP: { base: 65530, count: 10 }
                        """));
    }

    @Test
    void countBelowOneIsAnError() {
        assertEquals(List.of(at("2:30: ranges.NONE.count: must be at least 1 (got 0)"),
                        at("3:29: ranges.NEG.count: must be at least 1 (got -3)")),
                errors("""
                        ranges:
                          NONE: { base: 5001, count: 0 }
                          NEG: { base: 5001, count: -3 }
                        """));
    }

    @Test
    void missingBaseAndCountAreErrorsAtTheRangeName() {
        assertEquals(List.of(at("2:3: ranges.A: missing key \"base\" (the first port of the block)"),
                        at("3:3: ranges.B: missing key \"count\" (how many consecutive ports)")),
                errors("""
                        ranges:
                          A: { count: 4 }
                          B: { base: 5001 }
                        """));
    }

    @Test
    void duplicateRangeNameNamesBothLines() {
        assertEquals(List.of(at("4:3: ranges: duplicate key \"DEV\": defined on line 2 and again on line 4")),
                errors("""
                        ranges:
                          DEV: { base: 5001, count: 4 }
                          OTHER: { base: 6001, count: 4 }
                          DEV: { base: 5101, count: 4 }
                        """));
    }

    @Test
    void rangeNameMustBeAnIdentifier() {
        assertEquals(List.of(at("2:3: ranges.9LIVES: a range name must start with a letter and hold only letters, digits and _"),
                        at("3:3: ranges.my-range: a range name must start with a letter and hold only letters, digits and _")),
                errors("""
                        ranges:
                          9LIVES: { base: 5001, count: 4 }
                          my-range: { base: 6001, count: 4 }
                        """));
    }

    @Test
    void unknownKeysGetDidYouMean() {
        assertEquals(List.of(at("1:1: unknown key \"rangs\"; did you mean \"ranges\"?"),
                        at("1:1: missing key \"ranges\" (a mapping NAME: { base: PORT, count: N })")),
                errors("""
                        rangs:
                          DEV: { base: 5001, count: 4 }
                        """));
        assertEquals(List.of(at("2:3: ranges.DEV: missing key \"base\" (the first port of the block)"),
                        at("2:10: ranges.DEV: unknown key \"bsae\"; did you mean \"base\"?"),
                        at("3:22: ranges.WEB: unknown key \"colour\" (expected one of: base, count)")),
                errors("""
                        ranges:
                          DEV: { bsae: 5001, count: 4 }
                          WEB: { base: 6001, colour: red, count: 4 }
                        """));
    }

    @Test
    void everyErrorIsReportedAtOnce() {
        List<String> errors = errors("""
                ranges:
                  A: { base: 70000, count: 4 }
                  B: { base: 010, count: 4 }
                  C: { base: 5001, count: 0 }
                  D: { base: "5001", count: 4 }
                """);
        assertEquals(4, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith(at("2:")), errors.toString());
        assertTrue(errors.get(3).startsWith(at("5:")), errors.toString());
    }

    @Test
    void wrongShapesAreClearErrors() {
        assertEquals(List.of(at("2:6: ranges.L: expected a mapping { base: PORT, count: N }, got a list")),
                errors("""
                        ranges:
                          L: [5001, 4]
                        """));
        assertEquals(List.of(at("1:8: ranges: expected a mapping NAME: { base: PORT, count: N }, got nothing")),
                errors("ranges:\n"));
        assertEquals(List.of(at("1:9: ranges: no ranges defined; add one, e.g. DEVELOPMENT: { base: 5001, count: 4 }")),
                errors("ranges: {\n  }\n"));
        assertEquals(List.of(at("1:1: expected a mapping with a \"ranges:\" key, got a list")),
                errors("- DEV\n"));
    }

    @Test
    void emptyFileIsAnError() {
        assertEquals(List.of(dir.resolve("ports.yaml") + ": is empty; it needs a \"ranges:\" mapping, e.g. "
                + "\"ranges: { DEVELOPMENT: { base: 5001, count: 4 } }\""), errors("# nothing yet\n"));
    }

    @Test
    void missingFileNamesThePathAndHowToFixIt() {
        Path missing = dir.resolve("nope/ports.yaml");
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> PortsConfigLoader.load(missing));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals(missing + ": not found; create it with your port ranges, e.g. "
                + "\"ranges: { DEVELOPMENT: { base: 5001, count: 4 } }\", or point --config at one", e.getMessage());
    }

    @Test
    void pathIsShownAsGiven() {
        Path relative = Path.of("no-such-dir", "ports.yaml");
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> PortsConfigLoader.load(relative));
        assertTrue(e.getMessage().startsWith("no-such-dir/ports.yaml: not found;"), e.getMessage());
    }

    @Test
    void theRepositoryPortsYamlLoadsWithoutProblems() {
        PortsConfig config = PortsConfigLoader.load(Path.of(System.getenv("LAUNCH_HOME"), "ports.yaml"));
        assertEquals(List.of("DEFAULT", "DEVELOPMENT", "CYPRESS", "BACKEND_TEST", "SECONDARY_DEV", "TERTIARY_DEV",
                "MY_ORCHESTRATOR", "UI"), List.copyOf(config.ranges().keySet()));
        assertEquals(new PortRange("DEVELOPMENT", 5001, 4), config.ranges().get("DEVELOPMENT"));
        assertEquals(new PortRange("MY_ORCHESTRATOR", 6001, 4), config.ranges().get("MY_ORCHESTRATOR"));
        assertEquals(List.of(), config.warnings());
    }
}
