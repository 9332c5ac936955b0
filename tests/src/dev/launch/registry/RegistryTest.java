package dev.launch.registry;

import dev.launch.ports.PortRange;

import dev.launch.proc.Processes;
import dev.launch.testing.Launcher;
import dev.launch.testing.TestProject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryTest {
    @TempDir
    Path dir;
    TestProject project;
    List<Integer> bases;

    @BeforeEach
    void setUp() throws Exception {
        project = new TestProject(dir);
        bases = project.withChain(2, 4, false);
    }

    private Instance run(String id, long pid, String pidStart, int base) {
        return new Instance(Instance.FORMAT, id, "app", Instance.Kind.RUN, new PortRange("RA", base, 4),
                Map.of("p0", base, "p1", base + 1, "p2", base + 2, "p3", base + 3), pid, pidStart,
                System.currentTimeMillis(), 0, "token-" + id, dir.toString(), null, List.of(), List.of());
    }

    private Registry registry(StringWriter warnings) {
        return new Registry(project.state, new PrintWriter(warnings, true));
    }

    @Test
    void aBlockHeldByALiveInstanceIsSkippedEvenThoughNothingListens() {
        ProcessHandle me = ProcessHandle.current();
        registry(new StringWriter()).locked(s -> {
            s.put(run("app-1", me.pid(), Processes.startOf(me), bases.get(0)));
            return null;
        });
        Launcher.Result r = project.inProcess("ports", "app", "--lease", "0");
        assertTrue(r.out().contains("P0_PORT=" + bases.get(1)), r.out());
        assertTrue(r.err().contains("held by instance app-1"), r.err());
    }

    @Test
    void theEntryOfADeadOwnerIsDroppedAndItsBlockReused() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        registry(new StringWriter()).locked(s -> {
            s.put(run("app-1", gone.pid(), "2001-01-01T00:00:00Z", bases.get(0)));
            return null;
        });
        Launcher.Result r = project.inProcess("ports", "app", "--lease", "0");
        assertTrue(r.out().contains("P0_PORT=" + bases.get(0)), r.out());
        assertTrue(registry(new StringWriter()).live().isEmpty());
    }

    @Test
    void aRecycledPidWithAnotherStartTimeDoesNotKeepAnEntryAlive() {
        ProcessHandle me = ProcessHandle.current();
        registry(new StringWriter()).locked(s -> {
            s.put(run("app-1", me.pid(), "1999-01-01T00:00:00Z", bases.get(0)));
            return null;
        });
        assertTrue(registry(new StringWriter()).live().isEmpty());
    }

    @Test
    void aCorruptEntryIsMovedAsideWithAWarningAndLiveEntriesAreKept() throws Exception {
        ProcessHandle me = ProcessHandle.current();
        registry(new StringWriter()).locked(s -> {
            s.put(run("app-1", me.pid(), Processes.startOf(me), bases.get(0)));
            return null;
        });
        Path corrupt = project.state.resolve("instances/app-2.json");
        Files.writeString(corrupt, "{\"format\": 1, \"id\": \"app-2\", \"ports\": {tru");
        StringWriter warnings = new StringWriter();
        List<Instance> live = registry(warnings).live();
        assertEquals(List.of("app-1"), live.stream().map(Instance::id).toList());
        assertTrue(warnings.toString().contains("app-2.json was unreadable"), warnings.toString());
        assertTrue(Files.exists(project.state.resolve("instances/app-2.json.corrupt")));
        assertFalse(Files.exists(corrupt));
        Launcher.Result r = project.inProcess("ports", "app", "--lease", "0");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("P0_PORT=" + bases.get(1)), r.out());
    }

    @Test
    void anEntryFromANewerVersionIsRespectedAndLeftUntouched() throws Exception {
        ProcessHandle me = ProcessHandle.current();
        Path future = project.state.resolve("instances/app-9.json");
        Files.createDirectories(future.getParent());
        String text = "{\"format\": 99, \"id\": \"app-9\", \"profile\": \"app\", \"kind\": \"RUN\", \"blockStart\": "
                + bases.get(0) + ", \"blockCount\": 4, \"pid\": " + me.pid() + ", \"pidStart\": \"" + Processes.startOf(me)
                + "\", \"somethingNew\": {\"x\": [1, 2]}}";
        Files.writeString(future, text);
        Launcher.Result r = project.inProcess("ports", "app", "--lease", "0");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("P0_PORT=" + bases.get(1)), r.out());
        assertTrue(r.err().contains("written by a newer launch"), r.err());
        assertEquals(text, Files.readString(future));
    }

    @Test
    void anUnusableStateDirIsAClearErrorNotAStackTrace() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        Launcher.Result r = Launcher.inProcess("ports", "app", "--config", project.config.toString(),
                "--profiles", project.profiles.toString(), "--state-dir", file.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("launch: the state dir " + file + " is not a directory"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }
}
