package dev.launch.run;

import dev.launch.testing.Cleanup;
import dev.launch.testing.TestPorts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sh profiles/services/run NAME}: compiled once into a cache keyed on the source, then started from its jar with a
 * class-data archive.
 */
@ExtendWith(Cleanup.class)
class DemoServicesFromClassesTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    @Test
    void concurrentFirstStartsShareOneCompileAndAnEditCompilesAgain() throws Exception {
        Path home = Path.of(System.getenv().getOrDefault("LAUNCH_HOME", ".."));
        Path services = Files.createDirectories(dir.resolve("services"));
        Files.copy(home.resolve("profiles/services/run"), services.resolve("run"));
        Files.copy(home.resolve("profiles/services/Backend.java"), services.resolve("Backend.java"));
        Path cache = dir.resolve("cache");

        int[] ports = TestPorts.freePorts(5);
        List<Process> first = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            first.add(start(services, cache, ports[i], "r" + i));
        }
        for (int i = 0; i < 3; i++) {
            assertEquals("ok\n", awaitHealth(first.get(i), ports[i]));
        }
        assertEquals(1, classDirs(cache).size(), "one compiled copy, whoever won: " + classDirs(cache));
        Path classes = classDirs(cache).get(0);
        assertTrue(Files.isRegularFile(classes.resolve("Backend.jar")));

        // Each first start writes a class-data archive as it exits; the next start puts one in place and maps it.
        for (Process p : first) {
            p.destroy();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals("ok\n", awaitHealth(start(services, cache, ports[3], "r3"), ports[3]));
        assertTrue(Files.isRegularFile(classes.resolve("Backend.jsa")), "no archive in " + classes);
        try (Stream<Path> s = Files.list(classes)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().contains(".jsa.tmp.")).toList(), "pending archives left");
        }

        Path source = services.resolve("Backend.java");
        Files.writeString(source, Files.readString(source).replace("body = \"ok\\n\";", "body = \"edited\\n\";"));
        assertEquals("edited\n", awaitHealth(start(services, cache, ports[4], "r4"), ports[4]));
        assertEquals(2, classDirs(cache).size(), classDirs(cache).toString());
    }

    @Test
    void aCacheDirectoryAnOlderRunScriptLeftIsNotTaken() throws Exception {
        Path home = Path.of(System.getenv().getOrDefault("LAUNCH_HOME", ".."));
        Path services = Files.createDirectories(dir.resolve("services"));
        Files.copy(home.resolve("profiles/services/run"), services.resolve("run"));
        Files.copy(home.resolve("profiles/services/Backend.java"), services.resolve("Backend.java"));
        Path cache = dir.resolve("cache");
        // The layout of the script before the jar: Backend-CKSUM-SIZE with loose classes, marked complete.
        Process sum = new ProcessBuilder("sh", "-c", "cksum <\"$1\" | tr ' ' '-'", "sh", services.resolve("Backend.java").toString()).start();
        String key = new String(sum.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).strip();
        assertTrue(sum.waitFor(10, TimeUnit.SECONDS) && !key.isEmpty());
        Path old = Files.createDirectories(cache.resolve("launch/services/Backend-" + key));
        Files.writeString(old.resolve("Backend.class"), "not a class");
        Files.writeString(old.resolve(".complete"), "");

        int port = TestPorts.freePorts(1)[0];
        assertEquals("ok\n", awaitHealth(start(services, cache, port, "r0"), port));
    }

    private Process start(Path services, Path cache, int port, String role) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("sh", services.resolve("run").toString(), "Backend").directory(dir.toFile());
        pb.environment().keySet().removeIf(k -> k.endsWith("_PORT") || k.equals("PORT") || k.equals("HOST"));
        pb.environment().put("PORT", Integer.toString(port));
        pb.environment().put("ROLE", role);
        pb.environment().put("XDG_CACHE_HOME", cache.toString());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(dir.resolve(role + ".err").toFile());
        Process p = Cleanup.launcher(pb.start(), null);
        return p;
    }

    private String awaitHealth(Process p, int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                fail("service exited with " + p.exitValue() + ": " + errors());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                return r.body();
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        return fail("no answer on port " + port);
    }

    private String errors() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(f -> f.toString().endsWith(".err")).sorted().toList()) {
                all.append("\n").append(f.getFileName()).append(": ").append(Files.readString(f));
            }
        }
        return all.toString();
    }

    private static List<Path> classDirs(Path cache) throws IOException {
        try (Stream<Path> s = Files.list(cache.resolve("launch/services"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("Backend-") && !p.getFileName().toString().contains(".tmp."))
                    .toList();
        }
    }
}
