package dev.launch.api;

import dev.launch.project.Locations;
import dev.launch.testing.JbangCache;
import dev.launch.testing.TestPorts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Java API example, run for real: another JBang script that pulls in lib/ with //SOURCES. */
class PortsApiFromJbangScriptTest {
    @Test
    void anotherJbangScriptUsesThePortFinderThroughSources(@TempDir Path dir) throws Exception {
        Path home = Locations.home();
        Path lib = Files.createDirectories(dir.resolve("launch/lib"));
        try (var sources = Files.walk(home.resolve("lib"))) {
            for (Path source : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path copy = lib.resolve(home.resolve("lib").relativize(source).toString());
                Files.createDirectories(copy.getParent());
                Files.copy(source, copy);
            }
        }
        Files.createDirectories(dir.resolve("app"));
        int base = TestPorts.freeBlock(3);
        Files.writeString(dir.resolve("app/ports.yaml"), "ranges:\n  MY_TEST: { base: " + base + ", count: 4 }\n");
        Files.writeString(dir.resolve("app/FindPorts.java"), """
                ///usr/bin/env jbang "$0" "$@" ; exit $?
                //DEPS info.picocli:picocli:4.7.7
                //DEPS org.yaml:snakeyaml:2.7
                //DEPS com.fasterxml.jackson.core:jackson-core:2.23.0
                //SOURCES ../launch/lib/*/*.java
                import dev.launch.api.Ports;

                class FindPorts {
                    public static void main(String... args) {
                        int base = Integer.parseInt(args[0]);
                        System.out.println(Ports.isPortAvailable(base));
                        System.out.println(Ports.findAvailablePort(base));
                        System.out.println(Ports.findAvailablePorts(base, 3));
                        System.out.println(Ports.portsForEnvironment("my-test"));
                    }
                }
                """);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        ProcessBuilder pb = new ProcessBuilder(home.resolve("jbang").toString(), "FindPorts.java", Integer.toString(base))
                .directory(dir.resolve("app").toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("LAUNCH_JBANG_CACHE", JbangCache.bootstrappedOr(dir.resolve("jbang")).toString());
        pb.environment().put("LAUNCH_FAST_CACHE", dir.resolve("fast").toString());
        pb.environment().put("JBANG_CACHE_DIR", dir.resolve("jbang-cache").toString());
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the script did not finish");
        assertEquals(0, p.exitValue(), Files.readString(err));
        assertEquals(List.of("true", Integer.toString(base), "[" + base + ", " + (base + 1) + ", " + (base + 2) + "]",
                "{alice=" + base + ", bob=" + (base + 1) + ", networkSimulator=" + (base + 2) + ", networkHttp=" + (base + 3) + "}"),
                Files.readAllLines(out));
    }
}
