package dev.launch.registry;

import dev.launch.testing.Launcher;
import dev.launch.testing.TestProject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing read from the state dir is trusted as it is: each entry is validated, a bad or special
 * one is moved aside with a warning and costs only itself, and the registry never writes
 * through a link someone left in it.
 */
class HostileEntriesTest {
    @TempDir
    Path dir;

    TestProject project;
    Path instances;
    int base;

    @BeforeEach
    void setUp() throws Exception {
        project = new TestProject(dir);
        base = project.withChain(1, 2, false).get(0);
        assertEquals(0, project.inProcess("ports", "app", "--lease", "10m").exit());
        instances = project.state.resolve("instances");
        assertTrue(Files.exists(instances.resolve("app-1.json")));
    }

    private Launcher.Result status() {
        Launcher.Result r = Launcher.within(Duration.ofSeconds(30), dir, Map.of(), project.args("status", "--json"));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\"app-1\""), "the good entry is still there: " + r.out());
        assertFalse(r.err().contains("\tat "), r.err());
        return r;
    }

    private static String entry(String id, String extra) {
        return "{\"format\":1,\"id\":\"" + id + "\",\"profile\":\"app\",\"kind\":\"LEASE\",\"range\":\"RA\",\"blockStart\":22998,"
                + "\"blockCount\":1,\"pid\":1,\"createdAt\":1,\"leaseUntil\":" + (System.currentTimeMillis() + 600_000) + extra + "}";
    }

    @Test
    void aFifoAsAnEntryCostsOnlyItself() throws Exception {
        Path fifo = instances.resolve("app-7.json");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Launcher.Result r = status();
        assertTrue(r.err().contains("app-7.json") && r.err().contains("not a regular file"), r.err());
        assertTrue(Files.exists(instances.resolve("app-7.json.corrupt"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void aSymlinkToDevZeroAsAnEntryCostsOnlyItself() throws Exception {
        Files.createSymbolicLink(instances.resolve("app-8.json"), Path.of("/dev/zero"));
        Launcher.Result r = status();
        assertTrue(r.err().contains("symbolic link"), r.err());
    }

    @Test
    void anIdThatClimbsOutOfTheStateDirIsQuarantinedNotMoved() throws Exception {
        Files.writeString(instances.resolve("app-3.json"), entry("../../escaped", ""));
        Launcher.Result r = status();
        assertTrue(r.err().contains("app-3.json"), r.err());
        assertFalse(Files.exists(dir.resolve("escaped.json")));
        assertFalse(Files.exists(project.state.resolve("escaped.json")));
        assertTrue(Files.exists(instances.resolve("app-3.json.corrupt")));
    }

    @Test
    void aPortNameMadeOfShellCodeNeverReachesEnvOutput() throws Exception {
        Path marker = dir.resolve("INJECTED");
        Files.writeString(instances.resolve("app-4.json"), entry("app-4", ",\"ports\":{\"A;touch " + marker + ";B\":22998}"));
        Launcher.Result env = Launcher.within(Duration.ofSeconds(30), dir, Map.of(), project.args("env", "app-4"));
        assertEquals(1, env.exit(), env.out());
        assertFalse(env.out().contains("touch"), env.out());
        assertTrue(env.err().contains("app-4.json"), env.err());
        Process sh = new ProcessBuilder("sh", "-c", "eval \"$1\"", "sh", env.out()).start();
        assertTrue(sh.waitFor(10, TimeUnit.SECONDS));
        assertFalse(Files.exists(marker));
    }

    @Test
    void portsOutOfRangeAndRelativeEnvFilesAreRefused() throws Exception {
        Files.writeString(instances.resolve("app-5.json"), entry("app-5", ",\"ports\":{\"a\":70000}"));
        Files.writeString(instances.resolve("app-6.json"), entry("app-6", ",\"envFiles\":[{\"file\":\"../../victim\",\"existed\":true,"
                + "\"originalContent\":\"chosen\",\"written\":{}}]"));
        Launcher.Result r = status();
        assertTrue(r.err().contains("app-5.json") && r.err().contains("app-6.json"), r.err());
        assertFalse(Files.exists(dir.resolve("victim")));
    }

    @Test
    void urlsEnvTargetsAndGraceAreCheckedLikeEveryOtherField() throws Exception {
        String ports = ",\"ports\":{\"web\":22998}";
        Map<String, String> bad = Map.of(
                "app-10", ports + ",\"urls\":{\"web\":\"javascript:alert(1)\"}",
                "app-11", ports + ",\"urls\":{\"other\":\"http://localhost:1/\"}",
                "app-12", ports + ",\"urls\":{\"web\":\"http://localhost:22998/\\u001b]0;x\\u0007\"}",
                "app-13", ports + ",\"urls\":{\"web\":\"http://localhost:22998/" + "a".repeat(3000) + "\"}",
                "app-14", ",\"envTargets\":[{\"file\":\"rel/.env\",\"values\":{\"A\":\"1\"}}]",
                "app-15", ",\"envTargets\":[{\"file\":\"/tmp/x/.env\",\"values\":{\"A;rm -rf ~\":\"1\"}}]",
                "app-16", ",\"envTargets\":[{\"file\":\"/tmp/x/../../etc/.env\",\"values\":{\"A\":\"1\"}}]",
                "app-17", ",\"envTargets\":[{\"file\":\"/tmp/x/.env\",\"values\":{\"A\":null}}]",
                "app-18", ",\"graceMillis\":-1",
                "app-19", ",\"graceMillis\":" + Duration.ofHours(25).toMillis());
        bad.forEach((id, extra) -> write(id, entry(id, extra)));
        write("app-20", entry("app-20", ports + ",\"urls\":{\"web\":\"wss://localhost:22998/live?x=1\"},"
                + "\"envTargets\":[{\"file\":\"/tmp/x/.env\",\"values\":{\"WEB_URL\":\"http://localhost:22998\"}}],\"graceMillis\":5000"));

        Launcher.Result r = status();

        List<String> kept = bad.keySet().stream().sorted()
                .filter(id -> !r.err().contains(id + ".json") || !Files.exists(instances.resolve(id + ".json.corrupt"))).toList();
        assertEquals(List.of(), kept, "taken as good: " + r.err());
        assertTrue(r.out().contains("\"app-20\"") && r.out().contains("wss://localhost:22998/live?x=1"), "a good one is kept: " + r.out() + r.err());
        assertFalse(r.err().contains("app-20"), r.err());
    }

    private void write(String id, String json) {
        try {
            Files.writeString(instances.resolve(id + ".json"), json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aDeadEntryCannotMakePruneWriteOutsideItsOwnFiles() throws Exception {
        Path victim = dir.resolve("victim.txt");
        Files.writeString(instances.resolve("evil-1.json"), entry("evil-1", ",\"envFiles\":[{\"file\":\"victim.txt\",\"existed\":true,"
                + "\"originalContent\":\"chosen\",\"written\":{}}]").replace("LEASE", "RUN")
                .replace("\"pid\":1,", "\"pid\":4000001,\"pidStart\":\"2020-01-01T00:00:00Z\",\"runToken\":\"abc\","));
        Launcher.Result prune = Launcher.within(Duration.ofSeconds(30), dir, Map.of(), project.args("prune"));
        assertEquals(0, prune.exit(), prune.err());
        assertFalse(Files.exists(victim), "prune wrote the planted content to a relative path");
    }

    @Test
    void theRegistryNeverWritesThroughALinkPlantedAtItsTempNameOrItsEntryName() throws Exception {
        Path outside = Files.writeString(dir.resolve("precious.txt"), "keep me\n");
        Files.delete(instances.resolve("app-1.json"));
        // The names the registry's temp files had: fixed per pid, so they could be planted ahead.
        Files.createSymbolicLink(instances.resolve(".app-1.json.tmp-" + ProcessHandle.current().pid()), outside);
        Files.createSymbolicLink(instances.resolve("app-9.json"), outside);
        Launcher.Result r = project.inProcess("ports", "app", "--lease", "1m");
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.isRegularFile(instances.resolve("app-1.json"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals("keep me\n", Files.readString(outside));
        assertTrue(Files.isSymbolicLink(instances.resolve("app-9.json.corrupt")), "the link itself was moved aside");
    }

    @Test
    void controlCharactersInAnEntryNeverReachTheTerminal() throws Exception {
        Files.writeString(instances.resolve("app-5.json"), entry("app-5", "").replace("\"profile\":\"app\"",
                "\"profile\":\"\\u001b]0;pwned\\u0007\""));
        Launcher.Result r = Launcher.within(Duration.ofSeconds(30), dir, Map.of(), project.args("status"));
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.out().contains("\u001b") || r.err().contains("\u001b"), r.out() + r.err());
        assertEquals("a?]0;b?", dev.launch.util.Names.printable("a\u001b]0;b\u0007"));
        assertEquals(List.of("x?y"), List.of(new dev.launch.cli.Table("h").row("x\u009by").render().lines().skip(1).findFirst().orElseThrow()));
    }

    @Test
    void shOutputIsShellQuoted() {
        assertEquals("5101", dev.launch.util.Names.shellQuote("5101"));
        assertEquals("'a;b'", dev.launch.util.Names.shellQuote("a;b"));
        assertEquals("'it'\\''s'", dev.launch.util.Names.shellQuote("it's"));
        assertEquals("''", dev.launch.util.Names.shellQuote(""));
    }
}
